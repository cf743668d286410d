package jalali

import (
	"errors"
	"strings"
	"testing"
)

// today is the day year-less dates are read in: 14 Azar 1405.
var today = MustNew(1405, 9, 14)

func TestParseTypedAtReadsDatesAsPeopleTypeThem(t *testing.T) {
	azar25 := MustNew(1405, 9, 25) // a Wednesday
	for _, tt := range []struct {
		in   string
		want Date
	}{
		{"۲۵ آذر ۱۴۰۵", azar25},
		{"25 آذر 1405", azar25},
		{"٢٥ آذر ١٤٠٥", azar25},
		{"۲۵ آذر", azar25},
		{"۲۵آذر", azar25},
		{"۲۵ اذر", azar25},
		{"۲۵ آذرماه ۱۴۰۵", azar25},
		{"۲۵ آذر ماه ۱۴۰۵", azar25},
		{"۲۵ام آذر ۱۴۰۵", azar25},
		{"  ۲۵   آذر،  ۱۴۰۵ ", azar25},
		{"1405.9.25", azar25},
		{"۱۴۰۵-۰۹-۲۵", azar25},
		{"۱۴۰۵/۹/۲۵", azar25},
		{"1405 / 9 / 25", azar25},
		{"۱۴۰۵٫۹٫۲۵", azar25},
		{"25/09/1405", azar25},
		{"25.9.1405", azar25},
		{"چهارشنبه ۲۵ آذر ۱۴۰۵", azar25},
		{"چهارشنبه، ۲۵ آذر", azar25},
		{"چهار شنبه ۱۴۰۵/۹/۲۵", azar25},
		{"۲۵ آذر ۱۴۰۵ چهارشنبه", azar25},
		{"سه‌شنبه ۲۴ آذر ۱۴۰۵", MustNew(1405, 9, 24)},
		{"سه شنبه ۲۴ آذر ۱۴۰۵", MustNew(1405, 9, 24)},
		{"سهشنبه ۲۴ آذر ۱۴۰۵", MustNew(1405, 9, 24)},
		{"۱ ارديبهشت ۱۴۰۵", MustNew(1405, 2, 1)},
		{"۱ اردی‌بهشت ۱۴۰۵", MustNew(1405, 2, 1)},
		{"۱ اردی بهشت ۱۴۰۵", MustNew(1405, 2, 1)},
		{"۳۱ شهريور ۱۴۰۵", MustNew(1405, 6, 31)},
		{"۵ امرداد", MustNew(1405, 5, 5)},
		{"۱ فروردين ۱۴۰۶", MustNew(1406, 1, 1)},
		{"۹ دي", MustNew(1405, 10, 9)},
		{"۳۰ اسفند ۱۴۰۳", MustNew(1403, 12, 30)},
		{"\u200f۱۴۰۵/۰۹/۲۵\u200e", azar25},
		// Gregorian dates, as ParseTyped always read them.
		{"2025-05-17", MustNew(1404, 2, 27)},
		{"۲۰۲۵/۰۵/۱۷", MustNew(1404, 2, 27)},
		{"17/05/2025", MustNew(1404, 2, 27)},
		{"شنبه 2025-05-17", MustNew(1404, 2, 27)},
		{"2024-02-29", MustNew(1402, 12, 10)},
	} {
		got, err := ParseTypedAt(tt.in, today)
		if err != nil || got != tt.want {
			t.Errorf("ParseTypedAt(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestParseTypedAtTellsUnreadableFromNonexistent(t *testing.T) {
	for _, in := range []string{"", "فردا", "آذر", "۲۵", "۲۵ آذرر", "۲۵ آذر ۱۴", "۲۵ آذر ۱۴۰۵ ۳", "1405/9", "1405/9/25/1",
		"14050/9/25", "25/9/05", "999/1/1", "3001/1/1", "-1405/9/25", "1405/+9/25", "۱۲۵ آذر", "یک آذر", "1405//25",
		"۲۵ آذر ۹۹۹", "1405/09/1405"} {
		_, err := ParseTypedAt(in, today)
		var de *DayError
		if !errors.Is(err, ErrUnreadable) || !errors.Is(err, ErrInvalid) || errors.As(err, &de) {
			t.Errorf("ParseTypedAt(%q): %v, want unreadable", in, err)
		}
	}
	for _, tt := range []struct {
		in             string
		want           DayError
		days           int
		leapDay        bool
		gregorianMonth bool
	}{
		{"۳۱ مهر ۱۴۰۵", DayError{Year: 1405, Month: 7, Day: 31}, 30, false, false},
		{"1405/7/31", DayError{Year: 1405, Month: 7, Day: 31}, 30, false, false},
		{"۳۰ اسفند ۱۴۰۴", DayError{Year: 1404, Month: 12, Day: 30}, 29, true, false},
		{"۰ آذر", DayError{Year: 1405, Month: 9, Day: 0}, 30, false, false},
		{"1405/13/01", DayError{Year: 1405, Month: 13, Day: 1}, 0, false, false},
		{"2025-02-29", DayError{Gregorian: true, Year: 2025, Month: 2, Day: 29}, 28, true, true},
		{"2025-02-30", DayError{Gregorian: true, Year: 2025, Month: 2, Day: 30}, 28, false, true},
		{"2025-13-01", DayError{Gregorian: true, Year: 2025, Month: 13, Day: 1}, 0, false, true},
	} {
		_, err := ParseTypedAt(tt.in, today)
		var de *DayError
		if !errors.As(err, &de) || *de != tt.want || errors.Is(err, ErrUnreadable) || !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseTypedAt(%q): %v, want %+v", tt.in, err, tt.want)
			continue
		}
		if de.Days() != tt.days || de.LeapDay() != tt.leapDay {
			t.Errorf("%q: Days %d LeapDay %v, want %d %v", tt.in, de.Days(), de.LeapDay(), tt.days, tt.leapDay)
		}
	}
	_, err := ParseTypedAt("سه‌شنبه ۲۵ آذر ۱۴۰۵", today)
	var we *WeekdayError
	if !errors.As(err, &we) || we.Date != MustNew(1405, 9, 25) || we.Written != Tuesday || !errors.Is(err, ErrInvalid) {
		t.Errorf("a Wednesday written as Tuesday: %v", err)
	}
}

// Without a today, a date must have its year.
func TestParseTypedNeedsAYear(t *testing.T) {
	if d, err := ParseTyped("۲۵ آذر"); !errors.Is(err, ErrUnreadable) {
		t.Errorf("ParseTyped(۲۵ آذر) = %v, %v; want unreadable", d, err)
	}
	if d, err := ParseTyped("۲۵ آذر ۱۴۰۵"); err != nil || d != MustNew(1405, 9, 25) {
		t.Errorf("ParseTyped(۲۵ آذر ۱۴۰۵) = %v, %v", d, err)
	}
}

func TestParseClock(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", ""},
		{"۱۲", "12:00"},
		{"9", "09:00"},
		{"۱۲:۳۰", "12:30"},
		{"9.30", "09:30"},
		{"۰۹٫۳۰", "09:30"},
		{"12 : 05", "12:05"},
		{"۱۲ و نیم", "12:30"},
		{"۱۲ونیم", "12:30"},
		{"۱۲ و ربع", "12:15"},
		{"۱۲ و یک ربع", "12:15"},
		{"۱۲ و سه ربع", "12:45"},
		{"۱۲ و ۴۵ دقیقه", "12:45"},
		{"۱۲ و ۴۵", "12:45"},
		{"یک ربع به ۱۲", "11:45"},
		{"ربع به ۹", "08:45"},
		{"۱۰ دقیقه به ۱۲", "11:50"},
		{"۸ صبح", "08:00"},
		{"ساعت ۸ صبح", "08:00"},
		{"ساعت۸", "08:00"},
		{"۸:۳۰ ق.ظ", "08:30"},
		{"۱۲ صبح", "00:00"},
		{"۱۲ ظهر", "12:00"},
		{"۱ ظهر", "13:00"},
		{"۵ بعدازظهر", "17:00"},
		{"۵ بعد‌ازظهر", "17:00"},
		{"۵ بعد از ظهر", "17:00"},
		{"۵ ب.ظ", "17:00"},
		{"۵ عصر", "17:00"},
		{"۵ و نیم عصر", "17:30"},
		{"۱۷ عصر", "17:00"},
		{"۹ شب", "21:00"},
		{"۱۲ شب", "00:00"},
		{"۲ شب", "02:00"},
		{"23:59", "23:59"},
	} {
		got, ok := ParseClock(tt.in)
		if !ok || got != tt.want {
			t.Errorf("ParseClock(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
	for _, in := range []string{"24", "24:00", "12:60", "9:5", "1230", "۱۲ ربع", "۱۲ و", "۱۲ و ۷۵ دقیقه", "۱۳ صبح", "۹ ظهر",
		"۲۰ شب ۱", "ظهر", "ساعت", "نیم", "۶۰ دقیقه به ۱۲", "ربع به ۰", "12:30:00", "abc", "-1", "+9"} {
		if got, ok := ParseClock(in); ok {
			t.Errorf("ParseClock(%q) = %q, want refused", in, got)
		}
	}
}

// FuzzParseTyped: ParseTypedAt never panics; a date it reads exists, and
// comes back unchanged from the forms it is shown in (the numeric form, the
// Persian one with and without its weekday); its errors are unreadable,
// a day that does not exist or a wrong weekday, never more than one. A
// time ParseClock reads is HH:MM and reads back as itself.
func FuzzParseTyped(f *testing.F) {
	for _, s := range []string{"۲۵ آذر ۱۴۰۵", "۲۵ آذر", "1405.9.25", "25/09/1405", "سه‌شنبه ۲۵ آذر", "۳۱ مهر", "۳۰ اسفند ۱۴۰۴",
		"2025-02-29", "۱۲ و نیم", "۵ بعد از ظهر", "یک ربع به ۱۲", "ارديبهشت", "12:30"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseTypedAt(s, today)
		var de *DayError
		var we *WeekdayError
		kinds := 0
		for _, is := range []bool{errors.Is(err, ErrUnreadable), errors.As(err, &de), errors.As(err, &we)} {
			if is {
				kinds++
			}
		}
		switch {
		case err != nil && (kinds != 1 || !errors.Is(err, ErrInvalid) || d != Date{}):
			t.Fatalf("ParseTypedAt(%q) = %v, %v", s, d, err)
		case err == nil && !d.Valid():
			t.Fatalf("ParseTypedAt(%q) = %+v, no date", s, d)
		case err == nil:
			for _, form := range []string{d.String(), d.FormatNumeric(), d.Format(), d.FormatLong()} {
				if back, err := ParseTypedAt(form, today); err != nil || back != d {
					t.Fatalf("ParseTypedAt(%q) = %v; its form %q reads as %v, %v", s, d, form, back, err)
				}
			}
		}
		if hm, ok := ParseClock(s); ok && hm != "" {
			if back, ok := ParseClock(hm); len(hm) != 5 || strings.Count(hm, ":") != 1 || !ok || back != hm {
				t.Fatalf("ParseClock(%q) = %q, which reads back as %q, %v", s, hm, back, ok)
			}
		}
	})
}
