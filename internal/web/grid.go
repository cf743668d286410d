package web

import (
	"slices"
	"strconv"
	"strings"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/views"
)

// barLanes is how many lanes of bars a week row of the month (or the week's
// all-day row) shows. A day with more events than fit shows one lane fewer,
// and in its place a link to the day page for the rest (views.DayCell.More),
// so a month stays readable, and printable on one page, however full it is.
const barLanes = 4

// piece is an occurrence of an event within one row of days: the columns
// it covers (0-based, inclusive) and its lane (0-based); i is its
// occurrence's place in the list its row's layout was made from.
type piece struct {
	i, from, to, lane int
}

// rowBars lays out the events of a row of days (the all-day row of the
// week view) as bars (layBars), each column's bars those starting in (or
// continuing into) that column, and counts in more each day's events left
// out.
func rowBars(days []calendar.Day, allDay func(domain.Event) bool) (bars [][]views.Bar, more []int) {
	var ps []piece
	var evs []*domain.Event
	for col, d := range days {
		for i := range d.Events {
			// An event is met again on each of its days: take it where its
			// occurrence begins, or on the row's first day.
			e := &d.Events[i]
			if (e.Start == d.Date || col == 0) && allDay(*e) {
				to, last := col, e.Last()
				for to+1 < len(days) && !days[to+1].Date.After(last) {
					to++
				}
				ps = append(ps, piece{i: len(evs), from: col, to: to})
				evs = append(evs, e)
			}
		}
	}
	hidden, more := layBars(ps, len(days))
	bars = make([][]views.Bar, len(days))
	for i, p := range ps {
		if !hidden[i] {
			bars[p.from] = append(bars[p.from], bar(*evs[p.i], p, days[p.from].Date, days[p.to].Date))
		}
	}
	return bars, more
}

// layBars gives the pieces of a row of cols days their lanes: a piece
// covering several days is one bar across them, in the first lane free on
// all of them; longer bars go first among those starting the same day (ps
// is sorted so, stably). It shows barLanes lanes: a bar that finds no
// room, and a bar of the last lane over a day that has such an event, are
// hidden and counted in more for each day they cover.
//
// Only the lanes shown are kept: a bar that finds none of them free would
// find its lane among the others, which no bar shown can take, so it is
// given lane barLanes, hidden, and takes none. A national month's week row
// holds a thousand events and more; keeping every lane made its layout
// cost the square of them (issue 18).
func layBars(ps []piece, cols int) (hidden []bool, more []int) {
	if !slices.IsSortedFunc(ps, byFirstColumn) { // a month's rows come in order (rowLayout)
		slices.SortStableFunc(ps, byFirstColumn)
	}
	used := make([][]bool, 0, barLanes) // used[lane][col], the lanes shown
	overflow := false
	for i := range ps {
		p := &ps[i]
		p.lane = freeLane(used, p.from, p.to)
		if p.lane == barLanes {
			overflow = true
			continue
		}
		if p.lane == len(used) {
			used = append(used, make([]bool, cols))
		}
		for c := p.from; c <= p.to; c++ {
			used[p.lane][c] = true
		}
	}
	more = make([]int, cols)
	hidden = make([]bool, len(ps))
	if overflow {
		full := make([]bool, cols) // a day with an event left out
		for i, p := range ps {
			if p.lane >= barLanes {
				hidden[i] = true
				for c := p.from; c <= p.to; c++ {
					full[c] = true
				}
			}
		}
		// The last lane gives way, on such a day, to the link to the rest;
		// the days of a bar taken out so get the link too, in the room the
		// bar leaves (so no other bar is taken out for it).
		for i, p := range ps {
			if p.lane == barLanes-1 && slices.Contains(full[p.from:p.to+1], true) {
				hidden[i] = true
			}
		}
		for i, p := range ps {
			if hidden[i] {
				for c := p.from; c <= p.to; c++ {
					more[c]++
				}
			}
		}
	}
	return hidden, more
}

// byFirstColumn orders pieces by their first column, the longer first.
func byFirstColumn(a, b piece) int {
	if a.from != b.from {
		return a.from - b.from
	}
	return (b.to - b.from) - (a.to - a.from)
}

// freeLane returns the first lane whose columns from..to are all free, or
// len(used) for a new one (barLanes when the lanes shown are all taken).
func freeLane(used [][]bool, from, to int) int {
	for l, row := range used {
		if !slices.Contains(row[from:to+1], true) {
			return l
		}
	}
	return len(used)
}

// bar is the piece p of occurrence e shown from first to last, days of
// its row.
func bar(e domain.Event, p piece, first, last jalali.Date) views.Bar {
	b := views.Bar{ID: e.ID, Title: e.Title, Kind: string(e.Kind), KindName: e.Kind.Label(), Time: e.StartTime,
		Proposed: e.Status == domain.StatusProposed, Col: p.from + 1, Span: p.to - p.from + 1, Lane: p.lane + 1,
		Before: e.Start.Before(first), After: e.Last().After(last), Start: e.Start, Last: e.Last()}
	if e.Repeats() && e.Dated() {
		b.On = e.Start // its link is the occurrence's (eventLink)
	}
	return b
}

// A time grid shows the hours from dayStart to dayEnd at least, and more
// when an event starts earlier or ends later, in half-hour rows.
const (
	dayStart, dayEnd = 8 * 60, 18 * 60
	slotMinutes      = 30
	maxSide          = 4 // events side by side at most; a fifth overlaps the fourth
)

// timed reports whether e is placed on the hours: a one-day event with a
// start time. The others (no time, or several days) go in the all-day row.
func timed(e domain.Event) bool { return e.StartTime != "" && e.Last() == e.Start }

func allDay(e domain.Event) bool { return !timed(e) }

// minutes reads "HH:MM" (checked by domain.ValidTime when stored).
func minutes(hhmm string) int {
	h, m, _ := strings.Cut(hhmm, ":")
	hh, _ := strconv.Atoi(h)
	mm, _ := strconv.Atoi(m)
	return hh*60 + mm
}

// span returns e's minutes from midnight: its start and its end, which is
// an hour after the start when it has no end time (or one not after the
// start), and midnight at the latest.
func span(e domain.Event) (int, int) {
	from := minutes(e.StartTime)
	to := from + 60
	if e.EndTime != "" && minutes(e.EndTime) > from {
		to = minutes(e.EndTime)
	}
	return from, min(to, 24*60)
}

// buildTimeGrid lays out days side by side: the all-day row's bars, as
// many lanes as a month's week row shows, and the timed events on the
// hours, events that overlap side by side.
func buildTimeGrid(days []calendar.Day, cells []views.DayCell) views.TimeGrid {
	g := views.TimeGrid{Days: cells, Timed: make([][]views.TimedBlock, len(days))}
	for _, d := range days {
		g.Weekdays = append(g.Weekdays, d.Date.Weekday().String())
	}
	bars, more := rowBars(days, allDay)
	first, last := dayStart, dayEnd
	for i := range days {
		g.Days[i].Bars, g.Days[i].More = bars[i], more[i]
		for _, e := range days[i].Events {
			if timed(e) {
				from, to := span(e)
				first, last = min(first, from/60*60), max(last, (to+59)/60*60)
			}
		}
	}
	g.Slots = (last - first) / slotMinutes
	for h := first; h < last; h += 60 {
		g.Hours = append(g.Hours, views.Hour{Label: jalali.FaDigits(clock(h)), Grid: "s" + strconv.Itoa((h-first)/slotMinutes+1)})
	}
	for i, d := range days {
		g.Timed[i] = timedBlocks(d.Events, first)
	}
	return g
}

func clock(m int) string {
	return strconv.Itoa(m/60/10) + strconv.Itoa(m/60%10) + ":" + strconv.Itoa(m%60/10) + strconv.Itoa(m%10)
}

// timedBlocks places a day's timed events on half-hour rows counted from
// the minute first, each overlapping group side by side: an event takes
// the first place free of the events still running when it starts.
func timedBlocks(events []domain.Event, first int) []views.TimedBlock {
	type placed struct{ from, to, pos int }
	var ps []placed
	var out []views.TimedBlock
	events = slices.DeleteFunc(slices.Clone(events), allDay)
	slices.SortStableFunc(events, func(a, b domain.Event) int { return strings.Compare(a.StartTime, b.StartTime) })
	for _, e := range events {
		from, to := span(e)
		pos := 1
		for slices.ContainsFunc(ps, func(p placed) bool { return p.pos == pos && p.to > from && p.from < to }) {
			pos++
		}
		ps = append(ps, placed{from, to, pos})
		row := (from-first)/slotMinutes + 1
		rows := max((to-first+slotMinutes-1)/slotMinutes+1-row, 1)
		b := views.TimedBlock{EventChip: chip(e),
			Grid: "tb s" + strconv.Itoa(row) + " n" + strconv.Itoa(rows) + " p" + strconv.Itoa(min(pos, maxSide))}
		if e.EndTime != "" {
			b.Until = jalali.FaDigits(e.EndTime)
		}
		out = append(out, b)
	}
	return out
}
