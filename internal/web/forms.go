package web

import (
	"regexp"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/persian"
	"github.com/ruydad/ruydad/views"
)

// eventFields are the event form's field names, in form order.
var eventFields = []string{"title", "kind", "start", "end", "start_time", "end_time", "description", "location", "province", "organization", "yearly"}

// eventForm is the event form as typed: strings, not yet trusted.
type eventForm map[string]string

// readEventForm reads the posted fields, trimmed (readForm has made them
// valid UTF-8).
func readEventForm(c echo.Context) eventForm {
	f := eventForm{}
	for _, k := range eventFields {
		f[k] = strings.TrimSpace(c.FormValue(k))
	}
	return f
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

// parseDate reads a Jalali date as typed in a form: any digits, bidi marks
// ignored.
func parseDate(s string) (jalali.Date, error) { return jalali.Parse(stripBidi(s)) }

// cleanPlace is a province or organization as events store it and as the
// calendar filters by it: Arabic letter forms made Persian (ك→ک, ي→ی),
// Persian digits, single spaces, no bidi marks or diacritics, as the miner
// stores the ones it finds (persian.Clean). Typed values and filter values go
// through it alike, so that «كرمانشاه» finds «کرمانشاه».
func cleanPlace(s string) string { return strings.TrimSpace(persian.Clean(s)) }

// formFromEvent fills the form with a stored event, for editing.
func formFromEvent(e domain.Event) eventForm {
	f := eventForm{
		"title": e.Title, "kind": string(e.Kind), "start_time": e.StartTime, "end_time": e.EndTime,
		"description": e.Description, "location": e.Location, "province": e.Province, "organization": e.Organization,
	}
	if e.Dated() {
		f["start"] = e.Start.FormatNumeric()
		if e.End != e.Start {
			f["end"] = e.End.FormatNumeric()
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
	s = jalali.LatinDigits(stripBidi(s))
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
	e.Location, e.Province, e.Organization = f["location"], cleanPlace(f["province"]), cleanPlace(f["organization"])
	e.Yearly = f["yearly"] != ""
	switch start, err := parseDate(f["start"]); {
	case stripBidi(f["start"]) == "":
		errs["start"] = "تاریخ شروع را بنویسید، مثل ۱۴۰۳/۰۲/۲۷."
	case err != nil:
		errs["start"] = "این تاریخ در تقویم جلالی وجود ندارد یا درست نوشته نشده است؛ مثل ۱۴۰۳/۰۲/۲۷ بنویسید."
	default:
		e.Start, e.End = start, start
	}
	if stripBidi(f["end"]) != "" {
		end, err := parseDate(f["end"])
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
