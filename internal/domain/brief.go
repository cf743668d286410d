package domain

import "github.com/ruydad/ruydad/internal/jalali"

// Brief is an event as a month grid shows it: what its bar, its dot and
// its line in a day's list need, and nothing of its text besides its
// title. A month page reads a few hundred of them, so its days are day
// numbers (jalali.Date.Ordinal), placed on a grid by subtraction, and the
// rule of a series is kept only by the events that repeat.
type Brief struct {
	ID       int64
	Title    string
	Kind     Kind
	Status   Status
	From, To int // its first and last day, as day numbers (jalali.Date.Ordinal)
	// StartTime and EndTime are "HH:MM" or "".
	StartTime, EndTime string
	// Occasion is the key of the occasion the event names, if any.
	Occasion string
	// Repeat is the rule of a series, nil for a one-off event.
	Repeat *Repeat
}

// Repeats reports whether b is a series.
func (b *Brief) Repeats() bool { return b.Repeat != nil && b.Repeat.Repeats() }

// Event returns b as an Event with the fields b holds (to place a series'
// occurrences, or to compare it with an occasion).
func (b *Brief) Event() Event {
	e := Event{ID: b.ID, Title: b.Title, Kind: b.Kind, Status: b.Status, Start: jalali.FromOrdinal(b.From),
		End: jalali.FromOrdinal(b.To), StartTime: b.StartTime, EndTime: b.EndTime, Occasion: b.Occasion}
	if b.Repeat != nil {
		e.Repeat = *b.Repeat
	}
	return e
}

// BriefOf returns the Brief of e (dated), as a store reads it.
func BriefOf(e Event) Brief {
	b := Brief{ID: e.ID, Title: e.Title, Kind: e.Kind, Status: e.Status, From: e.Start.Ordinal(), To: e.Last().Ordinal(),
		StartTime: e.StartTime, EndTime: e.EndTime, Occasion: e.Occasion}
	if e.Repeats() {
		r := e.Repeat
		b.Repeat = &r
	}
	return b
}
