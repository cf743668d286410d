package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// proposed stores an article of text with events as proposed and returns
// the events, their ids filled in.
func proposed(t *testing.T, a *app, text string, events ...domain.Event) []domain.Event {
	t.Helper()
	for i := range events {
		events[i].Status = domain.StatusProposed
	}
	art := domain.Article{Title: "خبر", Text: text, Hash: text}
	if _, err := uc(a.db).StoreArticle(context.Background(), &art, events, nil); err != nil {
		t.Fatal(err)
	}
	return events
}

// queueIDs returns the ids of the events the review page lists, in order.
func queueIDs(doc *goquery.Document) []string {
	var ids []string
	doc.Find(`[data-testid="review-form"] li[data-event-id]`).Each(func(_ int, s *goquery.Selection) {
		ids = append(ids, s.AttrOr("data-event-id", ""))
	})
	return ids
}

func ids(evs ...domain.Event) []string {
	var out []string
	for _, e := range evs {
		out = append(out, itoa(e.ID))
	}
	return out
}

func TestBulkConfirmConfirmsTheValidAndListsTheRest(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	day := jalali.MustNew(1403, 2, 27)
	evs := proposed(t, a, "نشست خبری و همایش و جشنواره.",
		domain.Event{Title: "نشست خبری", Kind: domain.KindPressConference, Start: day},
		domain.Event{Title: "همایش بی‌تاریخ", Kind: domain.KindConference},
		domain.Event{Title: "جشنواره", Kind: domain.KindFestival, Start: day.AddDays(3)},
		domain.Event{Title: "دورهٔ بی‌تاریخ", Kind: domain.KindTraining},
		domain.Event{Title: "رویداد انتخاب‌نشده", Kind: domain.KindOther, Start: day.AddDays(5)},
	)
	form := url.Values{"act": {"confirm"}, "id": ids(evs[:4]...)}
	resp, _ := a.post("/review", form)
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/review?") {
		t.Fatalf("bulk confirm with undated events: %d to %q, want 303 to the queue", resp.StatusCode, loc)
	}
	for i, want := range []domain.Status{domain.StatusConfirmed, domain.StatusProposed, domain.StatusConfirmed, domain.StatusProposed, domain.StatusProposed} {
		if got, _ := a.db.Event(ctx, evs[i].ID); got.Status != want {
			t.Errorf("%q is %s, want %s", evs[i].Title, got.Status, want)
		}
	}
	_, doc := a.get(loc)
	summary := doc.Find(`[data-testid="review-summary"]`)
	if got := strings.TrimSpace(summary.Find("p").Text()); got != "۲ رویداد تأیید شد؛ ۲ رویداد تاریخ ندارند و تأیید نشدند." {
		t.Errorf("summary %q", got)
	}
	left := summary.Find(`a[data-testid="review-left"]`)
	if left.Length() != 2 || left.First().Text() != "همایش بی‌تاریخ" ||
		left.First().AttrOr("href", "") != "/events/"+itoa(evs[1].ID)+"/edit?confirm=1" {
		t.Errorf("the summary links %d events; first %q to %q", left.Length(), left.First().Text(), left.First().AttrOr("href", ""))
	}
	if doc.Find(`[data-testid="review-error"]`).Length() != 0 || doc.Find(`[data-testid="flash"]`).Length() != 0 {
		t.Error("a bulk action that did something shows an error, or a flash beside its summary")
	}

	// One left alone, undated: nothing to do, so the queue comes back saying
	// why beside it, its box still ticked.
	resp, doc = a.post("/review", url.Values{"act": {"confirm"}, "id": ids(evs[1])})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bulk confirm of an undated event alone: %d, want 422", resp.StatusCode)
	}
	faults := doc.Find(`[data-testid="review-error"] [data-testid="review-fault"]`)
	if faults.Length() != 1 || faults.Text() != "همایش بی‌تاریخ" || faults.AttrOr("href", "") != "#review-"+itoa(evs[1].ID) {
		t.Errorf("the alert names %d events: %q", faults.Length(), faults.Text())
	}
	item := doc.Find(`li#review-` + itoa(evs[1].ID))
	if item.Find(`[data-testid="item-error"]`).Length() != 1 || item.Find(`input[aria-invalid="true"][checked]`).Length() != 1 {
		t.Error("the undated event has no message beside it, or lost its tick")
	}
	// Rejecting undated events is fine, and the summary says so.
	resp, _ = a.post("/review", url.Values{"act": {"reject"}, "id": ids(evs[1], evs[3])})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("bulk reject: %d", resp.StatusCode)
	}
	if _, doc := a.get(resp.Header.Get("Location")); strings.TrimSpace(doc.Find(`[data-testid="review-summary"] p`).Text()) != "۲ رویداد رد شد." {
		t.Errorf("reject summary %q", doc.Find(`[data-testid="review-summary"]`).Text())
	}
	// A selection that has gone meanwhile is counted.
	if err := uc(a.db).DeleteEvent(ctx, evs[4].ID); err != nil {
		t.Fatal(err)
	}
	resp, doc = a.post("/review", url.Values{"act": {"confirm"}, "id": ids(evs[4])})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(doc.Find(`[data-testid="review-error"]`).Text(), "دیگر وجود ندارد") {
		t.Errorf("confirming a deleted event: %d %q", resp.StatusCode, doc.Find(`[data-testid="review-error"]`).Text())
	}
}

// queueOf stores two articles with proposed events of several kinds,
// dates and confidences, and returns them by name.
func queueOf(t *testing.T, a *app) map[string]domain.Event {
	t.Helper()
	day := jalali.MustNew(1403, 3, 1)
	older := proposed(t, a, "خبر کهنه‌تر",
		domain.Event{Title: "جلسهٔ مطمئن", Kind: domain.KindMeeting, Start: day, Confidence: 0.9},
		domain.Event{Title: "همایش بی‌تاریخ", Kind: domain.KindConference, Confidence: 0.5})
	newer := proposed(t, a, "خبر تازه‌تر",
		domain.Event{Title: "جلسهٔ نامطمئن", Kind: domain.KindMeeting, Start: day, Confidence: 0.6},
		domain.Event{Title: "جلسهٔ بی‌تاریخ", Kind: domain.KindMeeting, Confidence: 0.8})
	out := map[string]domain.Event{}
	for _, e := range append(older, newer...) {
		out[e.Title] = e
	}
	return out
}

func TestReviewQueueFilters(t *testing.T) {
	a := newApp(t)
	q := queueOf(t, a)
	older := q["جلسهٔ مطمئن"].ArticleID
	for _, tt := range []struct {
		query string
		want  []string
	}{
		{"", []string{"جلسهٔ نامطمئن", "جلسهٔ بی‌تاریخ", "جلسهٔ مطمئن", "همایش بی‌تاریخ"}},
		{"?article=" + itoa(older), []string{"جلسهٔ مطمئن", "همایش بی‌تاریخ"}},
		{"?kind=meeting", []string{"جلسهٔ نامطمئن", "جلسهٔ بی‌تاریخ", "جلسهٔ مطمئن"}},
		{"?below=70", []string{"جلسهٔ نامطمئن", "همایش بی‌تاریخ"}},
		{"?undated=1", []string{"جلسهٔ بی‌تاریخ", "همایش بی‌تاریخ"}},
		{"?kind=meeting&undated=1&below=90", []string{"جلسهٔ بی‌تاریخ"}},
		{"?kind=award", nil},
	} {
		status, doc := a.get("/review" + tt.query)
		var want []string
		for _, title := range tt.want {
			want = append(want, itoa(q[title].ID))
		}
		if got := queueIDs(doc); status != http.StatusOK || strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s: %d, %v, want %v (%v)", tt.query, status, got, want, tt.want)
		}
		if tt.want == nil && !strings.Contains(doc.Find(`[data-testid="review-empty"]`).Text(), "با این فیلتر") {
			t.Errorf("%s: an empty filtered queue says %q", tt.query, doc.Find(`[data-testid="review-empty"]`).Text())
		}
	}

	// The filter stays in its form, in the queue's form and in each card's
	// "edit, then confirm".
	_, doc := a.get("/review?kind=meeting&below=70&undated=1&article=" + itoa(older))
	filters := doc.Find(`[data-testid="review-filters"]`)
	if filters.Find(`select[name="kind"] option[selected]`).AttrOr("value", "") != "meeting" ||
		filters.Find(`select[name="below"] option[selected]`).AttrOr("value", "") != "70" ||
		filters.Find(`select[name="article"] option[selected]`).AttrOr("value", "") != itoa(older) ||
		filters.Find(`input[name="undated"][checked]`).Length() != 1 || filters.Find(`[data-testid="clear-filters"]`).Length() != 1 {
		t.Error("the filter form does not show the filter")
	}
	_, doc = a.get("/review?kind=meeting&below=70")
	hidden := map[string]string{}
	doc.Find(`[data-testid="review-form"] input[type="hidden"]`).Each(func(_ int, s *goquery.Selection) {
		hidden[s.AttrOr("name", "")] = s.AttrOr("value", "")
	})
	if hidden["kind"] != "meeting" || hidden["below"] != "70" || hidden["page"] != "" {
		t.Errorf("the queue's form carries %v", hidden)
	}
	edit := doc.Find(`li[data-event-id="`+itoa(q["جلسهٔ نامطمئن"].ID)+`"] [data-testid="edit-confirm"]`).AttrOr("href", "")
	if edit != "/events/"+itoa(q["جلسهٔ نامطمئن"].ID)+"/edit?below=70&confirm=1&kind=meeting" {
		t.Errorf("edit, then confirm links to %q", edit)
	}
	// An action from the filtered queue comes back to it.
	resp, _ := a.post("/review", url.Values{"act": {"reject-" + itoa(q["جلسهٔ نامطمئن"].ID)}, "kind": {"meeting"}, "below": {"70"}})
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || loc != "/review?below=70&done=rejected&kind=meeting" {
		t.Errorf("rejecting from a filtered queue went to %d %q", resp.StatusCode, loc)
	}
	// "Only this article" narrows to a group's article.
	_, doc = a.get("/review")
	if href := doc.Find(`[data-testid="only-article"]`).Last().AttrOr("href", ""); href != "/review?article="+itoa(older) {
		t.Errorf("the older article's group links %q", href)
	}
	for _, bad := range []string{"?kind=party", "?below=0", "?below=x", "?undated=yes", "?article=-3", "?page=0"} {
		if status, _ := a.get("/review" + bad); status != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", bad, status)
		}
	}
}

func TestReviewQueuePages(t *testing.T) {
	a := newApp(t)
	var evs []domain.Event
	for i := range 120 {
		evs = append(evs, domain.Event{Title: fmt.Sprintf("رویداد %03d", i), Kind: domain.KindMeeting,
			Start: jalali.MustNew(1403, 3, 1), EvidenceStart: i, EvidenceEnd: i + 1})
	}
	evs = proposed(t, a, strings.Repeat("متن ", 100), evs...)
	pages := [][]domain.Event{evs[:50], evs[50:100], evs[100:]}
	path := "/review?kind=meeting"
	for n, want := range pages {
		_, doc := a.get(path)
		if got := queueIDs(doc); strings.Join(got, ",") != strings.Join(ids(want...), ",") {
			t.Fatalf("page %d (%s): %d events, want %d", n+1, path, len(got), len(want))
		}
		if label := doc.Find(`[data-testid="review-pager"] span`).Text(); label != fmt.Sprintf("صفحهٔ %s از ۳", jalali.FaNum(n+1)) {
			t.Errorf("page %d is labelled %q", n+1, label)
		}
		if got := doc.Find(`[data-testid="review-total"]`).Text(); got != "۱۲۰ رویداد در انتظار بازبینی است (با این فیلتر)." {
			t.Errorf("page %d counts %q", n+1, got)
		}
		prev, hasPrev := doc.Find(`[data-testid="review-prev"]`).Attr("href")
		if hasPrev != (n > 0) || n == 1 && prev != "/review?kind=meeting" {
			t.Errorf("page %d: previous %q", n+1, prev)
		}
		if n > 0 && doc.Find(`[data-testid="review-form"] input[name="page"]`).AttrOr("value", "") != itoa(int64(n+1)) {
			t.Errorf("page %d: the queue's form does not keep its page", n+1)
		}
		next, hasNext := doc.Find(`[data-testid="review-next"]`).Attr("href")
		if hasNext != (n < 2) {
			t.Fatalf("page %d: next %q", n+1, next)
		}
		path = next
	}
	// A page past the end (the queue shrank) shows the last one.
	if _, doc := a.get("/review?page=9"); len(queueIDs(doc)) != 20 {
		t.Errorf("page 9 of 3 lists %d events, want the last page's 20", len(queueIDs(doc)))
	}
	// A short queue has no pager.
	b := newApp(t)
	proposed(t, b, "متن", domain.Event{Title: "تنها", Kind: domain.KindMeeting})
	if _, doc := b.get("/review"); doc.Find(`[data-testid="review-pager"]`).Length() != 0 {
		t.Error("a queue of one page has a pager")
	}
}

// TestReviewOffersTheNewestArticles checks that the queue's filter offers
// the newest articles awaiting review (reviewArticleChoices), not all of
// them, and still offers, with its count, an older one it is narrowed to.
func TestReviewOffersTheNewestArticles(t *testing.T) {
	const reviewArticleChoices = 100 // the web's
	a := newApp(t)
	day := jalali.MustNew(1403, 2, 27)
	oldest := proposed(t, a, "خبر نخست دو رویداد", domain.Event{Title: "نخست", Kind: domain.KindMeeting, Start: day, End: day},
		domain.Event{Title: "دوم", Kind: domain.KindMeeting})
	for i := range reviewArticleChoices {
		proposed(t, a, "خبر "+itoa(int64(i)), domain.Event{Title: "رویداد " + itoa(int64(i)), Kind: domain.KindMeeting})
	}
	_, doc := a.get("/review")
	options := doc.Find(`[data-testid="review-filters"] select[name="article"] option[value!=""]`)
	older := itoa(oldest[0].ArticleID)
	if options.Length() != reviewArticleChoices || options.Filter(`[value="`+older+`"]`).Length() != 0 {
		t.Errorf("the filter offers %d articles (the oldest among them: %d), want the newest %d",
			options.Length(), options.Filter(`[value="`+older+`"]`).Length(), reviewArticleChoices)
	}
	_, doc = a.get("/review?article=" + older)
	chosen := doc.Find(`[data-testid="review-filters"] select[name="article"] option[selected]`)
	if chosen.AttrOr("value", "") != older || !strings.Contains(chosen.Text(), "(۲)") {
		t.Errorf("narrowed to the oldest article, the filter offers %q %q", chosen.AttrOr("value", ""), chosen.Text())
	}
}
