package sqlite

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/ruydad/ruydad/internal/app"

	"github.com/ruydad/ruydad/db"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

var update = flag.Bool("update", false, "rewrite db/schema.sql from a freshly migrated database")

// open returns a database in a fresh file, built through the real migrations.
func open(t testing.TB) *DB {
	t.Helper()
	d, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

func TestSchemaMatchesDump(t *testing.T) {
	got, err := open(t).Schema(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("../../db/schema.sql", []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got != db.Schema {
		t.Errorf("the migrated schema differs from db/schema.sql; run go test ./internal/sqlite -update and review the diff\n%s", got)
	}
}

func TestMigrateIsIdempotentAndPragmas(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "x.db")
	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	d.Close()
	d, err = Open(ctx, path) // second open: nothing pending, nothing fails
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var n int
	if err := d.db.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n < 1 {
		t.Fatalf("schema_migrations has %d rows, %v", n, err)
	}
	var mode string
	var fk, timeout int
	d.db.QueryRow(`PRAGMA journal_mode`).Scan(&mode)
	d.db.QueryRow(`PRAGMA foreign_keys`).Scan(&fk)
	d.db.QueryRow(`PRAGMA busy_timeout`).Scan(&timeout)
	if mode != "wal" || fk != 1 || timeout < 1000 {
		t.Errorf("journal_mode=%s foreign_keys=%d busy_timeout=%d", mode, fk, timeout)
	}
}

func TestEventCRUD(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	e := domain.Event{Title: "نشست خبری", Kind: domain.KindPressConference,
		Start: jalali.MustNew(1403, 2, 27), End: jalali.MustNew(1403, 2, 28), StartTime: "10:00"}
	if err := uc(d).SaveEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	if e.ID == 0 || e.UID == "" || e.Status != domain.StatusConfirmed {
		t.Fatalf("created %+v", e)
	}
	got, err := d.Event(ctx, e.ID)
	if err != nil || got.Title != e.Title || got.Start != e.Start || got.End != e.End || got.StartTime != "10:00" {
		t.Fatalf("Event = %+v, %v", got, err)
	}
	got.Title = "نشست خبری استاندار"
	if err := uc(d).SaveEvent(ctx, &got); err != nil {
		t.Fatal(err)
	}
	if got.Sequence != 1 || got.UID != e.UID {
		t.Errorf("after update sequence=%d uid=%s, want 1 and %s", got.Sequence, got.UID, e.UID)
	}
	month, err := d.EventsBetween(ctx, jalali.MustNew(1403, 2, 28), jalali.MustNew(1403, 2, 31), domain.EventFilter{})
	if err != nil || len(month) != 1 || month[0].Title != "نشست خبری استاندار" {
		t.Fatalf("EventsBetween = %v, %v", month, err)
	}
	if none, _ := d.EventsBetween(ctx, jalali.MustNew(1403, 3, 1), jalali.MustNew(1403, 3, 31), domain.EventFilter{}); len(none) != 0 {
		t.Errorf("Khordad has %d events, want 0", len(none))
	}
	bad := got
	bad.Start = jalali.Date{Year: 1404, Month: 12, Day: 30}
	var verr domain.ValidationError
	if err := uc(d).SaveEvent(ctx, &bad); !errors.As(err, &verr) || !verr.Has(domain.FieldStart) {
		t.Errorf("update with a bad date: %v", err)
	}
	if still, _ := d.Event(ctx, e.ID); still.Start != e.Start {
		t.Errorf("a rejected update changed the stored start to %v", still.Start)
	}
	if err := uc(d).DeleteEvent(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Event(ctx, e.ID); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("after delete: %v, want ErrNotFound", err)
	}
	if err := uc(d).DeleteEvent(ctx, e.ID); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("second delete: %v, want ErrNotFound", err)
	}
}

func TestYearlyEventInOtherYears(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	e := domain.Event{Title: "سالگرد تأسیس", Kind: domain.KindCeremony, Start: jalali.MustNew(1400, 12, 29), End: jalali.MustNew(1401, 1, 1), Repeat: domain.Repeat{Kind: domain.RepeatYearly}}
	if err := uc(d).SaveEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		from, to jalali.Date
		want     int
	}{
		{jalali.MustNew(1405, 1, 1), jalali.MustNew(1405, 1, 31), 1}, // the tail of 1404's occurrence
		{jalali.MustNew(1405, 6, 1), jalali.MustNew(1405, 6, 31), 0},
		{jalali.MustNew(1399, 12, 1), jalali.MustNew(1399, 12, 30), 0}, // before the first year
	} {
		got, err := d.EventsBetween(ctx, tt.from, tt.to, domain.EventFilter{})
		if err != nil || len(got) != tt.want {
			t.Errorf("%v..%v: %d events (%v), want %d", tt.from, tt.to, len(got), err, tt.want)
		}
	}
}

// uc returns the use cases over d, which fill in and check what d stores.
func uc(d *DB) *app.App { return app.Over(d, app.Options{}) }
