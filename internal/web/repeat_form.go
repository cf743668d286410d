package web

import (
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// repeatForm is the event form's repeat section as typed (views.RepeatFields).
type repeatForm struct {
	kind, interval, nth, until, count string
	days                              string // the ticked weekdays, "0,3" (Saturday 0), as posted
}

// inputs lists the section's inputs, in form order; repeat_days are the
// weekday checkboxes, one value each, which read joins.
func (f *repeatForm) inputs() []formInput {
	return []formInput{{"repeat", &f.kind}, {"repeat_days", &f.days}, {"repeat_interval", &f.interval},
		{"repeat_nth", &f.nth}, {"repeat_until", &f.until}, {"repeat_count", &f.count}}
}

// read reads the posted section. A form of an older page ticks "yearly"
// instead of choosing a repeat: that is a yearly Jalali repeat.
func (f *repeatForm) read(c echo.Context) {
	if form, err := c.FormParams(); err == nil && len(form["repeat_days"]) > 1 {
		days := make([]string, len(form["repeat_days"]))
		for i, d := range form["repeat_days"] {
			days[i] = strings.TrimSpace(d)
		}
		f.days = strings.Join(days, ",")
	}
	if f.kind == "" && strings.TrimSpace(c.FormValue("yearly")) != "" {
		f.kind = string(domain.RepeatYearly)
	}
}

// repeatFormOf fills the section with a stored repeat, for editing.
func repeatFormOf(r domain.Repeat) repeatForm {
	f := repeatForm{kind: string(r.Kind)}
	if r.Interval > 1 {
		f.interval = jalali.FaNum(r.Interval)
	}
	var days []string
	for _, w := range r.Days.List() {
		days = append(days, strconv.Itoa(int(w)))
	}
	f.days = strings.Join(days, ",")
	if r.Nth != 0 {
		f.nth = strconv.Itoa(r.Nth)
	}
	if !r.Until.IsZero() {
		f.until = r.Until.FormatNumeric()
	}
	if r.Count > 0 {
		f.count = jalali.FaNum(r.Count)
	}
	return f
}

// apply reads the section into e.Repeat (e's start already read: an
// unticked weekly repeat falls on its weekday, a monthly one by weekday on
// its place in the month), keeping the occurrences e's series left out
// (skipped, or moved: their events stand in for them still).
func (f *repeatForm) apply(e *domain.Event, today jalali.Date, errs *domain.ValidationError) {
	r := domain.Repeat{Kind: domain.RepeatKind(f.kind), Skipped: e.Repeat.Skipped, Moved: e.Repeat.Moved}
	if !r.Repeats() {
		e.Repeat = domain.Repeat{}
		return
	}
	number := func(s string, field domain.Field) int {
		s = jalali.LatinDigits(stripBidi(s))
		if s == "" {
			return 0
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			errs.Set(domain.FieldError{Field: field, Code: domain.CodeNotANumber})
		}
		return n
	}
	r.Interval = number(f.interval, domain.FieldRepeatInterval)
	r.Count = number(f.count, domain.FieldRepeatCount)
	if f.nth != "" {
		r.Nth = number(f.nth, domain.FieldRepeatNth)
	}
	for _, d := range strings.Split(f.days, ",") {
		if n, err := strconv.Atoi(d); err == nil && n >= 0 && n <= 6 {
			r.Days |= domain.WeekdaysOf(jalali.Weekday(n))
		}
	}
	if stripBidi(f.until) != "" {
		until, err := parseDate(f.until, today)
		if err != nil {
			errs.Set(dateError(domain.FieldRepeatUntil, domain.CodeRepeatUntilUnreadable, err))
		} else {
			f.until = shownDate(f.until, today)
		}
		r.Until = until
	}
	if e.Start.Valid() {
		switch {
		case r.Kind == domain.RepeatWeekly && r.Days == 0:
			r.Days = domain.WeekdaysOf(e.Start.Weekday())
		case r.Kind == domain.RepeatMonthlyWeekday && r.Nth == 0:
			if nth, last := domain.NthOf(e.Start); nth <= 4 {
				r.Nth = nth
			} else if last {
				r.Nth = domain.LastWeek
			}
		}
	}
	r.Normalize()
	e.Repeat = r
}

// repeatInputs names the section's input for each field of a repeat.
var repeatInputs = inputNames{
	domain.FieldRepeat: "repeat", domain.FieldRepeatDays: "repeat_days", domain.FieldRepeatInterval: "repeat_interval",
	domain.FieldRepeatNth: "repeat_nth", domain.FieldRepeatUntil: "repeat_until", domain.FieldRepeatCount: "repeat_count",
}

// repeatMark is the few words a list writes after a series' dates.
func repeatMark(k domain.RepeatKind) string {
	switch k {
	case domain.RepeatWeekly:
		return "هر هفته"
	case domain.RepeatMonthly, domain.RepeatMonthlyWeekday:
		return "هر ماه"
	case domain.RepeatYearlyHijri:
		return "هر سال قمری"
	}
	return "هر سال"
}
