package hijri

import (
	"fmt"
	"slices"
	"sync"

	"github.com/ruydad/ruydad/internal/jalali"
)

// Source says how a month's first day is known.
type Source uint8

// The sources of a month's first day.
const (
	SourceTable     Source = iota + 1 // Iran's published or observed start (the embedded table)
	SourceCorrected                   // set by an administrator
	SourcePredicted                   // computed; provisional (outside the table, or moved to keep a neighbouring correction's months 29 or 30 days long)
)

// Provisional reports whether a month's start may still change: true for
// SourcePredicted.
func (s Source) Provisional() bool { return s == SourcePredicted }

// String returns the source's name, for logs.
func (s Source) String() string {
	switch s {
	case SourceTable:
		return "table"
	case SourceCorrected:
		return "corrected"
	case SourcePredicted:
		return "predicted"
	}
	return fmt.Sprintf("Source(%d)", uint8(s))
}

// MonthInfo is one month of a Calendar.
type MonthInfo struct {
	Month
	Start  jalali.Date // the month's first day
	Length int         // 29 or 30
	Source Source
}

// End returns the month's last day.
func (mi MonthInfo) End() jalali.Date { return mi.Start.AddDays(mi.Length - 1) }

// Calendar converts between Jalali dates and Iran's Hijri dates. It is
// immutable and safe for concurrent use. Get one from Official (and
// WithCorrections); the zero Calendar has no months.
type Calendar struct {
	first       int      // Month.Index of starts[0]
	starts      []int32  // day numbers of the months' first days, then the day after the last month
	sources     []Source // one per month
	table       [2]int   // Month.Index of the embedded table's first and last month
	base        *Calendar
	corrections []Correction // sorted by month
}

// Official returns the Calendar of the embedded table and its predictions,
// without corrections. It is built on first use and shared.
func Official() *Calendar { return official() }

var official = sync.OnceValue(newOfficial)

// newOfficial builds the uncorrected Calendar afresh.
func newOfficial() *Calendar { return build(embeddedTable(), minQ) }

// FromJalali returns the Hijri date of d and how its month's start is
// known, or the zero Date and 0 when d is not a supported Jalali day.
func (c *Calendar) FromJalali(d jalali.Date) (Date, Source) {
	n, ok := dayNumber(d)
	if !ok {
		return Date{}, 0
	}
	i := c.monthOf(n)
	if i < 0 {
		return Date{}, 0
	}
	m := MonthAt(c.first + i)
	return Date{m.Year, m.Month, n - int(c.starts[i]) + 1}, c.sources[i]
}

// monthOf returns the position of the month containing day number n, or -1.
func (c *Calendar) monthOf(n int) int {
	lo, hi := 0, len(c.starts)-1 // starts[lo] <= n < starts[hi]
	if hi < 1 || n < int(c.starts[lo]) || n >= int(c.starts[hi]) {
		return -1
	}
	for hi-lo > 1 {
		mid := int(uint(lo+hi) >> 1)
		if int(c.starts[mid]) <= n {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// ToJalali returns the Jalali date of d, or an error wrapping ErrInvalid
// when d's month is outside the Calendar, d.Day is not in 1..the month's
// length, or the day falls outside the supported Jalali years.
func (c *Calendar) ToJalali(d Date) (jalali.Date, error) {
	i, ok := c.position(d.MonthOf())
	if !ok {
		first, last := c.Range()
		return jalali.Date{}, fmt.Errorf("%w: %s is outside %s..%s", ErrInvalid, d, first, last)
	}
	length := int(c.starts[i+1] - c.starts[i])
	if d.Day < 1 || d.Day > length {
		return jalali.Date{}, fmt.Errorf("%w: %s has %d days, not %d", ErrInvalid, d.MonthOf(), length, d.Day)
	}
	j, ok := jalaliDate(int(c.starts[i]) + d.Day - 1)
	if !ok {
		return jalali.Date{}, fmt.Errorf("%w: %s is outside the Jalali years %d..%d", ErrInvalid, d, jalali.MinYear, jalali.MaxYear)
	}
	return j, nil
}

// position returns where month m is in c's slices.
func (c *Calendar) position(m Month) (int, bool) {
	i := m.Index() - c.first
	return i, m.valid() && i >= 0 && i < len(c.sources)
}

// Month returns month m, or false when m is outside Range.
func (c *Calendar) Month(m Month) (MonthInfo, bool) {
	i, ok := c.position(m)
	if !ok {
		return MonthInfo{}, false
	}
	return c.info(i), true
}

func (c *Calendar) info(i int) MonthInfo {
	return MonthInfo{
		Month:  MonthAt(c.first + i),
		Start:  anyJalaliDate(int(c.starts[i])),
		Length: int(c.starts[i+1] - c.starts[i]),
		Source: c.sources[i],
	}
}

// Months returns the months touching the days from..to, in order: none
// when to is before from or either is not a supported day.
func (c *Calendar) Months(from, to jalali.Date) []MonthInfo {
	a, okA := dayNumber(from)
	b, okB := dayNumber(to)
	if !okA || !okB || b < a {
		return nil
	}
	i, j := c.monthOf(a), c.monthOf(b)
	if i < 0 || j < 0 {
		return nil
	}
	out := make([]MonthInfo, 0, j-i+1)
	for k := i; k <= j; k++ {
		out = append(out, c.info(k))
	}
	return out
}

// Table returns the first and last month of the embedded table
// (1265/1..1448/12); the months around them are predicted.
func (c *Calendar) Table() (first, last Month) {
	return MonthAt(c.table[0]), MonthAt(c.table[1])
}

// Range returns the first and last month the Calendar knows: those
// touching jalali.MinYear/1/1..jalali.MaxYear/12/end, and one more at
// either end when a month starts within two days of that span's ends, so
// that a correction cannot uncover a supported day.
func (c *Calendar) Range() (first, last Month) {
	return MonthAt(c.first), MonthAt(c.first + len(c.sources) - 1)
}

// Corrections returns the corrections applied to c, sorted by month.
func (c *Calendar) Corrections() []Correction { return slices.Clone(c.corrections) }
