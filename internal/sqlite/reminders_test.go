package sqlite

import (
	"context"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// TestEventRemindersStored: an event's reminders are written and read back
// through the one column list, by insert and by update.
func TestEventRemindersStored(t *testing.T) {
	d := open(t)
	ctx := context.Background()
	day := jalali.MustNew(1404, 5, 17)
	e := domain.Event{UID: NewUID(), Title: "نشست خبری", Kind: domain.KindMeeting, Start: day, End: day,
		Status: domain.StatusConfirmed, Precision: domain.PrecisionDay, Reminders: domain.RemindersOf(domain.ReminderDay, domain.ReminderHour),
		CreatedAt: time.Now(), UpdatedAt: time.Now()}
	if err := d.CreateEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	got, err := d.Event(ctx, e.ID)
	if err != nil || got.Reminders != "1440,60" {
		t.Fatalf("stored reminders %q, %v", got.Reminders, err)
	}
	if _, err := d.ModifyEvents(ctx, []int64{e.ID}, func(e *domain.Event) (bool, error) {
		e.Reminders = domain.RemindersOf(domain.ReminderWeek)
		return true, nil
	}); err != nil {
		t.Fatal(err)
	}
	if got, _ := d.Event(ctx, e.ID); got.Reminders != "10080" {
		t.Errorf("updated reminders %q", got.Reminders)
	}
}

// TestPreparationsStored: a lead time is stored per occasion key, changed
// in place, deleted; each change moves the data version (feeds and pages
// are kept per data version); the table refuses a lead time out of range
// even past the app.
func TestPreparationsStored(t *testing.T) {
	d := open(t)
	ctx := context.Background()
	version := func() int64 {
		t.Helper()
		n, _, err := d.DataVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	v0 := version()
	if err := d.SetPreparation(ctx, domain.Preparation{Occasion: "journalist-day", LeadDays: 7}); err != nil {
		t.Fatal(err)
	}
	v1 := version()
	if err := d.SetPreparation(ctx, domain.Preparation{Occasion: "journalist-day", LeadDays: 10}); err != nil {
		t.Fatal(err)
	}
	if err := d.SetPreparation(ctx, domain.Preparation{Occasion: "pr-day", LeadDays: 14}); err != nil {
		t.Fatal(err)
	}
	v2 := version()
	preps, err := d.Preparations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(preps) != 2 || preps[0].Occasion != "journalist-day" || preps[0].LeadDays != 10 || preps[1].LeadDays != 14 || preps[0].UpdatedAt.IsZero() {
		t.Fatalf("preparations %+v", preps)
	}
	if err := d.DeletePreparation(ctx, "journalist-day"); err != nil {
		t.Fatal(err)
	}
	v3 := version()
	if !(v0 < v1 && v1 < v2 && v2 < v3) {
		t.Errorf("data versions %d %d %d %d do not move with each change", v0, v1, v2, v3)
	}
	if preps, _ := d.Preparations(ctx); len(preps) != 1 || preps[0].Occasion != "pr-day" {
		t.Errorf("after delete: %+v", preps)
	}
	if err := d.SetPreparation(ctx, domain.Preparation{Occasion: "pr-day", LeadDays: 0}); err == nil {
		t.Error("a lead time of 0 days stored")
	}
	if preps, _ := d.Preparations(ctx); len(preps) != 1 || preps[0].LeadDays != 14 {
		t.Errorf("a refused change changed it: %+v", preps)
	}
}
