package views

import (
	"context"
	"io"
	"strconv"

	"github.com/a-h/templ"
)

// The lists and hours of the day and week pages are written by hand, as
// grid.go writes the month's cells: a busy day lists fifty events and
// draws a week's hours of a hundred and more, the agenda lists hundreds,
// and templ's writing of each (an interface and a string a value) cost
// some twenty allocations an event (issue 18). They write what the
// templates wrote, byte for byte (the golden pages).

// eventList lists events: each its link, its kind and its dates.
func eventList(events []EventChip) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		bp := gridBuffers.Get().(*[]byte)
		defer gridBuffers.Put(bp)
		b := append((*bp)[:0], `<ul class="event-list">`...)
		for i := range events {
			b = appendListItem(b, &events[i])
		}
		*bp = append(b, `</ul>`...)
		_, err := w.Write(*bp)
		return err
	})
}

// appendListItem appends the <li> of e in an event list.
func appendListItem(b []byte, e *EventChip) []byte {
	b = appendChipLink(append(b, `<li><a href="`...), e)
	b = appendEscaped(append(b, `" title="`...), e.KindName)
	b = append(b, `">`...)
	if e.Time != "" {
		b = append(appendEscaped(append(b, `<span class="time">`...), e.Time), `</span> `...)
	}
	b = append(appendEscaped(b, e.Title), ' ')
	if e.Proposed {
		b = append(b, `<span class="visually-hidden">(پیشنهادی)</span>`...)
	}
	b = append(appendEscaped(append(b, `</a><span class="meta">`...), e.KindName), `</span> `...)
	if e.When != "" {
		b = append(appendEscaped(append(b, `<span class="meta">`...), e.When), `</span>`...)
	}
	return append(b, `</li>`...)
}

// appendChipLink appends the URL, number and classes of e's link, from
// its href's value to its class's.
func appendChipLink(b []byte, e *EventChip) []byte {
	b = appendEscaped(b, e.URL)
	b = strconv.AppendInt(append(b, `" data-event-id="`...), e.ID, 10)
	return appendEscaped(append(b, `" class="`...), e.Class)
}

// timedItems writes a day column's timed events, each placed by its start
// and end (Grid).
func timedItems(blocks []TimedBlock) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		if len(blocks) == 0 {
			return nil
		}
		bp := gridBuffers.Get().(*[]byte)
		defer gridBuffers.Put(bp)
		b := (*bp)[:0]
		for i := range blocks {
			b = appendTimedItem(b, &blocks[i])
		}
		*bp = b
		_, err := w.Write(b)
		return err
	})
}

// appendTimedItem appends the <li> of t: its times, its title (whole in
// its tooltip, Tooltip) and, for screen readers, its kind (Spoken).
func appendTimedItem(b []byte, t *TimedBlock) []byte {
	b = appendEscaped(append(b, `<li class="`...), t.Grid)
	b = appendChipLink(append(b, `"><a href="`...), &t.EventChip)
	b = append(b, `" title="`...)
	if t.Time != "" {
		b = appendEscaped(b, t.Time)
		if t.Until != "" {
			b = appendEscaped(append(b, "–"...), t.Until)
		}
		b = append(b, ' ')
	}
	b = appendEscaped(b, t.Title)
	b = appendEscaped(append(b, " ("...), t.KindName)
	if t.Proposed {
		b = append(b, "، پیشنهادی"...)
	}
	b = append(appendEscaped(append(b, `)"><span class="time">`...), t.Time), ' ')
	if t.Until != "" {
		b = appendEscaped(append(b, "–"...), t.Until)
	}
	b = appendEscaped(append(b, `</span> `...), t.Title)
	b = appendEscaped(append(b, `<span class="visually-hidden">، `...), t.KindName)
	if t.Proposed {
		b = append(b, "، پیشنهادی"...)
	}
	return append(b, `</span></a></li>`...)
}
