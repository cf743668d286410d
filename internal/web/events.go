package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/views"
)

func (s *Server) handleEvent(c echo.Context) error {
	// The router cannot tell /events/12 from /events/12.ics.
	if id, ok := strings.CutSuffix(c.Param("id"), ".ics"); ok {
		c.SetParamValues(id)
		return s.handleEventFeed(c)
	}
	e, err := s.eventParam(c)
	if err != nil {
		return err
	}
	v := views.EventView{
		ID: e.ID, Title: e.Title, KindName: e.Kind.Label(), Status: e.Status.Label(),
		Proposed: e.Status == domain.StatusProposed, When: when(e), Repeats: e.Repeats(),
		Description: e.Description, Details: eventDetails(e),
		ReviewNote: e.ReviewNote, Dated: e.Dated(),
		EditURL: views.EventEditURL(e.ID), DeleteURL: views.EventDeleteURL(e.ID),
		MonthURL: views.HomeURL,
	}
	if v.Occurrence, v.When, err = s.occurrenceOf(c, e, v.When); err != nil {
		return err
	}
	if e.Dated() {
		q := ""
		if e.Status == domain.StatusProposed {
			q = "?proposed=1"
		}
		v.MonthURL = views.MonthURL(e.Start.Year, e.Start.Month) + q
		v.ICSURL = views.EventICSURL(e.ID) + "?download=1"
		if n := e.Days(); n > 1 {
			v.Days = jalali.FaNum(n) + " روز"
		}
		if e.Repeats() {
			st, err := s.app.Calendar(c.Request().Context())
			if err != nil {
				return err
			}
			v.Recurrence, v.Next = s.recurrence(st.Cal, e)
		}
	}
	v.Page = s.page(c, e.Title, "calendar")
	// The article it was mined from is a draft's; the forms are a writer's.
	if v.Drafts {
		if v.ArticleTitle, v.ArticleURL, v.Evidence, err = s.evidence(c, e); err != nil {
			return err
		}
	}
	if !v.Writer {
		v.EditURL, v.DeleteURL = "", ""
	}
	return s.render(c, http.StatusOK, views.EventPage(v))
}

func (s *Server) handleNewEvent(c echo.Context) error {
	f := eventForm{kind: string(domain.KindMeeting)}
	if d, err := parseDate(c.QueryParam("date"), s.today()); err == nil {
		f.start = d.FormatNumeric()
	}
	return s.renderEventForm(c, http.StatusOK, f, nil, domain.Event{})
}

func (s *Server) handleCreateEvent(c echo.Context) error {
	f := readEventForm(c)
	e := domain.Event{Status: domain.StatusConfirmed}
	if errs := f.apply(&e, s.today()); errs != nil {
		return s.renderEventForm(c, http.StatusUnprocessableEntity, f, errs, domain.Event{})
	}
	if err := s.app.SaveEvent(c.Request().Context(), &e); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, views.EventURL(e.ID)+"?done=created")
}

func (s *Server) handleEditEvent(c echo.Context) error {
	e, err := s.eventParam(c)
	if err != nil {
		return err
	}
	if done, err := s.scoped(c, e, s.editOccurrence); done {
		return err
	}
	return s.renderEventForm(c, http.StatusOK, formFromEvent(e), nil, e)
}

// confirming reports whether an edit form is the review's "edit, then
// confirm": saving it confirms the event.
func confirming(c echo.Context) bool { return c.QueryParam("confirm") == "1" }

func (s *Server) handleUpdateEvent(c echo.Context) error {
	e, err := s.eventParam(c)
	if err != nil {
		return err
	}
	if done, err := s.scoped(c, e, s.updateOccurrence); done {
		return err
	}
	// The review queue's filter, which the next event to review comes from.
	q, err := readReviewQuery(c.QueryParam)
	if err != nil {
		return err
	}
	before, f := e, readEventForm(c)
	if confirming(c) {
		e.Status = domain.StatusConfirmed
	}
	if errs := f.apply(&e, s.today()); errs != nil {
		return s.renderEventForm(c, http.StatusUnprocessableEntity, f, errs, before)
	}
	if err := s.app.SaveEvent(c.Request().Context(), &e); err != nil {
		return err
	}
	if !confirming(c) {
		return c.Redirect(http.StatusSeeOther, views.EventURL(e.ID)+"?done=updated")
	}
	// Open the event that followed this one in the queue, where it stood.
	next, err := s.app.NextProposed(c.Request().Context(), q.filter, before)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		return c.Redirect(http.StatusSeeOther, q.url(false, url.Values{"done": {"confirmed-last"}}))
	case err != nil:
		return err
	}
	return c.Redirect(http.StatusSeeOther, reviewEditURL(next.ID, q, "confirmed-next"))
}

func (s *Server) handleDeleteEvent(c echo.Context) error {
	e, err := s.eventParam(c)
	if err != nil {
		return err
	}
	if done, err := s.scoped(c, e, s.deleteOccurrence); done {
		return err
	}
	if err := s.app.DeleteEvent(c.Request().Context(), e.ID); err != nil {
		return err
	}
	to := views.HomeURL + "?done=deleted"
	if e.Dated() {
		to = views.MonthURL(e.Start.Year, e.Start.Month) + "?done=deleted"
	}
	return c.Redirect(http.StatusSeeOther, to)
}

// recurrence describes a series' rule (calendar.DescribeRepeat) and names
// its coming (or current) occurrence. Each occurrence keeps the first
// one's length, so a yearly one that crosses the end of Esfand ends a day
// later or earlier in Farvardin as Esfand has 29 or 30 days; the page says
// so.
func (s *Server) recurrence(cal *calendar.Calendar, e domain.Event) (rule, next string) {
	rule = cal.DescribeRepeat(e)
	if e.Repeat.Kind == domain.RepeatYearly && e.Days() > 1 {
		rule += " (هر سال همین تعداد روز، پس اگر از اسفند بگذرد، روز پایانش با ۲۹ یا ۳۰ روزه بودن اسفند جابه‌جا می‌شود)"
	}
	today := s.today()
	if occ, ok := cal.EventOccurrence(e, today, today.AddDays(4*366)); ok {
		next = when(occ)
	}
	return rule, next
}

// eventParam loads the event named by :id as the reader sees it
// (app.EventFor): a deleted one is its 410 page, a draft a 404 to those
// who may not see drafts.
func (s *Server) eventParam(c echo.Context) (domain.Event, error) {
	return byID(c, func(ctx context.Context, id int64) (domain.Event, error) { return s.app.EventFor(ctx, id, s.drafts(c)) })
}

// byID loads the record named by :id through load: a malformed id, or one
// not stored, is a 404.
func byID[T any](c echo.Context, load func(context.Context, int64) (T, error)) (T, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		var zero T
		return zero, echo.ErrNotFound
	}
	v, err := load(c.Request().Context(), id)
	if errors.Is(err, domain.ErrNotFound) {
		return v, echo.ErrNotFound
	}
	return v, err
}

// renderEventForm renders the event form: a new event's when e is zero,
// else stored event e's, and its review's "edit, then confirm" (with the
// sentence that supports the event above the form) when confirming.
func (s *Server) renderEventForm(c echo.Context, status int, f eventForm, errs domain.ValidationError, e domain.Event) error {
	id := e.ID
	v := views.EventFormView{Values: f.values(), Errors: eventInputs.messages(errs), Kinds: kindOptions(), Texts: eventTextRows(),
		Heading: "رویداد تازه", Action: views.EventsURL, Submit: "ذخیرهٔ رویداد", Cancel: views.HomeURL,
		Reminders: reminderChoices(f.reminders)}
	if id != 0 {
		v.Heading, v.Action, v.Submit, v.Cancel = "ویرایش رویداد", views.EventURL(id), "ذخیرهٔ تغییرات", views.EventURL(id)
	}
	if id != 0 && confirming(c) {
		q, err := readReviewQuery(c.QueryParam)
		if err != nil {
			return err
		}
		action := q.values(false)
		action.Set("confirm", "1")
		v.Heading, v.Action, v.Submit, v.Cancel = "ویرایش و تأیید رویداد", views.EventURL(id)+encode(action), "ذخیره و تأیید", q.url(false, nil)
		v.Confirming, v.ReviewNote = true, e.ReviewNote
		if v.ArticleTitle, v.ArticleURL, v.Evidence, err = s.evidence(c, e); err != nil {
			return err
		}
	}
	v.Page = s.page(c, v.Heading, "new")
	switch {
	case v.Confirming:
		v.Page.Nav = "review"
	case id != 0:
		v.Page.Nav = "calendar"
	}
	return s.render(c, status, views.EventForm(v))
}

// evidence returns the title and address of the article e was mined from
// (at e's evidence when it has some) and that evidence: the sentence that
// supports e. All are "" for an event typed in or whose article is gone.
func (s *Server) evidence(c echo.Context, e domain.Event) (title, link, sentence string, err error) {
	if e.ArticleID == 0 {
		return "", "", "", nil
	}
	a, err := s.app.Article(c.Request().Context(), e.ArticleID)
	if errors.Is(err, domain.ErrNotFound) {
		return "", "", "", nil
	}
	if err != nil {
		return "", "", "", err
	}
	link = views.ArticleURL(a.ID)
	if sentence = sentenceOf(e, a.Text); sentence != "" {
		link += "#" + evidenceAnchor(e.ID)
	}
	return a.Title, link, sentence, nil
}
