package domain

import (
	"testing"

	"github.com/ruydad/ruydad/internal/jalali"
)

// TestRecurrenceNormalize: the fields a rule does not read are zeroed, the
// ones it reads kept, so that a form's stray weekday beside a day of the
// month does not make another occasion.
func TestRecurrenceNormalize(t *testing.T) {
	// Every field set, as a form sends them whatever the rule.
	stray := Recurrence{Calendar: CalHijri, Month: 2, Day: 20, Weekday: jalali.Friday, Nth: 3, Offset: -1, Length: 2,
		Year: 1447, FromYear: 1400, ToYear: 1410}
	for _, tt := range []struct {
		rule RuleKind
		want Recurrence // the fields kept besides Calendar, Rule, Month, Offset, FromYear, ToYear
	}{
		{RuleDate, Recurrence{Day: 20, Length: 2}},
		{RuleOnce, Recurrence{Day: 20, Length: 2, Year: 1447}},
		{RuleNthDay, Recurrence{Day: 20, Nth: 3, Length: 2}},
		{RuleNthWeekday, Recurrence{Weekday: jalali.Friday, Nth: 3, Length: 2}},
		{RuleLastWeekday, Recurrence{Weekday: jalali.Friday, Length: 2}},
		{RuleMonthEnd, Recurrence{Length: 2}},
		{RuleWholeMonth, Recurrence{}},
	} {
		got := stray
		got.Rule = tt.rule
		got.Normalize()
		want := tt.want
		want.Calendar, want.Rule, want.Month, want.Offset, want.FromYear, want.ToYear = CalHijri, tt.rule, 2, -1, 1400, 1410
		if got != want {
			t.Errorf("%s: %+v, want %+v", tt.rule, got, want)
		}
		again := got
		if again.Normalize(); again != got {
			t.Errorf("%s: normalizing twice changed it: %+v", tt.rule, again)
		}
	}
}

// TestNthDayStaysWithinAYear: an nth-day rule counts less than a year of
// its calendar from its month and day (internal/calendar looks no further
// than the year after), with an error that names the most it may.
func TestNthDayStaysWithinAYear(t *testing.T) {
	nth := func(cal CalendarSystem, month, day, n int) func(o *Occasion) {
		return func(o *Occasion) { o.Calendar, o.Rule, o.Month, o.Day, o.Nth = cal, RuleNthDay, month, day, n }
	}
	runEditCases(t, prDay(), Occasion.Validate, []editCase[Occasion]{
		{"the programmers' day, 256th of the Gregorian year", nth(CalGregorian, 1, 1, 256), nil},
		{"365 days from 1 Farvardin", nth(CalJalali, 1, 1, 365), nil},
		{"366 days from 1 Farvardin", nth(CalJalali, 1, 1, 366),
			ValidationError{{Field: FieldNth, Code: CodeNthDayPastYear, Calendar: CalJalali, Max: 365}}},
		{"336 days from 30 Esfand", nth(CalJalali, 12, 30, 336), nil},
		{"337 days from 30 Esfand", nth(CalJalali, 12, 30, 337),
			ValidationError{{Field: FieldNth, Code: CodeNthDayPastYear, Calendar: CalJalali, Max: 336}}},
		{"366 days from 30 Esfand (the review's case)", nth(CalJalali, 12, 30, 366),
			ValidationError{{Field: FieldNth, Code: CodeNthDayPastYear, Calendar: CalJalali, Max: 336}}},
		{"354 days from 1 Muharram", nth(CalHijri, 1, 1, 354), nil},
		{"355 days from 1 Muharram", nth(CalHijri, 1, 1, 355),
			ValidationError{{Field: FieldNth, Code: CodeNthDayPastYear, Calendar: CalHijri, Max: 354}}},
		{"365 days from 1 January", nth(CalGregorian, 1, 1, 365), nil},
		{"366 days from 1 January", nth(CalGregorian, 1, 1, 366),
			ValidationError{{Field: FieldNth, Code: CodeNthDayPastYear, Calendar: CalGregorian, Max: 365}}},
		{"a wrong day is said once", nth(CalJalali, 7, 31, 366),
			ValidationError{{Field: FieldDay, Code: CodeDayNotInMonth, Calendar: CalJalali, Month: 7, Max: 30}}},
	})
}

// TestOnceYearInItsCalendar: a one-time occasion's year is one its own
// calendar supports, and a Jalali or Gregorian day that year does not
// have is refused on the day.
func TestOnceYearInItsCalendar(t *testing.T) {
	once := func(cal CalendarSystem, year, month, day int) func(o *Occasion) {
		return func(o *Occasion) { o.Calendar, o.Rule, o.Year, o.Month, o.Day = cal, RuleOnce, year, month, day }
	}
	runEditCases(t, prDay(), Occasion.Validate, []editCase[Occasion]{
		{"Jalali 1404", once(CalJalali, 1404, 2, 27), nil},
		{"Jalali 1000 and 3000", once(CalJalali, 1000, 1, 1), nil},
		{"Jalali 3001", once(CalJalali, 3001, 1, 1),
			ValidationError{{Field: FieldYear, Code: CodeYearRange, Calendar: CalJalali, Min: 1000, Max: 3000}}},
		{"Jalali 3700, which only Gregorian years reach", once(CalJalali, 3700, 1, 1),
			ValidationError{{Field: FieldYear, Code: CodeYearRange, Calendar: CalJalali, Min: 1000, Max: 3000}}},
		{"30 Esfand 1403, a leap year", once(CalJalali, 1403, 12, 30), nil},
		{"30 Esfand 1404, not a leap year", once(CalJalali, 1404, 12, 30),
			ValidationError{{Field: FieldDay, Code: CodeDayNotInYearMonth, Calendar: CalJalali, Year: 1404, Month: 12, Max: 29}}},
		{"Hijri 1448", once(CalHijri, 1448, 9, 1), nil},
		{"Hijri 3091", once(CalHijri, 3091, 12, 1), nil},
		{"Hijri 3500", once(CalHijri, 3500, 9, 1),
			ValidationError{{Field: FieldYear, Code: CodeYearRange, Calendar: CalHijri, Min: 1031, Max: 3091}}},
		{"Hijri 1000", once(CalHijri, 1000, 9, 1),
			ValidationError{{Field: FieldYear, Code: CodeYearRange, Calendar: CalHijri, Min: 1031, Max: 3091}}},
		{"Gregorian 2026", once(CalGregorian, 2026, 5, 1), nil},
		{"Gregorian 3621", once(CalGregorian, 3621, 12, 31), nil},
		{"Gregorian 1200", once(CalGregorian, 1200, 5, 1),
			ValidationError{{Field: FieldYear, Code: CodeYearRange, Calendar: CalGregorian, Min: 1622, Max: 3621}}},
		{"29 February 2025", once(CalGregorian, 2025, 2, 29),
			ValidationError{{Field: FieldDay, Code: CodeDayNotInYearMonth, Calendar: CalGregorian, Year: 2025, Month: 2, Max: 28}}},
		{"29 February 2024", once(CalGregorian, 2024, 2, 29), nil},
	})
}
