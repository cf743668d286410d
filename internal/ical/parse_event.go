package ical

import (
	"errors"
	"fmt"
	"maps"
	"strings"
	"time"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// parseEvent turns one VEVENT into an event; ok is false for a VEVENT that
// Parse skips (an occasion of ours, an overridden instance).
func parseEvent(c *goical.Component) (e domain.Event, ok bool, err error) {
	if c.Props.Get(goical.PropRecurrenceID) != nil || c.Props.Get(propOccasion) != nil {
		return e, false, nil
	}
	if e.UID, err = text(c, goical.PropUID); err != nil {
		return e, false, err
	}
	if strings.HasPrefix(e.UID, "occasion-") && strings.HasSuffix(e.UID, uidDomain) {
		return e, false, nil
	}
	if err := parseSpan(c, &e); err != nil {
		return e, false, err
	}
	everyYear, err := parseYearly(c, &e)
	if err != nil {
		return e, false, err
	}
	for name, dst := range map[string]*string{goical.PropSummary: &e.Title, goical.PropLocation: &e.Location} {
		if *dst, err = text(c, name); err != nil {
			return e, false, err
		}
	}
	desc, err := text(c, goical.PropDescription)
	if err != nil {
		return e, false, err
	}
	h := splitDescription(desc, dateLine(e.Start, e.End, e.StartTime, e.EndTime, everyYear))
	e.Description, e.Province, e.Organization = h.body, h.province, h.organization
	if e.Kind, err = parseKind(c); err != nil {
		return e, false, err
	}
	if err := parseMeta(c, &e); err != nil {
		return e, false, err
	}
	if e.Yearly {
		// The span so far is this VEVENT's occurrence; the event itself
		// starts on its first year.
		if first := c.Props.Get(propYearly); first != nil {
			days := e.Days()
			if e.Start, err = date(first); err != nil {
				return e, false, fmt.Errorf("%s: %w", propYearly, err)
			}
			e.End = e.Start.AddDays(days - 1)
		}
		if series, _ := text(c, propSeries); series != "" {
			e.UID = series
		}
	}
	return e, true, nil
}

// text returns a TEXT property's value, "" when it is absent. Unescaped
// commas, which some producers leave in single-valued TEXT, are kept.
func text(c *goical.Component, name string) (string, error) {
	p := c.Props.Get(name)
	if p == nil {
		return "", nil
	}
	l, err := p.TextList()
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	s := strings.Join(l, ",")
	if !utf8.ValidString(s) {
		return "", fmt.Errorf("%s is not UTF-8", name)
	}
	return s, nil
}

// parseSpan sets Start, End, StartTime and EndTime from DTSTART and DTEND
// (or DURATION).
func parseSpan(c *goical.Component, e *domain.Event) error {
	sp := c.Props.Get(goical.PropDateTimeStart)
	if sp == nil {
		return errors.New("no DTSTART")
	}
	ep := c.Props.Get(goical.PropDateTimeEnd)
	dp := c.Props.Get(goical.PropDuration)
	var dur time.Duration
	if ep == nil && dp != nil {
		var err error
		if dur, err = dp.Duration(); err != nil {
			return fmt.Errorf("DURATION: %w", err)
		}
	}
	if isDate(sp) {
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
		// Ends at midnight: on the day before, with no end time.
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

// parseYearly marks our own yearly Jalali events: per-year VEVENTs carry
// X-RUYDAD-YEARLY, the RSCALE form an RRULE:RSCALE=PERSIAN;FREQ=YEARLY
// (everyYear). Any other RRULE is ignored: the event is its first
// occurrence.
func parseYearly(c *goical.Component, e *domain.Event) (everyYear bool, err error) {
	if c.Props.Get(propYearly) != nil {
		e.Yearly = true
	}
	p := c.Props.Get(goical.PropRecurrenceRule)
	if p == nil {
		return false, nil
	}
	parts := strings.Split(strings.ToUpper(p.Value), ";")
	rscale, yearly := false, false
	for _, part := range parts {
		rscale = rscale || part == "RSCALE=PERSIAN"
		yearly = yearly || part == "FREQ=YEARLY"
	}
	if rscale && yearly {
		e.Yearly = true
		return true, nil
	}
	return false, nil
}

var kindsByName = func() map[string]domain.Kind {
	m := map[string]domain.Kind{}
	for _, k := range domain.Kinds {
		m[k.Label()] = k
		m[string(k)] = k
	}
	return m
}()

// parseKind returns the Kind named by the first CATEGORIES value that is a
// Kind's label or code, else KindOther.
func parseKind(c *goical.Component) (domain.Kind, error) {
	for _, p := range c.Props.Values(goical.PropCategories) {
		l, err := p.TextList()
		if err != nil {
			return "", fmt.Errorf("CATEGORIES: %w", err)
		}
		for _, v := range l {
			if k, ok := kindsByName[strings.TrimSpace(v)]; ok {
				return k, nil
			}
		}
	}
	return domain.KindOther, nil
}

var statusesByValue = func() map[string]domain.Status {
	m := map[string]domain.Status{}
	for s, v := range statusValues {
		m[v] = s
	}
	return m
}()

// parseMeta sets Status (confirmed unless STATUS says otherwise),
// Sequence, CreatedAt and UpdatedAt.
func parseMeta(c *goical.Component, e *domain.Event) error {
	e.Status = domain.StatusConfirmed
	if p := c.Props.Get(goical.PropStatus); p != nil {
		if s, ok := statusesByValue[strings.ToUpper(p.Value)]; ok {
			e.Status = s
		}
	}
	if p := c.Props.Get(goical.PropSequence); p != nil {
		n, err := p.Int()
		if err != nil || n < 0 {
			return fmt.Errorf("SEQUENCE %q is not a count", p.Value)
		}
		e.Sequence = n
	}
	for name, dst := range map[string]*time.Time{goical.PropCreated: &e.CreatedAt, goical.PropLastModified: &e.UpdatedAt} {
		if p := c.Props.Get(name); p != nil {
			t, err := p.DateTime(time.UTC)
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			*dst = t.UTC()
		}
	}
	return nil
}
