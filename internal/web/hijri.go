package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/hijri"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/locale"
	"github.com/ruydad/ruydad/views"
)

// handleHijri shows the twelve months of a Hijri year (?year=, this one by
// default): when each began, how long it is, and whether that comes from
// Iran's table, a prediction or an administrator's correction; an
// administrator sets or removes a month's first day there.
func (s *Server) handleHijri(c echo.Context) error {
	return s.renderHijri(c, http.StatusOK, hijriForm{}, "")
}

// hijriForm is a month-start form as sent.
type hijriForm struct{ month, start, note string }

// readHijriForm reads a month-start form: the start without bidi marks, the
// note cleaned as a place is.
func readHijriForm(c echo.Context) hijriForm {
	return hijriForm{month: c.FormValue("month"), start: stripBidi(c.FormValue("start")), note: cleanPlace(c.FormValue("note"))}
}

// correction reads the form into the correction of month m (a start
// without its year in today's), or says what is wrong with its start or
// note. The start is left as its field shows it again (shownDate).
func (f *hijriForm) correction(m hijri.Month, today jalali.Date) (domain.HijriCorrection, domain.ValidationError) {
	var errs domain.ValidationError
	start, err := parseDate(f.start, today)
	if err != nil {
		errs.Set(dateError(domain.FieldStart, domain.CodeMonthStartUnreadable, err))
	}
	f.start = shownDate(f.start, today)
	if len([]rune(f.note)) > domain.MaxShortField {
		errs.Set(domain.FieldError{Field: domain.FieldNote, Code: domain.CodeNoteTooLong, Max: domain.MaxShortField})
	}
	return domain.HijriCorrection{Year: m.Year, Month: m.Month, Start: start, Note: f.note}, errs
}

func (s *Server) renderHijri(c echo.Context, status int, f hijriForm, formErr string) error {
	ctx := c.Request().Context()
	st, err := s.app.Calendar(ctx)
	if err != nil {
		return err
	}
	h := st.Cal.Hijri()
	year, _ := h.FromJalali(s.today())
	y := year.Year
	if q := c.QueryParam("year"); q != "" {
		if y, err = atoi(q); err != nil {
			return errBadRequest
		}
	}
	if f.month != "" {
		if m, err := hijri.ParseMonth(f.month); err == nil {
			y = m.Year
		}
	}
	first, last := h.Range()
	if y < first.Year || y > last.Year {
		return echo.ErrNotFound
	}
	notes := map[hijri.Month]string{}
	for _, x := range st.Corrections {
		if !x.Removed() {
			notes[hijri.Month{Year: x.Year, Month: x.Month}] = x.Note
		}
	}
	u, _ := currentUser(c)
	canEdit := u.Role.Allows(domain.RoleAdmin)
	v := views.HijriView{Title: "ماه‌های قمری سال " + jalali.FaNum(y), Year: jalali.FaNum(y), CanEdit: canEdit}
	if y > first.Year {
		v.PrevURL = views.HijriYearURL(y - 1)
	}
	if y < last.Year {
		v.NextURL = views.HijriYearURL(y + 1)
	}
	tFirst, tLast := h.Table()
	v.TableRange = tFirst.Format() + " تا " + tLast.Format()
	for m := 1; m <= 12; m++ {
		info, ok := h.Month(hijri.Month{Year: y, Month: m})
		if !ok {
			continue
		}
		row := hijriRow(info, notes)
		if f.month == info.Month.String() {
			row.StartValue, row.Note, row.Error = f.start, f.note, formErr
		}
		v.Months = append(v.Months, row)
	}
	v.Page = s.page(c, v.Title, "occasions")
	return s.render(c, status, views.HijriPage(v))
}

func hijriRow(info hijri.MonthInfo, notes map[hijri.Month]string) views.HijriMonthRow {
	row := views.HijriMonthRow{Key: info.Month.String(), Name: info.Month.Format(), Start: info.Start.FormatLong(),
		Gregorian: gregorianLong(info.Start), Length: jalali.FaNum(info.Length) + " روز", StartValue: info.Start.FormatNumeric(),
		Provisional: info.Source.Provisional(), Corrected: info.Source == hijri.SourceCorrected,
		Note: notes[info.Month], UnsetURL: views.HijriUnsetURL(info.Year, info.Month.Month)}
	switch info.Source {
	case hijri.SourceTable:
		row.Source = "تقویم رسمی"
	case hijri.SourceCorrected:
		row.Source = "اصلاح‌شده به دست مدیر"
	default:
		row.Source = "پیش‌بینی"
	}
	return row
}

// handleSetHijri sets a month's first day from the form (month=1448/10,
// start=1405/12/19, a Jalali date in any digits, and an optional note),
// checked against the other corrections in the same transaction.
func (s *Server) handleSetHijri(c echo.Context) error {
	f := readHijriForm(c)
	m, err := hijri.ParseMonth(f.month)
	if err != nil {
		return errBadRequest
	}
	x, errs := f.correction(m, s.today())
	if len(errs) > 0 {
		// The month's row has room for one message: the first.
		return s.renderHijri(c, http.StatusUnprocessableEntity, f, locale.FieldMessage(errs[0]))
	}
	err = s.app.SetHijriCorrection(c.Request().Context(), x, calendar.Check)
	var cerr *hijri.CorrectionError
	if errors.As(err, &cerr) {
		return s.renderHijri(c, http.StatusUnprocessableEntity, f, cerr.Persian())
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, views.HijriYearURL(m.Year)+"&done=hijri-set")
}

// handleUnsetHijri removes a month's correction (/hijri/:year/:month/unset).
func (s *Server) handleUnsetHijri(c echo.Context) error {
	y, err1 := atoi(c.Param("year"))
	m, err2 := atoi(c.Param("month"))
	if err1 != nil || err2 != nil {
		return errBadRequest
	}
	err := s.app.DeleteHijriCorrection(c.Request().Context(), y, m, calendar.Check)
	var cerr *hijri.CorrectionError
	switch {
	case errors.Is(err, domain.ErrNotFound):
		return echo.ErrNotFound
	case errors.As(err, &cerr):
		f := hijriForm{month: hijri.Month{Year: y, Month: m}.String()}
		return s.renderHijri(c, http.StatusUnprocessableEntity, f, locale.HijriUnsetRefused(cerr.Persian()))
	case err != nil:
		return err
	}
	return c.Redirect(http.StatusSeeOther, views.HijriYearURL(y)+"&done=hijri-unset")
}
