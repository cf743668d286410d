package jalali

import (
	"errors"
	"testing"
	"time"
)

func TestKnownPairs(t *testing.T) {
	tests := []struct {
		j   Date
		iso string
	}{
		{Date{1403, 12, 30}, "2025-03-20"},
		{Date{1404, 1, 1}, "2025-03-21"},
		{Date{1403, 2, 27}, "2024-05-16"},
		{Date{1404, 2, 27}, "2025-05-17"},
		{Date{1398, 2, 27}, "2019-05-17"},
		{Date{1357, 11, 22}, "1979-02-11"},
		{Date{1300, 1, 1}, "1921-03-21"},
		{Date{1399, 12, 30}, "2021-03-20"},
		{Date{1403, 4, 2}, "2024-06-22"},
		{Date{1397, 4, 2}, "2018-06-23"},
	}
	for _, tt := range tests {
		if got := tt.j.ISO(); got != tt.iso {
			t.Errorf("%v.ISO() = %s, want %s", tt.j, got, tt.iso)
		}
		got, err := ParseISO(tt.iso)
		if err != nil || got != tt.j {
			t.Errorf("ParseISO(%s) = %v, %v; want %v", tt.iso, got, err, tt.j)
		}
	}
}

func TestLeapYears(t *testing.T) {
	// The official (Iranian calendar authority) leap years around now.
	leap := map[int]bool{1391: true, 1395: true, 1399: true, 1403: true, 1408: true, 1412: true}
	for y := 1390; y <= 1415; y++ {
		if got := IsLeap(y); got != leap[y] {
			t.Errorf("IsLeap(%d) = %v, want %v", y, got, leap[y])
		}
	}
}

func TestNewRejects(t *testing.T) {
	bad := [][3]int{{1404, 12, 30}, {1403, 7, 31}, {1403, 13, 1}, {1403, 0, 1}, {1403, 1, 0}, {1403, 1, 32}, {0, 1, 1}, {99999, 1, 1}}
	for _, b := range bad {
		if _, err := New(b[0], b[1], b[2]); !errors.Is(err, ErrInvalid) {
			t.Errorf("New(%v) error = %v, want ErrInvalid", b, err)
		}
	}
	if _, err := New(1403, 12, 30); err != nil {
		t.Errorf("New(1403/12/30) = %v, want ok", err)
	}
}

// TestYearRange: the accepted years are exactly those go-persian-calendar
// converts both ways; the fuzzer found 0001/01/01 accepted although its ISO
// form reads back as another day.
func TestYearRange(t *testing.T) {
	tests := []struct {
		in  string
		ok  bool
		iso string
	}{
		{"0001/01/01", false, ""},
		{"0999/12/29", false, ""},
		{"999/12/29", false, ""},
		{"3001/01/01", false, ""},
		{"1000/01/01", true, "1621-03-21"},
		{"3000/12/29", true, "3622-03-19"}, // the Gregorian dates agree with refD2G below
		{"3000/12/30", true, "3622-03-20"}, // 3000 is a leap year
	}
	for _, tt := range tests {
		d, err := Parse(tt.in)
		if !tt.ok {
			if !errors.Is(err, ErrInvalid) || d != (Date{}) {
				t.Errorf("Parse(%q) = %v, %v; want ErrInvalid", tt.in, d, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(%q) error %v, want ok", tt.in, err)
			continue
		}
		if got := d.ISO(); got != tt.iso {
			t.Errorf("%v.ISO() = %s, want %s", d, got, tt.iso)
		}
		if back, err := ParseISO(d.ISO()); err != nil || back != d {
			t.Errorf("ParseISO(%s) = %v, %v; want %v", d.ISO(), back, err, d)
		}
		if back := FromGregorian(d.Gregorian()); back != d {
			t.Errorf("FromGregorian(%v.Gregorian()) = %v", d, back)
		}
	}
	// Every month's first and last day in the whole range round-trips too.
	for y := MinYear; y <= MaxYear; y++ {
		for m := 1; m <= 12; m++ {
			for _, d := range []Date{{y, m, 1}, {y, m, MonthLength(y, m)}} {
				if back, err := ParseISO(d.ISO()); err != nil || back != d {
					t.Fatalf("%v → %s → %v, %v", d, d.ISO(), back, err)
				}
			}
		}
	}
}

func TestParse(t *testing.T) {
	want := Date{1403, 2, 27}
	for _, s := range []string{"1403/02/27", "1403/2/27", "1403-02-27", "۱۴۰۳/۰۲/۲۷", "١٤٠٣/٠٢/٢٧", " 1403/02/27 ", "۱۴۰۳-۲-۲۷"} {
		got, err := Parse(s)
		if err != nil || got != want {
			t.Errorf("Parse(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	for _, s := range []string{"", "1403", "1403/02", "1403/02/27/1", "1404/12/30", "1403/07/31", "1403/13/01", "abc", "1403//27", "1403/+2/27", "14033/01/01", "1403/001/01", "1403/02-27-"} {
		if _, err := Parse(s); !errors.Is(err, ErrInvalid) {
			t.Errorf("Parse(%q) error = %v, want ErrInvalid", s, err)
		}
	}
}

func TestFormat(t *testing.T) {
	d := Date{1403, 2, 27}
	checks := map[string]string{
		d.Format():               "۲۷ اردیبهشت ۱۴۰۳",
		d.FormatLong():           "پنج‌شنبه ۲۷ اردیبهشت ۱۴۰۳",
		d.FormatNumeric():        "۱۴۰۳/۰۲/۲۷",
		d.String():               "1403/02/27",
		d.FormatGregorianShort(): "۱۶ مه",
		FaNum(1234567890):        "۱۲۳۴۵۶۷۸۹۰",
		LatinDigits("۱۲٣4"):      "1234",
	}
	for got, want := range checks {
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}

func TestWeekdayAndArithmetic(t *testing.T) {
	if w := (Date{1403, 4, 2}).Weekday(); w != Saturday {
		t.Errorf("1403/04/02 weekday = %v, want شنبه", w)
	}
	if w := (Date{1404, 9, 2}).Weekday(); w != Sunday { // 2025-11-23
		t.Errorf("1404/09/02 weekday = %v, want یک‌شنبه", w)
	}
	if got := (Date{1403, 12, 29}).AddDays(1); got != (Date{1403, 12, 30}) {
		t.Errorf("AddDays across leap Esfand = %v", got)
	}
	if got := (Date{1404, 12, 29}).AddDays(1); got != (Date{1405, 1, 1}) {
		t.Errorf("AddDays across common Esfand = %v", got)
	}
	if got := (Date{1403, 1, 1}).DaysUntil(Date{1404, 1, 1}); got != 366 {
		t.Errorf("days in 1403 = %d, want 366", got)
	}
	if y, m := AddMonths(1403, 12, 1); y != 1404 || m != 1 {
		t.Errorf("AddMonths(1403,12,1) = %d/%d", y, m)
	}
	if y, m := AddMonths(1403, 1, -1); y != 1402 || m != 12 {
		t.Errorf("AddMonths(1403,1,-1) = %d/%d", y, m)
	}
	tehranLate := time.Date(2024, 5, 16, 21, 0, 0, 0, time.UTC) // 00:30 on the 17th in Tehran
	if got := FromTime(tehranLate); got != (Date{1403, 2, 28}) {
		t.Errorf("FromTime in Tehran = %v, want 1403/02/28", got)
	}
}

func TestMonthGrid(t *testing.T) {
	tests := []struct {
		y, m, days, weeks int
	}{
		{1403, 12, 30, 5}, // starts Wednesday 1403/12/01 = 2025-02-19
		{1404, 12, 29, 5},
		{1403, 1, 31, 5},
	}
	for _, tt := range tests {
		g, err := MonthGrid(tt.y, tt.m)
		if err != nil {
			t.Fatal(err)
		}
		in := 0
		for _, w := range g.Weeks {
			if w[0].Weekday() != Saturday || w[6].Weekday() != Friday {
				t.Errorf("%d/%d: week %v does not run Saturday to Friday", tt.y, tt.m, w)
			}
			for _, d := range w {
				if g.InMonth(d) {
					in++
				}
			}
		}
		if in != tt.days || len(g.Weeks) != tt.weeks {
			t.Errorf("%d/%d: %d days in %d weeks, want %d in %d", tt.y, tt.m, in, len(g.Weeks), tt.days, tt.weeks)
		}
	}
	if _, err := MonthGrid(1403, 13); !errors.Is(err, ErrInvalid) {
		t.Errorf("MonthGrid(1403,13) error = %v", err)
	}
}

// TestExhaustiveAgainstJalaali walks every day from 1300/01/01 to 1500/12/29
// and checks the library's conversion both ways, the month lengths and the
// weekday against an independent implementation of the jalaali (Borkowski)
// algorithm written below.
func TestExhaustiveAgainstJalaali(t *testing.T) {
	d := Date{1300, 1, 1}
	jdn := refJ2D(1300, 1, 1)
	end := Date{1500, 12, 29}
	n := 0
	for {
		gy, gm, gd := refD2G(jdn)
		y, m, day := d.Gregorian()
		if y != gy || int(m) != gm || day != gd {
			t.Fatalf("%v → %04d-%02d-%02d, reference says %04d-%02d-%02d", d, y, m, day, gy, gm, gd)
		}
		if back := FromGregorian(gy, time.Month(gm), gd); back != d {
			t.Fatalf("%04d-%02d-%02d → %v, want %v", gy, gm, gd, back, d)
		}
		if want := Weekday((jdn + 2) % 7); d.Weekday() != want {
			t.Fatalf("%v weekday %v, reference %v", d, d.Weekday(), want)
		}
		if d.Month == 12 && d.Day == 1 {
			if got, want := IsLeap(d.Year), refLeap(d.Year); got != want {
				t.Fatalf("IsLeap(%d) = %v, reference %v", d.Year, got, want)
			}
		}
		n++
		if d == end {
			break
		}
		d, jdn = d.Next(), jdn+1
		if !d.Valid() {
			t.Fatalf("next produced invalid %v", d)
		}
	}
	if n < 73000 {
		t.Fatalf("walked only %d days", n)
	}
}

// The reference: jalaali-js (Borkowski's algorithm with the break years).
var refBreaks = []int{-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178}

func div(a, b int) int { return a / b }
func mod(a, b int) int { return a - a/b*b }

// refCal returns leap (years since the last leap year, 0 when leap), the
// Gregorian year and the March day of Farvardin 1st.
func refCal(jy int) (leap, gy, march int) {
	bl := len(refBreaks)
	gy = jy + 621
	leapJ := -14
	jp := refBreaks[0]
	var jm, jump, n int
	for i := 1; i < bl; i++ {
		jm = refBreaks[i]
		jump = jm - jp
		if jy < jm {
			break
		}
		leapJ += div(jump, 33)*8 + div(mod(jump, 33), 4)
		jp = jm
	}
	n = jy - jp
	leapJ += div(n, 33)*8 + div(mod(n, 33)+3, 4)
	if mod(jump, 33) == 4 && jump-n == 4 {
		leapJ++
	}
	leapG := div(gy, 4) - div((div(gy, 100)+1)*3, 4) - 150
	march = 20 + leapJ - leapG
	if jump-n < 6 {
		n = n - jump + div(jump+4, 33)*33
	}
	leap = mod(mod(n+1, 33)-1, 4)
	if leap == -1 {
		leap = 4
	}
	return leap, gy, march
}

func refLeap(jy int) bool { l, _, _ := refCal(jy); return l == 0 }

func refG2D(gy, gm, gd int) int {
	d := div((gy+div(gm-8, 6)+100100)*1461, 4) + div(153*mod(gm+9, 12)+2, 5) + gd - 34840408
	return d - div(div(gy+100100+div(gm-8, 6), 100)*3, 4) + 752
}

func refD2G(jdn int) (gy, gm, gd int) {
	j := 4*jdn + 139361631
	j = j + div(div(4*jdn+183187720, 146097)*3, 4)*4 - 3908
	i := div(mod(j, 1461), 4)*5 + 308
	gd = div(mod(i, 153), 5) + 1
	gm = mod(div(i, 153), 12) + 1
	gy = div(j, 1461) - 100100 + div(8-gm, 6)
	return
}

func refJ2D(jy, jm, jd int) int {
	_, gy, march := refCal(jy)
	return refG2D(gy, 3, march) + (jm-1)*31 - div(jm, 7)*(jm-7) + jd - 1
}

func TestOrdinal(t *testing.T) {
	tests := []struct {
		d    Date
		want int
	}{
		{MustNew(1348, 10, 11), 0},  // 1970-01-01
		{MustNew(1348, 10, 10), -1}, // 1969-12-31
		{MustNew(1403, 2, 27), 19859},
		{MustNew(1403, 12, 30), 20167},
		{MustNew(1404, 1, 1), 20168},
	}
	for _, tt := range tests {
		if got := tt.d.Ordinal(); got != tt.want {
			t.Errorf("%s.Ordinal() = %d, want %d", tt.d, got, tt.want)
		}
		if got := FromOrdinal(tt.want); got != tt.d {
			t.Errorf("FromOrdinal(%d) = %s, want %s", tt.want, got, tt.d)
		}
	}
	// Every day of the supported years, and a step across each edge.
	first, last := MustNew(MinYear, 1, 1), MustNew(MaxYear, 12, MonthLength(MaxYear, 12))
	n := first.Ordinal()
	for d := first; !d.After(last); d = d.Next() {
		if got := d.Ordinal(); got != n {
			t.Fatalf("%s.Ordinal() = %d, want %d (one more than the day before)", d, got, n)
		}
		if back := FromOrdinal(n); back != d {
			t.Fatalf("FromOrdinal(%d) = %s, want %s", n, back, d)
		}
		n++
	}
}

func TestParseTypedReadsGregorianYearsAsGregorian(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Date
		ok   bool
	}{
		{"2025-05-17", MustNew(1404, 2, 27), true},
		{"۲۰۲۵/۰۵/۱۷", MustNew(1404, 2, 27), true},
		{"2024-02-29", MustNew(1402, 12, 10), true},
		{"1404-02-27", MustNew(1404, 2, 27), true}, // Jalali as ever
		{"1403/12/30", MustNew(1403, 12, 30), true},
		{"2025-02-29", Date{}, false}, // no such Gregorian day
		{"2025-13-01", Date{}, false},
		{"2025-02-30", Date{}, false},
	} {
		got, err := ParseTyped(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseTyped(%q) = %v, %v; want %v (ok %v)", tt.in, got, err, tt.want, tt.ok)
		}
	}
}
