package sqlite

import (
	"context"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/persian"
)

// pendingRows returns search_pending's rows, as "doc id".
func pendingRows(t *testing.T, d *DB) []string {
	t.Helper()
	rows, err := queryColumn[string](context.Background(), d.w, `SELECT doc || ' ' || ref_id FROM search_pending ORDER BY doc, ref_id`)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestStoreWritesLeaveNothingPending: every write of the store indexes in
// its transaction, so that search_pending is empty after each: events
// created, changed, trashed, restored and purged; articles stored with
// their proposals.
func TestStoreWritesLeaveNothingPending(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	check := func(step string) {
		t.Helper()
		if got := pendingRows(t, d); len(got) > 0 {
			t.Fatalf("after %s, search_pending holds %q", step, got)
		}
	}
	day := jalali.MustNew(1404, 2, 10)
	e := domain.Event{Title: "نشست خبری", Kind: domain.KindMeeting, Start: day, End: day}
	if err := uc(d).SaveEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	check("an event created")
	e.Title = "نشست خبری استاندار"
	if err := uc(d).SaveEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	check("an event changed")
	a := domain.Article{Title: "خبر", Text: strings.Repeat(seedTexts(t), 2), Hash: "h"}
	proposals := []domain.Event{{UID: NewUID(), Title: "همایش", Kind: domain.KindMeeting, Status: domain.StatusProposed, Precision: domain.PrecisionDay}}
	if _, err := d.CreateArticle(ctx, &a, proposals, nil); err != nil {
		t.Fatal(err)
	}
	check("an article stored with a proposal")
	now := time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)
	if err := d.TrashEvent(ctx, e.ID, now); err != nil {
		t.Fatal(err)
	}
	check("an event trashed")
	if _, err := d.RestoreEvent(ctx, e.ID, func(*domain.Event, time.Time) error { return nil }); err != nil {
		t.Fatal(err)
	}
	check("an event restored")
	if err := d.TrashEvent(ctx, e.ID, now); err != nil {
		t.Fatal(err)
	}
	if n, err := d.PurgeTrash(ctx, now.Add(time.Hour), now.Add(time.Hour)); err != nil || n != 1 {
		t.Fatalf("purge: %d, %v", n, err)
	}
	check("an event purged")
}

// TestOpenIndexesWhatWasWrittenByHand: rows written with plain SQL, past
// the store (as with sqlite3), are listed by the triggers and indexed at
// the next open: an event inserted, an event's key deleted, an article
// inserted, an article's passages deleted. Rows deleted take their
// listing with them.
func TestOpenIndexesWhatWasWrittenByHand(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "hand.db")
	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	day := jalali.MustNew(1404, 2, 10)
	kept := domain.Event{Title: "جشنواره رسانه", Kind: domain.KindMeeting, Start: day, End: day}
	if err := uc(d).SaveEvent(ctx, &kept); err != nil {
		t.Fatal(err)
	}
	text := "روابط عمومی استانداری از برگزاری نشست خبری در تنگه هرمز خبر داد."
	art := storeArticle(t, d, "خبر نخست", text)
	gone := storeArticle(t, d, "خبر دوم", "متن دیگری درباره کهکشان")
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := d.w.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%.50s: %v", q, err)
		}
	}
	exec(`INSERT INTO events (id, uid, title, kind, start_date, end_date, status, created_at, updated_at)
VALUES (100, 'hand@ruydad', 'بازدید دستی روابط عمومی', 'meeting', '2025-05-01', '2025-05-01', 'confirmed', '2025-05-01T00:00:00Z', '2025-05-01T00:00:00Z')`)
	exec(`DELETE FROM search_index WHERE doc = 'event' AND ref_id = ?`, kept.ID)
	exec(`INSERT INTO articles (id, title, body, content_hash, created_at) VALUES (50, 'خبر دستی', 'سخن از ژرفای اقیانوس', 'h50', '2025-05-01T00:00:00Z')`)
	exec(`DELETE FROM article_passages WHERE article_id = ?`, art.ID)
	exec(`DELETE FROM articles WHERE id = ?`, gone.ID)
	want := []string{"article 50", "article " + strconv.FormatInt(art.ID, 10), "event 100", "event " + strconv.FormatInt(kept.ID, 10)}
	slices.Sort(want)
	if got := pendingRows(t, d); !slices.Equal(got, want) {
		t.Fatalf("search_pending after the edits by hand: %q, want %q", got, want)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}

	d, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if got := pendingRows(t, d); len(got) > 0 {
		t.Errorf("search_pending after the open: %q", got)
	}
	if got := searchIDs(t, d, persian.SearchTerms("روابط عمومی دستی"), 10, true); !slices.Equal(got, []int64{100}) {
		t.Errorf("the event inserted by hand: found %v", got)
	}
	if got := searchIDs(t, d, persian.SearchTerms("جشنواره"), 10, true); !slices.Equal(got, []int64{kept.ID}) {
		t.Errorf("the event whose key was deleted: found %v", got)
	}
	for q, title := range map[string]string{"ژرفای اقیانوس": "خبر دستی", "تنگه هرمز": "خبر نخست"} {
		_, got, err := d.Search(ctx, persian.SearchTerms(q), 10, true)
		if err != nil || len(got) != 1 || got[0].Article.Title != title || got[0].Excerpt.Text == "" {
			t.Errorf("%s: found %+v, %v; want %s with an excerpt", q, got, err, title)
		}
	}
	checkSearchIndex(t, d)
}

// TestOpenLooksAtNoRow: with nothing pending, the open's look at the index
// reads search_pending alone, whatever the number of events.
func TestOpenLooksAtNoRow(t *testing.T) {
	d := open(t)
	rows, err := d.db.Query(`EXPLAIN QUERY PLAN SELECT EXISTS (SELECT 1 FROM search_pending)`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	for _, p := range plan {
		for _, table := range []string{"events", "articles", "search_index", "article_passages"} {
			if strings.Contains(p, table) {
				t.Errorf("the open's look reads %s: %q", table, plan)
			}
		}
	}
	if len(plan) == 0 {
		t.Error("no plan")
	}
}
