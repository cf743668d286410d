package hijri

import (
	"sync"

	"github.com/ruydad/ruydad/internal/jalali"
)

// Jalali dates and day numbers (jalali.Date.Ordinal) are converted here
// through a table of the first day of each Jalali year: jalali's own
// conversion goes through go-persian-calendar and time.Time, which costs a
// few hundred nanoseconds a call, several times the rest of a lookup.

// jalaliYears returns the day number of Farvardin 1 of every year from
// jalali.MinYear to jalali.MaxYear+1 (the day after the last supported one).
var jalaliYears = sync.OnceValue(func() []int32 {
	ys := make([]int32, 0, jalali.MaxYear-jalali.MinYear+2)
	for y := jalali.MinYear; y <= jalali.MaxYear; y++ {
		ys = append(ys, int32(jalali.Date{Year: y, Month: 1, Day: 1}.Ordinal()))
	}
	last := jalali.Date{Year: jalali.MaxYear, Month: 12, Day: jalali.MonthLength(jalali.MaxYear, 12)}
	return append(ys, int32(last.Ordinal()+1))
})

// dayNumber returns d's day number, or false when d is not a supported day.
func dayNumber(d jalali.Date) (int, bool) {
	if d.Year < jalali.MinYear || d.Year > jalali.MaxYear || d.Month < 1 || d.Month > 12 || d.Day < 1 {
		return 0, false
	}
	ys := jalaliYears()
	y := d.Year - jalali.MinYear
	length := 31
	switch {
	case d.Month == 12:
		length = int(ys[y+1]-ys[y]) - 336
	case d.Month > 6:
		length = 30
	}
	if d.Day > length {
		return 0, false
	}
	return int(ys[y]) + dayOfYear(d.Month) + d.Day - 1, true
}

// dayOfYear returns the days of the Jalali year before month m.
func dayOfYear(m int) int {
	if m <= 7 {
		return (m - 1) * 31
	}
	return 186 + (m-7)*30
}

// jalaliDate returns the Jalali date of day number n, or false when n is
// outside jalali.MinYear..jalali.MaxYear.
func jalaliDate(n int) (jalali.Date, bool) {
	ys := jalaliYears()
	if n < int(ys[0]) || n >= int(ys[len(ys)-1]) {
		return jalali.Date{}, false
	}
	lo, hi := 0, len(ys)-1 // ys[lo] <= n < ys[hi]
	for hi-lo > 1 {
		mid := int(uint(lo+hi) >> 1)
		if int(ys[mid]) <= n {
			lo = mid
		} else {
			hi = mid
		}
	}
	doy := n - int(ys[lo])
	if doy < 186 {
		return jalali.Date{Year: jalali.MinYear + lo, Month: doy/31 + 1, Day: doy%31 + 1}, true
	}
	doy -= 186
	return jalali.Date{Year: jalali.MinYear + lo, Month: doy/30 + 7, Day: doy%30 + 1}, true
}

// anyJalaliDate is jalaliDate that falls back on jalali.FromOrdinal for the
// few days just outside the supported years (the first month of a Calendar
// begins before jalali.MinYear).
func anyJalaliDate(n int) jalali.Date {
	if d, ok := jalaliDate(n); ok {
		return d
	}
	return jalali.FromOrdinal(n)
}
