package calendar

import (
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/hijri"
	"github.com/ruydad/ruydad/internal/jalali"
)

// monthDays lists, by walking day after day, the Jalali dates of month m
// of year in calendar cal: the brute-force answer the rules are checked
// against.
func monthDays(t *testing.T, cal domain.CalendarSystem, year, m int) []jalali.Date {
	t.Helper()
	var first jalali.Date
	switch cal {
	case domain.CalJalali:
		first = d(year, m, 1)
	case domain.CalGregorian:
		first = jalali.FromGregorian(year, time.Month(m), 1)
	case domain.CalHijri:
		info, ok := hijri.Official().Month(hijri.Month{Year: year, Month: m})
		if !ok {
			t.Fatalf("no Hijri month %d/%d", year, m)
		}
		first = info.Start
	}
	var out []jalali.Date
	for day := first; len(out) < 32; day = day.Next() {
		if !inMonth(cal, day, year, m) {
			break
		}
		out = append(out, day)
	}
	return out
}

func inMonth(cal domain.CalendarSystem, day jalali.Date, year, m int) bool {
	switch cal {
	case domain.CalJalali:
		return day.Year == year && day.Month == m
	case domain.CalGregorian:
		gy, gm, _ := day.Gregorian()
		return gy == year && int(gm) == m
	}
	h, _ := hijri.Official().FromJalali(day)
	return h.Year == year && h.Month == m
}

// bruteForce returns what r's rule picks among the days of its month.
func bruteForce(t *testing.T, r domain.Recurrence, year int) (Span, bool) {
	days := monthDays(t, r.Calendar, year, r.Month)
	var picked []jalali.Date
	for _, day := range days {
		if day.Weekday() == r.Weekday {
			picked = append(picked, day)
		}
	}
	var start jalali.Date
	length := r.Days()
	switch r.Rule {
	case domain.RuleNthWeekday:
		if r.Nth > len(picked) {
			return Span{}, false
		}
		start = picked[r.Nth-1]
	case domain.RuleLastWeekday:
		start = picked[len(picked)-1]
	case domain.RuleMonthEnd:
		start = days[len(days)-1]
	case domain.RuleWholeMonth:
		start, length = days[0], len(days)
	case domain.RuleDate:
		if r.Day > len(days) {
			return Span{}, false
		}
		start = days[r.Day-1]
	case domain.RuleNthDay:
		start = days[r.Day-1].AddDays(r.Nth - 1)
	}
	start = start.AddDays(r.Offset)
	return Span{Start: start, End: start.AddDays(length - 1), Year: year}, true
}

// TestRulesAgainstBruteForce: every rule, in every calendar, picks over
// twenty years the day that walking the month day by day picks.
func TestRulesAgainstBruteForce(t *testing.T) {
	rules := []domain.Recurrence{
		{Rule: domain.RuleNthWeekday, Month: 7, Weekday: jalali.Friday, Nth: 2, Length: 1},               // دومین جمعهٔ مهر
		{Rule: domain.RuleNthWeekday, Month: 3, Weekday: jalali.Monday, Nth: 5, Length: 1},               // a fifth Monday, some years only
		{Rule: domain.RuleLastWeekday, Month: 12, Weekday: jalali.Wednesday, Offset: -1, Length: 1},      // شب آخرین چهارشنبهٔ سال
		{Rule: domain.RuleLastWeekday, Month: 9, Weekday: jalali.Friday, Length: 1},                      // روز قدس, in Ramadan when Hijri
		{Rule: domain.RuleMonthEnd, Month: 2, Length: 1},                                                 // شهادت امام رضا, when Hijri
		{Rule: domain.RuleWholeMonth, Month: 9},                                                          // رمضان, when Hijri
		{Rule: domain.RuleDate, Month: 1, Day: 10, Length: 1},                                            // عاشورا, when Hijri
		{Rule: domain.RuleDate, Month: 2, Day: 30, Length: 1},                                            // the 30th, some months only
		{Rule: domain.RuleDate, Month: 3, Day: 12, Length: 6},                                            // هفتهٔ وحدت, when Hijri
		{Rule: domain.RuleNthDay, Month: 1, Day: 1, Nth: 256, Length: 1},                                 // روز برنامه‌نویس, when Gregorian
		{Rule: domain.RuleDate, Month: 12, Day: 29, Offset: 3, Length: 2},                                // over the year's end
		{Rule: domain.RuleNthWeekday, Month: 11, Weekday: jalali.Thursday, Nth: 3, Offset: 1, Length: 1}, // a day after the third Thursday
	}
	years := map[domain.CalendarSystem][2]int{domain.CalJalali: {1395, 1415}, domain.CalHijri: {1430, 1450}, domain.CalGregorian: {2016, 2036}}
	for _, cal := range []domain.CalendarSystem{domain.CalJalali, domain.CalHijri, domain.CalGregorian} {
		for _, r := range rules {
			r.Calendar = cal
			for y := years[cal][0]; y <= years[cal][1]; y++ {
				want, wantOK := bruteForce(t, r, y)
				got, ok := Official().In(r, y)
				if ok != wantOK || ok && got != want {
					t.Errorf("%s %s in %d: In = %s, %v; walking the month gives %s, %v", cal, Describe(r), y, got, ok, want, wantOK)
				}
			}
		}
	}
}

// TestInYearsAndOnce: FromYear and ToYear bound the Jalali years of the
// occurrences; a «once» rule has one year.
func TestInYearsAndOnce(t *testing.T) {
	diplomacy := jalaliDay(4, 10, 1)
	diplomacy.FromYear = 1403
	if _, ok := Official().In(diplomacy, 1402); ok {
		t.Error("an occasion from 1403 takes place in 1402")
	}
	if s, ok := Official().In(diplomacy, 1403); !ok || s.Start != d(1403, 4, 10) {
		t.Errorf("In(1403) = %s, %v", s, ok)
	}
	diplomacy.ToYear = 1405
	if _, ok := Official().In(diplomacy, 1406); ok {
		t.Error("an occasion until 1405 takes place in 1406")
	}
	eclipse := domain.Recurrence{Calendar: domain.CalJalali, Rule: domain.RuleOnce, Month: 8, Day: 3, Year: 1401, Length: 1}
	got := Official().Occurrences(eclipse, d(1395, 1, 1), d(1410, 1, 1))
	if len(got) != 1 || got[0].Start != d(1401, 8, 3) {
		t.Errorf("a once-only day occurs %v", got)
	}
	// A lunar occasion bounded by Jalali years: Tasua from 1272 (the
	// official data's first year for it).
	tasua := domain.Recurrence{Calendar: domain.CalHijri, Rule: domain.RuleDate, Month: 1, Day: 9, Length: 1, FromYear: 1272}
	if s, ok := Official().In(tasua, 1446); !ok || s.Start != d(1403, 4, 25) {
		t.Errorf("Tasua 1446 = %s, %v; want 1403/04/25", s, ok)
	}
	if _, ok := Official().In(tasua, 1280); ok {
		t.Error("Tasua of 1280 AH (1242 Jalali) is before 1272 and still placed")
	}
}

// TestTwoLunarOccurrencesInAJalaliYear: a Hijri year is eleven days
// shorter, so some Jalali years hold a lunar day twice; Starting and
// Occurrences give both.
func TestTwoLunarOccurrencesInAJalaliYear(t *testing.T) {
	newYear := domain.Recurrence{Calendar: domain.CalHijri, Rule: domain.RuleDate, Month: 1, Day: 1, Length: 1}
	twice := 0
	for y := 1300; y <= 1450; y++ {
		from, to := YearRange(y)
		spans := Official().Starting(newYear, from, to)
		if n := len(spans); n < 1 || n > 2 {
			t.Fatalf("1 Muharram %d times in %d", n, y)
		}
		if len(spans) == 2 {
			twice++
			if spans[1].Year != spans[0].Year+1 || spans[0].Start.Year != y || spans[1].Start.Year != y {
				t.Errorf("%d: %v", y, spans)
			}
			if got := Official().Occurrences(newYear, from, to); len(got) != 2 {
				t.Errorf("%d: Occurrences gives %v", y, got)
			}
		}
	}
	if twice < 3 || twice > 6 {
		t.Errorf("1 Muharram fell twice in %d Jalali years of 151; expected about one year in 33", twice)
	}
}

func TestDescribe(t *testing.T) {
	tests := []struct {
		r    domain.Recurrence
		want string
	}{
		{jalaliDay(2, 27, 1), "۲۷ اردیبهشت"},
		{jalaliDay(6, 2, 7), "۲ تا ۸ شهریور"},
		{jalaliDay(6, 31, 7), "۳۱ شهریور، ۷ روز"},
		{domain.Recurrence{Calendar: domain.CalHijri, Rule: domain.RuleDate, Month: 1, Day: 10, Length: 1}, "۱۰ محرم (قمری)"},
		{domain.Recurrence{Calendar: domain.CalHijri, Rule: domain.RuleMonthEnd, Month: 2, Length: 1}, "آخرین روز صفر (قمری)"},
		{domain.Recurrence{Calendar: domain.CalHijri, Rule: domain.RuleWholeMonth, Month: 9}, "همهٔ روزهای رمضان (قمری)"},
		{domain.Recurrence{Calendar: domain.CalJalali, Rule: domain.RuleNthWeekday, Month: 7, Weekday: jalali.Friday, Nth: 2, Length: 1}, "دومین جمعهٔ مهر"},
		{domain.Recurrence{Calendar: domain.CalJalali, Rule: domain.RuleLastWeekday, Month: 12, Weekday: jalali.Wednesday, Offset: -1, Length: 1},
			"یک روز پیش از آخرین چهارشنبهٔ اسفند"},
		{domain.Recurrence{Calendar: domain.CalGregorian, Rule: domain.RuleDate, Month: 5, Day: 1, Length: 1}, "۱ مه (میلادی)"},
		{domain.Recurrence{Calendar: domain.CalJalali, Rule: domain.RuleOnce, Month: 8, Day: 3, Year: 1401, Length: 1}, "۳ آبان ۱۴۰۱"},
		{domain.Recurrence{Calendar: domain.CalJalali, Rule: domain.RuleDate, Month: 4, Day: 10, Length: 1, FromYear: 1403}, "۱۰ تیر، از ۱۴۰۳"},
		{domain.Recurrence{Calendar: domain.CalGregorian, Rule: domain.RuleNthDay, Month: 1, Day: 1, Nth: 256, Length: 1}, "روز ۲۵۶ام از ۱ ژانویه (میلادی)"},
	}
	for _, tt := range tests {
		if got := Describe(tt.r); got != tt.want {
			t.Errorf("Describe(%+v) = %q, want %q", tt.r, got, tt.want)
		}
	}
}
