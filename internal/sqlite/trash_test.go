package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// rowsOf returns every row of query, each printed, for comparing a table
// before and after a migration.
func rowsOf(t *testing.T, q interface {
	Query(string, ...any) (*sql.Rows, error)
}, query string) []string {
	t.Helper()
	rows, err := q.Query(query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for i, v := range vals {
			if b, ok := v.([]byte); ok {
				vals[i] = string(b)
			}
		}
		out = append(out, fmt.Sprint(vals...))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// eventsShape is what migration 0015 must keep of the events table: its
// columns, its own indexes and triggers, and the rows of every table whose
// foreign key refers to it (whatever earlier migrations added).
const eventsShape = `SELECT 'column', name FROM pragma_table_info('events')
UNION ALL SELECT type, name FROM sqlite_master WHERE tbl_name = 'events' AND name NOT LIKE 'sqlite_%' AND type <> 'table'
UNION ALL SELECT 'child', m.name FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table' AND f."table" = 'events'
ORDER BY 1, 2`

// Issue 15: events.id was INTEGER PRIMARY KEY without AUTOINCREMENT, so
// deleting the newest event handed its number to the next one. Migration
// 0015 rebuilds the table: a database from before it keeps every event
// (ids, article links, search keys), article and occasion link as they
// were, and a deleted number is no longer given out again.
func TestUpgradeKeepsEventsAndStopsReusingNumbers(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	raw, exec := migratedTo(t, path, migrationsBefore(t, "0015"))
	exec(`INSERT INTO articles (id, title, body, source, province, published, content_hash, created_at)
VALUES (1, 'خبر نشست', 'نشست خبری مدیرکل روز ۲۷ اردیبهشت برگزار می‌شود', 'ایرنا', 'فارس', '2024-05-10', 'hash-1', '2024-05-10T08:00:00Z')`)
	exec(`INSERT INTO article_occasions (article_id, occasion_key, name, start_date, end_date, evidence_start, evidence_end, confidence)
VALUES (1, 'pr-day', 'روز روابط عمومی', '2024-05-16', '2024-05-16', 0, 10, 0.9)`)
	exec(`INSERT INTO events (id, uid, title, kind, start_date, end_date, status, created_at, updated_at, owner)
VALUES (1, 'a@ruydad', 'همایش ملی', 'conference', '2024-05-16', '2024-05-17', 'confirmed', '2024-05-01T00:00:00Z', '2024-05-02T00:00:00Z', 'مریم')`)
	exec(`INSERT INTO events (id, uid, title, kind, start_date, end_date, status, article_id, evidence_start, evidence_end, confidence, sequence, created_at, updated_at)
VALUES (2, 'b@ruydad', 'نشست خبری', 'press_conference', '2024-05-16', '2024-05-16', 'proposed', 1, 0, 10, 0.8, 3, '2024-05-10T08:00:00Z', '2024-05-10T08:00:00Z')`)
	exec(`INSERT INTO events (id, uid, title, kind, status, article_id, precision, review_note, created_at, updated_at)
VALUES (3, 'c@ruydad', 'جشنواره', 'festival', 'proposed', 1, 'month', 'تاریخ نامشخص', '2024-05-10T08:00:00Z', '2024-05-10T08:00:00Z')`)
	// A table that refers to events, as a later feature's might: the
	// rebuild deletes none of its rows (no cascade).
	exec(`CREATE TABLE event_notes (event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE, note TEXT NOT NULL)`)
	exec(`INSERT INTO event_notes (event_id, note) VALUES (1, 'سالن را رزرو کنید'), (2, 'با خبرنگاران تماس بگیرید')`)
	exec(`INSERT INTO search_index (doc, ref_id, key) VALUES ('event', 1, 'همایشملی'), ('event', 2, 'نشستخبری'), ('event', 3, 'جشنواره'), ('article', 1, 'خبرنشست')`)
	// The events' search keys (an article's is made again at start, with
	// its passages, which a database from before 0011 lacks).
	// (search_index's rank column, added by 0017, is left out.)
	tables := map[string]string{"events": "*", "articles": "*", "article_occasions": "*", "search_index": `doc, ref_id, key`, "event_notes": "*"}
	where := map[string]string{"search_index": ` WHERE doc = 'event'`}
	before := map[string][]string{}
	for table, cols := range tables {
		before[table] = rowsOf(t, raw, `SELECT `+cols+` FROM `+table+where[table]+` ORDER BY 1, 2`)
	}
	shape := rowsOf(t, raw, eventsShape)
	raw.Close()

	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	for table, cols := range tables {
		if after := rowsOf(t, d.db, `SELECT `+cols+` FROM `+table+where[table]+` ORDER BY 1, 2`); !slices.Equal(after, before[table]) {
			t.Errorf("%s after the upgrade:\n%q\nbefore:\n%q", table, after, before[table])
		}
	}
	// Later migrations' columns, indexes and triggers aside (0018: the
	// places' keys; 0019: search_pending's; 0020: the review queue, the
	// year's counts; 0022: the lookback by span class, a month's
	// outlines, the series of a place; 0025: a day's timed end times;
	// 0021's series of a place are dropped by 0029).
	later := []string{"columnprovince_key", "columnorganization_key", "indexevents_by_province", "indexevents_by_organization", "indexevents_by_kind",
		"triggersearch_pending_event", "triggersearch_pending_event_gone", "triggersearch_pending_event_id",
		"indexevents_review_queue", "indexevents_one_day", "indexevents_spans",
		"indexevents_spans_by_class", "indexevents_spans_by_province", "indexevents_spans_by_organization", "indexevents_month",
		"indexevents_series", "indexevents_series_by_province", "indexevents_series_by_organization", "indexevents_province_month",
		"indexevents_timed", // 0025: the timed events' end times
	}
	if after := slices.DeleteFunc(rowsOf(t, d.db, eventsShape), func(s string) bool { return slices.Contains(later, s) }); !slices.Equal(after, shape) {
		t.Errorf("events' columns, indexes, triggers and referring tables after the upgrade:\n%q\nbefore:\n%q", after, shape)
	}
	var ddl string
	d.db.QueryRow(`SELECT sql FROM sqlite_master WHERE name = 'events'`).Scan(&ddl)
	if !strings.Contains(ddl, "AUTOINCREMENT") {
		t.Errorf("events after the upgrade: %s", ddl)
	}
	if got, err := d.ArticleEvents(ctx, 1); err != nil || len(got) != 2 || got[0].ArticleID != 1 {
		t.Errorf("the article's events after the upgrade: %+v, %v", got, err)
	}
	if found, _, err := d.Search(ctx, []string{"همایش"}, 10, true); err != nil || len(found) != 1 || found[0].ID != 1 {
		t.Errorf("search after the upgrade: %+v, %v", found, err)
	}

	// The largest number, deleted, is not given to the next event.
	if err := uc(d).DeleteEvent(ctx, 3); err != nil {
		t.Fatal(err)
	}
	e := domain.Event{Title: "رویداد تازه", Kind: domain.KindMeeting, Start: jalali.MustNew(1403, 3, 1)}
	if err := uc(d).SaveEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	if e.ID <= 3 {
		t.Errorf("the new event took number %d after 3 was deleted", e.ID)
	}
}

// The largest event number, deleted, restored or purged, is never given
// to another event.
func TestEventNumbersAreNeverReused(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	var last int64
	add := func() int64 {
		t.Helper()
		e := domain.Event{Title: "نشست", Kind: domain.KindMeeting, Start: jalali.MustNew(1403, 2, 20)}
		if err := uc(d).SaveEvent(ctx, &e); err != nil {
			t.Fatal(err)
		}
		if e.ID <= last {
			t.Fatalf("a new event took number %d, not above %d", e.ID, last)
		}
		last = e.ID
		return e.ID
	}
	add()
	id := add()
	if err := d.TrashEvent(ctx, id, time.Now()); err != nil {
		t.Fatal(err)
	}
	add()
	id = add()
	if err := d.TrashEvent(ctx, id, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if n, err := d.PurgeTrash(ctx, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), time.Now()); err != nil || n != 1 {
		t.Fatalf("purged %d, %v", n, err)
	}
	add()
}

// A deleted event leaves events (and so every page, search and count) for
// the trash; restoring puts back the very row, which fn may then change;
// purging keeps only the number and when it was deleted.
func TestTrashRestoreAndPurge(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	a := domain.Article{Title: "خبر", Text: "نشست خبری استاندار در شیراز", Hash: "h-trash"}
	mined := []domain.Event{{Title: "نشست خبری استاندار", Kind: domain.KindPressConference, Start: jalali.MustNew(1403, 2, 25),
		Status: domain.StatusProposed, EvidenceStart: 0, EvidenceEnd: 10, Confidence: 0.7, Province: "فارس", Owner: "مریم"}}
	if _, err := uc(d).StoreArticle(ctx, &a, mined, nil); err != nil {
		t.Fatal(err)
	}
	stored, err := d.ArticleEvents(ctx, a.ID)
	if err != nil || len(stored) != 1 {
		t.Fatalf("%+v, %v", stored, err)
	}
	e := stored[0]
	deletedAt := time.Date(2024, 5, 10, 9, 30, 15, 123e6, time.UTC)
	if err := d.TrashEvent(ctx, e.ID, deletedAt); err != nil {
		t.Fatal(err)
	}
	if err := d.TrashEvent(ctx, e.ID, deletedAt); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("deleting it twice: %v", err)
	}
	if _, err := d.Event(ctx, e.ID); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("the deleted event: %v", err)
	}
	if got, _ := d.ArticleEvents(ctx, a.ID); len(got) != 0 {
		t.Errorf("the article still lists %+v", got)
	}
	if got, _, _ := d.Search(ctx, []string{"استاندار"}, 10, true); len(got) != 0 {
		t.Errorf("search finds the deleted event: %+v", got)
	}
	if got, n, _ := d.ProposedEvents(ctx, domain.ReviewFilter{}, 50, 0); len(got) != 0 || n != 0 {
		t.Errorf("the review queue holds %d: %+v", n, got)
	}
	if got, _ := d.EventsBetween(ctx, e.Start, e.Start, domain.EventFilter{Statuses: []domain.Status{domain.StatusProposed}}); len(got) != 0 {
		t.Errorf("the month holds %+v", got)
	}
	gone, err := d.DeletedEvent(ctx, e.ID)
	if err != nil || !gone.Deleted.Equal(deletedAt) || !gone.Purged.IsZero() || gone.Event != e {
		t.Errorf("in the trash: %+v, %v\nwant the event %+v deleted at %v", gone, err, e, deletedAt)
	}
	if list, err := d.Trash(ctx); err != nil || len(list) != 1 || list[0] != gone {
		t.Errorf("the trash: %+v, %v", list, err)
	}
	if _, err := d.DeletedEvent(ctx, e.ID+100); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("a number never used: %v", err)
	}

	// fn's error undoes the restore.
	refuse := errors.New("no")
	if _, err := d.RestoreEvent(ctx, e.ID, func(*domain.Event, time.Time) error { return refuse }); !errors.Is(err, refuse) {
		t.Errorf("a refused restore: %v", err)
	}
	if _, err := d.Event(ctx, e.ID); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("a refused restore left the event: %v", err)
	}
	back, err := d.RestoreEvent(ctx, e.ID, func(got *domain.Event, deleted time.Time) error {
		if *got != e || !deleted.Equal(deletedAt) {
			t.Errorf("fn was given %+v deleted at %v", *got, deleted)
		}
		got.Sequence++
		return nil
	})
	want := e
	want.Sequence++
	if err != nil || back != want {
		t.Errorf("restored %+v, %v\nwant %+v", back, err, want)
	}
	if got, _ := d.Event(ctx, e.ID); got != want {
		t.Errorf("stored after the restore: %+v", got)
	}
	if got, _, _ := d.Search(ctx, []string{"استاندار"}, 10, true); len(got) != 1 {
		t.Errorf("search after the restore: %+v", got)
	}
	if _, err := d.DeletedEvent(ctx, e.ID); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("a restored event is still in the trash: %v", err)
	}

	// Deleted again, its UID taken meanwhile (an import): restoring is a
	// conflict and leaves the trash as it was.
	if err := d.TrashEvent(ctx, e.ID, deletedAt); err != nil {
		t.Fatal(err)
	}
	twin := domain.Event{UID: e.UID, Title: "نسخهٔ دیگر", Kind: domain.KindMeeting, Start: e.Start}
	if _, err := uc(d).ImportEvents(ctx, []domain.Event{twin}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.RestoreEvent(ctx, e.ID, func(*domain.Event, time.Time) error { return nil }); !errors.Is(err, domain.ErrConflict) {
		t.Errorf("restoring over a taken UID: %v", err)
	}
	if kept, _ := d.DeletedEvent(ctx, e.ID); kept.Event != want {
		t.Errorf("the trash after a refused restore: %+v", kept)
	}

	// Purged: the record goes, the number and the time stay.
	if n, err := d.PurgeTrash(ctx, deletedAt.Add(-time.Millisecond), deletedAt.Add(time.Hour)); err != nil || n != 0 {
		t.Errorf("purging what was deleted before it was: %d, %v", n, err)
	}
	purgedAt := deletedAt.Add(31 * 24 * time.Hour)
	if n, err := d.PurgeTrash(ctx, deletedAt, purgedAt); err != nil || n != 1 {
		t.Errorf("purge: %d, %v", n, err)
	}
	gone, err = d.DeletedEvent(ctx, e.ID)
	if err != nil || gone.ID != e.ID || !gone.Deleted.Equal(deletedAt) || !gone.Purged.Equal(purgedAt) || gone.Event != (domain.Event{}) {
		t.Errorf("purged: %+v, %v", gone, err)
	}
	if list, _ := d.Trash(ctx); len(list) != 0 {
		t.Errorf("the trash after the purge: %+v", list)
	}
	if _, err := d.RestoreEvent(ctx, e.ID, func(*domain.Event, time.Time) error { return nil }); !errors.Is(err, domain.ErrGone) {
		t.Errorf("restoring a purged event: %v", err)
	}
}

// An event mined from an article restores without it when the article is
// gone meanwhile.
func TestRestoreWithoutItsArticle(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	a := domain.Article{Title: "خبر", Text: "نشست خبری", Hash: "h-gone"}
	mined := []domain.Event{{Title: "نشست خبری", Kind: domain.KindPressConference, Status: domain.StatusProposed, Confidence: 0.5}}
	if _, err := uc(d).StoreArticle(ctx, &a, mined, nil); err != nil {
		t.Fatal(err)
	}
	stored, _ := d.ArticleEvents(ctx, a.ID)
	if err := d.TrashEvent(ctx, stored[0].ID, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := d.exec(ctx, `DELETE FROM articles WHERE id = ?`, a.ID); err != nil {
		t.Fatal(err)
	}
	back, err := d.RestoreEvent(ctx, stored[0].ID, func(*domain.Event, time.Time) error { return nil })
	if err != nil || back.ArticleID != 0 || back.Title != "نشست خبری" {
		t.Errorf("restored %+v, %v", back, err)
	}
}

// The drafts setting is off until an administrator switches it, and
// switching it moves the data version (pages are kept per version).
func TestDraftsPublicSetting(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	if on, err := d.DraftsPublic(ctx); err != nil || on {
		t.Errorf("a fresh database: %v, %v", on, err)
	}
	for _, want := range []bool{true, false, true} {
		v0, _, _ := d.DataVersion(ctx)
		if err := d.SetDraftsPublic(ctx, want); err != nil {
			t.Fatal(err)
		}
		if on, err := d.DraftsPublic(ctx); err != nil || on != want {
			t.Errorf("set %v: read %v, %v", want, on, err)
		}
		if v1, _, _ := d.DataVersion(ctx); v1 == v0 {
			t.Errorf("setting %v left the data version at %d", want, v1)
		}
	}
}
