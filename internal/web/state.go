package web

import (
	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/jalali"
)

// placed returns the shown occasions' occurrences touching from..to,
// without the provincial days of other provinces when the filter names one.
func placed(st *app.CalendarState, from, to jalali.Date, f calFilter) []calendar.Placed {
	return placedIn(nil, st, from, to, f)
}

// placedIn is placed, written in dst's room when the filter names a
// province (else the almanac's own list, shared: never write to it).
func placedIn(dst []calendar.Placed, st *app.CalendarState, from, to jalali.Date, f calFilter) []calendar.Placed {
	all := st.Almanac.Between(from, to)
	if f.province == "" {
		return all
	}
	return calendar.AppendInProvince(dst[:0], all, f.province)
}
