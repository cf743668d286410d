package web

import (
	"bytes"
	"context"
	"sync"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/views"
)

// monthBody writes the body of month page v (views.AppendMonthBody) into a
// buffer kept from the last, and returns a copy of its length: the kept
// body costs one allocation, of its size, with nothing cleared first
// (before, a buffer an eighth larger than the last body, cleared).
func monthBody(v *views.MonthView) []byte {
	bp := monthBuffers.Get().(*[]byte)
	b := views.AppendMonthBody((*bp)[:0], v)
	out := bytes.Clone(b)
	*bp = b
	monthBuffers.Put(bp)
	return out
}

// monthBuffers are the buffers month bodies are written into.
var monthBuffers = sync.Pool{New: func() any { return new([]byte) }}

// briefsShower is a store that reads whole only the events a page shows
// (sqlite's BriefsShownInto).
type briefsShower interface {
	BriefsShownInto(ctx context.Context, dst []domain.Brief, from, to jalali.Date, f domain.EventFilter, shown func([]domain.Brief) []int64) ([]domain.Brief, error)
}

// monthBriefs returns the events of grid's days matching f as buildMonth
// takes them: from a store that can, with the titles of those the page
// shows only (monthShown, which keeps its placing of them in laid), the
// others counted or drawn as dots, read into laid's scratch; else all of
// them whole.
func (s *Server) monthBriefs(ctx context.Context, grid jalali.Grid, f calFilter, st *app.CalendarState, chosen jalali.Date, laid *monthLayout) ([]domain.Brief, error) {
	if r, ok := s.app.EventReader.(briefsShower); ok {
		sc := laid.scratchOf()
		events, err := r.BriefsShownInto(ctx, sc.briefs, grid.First(), grid.Last(), f.events(), monthShown(grid, st, chosen, laid))
		sc.briefs = events
		return events, err
	}
	return s.app.BriefsBetween(ctx, grid.First(), grid.Last(), f.events())
}

// A monthScratch holds the slices a month page is built in (its events,
// their placing, its bars and cells), of no use once its body is written:
// kept from one cold page to the next (monthScratches), a province's month
// no longer makes a hundred kilobytes of them for the collector to take
// back (a national month, two megabytes), and the collector runs less
// often (issue 18). Each slice holds what the last page put in it (the
// page's texts) until release clears it.
type monthScratch struct {
	briefs []domain.Brief
	occs   []occurrence
	pieces []piece
	bars   []views.Bar
	weeks  [][7]views.DayCell
	days   []calendar.Day
	placed []calendar.Placed // the occasions of a province's grid, then of its month
	events []domain.Event    // the events of the day listed under the grid
}

var monthScratches = sync.Pool{New: func() any { return new(monthScratch) }}

// newMonthScratch returns a scratch from monthScratches.
func newMonthScratch() *monthScratch { return monthScratches.Get().(*monthScratch) }

// scratchKeptBriefs is the most briefs a scratch kept for the next page
// has room for: a province's month is 1,300 at most (Tehran), a national
// month 9,000 (built once a day and kept, its scratch of some megabytes
// not worth holding).
const scratchKeptBriefs = 2048

// release clears what sc's slices hold and puts it back (unless it grew
// past scratchKeptBriefs): nothing of the page may be used after it.
func (sc *monthScratch) release() {
	if cap(sc.briefs) > scratchKeptBriefs {
		return
	}
	clear(sc.briefs)
	clear(sc.occs)
	clear(sc.bars)
	clear(sc.weeks)
	clear(sc.days)
	clear(sc.placed)
	clear(sc.events)
	*sc = monthScratch{briefs: sc.briefs[:0], occs: sc.occs[:0], pieces: sc.pieces[:0], bars: sc.bars[:0],
		weeks: sc.weeks[:0], days: sc.days[:0], placed: sc.placed[:0], events: sc.events[:0]}
	monthScratches.Put(sc)
}

// placedIn is placed, in sc's slice when the filter names a province (the
// slice of the occasions placed before, whose days hold copies).
func (sc *monthScratch) placedIn(st *app.CalendarState, from, to jalali.Date, f calFilter) []calendar.Placed {
	out := placedIn(sc.placed, st, from, to, f)
	if f.province != "" { // else the almanac's own list
		sc.placed = out
	}
	return out
}

// barRoom returns room for n bars, after those taken already.
func (sc *monthScratch) barRoom(n int) []views.Bar {
	if cap(sc.bars)-len(sc.bars) < n { // the page's bars so far stay in the array they are in
		sc.bars = make([]views.Bar, 0, max(n, 2*cap(sc.bars)))
	}
	room := sc.bars[len(sc.bars) : len(sc.bars) : len(sc.bars)+n]
	sc.bars = sc.bars[:len(sc.bars)+n]
	return room
}
