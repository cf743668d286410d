package jalali

import (
	"testing"
	"time"

	ptime "github.com/yaa110/go-persian-calendar"
)

// TestDaysByTableAsTheLibrary: for every day of MinYear..MaxYear, the day
// arithmetic by table (days.go) gives what go-persian-calendar and the time
// package give: the day number both ways, the weekday, the Gregorian date
// and its ISO form, the date of a Gregorian date, a day added, the days
// between; and leap years agree.
func TestDaysByTableAsTheLibrary(t *testing.T) {
	if testing.Short() {
		t.Skip("walks 730,000 days through the library: not in -short")
	}
	prev := Date{}
	n, days := 0, 0
	for y := MinYear; y <= MaxYear; y++ {
		if IsLeap(y) != ptime.Date(y, ptime.Esfand, 1, 12, 0, 0, 0, time.UTC).IsLeap() {
			t.Fatalf("IsLeap(%d) differs from the library", y)
		}
		for m := 1; m <= 12; m++ {
			for d := 1; d <= MonthLength(y, m); d++ {
				date := Date{y, m, d}
				want := date.libraryOrdinal()
				if days == 0 {
					n = want
				}
				got := date.Ordinal()
				if got != want || got != n {
					t.Fatalf("%v: Ordinal %d, library %d, previous day + 1 %d", date, got, want, n)
				}
				if back := FromOrdinal(got); back != date {
					t.Fatalf("FromOrdinal(%d) = %v, want %v", got, back, date)
				}
				c := date.civil()
				gy, gm, gd := date.Gregorian()
				if gy != c.Year() || gm != c.Month() || gd != c.Day() {
					t.Fatalf("%v: Gregorian %d-%d-%d, library %v", date, gy, gm, gd, c)
				}
				if iso := date.ISO(); iso != c.Format(time.DateOnly) {
					t.Fatalf("%v: ISO %s, library %s", date, iso, c.Format(time.DateOnly))
				}
				p := ptime.New(time.Date(gy, gm, gd, 12, 0, 0, 0, time.UTC))
				if g := FromGregorian(gy, gm, gd); g != date || g != (Date{p.Year(), int(p.Month()), p.Day()}) {
					t.Fatalf("FromGregorian(%d-%d-%d) = %v, want %v", gy, gm, gd, g, date)
				}
				if wd := date.Weekday(); wd != Weekday((int(c.Weekday())+1)%7) {
					t.Fatalf("%v: Weekday %v, library %v", date, wd, c.Weekday())
				}
				if !prev.IsZero() {
					if prev.AddDays(1) != date || date.AddDays(-1) != prev || prev.DaysUntil(date) != 1 || date.DaysUntil(prev) != -1 {
						t.Fatalf("%v and %v are not a day apart by AddDays/DaysUntil", prev, date)
					}
				}
				prev = date
				n++
				days++
			}
		}
	}
	if days < 730_000 {
		t.Fatalf("walked %d days", days)
	}
	// Long steps, and dates the table does not hold, as the library has them.
	for _, tc := range []struct {
		d Date
		n int
	}{{Date{1403, 1, 1}, 10_000}, {Date{1403, 12, 30}, -400_000}, {Date{MaxYear, 12, 29}, 1}, {Date{MinYear, 1, 1}, -1},
		{Date{1403, 7, 31}, 0}, {Date{1403, 13, 1}, 5}, {Date{}, 3}} {
		want := FromGregorian(tc.d.civil().AddDate(0, 0, tc.n).Date())
		if got := tc.d.AddDays(tc.n); got != want {
			t.Errorf("%v.AddDays(%d) = %v, want %v", tc.d, tc.n, got, want)
		}
		if got, want := tc.d.Ordinal(), tc.d.libraryOrdinal(); got != want {
			t.Errorf("%v.Ordinal() = %d, want %d", tc.d, got, want)
		}
	}
	// Gregorian days past a month's end count on, as time.Date has them.
	if got, want := FromGregorian(2024, time.February, 30), FromGregorian(2024, time.March, 1); got != want {
		t.Errorf("FromGregorian(2024-02-30) = %v, want %v", got, want)
	}
}
