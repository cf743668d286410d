package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/views"
)

// handlePicker serves the date picker's month fragment:
// /picker (this month) or /picker/{year}/{month}.
func (s *Server) handlePicker(c echo.Context) error {
	t := s.today()
	y, m := t.Year, t.Month
	if c.Param("year") != "" {
		var err1, err2 error
		y, err1 = atoi(c.Param("year"))
		m, err2 = atoi(c.Param("month"))
		if err1 != nil || err2 != nil {
			return errBadRequest
		}
	}
	g, err := jalali.MonthGrid(y, m)
	if err != nil {
		return echo.ErrNotFound
	}
	py, pm := jalali.AddMonths(y, m, -1)
	ny, nm := jalali.AddMonths(y, m, 1)
	v := views.PickerView{
		Title: monthTitle(y, m), Weekdays: jalali.WeekdayNames(),
		Prev: inRange(strconv.Itoa(py)+"/"+strconv.Itoa(pm), py, pm, 1), Next: inRange(strconv.Itoa(ny)+"/"+strconv.Itoa(nm), ny, nm, 1),
		PrevLabel: "ماه قبل: " + monthTitle(py, pm), NextLabel: "ماه بعد: " + monthTitle(ny, nm),
		Weeks: make([][7]views.PickerDay, len(g.Weeks)),
	}
	for w, week := range g.Weeks {
		for i, d := range week {
			v.Weeks[w][i] = views.PickerDay{Value: d.FormatNumeric(), Day: jalali.FaNum(d.Day), Label: d.FormatLong(),
				InMonth: g.InMonth(d), Today: d == t, Friday: i == 6}
		}
	}
	c.Response().Header().Set("Cache-Control", "no-cache")
	return s.render(c, http.StatusOK, views.PickerMonth(v))
}
