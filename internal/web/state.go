package web

import (
	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/jalali"
)

// placed returns the shown occasions' occurrences touching from..to,
// without the provincial days of other provinces when the filter names one.
func placed(st *app.CalendarState, from, to jalali.Date, f calFilter) []calendar.Placed {
	all := st.Almanac.Between(from, to)
	if f.province == "" {
		return all
	}
	out := all[:0:0]
	for _, p := range all {
		if calendar.InProvince(p.Occasion, f.province) {
			out = append(out, p)
		}
	}
	return out
}
