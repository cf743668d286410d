package web

import (
	"bytes"
	"context"
	"sync"

	"github.com/ruydad/ruydad/internal/app"
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
// (sqlite's BriefsShown).
type briefsShower interface {
	BriefsShown(ctx context.Context, from, to jalali.Date, f domain.EventFilter, shown func([]domain.Brief) []int64) ([]domain.Brief, error)
}

// monthBriefs returns the events of grid's days matching f as buildMonth
// takes them: from a store that can, with the titles of those the page
// shows only (monthShown, which keeps its placing of them in laid), the
// others counted or drawn as dots; else all of them whole.
func (s *Server) monthBriefs(ctx context.Context, grid jalali.Grid, f calFilter, st *app.CalendarState, chosen jalali.Date, laid *monthLayout) ([]domain.Brief, error) {
	if r, ok := s.app.EventReader.(briefsShower); ok {
		return r.BriefsShown(ctx, grid.First(), grid.Last(), f.events(), monthShown(grid, st, chosen, laid))
	}
	return s.app.BriefsBetween(ctx, grid.First(), grid.Last(), f.events())
}
