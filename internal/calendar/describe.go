package calendar

import (
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/hijri"
	"github.com/ruydad/ruydad/internal/jalali"
)

// MonthName returns the Persian name of month m of calendar cal.
func MonthName(cal domain.CalendarSystem, m int) string {
	switch cal {
	case domain.CalJalali:
		return jalali.MonthName(m)
	case domain.CalHijri:
		return hijri.MonthName(m)
	case domain.CalGregorian:
		return jalali.GregorianMonthName(time.Month(m))
	}
	return ""
}

var ordinals = [...]string{"", "اولین", "دومین", "سومین", "چهارمین", "پنجمین"}

// Describe writes r's rule in Persian, as the occasions list shows it: «۲۷
// اردیبهشت»، «۲ تا ۸ شهریور»، «۱۰ محرم (قمری)»، «آخرین روز صفر (قمری)»،
// «دومین جمعهٔ مهر»، «یک روز پیش از آخرین چهارشنبهٔ اسفند»، «از ۱۴۰۳».
func Describe(r domain.Recurrence) string {
	month := MonthName(r.Calendar, r.Month)
	var s string
	switch r.Rule {
	case domain.RuleDate, domain.RuleOnce:
		s = jalali.FaNum(r.Day) + " " + month
		if n := r.Days(); n > 1 && r.Day+n-1 <= longest(r.Calendar, r.Month) {
			s = jalali.FaNum(r.Day) + " تا " + jalali.FaNum(r.Day+n-1) + " " + month
		} else if n > 1 {
			s += "، " + jalali.FaNum(n) + " روز"
		}
		if r.Rule == domain.RuleOnce {
			s += " " + jalali.FaNum(r.Year)
		}
	case domain.RuleNthWeekday:
		s = ordinals[min(max(r.Nth, 0), len(ordinals)-1)] + " " + weekdayOf(r.Weekday) + " " + month
	case domain.RuleLastWeekday:
		s = "آخرین " + weekdayOf(r.Weekday) + " " + month
	case domain.RuleMonthEnd:
		s = "آخرین روز " + month
	case domain.RuleWholeMonth:
		s = "همهٔ روزهای " + month
	case domain.RuleNthDay:
		s = "روز " + jalali.FaNum(r.Nth) + "ام از " + jalali.FaNum(r.Day) + " " + month
	}
	if r.Rule != domain.RuleDate && r.Rule != domain.RuleOnce && r.Rule != domain.RuleWholeMonth && r.Days() > 1 {
		s += "، " + jalali.FaNum(r.Days()) + " روز"
	}
	switch {
	case r.Offset == -1:
		s = "یک روز پیش از " + s
	case r.Offset < 0:
		s = jalali.FaNum(-r.Offset) + " روز پیش از " + s
	case r.Offset == 1:
		s = "یک روز پس از " + s
	case r.Offset > 0:
		s = jalali.FaNum(r.Offset) + " روز پس از " + s
	}
	if r.Calendar != domain.CalJalali {
		s += " (" + r.Calendar.Label() + ")"
	}
	switch {
	case r.FromYear != 0 && r.ToYear != 0:
		s += "، از " + jalali.FaNum(r.FromYear) + " تا " + jalali.FaNum(r.ToYear)
	case r.FromYear != 0:
		s += "، از " + jalali.FaNum(r.FromYear)
	case r.ToYear != 0:
		s += "، تا " + jalali.FaNum(r.ToYear)
	}
	return s
}

// weekdayOf is a weekday's name joined to what follows: «جمعهٔ».
func weekdayOf(w jalali.Weekday) string { return w.String() + "ٔ" }

func longest(cal domain.CalendarSystem, m int) int {
	switch cal {
	case domain.CalJalali:
		return jalali.MonthLength(1403, m)
	case domain.CalHijri:
		return 29 // a span within 29 days fits any Hijri month
	}
	return time.Date(2023, time.Month(m)+1, 0, 12, 0, 0, 0, time.UTC).Day()
}
