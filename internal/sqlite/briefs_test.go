package sqlite

import (
	"context"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// TestBriefsBetween checks the month grid's read gives the events
// EventsBetween gives, in its order, with their fields as BriefOf takes
// them: one-off and repeating events (a yearly one in fifty), filtered or
// not, titles and occasion keys holding spaces and digits.
func TestBriefsBetween(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	fill(t, d, 3000)
	extra := []domain.Event{
		{Title: "۲ ۳ عنوان  با فاصله ", Kind: domain.KindOccasion, Occasion: "pr-day", Start: jalali.MustNew(1404, 2, 27), StartTime: "10:00", EndTime: "11:30"},
		{Title: "هفتگی", Kind: domain.KindMeeting, Start: jalali.MustNew(1403, 1, 4), Province: "همدان",
			Repeat: domain.Repeat{Kind: domain.RepeatWeekly, Days: domain.WeekdaysOf(jalali.Saturday, jalali.Tuesday)}},
		{Title: "پیشنهادی", Kind: domain.KindTraining, Status: domain.StatusProposed, Start: jalali.MustNew(1404, 2, 3), End: jalali.MustNew(1404, 2, 9)},
	}
	if _, err := uc(d).ImportEvents(ctx, extra); err != nil {
		t.Fatal(err)
	}
	for _, f := range []domain.EventFilter{{}, {Province: "همدان"}, {Kind: domain.KindMeeting},
		{Statuses: []domain.Status{domain.StatusConfirmed, domain.StatusProposed}}} {
		for _, m := range [][2]jalali.Date{{jalali.MustNew(1404, 1, 25), jalali.MustNew(1404, 3, 5)}, {jalali.MustNew(1402, 12, 26), jalali.MustNew(1403, 2, 6)}} {
			events, err := d.EventsBetween(ctx, m[0], m[1], f)
			if err != nil {
				t.Fatal(err)
			}
			briefs, err := d.BriefsBetween(ctx, m[0], m[1], f)
			if err != nil {
				t.Fatal(err)
			}
			if len(briefs) != len(events) || len(events) == 0 {
				t.Fatalf("%+v %v: %d briefs, %d events", f, m, len(briefs), len(events))
			}
			for i, e := range events {
				want, got := domain.BriefOf(e), briefs[i]
				if got.Repeats() != want.Repeats() || got.Repeats() && *got.Repeat != *want.Repeat {
					t.Errorf("%+v: brief %d (event %d): repeat %+v, want %+v", f, i, e.ID, got.Repeat, want.Repeat)
				}
				got.Repeat, want.Repeat = nil, nil
				if got != want {
					t.Errorf("%+v: brief %d:\n got %+v\nwant %+v", f, i, got, want)
				}
			}
		}
	}
}

// BenchmarkBriefsBetween is BenchmarkEventsBetween's month read as the
// month grid makes it (domain.Brief).
func BenchmarkBriefsBetween(b *testing.B) {
	d := open(b)
	fill(b, d, 20000)
	ctx := context.Background()
	from, to := jalali.MustNew(1404, 7, 1), jalali.MustNew(1404, 7, 30)
	n := 0
	b.ReportAllocs()
	for b.Loop() {
		got, err := d.BriefsBetween(ctx, from, to, domain.EventFilter{})
		if err != nil {
			b.Fatal(err)
		}
		n = len(got)
	}
	b.ReportMetric(float64(n), "events/op")
}

// TestISODay checks the day numbers of stored dates are jalali's
// (Date.Ordinal), over leap years, centuries and the years supported.
func TestISODay(t *testing.T) {
	for d := jalali.MustNew(1399, 1, 1); d.Before(jalali.MustNew(1404, 1, 1)); d = d.Next() {
		if got, err := isoDay(d.ISO()); err != nil || got != d.Ordinal() {
			t.Fatalf("%s: %d (%v), want %d", d.ISO(), got, err, d.Ordinal())
		}
	}
	for _, d := range []jalali.Date{jalali.MustNew(1000, 1, 1), jalali.MustNew(1278, 10, 11), jalali.MustNew(1348, 10, 11), jalali.MustNew(2999, 12, 29)} {
		if got, err := isoDay(d.ISO()); err != nil || got != d.Ordinal() {
			t.Errorf("%s: %d (%v), want %d", d.ISO(), got, err, d.Ordinal())
		}
	}
	for _, s := range []string{"", "2024-5-16", "2024-13-01", "20x4-05-16"} {
		if _, err := isoDay(s); err == nil {
			t.Errorf("%q read as a date", s)
		}
	}
}
