package ical

import (
	"errors"
	"fmt"
	"maps"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// parseSpan sets Start, End, StartTime and EndTime from DTSTART and DTEND
// (or DURATION).
func parseSpan(c *goical.Component, e *domain.Event) error {
	sp := c.Props.Get(goical.PropDateTimeStart)
	if sp == nil {
		return errors.New("no DTSTART")
	}
	ep := c.Props.Get(goical.PropDateTimeEnd)
	var dur time.Duration
	if dp := c.Props.Get(goical.PropDuration); ep == nil && dp != nil {
		var err error
		if dur, err = dp.Duration(); err != nil {
			return fmt.Errorf("DURATION: %w", err)
		}
	}
	if isDate(sp) {
		return allDaySpan(sp, ep, dur, e)
	}
	return timedSpan(sp, ep, dur, e)
}

// allDaySpan reads DATE values: the end (DTEND, or DTSTART + DURATION) is
// exclusive.
func allDaySpan(sp, ep *goical.Prop, dur time.Duration, e *domain.Event) error {
	start, err := date(sp)
	if err != nil {
		return fmt.Errorf("DTSTART: %w", err)
	}
	e.Start, e.End = start, start
	switch {
	case ep != nil:
		t, err := ep.DateTime(time.UTC)
		if err != nil {
			return fmt.Errorf("DTEND: %w", err)
		}
		e.End = jalali.FromGregorian(t.Date()).AddDays(-1)
	case dur >= 48*time.Hour:
		e.End = start.AddDays(int(dur/(24*time.Hour)) - 1)
	}
	if e.End.Before(e.Start) {
		e.End = e.Start
	}
	if !e.End.Valid() {
		return fmt.Errorf("end date %s is out of range", e.End)
	}
	return nil
}

// timedSpan reads DATE-TIME values as Tehran wall time. An event that ends
// at midnight ends on the day before, with no end time; one without an end
// (or ending before it starts) has no end time.
func timedSpan(sp, ep *goical.Prop, dur time.Duration, e *domain.Event) error {
	st, err := dateTime(sp)
	if err != nil {
		return fmt.Errorf("DTSTART: %w", err)
	}
	e.Start, e.End, e.StartTime = jalali.FromTime(st), jalali.FromTime(st), st.Format("15:04")
	et := st.Add(dur)
	if ep != nil {
		if et, err = dateTime(ep); err != nil {
			return fmt.Errorf("DTEND: %w", err)
		}
	}
	if !et.After(st) {
		return nil
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

// dateTime reads a DATE-TIME as an instant in Tehran. Asia/Tehran itself
// resolves without the system zone database; a floating time is Tehran
// time.
func dateTime(p *goical.Prop) (time.Time, error) {
	loc := jalali.Tehran
	if id := p.Params.Get(goical.PropTimezoneID); id != "" {
		if w, ok := windowsZones[id]; ok {
			id = w
		}
		if id != tzid {
			var err error
			if loc, err = time.LoadLocation(id); err != nil {
				return time.Time{}, fmt.Errorf("unknown time zone %q", id)
			}
		}
		q := *p
		q.Params = maps.Clone(p.Params)
		q.Params.Del(goical.PropTimezoneID)
		p = &q
	}
	t, err := p.DateTime(loc)
	if err != nil {
		return time.Time{}, err
	}
	t = t.In(jalali.Tehran)
	if !jalali.FromTime(t).Valid() {
		return time.Time{}, fmt.Errorf("date %s is out of range", p.Value)
	}
	return t, nil
}
