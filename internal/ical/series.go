package ical

import (
	"slices"
	"strconv"
	"strings"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// propRepeat carries a series' rule (other than a plain yearly Jalali one,
// which propYearly marks) on each VEVENT written for it, so that Parse
// puts the series back together from our own feed: see repeatValue.
const propRepeat = "X-RUYDAD-REPEAT"

// propOf names, on the VEVENT of an event standing in for an occurrence of
// a series other than a weekly one (whose stand-ins go under its UID with a
// RECURRENCE-ID), the occurrence it stands in for, so that Parse links it
// to its series again: see ofValue.
const propOf = "X-RUYDAD-OF"

// byDay names the weekdays as RFC 5545's BYDAY does, Saturday first.
var byDay = [7]string{"SA", "SU", "MO", "TU", "WE", "TH", "FR"}

// series writes e, a series other than a yearly Jalali one: a weekly one as
// one VEVENT with its RRULE (a Gregorian calendar repeats weekdays
// exactly) and an EXDATE for each skipped occurrence; the others (on a
// Jalali day of the month, a Hijri date) as one VEVENT per occurrence that
// starts within the window's years, on the days Iran's calendar gives.
func (w *Writer) series(e domain.Event) {
	if e.Repeat.Kind == domain.RepeatWeekly {
		w.vevent(e, e.UID, e.Start, e.End, weeklyRule(e))
		return
	}
	from, _ := calendar.YearRange(max(w.f.FromYear, e.Start.Year))
	_, to := calendar.YearRange(w.f.ToYear)
	for _, s := range w.cal.EventStarting(e, from, to) {
		if w.err != nil {
			return
		}
		w.vevent(e, seriesUID(e, s), s.Start, s.End, "")
	}
}

// seriesUID makes the UID of one occurrence's VEVENT: the series' UID
// with its month (abc-m140509@ruydad) or its Hijri year (abc-h1447@ruydad).
func seriesUID(e domain.Event, s calendar.Span) string {
	if e.Repeat.Kind == domain.RepeatYearlyHijri {
		return occurrenceUID(e.UID, domain.CalHijri, s.Year)
	}
	return yearMarkedUID(e.UID, "m", s.Start.Year*100+s.Start.Month)
}

// weeklyRule is the RRULE of a weekly series. Weeks start on Saturday
// (WKST=SA), as the Jalali week does, so that every other week is counted
// as ruydad counts it. An end date is the end of that day in Tehran.
func weeklyRule(e domain.Event) string {
	r := e.Repeat
	var b strings.Builder
	b.WriteString("FREQ=WEEKLY;WKST=SA")
	if r.Every() > 1 {
		b.WriteString(";INTERVAL=" + strconv.Itoa(r.Every()))
	}
	var days []string
	for _, w := range r.Days.List() {
		days = append(days, byDay[w])
	}
	b.WriteString(";BYDAY=" + strings.Join(days, ","))
	switch {
	case r.Count > 0:
		b.WriteString(";COUNT=" + strconv.Itoa(r.Count))
	case !r.Until.IsZero() && e.StartTime == "":
		b.WriteString(";UNTIL=" + string(appendDate(nil, r.Until)))
	case !r.Until.IsZero():
		y, m, d := r.Until.Gregorian()
		end := time.Date(y, m, d, 23, 59, 59, 0, jalali.Tehran)
		b.WriteString(";UNTIL=" + end.UTC().Format(utcFormat))
	}
	return b.String()
}

// exdates writes an EXDATE for each skipped occurrence of e, in the value
// type of its DTSTART.
func (w *Writer) exdates(e domain.Event) {
	for _, d := range e.Repeat.Skipped.List() {
		if e.StartTime == "" {
			w.date(goical.PropExceptionDates, d)
		} else {
			w.local(goical.PropExceptionDates, d, e.StartTime)
		}
	}
}

// repeatValue writes e's repeat as propRepeat's value:
// KIND=weekly;FIRST=20250517;COUNT=10;DAYS=0,3;INTERVAL=2;MOVED=20250607;SKIP=20250531,20250614
// (after KIND and FIRST, the parts in name order)
// (dates Gregorian, as every DATE in the file; weekdays Saturday 0).
func repeatValue(e domain.Event) string {
	r := e.Repeat
	parts := []string{"KIND=" + string(r.Kind), "FIRST=" + string(appendDate(nil, e.Start))}
	if r.Interval > 1 {
		parts = append(parts, "INTERVAL="+strconv.Itoa(r.Interval))
	}
	if r.Days != 0 {
		var days []string
		for _, w := range r.Days.List() {
			days = append(days, strconv.Itoa(int(w)))
		}
		parts = append(parts, "DAYS="+strings.Join(days, ","))
	}
	if r.Nth != 0 {
		parts = append(parts, "NTH="+strconv.Itoa(r.Nth))
	}
	if !r.Until.IsZero() {
		parts = append(parts, "UNTIL="+string(appendDate(nil, r.Until)))
	}
	if r.Count > 0 {
		parts = append(parts, "COUNT="+strconv.Itoa(r.Count))
	}
	for name, ds := range map[string]domain.Dates{"SKIP": r.Skipped, "MOVED": r.Moved} {
		if ds == "" {
			continue
		}
		var days []string
		for _, d := range ds.List() {
			days = append(days, string(appendDate(nil, d)))
		}
		parts = append(parts, name+"="+strings.Join(days, ","))
	}
	slices.Sort(parts[2:]) // SKIP after MOVED, whatever the map's order
	return strings.Join(parts, ";")
}

// parseRepeat reads propRepeat's value (repeatValue) into a repeat and the
// series' first day.
func parseRepeat(value string) (domain.Repeat, jalali.Date, error) {
	var r domain.Repeat
	var first jalali.Date
	bad := func() (domain.Repeat, jalali.Date, error) {
		return r, first, badf(propRepeat, "قاعدهٔ تکرار رویداد ("+propRepeat+") خوانا نیست.", "unreadable %s %q", propRepeat, value)
	}
	day := func(s string) (jalali.Date, bool) {
		t, err := time.Parse("20060102", s)
		if err != nil {
			return jalali.Date{}, false
		}
		d := jalali.FromGregorian(t.Date())
		return d, d.Valid()
	}
	for _, part := range strings.Split(value, ";") {
		k, v, ok := strings.Cut(part, "=")
		if !ok {
			return bad()
		}
		var err error
		switch k {
		case "KIND":
			r.Kind = domain.RepeatKind(strings.ToLower(v))
		case "FIRST":
			if first, ok = day(v); !ok {
				return bad()
			}
		case "INTERVAL":
			r.Interval, err = strconv.Atoi(v)
		case "DAYS":
			for _, s := range strings.Split(v, ",") {
				n, err := strconv.Atoi(s)
				if err != nil || n < 0 || n > 6 {
					return bad()
				}
				r.Days |= domain.WeekdaysOf(jalali.Weekday(n))
			}
		case "NTH":
			r.Nth, err = strconv.Atoi(v)
		case "UNTIL":
			if r.Until, ok = day(v); !ok {
				return bad()
			}
		case "COUNT":
			r.Count, err = strconv.Atoi(v)
		case "SKIP", "MOVED":
			var days []jalali.Date
			for _, s := range strings.Split(v, ",") {
				d, ok := day(s)
				if !ok {
					return bad()
				}
				days = append(days, d)
			}
			if k == "SKIP" {
				r.Skipped = domain.DatesOf(days...)
			} else {
				r.Moved = domain.DatesOf(days...)
			}
		default:
			return bad()
		}
		if err != nil {
			return bad()
		}
	}
	if !r.Repeats() || first.IsZero() {
		return bad()
	}
	return r, first, nil
}

// ofValue writes the occurrence o names as propOf's value:
// DATE=20250430;KIND=yearly;TIME=10:00;SERIES=abc@ruydad (the date
// Gregorian, as every DATE in the file; TIME only for a timed series;
// SERIES last, the rest of the value).
func ofValue(o domain.Override) string {
	s := "DATE=" + string(appendDate(nil, o.Date)) + ";KIND=" + string(o.Kind)
	if o.Time != "" {
		s += ";TIME=" + o.Time
	}
	return s + ";SERIES=" + o.SeriesUID
}

// parseOf reads propOf's value (ofValue).
func parseOf(value string) (domain.Override, error) {
	var o domain.Override
	bad := badf(propOf, "رویدادی که جای یکی از تکرارهای یک رویداد تکرارشونده را گرفته ("+propOf+") خوانا نیست.", "unreadable %s %q", propOf, value)
	rest, series, ok := strings.Cut(value, ";SERIES=")
	if !ok || series == "" {
		return o, bad
	}
	o.SeriesUID = series
	for _, part := range strings.Split(rest, ";") {
		k, v, _ := strings.Cut(part, "=")
		switch k {
		case "DATE":
			t, err := time.Parse("20060102", v)
			if err != nil {
				return o, bad
			}
			o.Date = jalali.FromGregorian(t.Date())
		case "KIND":
			o.Kind = domain.RepeatKind(v)
		case "TIME":
			o.Time = v
		default:
			return o, bad
		}
	}
	if !o.Date.Valid() || !o.Kind.Valid() || o.Kind == domain.RepeatNone || o.Time != "" && !domain.ValidTime(o.Time) {
		return o, bad
	}
	return o, nil
}

// overrideUID is the UID e is written under: for an event that stands in
// for an occurrence of a weekly series (written as one RRULE) the
// series' UID, beside the RECURRENCE-ID recurrenceID writes; else its own.
func overrideUID(e domain.Event) string {
	if e.Of.Kind == domain.RepeatWeekly && e.Of.SeriesUID != "" && e.Of.Date.Valid() {
		return e.Of.SeriesUID
	}
	return e.UID
}

// recurrenceID writes the RECURRENCE-ID of the occurrence o names, in the
// value type of its series' DTSTART.
func (w *Writer) recurrenceID(o domain.Override) {
	if o.Time == "" {
		w.date(goical.PropRecurrenceID, o.Date)
	} else {
		w.local(goical.PropRecurrenceID, o.Date, o.Time)
	}
}

// override adds the event of a VEVENT that stands in (RECURRENCE-ID) for
// one occurrence of our own weekly series: an event of its own that names
// the occurrence (domain.Override), as ruydad stored it.
func (p *parser) override(v vevent, series domain.Event) {
	rid := v.c.Props.Get(goical.PropRecurrenceID)
	key, err := recurrenceID(rid)
	if err != nil {
		p.fail(v, err)
		return
	}
	// The day as written (Tehran's wall time for a timed series), not as
	// an instant, which UTC would put on the day before early in the morning.
	t, err := time.Parse("20060102", rid.Value[:min(len(rid.Value), 8)])
	day := jalali.FromGregorian(t.Date())
	if err != nil || !day.Valid() {
		p.fail(v, badf(goical.PropRecurrenceID, "تاریخ نمونه (RECURRENCE-ID) خوانا نیست.", "unreadable RECURRENCE-ID %q", rid.Value))
		return
	}
	e, _, err := parseEvent(v.c)
	if err != nil {
		p.fail(v, err)
		return
	}
	e.UID, e.Repeat = instanceUID(series.UID, key), domain.Repeat{}
	e.Of = domain.Override{SeriesUID: series.UID, Date: day, Time: series.StartTime, Kind: series.Repeat.Kind}
	p.add(v, e)
}
