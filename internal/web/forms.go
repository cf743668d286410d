package web

import (
	"errors"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/locale"
	"github.com/ruydad/ruydad/internal/persian"
	"github.com/ruydad/ruydad/views"
)

// eventForm is the event form as typed: strings, not yet trusted.
type eventForm struct {
	title, kind                    string
	start, end, startTime, endTime string
	description                    string
	texts                          []string // of eventTexts, in order
	repeat                         repeatForm
	reminders                      string // the ticked reminders' minutes, comma-separated
}

// eventText is one of the event form's plain text inputs: its name and
// label, the field of an event it is read into and filled from, and how a
// typed value is cleaned. A plain field of events is one line here: the
// form, the event's page (its details) and the form's errors follow.
type eventText struct {
	input, label string
	field        domain.Field
	value        func(*domain.Event) *string
	clean        func(string) string
	pair         bool // shares a row of the form with the next
}

var eventTexts = []eventText{
	{"location", "مکان", domain.FieldLocation, func(e *domain.Event) *string { return &e.Location }, strings.TrimSpace, false},
	{"province", "استان", domain.FieldProvince, func(e *domain.Event) *string { return &e.Province }, cleanPlace, true},
	{"organization", "سازمان", domain.FieldOrganization, func(e *domain.Event) *string { return &e.Organization }, cleanPlace, false},
	{"owner", "مسئول", domain.FieldOwner, func(e *domain.Event) *string { return &e.Owner }, strings.TrimSpace, false},
}

// inputs lists the form's inputs, in form order, each with its value.
func (f *eventForm) inputs() []formInput {
	if f.texts == nil {
		f.texts = make([]string, len(eventTexts))
	}
	in := []formInput{{"title", &f.title}, {"kind", &f.kind}, {"start", &f.start}, {"end", &f.end},
		{"start_time", &f.startTime}, {"end_time", &f.endTime}, {"description", &f.description}}
	for i, t := range eventTexts {
		in = append(in, formInput{t.input, &f.texts[i]})
	}
	return append(append(in, f.repeat.inputs()...), formInput{"reminders", &f.reminders})
}

// eventTextRows returns the text inputs as the form lays them out: a row
// each, or two side by side.
func eventTextRows() [][]views.TextInput {
	var rows [][]views.TextInput
	for i := 0; i < len(eventTexts); i++ {
		row := []views.TextInput{{Name: eventTexts[i].input, Label: eventTexts[i].label}}
		if eventTexts[i].pair && i+1 < len(eventTexts) {
			i++
			row = append(row, views.TextInput{Name: eventTexts[i].input, Label: eventTexts[i].label})
		}
		rows = append(rows, row)
	}
	return rows
}

// eventDetails returns e's text fields as its page lists them: label and
// value, the empty ones left out.
func eventDetails(e domain.Event) []views.Detail {
	var out []views.Detail
	for _, t := range eventTexts {
		if v := *t.value(&e); v != "" {
			out = append(out, views.Detail{Label: t.label, Value: v})
		}
	}
	return append(out, reminderDetail(e)...)
}

// eventFields are the event form's input names, in form order.
var eventFields = inputNamesOf((&eventForm{}).inputs())

// readEventForm reads the posted fields, trimmed (readForm has made them
// valid UTF-8).
func readEventForm(c echo.Context) eventForm {
	var f eventForm
	readInputs(c, f.inputs())
	f.reminders = formReminders(c) // several checkboxes of one name
	f.repeat.read(c)
	return f
}

// values returns the form as its view shows it: the value of each input by
// name.
func (f eventForm) values() map[string]string { return inputValues(f.inputs()) }

// formInput is an input of a form: its name, and where the form keeps its
// value.
type formInput struct {
	name  string
	value *string
}

// readInputs reads the posted value of each input, trimmed.
func readInputs(c echo.Context, inputs []formInput) {
	for _, in := range inputs {
		*in.value = strings.TrimSpace(c.FormValue(in.name))
	}
}

// inputValues returns the value of each input by name, as the form's view
// model wants them.
func inputValues(inputs []formInput) map[string]string {
	out := make(map[string]string, len(inputs))
	for _, in := range inputs {
		out[in.name] = *in.value
	}
	return out
}

func inputNamesOf(inputs []formInput) []string {
	out := make([]string, len(inputs))
	for i, in := range inputs {
		out[i] = in.name
	}
	return out
}

// stripBidi drops the bidi marks that come along when Persian text is
// copied (LRM, RLM, ALM, the embeddings, overrides and isolates), so that a
// date, time or number pasted from a document reads as typed.
func stripBidi(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		switch {
		case r == 0x200E, r == 0x200F, r == 0x061C, r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
			return -1
		}
		return r
	}, s))
}

// parseDate reads a date as typed in a form, bidi marks ignored: Jalali in
// any of the ways people write it (۲۵ آذر ۱۴۰۵, 1405.9.25, 25/09/1405), a
// date without its year in today's, or Gregorian when its year says so
// (jalali.ParseTypedAt).
func parseDate(s string, today jalali.Date) (jalali.Date, error) {
	return jalali.ParseTypedAt(stripBidi(s), today)
}

// dateError is what is wrong with a date typed in field f that parseDate
// could not read (err): the day it names does not exist, or its weekday is
// not the date's, or else it is no date, which the field's own unreadable
// code says.
func dateError(f domain.Field, unreadable domain.Code, err error) domain.FieldError {
	var day *jalali.DayError
	var weekday *jalali.WeekdayError
	switch {
	case errors.As(err, &day):
		cal := domain.CalJalali
		if day.Gregorian {
			cal = domain.CalGregorian
		}
		return domain.FieldError{Field: f, Code: domain.CodeNoSuchDay, Calendar: cal, Year: day.Year, Month: day.Month,
			Day: day.Day, Max: day.Days()}
	case errors.As(err, &weekday):
		d := weekday.Date
		return domain.FieldError{Field: f, Code: domain.CodeWrongWeekday, Calendar: domain.CalJalali, Year: d.Year, Month: d.Month, Day: d.Day}
	}
	return domain.FieldError{Field: f, Code: unreadable}
}

// shownDate is a typed date as its field shows it again: the date read, in
// Persian digits (۱۴۰۵/۰۹/۲۵), or the text as typed, its digits Persian,
// when it cannot be read.
func shownDate(s string, today jalali.Date) string {
	if d, err := parseDate(s, today); err == nil {
		return d.FormatNumeric()
	}
	return jalali.FaDigits(jalali.LatinDigits(s))
}

// shownClock is a typed time as its field shows it again: HH:MM in Persian
// digits, or the text as typed, its digits Persian, when it cannot be read.
func shownClock(s string) string {
	if t, ok := parseClock(s); ok {
		return jalali.FaDigits(t)
	}
	return jalali.FaDigits(jalali.LatinDigits(s))
}

// cleanPlace is a province or organization as events store it and as the
// calendar filters by it: Arabic letter forms made Persian (ك→ک, ي→ی),
// Persian digits, single spaces, no bidi marks or diacritics, as the miner
// stores the ones it finds (persian.Clean). Typed values and filter values go
// through it alike, so that «كرمانشاه» finds «کرمانشاه».
func cleanPlace(s string) string { return strings.TrimSpace(persian.Clean(s)) }

// formFromEvent fills the form with a stored event, for editing.
func formFromEvent(e domain.Event) eventForm {
	f := eventForm{
		title: e.Title, kind: string(e.Kind), startTime: jalali.FaDigits(e.StartTime), endTime: jalali.FaDigits(e.EndTime),
		description: e.Description,
		texts:       make([]string, len(eventTexts)),
	}
	for i, t := range eventTexts {
		f.texts[i] = *t.value(&e)
	}
	if e.Dated() {
		f.start = e.Start.FormatNumeric()
		if e.End != e.Start {
			f.end = e.End.FormatNumeric()
		}
	}
	f.repeat = repeatFormOf(e.Repeat)
	f.reminders = string(e.Reminders)
	return f
}

// parseClock reads a time as typed in a form (9:30, ۰۹:۳۰, ۹ و نیم, ۵ عصر:
// jalali.ParseClock), bidi marks ignored, as "09:30"; "" stays "".
func parseClock(s string) (string, bool) { return jalali.ParseClock(stripBidi(s)) }

// apply parses the form into e's editable fields and validates the result,
// a date without its year taken in today's. It returns what is wrong, the
// form's own reading first, or nil. The form's dates and times are left as
// their fields show them again (shownDate, shownClock).
func (f *eventForm) apply(e *domain.Event, today jalali.Date) domain.ValidationError {
	var errs domain.ValidationError
	e.Title, e.Kind, e.Description = f.title, domain.Kind(f.kind), f.description
	for i, t := range eventTexts {
		*t.value(e) = t.clean(f.texts[i])
	}
	applyReminders(f.reminders, e, &errs)
	switch start, err := parseDate(f.start, today); {
	case stripBidi(f.start) == "":
		errs.Set(domain.FieldError{Field: domain.FieldStart, Code: domain.CodeStartMissing})
	case err != nil:
		errs.Set(dateError(domain.FieldStart, domain.CodeStartUnreadable, err))
	default:
		e.Start, e.End = start, start
	}
	if stripBidi(f.end) != "" {
		end, err := parseDate(f.end, today)
		if err != nil {
			errs.Set(dateError(domain.FieldEnd, domain.CodeEndUnreadable, err))
		} else {
			e.End = end
		}
	}
	var ok bool
	if e.StartTime, ok = parseClock(f.startTime); !ok {
		errs.Set(domain.FieldError{Field: domain.FieldStartTime, Code: domain.CodeStartTimeFormat})
	}
	if e.EndTime, ok = parseClock(f.endTime); !ok {
		errs.Set(domain.FieldError{Field: domain.FieldEndTime, Code: domain.CodeEndTimeFormat})
	}
	f.repeat.apply(e, today, &errs)
	if f.start != "" {
		f.start = shownDate(f.start, today)
	}
	if f.end != "" {
		f.end = shownDate(f.end, today)
	}
	f.startTime, f.endTime = shownClock(f.startTime), shownClock(f.endTime)
	if verr, isV := e.Validate().(domain.ValidationError); isV {
		for _, fe := range verr {
			errs.Add(fe)
		}
	}
	return errs
}

// eventInputs names the event form's input for each field of an event.
var eventInputs = func() inputNames {
	names := inputNames{
		domain.FieldTitle: "title", domain.FieldKind: "kind", domain.FieldStart: "start", domain.FieldEnd: "end",
		domain.FieldStartTime: "start_time", domain.FieldEndTime: "end_time", domain.FieldDescription: "description",
		domain.FieldReminders: "reminders",
	}
	for _, t := range eventTexts {
		names[t.field] = t.input
	}
	for f, in := range repeatInputs {
		names[f] = in
	}
	return names
}()

// inputNames maps the fields of a record to the names of a form's inputs,
// beside which their errors show.
type inputNames map[domain.Field]string

// messages words v's errors in Persian (internal/locale), keyed by the name
// of the input each shows beside, as a form's view model wants them; nil
// when v is empty. An error on a field the form has no input for is kept
// under the field's own name, so that the form still counts it.
func (in inputNames) messages(v domain.ValidationError) map[string]string {
	if len(v) == 0 {
		return nil
	}
	out := make(map[string]string, len(v))
	for _, e := range v {
		name, ok := in[e.Field]
		if !ok {
			name = string(e.Field)
		}
		if out[name] == "" {
			out[name] = locale.FieldMessage(e)
		}
	}
	return out
}

func kindOptions() []views.Option {
	opts := make([]views.Option, 0, len(domain.Kinds))
	for _, k := range domain.Kinds {
		opts = append(opts, views.Option{Value: string(k), Label: k.Label()})
	}
	return opts
}
