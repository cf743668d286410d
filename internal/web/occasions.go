package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/views"
)

func (s *Server) handleOccasions(c echo.Context) error {
	all, err := s.store.Occasions(c.Request().Context())
	if err != nil {
		return err
	}
	v := views.OccasionsView{}
	for _, o := range all {
		id := strconv.FormatInt(o.ID, 10)
		v.Items = append(v.Items, views.OccasionItem{ID: o.ID, Name: o.Name, When: occasionWhen(o), Holiday: o.Holiday,
			EditURL: "/occasions/" + id + "/edit", DeleteURL: "/occasions/" + id + "/delete"})
	}
	v.Page = s.page(c, "مناسبت‌ها", "occasions")
	if c.QueryParam("done") == "deleted" {
		v.Page.Flash = flashes["occasion-deleted"]
	}
	return s.render(c, http.StatusOK, views.OccasionsPage(v))
}

// occasionWhen writes an occasion's yearly days: ۲۷ اردیبهشت, or
// ۲ تا ۸ شهریور.
func occasionWhen(o domain.Occasion) string {
	start, end, ok := o.In(1403) // any leap year shows every month and day
	if !ok {
		return ""
	}
	s := jalali.FaNum(start.Day) + " " + jalali.MonthName(start.Month)
	if end == start {
		return s
	}
	if end.Month == start.Month {
		return jalali.FaNum(start.Day) + " تا " + jalali.FaNum(end.Day) + " " + jalali.MonthName(end.Month)
	}
	return s + " تا " + jalali.FaNum(end.Day) + " " + jalali.MonthName(end.Month)
}

func (s *Server) handleNewOccasion(c echo.Context) error {
	return s.renderOccasionForm(c, http.StatusOK, map[string]string{"month": "1", "day": "1", "length": "1"}, nil, 0)
}

func (s *Server) handleCreateOccasion(c echo.Context) error {
	f := readOccasionForm(c)
	o, errs := f.occasion()
	if errs != nil {
		return s.renderOccasionForm(c, http.StatusUnprocessableEntity, f, errs, 0)
	}
	o.Key = "user-" + strconv.FormatInt(s.now().UnixNano(), 36)
	if err := s.store.CreateOccasion(c.Request().Context(), &o); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/occasions?done=occasion")
}

func (s *Server) handleEditOccasion(c echo.Context) error {
	o, err := s.occasionParam(c)
	if err != nil {
		return err
	}
	f := map[string]string{"name": o.Name, "month": strconv.Itoa(o.Month), "day": jalali.FaNum(o.Day),
		"length": jalali.FaNum(o.Length), "description": o.Description}
	if o.Holiday {
		f["holiday"] = "1"
	}
	return s.renderOccasionForm(c, http.StatusOK, f, nil, o.ID)
}

func (s *Server) handleUpdateOccasion(c echo.Context) error {
	old, err := s.occasionParam(c)
	if err != nil {
		return err
	}
	f := readOccasionForm(c)
	o, errs := f.occasion()
	if errs != nil {
		return s.renderOccasionForm(c, http.StatusUnprocessableEntity, f, errs, old.ID)
	}
	o.ID, o.Key, o.Aliases = old.ID, old.Key, old.Aliases
	if err := s.store.UpdateOccasion(c.Request().Context(), o); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/occasions?done=occasion")
}

func (s *Server) handleDeleteOccasion(c echo.Context) error {
	o, err := s.occasionParam(c)
	if err != nil {
		return err
	}
	if err := s.store.DeleteOccasion(c.Request().Context(), o.ID); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/occasions?done=deleted")
}

func (s *Server) occasionParam(c echo.Context) (domain.Occasion, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return domain.Occasion{}, echo.ErrNotFound
	}
	o, err := s.store.Occasion(c.Request().Context(), id)
	if errors.Is(err, domain.ErrNotFound) {
		return o, echo.ErrNotFound
	}
	return o, err
}

type occasionForm map[string]string

func readOccasionForm(c echo.Context) occasionForm {
	f := occasionForm{}
	for _, k := range []string{"name", "month", "day", "length", "holiday", "description"} {
		f[k] = strings.TrimSpace(c.FormValue(k))
	}
	return f
}

func (f occasionForm) occasion() (domain.Occasion, domain.ValidationError) {
	errs := domain.ValidationError{}
	o := domain.Occasion{Name: f["name"], Holiday: f["holiday"] != "", Description: f["description"]}
	var err error
	if o.Month, err = atoi(f["month"]); err != nil {
		errs["month"] = "ماه را از فهرست انتخاب کنید."
	}
	if o.Day, err = atoi(f["day"]); err != nil {
		errs["day"] = "روز را با عدد بنویسید."
	}
	if o.Length, err = atoi(f["length"]); err != nil {
		errs["length"] = "طول را با عدد بنویسید."
	}
	if verr, ok := o.Validate().(domain.ValidationError); ok {
		for k, msg := range verr {
			if errs[k] == "" && !(k == "day" && errs["month"] != "") {
				errs[k] = msg
			}
		}
	}
	if len(errs) == 0 {
		return o, nil
	}
	return o, errs
}

func (s *Server) renderOccasionForm(c echo.Context, status int, f map[string]string, errs domain.ValidationError, id int64) error {
	v := views.OccasionFormView{Values: f, Errors: errs, Heading: "مناسبت تازه", Action: "/occasions"}
	if id != 0 {
		v.Heading, v.Action = "ویرایش مناسبت", "/occasions/"+strconv.FormatInt(id, 10)
	}
	for m := 1; m <= 12; m++ {
		v.Months = append(v.Months, views.Option{Value: strconv.Itoa(m), Label: jalali.MonthName(m)})
	}
	v.Page = s.page(c, v.Heading, "occasions")
	return s.render(c, status, views.OccasionForm(v))
}
