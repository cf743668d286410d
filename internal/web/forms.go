package web

import (
	"regexp"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/views"
)

// eventFields are the event form's field names, in form order.
var eventFields = []string{"title", "kind", "start", "end", "start_time", "end_time", "description", "location", "province", "organization", "yearly"}

// eventForm is the event form as typed: strings, not yet trusted.
type eventForm map[string]string

// readEventForm reads the posted fields, trimmed. Bytes that are not UTF-8
// (no browser sends them) become U+FFFD here, because the .ics and JSON
// writers would replace them anyway and the .ics reader refuses them: an
// event stored with them would not survive an export and import.
func readEventForm(c echo.Context) eventForm {
	f := eventForm{}
	for _, k := range eventFields {
		f[k] = strings.ToValidUTF8(strings.TrimSpace(c.FormValue(k)), "\uFFFD")
	}
	return f
}

// formFromEvent fills the form with a stored event, for editing.
func formFromEvent(e domain.Event) eventForm {
	f := eventForm{
		"title": e.Title, "kind": string(e.Kind), "start_time": e.StartTime, "end_time": e.EndTime,
		"description": e.Description, "location": e.Location, "province": e.Province, "organization": e.Organization,
	}
	if e.Dated() {
		f["start"] = e.Start.String()
		if e.End != e.Start {
			f["end"] = e.End.String()
		}
	}
	if e.Yearly {
		f["yearly"] = "1"
	}
	return f
}

var clockRE = regexp.MustCompile(`^([0-9]{1,2})\s*[:٫.]\s*([0-9]{2})$`)

// parseClock reads 9:30, ۰۹:۳۰ or 09.30 as "09:30"; "" stays "".
func parseClock(s string) (string, bool) {
	s = jalali.LatinDigits(strings.TrimSpace(s))
	if s == "" {
		return "", true
	}
	m := clockRE.FindStringSubmatch(s)
	if m == nil {
		return s, false
	}
	t := m[1] + ":" + m[2]
	if len(m[1]) == 1 {
		t = "0" + t
	}
	return t, domain.ValidTime(t)
}

// apply parses the form into e's editable fields and validates the result.
// It returns Persian messages keyed by field, or nil.
func (f eventForm) apply(e *domain.Event) domain.ValidationError {
	errs := domain.ValidationError{}
	e.Title, e.Kind, e.Description = f["title"], domain.Kind(f["kind"]), f["description"]
	e.Location, e.Province, e.Organization = f["location"], f["province"], f["organization"]
	e.Yearly = f["yearly"] != ""
	switch start, err := jalali.Parse(f["start"]); {
	case f["start"] == "":
		errs["start"] = "تاریخ شروع را بنویسید، مثل ۱۴۰۳/۰۲/۲۷."
	case err != nil:
		errs["start"] = "این تاریخ در تقویم جلالی وجود ندارد یا درست نوشته نشده است؛ مثل ۱۴۰۳/۰۲/۲۷ بنویسید."
	default:
		e.Start, e.End = start, start
	}
	if f["end"] != "" {
		end, err := jalali.Parse(f["end"])
		if err != nil {
			errs["end"] = "تاریخ پایان در تقویم جلالی وجود ندارد یا درست نوشته نشده است."
		} else {
			e.End = end
		}
	}
	var ok bool
	if e.StartTime, ok = parseClock(f["start_time"]); !ok {
		errs["start_time"] = "ساعت شروع را به شکل ۰۹:۳۰ بنویسید."
	}
	if e.EndTime, ok = parseClock(f["end_time"]); !ok {
		errs["end_time"] = "ساعت پایان را به شکل ۱۷:۰۰ بنویسید."
	}
	if err, isV := e.Validate().(domain.ValidationError); isV {
		for k, msg := range err {
			if errs[k] == "" {
				errs[k] = msg
			}
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

func kindOptions() []views.Option {
	opts := make([]views.Option, 0, len(domain.Kinds))
	for _, k := range domain.Kinds {
		opts = append(opts, views.Option{Value: string(k), Label: k.Label()})
	}
	return opts
}
