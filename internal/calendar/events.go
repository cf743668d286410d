package calendar

import (
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// EventIn returns the first occurrence of e that starts in Jalali year
// year: e's own days for a one-off event of that year.
func (c *Calendar) EventIn(e domain.Event, year int) (Span, bool) {
	from, to := YearRange(year)
	if spans := c.EventStarting(e, from, to); len(spans) > 0 {
		return spans[0], true
	}
	return Span{}, false
}

// EventSpans returns the occurrences of e that share a day with from..to,
// in order: e's own days for a one-off event; for a series (see
// domain.Repeat) each occurrence is as long as the first (as every
// instance of an iCalendar recurrence is: a yearly event from 29 Esfand
// 1403, a 30-day Esfand, to 2 Farvardin 1404 runs to 3 Farvardin 1405,
// after a 29-day Esfand), skipped ones left out.
func (c *Calendar) EventSpans(e domain.Event, from, to jalali.Date) []Span {
	return c.eventSpans(e, from, to, func(s Span) bool { return s.Touches(from, to) })
}

// EventStarting returns the occurrences of e that start within from..to,
// in order (a feed's window of years).
func (c *Calendar) EventStarting(e domain.Event, from, to jalali.Date) []Span {
	return c.eventSpans(e, from, to, func(s Span) bool { return !s.Start.Before(from) && !s.Start.After(to) })
}

func (c *Calendar) eventSpans(e domain.Event, from, to jalali.Date, keep func(Span) bool) []Span {
	if !e.Dated() {
		return nil
	}
	s, ok := newSeries(c, e)
	if !ok {
		if one := (Span{Start: e.Start, End: e.Last(), Year: e.Start.Year}); keep(one) {
			return []Span{one}
		}
		return nil
	}
	var out []Span
	s.each(from, to, func(sp Span) bool {
		if keep(sp) {
			out = append(out, sp)
		}
		return true
	})
	return out
}

// EachEventDays calls fn with the first and last days (day numbers) of
// each occurrence of e that shares a day with from..to, in order: those
// EventSpans returns, with no slice and no date made (a month page places
// a province's hundreds of series by day numbers).
func (c *Calendar) EachEventDays(e domain.Event, from, to jalali.Date, fn func(first, last int)) {
	if !e.Dated() {
		return
	}
	lo, hi := from.Ordinal(), to.Ordinal()
	s, ok := newSeries(c, e)
	if !ok {
		if first, last := e.Start.Ordinal(), e.Last().Ordinal(); last >= lo && first <= hi {
			fn(first, last)
		}
		return
	}
	s.eachStart(from, to, func(start, _ int) bool {
		if start+s.length >= lo && start <= hi {
			fn(start, start+s.length)
		}
		return true
	})
}

// EventOccurrence returns e as it takes place within from..to: e itself for
// a one-off event that touches the range, and for a series its first
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

// Covers reports whether e takes place on d (for a series, in any
// occurrence: a yearly one that starts late in Esfand covers the next
// Farvardin's first days).
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
