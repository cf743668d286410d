package sqlite

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// queueFixture stores two articles with proposed events and returns them
// in the queue's order: the newer article first, its dated events in text
// order, then its undated ones.
func queueFixture(t *testing.T, d *DB) (older, newer []domain.Event) {
	t.Helper()
	ctx := context.Background()
	day := jalali.MustNew(1403, 2, 27)
	text := "یک دو سه چهار پنج شش هفت هشت نه ده"
	older = []domain.Event{
		{Title: "نشست ۱", Kind: domain.KindMeeting, Start: day, EvidenceStart: 0, EvidenceEnd: 3, Confidence: 0.9},
		{Title: "همایش بی‌تاریخ", Kind: domain.KindConference, EvidenceStart: 4, EvidenceEnd: 7, Confidence: 0.5},
	}
	newer = []domain.Event{
		{Title: "جشنواره", Kind: domain.KindFestival, Start: day, EvidenceStart: 20, EvidenceEnd: 25, Confidence: 0.6},
		{Title: "بی‌تاریخ", Kind: domain.KindMeeting, EvidenceStart: 0, EvidenceEnd: 3, Confidence: 0.8},
		{Title: "نشست ۲", Kind: domain.KindMeeting, Start: day, EvidenceStart: 4, EvidenceEnd: 7, Confidence: 0.95},
	}
	for i, evs := range [][]domain.Event{older, newer} {
		for k := range evs {
			evs[k].Status = domain.StatusProposed
		}
		a := domain.Article{Title: "خبر", Text: text, Hash: string(rune('a' + i))}
		if _, err := uc(d).StoreArticle(ctx, &a, evs, nil); err != nil {
			t.Fatal(err)
		}
	}
	// The queue's order: newer article, dated by text order (نشست ۲, جشنواره), then undated.
	return older, []domain.Event{newer[2], newer[0], newer[1]}
}

func titles(evs []domain.Event) []string {
	var out []string
	for _, e := range evs {
		out = append(out, e.Title)
	}
	return out
}

func TestReviewQueueOrderFiltersAndPages(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	older, newer := queueFixture(t, d)
	all := append(slices.Clone(newer), older...)
	for _, tt := range []struct {
		name          string
		f             domain.ReviewFilter
		limit, offset int
		want          []domain.Event
		total         int
	}{
		{"whole queue", domain.ReviewFilter{}, 50, 0, all, 5},
		{"first page of two", domain.ReviewFilter{}, 2, 0, all[:2], 5},
		{"second page", domain.ReviewFilter{}, 2, 2, all[2:4], 5},
		{"past the end", domain.ReviewFilter{}, 2, 10, nil, 5},
		{"one article", domain.ReviewFilter{ArticleID: older[0].ArticleID}, 50, 0, older, 2},
		{"one kind", domain.ReviewFilter{Kind: domain.KindMeeting}, 50, 0, []domain.Event{newer[0], newer[2], older[0]}, 3},
		{"below 70%", domain.ReviewFilter{Below: 0.7}, 50, 0, []domain.Event{newer[1], older[1]}, 2},
		{"undated only", domain.ReviewFilter{Undated: true}, 50, 0, []domain.Event{newer[2], older[1]}, 2},
		{"undated meetings of the newer article", domain.ReviewFilter{ArticleID: newer[0].ArticleID, Kind: domain.KindMeeting, Undated: true},
			50, 0, []domain.Event{newer[2]}, 1},
	} {
		got, total, err := d.ProposedEvents(ctx, tt.f, tt.limit, tt.offset)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !slices.Equal(titles(got), titles(tt.want)) || total != tt.total {
			t.Errorf("%s: %q of %d, want %q of %d", tt.name, titles(got), total, titles(tt.want), tt.total)
		}
	}
	arts, err := d.ProposedArticles(ctx, 10)
	if err != nil || len(arts) != 2 || arts[0].ID != newer[0].ArticleID || arts[0].Proposed != 3 || arts[1].Proposed != 2 {
		t.Errorf("articles awaiting review: %+v, %v", arts, err)
	}
}

func TestNextProposedFollowsTheQueue(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	older, newer := queueFixture(t, d)
	all := append(slices.Clone(newer), older...)
	for i, e := range all[:len(all)-1] {
		next, err := d.NextProposed(ctx, domain.ReviewFilter{}, e)
		if err != nil || next.ID != all[i+1].ID {
			t.Errorf("after %q: %q (%v), want %q", e.Title, next.Title, err, all[i+1].Title)
		}
	}
	// After the last, the queue starts again from its first.
	if next, err := d.NextProposed(ctx, domain.ReviewFilter{}, all[len(all)-1]); err != nil || next.ID != all[0].ID {
		t.Errorf("after the last: %q (%v), want %q", next.Title, err, all[0].Title)
	}
	// The event's place is where it stood: an undated event given a date
	// and confirmed is followed by what followed it, in its filter.
	undated := newer[2]
	if _, err := uc(d).Review(ctx, []int64{newer[0].ID, newer[1].ID}, domain.StatusRejected); err != nil {
		t.Fatal(err)
	}
	next, err := d.NextProposed(ctx, domain.ReviewFilter{}, undated)
	if err != nil || next.ID != older[0].ID {
		t.Errorf("after the newer article's last: %q (%v), want %q", next.Title, err, older[0].Title)
	}
	if next, err := d.NextProposed(ctx, domain.ReviewFilter{Kind: domain.KindConference}, undated); err != nil || next.ID != older[1].ID {
		t.Errorf("next conference: %q (%v), want %q", next.Title, err, older[1].Title)
	}
	if _, err := d.NextProposed(ctx, domain.ReviewFilter{ArticleID: undated.ArticleID}, undated); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("nothing else in its article: %v, want ErrNotFound", err)
	}
}

func TestReviewEventsConfirmsTheDatedAndReportsTheRest(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	older, newer := queueFixture(t, d)
	ids := []int64{newer[0].ID, newer[2].ID, older[0].ID, older[1].ID, 9999}
	out, err := uc(d).Review(ctx, ids, domain.StatusConfirmed)
	if err != nil {
		t.Fatal(err)
	}
	want := domain.ReviewOutcome{Done: []int64{newer[0].ID, older[0].ID}, Undated: []int64{newer[2].ID, older[1].ID}, Missing: []int64{9999}}
	if !slices.Equal(out.Done, want.Done) || !slices.Equal(out.Undated, want.Undated) || !slices.Equal(out.Missing, want.Missing) {
		t.Errorf("outcome %+v, want %+v", out, want)
	}
	for _, e := range append(newer, older...) {
		got, err := d.Event(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := domain.StatusProposed
		if slices.Contains(out.Done, e.ID) {
			want = domain.StatusConfirmed
		}
		if got.Status != want {
			t.Errorf("%q is %s, want %s", e.Title, got.Status, want)
		}
	}
	// Rejecting needs no date.
	out, err = uc(d).Review(ctx, []int64{older[1].ID}, domain.StatusRejected)
	if err != nil || !slices.Equal(out.Done, []int64{older[1].ID}) || len(out.Undated) != 0 {
		t.Errorf("rejecting an undated event: %+v, %v", out, err)
	}
	if _, err := uc(d).Review(ctx, ids, domain.Status("done")); err == nil {
		t.Error("an unknown status was accepted")
	}
}

// TestReviewQueuePlans checks that every query of the review queue walks
// or seeks the queue's index (migration 0020) in its order: no temporary
// B-tree sorting the proposed events, and no other scan of the events
// table, whatever the filter.
func TestReviewQueuePlans(t *testing.T) {
	d := open(t)
	queueFixture(t, d)
	filters := []domain.ReviewFilter{{}, {ArticleID: 1}, {Kind: domain.KindMeeting}, {Below: 0.7}, {Undated: true},
		{ArticleID: 1, Kind: domain.KindMeeting, Undated: true}}
	type query struct {
		name, sql string
		args      []any
	}
	var queries []query
	for _, f := range filters {
		where, args := reviewWhere(f)
		queries = append(queries,
			query{"count", queueCountQuery(where), append(slices.Clone(args), 10_001)},
			query{"page", queuePageQuery(f, where), append(slices.Clone(args), 50, 100)},
			query{"next in the article", nextQuery(where, ` AND `+queueArticle+` = ? AND `+queueInArticleKey+` > (?, ?, ?)`, queueInArticle),
				append(slices.Clone(args), 1, 1, 0, 0, 1)},
			query{"next article", nextQuery(where, ` AND `+queueArticle+` < ?`, reviewOrder(f)), append(slices.Clone(args), 1, 1)},
			query{"first", nextQuery(where, ``, reviewOrder(f)), append(slices.Clone(args), 1)},
		)
	}
	queries = append(queries, query{"articles", proposedArticlesQuery, []any{100}})
	for _, q := range queries {
		got := plan(t, d, q.sql, q.args...)
		if !strings.Contains(got, "events_review_queue") || strings.Contains(got, "TEMP B-TREE") {
			t.Errorf("%s: plan does not read the queue's index in order:\n%s", q.name, got)
		}
		for _, line := range strings.Split(got, "\n") {
			if strings.Contains(line, "SCAN events") && !strings.Contains(line, "INDEX events_review_queue") {
				t.Errorf("%s: plan scans the events table:\n%s", q.name, got)
			}
		}
	}
}

// TestReviewQueueCountStops checks that the queue is counted up to
// domain.ReviewCountCap (or the page's last event) and one more, never
// whole, and that a page far in is still the queue's order.
func TestReviewQueueCountStops(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	queueFixture(t, d)
	// Copies of one undated proposal, without an article, at the queue's end.
	n := domain.ReviewCountCap + 100
	if _, err := d.w.ExecContext(ctx, `WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?)
INSERT INTO events (uid, title, kind, status, created_at, updated_at)
SELECT 'copy-' || i, 'رونوشت ' || i, 'meeting', 'proposed', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z' FROM k`, n); err != nil {
		t.Fatal(err)
	}
	all := n + 5
	for _, tt := range []struct {
		limit, offset, total int
	}{
		{50, 0, domain.ReviewCountCap + 1},                           // more than the cap
		{50, domain.ReviewCountCap - 10, domain.ReviewCountCap + 41}, // the page's end is past the cap
		{50, all - 10, all},                                          // the last page counts the queue
	} {
		evs, total, err := d.ProposedEvents(ctx, domain.ReviewFilter{}, tt.limit, tt.offset)
		if err != nil {
			t.Fatal(err)
		}
		if total != tt.total || len(evs) != min(tt.limit, all-tt.offset) {
			t.Errorf("from %d: %d events of %d, want %d of %d", tt.offset, len(evs), total, min(tt.limit, all-tt.offset), tt.total)
		}
	}
	// Past the fixture's five, the copies in number order.
	evs, _, err := d.ProposedEvents(ctx, domain.ReviewFilter{}, 2, 5+100)
	if err != nil || len(evs) != 2 || evs[0].Title != "رونوشت ۱۰۱" && evs[0].Title != "رونوشت 101" || evs[1].ID != evs[0].ID+1 {
		t.Errorf("copies 101 and 102: %q, %v", titles(evs), err)
	}
}

// TestEvidenceRuns: Evidence reads the run of its article's text that
// supports each event, by bytes (Persian letters are two each), "" when
// the span does not fit the text, nothing for a gone article or an event
// without a span.
func TestEvidenceRuns(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	_, newer := queueFixture(t, d)
	text := "یک دو سه چهار پنج شش هفت هشت نه ده"
	article := newer[0].ArticleID
	events := append(slices.Clone(newer),
		domain.Event{ID: 9001, ArticleID: article, EvidenceStart: len(text) - 4, EvidenceEnd: len(text)},
		domain.Event{ID: 9002, ArticleID: article, EvidenceStart: len(text) - 4, EvidenceEnd: len(text) + 1},
		domain.Event{ID: 9003, ArticleID: article + 1000, EvidenceStart: 0, EvidenceEnd: 3},
		domain.Event{ID: 9004, ArticleID: article, EvidenceStart: 5, EvidenceEnd: 5})
	got, err := d.Evidence(ctx, events)
	if err != nil {
		t.Fatal(err)
	}
	want := map[int64]string{9001: "ده", 9002: ""}
	for _, e := range newer {
		want[e.ID] = text[e.EvidenceStart:e.EvidenceEnd]
	}
	if len(got) != len(want) {
		t.Errorf("%d runs, want %d: %v", len(got), len(want), got)
	}
	for id, w := range want {
		if r, ok := got[id]; !ok || r != w {
			t.Errorf("event %d: %q (%v), want %q", id, r, ok, w)
		}
	}
}

// TestReviewCountsKeptPerVersion: the queue's count and its newest
// articles are read once per data version, whatever page asks; a review
// (a write) is seen by the next page.
func TestReviewCountsKeptPerVersion(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	_, newer := queueFixture(t, d)
	page := func() (int, []domain.ArticleSummary) {
		t.Helper()
		_, total, err := d.ProposedEvents(ctx, domain.ReviewFilter{}, 2, 0)
		if err != nil {
			t.Fatal(err)
		}
		articles, err := d.ProposedArticles(ctx, 100)
		if err != nil {
			t.Fatal(err)
		}
		return total, articles
	}
	total, articles := page()
	reads := d.review.reads
	for range 5 {
		if n, a := page(); n != total || !slices.Equal(a, articles) {
			t.Fatalf("asked again: %d events and %v, want %d and %v", n, a, total, articles)
		}
	}
	if n := d.review.reads - reads; n != 0 {
		t.Errorf("five pages more read the count or the articles %d times, want none", n)
	}
	// What a caller adds to the list is not kept.
	_ = append(articles, domain.ArticleSummary{ID: 1_000_000})
	if _, a := page(); len(a) != len(articles) {
		t.Errorf("the kept list grew to %d", len(a))
	}
	if _, err := uc(d).Review(ctx, []int64{newer[0].ID}, domain.StatusConfirmed); err != nil {
		t.Fatal(err)
	}
	if n, a := page(); n != total-1 || a[0].Proposed != articles[0].Proposed-1 {
		t.Errorf("after a confirmation: %d events, the newest article %d, want %d and %d", n, a[0].Proposed, total-1, articles[0].Proposed-1)
	}
}
