package web_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// TestConfirmedOccasionShownOnce: a mined «روز ملی ارتباطات و روابط عمومی»
// on its catalogue day, once confirmed, is shown once on the calendars (as
// the catalogue occasion, linked to the event), while its page and its
// article's link to it stay. One on another day is an event like any other.
func TestConfirmedOccasionShownOnce(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	const name = "روز ملی ارتباطات و روابط عمومی"
	text := "روز ملی ارتباطات و روابط عمومی در ۲۷ اردیبهشت ۱۴۰۳ گرامی داشته می‌شود."
	art := domain.Article{Text: text, Hash: "prday", Title: "روز روابط عمومی"}
	evs := []domain.Event{
		{Title: name, Kind: domain.KindOccasion, Occasion: "pr-day", Status: domain.StatusProposed,
			Start: jalali.MustNew(1403, 2, 27), EvidenceStart: 0, EvidenceEnd: len(text)},
		{Title: "جشن روز روابط عمومی", Kind: domain.KindOccasion, Occasion: "pr-day", Status: domain.StatusProposed,
			Start: jalali.MustNew(1403, 2, 28)},
	}
	if _, err := uc(a.db).StoreArticle(ctx, &art, evs, nil); err != nil {
		t.Fatal(err)
	}
	if resp, _ := a.post("/review", url.Values{"act": {"confirm"}, "id": {itoa(evs[0].ID), itoa(evs[1].ID)}}); resp.StatusCode != 303 {
		t.Fatalf("confirm: %d", resp.StatusCode)
	}
	copyChip, other := `[data-event-id="`+itoa(evs[0].ID)+`"]`, `[data-event-id="`+itoa(evs[1].ID)+`"]`
	for _, path := range []string{"/calendar/1403/2", "/calendar/1403/2/27", "/agenda"} {
		_, doc := a.get(path)
		scope := doc.Find("main")
		if path == "/calendar/1403/2" {
			scope = doc.Find(`td[data-date="1403/02/27"]`)
		}
		if n := strings.Count(scope.Text(), name); n != 1 || scope.Find(copyChip).Length() != 0 {
			t.Errorf("%s names PR Day %d times and lists the confirmed copy %d times, want once and none", path, n, scope.Find(copyChip).Length())
		}
		if href := scope.Find(`[data-testid="occasion-event"]`).AttrOr("href", ""); href != "/events/"+itoa(evs[0].ID) {
			t.Errorf("%s: PR Day links to %q, want the confirmed event", path, href)
		}
		if path != "/calendar/1403/2/27" && doc.Find(other).Length() == 0 {
			t.Errorf("%s does not list the occasion event on another day", path)
		}
	}
	_, doc := a.get("/calendar/1403")
	if doc.Find(`td[data-date="1403/02/27"] .dot`).Length() != 0 || doc.Find(`td[data-date="1403/02/28"] .dot`).Length() != 1 {
		t.Error("the year page counts the confirmed copy as an event (or misses the other)")
	}
	if status, page := a.get("/events/" + itoa(evs[0].ID)); status != 200 || page.Find(`[data-testid="event-title"]`).Text() != name {
		t.Errorf("the confirmed copy's page: %d", status)
	}
	if _, doc := a.get("/articles/" + itoa(art.ID)); doc.Find(`#ev-`+itoa(evs[0].ID)).Length() != 1 || doc.Find(`aside li`+copyChip).Length() != 1 {
		t.Error("the article no longer lists or anchors the confirmed copy")
	}
}
