package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"

	"github.com/ruydad/ruydad/internal/app"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/views"
)

// MonthRenderer returns a function that builds and renders a month page
// without HTTP, for benchmarks: the occasions placed by one almanac (as the
// server keeps one per data version).
func MonthRenderer(occasions []domain.Occasion) func(ctx context.Context, w io.Writer, g jalali.Grid, events []domain.Brief, today jalali.Date) error {
	st := app.NewCalendarState(occasions, calendar.Official())
	return func(ctx context.Context, w io.Writer, g jalali.Grid, events []domain.Brief, today jalali.Date) error {
		return views.MonthPage(buildMonth(g, events, st, today, today, calFilter{}, nil)).Render(ctx, w)
	}
}

// EventFields lists the event form's field names, in form order.
var EventFields = eventFields

// StripBidi and CleanPlace are the event form's cleaning of dates and times
// (bidi marks dropped) and of province and organization.
var (
	StripBidi  = stripBidi
	CleanPlace = cleanPlace
)

// FormToday is the day PostEventForm reads a date without its year in.
var FormToday = jalali.MustNew(1405, 9, 14)

// ShownDate and ShownClock are a typed date and time as the form shows them
// again.
var ShownDate, ShownClock = shownDate, shownClock

// MaxFormBytes is the body limit of the event form (see routes).
const MaxFormBytes = maxFormBytes

var formEcho = echo.New()

// PostEventForm runs a request to POST /events through the steps the
// create handler takes before storing: the bounded form parsing of the
// readForm middleware (err is its 413 or 400), then readEventForm and apply on a new
// confirmed event. form is the form as read, which the handler re-renders
// with errs when errs is not nil.
func PostEventForm(r *http.Request) (e domain.Event, form, errs map[string]string, err error) {
	c := formEcho.NewContext(r, httptest.NewRecorder())
	if err := parseForm(c.Response(), r, maxFormBytes); err != nil {
		return e, nil, nil, err
	}
	f := readEventForm(c)
	e = domain.Event{Status: domain.StatusConfirmed}
	errs = eventInputs.messages(f.apply(&e, FormToday))
	return e, f.values(), errs, nil
}

// EventFormValues returns the edit form filled with e, as a browser posts it
// back unchanged.
func EventFormValues(e domain.Event) url.Values {
	v := url.Values{}
	for k, s := range formFromEvent(e).values() {
		v.Set(k, s)
	}
	return v
}

// RenderEventForm renders the event form re-displayed with the user's input
// and the Persian messages, as the create handler does after errors.
func RenderEventForm(w io.Writer, form, errs map[string]string) error {
	v := views.EventFormView{Values: form, Errors: errs, Kinds: kindOptions(), Texts: eventTextRows(),
		Heading: "رویداد تازه", Action: views.EventsURL, Submit: "ذخیرهٔ رویداد", Cancel: views.HomeURL}
	return views.EventForm(v).Render(context.Background(), w)
}
