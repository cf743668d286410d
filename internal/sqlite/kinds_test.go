package sqlite

import (
	"context"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// The kinds table lists exactly domain.Kinds, and the database refuses an
// event of any other kind.
func TestKindsTableIsTheDomainsKinds(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	rows, err := d.db.QueryContext(ctx, `SELECT key FROM kinds ORDER BY key`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var stored []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			t.Fatal(err)
		}
		stored = append(stored, k)
	}
	var want []string
	for _, k := range domain.Kinds {
		want = append(want, string(k))
	}
	sort.Strings(want)
	if !slices.Equal(stored, want) {
		t.Errorf("kinds table %v, domain.Kinds %v: add the new kind to both (a migration inserts it)", stored, want)
	}
	e := domain.Event{UID: "x@test", Title: "بد", Kind: "party", Start: jalali.MustNew(1404, 1, 1), End: jalali.MustNew(1404, 1, 1),
		Status: domain.StatusConfirmed, Precision: domain.PrecisionDay, Confidence: 1}
	if err := d.CreateEvent(ctx, &e); err == nil {
		t.Error("an event of an unknown kind was stored")
	}
}

// Migration 0009 rebuilds the events table without its kind CHECK: every
// stored event comes through as it was, with its indexes and the triggers
// that move the data version.
func TestKindsMigrationKeepsEveryEvent(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	raw, exec := migratedTo(t, path, 8)
	exec(`INSERT INTO articles (id, title, body, source, province, content_hash, created_at) VALUES (1, 'خبر', 'متن خبر', '', '', 'h', '2025-01-01T00:00:00Z')`)
	exec(`INSERT INTO events (id, uid, title, kind, start_date, end_date, status, created_at, updated_at, sequence)
VALUES (7, 'a@x', 'نشست خبری', 'press_conference', '2025-05-17', '2025-05-18', 'confirmed', '2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z', 2)`)
	exec(`INSERT INTO events (id, uid, title, kind, status, article_id, evidence_start, evidence_end, precision, confidence, review_note, created_at, updated_at)
VALUES (9, 'b@x', 'همایش', 'conference', 'proposed', 1, 0, 3, 'month', 0.4, 'سال حدسی', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')`)
	raw.Close()

	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	first, err := d.Event(ctx, 7)
	if err != nil || first.UID != "a@x" || first.Kind != domain.KindPressConference || first.Start != jalali.MustNew(1404, 2, 27) ||
		first.End != jalali.MustNew(1404, 2, 28) || first.Sequence != 2 || first.Status != domain.StatusConfirmed {
		t.Errorf("event 7 after the migration: %+v, %v", first, err)
	}
	mined, err := d.Event(ctx, 9)
	if err != nil || mined.Dated() || mined.ArticleID != 1 || mined.EvidenceEnd != 3 || mined.Precision != domain.PrecisionMonth ||
		mined.Confidence != 0.4 || mined.ReviewNote != "سال حدسی" {
		t.Errorf("event 9 after the migration: %+v, %v", mined, err)
	}
	before, _, _ := d.DataVersion(ctx)
	e := domain.Event{Title: "جلسه", Kind: domain.KindMeeting, Start: jalali.MustNew(1404, 3, 1)}
	if err := uc(d).SaveEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	d.version.Store(nil) // read the version afresh
	if after, _, _ := d.DataVersion(ctx); after <= before {
		t.Errorf("the data version did not move on an insert after the migration: %d → %d", before, after)
	}
	if p := plan(t, d, `SELECT id FROM events WHERE status = 'confirmed' AND start_date BETWEEN '2025-01-01' AND '2025-02-01'`); !strings.Contains(p, "events_by_status") {
		t.Errorf("the month query no longer uses events_by_status: %s", p)
	}
}
