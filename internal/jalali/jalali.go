// Package jalali is the project's calendar: a comparable Jalali (Solar Hijri)
// Date value, validation, parsing with any digits, Persian formatting,
// Saturday-first month grids and conversion to and from Gregorian dates in
// Asia/Tehran.
//
// It is the only package that imports go-persian-calendar; everything else
// speaks Date.
package jalali

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	ptime "github.com/yaa110/go-persian-calendar"
)

// Date is a day of the Jalali calendar. The zero Date means "no date".
// Dates compare with == and order with Compare.
type Date struct {
	Year  int
	Month int
	Day   int
}

// Range of years the package accepts. Inside it every day converts to the
// Gregorian calendar and back unchanged; go-persian-calendar gets years
// before about 962 wrong (0001/01/01 comes back from its ISO form as
// another day), and outside the range a date is almost certainly a typing or
// mining error anyway.
const (
	MinYear = 1000
	MaxYear = 3000
)

// ErrInvalid is wrapped by every error about a date that does not exist.
var ErrInvalid = errors.New("invalid Jalali date")

// Tehran is the Asia/Tehran location (with a fixed +03:30 fallback when the
// system has no zone database).
var Tehran = ptime.Iran()

// IsLeap reports whether year has a 30th of Esfand.
func IsLeap(year int) bool {
	if year >= MinYear && year <= MaxYear {
		return yearStarts[year-MinYear+1]-yearStarts[year-MinYear] == 366
	}
	return ptime.Date(year, ptime.Esfand, 1, 12, 0, 0, 0, time.UTC).IsLeap()
}

// MonthLength returns the number of days of month in year, or 0 when month is
// not in 1..12.
func MonthLength(year, month int) int {
	switch {
	case month >= 1 && month <= 6:
		return 31
	case month >= 7 && month <= 11:
		return 30
	case month == 12:
		if IsLeap(year) {
			return 30
		}
		return 29
	}
	return 0
}

// New returns the date year/month/day, or an error wrapping ErrInvalid when
// that day does not exist.
func New(year, month, day int) (Date, error) {
	if year < MinYear || year > MaxYear {
		return Date{}, fmt.Errorf("%w: year %d is outside %d..%d", ErrInvalid, year, MinYear, MaxYear)
	}
	if month < 1 || month > 12 {
		return Date{}, fmt.Errorf("%w: month %d is not in 1..12", ErrInvalid, month)
	}
	if n := MonthLength(year, month); day < 1 || day > n {
		return Date{}, fmt.Errorf("%w: %d/%02d has %d days, not %d", ErrInvalid, year, month, n, day)
	}
	return Date{year, month, day}, nil
}

// MustNew is New for constants in code and tests; it panics on a bad date.
func MustNew(year, month, day int) Date {
	d, err := New(year, month, day)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Valid reports whether d is a day that exists.
func (d Date) Valid() bool {
	_, err := New(d.Year, d.Month, d.Day)
	return err == nil
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return sign(d.Year - e.Year)
	case d.Month != e.Month:
		return sign(d.Month - e.Month)
	}
	return sign(d.Day - e.Day)
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// String formats d as 1403/02/27 (Latin digits): the machine form used in
// URLs, data attributes and files.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return string(d.AppendString(make([]byte, 0, len("1403/02/27"))))
}

// AppendString appends d as String writes it.
func (d Date) AppendString(b []byte) []byte {
	if d.IsZero() {
		return b
	}
	b = appendPadded(b, d.Year, 4)
	b = appendPadded(append(b, '/'), d.Month, 2)
	return appendPadded(append(b, '/'), d.Day, 2)
}

// appendPadded appends n with at least width digits, as %0<width>d does.
func appendPadded(b []byte, n, width int) []byte {
	if n < 0 { // no date the package makes
		return fmt.Appendf(b, "%0*d", width, n)
	}
	var buf [20]byte
	digits := strconv.AppendInt(buf[:0], int64(n), 10)
	for range width - len(digits) {
		b = append(b, '0')
	}
	return append(b, digits...)
}

// civil returns d's Gregorian date at midnight UTC, the form used for
// arithmetic (UTC has no daylight saving, so days are always 24 h).
func (d Date) civil() time.Time {
	g := ptime.Date(d.Year, ptime.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC).Time()
	return time.Date(g.Year(), g.Month(), g.Day(), 0, 0, 0, 0, time.UTC)
}

// Gregorian returns the Gregorian date of d.
func (d Date) Gregorian() (year int, month time.Month, day int) {
	if n, ok := d.tableOrdinal(); ok {
		return civilDate(n)
	}
	return d.civil().Date()
}

// ISO returns d's Gregorian date as YYYY-MM-DD, the calendar-neutral form
// stored in the database.
func (d Date) ISO() string {
	if d.IsZero() {
		return ""
	}
	if n, ok := d.tableOrdinal(); ok {
		if y, m, day := civilDate(n); y >= 1000 && y <= 9999 {
			b := make([]byte, 0, len("2006-01-02"))
			b = appendPadded(append(appendPadded(append(appendPadded(b, y, 4), '-'), int(m), 2), '-'), day, 2)
			return string(b)
		}
	}
	return d.civil().Format(time.DateOnly)
}

// Time returns the start of d (midnight) in Asia/Tehran.
func (d Date) Time() time.Time {
	y, m, day := d.Gregorian()
	return time.Date(y, m, day, 0, 0, 0, 0, Tehran)
}

// FromGregorian returns the Jalali date of a Gregorian calendar date.
func FromGregorian(year int, month time.Month, day int) Date {
	if month >= time.January && month <= time.December {
		if d, ok := tableDate(GregorianOrdinal(year, month, day)); ok {
			return d
		}
	}
	p := ptime.New(time.Date(year, month, day, 12, 0, 0, 0, time.UTC))
	return Date{p.Year(), int(p.Month()), p.Day()}
}

// FromTime returns the Jalali date of the instant t as seen in Asia/Tehran.
func FromTime(t time.Time) Date {
	y, m, d := t.In(Tehran).Date()
	return FromGregorian(y, m, d)
}

// ParseISO parses a stored YYYY-MM-DD Gregorian date.
func ParseISO(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("parse ISO date %q: %w", s, err)
	}
	return FromGregorian(t.Date()), nil
}

// AddDays returns the date n days after d (before, for negative n).
func (d Date) AddDays(n int) Date {
	if o, ok := d.tableOrdinal(); ok {
		if e, ok := tableDate(o + n); ok {
			return e
		}
	}
	return FromGregorian(d.civil().AddDate(0, 0, n).Date())
}

// DaysUntil returns the number of days from d to e (negative when e is before d).
func (d Date) DaysUntil(e Date) int {
	if a, ok := d.tableOrdinal(); ok {
		if b, ok := e.tableOrdinal(); ok {
			return b - a
		}
	}
	return int(e.civil().Sub(d.civil()).Hours() / 24)
}

// AddMonths returns year/month moved by n months (for month navigation).
func AddMonths(year, month, n int) (int, int) {
	i := year*12 + (month - 1) + n
	return i / 12, i%12 + 1
}

// Weekday returns d's day of the week.
func (d Date) Weekday() Weekday {
	if n, ok := d.tableOrdinal(); ok {
		// Day 0, 1970-01-01, was a Thursday (5, from Saturday).
		return Weekday(((n+5)%7 + 7) % 7)
	}
	// time.Saturday is 6; shift so that Saturday is 0.
	return Weekday((int(d.civil().Weekday()) + 1) % 7)
}

// FirstOfMonth returns the first day of d's month.
func (d Date) FirstOfMonth() Date { return Date{d.Year, d.Month, 1} }

// LastOfMonth returns the last day of d's month.
func (d Date) LastOfMonth() Date { return Date{d.Year, d.Month, MonthLength(d.Year, d.Month)} }

// Ordinal returns d as a day number: the days from 1970-01-01 (Gregorian)
// to d, negative before it. Day numbers make day arithmetic and tables
// keyed by day (the Hijri month starts) cheap; FromOrdinal undoes it.
func (d Date) Ordinal() int {
	if n, ok := d.tableOrdinal(); ok {
		return n
	}
	return d.libraryOrdinal()
}

// FromOrdinal returns the date of day number n (see Ordinal).
func FromOrdinal(n int) Date {
	if d, ok := tableDate(n); ok {
		return d
	}
	return FromGregorian(time.Unix(int64(n)*86400, 0).UTC().Date())
}
