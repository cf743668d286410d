package jalali

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// ErrUnreadable is wrapped by the errors of text that is no date in any
// form ParseTypedAt reads (it wraps ErrInvalid), as opposed to a date
// written plainly whose day does not exist (a *DayError).
var ErrUnreadable = fmt.Errorf("%w: not a date", ErrInvalid)

// DayError is a date written plainly enough to be read whose day does not
// exist: 31 Mehr, 30 Esfand of a common year, 30 February, month 13. It
// wraps ErrInvalid.
type DayError struct {
	Gregorian        bool // written in the Gregorian calendar
	Year, Month, Day int  // as written
}

func (e *DayError) Error() string {
	cal := "Jalali"
	if e.Gregorian {
		cal = "Gregorian"
	}
	if e.Days() == 0 {
		return fmt.Sprintf("invalid %s date: %d/%d/%d has no month %d", cal, e.Year, e.Month, e.Day, e.Month)
	}
	return fmt.Sprintf("invalid %s date: %d/%02d has %d days, not %d", cal, e.Year, e.Month, e.Days(), e.Day)
}

// Unwrap makes a DayError an ErrInvalid.
func (e *DayError) Unwrap() error { return ErrInvalid }

// Days returns the number of days of the month written, or 0 when the month
// is not 1..12.
func (e *DayError) Days() int {
	if e.Month < 1 || e.Month > 12 {
		return 0
	}
	if e.Gregorian {
		return time.Date(e.Year, time.Month(e.Month)+1, 0, 12, 0, 0, 0, time.UTC).Day()
	}
	return MonthLength(e.Year, e.Month)
}

// LeapDay reports whether the day written is the leap day of a common year
// (30 Esfand, 29 February), which exists in other years.
func (e *DayError) LeapDay() bool {
	if e.Gregorian {
		return e.Month == 2 && e.Day == 29
	}
	return e.Month == 12 && e.Day == 30
}

// WeekdayError is a date written with a weekday it does not fall on
// («سه‌شنبه ۲۵ آذر ۱۴۰۵», a Wednesday). It wraps ErrInvalid.
type WeekdayError struct {
	Date    Date    // the date written
	Written Weekday // the weekday written with it
}

func (e *WeekdayError) Error() string {
	return fmt.Sprintf("invalid date: %s is a %s, not a %s", e.Date, e.Date.Weekday(), e.Written)
}

// Unwrap makes a WeekdayError an ErrInvalid.
func (e *WeekdayError) Unwrap() error { return ErrInvalid }

// ParseTypedAt reads a date as a person types it into a form or a flag, in
// Latin, Persian or Arabic-Indic digits, Arabic ي and ك as Persian ones:
//
//   - year, month and day with /, -, . or ٫ between them: 1405/9/25,
//     ۱۴۰۵-۰۹-۲۵, 1405.9.25;
//   - day first when the last part is the 4-digit year: 25/09/1405;
//   - day and month name, with the year or without it (then the year of
//     today): ۲۵ آذر ۱۴۰۵, ۲۵ آذرماه ۱۴۰۵, ۲۵ آذر; month names in their
//     common spellings (ارديبهشت, اردی بهشت, امرداد, اذر);
//   - any of these after (or before) a weekday name, which must be the
//     date's: سه‌شنبه ۲۵ آذر ۱۴۰۵, سه شنبه، ۱۴۰۵/۹/۲۵.
//
// Numbers whose year is one only a Gregorian date has (1900–2199) are that
// Gregorian date: 2025-05-17, 17/05/2025. Text that is none of these is an
// error wrapping ErrUnreadable; a date read whose day does not exist is a
// *DayError, and one whose weekday is wrong a *WeekdayError. A zero today
// reads no date without a year.
func ParseTypedAt(s string, today Date) (Date, error) {
	toks := tokens(s)
	w, toks := weekdayOf(toks)
	d, err := parseTokens(toks, today)
	if err != nil {
		if errors.Is(err, ErrUnreadable) {
			return Date{}, fmt.Errorf("%w: %q", err, s)
		}
		return Date{}, err
	}
	if w >= 0 && d.Weekday() != w {
		return Date{}, &WeekdayError{Date: d, Written: w}
	}
	return d, nil
}

// ParseTyped is ParseTypedAt with no today: every date must have its year.
func ParseTyped(s string) (Date, error) { return ParseTypedAt(s, Date{}) }

// numericDate is three groups of digits with separators between them.
var numericDate = regexp.MustCompile(`^([0-9]+)\s*[/\-.٫]\s*([0-9]+)\s*[/\-.٫]\s*([0-9]+)$`)

func parseTokens(toks []string, today Date) (Date, error) {
	if m := numericDate.FindStringSubmatch(strings.Join(toks, " ")); m != nil {
		return numeric(m[1], m[2], m[3])
	}
	// Day, month name, year (or none).
	if len(toks) < 2 || !isDigits(toks[0]) || len(toks[0]) > 2 {
		return Date{}, ErrUnreadable
	}
	day, _ := strconv.Atoi(toks[0])
	rest := toks[1:]
	if rest[0] == "ام" { // ۲۵ام آذر
		rest = rest[1:]
	}
	month, rest := monthOf(rest)
	if month == 0 {
		return Date{}, ErrUnreadable
	}
	year := today.Year
	switch {
	case len(rest) == 1 && isDigits(rest[0]) && len(rest[0]) >= 3 && len(rest[0]) <= 4:
		year, _ = strconv.Atoi(rest[0])
	case len(rest) != 0 || today.IsZero():
		return Date{}, ErrUnreadable
	}
	if year >= gregorianFrom && year <= gregorianTo { // a Gregorian year with a Jalali month
		return Date{}, ErrUnreadable
	}
	return jalaliDay(year, month, day)
}

// numeric reads a date written in three numbers: year first, or day first
// when the last is a 4-digit year.
func numeric(a, b, c string) (Date, error) {
	var y, m, d string
	switch {
	case len(a) >= 3 && len(a) <= 4 && len(b) <= 2 && len(c) <= 2:
		y, m, d = a, b, c
	case len(c) == 4 && len(a) <= 2 && len(b) <= 2:
		y, m, d = c, b, a
	default:
		return Date{}, ErrUnreadable
	}
	year, _ := strconv.Atoi(y)
	month, _ := strconv.Atoi(m)
	day, _ := strconv.Atoi(d)
	if year < gregorianFrom || year > gregorianTo {
		return jalaliDay(year, month, day)
	}
	t := time.Date(year, time.Month(month), day, 12, 0, 0, 0, time.UTC)
	if month < 1 || month > 12 || t.Month() != time.Month(month) || t.Day() != day {
		return Date{}, &DayError{Gregorian: true, Year: year, Month: month, Day: day}
	}
	return FromGregorian(year, time.Month(month), day), nil
}

// jalaliDay is year/month/day, unreadable when the year is outside
// MinYear..MaxYear (a typing slip, not a day to name) and a *DayError when
// the day does not exist.
func jalaliDay(year, month, day int) (Date, error) {
	if year < MinYear || year > MaxYear {
		return Date{}, ErrUnreadable
	}
	d, err := New(year, month, day)
	if err != nil {
		return Date{}, &DayError{Year: year, Month: month, Day: day}
	}
	return d, nil
}

// tokens splits typed text into words and numbers: Latin digits, Persian
// letter forms (ي ك ى as ی ک ی, آ as ا), no zero-width joiners, bidi marks
// or tatweel, commas as spaces, and a number glued to a word (۲۵آذر)
// parted from it.
func tokens(s string) []string {
	var b strings.Builder
	prev := rune(0)
	for _, r := range LatinDigits(s) {
		switch r {
		case 'ي', 'ى':
			r = 'ی'
		case 'ك':
			r = 'ک'
		case 'آ':
			r = 'ا'
		case '\u200c', '\u200d', '\u200e', '\u200f', '\u061c', 'ـ', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e',
			'\u2066', '\u2067', '\u2068', '\u2069', '\u064b', '\u064c', '\u064d', '\u064e', '\u064f', '\u0650', '\u0651', '\u0652':
			continue
		case '،', ',', '؛', ';':
			r = ' '
		}
		if prev != 0 && (isDigit(prev) && unicode.IsLetter(r) || unicode.IsLetter(prev) && isDigit(r)) {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
		prev = r
	}
	return strings.Fields(b.String())
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isDigits(s string) bool {
	for _, r := range s {
		if !isDigit(r) {
			return false
		}
	}
	return s != ""
}

// monthKeys are the Jalali month names as tokens spells them (آ as ا, no
// zero-width non-joiner), with their common variants.
var monthKeys = map[string]int{
	"فروردین": 1, "اردیبهشت": 2, "اردبهشت": 2, "خرداد": 3, "تیر": 4, "مرداد": 5, "امرداد": 5,
	"شهریور": 6, "شهرویر": 6, "مهر": 7, "ابان": 8, "اذر": 9, "دی": 10, "بهمن": 11, "اسفند": 12,
}

// monthOf reads a month name at the start of toks, in one word or two
// (اردی بهشت), with ماه after it or glued to it (آذرماه); 0 when there is
// none.
func monthOf(toks []string) (int, []string) {
	for n := min(2, len(toks)); n >= 1; n-- {
		key := strings.Join(toks[:n], "")
		rest := toks[n:]
		if m, ok := monthKeys[strings.TrimSuffix(key, "ماه")]; ok {
			if len(rest) > 0 && rest[0] == "ماه" && !strings.HasSuffix(key, "ماه") {
				rest = rest[1:]
			}
			return m, rest
		}
	}
	return 0, toks
}

// weekdayKeys are the weekday names as tokens spells them (سه‌شنبه as
// سهشنبه).
var weekdayKeys = func() map[string]Weekday {
	out := map[string]Weekday{}
	for i, n := range weekdayNames {
		out[strings.ReplaceAll(n, "\u200c", "")] = Weekday(i)
	}
	return out
}()

// weekdayOf takes a weekday name (in one word or two) off the start or the
// end of toks; -1 when there is none.
func weekdayOf(toks []string) (Weekday, []string) {
	for n := min(2, len(toks)); n >= 1; n-- {
		if w, ok := weekdayKeys[strings.Join(toks[:n], "")]; ok {
			return w, toks[n:]
		}
	}
	for n := min(2, len(toks)); n >= 1; n-- {
		if w, ok := weekdayKeys[strings.Join(toks[len(toks)-n:], "")]; ok {
			return w, toks[:len(toks)-n]
		}
	}
	return -1, toks
}
