package web

import (
	"errors"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/views"
)

func (s *Server) handleReview(c echo.Context) error {
	return s.renderReview(c, http.StatusOK, reviewRefusal{})
}

// reviewRefusal is why a review action changed nothing: a message, the
// events at fault with why, and the selection to show again as it was.
type reviewRefusal struct {
	problem  string
	faults   map[int64]string
	selected []int64
}

func (s *Server) renderReview(c echo.Context, status int, r reviewRefusal) error {
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
	v := views.ReviewView{Error: r.problem}
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
		it := reviewItem(e, "")
		it.Selected, it.Problem = slices.Contains(r.selected, e.ID), r.faults[e.ID]
		if it.Problem != "" {
			v.Faults = append(v.Faults, views.ReviewFault{Title: e.Title, Anchor: "#review-" + strconv.FormatInt(e.ID, 10)})
		}
		g.Items = append(g.Items, it)
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
	if e.ArticleID != 0 && e.EvidenceStart >= 0 && e.EvidenceStart < e.EvidenceEnd {
		it.EvidenceURL = articleURL(e.ArticleID) + "#" + evidenceAnchor(e.ID)
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
		return s.renderReview(c, http.StatusUnprocessableEntity, reviewRefusal{problem: "هیچ رویدادی انتخاب نشده است."})
	}
	if refusal, err := s.checkReview(c, ids, status, !single); err != nil || refusal.problem != "" {
		if err != nil {
			return err
		}
		return s.renderReview(c, http.StatusUnprocessableEntity, refusal)
	}
	err := s.store.SetEventStatus(c.Request().Context(), ids, status)
	var verr domain.ValidationError
	switch {
	case errors.As(err, &verr): // an event changed since checkReview read it
		return s.renderReview(c, http.StatusUnprocessableEntity, reviewRefusal{problem: verr["start"], selected: ids})
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

// checkReview finds why the review action would fail, before anything
// changes: an undated event cannot be confirmed, and a selected event may
// have gone meanwhile. The action is all or nothing, as the store applies
// it: when one event is at fault nothing changes, and the page names the
// events at fault and keeps the selection (bulk), so that unticking them or
// giving them a date is all that is left to do.
func (s *Server) checkReview(c echo.Context, ids []int64, status domain.Status, bulk bool) (reviewRefusal, error) {
	r := reviewRefusal{faults: map[int64]string{}}
	if bulk {
		r.selected = ids
	}
	gone := 0
	for _, id := range ids {
		e, err := s.store.Event(c.Request().Context(), id)
		switch {
		case errors.Is(err, domain.ErrNotFound):
			gone++
		case err != nil:
			return r, err
		case status == domain.StatusConfirmed && !e.Dated():
			r.faults[id] = "این رویداد تاریخ ندارد؛ برای تأیید، با «ویرایش و تأیید» به آن تاریخ بدهید، یا از انتخاب بردارید."
		}
	}
	var why []string
	switch n := len(r.faults); {
	case n == 1:
		why = append(why, "رویداد زیر تاریخ ندارد و نمی‌تواند تأیید شود")
	case n > 1:
		why = append(why, jalali.FaNum(n)+" رویداد زیر تاریخ ندارند و نمی‌توانند تأیید شوند")
	}
	if gone > 0 {
		why = append(why, jalali.FaNum(gone)+" رویداد انتخاب‌شده دیگر وجود ندارد (شاید کس دیگری آن را حذف کرده است)")
	}
	if len(why) > 0 {
		r.problem = strings.Join(why, "؛ ") + "؛ هیچ رویدادی تغییر نکرد."
	}
	return r, nil
}
