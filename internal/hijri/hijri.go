// Package hijri is Iran's official lunar (Hijri) calendar.
//
// Iran fixes its lunar months by sighting, so a Hijri date is not
// arithmetic: the package converts through a table of the day each month
// began (seeds.HijriMonths, 1265/1 to 1448/12), predicts the months before
// and after it, and lets an administrator correct a month's first day once
// it is announced (Calendar.WithCorrections). Official returns the shared
// uncorrected Calendar; every Calendar covers each Jalali day from
// jalali.MinYear/1/1 through jalali.MaxYear/12/end.
//
// Predicted months begin on the day after the first evening at whose sunset
// in Tehran the crescent passes Yallop's q test at q ≥ −0.25, from Meeus's
// true new moon and positions of the Sun and Moon (ΔT roughly
// approximated). Calibrated on the table's months 1400–1437 and measured on
// its last ten years (1439/1–1448/12), the prediction gives 108 of the 120
// starts exactly, 12 a day off and none further (see minQ).
package hijri

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/ruydad/ruydad/internal/jalali"
)

// ErrInvalid is wrapped by every error about a Hijri date that is malformed
// or that a Calendar does not have.
var ErrInvalid = errors.New("invalid Hijri date")

// Date is a day of Iran's official Hijri calendar. The zero Date means "no
// date". Whether a Date exists depends on the Calendar (months have 29 or 30
// days by sighting), so Date itself does no range checks.
type Date struct {
	Year  int
	Month int
	Day   int
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// String formats d as 1446/01/09 (Latin digits), the machine form.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d/%02d/%02d", d.Year, d.Month, d.Day)
}

// Format returns d in Persian, e.g. ۹ محرم ۱۴۴۶.
func (d Date) Format() string {
	if d.IsZero() {
		return ""
	}
	return d.FormatShort() + " " + jalali.FaNum(d.Year)
}

// FormatShort returns d's day and month in Persian, e.g. ۹ محرم.
func (d Date) FormatShort() string {
	if d.IsZero() {
		return ""
	}
	return jalali.FaNum(d.Day) + " " + MonthName(d.Month)
}

// MonthOf returns the month d falls in.
func (d Date) MonthOf() Month { return Month{d.Year, d.Month} }

// Month is a month of the Hijri calendar, e.g. Shawwal 1448.
type Month struct {
	Year  int
	Month int
}

// String formats m as 1448/10 (Latin digits).
func (m Month) String() string {
	return strconv.Itoa(m.Year) + "/" + strconv.Itoa(m.Month)
}

// Format returns m in Persian, e.g. شوال ۱۴۴۸.
func (m Month) Format() string {
	return MonthName(m.Month) + " " + jalali.FaNum(m.Year)
}

// Index returns the number of months from Muharram 1 AH to m, the form the
// Calendar counts in; MonthAt undoes it.
func (m Month) Index() int { return (m.Year-1)*12 + m.Month - 1 }

// MonthAt returns the month i months after Muharram 1 AH (see Month.Index).
func MonthAt(i int) Month { return Month{i/12 + 1, i%12 + 1} }

// Add returns the month n months after m (before, for negative n).
func (m Month) Add(n int) Month { return MonthAt(m.Index() + n) }

func (m Month) valid() bool { return m.Year >= 1 && m.Month >= 1 && m.Month <= 12 }

var monthNames = [13]string{
	"", "محرم", "صفر", "ربیع\u200cالاول", "ربیع\u200cالثانی", "جمادی\u200cالاول", "جمادی\u200cالثانی",
	"رجب", "شعبان", "رمضان", "شوال", "ذی\u200cالقعده", "ذی\u200cالحجه",
}

// MonthName returns the Persian name of Hijri month m (محرم for 1), or ""
// when m is not in 1..12.
func MonthName(m int) string {
	if m < 1 || m > 12 {
		return ""
	}
	return monthNames[m]
}

// Parse reads a Hijri date written year/month/day with / or - between the
// parts and Latin, Persian or Arabic-Indic digits: 1446/1/9, ۱۴۴۶/۰۱/۰۹.
// It checks syntax only (month 1..12, day 1..30); whether the day exists is
// a Calendar's to say (ToJalali). Errors wrap ErrInvalid.
func Parse(s string) (Date, error) {
	n, err := numbers(s, 3)
	if err != nil || n[1] < 1 || n[1] > 12 || n[2] < 1 || n[2] > 30 {
		return Date{}, fmt.Errorf("%w: %q is not year/month/day", ErrInvalid, s)
	}
	return Date{n[0], n[1], n[2]}, nil
}

// ParseMonth reads a Hijri month written year/month (or year-month) in any
// digits: 1448/10, ۱۴۴۸/۱۰. Errors wrap ErrInvalid.
func ParseMonth(s string) (Month, error) {
	n, err := numbers(s, 2)
	if err != nil || n[1] < 1 || n[1] > 12 {
		return Month{}, fmt.Errorf("%w: %q is not year/month", ErrInvalid, s)
	}
	return Month{n[0], n[1]}, nil
}

// numbers splits s into want unsigned numbers separated by / or -: a year of
// one to four digits (at least 1), then parts of one or two digits.
func numbers(s string, want int) ([3]int, error) {
	var n [3]int
	parts := strings.FieldsFunc(strings.TrimSpace(jalali.LatinDigits(s)), func(r rune) bool { return r == '/' || r == '-' })
	if len(parts) != want || strings.Count(s, "/")+strings.Count(s, "-") != want-1 {
		return n, errors.New("wrong number of parts")
	}
	for i, p := range parts {
		if p == "" || len(p) > 4 || (i > 0 && len(p) > 2) || strings.Trim(p, "0123456789") != "" {
			return n, errors.New("not a number")
		}
		n[i], _ = strconv.Atoi(p)
	}
	if n[0] < 1 {
		return n, errors.New("year before 1")
	}
	return n, nil
}
