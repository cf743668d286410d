package calendar

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/hijri"
	"github.com/ruydad/ruydad/internal/jalali"
)

// starts returns the first days of spans.
func starts(spans []Span) []jalali.Date {
	out := make([]jalali.Date, len(spans))
	for i, s := range spans {
		out[i] = s.Start
	}
	return out
}

// TestSeriesOccurrences: each kind of repeat, with its interval, end date,
// count and skipped days, over a window; 1405/09/01 is a Sunday, 1405 a
// common year (a 29-day Esfand).
func TestSeriesOccurrences(t *testing.T) {
	satTue := domain.WeekdaysOf(jalali.Saturday, jalali.Tuesday)
	tests := []struct {
		name     string
		start    jalali.Date
		r        domain.Repeat
		from, to jalali.Date
		want     []jalali.Date
	}{
		{"weekly Saturday and Tuesday", d(1405, 9, 3), domain.Repeat{Kind: domain.RepeatWeekly, Days: satTue},
			d(1405, 9, 1), d(1405, 10, 1), []jalali.Date{d(1405, 9, 3), d(1405, 9, 7), d(1405, 9, 10), d(1405, 9, 14),
				d(1405, 9, 17), d(1405, 9, 21), d(1405, 9, 24), d(1405, 9, 28), d(1405, 10, 1)}},
		{"weekly, until a day, one skipped", d(1405, 9, 3),
			domain.Repeat{Kind: domain.RepeatWeekly, Days: satTue, Until: d(1405, 9, 21), Skipped: domain.DatesOf(d(1405, 9, 10))},
			d(1405, 1, 1), d(1406, 1, 1), []jalali.Date{d(1405, 9, 3), d(1405, 9, 7), d(1405, 9, 14), d(1405, 9, 17), d(1405, 9, 21)}},
		{"every other week, four times", d(1405, 9, 3), domain.Repeat{Kind: domain.RepeatWeekly, Interval: 2, Days: satTue, Count: 4},
			d(1405, 1, 1), d(1406, 1, 1), []jalali.Date{d(1405, 9, 3), d(1405, 9, 14), d(1405, 9, 17), d(1405, 9, 28)}},
		{"every other week, four times, seen late", d(1405, 9, 3), domain.Repeat{Kind: domain.RepeatWeekly, Interval: 2, Days: satTue, Count: 4},
			d(1405, 9, 20), d(1405, 12, 1), []jalali.Date{d(1405, 9, 28)}},
		{"weekly, a window years later", d(1405, 9, 3), domain.Repeat{Kind: domain.RepeatWeekly, Days: satTue},
			d(1410, 1, 1), d(1410, 1, 7), []jalali.Date{d(1410, 1, 2), d(1410, 1, 5)}},
		{"monthly on the 31st", d(1405, 6, 31), domain.Repeat{Kind: domain.RepeatMonthly},
			d(1405, 1, 1), d(1406, 1, 31), []jalali.Date{d(1405, 6, 31), d(1405, 7, 30), d(1405, 8, 30), d(1405, 9, 30),
				d(1405, 10, 30), d(1405, 11, 30), d(1405, 12, 29), d(1406, 1, 31)}},
		{"every other month on the 31st", d(1405, 6, 31), domain.Repeat{Kind: domain.RepeatMonthly, Interval: 2},
			d(1405, 1, 1), d(1406, 1, 1), []jalali.Date{d(1405, 6, 31), d(1405, 8, 30), d(1405, 10, 30), d(1405, 12, 29)}},
		{"the second Monday", d(1405, 9, 9), domain.Repeat{Kind: domain.RepeatMonthlyWeekday, Nth: 2},
			d(1405, 9, 1), d(1405, 11, 30), []jalali.Date{d(1405, 9, 9), d(1405, 10, 14), d(1405, 11, 12)}},
		{"the last Monday", d(1405, 9, 30), domain.Repeat{Kind: domain.RepeatMonthlyWeekday, Nth: domain.LastWeek},
			d(1405, 9, 1), d(1405, 10, 30), []jalali.Date{d(1405, 9, 30), d(1405, 10, 28)}},
		{"yearly, three times", d(1404, 1, 15), domain.Repeat{Kind: domain.RepeatYearly, Count: 3},
			d(1400, 1, 1), d(1410, 1, 1), []jalali.Date{d(1404, 1, 15), d(1405, 1, 15), d(1406, 1, 15)}},
		{"yearly, 30 Esfand", d(1403, 12, 30), domain.Repeat{Kind: domain.RepeatYearly},
			d(1403, 1, 1), d(1408, 12, 30), []jalali.Date{d(1403, 12, 30), d(1408, 12, 30)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := domain.Event{Start: tt.start, End: tt.start, Repeat: tt.r}
			if err := e.Validate(); err != nil && !tt.start.IsZero() {
				if v, ok := err.(domain.ValidationError); !ok || v.Has(domain.FieldRepeat) || v.Has(domain.FieldRepeatDays) || v.Has(domain.FieldRepeatNth) {
					t.Fatalf("the series does not validate: %v", err)
				}
			}
			got := starts(Official().EventSpans(e, tt.from, tt.to))
			if !slices.Equal(got, tt.want) {
				t.Errorf("occurrences\n got %v\nwant %v", got, tt.want)
			}
			for _, s := range tt.want {
				if !Official().Covers(e, s) {
					t.Errorf("Covers(%s) = false", s)
				}
			}
		})
	}
}

// TestSeriesKeepsLength: every occurrence of a series lasts as long as the
// first, and one that started before a window still touches it.
func TestSeriesKeepsLength(t *testing.T) {
	e := domain.Event{Start: d(1405, 9, 3), End: d(1405, 9, 5), Repeat: domain.Repeat{Kind: domain.RepeatWeekly, Days: domain.WeekdaysOf(jalali.Tuesday)}}
	got := Official().EventSpans(e, d(1405, 9, 12), d(1405, 9, 12))
	if len(got) != 1 || got[0].Start != d(1405, 9, 10) || got[0].End != d(1405, 9, 12) {
		t.Errorf("the occurrence on 1405/09/12: %v, want 1405/09/10..12", got)
	}
	if got := Official().EventStarting(e, d(1405, 9, 12), d(1405, 9, 20)); len(got) != 1 || got[0].Start != d(1405, 9, 17) {
		t.Errorf("starting 1405/09/12..20: %v, want the one of 1405/09/17", got)
	}
}

// TestSeriesHijri: a yearly Hijri series falls on the same Hijri day each
// year, moved by an administrator's correction of that month.
func TestSeriesHijri(t *testing.T) {
	start := d(1405, 4, 5)
	h, _ := Official().Hijri().FromJalali(start)
	e := domain.Event{Start: start, End: start, Repeat: domain.Repeat{Kind: domain.RepeatYearlyHijri}}
	got := Official().EventSpans(e, d(1405, 1, 1), d(1408, 12, 29))
	if len(got) < 3 {
		t.Fatalf("occurrences in 1405..1408: %v", got)
	}
	for i, s := range got {
		if hs, _ := Official().Hijri().FromJalali(s.Start); hs.Month != h.Month || hs.Day != h.Day || hs.Year != h.Year+i || s.Year != h.Year+i {
			t.Errorf("occurrence %d on %s is Hijri %v, want %d/%d/%d", i, s.Start, hs, h.Year+i, h.Month, h.Day)
		}
	}
	// The month of the second occurrence, started a day later.
	m := hijri.Month{Year: h.Year + 1, Month: h.Month}
	info, _ := Official().Hijri().Month(m)
	cal, refused := Build([]domain.HijriCorrection{{Year: m.Year, Month: m.Month, Start: info.Start.AddDays(1)}})
	if len(refused) > 0 {
		t.Fatal(refused)
	}
	moved := cal.EventSpans(e, got[1].Start.AddDays(-3), got[1].Start.AddDays(3))
	if len(moved) != 1 || moved[0].Start != got[1].Start.AddDays(1) {
		t.Errorf("after the correction: %v, want %s", moved, got[1].Start.AddDays(1))
	}
}

// TestDescribeRepeat: the Persian sentence of each kind of repeat.
func TestDescribeRepeat(t *testing.T) {
	tests := []struct {
		start jalali.Date
		r     domain.Repeat
		want  string
	}{
		{d(1405, 9, 3), domain.Repeat{Kind: domain.RepeatWeekly, Days: domain.WeekdaysOf(jalali.Saturday, jalali.Tuesday), Until: d(1405, 12, 29)},
			"هر هفته شنبه و سه‌شنبه، تا ۲۹ اسفند ۱۴۰۵"},
		{d(1405, 9, 3), domain.Repeat{Kind: domain.RepeatWeekly, Interval: 2, Days: domain.WeekdaysOf(jalali.Tuesday), Count: 6},
			"هر ۲ هفته یک بار سه‌شنبه، ۶ بار"},
		{d(1405, 9, 3), domain.Repeat{Kind: domain.RepeatWeekly, Days: domain.AllWeekdays, Count: 3}, "هر روز، ۳ بار"},
		{d(1405, 9, 3), domain.Repeat{Kind: domain.RepeatWeekly, Interval: 2, Days: domain.AllWeekdays},
			"هر ۲ هفته یک بار شنبه، یک‌شنبه، دوشنبه، سه‌شنبه، چهارشنبه، پنج‌شنبه و جمعه"},
		{d(1405, 9, 5), domain.Repeat{Kind: domain.RepeatMonthly}, "هر ماه روز ۵"},
		{d(1405, 6, 31), domain.Repeat{Kind: domain.RepeatMonthly}, "هر ماه روز ۳۱ (در ماه‌های ۳۰ و ۲۹ روزه، روز آخر ماه)"},
		{d(1405, 9, 9), domain.Repeat{Kind: domain.RepeatMonthlyWeekday, Nth: 2}, "دومین دوشنبهٔ هر ماه"},
		{d(1405, 9, 30), domain.Repeat{Kind: domain.RepeatMonthlyWeekday, Nth: domain.LastWeek}, "آخرین دوشنبهٔ هر ماه"},
		{d(1405, 4, 5), domain.Repeat{Kind: domain.RepeatYearlyHijri, Count: 5}, "هر سال قمری در ۱۱ محرم (به رؤیت ماه در ایران)، ۵ بار"},
		{d(1405, 2, 27), domain.Repeat{Kind: domain.RepeatYearly, Skipped: domain.DatesOf(d(1406, 2, 27))},
			"هر سال در ۲۷ اردیبهشت؛ ۱ نوبت حذف شده است"},
	}
	for _, tt := range tests {
		e := domain.Event{Start: tt.start, End: tt.start, Repeat: tt.r}
		if got := Official().DescribeRepeat(e); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.r, got, tt.want)
		}
	}
}

// TestEachEventDays checks EachEventDays gives the days of the occurrences
// EventSpans gives, in order, over random series of every kind (intervals,
// counts, ends, skipped and moved days, several days long) and one-off
// events, in random ranges, near the ends of the years known too.
func TestEachEventDays(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 25))
	kinds := []domain.RepeatKind{domain.RepeatWeekly, domain.RepeatMonthly, domain.RepeatMonthlyWeekday, domain.RepeatYearly,
		domain.RepeatYearlyHijri, ""}
	c := Official()
	seen := 0
	for i := range 20000 {
		base := 1395
		if i%50 == 0 {
			base = []int{jalali.MinYear + 1, jalali.MaxYear - 2}[i%2]
		}
		start := jalali.MustNew(base+rng.IntN(10), 1+rng.IntN(12), 1+rng.IntN(29))
		e := domain.Event{Start: start, End: start.AddDays(rng.IntN(3) * rng.IntN(2)),
			Repeat: domain.Repeat{Kind: kinds[rng.IntN(len(kinds))], Interval: 1 + rng.IntN(3)*rng.IntN(2)}}
		switch e.Repeat.Kind {
		case domain.RepeatWeekly:
			e.Repeat.Days = domain.Weekdays(rng.IntN(128))
		case domain.RepeatMonthlyWeekday:
			e.Repeat.Nth = []int{1, 2, 4, domain.LastWeek}[rng.IntN(4)]
		case "":
			e.Repeat = domain.Repeat{}
		}
		if rng.IntN(4) == 0 {
			e.Repeat.Count = 1 + rng.IntN(20)
		} else if rng.IntN(3) == 0 {
			e.Repeat.Until = start.AddDays(rng.IntN(800))
		}
		if first := c.EventStarting(e, start, start.AddDays(60)); e.Repeats() && len(first) > 1 && rng.IntN(5) == 0 {
			e.Repeat.Skipped = domain.DatesOf(first[1].Start)
		}
		from := start.AddDays(rng.IntN(900) - 100)
		to := from.AddDays(rng.IntN(45))
		var want [][2]int
		for _, s := range c.EventSpans(e, from, to) {
			want = append(want, [2]int{s.Start.Ordinal(), s.End.Ordinal()})
		}
		var got [][2]int
		c.EachEventDays(e, from, to, func(first, last int) { got = append(got, [2]int{first, last}) })
		if !slices.Equal(got, want) {
			t.Fatalf("%+v from %v to %v: %v, want %v", e, from, to, got, want)
		}
		seen += len(want)
	}
	if seen < 20000 {
		t.Errorf("only %d occurrences seen", seen)
	}
}

// TestLastKnownDay checks lastKnownDay is the last day whose year the
// calendars know (a weekly series' periods stop before a week reaching
// past it).
func TestLastKnownDay(t *testing.T) {
	for n := lastKnownDay - 400; n <= lastKnownDay+400; n++ {
		if known := jalali.FromOrdinal(n).Year <= jalali.MaxYear; known != (n <= lastKnownDay) {
			t.Fatalf("day %d (%v): known %v, lastKnownDay %d", n, jalali.FromOrdinal(n), known, lastKnownDay)
		}
	}
}
