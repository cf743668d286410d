// Package calendar is the one place that says when things take place: the
// occurrences of events and occasions over a range of days (one-off,
// multi-day, yearly Jalali, yearly Hijri and the official calendar's rules)
// and their placement on days, with each day's Hijri date and holiday mark.
// Pages, feeds, the miner and storage all ask it.
//
// It is pure: the Hijri month starts (Iran's table, predictions and an
// administrator's corrections) come in as a *hijri.Calendar.
package calendar

import (
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/hijri"
	"github.com/ruydad/ruydad/internal/jalali"
)

// Calendar computes occurrences with one set of Hijri month starts. It is
// immutable and safe for concurrent use.
type Calendar struct {
	h         *hijri.Calendar
	revisions []revision // when administrators set or removed month starts (see Revised)

	mu   sync.Mutex
	days map[[2]int][]Day // bareDays', by first day number and count
}

// New returns the calendar whose Hijri months are h's.
func New(h *hijri.Calendar) *Calendar { return &Calendar{h: h} }

var official = sync.OnceValue(func() *Calendar { return New(hijri.Official()) })

// Official returns the calendar of Iran's table of Hijri month starts,
// without corrections.
func Official() *Calendar { return official() }

// Hijri returns the calendar's Hijri months.
func (c *Calendar) Hijri() *hijri.Calendar { return c.h }

// Build returns the official calendar with the corrections applied. A set
// that cannot be applied whole (two administrators' corrections that
// contradict each other) is applied one correction at a time, in month
// order, leaving out each one that does not fit; refused lists those.
//
// The corrections' times (and those of removals, corrections with a zero
// Start) say when each occurrence last moved: see Revised.
func Build(cs []domain.HijriCorrection) (cal *Calendar, refused []error) {
	if len(cs) == 0 {
		return Official(), nil
	}
	all := applicable(cs)
	if h, err := hijri.Official().WithCorrections(all); err == nil {
		return &Calendar{h: h, revisions: revisionsOf(cs, all)}, nil
	}
	sort.Slice(all, func(i, j int) bool { return monthIndex(all[i].Month) < monthIndex(all[j].Month) })
	var kept []hijri.Correction
	h := hijri.Official()
	for _, x := range all {
		next, err := hijri.Official().WithCorrections(append(kept, x))
		if err != nil {
			refused = append(refused, err)
			continue
		}
		kept, h = append(kept, x), next
	}
	return &Calendar{h: h, revisions: revisionsOf(cs, kept)}, refused
}

// applicable returns the corrections among cs that set a start (not the
// records of removed ones).
func applicable(cs []domain.HijriCorrection) []hijri.Correction {
	out := make([]hijri.Correction, 0, len(cs))
	for _, x := range cs {
		if !x.Removed() {
			out = append(out, hijri.Correction{Month: hijri.Month{Year: x.Year, Month: x.Month}, Start: x.Start})
		}
	}
	return out
}

func monthIndex(m hijri.Month) int { return m.Year*12 + m.Month - 1 }

// Check returns nil when the corrections fit Iran's calendar together
// (every month stays 29 or 30 days long, none moves more than two days from
// the table or the prediction), else a *hijri.CorrectionError saying why,
// in English and in Persian.
func Check(cs []domain.HijriCorrection) error {
	_, err := hijri.Official().WithCorrections(applicable(cs))
	return err
}

// Span is one occurrence: its days and the year, counted in its rule's own
// calendar, that it is the occurrence of (1446 for Ashura 1446).
type Span struct {
	Start, End jalali.Date
	Year       int
}

// Touches reports whether s shares a day with from..to.
func (s Span) Touches(from, to jalali.Date) bool { return !s.End.Before(from) && !s.Start.After(to) }

// In returns the occurrence of r in year, counted in r's calendar; false
// when r has none that year (30 Esfand in a common year, a year outside
// FromYear..ToYear or the years the calendar knows).
func (c *Calendar) In(r domain.Recurrence, year int) (Span, bool) {
	first, n, ok := c.monthOf(r.Calendar, year, r.Month)
	if !ok {
		return Span{}, false
	}
	day, length := 0, r.Days() // day: days after the month's first day
	switch r.Rule {
	case domain.RuleDate:
		day = r.Day - 1
	case domain.RuleOnce:
		if year != r.Year {
			return Span{}, false
		}
		day = r.Day - 1
	case domain.RuleNthDay:
		if r.Day > n {
			return Span{}, false
		}
		day = r.Day - 1 + r.Nth - 1
	case domain.RuleMonthEnd:
		day = n - 1
	case domain.RuleWholeMonth:
		length = n
	case domain.RuleNthWeekday:
		day = (int(r.Weekday) - weekday(first) + 7) % 7
		day += 7 * (r.Nth - 1)
	case domain.RuleLastWeekday:
		last := first + n - 1
		day = n - 1 - (weekday(last)-int(r.Weekday)+7)%7
	default:
		return Span{}, false
	}
	if day < 0 || day >= n && r.Rule != domain.RuleNthDay {
		return Span{}, false // 31 Mehr, 30 Safar of a 29-day Safar, a fifth Friday that is not there
	}
	start := jalali.FromOrdinal(first + day + r.Offset)
	if r.FromYear != 0 && start.Year < r.FromYear || r.ToYear != 0 && start.Year > r.ToYear {
		return Span{}, false
	}
	end := start
	if length > 1 {
		end = jalali.FromOrdinal(first + day + r.Offset + length - 1)
	}
	return Span{Start: start, End: end, Year: year}, true
}

// weekday returns the weekday of day number n, Saturday 0 (1970-01-01 was
// a Thursday).
func weekday(n int) int { return ((n % 7) + 7 + 5) % 7 }

// monthOf returns the day number of the first day of month m of year in
// calendar cal and the month's length.
func (c *Calendar) monthOf(cal domain.CalendarSystem, year, m int) (first, n int, ok bool) {
	switch cal {
	case domain.CalJalali:
		d, err := jalali.New(year, m, 1)
		if err != nil {
			return 0, 0, false
		}
		return d.Ordinal(), jalali.MonthLength(year, m), true
	case domain.CalHijri:
		info, ok := c.h.Month(hijri.Month{Year: year, Month: m})
		if !ok {
			return 0, 0, false
		}
		return info.Start.Ordinal(), info.Length, true
	case domain.CalGregorian:
		if m < 1 || m > 12 || year < 1 {
			return 0, 0, false
		}
		t := time.Date(year, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
		first := int(t.Unix() / 86400)
		if !jalali.FromOrdinal(first).Valid() || !jalali.FromOrdinal(first+31).Valid() {
			return 0, 0, false
		}
		return first, t.AddDate(0, 1, -1).Day(), true
	}
	return 0, 0, false
}

// yearsAround returns the years, in r's calendar, whose occurrences may
// touch from..to: the years of from and to, one more after them for
// occurrences that start early (a negative offset), and before them as
// many as an occurrence may reach past its own year's end (yearsBack).
func (c *Calendar) yearsAround(r domain.Recurrence, from, to jalali.Date) (int, int, bool) {
	back := yearsBack(r)
	switch r.Calendar {
	case domain.CalJalali:
		return from.Year - back, to.Year + 1, true
	case domain.CalGregorian:
		fy, _, _ := from.Gregorian()
		ty, _, _ := to.Gregorian()
		return fy - back, ty + 1, true
	case domain.CalHijri:
		first, last := c.h.Range()
		lo, hi := first.Year, last.Year
		if h, _ := c.h.FromJalali(from); !h.IsZero() {
			lo = max(lo, h.Year-back)
		}
		if h, _ := c.h.FromJalali(to); !h.IsZero() {
			hi = min(hi, h.Year+1)
		}
		return lo, hi, lo <= hi
	}
	return 0, 0, false
}

// yearsBack returns how many years before a day an occurrence of r that
// touches it may belong to: one for every rule kept within its month (the
// last month's span runs into the next year), two for an nth-day rule
// counting into the next year; more only for rules validation refuses.
func yearsBack(r domain.Recurrence) int {
	// Days from the first day of r's year to the last of its occurrence, at
	// most: the last month starts by day 336 (Jalali 12/1), then the day in
	// the month, the count, the offset and the span. A year has 354 days
	// or more.
	reach := 336 + max(r.Day, 0) + max(r.Nth, 0) + max(r.Offset, 0) + domain.MaxSpanDays
	return max(1, reach/354)
}

// Occurrences returns r's occurrences that share a day with from..to, in
// order.
func (c *Calendar) Occurrences(r domain.Recurrence, from, to jalali.Date) []Span {
	return c.spans(r, from, to, func(s Span) bool { return s.Touches(from, to) })
}

// Starting returns r's occurrences that start within from..to, in order
// (a feed's window of years).
func (c *Calendar) Starting(r domain.Recurrence, from, to jalali.Date) []Span {
	return c.spans(r, from, to, func(s Span) bool { return !s.Start.Before(from) && !s.Start.After(to) })
}

// spans returns r's occurrences in the years around from..to that keep.
func (c *Calendar) spans(r domain.Recurrence, from, to jalali.Date, keep func(Span) bool) []Span {
	lo, hi, ok := c.yearsAround(r, from, to)
	if !ok {
		return nil
	}
	var out []Span
	for y := lo; y <= hi; y++ {
		if s, ok := c.In(r, y); ok && keep(s) {
			out = append(out, s)
		}
	}
	return out
}

// YearRange returns the first and last day of Jalali year y.
func YearRange(y int) (jalali.Date, jalali.Date) {
	return jalali.Date{Year: y, Month: 1, Day: 1}, jalali.Date{Year: y, Month: 12, Day: jalali.MonthLength(y, 12)}
}

// String describes s for logs and test failures.
func (s Span) String() string { return fmt.Sprintf("%s..%s (%d)", s.Start, s.End, s.Year) }
