package sqlite

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
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
	// A page's scratch: briefs of other months and filters, read into
	// again and again (BriefsShownInto), with room for them all or not.
	scratch := make([]domain.Brief, 0, 50)
	for _, f := range []domain.EventFilter{{}, {Province: "همدان"}, {Kind: domain.KindMeeting},
		{Statuses: []domain.Status{domain.StatusConfirmed, domain.StatusProposed}}, {Province: "همدان"}} {
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
			want := make([]domain.Brief, len(events))
			for i, e := range events {
				want[i] = domain.BriefOf(e)
			}
			sameBriefs(t, fmt.Sprintf("%+v %v", f, m), briefs, want)
			every := func(all []domain.Brief) []int64 {
				ids := make([]int64, len(all))
				for i := range all {
					ids[i] = all[i].ID
				}
				return ids
			}
			into, err := d.BriefsShownInto(ctx, scratch, m[0], m[1], f, every)
			if err != nil {
				t.Fatal(err)
			}
			sameBriefs(t, fmt.Sprintf("%+v %v, into a slice of %d", f, m, cap(scratch)), into, want)
			scratch = into
		}
	}
}

// sameBriefs checks got are the briefs want, their rules alike.
func sameBriefs(t *testing.T, what string, got, want []domain.Brief) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d briefs, want %d", what, len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Repeats() != w.Repeats() || g.Repeats() && *g.Repeat != *w.Repeat {
			t.Errorf("%s: brief %d (event %d): repeat %+v, want %+v", what, i, w.ID, g.Repeat, w.Repeat)
		}
		g.Repeat, w.Repeat = nil, nil
		if g != w {
			t.Errorf("%s: brief %d:\n got %+v\nwant %+v", what, i, g, w)
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

// TestTouchesQuickly checks touchesQuickly, when it knows, says what
// seriesTouches, placing the occurrences, says (of series of every one to
// three weeks, months or years, counted, ending or not, with an occurrence
// skipped or not), and that it knows for most month grids.
func TestTouchesQuickly(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 1403))
	kinds := []domain.RepeatKind{domain.RepeatWeekly, domain.RepeatMonthly, domain.RepeatMonthlyWeekday, domain.RepeatYearly, domain.RepeatYearlyHijri}
	known, grids, yes, no, counted := 0, 0, 0, 0, 0
	for i := range 40000 {
		start := jalali.MustNew(1400, 1, 1).AddDays(rng.IntN(3650))
		if rng.IntN(50) == 0 {
			start = jalali.MustNew(1403, 12, 30) // a leap year's last day
		}
		r := domain.Repeat{Kind: kinds[rng.IntN(len(kinds))], Interval: []int{0, 1, 1, 2, 3}[rng.IntN(5)],
			Days: domain.Weekdays(rng.IntN(128)), Nth: []int{1, 2, 4, domain.LastWeek}[rng.IntN(4)]}
		if r.Kind == domain.RepeatWeekly && rng.IntN(2) == 0 {
			r.Days = domain.WeekdaysOf(start.Weekday())
		}
		switch rng.IntN(6) {
		case 0:
			r.Count = 1 + rng.IntN(10)
		case 1:
			r.Until = start.AddDays(rng.IntN(900))
		case 2:
			r.Skipped = domain.DatesOf(start.AddDays(7 * rng.IntN(20)))
		}
		b := domain.Brief{ID: int64(i), Kind: domain.KindMeeting, Status: domain.StatusConfirmed, From: start.Ordinal(),
			To: start.AddDays([]int{0, 0, 1, 3, 40}[rng.IntN(5)]).Ordinal(), Repeat: &r}
		from := start.AddDays(rng.IntN(1200) - 60)
		n := []int{rng.IntN(60), rng.IntN(16), 34 + rng.IntN(9)}[rng.IntN(3)] // the last: a month grid's days
		to := from.AddDays(n)
		got, ok := touchesQuickly(&b, from.Ordinal(), to.Ordinal(), lastStart(&b))
		if !ok {
			continue
		}
		known++
		if r.Count > 0 {
			counted++
		}
		if n >= 34 && r.Kind != domain.RepeatYearly {
			grids++
		}
		if got {
			yes++
		} else {
			no++
		}
		if want := seriesTouches(b.Event(), from, to); got != want {
			t.Fatalf("series %+v of %v..%v in %v..%v: %v, placed %v", r, start, jalali.FromOrdinal(b.To), from, to, got, want)
		}
	}
	if known < 5000 || grids < 1000 || yes < 1000 || no < 1000 || counted < 500 {
		t.Errorf("known for %d ranges only (%d month grids, %d counted series), %d yes and %d no", known, grids, counted, yes, no)
	}
}

// TestParseBrief reads rows as briefColumn writes them, texts holding
// spaces and digits, and refuses rows cut short or malformed.
func TestParseBrief(t *testing.T) {
	title := "جلسه 12 شورا ۱۴۰۳ 7"
	rows := "12 2024-05-16 2024-05-18 meeting confirmed 10:00 11:30 6 " + strconv.Itoa(len(title)) + " pr-day" + title +
		"9007199254740993 2024-02-29 2024-02-29 other proposed   0 0 "
	b, rest, err := parseBrief(rows)
	want := domain.Brief{ID: 12, From: jalali.GregorianOrdinal(2024, 5, 16), To: jalali.GregorianOrdinal(2024, 5, 18), Kind: domain.KindMeeting,
		Status: domain.StatusConfirmed, StartTime: "10:00", EndTime: "11:30", Occasion: "pr-day", Title: title}
	if err != nil || b != want {
		t.Fatalf("%+v, %v\nwant %+v", b, err, want)
	}
	b, rest, err = parseBrief(rest)
	if err != nil || rest != "" || b.ID != 9007199254740993 || b.From != jalali.GregorianOrdinal(2024, 2, 29) || b.StartTime != "" || b.Title != "" {
		t.Fatalf("%+v, %q, %v", b, rest, err)
	}
	for _, bad := range []string{"", "12", "12 ", "x 2024-05-16 2024-05-16 a b   0 0 ", "12 2024-5-16 2024-05-16 a b   0 0 ",
		"12 2024-05-16 2024-13-16 a b   0 0 ", "12 2024-05-16 2024-05-16 a b", "12 2024-05-16 2024-05-16 a b   0 9 short",
		"12 2024-05-16 2024-05-16 a b   -1 0 ", "1234567890123456789 2024-05-16 2024-05-16 a b   0 0 "} {
		if b, _, err := parseBrief(bad); err == nil {
			t.Errorf("%q read as %+v", bad, b)
		}
	}
}

// TestSortBriefs checks sortBriefs orders briefs as compareBriefs does,
// whether each has a key (briefKey) or some do not (an odd start time, a
// large number), and that the keys order as compareBriefs.
func TestSortBriefs(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 64))
	times := []string{"", "", "09:30", "10:00", "23:59", "00:00", "9:30", "ab:cd", "24:00"}
	for round := range 300 {
		n := rng.IntN(60)
		briefs := make([]domain.Brief, n)
		for i := range briefs {
			briefs[i] = domain.Brief{ID: int64(rng.IntN(1000)), From: jalali.MustNew(1000+rng.IntN(2000), 1, 1).Ordinal() + rng.IntN(3),
				StartTime: times[rng.IntN(3+round%7)], Title: strconv.Itoa(i)}
			if round%5 == 0 && rng.IntN(10) == 0 {
				briefs[i].ID = 1<<32 + int64(rng.IntN(9))
			}
		}
		want := slices.Clone(briefs)
		slices.SortStableFunc(want, func(a, b domain.Brief) int { return compareBriefs(&a, &b) })
		got := sortBriefs(briefs)
		for i := range got {
			if compareBriefs(&got[i], &want[i]) != 0 {
				t.Fatalf("round %d: place %d holds %+v, want %+v", round, i, got[i], want[i])
			}
		}
		for i := 1; i < len(got); i++ {
			ka, oka := briefKey(&got[i-1])
			kb, okb := briefKey(&got[i])
			if oka && okb && ka > kb {
				t.Fatalf("round %d: keys of %+v and %+v out of order", round, got[i-1], got[i])
			}
		}
	}
}
