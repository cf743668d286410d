package jalali

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Weekday is a day of the Iranian week, which starts on Saturday:
// Saturday is 0 and Friday, the weekend, is 6.
type Weekday int

// The days of the week, Saturday first.
const (
	Saturday Weekday = iota
	Sunday
	Monday
	Tuesday
	Wednesday
	Thursday
	Friday
)

var weekdayNames = [7]string{"شنبه", "یک‌شنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنج‌شنبه", "جمعه"}

var weekdayShort = [7]string{"ش", "ی", "د", "س", "چ", "پ", "ج"}

// String returns the Persian name of w (شنبه … جمعه).
func (w Weekday) String() string {
	if w < 0 || w > 6 {
		return ""
	}
	return weekdayNames[w]
}

// Short returns the one-letter Persian abbreviation of w, as in grid headers.
func (w Weekday) Short() string {
	if w < 0 || w > 6 {
		return ""
	}
	return weekdayShort[w]
}

// WeekdayNames returns the Persian weekday names, Saturday first.
func WeekdayNames() [7]string { return weekdayNames }

var monthNames = [13]string{"", "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"}

// MonthName returns the Persian name of Jalali month m (1..12), or "".
func MonthName(m int) string {
	if m < 1 || m > 12 {
		return ""
	}
	return monthNames[m]
}

var gregorianMonthNames = [13]string{"", "ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر"}

// GregorianMonthName returns the Persian name of a Gregorian month (مه for May).
func GregorianMonthName(m time.Month) string {
	if m < 1 || m > 12 {
		return ""
	}
	return gregorianMonthNames[m]
}

var faDigits = [10]rune{'۰', '۱', '۲', '۳', '۴', '۵', '۶', '۷', '۸', '۹'}

// FaDigits replaces the Latin digits of s with Persian ones.
func FaDigits(s string) string {
	var b strings.Builder
	b.Grow(len(s) * 2)
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(faDigits[r-'0'])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// FaNum formats n with Persian digits.
func FaNum(n int) string { return FaDigits(strconv.Itoa(n)) }

// AppendFaNum appends n with Persian digits to b, as FaNum writes it.
func AppendFaNum(b []byte, n int) []byte {
	var buf [24]byte
	return AppendFaDigits(b, strconv.AppendInt(buf[:0], int64(n), 10))
}

// AppendFaDigits appends s to b, its Latin digits replaced with Persian
// ones (as FaDigits does).
func AppendFaDigits[S ~string | ~[]byte](b []byte, s S) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			// U+06F0 + c - '0', in UTF-8: 0xDB, 0xB0 + c - '0'.
			b = append(b, 0xDB, 0xB0+c-'0')
			continue
		}
		b = append(b, s[i])
	}
	return b
}

// LatinDigits replaces Persian (U+06F0…) and Arabic-Indic (U+0660…) digits
// in s with Latin ones.
func LatinDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '۰' && r <= '۹':
			return '0' + (r - '۰')
		case r >= '٠' && r <= '٩':
			return '0' + (r - '٠')
		}
		return r
	}, s)
}

// Format returns d in Persian, e.g. ۲۷ اردیبهشت ۱۴۰۳.
func (d Date) Format() string {
	if d.IsZero() {
		return ""
	}
	return FaNum(d.Day) + " " + MonthName(d.Month) + " " + FaNum(d.Year)
}

// AppendFormat appends d as Format writes it.
func (d Date) AppendFormat(b []byte) []byte {
	if d.IsZero() {
		return b
	}
	b = append(AppendFaNum(b, d.Day), ' ')
	b = append(append(b, MonthName(d.Month)...), ' ')
	return AppendFaNum(b, d.Year)
}

// FormatLong returns d with its weekday, e.g. پنج‌شنبه ۲۷ اردیبهشت ۱۴۰۳.
func (d Date) FormatLong() string {
	if d.IsZero() {
		return ""
	}
	return d.Weekday().String() + " " + d.Format()
}

// AppendFormatLong appends d as FormatLong writes it.
func (d Date) AppendFormatLong(b []byte) []byte {
	if d.IsZero() {
		return b
	}
	return d.AppendFormat(append(append(b, d.Weekday().String()...), ' '))
}

// AppendDaySpan appends the days start..end without their year: «۲۶ تیر»
// (one day), «۲ تا ۸ شهریور», «۳۱ شهریور تا ۶ مهر».
func AppendDaySpan(b []byte, start, end Date) []byte {
	b = append(AppendFaNum(b, start.Day), ' ')
	switch {
	case end == start:
		return append(b, MonthName(start.Month)...)
	case end.Month == start.Month && end.Year == start.Year:
		b = append(b, "تا "...)
	default:
		b = append(append(b, MonthName(start.Month)...), " تا "...)
	}
	b = append(AppendFaNum(b, end.Day), ' ')
	return append(b, MonthName(end.Month)...)
}

// FormatGregorianShort returns d's Gregorian day and month in Persian, e.g.
// ۱۶ مه, as shown small in a day cell.
func (d Date) FormatGregorianShort() string {
	_, m, day := d.Gregorian()
	return FaNum(day) + " " + GregorianMonthName(m)
}

// FormatNumeric returns d as ۱۴۰۳/۰۲/۲۷ (Persian digits).
func (d Date) FormatNumeric() string { return FaDigits(d.String()) }

// Parse reads a Jalali date written year/month/day with / or - between the
// parts and Latin, Persian or Arabic-Indic digits: 1403/02/27, 1403/2/27,
// 1403-02-27, ۱۴۰۳/۰۲/۲۷, ١٤٠٣/٠٢/٢٧. Surrounding space is ignored. It
// returns an error wrapping ErrInvalid for malformed or non-existent dates.
func Parse(s string) (Date, error) {
	n, err := parseParts(s)
	if err != nil {
		return Date{}, err
	}
	return New(n[0], n[1], n[2])
}

// Typed dates whose year falls in gregorianFrom..gregorianTo are read as
// Gregorian: nobody plans an event in Jalali 1900–2199 (AD 2521–2820),
// and 2025-05-17 is what a date copied from a Gregorian calendar or a
// spreadsheet looks like.
const gregorianFrom, gregorianTo = 1900, 2199

// parseParts reads year/month/day (or year-month-day) in any digits.
func parseParts(s string) ([3]int, error) {
	var n [3]int
	t := strings.TrimSpace(LatinDigits(s))
	parts := strings.FieldsFunc(t, func(r rune) bool { return r == '/' || r == '-' })
	if len(parts) != 3 || strings.Count(t, "/")+strings.Count(t, "-") != 2 {
		return n, fmt.Errorf("%w: %q is not year/month/day", ErrInvalid, s)
	}
	for i, p := range parts {
		if len(p) == 0 || len(p) > 4 || (i > 0 && len(p) > 2) {
			return n, fmt.Errorf("%w: %q is not year/month/day", ErrInvalid, s)
		}
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 || strings.ContainsAny(p, "+-") {
			return n, fmt.Errorf("%w: %q is not year/month/day", ErrInvalid, s)
		}
		n[i] = v
	}
	return n, nil
}
