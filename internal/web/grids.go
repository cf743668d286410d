package web

import (
	"sync/atomic"

	"github.com/ruydad/ruydad/internal/jalali"
)

// grids holds every month grid once made: a month page asks for its grid
// on every request (to tell a month that does not exist, and to render its
// body when it is not kept), and making one converts a few dates through
// the Gregorian calendar. A grid never changes, and is only read.
var grids [(jalali.MaxYear - jalali.MinYear + 1) * 12]atomic.Pointer[jalali.Grid]

// monthGrid is jalali.MonthGrid, each month's made once. The grid is
// shared: never write to it.
func monthGrid(y, m int) (jalali.Grid, error) {
	if y < jalali.MinYear || y > jalali.MaxYear || m < 1 || m > 12 {
		return jalali.MonthGrid(y, m) // its error
	}
	slot := &grids[(y-jalali.MinYear)*12+m-1]
	if g := slot.Load(); g != nil {
		return *g, nil
	}
	g, err := jalali.MonthGrid(y, m)
	if err != nil {
		return g, err
	}
	slot.Store(&g)
	return g, nil
}
