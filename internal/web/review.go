package web

import (
	"errors"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/views"
)

func (s *Server) handleReview(c echo.Context) error {
	return s.renderReview(c, http.StatusOK, "")
}

func (s *Server) renderReview(c echo.Context, status int, problem string) error {
	ctx := c.Request().Context()
	events, err := s.store.ProposedEvents(ctx)
	if err != nil {
		return err
	}
	var ids []int64
	for _, e := range events {
		ids = append(ids, e.ArticleID)
	}
	titles, err := s.store.ArticleTitles(ctx, ids)
	if err != nil {
		return err
	}
	v := views.ReviewView{Error: problem}
	if len(events) > 0 {
		v.Total = jalali.FaNum(len(events)) + " رویداد در انتظار بازبینی است."
	}
	for _, e := range events {
		if n := len(v.Groups); n == 0 || v.Groups[n-1].ArticleURL != articleURL(e.ArticleID) {
			title := titles[e.ArticleID]
			if e.ArticleID == 0 || title == "" {
				title = "بدون خبر"
			}
			v.Groups = append(v.Groups, views.ReviewGroup{ArticleTitle: title, ArticleURL: articleURL(e.ArticleID)})
		}
		g := &v.Groups[len(v.Groups)-1]
		g.Items = append(g.Items, reviewItem(e, ""))
	}
	v.Page = s.page(c, "صف بازبینی", "review")
	return s.render(c, status, views.ReviewPage(v))
}

// reviewItem is a mined event as the review screens show it.
func reviewItem(e domain.Event, _ string) views.ReviewItem {
	it := views.ReviewItem{
		ID: e.ID, Title: e.Title, URL: eventURL(e.ID), EditURL: eventURL(e.ID) + "/edit?confirm=1",
		KindName: e.Kind.Label(), When: when(e), Status: e.Status.Label(), Proposed: e.Status == domain.StatusProposed,
		Dated: e.Dated(), Note: e.ReviewNote,
	}
	if e.ArticleID != 0 {
		it.EvidenceURL = articleURL(e.ArticleID) + "#ev-" + strconv.FormatInt(e.ID, 10)
	}
	if e.ArticleID != 0 && e.Confidence > 0 {
		it.Confidence = jalali.FaNum(int(math.Round(e.Confidence*100))) + "٪"
	}
	return it
}

// handleReviewAction confirms or rejects: act=confirm|reject applies to the
// checked ids, act=confirm-ID|reject-ID to one event.
func (s *Server) handleReviewAction(c echo.Context) error {
	act := c.FormValue("act")
	var ids []int64
	verb, one, single := strings.Cut(act, "-")
	if single {
		id, err := strconv.ParseInt(one, 10, 64)
		if err != nil {
			return errBadRequest
		}
		ids = []int64{id}
	} else {
		form, err := c.FormParams()
		if err != nil {
			return errBadRequest
		}
		for _, v := range form["id"] {
			id, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return errBadRequest
			}
			ids = append(ids, id)
		}
	}
	var status domain.Status
	switch verb {
	case "confirm":
		status = domain.StatusConfirmed
	case "reject":
		status = domain.StatusRejected
	default:
		return errBadRequest
	}
	if len(ids) == 0 {
		return s.renderReview(c, http.StatusUnprocessableEntity, "هیچ رویدادی انتخاب نشده است.")
	}
	err := s.store.SetEventStatus(c.Request().Context(), ids, status)
	var verr domain.ValidationError
	switch {
	case errors.As(err, &verr):
		return s.renderReview(c, http.StatusUnprocessableEntity, verr["start"])
	case errors.Is(err, domain.ErrNotFound):
		return echo.ErrNotFound
	case err != nil:
		return err
	}
	back := c.FormValue("back")
	if !strings.HasPrefix(back, "/articles/") || strings.ContainsAny(back, "?#\\") || strings.HasPrefix(back, "//") {
		back = "/review"
	}
	return c.Redirect(http.StatusSeeOther, back+"?done="+verb+"ed")
}
