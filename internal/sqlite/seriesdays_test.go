package sqlite

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// TestDayBriefsAsBriefsBetween: DayBriefs, which takes the series from the
// blocks of days kept for the data version, returns what BriefsBetween
// returns for single days, weeks and ranges across blocks, with series of
// every kind (Hijri ones widened by the slack, several days long, ended on
// a date or after a count, with skipped days), with and without a filter;
// and each block is placed once per data version.
func TestDayBriefsAsBriefsBetween(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	rng := rand.New(rand.NewPCG(18, 26))
	first := jalali.MustNew(1402, 10, 1)
	provinces := []string{"همدان", "فارس"}
	var events []domain.Event
	for i := range 120 {
		start := first.AddDays(rng.IntN(200))
		e := domain.Event{Title: "سری " + jalali.FaNum(i), Kind: domain.KindMeeting, Start: start, End: start.AddDays(rng.IntN(3)),
			Province: provinces[i%2]}
		switch i % 6 {
		case 0:
			e.Repeat = domain.Repeat{Kind: domain.RepeatWeekly, Interval: 1 + rng.IntN(2), Days: domain.WeekdaysOf(start.Weekday(), start.AddDays(3).Weekday())}
		case 1:
			e.Repeat = domain.Repeat{Kind: domain.RepeatMonthly, Interval: 1}
		case 2:
			e.Repeat = domain.Repeat{Kind: domain.RepeatMonthlyWeekday, Interval: 1, Days: domain.WeekdaysOf(start.Weekday()), Nth: min((start.Day-1)/7+1, 4)}
			if start.Day > 28 {
				e.Repeat = domain.Repeat{Kind: domain.RepeatMonthly, Interval: 2}
			}
		case 3:
			e.Repeat = domain.Repeat{Kind: domain.RepeatYearly, Interval: 1}
		case 4:
			e.Repeat = domain.Repeat{Kind: domain.RepeatYearlyHijri, Interval: 1}
		default:
			e.Repeat = domain.Repeat{Kind: domain.RepeatWeekly, Interval: 1, Days: domain.WeekdaysOf(start.Weekday()),
				Skipped: domain.DatesOf(start.AddDays(7), start.AddDays(21))}
		}
		switch rng.IntN(3) {
		case 0:
			e.Repeat.Until = start.AddDays(30 + rng.IntN(200))
		case 1:
			e.Repeat.Count = 2 + rng.IntN(10)
		}
		events = append(events, e)
	}
	// One-off events too, on the same days.
	for i := range 40 {
		start := first.AddDays(rng.IntN(200))
		events = append(events, domain.Event{Title: "یک‌باره " + jalali.FaNum(i), Kind: domain.KindMeeting, Start: start, End: start.AddDays(rng.IntN(4)),
			Province: provinces[i%2]})
	}
	if _, err := uc(d).ImportEvents(ctx, events); err != nil {
		t.Fatal(err)
	}
	filters := []domain.EventFilter{{}, {Province: "همدان"}, {Statuses: []domain.Status{domain.StatusConfirmed, domain.StatusProposed}}}
	series := 0
	for _, f := range filters {
		for i := -10; i < 420; i += 1 + (i+30)%3 {
			from := first.AddDays(i)
			for _, days := range []int{1, 7, 40} {
				to := from.AddDays(days - 1)
				want, err := d.BriefsBetween(ctx, from, to, f)
				if err != nil {
					t.Fatal(err)
				}
				got, err := d.DayBriefs(ctx, from, to, f)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.EqualFunc(got, want, sameBrief) {
					t.Fatalf("%v to %v, %+v: DayBriefs gave %d briefs, BriefsBetween %d:\n%v\n%v", from, to, f, len(got), len(want), got, want)
				}
				for _, b := range got {
					if b.Repeats() {
						series++
					}
				}
			}
		}
	}
	if series < 1000 {
		t.Errorf("the ranges held %d series in all: too few to compare", series)
	}
	// Each block placed once a filter at this data version: asked again,
	// none is placed.
	builds := d.seriesDays.builds
	if _, err := d.DayBriefs(ctx, first.AddDays(50), first.AddDays(56), domain.EventFilter{}); err != nil {
		t.Fatal(err)
	}
	if n := d.seriesDays.builds - builds; n != 0 {
		t.Errorf("a week asked again placed %d blocks, want none", n)
	}
	// A change to the data: the next page sees it.
	late := first.AddDays(100)
	if _, err := uc(d).ImportEvents(ctx, []domain.Event{{Title: "تازه", Kind: domain.KindMeeting, Start: late,
		Repeat: domain.Repeat{Kind: domain.RepeatWeekly, Days: domain.WeekdaysOf(late.Weekday())}}}); err != nil {
		t.Fatal(err)
	}
	got, err := d.DayBriefs(ctx, late.AddDays(7), late.AddDays(7), domain.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(got, func(b domain.Brief) bool { return b.Title == "تازه" }) {
		t.Errorf("a series stored since is not on its next week's day: %v", got)
	}
}

// sameBrief compares two briefs by value, their rules included.
func sameBrief(a, b domain.Brief) bool {
	ra, rb := a.Repeat, b.Repeat
	a.Repeat, b.Repeat = nil, nil
	return a == b && (ra == nil) == (rb == nil) && (ra == nil || *ra == *rb)
}
