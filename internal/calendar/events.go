package calendar

import (
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// EventRecurrence returns how a yearly event recurs: on its first day's
// Jalali month and day every year from its first year, each occurrence as
// long as the first (as every instance of an iCalendar recurrence is: an
// event from 29 Esfand 1403, a 30-day Esfand, to 2 Farvardin 1404 runs to 3
// Farvardin 1405, after a 29-day Esfand). It is false for an undated or a
// one-off event.
func EventRecurrence(e domain.Event) (domain.Recurrence, bool) {
	if !e.Yearly || !e.Dated() {
		return domain.Recurrence{}, false
	}
	return domain.Recurrence{Calendar: domain.CalJalali, Rule: domain.RuleDate, Month: e.Start.Month, Day: e.Start.Day,
		Length: e.Days(), FromYear: e.Start.Year}, true
}

// EventIn returns the occurrence of e in Jalali year: e's own days for a
// one-off event of that year, the year's occurrence of a yearly one.
func (c *Calendar) EventIn(e domain.Event, year int) (Span, bool) {
	if r, ok := EventRecurrence(e); ok {
		return c.In(r, year)
	}
	if !e.Dated() || e.Start.Year != year {
		return Span{}, false
	}
	return Span{Start: e.Start, End: e.Last(), Year: year}, true
}

// EventSpans returns the occurrences of e that share a day with from..to,
// in order: e's own days for a one-off event.
func (c *Calendar) EventSpans(e domain.Event, from, to jalali.Date) []Span {
	if !e.Dated() {
		return nil
	}
	if r, ok := EventRecurrence(e); ok {
		return c.Occurrences(r, from, to)
	}
	s := Span{Start: e.Start, End: e.Last(), Year: e.Start.Year}
	if !s.Touches(from, to) {
		return nil
	}
	return []Span{s}
}

// EventOccurrence returns e as it takes place within from..to: e itself for
// a one-off event that touches the range, and for a yearly event its first
// occurrence that does, with that occurrence's dates. It is false when e
// does not touch the range.
func (c *Calendar) EventOccurrence(e domain.Event, from, to jalali.Date) (domain.Event, bool) {
	spans := c.EventSpans(e, from, to)
	if len(spans) == 0 {
		return e, false
	}
	e.Start, e.End = spans[0].Start, spans[0].End
	return e, true
}

// Covers reports whether e takes place on d (for a yearly event, in any
// occurrence: one that starts late in Esfand covers the next Farvardin's
// first days).
func (c *Calendar) Covers(e domain.Event, d jalali.Date) bool {
	return len(c.EventSpans(e, d, d)) > 0
}

// DuplicatesOccasion returns the occasion of occasions that e repeats, if
// any: e is a confirmed event of kind occasion, its occasion key names one
// of occasions, and its days are one occurrence of that occasion (a mined
// «روز ملی ارتباطات و روابط عمومی» on 1403/02/27, once confirmed).
// Calendars show such an event once, as the occasion; the event keeps its
// own page, and its article its link to it.
func (c *Calendar) DuplicatesOccasion(e domain.Event, occasions []domain.Occasion) (domain.Occasion, bool) {
	if e.Status != domain.StatusConfirmed || e.Kind != domain.KindOccasion || e.Occasion == "" || !e.Dated() {
		return domain.Occasion{}, false
	}
	for _, o := range occasions {
		if o.Key != e.Occasion {
			continue
		}
		for _, s := range c.Occurrences(o.Recurrence, e.Start, e.Last()) {
			if s.Start == e.Start && s.End == e.Last() {
				return o, true
			}
		}
		return o, false
	}
	return domain.Occasion{}, false
}
