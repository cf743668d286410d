package calendar

import (
	"strings"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/hijri"
	"github.com/ruydad/ruydad/internal/jalali"
)

// DescribeRepeat writes how e repeats in Persian, as its page shows it:
// «هر هفته شنبه و سه‌شنبه، تا ۲۹ اسفند ۱۴۰۵»، «هر روز» (every weekday of
// every week)، «هر ماه روز ۵»، «دومین
// دوشنبهٔ هر ماه»، «هر سال در ۱۰ محرم (قمری)، ۱۰ بار». It says when an
// occurrence falls on another day than the rule names (a 31st in a month
// of 30 days) and how many occurrences were left out. It is "" for a
// one-off event.
func (c *Calendar) DescribeRepeat(e domain.Event) string {
	r := e.Repeat
	if !e.Repeats() || !e.Start.Valid() {
		return ""
	}
	every := func(unit string) string {
		if r.Every() == 1 {
			return "هر " + unit
		}
		return "هر " + jalali.FaNum(r.Every()) + " " + unit + " یک بار"
	}
	var s string
	switch r.Kind {
	case domain.RepeatWeekly:
		var days []string
		for _, w := range r.Days.List() {
			days = append(days, w.String())
		}
		s = every("هفته") + " " + joinAnd(days)
		if r.Days == domain.AllWeekdays && r.Every() == 1 {
			s = "هر روز" // an imported daily series
		}
	case domain.RepeatMonthly:
		s = every("ماه") + " روز " + jalali.FaNum(e.Start.Day)
		switch {
		case e.Start.Day == 31:
			s += " (در ماه‌های ۳۰ و ۲۹ روزه، روز آخر ماه)"
		case e.Start.Day == 30:
			s += " (در اسفندِ ۲۹ روزه، روز آخر آن)"
		}
	case domain.RepeatMonthlyWeekday:
		nth := "آخرین"
		if r.Nth != domain.LastWeek {
			nth = ordinals[min(max(r.Nth, 0), len(ordinals)-1)]
		}
		s = nth + " " + weekdayOf(e.Start.Weekday()) + " " + every("ماه")
	case domain.RepeatYearly:
		s = every("سال") + " در " + jalali.FaNum(e.Start.Day) + " " + jalali.MonthName(e.Start.Month)
		if e.Start.Day == 30 && e.Start.Month == 12 {
			s += "، تنها در سال‌هایی که اسفند ۳۰ روز دارد"
		}
	case domain.RepeatYearlyHijri:
		h, _ := c.h.FromJalali(e.Start)
		s = every("سال قمری") + " در " + jalali.FaNum(h.Day) + " " + hijri.MonthName(h.Month) + " (به رؤیت ماه در ایران)"
		if h.Day == 30 {
			s += "، و در ماهِ ۲۹ روزه روز آخر آن"
		}
	}
	if n := e.Days(); n > 1 {
		s += "، هر بار " + jalali.FaNum(n) + " روز"
	}
	switch {
	case !r.Until.IsZero():
		s += "، تا " + r.Until.Format()
	case r.Count > 0:
		s += "، " + jalali.FaNum(r.Count) + " بار"
	}
	if n := r.Skipped.Len(); n > 0 {
		s += "؛ " + jalali.FaNum(n) + " نوبت حذف شده است"
	}
	return s
}

// joinAnd joins words as Persian lists them: «شنبه، دوشنبه و چهارشنبه».
func joinAnd(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], "، ") + " و " + words[len(words)-1]
}
