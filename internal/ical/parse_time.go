package ical

import (
	"errors"
	"fmt"
	"maps"
	"strings"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// span is a VEVENT's DTSTART and length: enough to place it, or any of its
// occurrences, as an event.
type span struct {
	allDay bool
	// start is DTSTART: midnight UTC of its date for an all-day event,
	// else the instant in DTSTART's own zone (Tehran for a floating time),
	// so that a recurrence keeps its wall-clock time in that zone.
	start time.Time
	days  int           // all-day: how many days, at least 1
	dur   time.Duration // timed: DTEND − DTSTART, 0 when there is no end
}

// readSpan reads DTSTART and DTEND (or DURATION).
func readSpan(c *goical.Component) (span, error) {
	sp := c.Props.Get(goical.PropDateTimeStart)
	if sp == nil {
		return span{}, bad(goical.PropDateTimeStart, errors.New("no DTSTART"), "تاریخ آغاز (DTSTART) ندارد.")
	}
	ep := c.Props.Get(goical.PropDateTimeEnd)
	var dur time.Duration
	if dp := c.Props.Get(goical.PropDuration); ep == nil && dp != nil {
		var err error
		if dur, err = dp.Duration(); err != nil {
			return span{}, unreadable(goical.PropDuration, "مدت", fmt.Errorf("%q: %w", dp.Value, err))
		}
	}
	start, err := instant(sp, isDate(sp))
	if err != nil {
		return span{}, withProp(goical.PropDateTimeStart, "تاریخ آغاز", err)
	}
	s := span{allDay: isDate(sp), start: start}
	end := start.Add(dur)
	if ep != nil {
		if end, err = instant(ep, s.allDay); err != nil {
			return span{}, withProp(goical.PropDateTimeEnd, "تاریخ پایان", err)
		}
	}
	if !s.allDay && outlookAllDay(c) && midnight(start) && midnight(end) && end.After(start) {
		// Outlook's all-day event, written midnight to midnight in its
		// zone: its dates, as VALUE=DATE would give them.
		s.allDay = true
		s.start, start, end = dateOf(start), dateOf(start), dateOf(end)
	}
	if s.allDay {
		s.days = max(1, int(end.Sub(start)/(24*time.Hour)))
	} else if end.After(start) {
		s.dur = end.Sub(start)
	}
	// Check the first occurrence now, so that the error names DTSTART.
	var e domain.Event
	if err := s.place(start, &e); err != nil {
		return span{}, err
	}
	return s, nil
}

// outlookAllDay reports whether c says it is an all-day event the way
// Outlook and Exchange do (X-MICROSOFT-CDO-ALLDAYEVENT:TRUE).
func outlookAllDay(c *goical.Component) bool {
	p := c.Props.Get("X-MICROSOFT-CDO-ALLDAYEVENT")
	return p != nil && strings.EqualFold(strings.TrimSpace(p.Value), "TRUE")
}

// midnight reports whether t is at midnight in its own zone.
func midnight(t time.Time) bool {
	return t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0
}

// dateOf is midnight UTC of t's date in its own zone: an all-day start.
func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// place sets e's Start, End, StartTime and EndTime for the occurrence of s
// that starts at start. All-day events keep their dates. Timed events are
// converted to Tehran wall time; one that ends at midnight ends on the day
// before with no EndTime, one without an end has no EndTime.
func (s span) place(start time.Time, e *domain.Event) error {
	if s.allDay {
		e.Start = jalali.FromGregorian(start.Date())
		e.End = e.Start.AddDays(s.days - 1)
		e.StartTime, e.EndTime = "", ""
		switch {
		case !e.Start.Valid():
			return outOfRange(goical.PropDateTimeStart, start.Format("2006-01-02"))
		case !e.End.Valid():
			return outOfRange(goical.PropDateTimeEnd, start.AddDate(0, 0, s.days).Format("2006-01-02"))
		}
		return nil
	}
	st := start.In(jalali.Tehran)
	e.Start, e.End, e.StartTime, e.EndTime = jalali.FromTime(st), jalali.FromTime(st), st.Format("15:04"), ""
	if !e.Start.Valid() {
		return outOfRange(goical.PropDateTimeStart, st.Format("2006-01-02"))
	}
	if s.dur <= 0 {
		return nil
	}
	et := st.Add(s.dur)
	if !jalali.FromTime(et).Valid() {
		return outOfRange(goical.PropDateTimeEnd, et.Format("2006-01-02"))
	}
	if et.Hour() == 0 && et.Minute() == 0 {
		if d := jalali.FromTime(et).AddDays(-1); d.After(e.Start) {
			e.End = d
		}
		return nil
	}
	e.End, e.EndTime = jalali.FromTime(et), et.Format("15:04")
	return nil
}

func outOfRange(prop, date string) error {
	return bad(prop, fmt.Errorf("date %s is out of range", date),
		"تاریخ "+date+" بیرون از سال‌هایی است که تقویم می‌شناسد.")
}

// withProp gives an error from instant the property it is about.
func withProp(prop, what string, err error) error {
	var p *problem
	if errors.As(err, &p) {
		p.prop = prop
		return p
	}
	return unreadable(prop, what, err)
}

func isDate(p *goical.Prop) bool {
	return p.ValueType() == goical.ValueDate || len(p.Value) == len("20060102")
}

// date reads a DATE (or the date of a DATE-TIME) as a Jalali date.
func date(p *goical.Prop) (jalali.Date, error) {
	t, err := p.DateTime(time.UTC)
	if err != nil {
		return jalali.Date{}, err
	}
	d := jalali.FromGregorian(t.Date())
	if !d.Valid() {
		return jalali.Date{}, fmt.Errorf("date %s is out of range", p.Value)
	}
	return d, nil
}

// windowsZones maps the zone names Outlook writes to IANA ones, for the one
// zone that matters here.
var windowsZones = map[string]string{"Iran Standard Time": tzid}

// instant reads p's one value (a DATE or DATE-TIME) as span.start does:
// with allDay, as midnight UTC of its date; else as an instant in its
// TZID's zone (UTC for a UTC time, Tehran for a floating time or a DATE).
// Asia/Tehran and Outlook's "Iran Standard Time" resolve without the
// system zone database.
func instant(p *goical.Prop, allDay bool) (time.Time, error) {
	loc := jalali.Tehran
	if id := p.Params.Get(goical.PropTimezoneID); id != "" {
		if w, ok := windowsZones[id]; ok {
			id = w
		}
		if id != tzid {
			var err error
			// "Local" would be the server's own zone.
			if loc, err = time.LoadLocation(id); err != nil || strings.EqualFold(id, "local") {
				return time.Time{}, bad("", fmt.Errorf("unknown time zone %q", id), "منطقه زمانی «"+isolate(id)+"» شناخته نیست.")
			}
		}
		q := *p
		q.Params = maps.Clone(p.Params)
		q.Params.Del(goical.PropTimezoneID)
		p = &q
	}
	var t time.Time
	var err error
	if isDate(p) {
		// Also a bare 20240516 where the default type is DATE-TIME.
		t, err = time.ParseInLocation("20060102", p.Value, loc)
	} else {
		t, err = p.DateTime(loc)
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("%q: %w", p.Value, err)
	}
	if allDay {
		y, m, d := t.Date()
		t = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	if !jalali.FromGregorian(t.Date()).Valid() {
		return time.Time{}, bad("", fmt.Errorf("date %s is out of range", p.Value), "تاریخ "+p.Value+" بیرون از سال‌هایی است که تقویم می‌شناسد.")
	}
	return t, nil
}
