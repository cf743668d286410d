package web

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/views"
)

// One occurrence of a series (an event that repeats) is reached at
// /events/{id}?on=1405/09/25 (the month page's and the agenda's links),
// and edited or deleted alone (scope=one), with the following ones
// (scope=following) or as the whole series (no scope, the event's own
// forms): the same routes as the event's, with ?on= and ?scope=.

// The scopes of an edit or deletion of an occurrence.
const (
	scopeOne       = "one"
	scopeFollowing = "following"
)

// occurrenceParam reads ?on= (an occurrence's first day) and ?scope=: ok is
// false when there is no ?on= (the event as a whole); a day the series has
// no occurrence on, or a scope that is none, is a 404.
func (s *Server) occurrenceParam(c echo.Context, e domain.Event) (occ domain.Event, scope string, ok bool, err error) {
	on := c.QueryParam("on")
	if on == "" {
		return e, "", false, nil
	}
	day, err := parseDate(on, s.today())
	if err != nil {
		return e, "", false, echo.ErrNotFound
	}
	switch scope = c.QueryParam("scope"); scope {
	case "", scopeOne, scopeFollowing:
	default:
		return e, "", false, echo.ErrNotFound
	}
	occ, err = s.app.Occurrence(c.Request().Context(), e, day)
	if errors.Is(err, domain.ErrNotFound) {
		return e, "", false, echo.ErrNotFound
	}
	return occ, scope, err == nil, err
}

// scopedURL is path with the occurrence on day and scope in its query.
func scopedURL(path string, day jalali.Date, scope string) string {
	return path + "?" + url.Values{"on": {day.String()}, "scope": {scope}}.Encode()
}

// occurrenceView is the part of an event page about occurrence occ of
// series e (see views.OccurrenceView).
func occurrenceView(e, occ domain.Event) views.OccurrenceView {
	d := occ.Start
	return views.OccurrenceView{Date: d.Format(),
		EditOne: scopedURL(views.EventEditURL(e.ID), d, scopeOne), EditFollowing: scopedURL(views.EventEditURL(e.ID), d, scopeFollowing),
		EditAll: views.EventEditURL(e.ID), DeleteOne: scopedURL(views.EventDeleteURL(e.ID), d, scopeOne),
		DeleteFollowing: scopedURL(views.EventDeleteURL(e.ID), d, scopeFollowing), DeleteAll: views.EventDeleteURL(e.ID)}
}

// overrideView names the series that e, an event standing in for one of
// its occurrences, belongs to (its title; the series may be gone).
func (s *Server) overrideView(c echo.Context, e domain.Event) (views.OccurrenceView, error) {
	series, err := s.app.Event(c.Request().Context(), e.Of.SeriesID)
	if errors.Is(err, domain.ErrNotFound) {
		return views.OccurrenceView{}, nil
	}
	if err != nil {
		return views.OccurrenceView{}, err
	}
	return views.OccurrenceView{Date: e.Of.Date.Format(), SeriesURL: views.EventURL(series.ID), SeriesTitle: series.Title}, nil
}

// editOccurrence shows the form of occurrence occ of series e: its own
// days, and for scope one no repeat section.
func (s *Server) editOccurrence(c echo.Context, e, occ domain.Event, scope string) error {
	f := formFromEvent(occ)
	switch {
	case scope == scopeOne:
		f.repeat = repeatForm{}
	case e.Repeat.Count > 0:
		// The new series goes on for the occurrences left: the count
		// less those before this one (skipped ones count, as in iCal).
		st, err := s.app.Calendar(c.Request().Context())
		if err != nil {
			return err
		}
		all := e
		all.Repeat.Skipped, all.Repeat.Moved = "", ""
		f.repeat.count = jalali.FaNum(e.Repeat.Count - len(st.Cal.EventStarting(all, e.Start, occ.Start.AddDays(-1))))
	}
	return s.renderOccurrenceForm(c, http.StatusOK, f, nil, e, occ.Start, scope)
}

// renderOccurrenceForm renders the event form for occurrence day of e.
func (s *Server) renderOccurrenceForm(c echo.Context, status int, f eventForm, errs domain.ValidationError, e domain.Event, day jalali.Date, scope string) error {
	values := f.values()
	heading := "ویرایش نوبتِ " + day.Format() + " و نوبت‌های پس از آن"
	if scope == scopeOne {
		values["repeat_scope"] = scopeOne
		heading = "ویرایش فقط نوبتِ " + day.Format()
	}
	v := views.EventFormView{Values: values, Errors: eventInputs.messages(errs), Kinds: kindOptions(), Texts: eventTextRows(),
		Heading: heading, Action: scopedURL(views.EventURL(e.ID), day, scope), Submit: "ذخیرهٔ تغییرات",
		Cancel: views.EventOccurrenceURL(e.ID, day)}
	v.Page = s.page(c, v.Heading, "calendar")
	return s.render(c, status, views.EventForm(v))
}

// updateOccurrence saves the form of occurrence occ of series e: for scope
// one as an event standing in for it, for scope following as a new series
// from it on (the old one ending the day before).
func (s *Server) updateOccurrence(c echo.Context, e, occ domain.Event, scope string) error {
	if scope != scopeOne && scope != scopeFollowing {
		return echo.ErrNotFound
	}
	f := readEventForm(c)
	if scope == scopeOne {
		f.repeat = repeatForm{}
		occ.Repeat = domain.Repeat{}
	}
	day, changed := occ.Start, occ
	if errs := f.apply(&changed, s.today()); errs != nil {
		return s.renderOccurrenceForm(c, http.StatusUnprocessableEntity, f, errs, e, day, scope)
	}
	ctx := c.Request().Context()
	var err error
	if scope == scopeOne {
		err = s.app.OverrideOccurrence(ctx, e, day, &changed)
	} else {
		err = s.app.SplitSeries(ctx, e, day, &changed)
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, views.EventURL(changed.ID)+"?done=updated")
}

// confirmDeleteOccurrence asks whether to delete occurrence occ of series
// e alone, or with the following ones.
func (s *Server) confirmDeleteOccurrence(c echo.Context, e, occ domain.Event, scope string) error {
	what := "نوبتِ " + when(occ) + " از رویداد «" + e.Title + "» حذف شود؟ دیگر نوبت‌ها می‌مانند."
	if scope == scopeFollowing {
		what = "نوبتِ " + when(occ) + " از رویداد «" + e.Title + "» و همهٔ نوبت‌های پس از آن حذف شوند؟ نوبت‌های پیشین می‌مانند."
	} else if scope != scopeOne {
		return echo.ErrNotFound
	}
	return s.renderConfirmDelete(c, views.ConfirmDeleteView{Heading: "حذف نوبتی از رویداد", What: what,
		Action: scopedURL(views.EventDeleteURL(e.ID), occ.Start, scope), Cancel: views.EventOccurrenceURL(e.ID, occ.Start)}, "calendar")
}

// deleteOccurrence skips occurrence occ of series e (scope one) or ends
// the series before it (scope following).
func (s *Server) deleteOccurrence(c echo.Context, e, occ domain.Event, scope string) error {
	ctx := c.Request().Context()
	var err error
	switch scope {
	case scopeOne:
		err = s.app.SkipOccurrence(ctx, e, occ.Start)
	case scopeFollowing:
		err = s.app.EndSeriesBefore(ctx, e, occ.Start)
	default:
		return echo.ErrNotFound
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, views.MonthURL(occ.Start.Year, occ.Start.Month)+"?done=deleted")
}

// scoped hands a request about an occurrence and a scope (?on=&scope=) to
// fn: handled reports whether it did (else the request is about the
// event as a whole).
func (s *Server) scoped(c echo.Context, e domain.Event, fn func(c echo.Context, e, occ domain.Event, scope string) error) (handled bool, err error) {
	occ, scope, ok, err := s.occurrenceParam(c, e)
	if err != nil {
		return true, err
	}
	if !ok || scope == "" {
		return false, nil
	}
	return true, fn(c, e, occ, scope)
}

// occurrenceOf returns the part of e's page about an occurrence, and the
// page's dates: the occurrence's on the page of one (?on=), whenE else.
func (s *Server) occurrenceOf(c echo.Context, e domain.Event, whenE string) (views.OccurrenceView, string, error) {
	if !e.Of.IsZero() {
		v, err := s.overrideView(c, e)
		return v, whenE, err
	}
	occ, _, ok, err := s.occurrenceParam(c, e)
	if err != nil || !ok {
		return views.OccurrenceView{}, whenE, err
	}
	return occurrenceView(e, occ), when(occ), nil
}

// eventLink is where a calendar links an event it shows: for a series,
// the page of the occurrence shown (e's days are that occurrence's).
func eventLink(e domain.Event) string {
	if e.Repeats() && e.Dated() {
		return views.EventOccurrenceURL(e.ID, e.Start)
	}
	return views.EventURL(e.ID)
}
