package web_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// TestPlaceFiltersIgnoreSpelling: a province or organization typed with
// Arabic letters (ك, ي) or other digits is stored as the miner stores
// places, and a filter typed either way finds it.
func TestPlaceFiltersIgnoreSpelling(t *testing.T) {
	a := newApp(t)
	resp, _ := a.post("/events", url.Values{"title": {"نشست خبری"}, "kind": {"press_conference"}, "start": {"1403/02/27"},
		"province": {"  كرمانشاه "}, "organization": {"اداره كل منطقه 3"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", resp.StatusCode)
	}
	mined := domain.Event{Title: "همایش", Kind: domain.KindConference, Start: jalali.MustNew(1403, 2, 28), Province: "کرمانشاه"}
	if err := a.db.CreateEvent(context.Background(), &mined); err != nil {
		t.Fatal(err)
	}
	all, _ := a.db.EventsBetween(context.Background(), jalali.MustNew(1403, 2, 1), jalali.MustNew(1403, 2, 31), domain.EventFilter{})
	for _, e := range all {
		if e.Province != "کرمانشاه" {
			t.Errorf("event %q stored with province %q, want کرمانشاه", e.Title, e.Province)
		}
	}
	for _, q := range []string{"?province=كرمانشاه", "?province=کرمانشاه", "?province=%E2%80%8F%D9%83%D8%B1%D9%85%D8%A7%D9%86%D8%B4%D8%A7%D9%87"} {
		for _, path := range []string{"/calendar/1403/2", "/calendar/1403/2/27", "/calendar/1403"} {
			_, doc := a.get(path + q)
			if path == "/calendar/1403" {
				if doc.Find(`td[data-date="1403/02/27"] .dot`).Length() != 1 {
					t.Errorf("%s%s: no event dot on 1403/02/27", path, q)
				}
				continue
			}
			if doc.Find(`main [data-event-id]`).Length() == 0 {
				t.Errorf("%s%s finds nothing", path, q)
			}
		}
	}
	_, doc := a.get("/calendar/1403/2?organization=" + url.QueryEscape("اداره کل منطقه ۳"))
	if doc.Find(`td[data-date="1403/02/27"] [data-event-id]`).Length() != 1 {
		t.Error("the organization typed with Persian digits and yeh does not find the event typed with Latin digits and Arabic kaf")
	}
}
