package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// TestImportRetiresInItsTransaction: what an import moves to the trash
// (here the one-off events an earlier import made of a series' instances)
// goes in the import's own transaction: when the trashing fails, the
// series is not stored either and the one-off events stay; when it
// succeeds, the series is stored and they are in the trash.
func TestImportRetiresInItsTransaction(t *testing.T) {
	ctx := context.Background()
	d, err := Open(ctx, filepath.Join(t.TempDir(), "retire.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	sat := jalali.MustNew(1404, 2, 13)
	var instances []domain.Event
	for i := range 3 {
		day := sat.AddDays(7 * i)
		y, m, dd := day.Gregorian()
		instances = append(instances, domain.Event{UID: fmt.Sprintf("abc-%04d%02d%02d@google.com", y, m, dd), Title: "نشست هفتگی",
			Kind: domain.KindMeeting, Status: domain.StatusConfirmed, Start: day, End: day, Precision: domain.PrecisionDay})
	}
	if _, err := d.ImportEvents(ctx, instances, app.ImportRules{}); err != nil {
		t.Fatal(err)
	}
	series := func() []domain.Event {
		return []domain.Event{{UID: "abc@google.com", Title: "نشست هفتگی", Kind: domain.KindMeeting, Status: domain.StatusConfirmed,
			Start: sat, End: sat, Precision: domain.PrecisionDay,
			Repeat: domain.Repeat{Kind: domain.RepeatWeekly, Interval: 1, Days: domain.WeekdaysOf(jalali.Saturday), Count: 3}}}
	}
	stored := func(uid string) bool {
		var n int
		if err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM events WHERE uid = ?`, uid).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n == 1
	}
	related := 0
	rules := func(cancel context.CancelFunc) app.ImportRules {
		return app.ImportRules{
			RelatedPrefix: func(domain.Event) string { return "abc-" },
			Retire: func(_ int, _ domain.Event, rel []domain.Event) []int64 {
				related = len(rel)
				if cancel != nil {
					cancel() // the trashing that follows fails
				}
				ids := make([]int64, len(rel))
				for i, r := range rel {
					ids[i] = r.ID
				}
				return ids
			},
			At: time.Date(2025, 5, 10, 8, 0, 0, 0, time.UTC),
		}
	}

	cctx, cancel := context.WithCancel(ctx)
	if _, err := d.ImportEvents(cctx, series(), rules(cancel)); err == nil {
		t.Fatal("the import went through although its trashing failed")
	}
	if related != 3 {
		t.Errorf("Retire was given %d related events, want the 3 instances", related)
	}
	if stored("abc@google.com") {
		t.Error("the series is stored although the import failed")
	}
	if trash, _ := d.Trash(ctx); len(trash) != 0 {
		t.Errorf("the trash holds %d events after a failed import", len(trash))
	}
	for _, in := range instances {
		if !stored(in.UID) {
			t.Errorf("%s is gone after a failed import", in.UID)
		}
	}

	out, err := d.ImportEvents(ctx, series(), rules(nil))
	if err != nil || len(out) != 1 || out[0] != domain.ImportedNew {
		t.Fatalf("import: %v, %v", out, err)
	}
	if trash, _ := d.Trash(ctx); len(trash) != 3 {
		t.Errorf("the trash holds %d events, want the 3 instances", len(trash))
	}
	if !stored("abc@google.com") {
		t.Error("the series is not stored")
	}
	for _, in := range instances {
		if stored(in.UID) {
			t.Errorf("%s is still in the calendar beside its series", in.UID)
		}
	}
}
