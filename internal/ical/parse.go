package ical

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	goical "github.com/emersion/go-ical"

	"github.com/ruydad/ruydad/internal/domain"
)

// ErrMalformed is wrapped by every error Parse returns about its input.
var ErrMalformed = errors.New("malformed iCalendar data")

// Parse reads one VCALENDAR and returns its VEVENTs as events with Jalali
// dates, in file order. It is all or nothing: on any error it returns no
// events and an error wrapping ErrMalformed that names the event at fault.
//
//   - All-day events (VALUE=DATE) keep their dates; the exclusive DTEND
//     becomes the inclusive End. Timed events (UTC, TZID or floating, which
//     is taken as Tehran time) are converted to Asia/Tehran wall time for
//     Start, End, StartTime and EndTime; an end at midnight ends on the day
//     before with no EndTime.
//   - CATEGORIES map back to a Kind when one of them is a Kind's Persian
//     label or code, else KindOther. STATUS maps back (TENTATIVE is
//     proposed, CANCELLED rejected); without it an event is confirmed.
//   - The lines the writer adds to DESCRIPTION are removed again (and the
//     province and organization taken from them), so that our own feed
//     round-trips; ID and ArticleID are local to the instance that wrote the
//     feed and stay zero.
//   - A recurring event (RRULE, as Google exports them) is imported as its
//     first occurrence only, and VEVENTs overriding one instance of a series
//     (RECURRENCE-ID) are skipped. The one exception is our own yearly
//     Jalali event: its per-year VEVENTs, or its RSCALE=PERSIAN VEVENT,
//     become one event with Yearly set.
//   - Occasions from our own feed (UID occasion-…@ruydad) are skipped: they
//     come from the built-in catalogue, not from events.
//   - A VEVENT without UID gets UID "" (storage assigns one).
//
// Parse checks syntax and dates, not domain rules: callers run Validate.
func Parse(r io.Reader) (events []domain.Event, err error) {
	defer func() {
		// The decoder is not fuzzed upstream; a panic on hostile input must
		// not take the server down.
		if p := recover(); p != nil {
			events, err = nil, fmt.Errorf("ical: parse: %w: %v", ErrMalformed, p)
		}
	}()
	br := bufio.NewReader(r)
	cal, err := goical.NewDecoder(br).Decode()
	switch {
	case errors.Is(err, io.EOF):
		return nil, fmt.Errorf("ical: parse: %w: unexpected end of input (missing END:VCALENDAR?)", ErrMalformed)
	case err != nil:
		return nil, fmt.Errorf("ical: parse: %w: %w", ErrMalformed, err)
	}
	rest, err := io.ReadAll(br)
	if err != nil {
		return nil, fmt.Errorf("ical: parse: %w", err)
	}
	if len(bytes.TrimSpace(rest)) > 0 {
		return nil, fmt.Errorf("ical: parse: %w: data after END:VCALENDAR", ErrMalformed)
	}
	seen := map[string]bool{}
	n := 0
	for _, c := range cal.Children {
		if c.Name != goical.CompEvent {
			continue
		}
		n++
		e, ok, err := parseEvent(c)
		if err != nil {
			return nil, fmt.Errorf("ical: parse: %w: VEVENT %d%s: %w", ErrMalformed, n, nameOf(c), err)
		}
		if !ok || (e.Yearly && seen[e.UID]) {
			continue
		}
		if e.Yearly {
			seen[e.UID] = true
		}
		events = append(events, e)
	}
	return events, nil
}

// nameOf identifies a VEVENT in an error message.
func nameOf(c *goical.Component) string {
	var parts []string
	for _, name := range []string{goical.PropUID, goical.PropSummary} {
		if p := c.Props.Get(name); p != nil && p.Value != "" {
			v := []rune(p.Value)
			if len(v) > 60 {
				v = append(v[:60], '…')
			}
			parts = append(parts, name+` "`+string(v)+`"`)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}
