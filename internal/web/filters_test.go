package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

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
	if err := uc(a.db).SaveEvent(context.Background(), &mined); err != nil {
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

// TestFilterKeptByJumpAndYear: the month-and-year jump keeps the filter
// (hidden fields, and the redirect), and the year page has the filter form
// and the feed links of what it shows.
func TestFilterKeptByJumpAndYear(t *testing.T) {
	a := newApp(t)
	filter := "?kind=meeting&organization=" + url.QueryEscape("استانداری") + "&proposed=1&province=" + url.QueryEscape("همدان")
	_, doc := a.get("/calendar/1403/2" + filter)
	jump := doc.Find(`[data-testid="jump"]`)
	for name, want := range map[string]string{"kind": "meeting", "province": "همدان", "organization": "استانداری", "proposed": "1"} {
		if got := jump.Find(`input[type="hidden"][name="`+name+`"]`).AttrOr("value", ""); got != want {
			t.Errorf("the jump form carries %s=%q, want %q", name, got, want)
		}
	}
	resp, err := a.http.Get(a.srv.URL + "/calendar?month=2&year=1403&kind=meeting&province=" + url.QueryEscape("كرمانشاه"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); loc != "/calendar/1403/2?kind=meeting&province="+url.QueryEscape("کرمانشاه") {
		t.Errorf("the jump redirects to %q", loc)
	}

	_, doc = a.get("/calendar/1403" + filter)
	form := doc.Find(`[data-testid="filters"]`)
	if form.AttrOr("action", "") != "/calendar/1403" || form.Find(`#flt-province`).AttrOr("value", "") != "همدان" ||
		form.Find(`#flt-kind option[selected]`).AttrOr("value", "") != "meeting" {
		t.Errorf("the year page's filter form: action %q, province %q", form.AttrOr("action", ""), form.Find(`#flt-province`).AttrOr("value", ""))
	}
	dl, _ := doc.Find(`[data-testid="ics-download"]`).Attr("href")
	sub, _ := doc.Find(`[data-testid="ics-subscribe"]`).Attr("href")
	host := strings.TrimPrefix(a.srv.URL, "http://")
	if !strings.HasPrefix(dl, "/calendar.ics?kind=meeting&") || !strings.Contains(dl, "province=") || !strings.HasPrefix(sub, "webcal://"+host+"/calendar.ics?kind=meeting&") {
		t.Errorf("the year page's feed links: %q and %q", dl, sub)
	}
	if href := doc.Find(`td[data-date="1403/02/27"] a`).AttrOr("href", ""); href != "/calendar/1403/2/27"+filter {
		t.Errorf("a day of the year links to %q, want the filter kept", href)
	}
	// Another Host header changes nothing: the links name the configured
	// base URL.
	req, _ := http.NewRequest(http.MethodGet, a.srv.URL+"/calendar/1403"+filter, nil)
	req.Host = "calendar.example.org"
	resp, err = a.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	other, _ := goquery.NewDocumentFromReader(resp.Body)
	resp.Body.Close()
	if other, _ := other.Find(`[data-testid="ics-subscribe"]`).Attr("href"); other != sub {
		t.Errorf("for another Host the year page subscribes to %q, not %q", other, sub)
	}
	_, doc = a.get("/agenda?kind=meeting")
	if href := doc.Find(`.agenda-day h3 a`).First().AttrOr("href", ""); !strings.HasSuffix(href, "?kind=meeting") {
		t.Errorf("an agenda day links to %q, want the filter kept", href)
	}
}
