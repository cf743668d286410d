package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// editText is an article whose sentences support three events.
const editText = "نشست خبری مدیرکل روز ۵ خرداد برگزار می‌شود. جشنواره فیلم در ۱۰ خرداد آغاز می‌شود. همایش روابط عمومی‌ها هم برگزار خواهد شد."

// sentence returns the span of editText that starts with words and ends at
// the next full stop.
func sentence(words string) (int, int) {
	i := strings.Index(editText, words)
	return i, i + strings.Index(editText[i:], ".")
}

func editQueue(t *testing.T, a *app) []domain.Event {
	t.Helper()
	s1, e1 := sentence("نشست خبری")
	s2, e2 := sentence("جشنواره")
	s3, e3 := sentence("همایش")
	return proposed(t, a, editText,
		domain.Event{Title: "نشست خبری مدیرکل", Kind: domain.KindPressConference, Start: jalali.MustNew(1403, 3, 5),
			EvidenceStart: s1, EvidenceEnd: e1, ReviewNote: "سال از تاریخ انتشار حدس زده شد"},
		domain.Event{Title: "جشنواره فیلم", Kind: domain.KindFestival, Start: jalali.MustNew(1403, 3, 10), EvidenceStart: s2, EvidenceEnd: e2},
		domain.Event{Title: "همایش روابط عمومی‌ها", Kind: domain.KindConference, EvidenceStart: s3, EvidenceEnd: e3},
	)
}

// editForm is the event form of e as a person corrects it.
func editForm(e domain.Event, start string) url.Values {
	return url.Values{"title": {e.Title + " (اصلاح‌شده)"}, "kind": {string(e.Kind)}, "start": {start}}
}

func TestEditThenConfirmShowsTheSentenceAndOpensTheNext(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	evs := editQueue(t, a)
	_, doc := a.get("/events/" + itoa(evs[0].ID) + "/edit?confirm=1")
	above := doc.Find(`[data-testid="review-context"]`)
	if got := above.Find(`[data-testid="evidence"]`).Text(); got != editText[evs[0].EvidenceStart:evs[0].EvidenceEnd] {
		t.Errorf("the form shows the sentence %q", got)
	}
	if above.Find(`[data-testid="review-note"]`).Text() != evs[0].ReviewNote {
		t.Error("the form does not say the year was guessed")
	}
	if href := above.Find(`a[href^="/articles/"]`).AttrOr("href", ""); href != "/articles/"+itoa(evs[0].ArticleID)+"#ev-"+itoa(evs[0].ID) {
		t.Errorf("the sentence links %q", href)
	}
	if doc.Find(`[data-testid="review-context"] ~ form[data-testid="event-form"]`).Length() != 1 {
		t.Error("the sentence is not above the form")
	}
	if action := doc.Find(`[data-testid="event-form"]`).AttrOr("action", ""); action != "/events/"+itoa(evs[0].ID)+"?confirm=1" {
		t.Errorf("the form posts to %q", action)
	}

	// Saving confirms and opens the next event of the queue, with a flash.
	resp, _ := a.post("/events/"+itoa(evs[0].ID)+"?confirm=1", editForm(evs[0], "1403/03/06"))
	next := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || next != "/events/"+itoa(evs[1].ID)+"/edit?confirm=1&done=confirmed-next" {
		t.Fatalf("saving went to %d %q", resp.StatusCode, next)
	}
	if e, _ := a.db.Event(ctx, evs[0].ID); e.Status != domain.StatusConfirmed || e.Start != jalali.MustNew(1403, 3, 6) {
		t.Errorf("after saving: %s on %s", e.Status, e.Start)
	}
	_, doc = a.get(next)
	if doc.Find(`[data-testid="flash"]`).Text() == "" || doc.Find(`input[name="title"]`).AttrOr("value", "") != evs[1].Title {
		t.Errorf("the next event's form: flash %q, title %q", doc.Find(`[data-testid="flash"]`).Text(), doc.Find(`input[name="title"]`).AttrOr("value", ""))
	}

	// A bad correction comes back, the sentence still shown.
	resp, doc = a.post("/events/"+itoa(evs[2].ID)+"?confirm=1", editForm(evs[2], "1404/12/30"))
	if resp.StatusCode != http.StatusUnprocessableEntity || doc.Find(`[data-testid="review-context"] [data-testid="evidence"]`).Length() != 1 {
		t.Errorf("a bad date: %d, sentence shown %d", resp.StatusCode, doc.Find(`[data-testid="evidence"]`).Length())
	}
	// The undated event, given a date: what followed it is next, here the
	// queue's first left (the festival).
	resp, _ = a.post("/events/"+itoa(evs[2].ID)+"?confirm=1", editForm(evs[2], "1403/03/20"))
	if loc := resp.Header.Get("Location"); loc != "/events/"+itoa(evs[1].ID)+"/edit?confirm=1&done=confirmed-next" {
		t.Errorf("after the last of the queue: %q", loc)
	}
	// The last one: the queue, saying nothing is left.
	resp, _ = a.post("/events/"+itoa(evs[1].ID)+"?confirm=1", editForm(evs[1], "1403/03/10"))
	if loc := resp.Header.Get("Location"); loc != "/review?done=confirmed-last" {
		t.Fatalf("after the queue's last event: %q", loc)
	}
	if _, doc := a.get("/review?done=confirmed-last"); doc.Find(`[data-testid="flash"]`).Text() == "" || doc.Find(`[data-testid="review-empty"]`).Length() != 1 {
		t.Error("the emptied queue has no flash")
	}
	// Editing without confirming is a plain edit.
	resp, _ = a.post("/events/"+itoa(evs[1].ID), editForm(evs[1], "1403/03/11"))
	if loc := resp.Header.Get("Location"); loc != "/events/"+itoa(evs[1].ID)+"?done=updated" {
		t.Errorf("a plain edit went to %q", loc)
	}
}

func TestEditThenConfirmKeepsTheQueuesFilter(t *testing.T) {
	a := newApp(t)
	evs := editQueue(t, a)
	more := proposed(t, a, "خبر دوم: جشنواره دیگر.", domain.Event{Title: "جشنواره دیگر", Kind: domain.KindFestival, Start: jalali.MustNew(1403, 4, 1)})
	_, doc := a.get("/review?kind=festival")
	edit := doc.Find(`li[data-event-id="`+itoa(more[0].ID)+`"] [data-testid="edit-confirm"]`).AttrOr("href", "")
	_, doc = a.get(edit)
	if action := doc.Find(`[data-testid="event-form"]`).AttrOr("action", ""); action != "/events/"+itoa(more[0].ID)+"?confirm=1&kind=festival" {
		t.Errorf("the form posts to %q", action)
	}
	if cancel := doc.Find(`[data-testid="event-form"] a`).Last().AttrOr("href", ""); cancel != "/review?kind=festival" {
		t.Errorf("cancel goes to %q", cancel)
	}
	// The next festival, not the next event: the press conference between is skipped.
	resp, _ := a.post("/events/"+itoa(more[0].ID)+"?confirm=1&kind=festival", editForm(more[0], "1403/04/01"))
	if loc := resp.Header.Get("Location"); loc != "/events/"+itoa(evs[1].ID)+"/edit?confirm=1&done=confirmed-next&kind=festival" {
		t.Errorf("the next festival: %q", loc)
	}
	resp, _ = a.post("/events/"+itoa(evs[1].ID)+"?confirm=1&kind=festival", editForm(evs[1], "1403/03/10"))
	if loc := resp.Header.Get("Location"); loc != "/review?done=confirmed-last&kind=festival" {
		t.Errorf("after the last festival: %q", loc)
	}
	if status, _ := a.get("/events/" + itoa(evs[0].ID) + "/edit?confirm=1&kind=party"); status != http.StatusBadRequest {
		t.Errorf("a bad filter on the form: %d", status)
	}
}

// The queue's card of a mined event quotes the sentence of its article that
// supports it, linked to the sentence on the article's page, so that a
// person confirms it by what the article says.
func TestReviewCardsQuoteTheirSentence(t *testing.T) {
	a := newApp(t)
	evs := editQueue(t, a)
	_, doc := a.get("/review")
	for _, e := range evs {
		card := doc.Find(`#review-` + itoa(e.ID))
		quote := card.Find(`[data-testid="review-evidence"]`)
		if got := quote.Text(); got != editText[e.EvidenceStart:e.EvidenceEnd] {
			t.Errorf("%s: the card quotes %q", e.Title, got)
		}
		if href := quote.Find("a").AttrOr("href", ""); href != "/articles/"+itoa(e.ArticleID)+"#ev-"+itoa(e.ID) {
			t.Errorf("%s: the quote links %q", e.Title, href)
		}
	}
}
