package web

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/views"
)

// A national day holds hundreds of events (a million over ten years: 270
// starting each day, and those of several days begun before). The day and
// week pages read them as briefs (domain.Brief) placed by day numbers
// (monthPlan), and draw a bounded part of a busy day, whatever the data's
// size (issue 18):
//
//   - the hours draw a day's timed events side by side, maxSide at most; a
//     fifth overlapping the fourth is drawn over it while the day has
//     timedCap timed events at most. A busier day draws those that find
//     one of the maxSide places, timedCap at most, and leaves the others to
//     its list (the day page) or counts them under the hours with a link to
//     the day (the week page);
//   - the day page lists dayPageSize events a page, with links to the
//     others' pages, and then offers the filter (a province, an
//     organization, a kind) to narrow the day;
//   - the week's all-day row, barLanes lanes, lays out a bounded number of
//     bars (fewPieces).
const (
	timedCap    = 24
	dayPageSize = 50
)

// daySpan is a plan's one occurrence on a column of the time grid.
type daySpan struct {
	i        int // its place in the plan's occurrences
	o        occurrence
	from, to int // its minutes (span)
	pos      int // its place among those it overlaps, from 1
}

// dayTimed returns the timed occurrences of plan m on cell c in the order
// the hours place them (by start time, stably), and which of them the
// hours draw (placeTimed).
func dayTimed(m *monthPlan, c int) (spans []daySpan, drawn []bool) {
	n := m.first + c
	for i, o := range m.occs {
		if o.from <= n && o.to >= n && isTimed(o) {
			from, to := span(domain.Event{StartTime: o.b.StartTime, EndTime: o.b.EndTime})
			spans = append(spans, daySpan{i: i, o: o, from: from, to: to})
		}
	}
	slices.SortStableFunc(spans, func(a, b daySpan) int { return strings.Compare(a.o.b.StartTime, b.o.b.StartTime) })
	return spans, placeTimed(spans)
}

// isTimed is timed for an occurrence: one day, with a start time.
func isTimed(o occurrence) bool { return o.b.StartTime != "" && o.from == o.to }

// placeTimed gives each of spans (in start order) its place: the first
// free of the events still running when it starts. Up to timedCap spans
// all are drawn, those beyond maxSide over the last place; more than
// that, only those that find one of the maxSide places, timedCap at most,
// are drawn (drawn[i]).
func placeTimed(spans []daySpan) (drawn []bool) {
	drawn = make([]bool, len(spans))
	busy := len(spans) > timedCap
	var placed []int // the indices drawn
	shown := 0
	for i := range spans {
		s := &spans[i]
		s.pos = 1
		for slices.ContainsFunc(placed, func(j int) bool {
			p := spans[j]
			return p.pos == s.pos && p.to > s.from && p.from < s.to
		}) {
			s.pos++
		}
		if busy && (s.pos > maxSide || shown == timedCap) {
			continue
		}
		drawn[i] = true
		placed = append(placed, i)
		shown++
	}
	return drawn
}

// timedBlock is span s drawn on half-hour rows counted from the minute
// first.
func timedBlock(m *monthPlan, s daySpan, first int) views.TimedBlock {
	e := m.event(s.o)
	row := (s.from-first)/slotMinutes + 1
	rows := max((s.to-first+slotMinutes-1)/slotMinutes+1-row, 1)
	b := views.TimedBlock{EventChip: chip(e),
		Grid: "tb s" + strconv.Itoa(row) + " n" + strconv.Itoa(rows) + " p" + strconv.Itoa(min(s.pos, maxSide))}
	if e.EndTime != "" {
		b.Until = jalali.FaDigits(e.EndTime)
	}
	return b
}

// planTimeGrid lays out the hours of plan m's days (cells their columns,
// with their bars set): the drawn timed spans of each column (dayTimed),
// on the hours from dayStart to dayEnd at least, more when a drawn event
// starts earlier or ends later; More counts each column's others.
func planTimeGrid(m *monthPlan, cells []views.DayCell) views.TimeGrid {
	g := views.TimeGrid{Days: cells, Timed: make([][]views.TimedBlock, len(m.days))}
	spans := make([][]daySpan, len(m.days))
	drawn := make([][]bool, len(m.days))
	first, last := dayStart, dayEnd
	for i, d := range m.days {
		g.Weekdays = append(g.Weekdays, d.Date.Weekday().String())
		spans[i], drawn[i] = dayTimed(m, i)
		for j, s := range spans[i] {
			if drawn[i][j] {
				first, last = min(first, s.from/60*60), max(last, (s.to+59)/60*60)
			}
		}
	}
	g.Slots = (last - first) / slotMinutes
	for h := first; h < last; h += 60 {
		g.Hours = append(g.Hours, views.Hour{Label: jalali.FaDigits(clock(h)), Grid: "s" + strconv.Itoa((h-first)/slotMinutes+1)})
	}
	for i := range m.days {
		for j, s := range spans[i] {
			if !drawn[i][j] {
				if g.More == nil {
					g.More = make([]int, len(m.days))
				}
				g.More[i]++
				continue
			}
			g.Timed[i] = append(g.Timed[i], timedBlock(m, s, first))
		}
	}
	return g
}

// planBars lays out the all-day row of plan m's days (a week), as
// rowBars does, but of a bounded number of bars (fewPieces).
func planBars(m *monthPlan) (bars [][]views.Bar, more []int) {
	ps, hidden, more := planPieces(m)
	bars = make([][]views.Bar, len(m.days))
	for i, p := range ps {
		if !hidden[i] {
			bars[p.from] = append(bars[p.from], bar(m.event(m.occs[p.i]), p, m.days[p.from].Date, m.days[p.to].Date))
		}
	}
	return bars, more
}

// planPieces lays out the all-day row of plan m's days (planBars): its
// pieces, which are hidden, and how many of each day's events are left
// out.
func planPieces(m *monthPlan) (ps []piece, hidden []bool, more []int) {
	cols := len(m.days)
	for i, o := range m.occs {
		if isTimed(o) || o.to < m.first || o.from > m.first+cols-1 {
			continue
		}
		ps = append(ps, piece{i: i, from: max(o.from-m.first, 0), to: min(o.to-m.first, cols-1)})
	}
	ps, left := fewPieces(ps)
	hidden, more = layBars(ps, cols)
	for _, p := range left {
		for c := p.from; c <= p.to; c++ {
			more[c]++
		}
	}
	return ps, hidden, more
}

// fewPieces returns ps (sorted as layBars sorts them) without those
// layBars would surely hide, and those. Of the pieces covering the same
// days (consecutive once sorted), each takes the first lane free on all of
// them: once barLanes+1 of them are laid out, one at least is in a lane
// past barLanes, and the next ones go further, hidden, changing nothing of
// the others' lanes nor of the days marked full. So layBars' work stays
// bounded (7 × 7 spans of days, barLanes+1 pieces each) however many
// events a week holds; the pieces left out are counted in more.
func fewPieces(ps []piece) (kept, left []piece) {
	slices.SortStableFunc(ps, func(a, b piece) int {
		if a.from != b.from {
			return a.from - b.from
		}
		return (b.to - b.from) - (a.to - a.from)
	})
	kept = ps[:0:0]
	run := 0
	for i, p := range ps {
		if i > 0 && p.from == ps[i-1].from && p.to == ps[i-1].to {
			run++
		} else {
			run = 0
		}
		if run > barLanes {
			left = append(left, p)
			continue
		}
		kept = append(kept, p)
	}
	return kept, left
}

// dayListPage is what a day page lists of plan m's one day: its all-day
// events and the timed ones the hours leave out (drawn, by dayTimed), in
// order, page p (from 1) of them, dayPageSize a page; with how many in
// all and the number of pages.
func dayListPage(m *monthPlan, spans []daySpan, drawn []bool, p int) (chips []views.EventChip, total, pages int) {
	listed, total, pages := dayListed(m, spans, drawn, p)
	for _, i := range listed {
		chips = append(chips, listChip(m.event(m.occs[i])))
	}
	return chips, total, pages
}

// dayListed is dayListPage's events, as their places in m's occurrences.
func dayListed(m *monthPlan, spans []daySpan, drawn []bool, p int) (listed []int, total, pages int) {
	onHours := make([]bool, len(m.occs))
	for j, s := range spans {
		onHours[s.i] = drawn[j]
	}
	lo := (p - 1) * dayPageSize
	for i := range m.occs {
		if onHours[i] {
			continue
		}
		if total >= lo && total < lo+dayPageSize {
			listed = append(listed, i)
		}
		total++
	}
	return listed, total, max((total+dayPageSize-1)/dayPageSize, 1)
}

// withPage adds ?page= to query, a calendar filter's query string, for
// pages after the first.
func withPage(query string, p int) string {
	switch {
	case p <= 1:
		return query
	case query == "":
		return "?page=" + strconv.Itoa(p)
	}
	return query + "&page=" + strconv.Itoa(p)
}

// dayPage reads a day page's ?page=: 1 when absent, a 400 when malformed.
func dayPage(q string) (int, error) {
	if q == "" {
		return 1, nil
	}
	return atoi(q)
}

// dayBriefer is a store that reads a few days' events with the series kept
// placed on blocks of days, and the titles of those a page shows only
// (sqlite's DayBriefsShown).
type dayBriefer interface {
	DayBriefsShown(ctx context.Context, from, to jalali.Date, f domain.EventFilter, shown func([]domain.Brief) []int64) ([]domain.Brief, error)
}

// A dayPick is what a page of days shows whole of plan m (its hours'
// events, its bars, its list): their places in m's occurrences. The
// others are counted, and their titles are not read.
type dayPick func(m *monthPlan) []int

// dayBriefs returns the events from..to (a day, a week, the agenda's
// weeks) matching f, as BriefsBetween does, for a page that shows those
// pick picks: from a store that can, with the titles of those only
// (daysShown); else all of them whole.
func (s *Server) dayBriefs(ctx context.Context, st *app.CalendarState, from, to jalali.Date, f domain.EventFilter, pick dayPick) ([]domain.Brief, error) {
	if r, ok := s.app.EventReader.(dayBriefer); ok {
		return r.DayBriefsShown(ctx, from, to, f, daysShown(st, from, to, pick))
	}
	return s.app.BriefsBetween(ctx, from, to, f)
}

// daysShown returns what a page of the days from..to shows whole of its
// events (pick's, over the plan of the days), as the numbers of the
// events, each once.
func daysShown(st *app.CalendarState, from, to jalali.Date, pick dayPick) func([]domain.Brief) []int64 {
	return func(events []domain.Brief) []int64 {
		events, _ = withoutOccasionBriefs(st.Cal, events, st.Shown)
		m := newMonthPlan(st.Cal, events, make([]calendar.Day, from.DaysUntil(to)+1), from.Ordinal(), from, to)
		var ids []int64
		seen := make(map[int64]bool)
		for _, i := range pick(m) {
			if id := m.occs[i].b.ID; !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
		return ids
	}
}

// dayPagePicks is what page p of a day's list shows whole: the events
// its hours draw, and those it lists.
func dayPagePicks(p int) dayPick {
	return func(m *monthPlan) []int {
		spans, drawn := dayTimed(m, 0)
		listed, _, _ := dayListed(m, spans, drawn, p)
		return append(drawnPicks(spans, drawn), listed...)
	}
}

// weekPicks is what a week shows whole: the events its hours draw, and
// its bars.
func weekPicks(m *monthPlan) []int {
	var out []int
	for c := range m.days {
		out = append(out, drawnPicks(dayTimed(m, c))...)
	}
	ps, hidden, _ := planPieces(m)
	for i, p := range ps {
		if !hidden[i] {
			out = append(out, p.i)
		}
	}
	return out
}

// drawnPicks is the places of the spans drawn.
func drawnPicks(spans []daySpan, drawn []bool) []int {
	var out []int
	for j, s := range spans {
		if drawn[j] {
			out = append(out, s.i)
		}
	}
	return out
}
