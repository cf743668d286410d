package ical

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"

	"github.com/ruydad/ruydad/internal/domain"
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
	if end, endTime, ok := openEnd(e.Start, e.StartTime); !h.ours && ok && e.End == end && e.EndTime == endTime {
		// Perhaps an event of ours without an end time, which the writer
		// gives an hour; its date line then names no end.
		if open := splitDescription(desc, dateLine(e.Start, e.Start, e.StartTime, "", everyYear)); open.ours {
			h, e.End, e.EndTime = open, e.Start, ""
		}
	}
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
