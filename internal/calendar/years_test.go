package calendar

import (
	"slices"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// TestNthDayReachesTheYearAfterNext: an nth-day rule that validation
// accepts may count from a day late in its year to the year after; its
// occurrence then runs (with an offset and a span) into the year after
// that. Occurrences finds it there as the almanac does, and as asking every
// year around for its occurrence does.
func TestNthDayReachesTheYearAfterNext(t *testing.T) {
	rules := []domain.Recurrence{
		{Calendar: domain.CalJalali, Rule: domain.RuleNthDay, Month: 12, Day: 29, Nth: 337, Offset: 7, Length: 31},
		{Calendar: domain.CalJalali, Rule: domain.RuleNthDay, Month: 12, Day: 30, Nth: 336, Length: 31},
		{Calendar: domain.CalJalali, Rule: domain.RuleNthDay, Month: 1, Day: 1, Nth: 365, Offset: 7, Length: 10},
		{Calendar: domain.CalHijri, Rule: domain.RuleNthDay, Month: 12, Day: 29, Nth: 326, Offset: 7, Length: 31},
		{Calendar: domain.CalGregorian, Rule: domain.RuleNthDay, Month: 12, Day: 31, Nth: 335, Offset: 7, Length: 31},
	}
	for _, r := range rules {
		o := domain.Occasion{Key: "far", Name: "شمارش دور", Recurrence: r}
		if err := o.Validate(); err != nil {
			t.Fatalf("%s: %v", Describe(r), err)
		}
		a := Official().Almanac([]domain.Occasion{o})
		for y := 1400; y <= 1408; y++ {
			for m := 1; m <= 12; m++ {
				from := d(y, m, 1)
				to := d(y, m, jalali.MonthLength(y, m))
				want := everyYear(r, from, to)
				if got := Official().Occurrences(r, from, to); !slices.Equal(got, want) {
					t.Fatalf("%s over %s..%s: Occurrences = %v, want %v", Describe(r), from, to, got, want)
				}
				var placed []Span
				for _, p := range a.Between(from, to) {
					placed = append(placed, p.Span)
				}
				if !slices.Equal(placed, want) {
					t.Fatalf("%s over %s..%s: the almanac has %v, want %v", Describe(r), from, to, placed, want)
				}
			}
		}
	}
}

// everyYear returns r's occurrences touching from..to by asking every year
// of r's calendar within five of from's.
func everyYear(r domain.Recurrence, from, to jalali.Date) []Span {
	y := from.Year // Jalali
	switch r.Calendar {
	case domain.CalGregorian:
		y, _, _ = from.Gregorian()
	case domain.CalHijri:
		h, _ := Official().Hijri().FromJalali(from)
		y = h.Year
	}
	var out []Span
	for year := y - 5; year <= y+5; year++ {
		if s, ok := Official().In(r, year); ok && s.Touches(from, to) {
			out = append(out, s)
		}
	}
	return out
}

// TestOnceYearsAreTheCalendarsYears: every month of the first and last year
// a one-time occasion may have (domain.OnceYears) exists in its calendar,
// and the year before the first, or after the last, lacks one: validation
// and the calendar agree.
func TestOnceYearsAreTheCalendarsYears(t *testing.T) {
	for _, cal := range []domain.CalendarSystem{domain.CalJalali, domain.CalHijri, domain.CalGregorian} {
		first, last := domain.OnceYears(cal)
		once := func(year, month int) domain.Recurrence {
			return domain.Recurrence{Calendar: cal, Rule: domain.RuleOnce, Year: year, Month: month, Day: 1, Length: 1}
		}
		for _, y := range []int{first, last} {
			for m := 1; m <= 12; m++ {
				r := once(y, m)
				if err := r.Validate(); err != nil {
					t.Errorf("%s %d/%d: %v", cal, y, m, err)
				}
				if _, ok := Official().In(r, y); !ok {
					t.Errorf("%s %d/%d: no such day in the calendar", cal, y, m)
				}
			}
		}
		before, after := once(first-1, 1), once(last+1, 12)
		if _, ok := Official().In(before, first-1); ok {
			t.Errorf("%s: %d/1 exists; the first year could be earlier", cal, first-1)
		}
		if _, ok := Official().In(after, last+1); ok {
			t.Errorf("%s: %d/12 exists; the last year could be later", cal, last+1)
		}
		if before.Validate() == nil || after.Validate() == nil {
			t.Errorf("%s: a one-time occasion in %d or %d is accepted", cal, first-1, last+1)
		}
	}
}
