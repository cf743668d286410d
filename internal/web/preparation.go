package web

import (
	"context"
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/locale"
	"github.com/ruydad/ruydad/views"
)

// preparingItems is the agenda's «برای آماده‌سازی» list as of today.
func (s *Server) preparingItems(ctx context.Context, today jalali.Date) ([]views.PreparingItem, error) {
	list, err := s.app.PreparingOn(ctx, today)
	if err != nil {
		return nil, err
	}
	out := make([]views.PreparingItem, len(list))
	for i, p := range list {
		out[i] = views.PreparingItem{Name: p.Occasion.Name, When: spanYear(p.Start, p.End), DaysLeft: locale.DaysLeft(p.DaysLeft),
			Lead: leadNote(p.LeadDays), URL: views.DayURL(p.Start)}
	}
	return out, nil
}

// leadNote words a lead time: «آماده‌سازی از ۷ روز قبل».
func leadNote(days int) string {
	return "آماده‌سازی از " + jalali.FaNum(days) + " روز قبل"
}

// preparationLeads returns the lead time of each occasion the office
// prepares for, worded (leadNote), by key.
func (s *Server) preparationLeads(ctx context.Context) (map[string]string, error) {
	preps, err := s.app.Preparations(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(preps))
	for _, p := range preps {
		out[p.Occasion] = leadNote(p.LeadDays)
	}
	return out, nil
}

// storedPreparation is the preparation form of occasion id as stored: its
// lead time when the office prepares for it.
func (s *Server) storedPreparation(ctx context.Context, id int64) (*views.PreparationView, error) {
	o, err := s.app.Occasion(ctx, id)
	if err != nil {
		return nil, err
	}
	preps, err := s.app.Preparations(ctx)
	if err != nil {
		return nil, err
	}
	v := &views.PreparationView{Action: views.OccasionPreparationURL(id)}
	for _, p := range preps {
		if p.Occasion == o.Key {
			v.Chosen, v.LeadDays = true, jalali.FaNum(p.LeadDays)
		}
	}
	return v, nil
}

// handlePrepare serves POST /occasions/:id/preparation: act=stop makes the
// office no longer prepare for the occasion; otherwise it prepares for it
// from lead_days days before (a lead time that is no number, or out of
// range, shows the page again with the error, nothing stored).
func (s *Server) handlePrepare(c echo.Context) error {
	o, err := s.occasionParam(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if c.FormValue("act") == "stop" {
		if err := s.app.StopPreparing(ctx, o.ID); err != nil {
			return err
		}
		return c.Redirect(http.StatusSeeOther, views.OccasionEditURL(o.ID)+"?done=not-preparing")
	}
	typed := c.FormValue("lead_days")
	n, err := atoi(typed)
	if err != nil {
		return s.preparationAgain(c, o, typed, domain.FieldError{Field: domain.FieldLeadDays, Code: domain.CodeNotANumber})
	}
	var v domain.ValidationError
	if err := s.app.PrepareFor(ctx, o.ID, n); errors.As(err, &v) {
		fe, _ := v.Get(domain.FieldLeadDays)
		return s.preparationAgain(c, o, typed, fe)
	} else if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, views.OccasionEditURL(o.ID)+"?done=preparing")
}

// preparationAgain shows occasion o's page again (422) with its
// preparation form as typed and what is wrong with it.
func (s *Server) preparationAgain(c echo.Context, o domain.Occasion, typed string, fe domain.FieldError) error {
	stored, err := s.storedPreparation(c.Request().Context(), o.ID)
	if err != nil {
		return err
	}
	stored.LeadDays, stored.Error = typed, locale.FieldMessage(fe)
	return s.renderOccasionPage(c, http.StatusUnprocessableEntity, formOfOccasion(o), nil, o.ID, stored)
}
