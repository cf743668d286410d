package jalali

import "time"

// Day arithmetic by table. Every day number (Ordinal), weekday, day added
// and Gregorian date used to go through go-persian-calendar and the time
// package (a Date to a time.Time and back, about a microsecond each); a
// national month page, a day page and a feed make hundreds of thousands
// of them (placing 2,500 series on a day page was 40% of its time, issue
// 18). yearStarts holds the day number of 1 Farvardin of every year the
// package accepts, and of the year after, taken from go-persian-calendar
// itself at start: so the library stays the one source of the calendar
// (its leap years), and within a year the months are fixed (six of 31
// days, five of 30, Esfand the rest). TestDaysByTableAsTheLibrary checks
// every day of MinYear..MaxYear both ways. Dates outside the table (the
// zero Date, years out of range, days past a month's end, which the
// library carries into the next month) take the library's way, as before.
var yearStarts = func() (t [MaxYear - MinYear + 2]int32) {
	for i := range t {
		t[i] = int32(Date{MinYear + i, 1, 1}.libraryOrdinal())
	}
	return t
}()

// libraryOrdinal is Ordinal through go-persian-calendar.
func (d Date) libraryOrdinal() int { return int(d.civil().Unix() / 86400) }

// monthStart is how many days of a year come before month m's first.
func monthStart(m int) int {
	if m <= 7 {
		return (m - 1) * 31
	}
	return 6*31 + (m-7)*30
}

// tableOrdinal is Ordinal by table, false for a date the table does not
// hold.
func (d Date) tableOrdinal() (int, bool) {
	if d.Year < MinYear || d.Year > MaxYear || d.Month < 1 || d.Month > 12 || d.Day < 1 {
		return 0, false
	}
	i := d.Year - MinYear
	start := int(yearStarts[i])
	n := start + monthStart(d.Month) + d.Day - 1
	if d.Day > 31 || d.Month > 6 && d.Day > 30 || n >= int(yearStarts[i+1]) {
		return 0, false
	}
	return n, true
}

// tableDate is FromOrdinal by table, false for a day number outside it.
func tableDate(n int) (Date, bool) {
	first, end := int(yearStarts[0]), int(yearStarts[len(yearStarts)-1])
	if n < first || n >= end {
		return Date{}, false
	}
	// The mean Jalali year is 365.2422 days: the estimate is off by one
	// year at most.
	i := min(int(float64(n-first)/365.2422), len(yearStarts)-2)
	for i > 0 && int(yearStarts[i]) > n {
		i--
	}
	for int(yearStarts[i+1]) <= n {
		i++
	}
	doy := n - int(yearStarts[i])
	if doy < 6*31 {
		return Date{MinYear + i, doy/31 + 1, doy%31 + 1}, true
	}
	doy -= 6 * 31
	return Date{MinYear + i, doy/30 + 7, doy%30 + 1}, true
}

// GregorianOrdinal returns the day number (Ordinal) of a Gregorian date:
// the days from 1970-01-01, by arithmetic (H. Hinnant's days_from_civil, in eras of
// 400 years). Days past a month's end count on into the next, as
// time.Date normalizes them.
func GregorianOrdinal(y int, m time.Month, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	doy := (153*((int(m)+9)%12)+2)/5 + d - 1
	return era*146097 + yoe*365 + yoe/4 - yoe/100 + doy - 719468
}

// civilDate returns the Gregorian date of a day number (H. Hinnant's
// civil_from_days).
func civilDate(n int) (int, time.Month, int) {
	z := n + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, time.Month(m), d
}
