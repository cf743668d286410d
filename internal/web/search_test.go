package web_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

func TestSearchFindsSpellingVariants(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	ev := domain.Event{Title: "همايش روابطعمومي استان همدان", Kind: domain.KindConference, Start: jalali.MustNew(1403, 2, 27),
		Description: "به مناسبت روز ارتباطات در ارديبهشت ماه"}
	if err := uc(a.db).SaveEvent(ctx, &ev); err != nil {
		t.Fatal(err)
	}
	other := domain.Event{Title: "روز معلم", Kind: domain.KindOccasion, Start: jalali.MustNew(1403, 2, 12)}
	if err := uc(a.db).SaveEvent(ctx, &other); err != nil {
		t.Fatal(err)
	}
	postArticle(t, a, url.Values{"text": {seedText(t, "000_0fe9c5fd863f98df.txt")}})

	for _, q := range []string{"اردیبهشت", "روابط عمومی", "روابط‌عمومی", "همایش همدان", "رَوابط"} {
		_, doc := a.get("/search?q=" + url.QueryEscape(q))
		if doc.Find(`[data-event-id="`+itoa(ev.ID)+`"]`).Length() != 1 {
			t.Errorf("%q does not find the event", q)
		}
		if doc.Find(`[data-event-id="`+itoa(other.ID)+`"]`).Length() != 0 {
			t.Errorf("%q finds an unrelated event", q)
		}
	}
	_, doc := a.get("/search?q=" + url.QueryEscape("۲۷ اردیبهشت"))
	hits := doc.Find(`li[data-article-id]`)
	if hits.Length() != 1 {
		t.Fatalf("the Hamedan article (\"27ارديبهشت\") not found by ۲۷ اردیبهشت: %d hits", hits.Length())
	}
	if m := hits.Find("mark").Text(); !strings.Contains(m, "27") && !strings.Contains(m, "ارديبهشت") {
		t.Errorf("snippet marks %q", m)
	}
	_, doc = a.get("/search?q=" + url.QueryEscape("زلزله"))
	if doc.Find(`[data-event-id], li[data-article-id]`).Length() != 0 || !strings.Contains(doc.Find(`[data-testid="search-summary"]`).Text(), "چیزی پیدا نشد") {
		t.Error("a word in nothing finds something")
	}
	// Edited and deleted events leave the index.
	ev.Title, ev.Description = "جلسه شورا", ""
	if err := uc(a.db).SaveEvent(ctx, &ev); err != nil {
		t.Fatal(err)
	}
	if _, doc = a.get("/search?q=" + url.QueryEscape("همایش همدان")); doc.Find(`[data-event-id="`+itoa(ev.ID)+`"]`).Length() != 0 {
		t.Error("search still finds the old title")
	}
	if err := a.db.DeleteEvent(ctx, ev.ID); err != nil {
		t.Fatal(err)
	}
	if _, doc = a.get("/search?q=" + url.QueryEscape("جلسه شورا")); doc.Find(`[data-event-id="`+itoa(ev.ID)+`"]`).Length() != 0 {
		t.Error("search finds a deleted event")
	}
	if status, _ := a.get("/search?q=" + strings.Repeat("ا", 300)); status != 400 {
		t.Errorf("an overlong query: %d", status)
	}
}
