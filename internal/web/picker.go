package web

import (
	"net/http"
	"regexp"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/views"
)

// pickerYears is how many years before and after the shown one the
// picker's year list offers.
const pickerYearsBefore, pickerYearsAfter = 20, 10

// handlePicker serves the date picker's month fragment: /picker/{year}/{month}
// or, without them, the month of the first "at" that reads (this month when
// none does). The script sends as "at" where the picker starts, best first:
// the field's text as typed, the form's other dates, the day or month page
// the form was opened from (1405/9/25, 1405/9). The day of the first one
// that reads as a date is marked chosen.
func (s *Server) handlePicker(c echo.Context) error {
	t := s.today()
	y, m, chosen := t.Year, t.Month, jalali.Date{}
	for _, at := range c.QueryParams()["at"] {
		if d, err := parseDate(at, t); err == nil {
			y, m, chosen = d.Year, d.Month, d
			break
		}
		if my, mm, ok := pickerMonth(at); ok {
			y, m = my, mm
			break
		}
	}
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
		Year: strconv.Itoa(y), Month: strconv.Itoa(m),
		Weeks: make([][7]views.PickerDay, len(g.Weeks)),
	}
	for i := 1; i <= 12; i++ {
		v.Months = append(v.Months, views.Option{Value: strconv.Itoa(i), Label: jalali.MonthName(i)})
	}
	for i := max(jalali.MinYear, y-pickerYearsBefore); i <= min(jalali.MaxYear, y+pickerYearsAfter); i++ {
		v.Years = append(v.Years, views.Option{Value: strconv.Itoa(i), Label: jalali.FaNum(i)})
	}
	for w, week := range g.Weeks {
		for i, d := range week {
			v.Weeks[w][i] = views.PickerDay{Value: d.FormatNumeric(), Day: jalali.FaNum(d.Day), Label: d.FormatLong(),
				InMonth: g.InMonth(d), Today: d == t, Chosen: d == chosen, Friday: i == 6}
		}
	}
	c.Response().Header().Set("Cache-Control", "no-cache")
	return s.render(c, http.StatusOK, views.PickerMonth(v))
}

// monthRE is a month as the picker names one: 1405/9, in any digits.
var monthRE = regexp.MustCompile(`^([0-9]{4})/([0-9]{1,2})$`)

// pickerMonth reads a month written 1405/9.
func pickerMonth(s string) (y, m int, ok bool) {
	p := monthRE.FindStringSubmatch(jalali.LatinDigits(stripBidi(s)))
	if p == nil {
		return 0, 0, false
	}
	y, _ = strconv.Atoi(p[1])
	m, _ = strconv.Atoi(p[2])
	_, err := jalali.New(y, m, 1)
	return y, m, err == nil
}
