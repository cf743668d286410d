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
	// notes are what readSpan adjusted (a start that never happened),
	// for Parsed.Adjusted; written, then, DTSTART's and DTEND's clock
	// readings as the file wrote them (DTEND's zero when it has none).
	notes   []*problem
	written [2]time.Time
}

// readSpan reads DTSTART and DTEND (or DURATION).
//
// A DTSTART that never happened (a local time in the hour clocks skip when
// they go forward: 00:30 on 2 Farvardin 1401 in Tehran) is moved to the
// first instant that did, when the clocks jumped (01:00 +04:30), and the
// event keeps the length it was written with (DTEND's clock reading less
// DTSTART's, or DURATION); a DTEND that never happened is read as RFC 5545
// says, in the offset before the change, which keeps the length too. Each
// is noted (span.notes) for the import report's Adjusted list; the
// description is left as the file has it.
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
	sr, err := readInstant(sp, isDate(sp))
	if err != nil {
		return span{}, withProp(goical.PropDateTimeStart, "تاریخ آغاز", err)
	}
	start := sr.t
	s := span{allDay: isDate(sp), start: start}
	end := start.Add(dur)
	var er reading
	if ep != nil {
		if er, err = readInstant(ep, s.allDay); err != nil {
			return span{}, withProp(goical.PropDateTimeEnd, "تاریخ پایان", err)
		}
		end = er.t
	}
	if !s.allDay && sr.gap > 0 {
		if ep != nil && er.zone == sr.zone && !er.wall.IsZero() {
			dur = er.wall.Sub(sr.wall)
		} else if ep != nil {
			// DTSTART as if read in the offset after the change.
			dur = end.Sub(start) + sr.gap
		}
		first, _ := start.ZoneBounds()
		start, end = first, first.Add(dur)
		s.start = start
		s.written = [2]time.Time{sr.wall, er.wall}
		s.notes = append(s.notes, gapNote(goical.PropDateTimeStart, sr, start))
	} else if !s.allDay && er.gap > 0 {
		s.notes = append(s.notes, gapNote(goical.PropDateTimeEnd, er, end))
	}
	if !s.allDay && outlookAllDay(c) && midnight(start) && midnight(end) && end.After(start) {
		// Outlook's all-day event, written midnight to midnight in its
		// zone: its dates, as VALUE=DATE would give them.
		s.allDay = true
		s.start, start, end = dateOf(start), dateOf(start), dateOf(end)
		s.notes, s.written = nil, [2]time.Time{}
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

// gapNote says that the clock reading of prop, r, never happened in its
// zone, and when the event now starts (prop DTSTART) or ends (DTEND): at.
func gapNote(prop string, r reading, at time.Time) *problem {
	zone, zoneFa := r.zone, "«"+isolate(clip(r.zone))+"»"
	if zone == "" {
		zone, zoneFa = tzid, "تهران"
	}
	skip := jalali.FaNum(int(r.gap.Minutes())) + " دقیقه"
	if r.gap == time.Hour {
		skip = "یک ساعت"
	}
	when := jalali.FaDigits(r.wall.Format("15:04")) + " روز " + jalali.FromGregorian(r.wall.Date()).Format()
	moved := jalali.FaDigits(at.Format("15:04"))
	p := &problem{prop: prop}
	if prop == goical.PropDateTimeStart {
		p.err = fmt.Errorf("DTSTART %s never happened in %s (clocks went forward %s): the event starts at %s %s, when they did, and keeps its length",
			r.wall.Format("2006-01-02 15:04"), zone, shortDuration(r.gap), at.Format("15:04"), formatOffset(offsetOf(at)))
		p.fa = "ساعت آغاز، " + when + "، در منطقه زمانی " + zoneFa + " هرگز نیامد (ساعت‌ها " + skip + " جلو کشیده شد)؛ رویداد از " + moved +
			"، نخستین لحظه پس از آن، آغاز شد و مدتش همان ماند."
	} else {
		p.err = fmt.Errorf("DTEND %s never happened in %s (clocks went forward %s): read as %s %s (RFC 5545), which keeps the event's length",
			r.wall.Format("2006-01-02 15:04"), zone, shortDuration(r.gap), at.Format("15:04"), formatOffset(offsetOf(at)))
		p.fa = "ساعت پایان، " + when + "، در منطقه زمانی " + zoneFa + " هرگز نیامد (ساعت‌ها " + skip + " جلو کشیده شد)؛ پایان رویداد " + moved +
			" خوانده شد تا مدتش همان بماند."
	}
	return p
}

// shortDuration writes d without its zero parts: 1h, 30m, 1h30m.
func shortDuration(d time.Duration) string {
	s := strings.TrimSuffix(d.String(), "0s")
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

func offsetOf(t time.Time) int {
	_, off := t.Zone()
	return off
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

// instant reads p's one value (a DATE or DATE-TIME) as span.start does:
// with allDay, as midnight UTC of its date; else as an instant in its
// TZID's zone (UTC for a UTC time, Tehran for a floating time or a DATE,
// unless the file's X-WR-TIMEZONE names another). A TZID is resolved as
// zones.resolve says (an IANA or Windows name, the file's VTIMEZONE, an
// Outlook label); Asia/Tehran and "Iran Standard Time" need no zone
// database. A local time that never happened (in the hour clocks skip
// when they go forward) is read as RFC 5545 3.3.5 says, in the offset
// before the change; one that happened twice (in the hour they go back),
// as the first.
func instant(p *goical.Prop, allDay bool) (time.Time, error) {
	r, err := readInstant(p, allDay)
	return r.t, err
}

// reading is a value readInstant read.
type reading struct {
	t time.Time
	// gap is, for a local time that never happened, how far clocks
	// skipped (an hour); t is then read in the offset before the change:
	// 00:30 in Tehran's gap of 00:00–01:00 is 01:30 +04:30.
	gap time.Duration
	// zone is the TZID as written ("" for UTC and floating times); wall
	// the clock reading as written, in UTC.
	zone string
	wall time.Time
}

// readInstant is instant, saying also whether the time fell in a gap.
func readInstant(p *goical.Prop, allDay bool) (reading, error) {
	loc := jalali.Tehran
	var r reading
	if id := tzidOf(p); id != "" {
		var err error
		if loc, r.zone, err = zoneOf(id); err != nil {
			return reading{}, err
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
		return reading{}, fmt.Errorf("%q: %w", p.Value, err)
	}
	if allDay {
		y, m, d := t.Date()
		t = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	} else if t.Location() != time.UTC {
		y, mo, d := t.Date()
		h, mi, sec := t.Clock()
		r.wall = time.Date(y, mo, d, h, mi, sec, 0, time.UTC)
		if w, err := time.Parse("20060102T150405", strings.TrimSuffix(p.Value, "Z")); err == nil && !w.Equal(r.wall) {
			r.gap, r.wall = r.wall.Sub(w), w
		} else {
			t = firstOf(t)
		}
	}
	if !jalali.FromGregorian(t.Date()).Valid() {
		return reading{}, bad("", fmt.Errorf("date %s is out of range", p.Value), "تاریخ "+p.Value+" بیرون از سال‌هایی است که تقویم می‌شناسد.")
	}
	r.t = t
	return r, nil
}

// firstOf is t, or, when its clock reading happened twice (clocks went
// back over it), the first time it did.
func firstOf(t time.Time) time.Time {
	start, _ := t.ZoneBounds()
	if start.IsZero() {
		return t
	}
	_, before := start.Add(-time.Second).Zone()
	_, now := t.Zone()
	if before <= now {
		return t
	}
	if e := t.Add(-time.Duration(before-now) * time.Second); e.Before(start) {
		return e
	}
	return t
}
