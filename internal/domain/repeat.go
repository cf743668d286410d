package domain

import (
	"slices"
	"sort"
	"strings"

	"github.com/ruydad/ruydad/internal/jalali"
)

// RepeatKind says how an event repeats.
type RepeatKind string

// The ways an event repeats. Each counts from the event's first day: its
// weekday, its Jalali day of the month, its Jalali or Hijri date.
const (
	RepeatNone RepeatKind = ""
	// RepeatWeekly: on the chosen weekdays (Repeat.Days) of every
	// Interval-th week.
	RepeatWeekly RepeatKind = "weekly"
	// RepeatMonthly: on the first day's Jalali day of every Interval-th
	// month; a 31st falls on the last day of a month of 30 or 29 days (and a
	// 30th on the 29th of a common Esfand).
	RepeatMonthly RepeatKind = "monthly"
	// RepeatMonthlyWeekday: on the Nth (Repeat.Nth; -1 for the last)
	// weekday of the first day's weekday of every Interval-th month.
	RepeatMonthlyWeekday RepeatKind = "monthly-weekday"
	// RepeatYearly: on the first day's Jalali month and day every year (30
	// Esfand only in leap years).
	RepeatYearly RepeatKind = "yearly"
	// RepeatYearlyHijri: on the first day's Hijri month and day every Hijri
	// year, by Iran's sighted months (a 30th on the 29th of a month of 29
	// days).
	RepeatYearlyHijri RepeatKind = "yearly-hijri"
)

// RepeatKinds lists the ways to repeat in the order forms offer them.
var RepeatKinds = []RepeatKind{RepeatNone, RepeatWeekly, RepeatMonthly, RepeatMonthlyWeekday, RepeatYearly, RepeatYearlyHijri}

// Valid reports whether k is one of RepeatKinds.
func (k RepeatKind) Valid() bool { return slices.Contains(RepeatKinds, k) }

// Weekdays is a set of weekdays: bit w for jalali.Weekday w (Saturday 0).
type Weekdays int

// AllWeekdays has every weekday.
const AllWeekdays Weekdays = 1<<7 - 1

// WeekdaysOf returns the set of ws.
func WeekdaysOf(ws ...jalali.Weekday) Weekdays {
	var s Weekdays
	for _, w := range ws {
		s |= 1 << w
	}
	return s
}

// Has reports whether w is in s.
func (s Weekdays) Has(w jalali.Weekday) bool { return w >= 0 && w < 7 && s&(1<<w) != 0 }

// List returns s's weekdays, from Saturday.
func (s Weekdays) List() []jalali.Weekday {
	var out []jalali.Weekday
	for w := jalali.Saturday; w <= jalali.Friday; w++ {
		if s.Has(w) {
			out = append(out, w)
		}
	}
	return out
}

// Limits of a repeat.
const (
	MaxRepeatInterval = 52   // every 52 weeks (or months, or years) at most
	MaxRepeatCount    = 1000 // occurrences a count may ask for
	MaxSkipped        = 1000 // occurrences a series may leave out
	// LastWeek is Repeat.Nth of the month's last given weekday.
	LastWeek = -1
)

// Repeat is how an event repeats: the rule, its interval, and when the
// series ends (on Until, after Count occurrences, or never). The event's
// first day is its first occurrence and gives what the rule counts from.
type Repeat struct {
	Kind     RepeatKind
	Interval int         // every Interval weeks, months or years; 1 (or 0) for every one
	Days     Weekdays    // RepeatWeekly: the weekdays
	Nth      int         // RepeatMonthlyWeekday: 1..4, or LastWeek
	Until    jalali.Date // no occurrence starts after it; zero for no end date
	Count    int         // the most occurrences, the first included; 0 for no limit
	// Skipped are the occurrences left out of the series, by the day each
	// would have started (iCal EXDATE).
	Skipped Dates
	// Moved are the occurrences an event of their own stands in for (moved
	// to another day or changed: see Override), by the day each would have
	// started; the series leaves them out as it does Skipped ones.
	Moved Dates
}

// Override names the occurrence of a series an event stands in for (one
// moved to another day, or given another title, time or place): iCal's
// RECURRENCE-ID, under the series' UID.
type Override struct {
	SeriesID  int64
	SeriesUID string
	Date      jalali.Date // the day the occurrence would have started
	Time      string      // its start time, as the series had it ("" for all day)
	// Kind is the series' kind when the occurrence was set apart: a
	// weekly series is written to iCal as one RRULE, under whose UID the
	// override goes with a RECURRENCE-ID.
	Kind RepeatKind
}

// IsZero reports whether o names no occurrence (the event is no override).
func (o Override) IsZero() bool { return o == Override{} }

// Dates is a set of days kept as one comparable value, so that an Event
// stays comparable with ==: their Jalali dates (jalali.Date.String, ten
// characters each), sorted, one space apart.
type Dates string

// DatesOf returns the set of ds (zero dates left out).
func DatesOf(ds ...jalali.Date) Dates {
	ds = slices.DeleteFunc(slices.Clone(ds), jalali.Date.IsZero)
	slices.SortFunc(ds, jalali.Date.Compare)
	ds = slices.Compact(ds)
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = d.String()
	}
	return Dates(strings.Join(parts, " "))
}

// List returns the days, in order; a part that is no date reads as the
// zero date (which validation refuses).
func (s Dates) List() []jalali.Date {
	if s == "" {
		return nil
	}
	parts := strings.Split(string(s), " ")
	out := make([]jalali.Date, len(parts))
	for i, p := range parts {
		out[i], _ = jalali.Parse(p)
	}
	return out
}

// Len returns how many days s holds.
func (s Dates) Len() int {
	if s == "" {
		return 0
	}
	return strings.Count(string(s), " ") + 1
}

// Has reports whether d is in s.
func (s Dates) Has(d jalali.Date) bool {
	const width = len("1403/02/27") + 1
	if s == "" { // most series skip and move nothing: no key to write
		return false
	}
	key := d.String()
	n := (len(s) + 1) / width
	i, found := sort.Find(n, func(i int) int { return strings.Compare(key, string(s[i*width:i*width+width-1])) })
	return found && i < n
}

// With returns s with d added.
func (s Dates) With(d jalali.Date) Dates { return DatesOf(append(s.List(), d)...) }

// Without returns s with d taken out.
func (s Dates) Without(d jalali.Date) Dates {
	return DatesOf(slices.DeleteFunc(s.List(), func(x jalali.Date) bool { return x == d })...)
}

// Repeats reports whether r repeats at all.
func (r Repeat) Repeats() bool { return r.Kind != RepeatNone }

// Every returns r's interval, at least 1.
func (r Repeat) Every() int { return max(r.Interval, 1) }

// Normalize sets to zero what r's kind does not read (weekdays beside a
// monthly rule, an interval of 1), so that two repeats that say the same
// thing are equal whatever a form sent, and sorts the skipped days.
func (r *Repeat) Normalize() {
	if !r.Repeats() {
		*r = Repeat{}
		return
	}
	if r.Interval == 1 {
		r.Interval = 0
	}
	if r.Kind != RepeatWeekly {
		r.Days = 0
	}
	if r.Kind != RepeatMonthlyWeekday {
		r.Nth = 0
	}
	r.Skipped = DatesOf(r.Skipped.List()...)
	r.Moved = DatesOf(r.Moved.List()...)
}

// IsSkipped reports whether the occurrence starting on d is left out:
// skipped, or moved (an event of its own stands in for it).
func (r Repeat) IsSkipped(d jalali.Date) bool { return r.Skipped.Has(d) || r.Moved.Has(d) }

// NthOf returns which of its month's weekdays d is: 1 for the first
// Saturday (if d is a Saturday), …; last reports whether it is the month's
// last of them.
func NthOf(d jalali.Date) (nth int, last bool) {
	return (d.Day-1)/7 + 1, d.Day+7 > jalali.MonthLength(d.Year, d.Month)
}

// validateRepeat checks e's repeat against its first day and length.
func (e Event) validateRepeat(v *ValidationError) {
	r := e.Repeat
	if !e.Of.IsZero() && (r.Repeats() || e.Of.SeriesUID == "" || !e.Of.Date.Valid() || e.Of.Time != "" && !ValidTime(e.Of.Time)) {
		v.Set(fieldError(FieldRepeat, CodeRepeatOverrideInvalid))
		return
	}
	if !r.Kind.Valid() {
		v.Set(fieldError(FieldRepeat, CodeRepeatUnknown))
		return
	}
	if !r.Repeats() {
		if r != (Repeat{}) {
			v.Set(fieldError(FieldRepeat, CodeRepeatRulesWithoutRepeat))
		}
		return
	}
	if !e.Dated() {
		v.Set(fieldError(FieldRepeat, CodeRepeatUndated))
		return
	}
	if r.Interval < 0 || r.Interval > MaxRepeatInterval {
		v.Set(FieldError{Field: FieldRepeatInterval, Code: CodeRepeatIntervalRange, Min: 1, Max: MaxRepeatInterval})
	}
	start := e.Start
	switch r.Kind {
	case RepeatWeekly:
		switch {
		case r.Days == 0 || r.Days&^AllWeekdays != 0:
			v.Set(fieldError(FieldRepeatDays, CodeRepeatDaysMissing))
		case start.Valid() && !r.Days.Has(start.Weekday()):
			v.Set(fieldError(FieldRepeatDays, CodeRepeatStartNotOnDay))
		}
	case RepeatMonthlyWeekday:
		nth, last := 0, false
		if start.Valid() {
			nth, last = NthOf(start)
		}
		switch {
		case r.Nth != LastWeek && (r.Nth < 1 || r.Nth > 4):
			v.Set(fieldError(FieldRepeatNth, CodeRepeatNthUnknown))
		case start.Valid() && (r.Nth == LastWeek && !last || r.Nth != LastWeek && r.Nth != nth):
			v.Set(fieldError(FieldRepeatNth, CodeRepeatStartNotNth))
		}
	}
	if r.Kind != RepeatYearly && r.Kind != RepeatYearlyHijri && e.Days() > MaxSpanDays {
		v.Set(FieldError{Field: FieldEnd, Code: CodeRepeatTooLong, Max: MaxSpanDays})
	}
	switch {
	case !r.Until.IsZero() && !r.Until.Valid():
		v.Set(fieldError(FieldRepeatUntil, CodeRepeatUntilInvalid))
	case !r.Until.IsZero() && start.Valid() && r.Until.Before(start):
		v.Set(fieldError(FieldRepeatUntil, CodeRepeatUntilBeforeStart))
	case !r.Until.IsZero() && r.Count != 0:
		v.Set(fieldError(FieldRepeatUntil, CodeRepeatUntilAndCount))
	}
	if r.Count < 0 || r.Count > MaxRepeatCount {
		v.Set(FieldError{Field: FieldRepeatCount, Code: CodeRepeatCountRange, Min: 1, Max: MaxRepeatCount})
	}
	if r.Skipped.Len()+r.Moved.Len() > MaxSkipped {
		v.Set(FieldError{Field: FieldRepeat, Code: CodeRepeatTooManySkipped, Max: MaxSkipped})
	}
	for _, d := range append(r.Skipped.List(), r.Moved.List()...) {
		if !d.Valid() {
			v.Set(fieldError(FieldRepeat, CodeRepeatSkippedInvalid))
			break
		}
	}
}
