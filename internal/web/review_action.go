package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/locale"
	"github.com/ruydad/ruydad/views"
)

// handleReviewAction confirms or rejects: act=confirm|reject applies to the
// checked ids, act=confirm-ID|reject-ID to one event. A bulk action does
// what it can: it confirms the dated events and leaves the undated ones,
// which the queue then names. When it could do nothing, the queue comes
// back (422) saying why beside each event at fault, the selection kept.
func (s *Server) handleReviewAction(c echo.Context) error {
	q, err := readReviewQuery(c.FormValue)
	if err != nil {
		return err
	}
	verb, ids, single, err := reviewTargets(c)
	if err != nil {
		return err
	}
	status := map[string]domain.Status{"confirm": domain.StatusConfirmed, "reject": domain.StatusRejected}[verb]
	if status == "" {
		return errBadRequest
	}
	if len(ids) == 0 {
		return s.renderReview(c, http.StatusUnprocessableEntity, q, reviewRefusal{problem: locale.ReviewNoneSelected})
	}
	out, err := s.app.Review(c.Request().Context(), ids, status)
	if err != nil {
		return err
	}
	if len(out.Done) == 0 {
		r := refusal(out)
		if !single {
			r.selected = ids
		}
		return s.renderReview(c, http.StatusUnprocessableEntity, q, r)
	}
	if back := c.FormValue("back"); strings.HasPrefix(back, views.ArticlesURL+"/") && !strings.ContainsAny(back, "?#\\") && !strings.HasPrefix(back, "//") {
		return c.Redirect(http.StatusSeeOther, back+"?done="+verb+"ed")
	}
	if single {
		return c.Redirect(http.StatusSeeOther, q.url(true, url.Values{"done": {verb + "ed"}}))
	}
	return c.Redirect(http.StatusSeeOther, q.url(true, summaryValues(verb, out)))
}

// reviewTargets reads the action's verb and the events it applies to.
func reviewTargets(c echo.Context) (verb string, ids []int64, single bool, err error) {
	verb, one, single := strings.Cut(c.FormValue("act"), "-")
	if single {
		id, err := strconv.ParseInt(one, 10, 64)
		if err != nil {
			return "", nil, false, errBadRequest
		}
		return verb, []int64{id}, true, nil
	}
	form, err := c.FormParams()
	if err != nil {
		return "", nil, false, errBadRequest
	}
	for _, v := range form["id"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return "", nil, false, errBadRequest
		}
		ids = append(ids, id)
	}
	return verb, ids, false, nil
}

// refusal says why a review action that did nothing did nothing: the
// undated events it could not confirm, named beside each, and the ones
// gone meanwhile.
func refusal(out domain.ReviewOutcome) reviewRefusal {
	r := reviewRefusal{faults: map[int64]string{}, problem: locale.ReviewRefused(len(out.Undated), len(out.Missing))}
	for _, id := range out.Undated {
		r.faults[id] = locale.ReviewUndated
	}
	return r
}
