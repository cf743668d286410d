package web

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/views"
)

// occasionFields are the occasion form's inputs.
var occasionFields = []string{"name", "month", "rule", "day", "weekday", "nth", "offset", "length", "year",
	"from_year", "to_year", "holiday", "province", "hidden", "aliases", "description"}

func (s *Server) handleNewOccasion(c echo.Context) error {
	return s.renderOccasionForm(c, http.StatusOK, occasionForm{"month": "jalali-1", "rule": string(domain.RuleDate),
		"day": "۱", "length": "۱", "offset": "0", "weekday": "6"}, nil, 0)
}

func (s *Server) handleCreateOccasion(c echo.Context) error {
	f := readOccasionForm(c)
	o, errs := f.occasion()
	if errs != nil {
		return s.renderOccasionForm(c, http.StatusUnprocessableEntity, f, errs, 0)
	}
	o.Key, o.Group = newOccasionKey(), domain.GroupOffice
	if err := s.store.CreateOccasion(c.Request().Context(), &o); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, s.occasionSavedURL(c, o))
}

// occasionSavedURL is where saving o lands: the occasions list of the
// month where o shows (the whole year if the calendar cannot be read).
func (s *Server) occasionSavedURL(c echo.Context, o domain.Occasion) string {
	st, err := s.calendarState(c.Request().Context())
	if err != nil {
		s.log.Error("occasion saved, but the calendar cannot be read to show it", "err", err)
		return views.OccasionsURL + "?done=occasion&month=all"
	}
	return occasionListURL(st.cal, o, s.today().Year, "occasion")
}

func (s *Server) handleEditOccasion(c echo.Context) error {
	o, err := s.occasionParam(c)
	if err != nil {
		return err
	}
	return s.renderOccasionForm(c, http.StatusOK, formOfOccasion(o), nil, o.ID)
}

// formOfOccasion fills the form with o.
func formOfOccasion(o domain.Occasion) occasionForm {
	num := func(n int) string {
		if n == 0 {
			return ""
		}
		return jalali.FaNum(n)
	}
	f := occasionForm{"name": o.Name, "month": string(o.Calendar) + "-" + strconv.Itoa(o.Month), "rule": string(o.Rule),
		"day": num(o.Day), "weekday": strconv.Itoa(int(o.Weekday)), "nth": num(o.Nth), "offset": strconv.Itoa(o.Offset),
		"length": num(o.Length), "year": num(o.Year), "from_year": num(o.FromYear), "to_year": num(o.ToYear),
		"province": o.Province, "aliases": strings.Join(o.Aliases, "\n"), "description": o.Description}
	if o.Holiday {
		f["holiday"] = "1"
	}
	if o.Hidden {
		f["hidden"] = "1"
	}
	return f
}

func (s *Server) handleUpdateOccasion(c echo.Context) error {
	old, err := s.occasionParam(c)
	if err != nil {
		return err
	}
	f := readOccasionForm(c)
	o, errs := f.occasion()
	if errs != nil {
		return s.renderOccasionForm(c, http.StatusUnprocessableEntity, f, errs, old.ID)
	}
	o.ID, o.Key, o.Group = old.ID, old.Key, old.Group
	if err := s.store.UpdateOccasion(c.Request().Context(), o); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, s.occasionSavedURL(c, o))
}

// newOccasionKey makes the key of an office's own occasion: random, so
// that two made at once (or under a test's fixed clock) never collide.
func newOccasionKey() string {
	var b [8]byte
	rand.Read(b[:]) // never fails on supported platforms
	return "user-" + hex.EncodeToString(b[:])
}

type occasionForm map[string]string

func readOccasionForm(c echo.Context) occasionForm {
	f := occasionForm{}
	for _, k := range occasionFields {
		f[k] = strings.TrimSpace(c.FormValue(k))
	}
	return f
}

// occasion reads the form into an occasion and validates it; the errors
// are Persian messages keyed by field.
func (f occasionForm) occasion() (domain.Occasion, domain.ValidationError) {
	errs := domain.ValidationError{}
	o := domain.Occasion{Name: f["name"], Holiday: f["holiday"] != "", Hidden: f["hidden"] != "",
		Province: cleanPlace(f["province"]), Description: f["description"], Aliases: aliasLines(f["aliases"])}
	// The month says the calendar: "hijri-9" is Ramadan; a bare number is a
	// Jalali month, and a missing rule a yearly day (forms of old pages).
	cal, month, ok := strings.Cut(f["month"], "-")
	if !ok {
		cal, month = string(domain.CalJalali), f["month"]
	}
	o.Calendar, o.Rule = domain.CalendarSystem(cal), domain.RuleKind(f["rule"])
	if o.Rule == "" {
		o.Rule = domain.RuleDate
	}
	if m, err := strconv.Atoi(jalali.LatinDigits(month)); err == nil {
		o.Month = m
	}
	numbers := []struct {
		field string
		dst   *int
		def   int
	}{{"day", &o.Day, 0}, {"nth", &o.Nth, 0}, {"length", &o.Length, 1}, {"year", &o.Year, 0},
		{"from_year", &o.FromYear, 0}, {"to_year", &o.ToYear, 0}}
	for _, n := range numbers {
		v := f[n.field]
		if v == "" {
			*n.dst = n.def
			continue
		}
		var err error
		if *n.dst, err = atoi(v); err != nil {
			errs[n.field] = "این خانه را با عدد بنویسید."
			*n.dst = n.def
		}
	}
	if w, err := strconv.Atoi(f["weekday"]); err == nil {
		o.Weekday = jalali.Weekday(w)
	} else if o.Rule == domain.RuleNthWeekday || o.Rule == domain.RuleLastWeekday {
		errs["weekday"] = "روز هفته را از فهرست انتخاب کنید."
	}
	if off, err := strconv.Atoi(f["offset"]); err == nil || f["offset"] == "" {
		o.Offset = off
	} else {
		errs["offset"] = "جابه‌جایی را از فهرست انتخاب کنید."
	}
	// The form sends every field whatever the rule (a weekday beside a day
	// of the month); only the rule's own are kept, so that the occasion
	// matches the catalogue's same one.
	o.Normalize()
	if verr, ok := o.Validate().(domain.ValidationError); ok {
		for k, msg := range verr {
			if errs[k] == "" {
				errs[k] = msg
			}
		}
	}
	if len(errs) == 0 {
		return o, nil
	}
	return o, errs
}

// aliasLines reads one phrasing a line, without blanks or repeats.
func aliasLines(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" && !seen[line] {
			seen[line] = true
			out = append(out, line)
		}
	}
	return out
}

func (s *Server) renderOccasionForm(c echo.Context, status int, f occasionForm, errs domain.ValidationError, id int64) error {
	v := views.OccasionFormView{Values: f, Errors: errs, Heading: "مناسبت تازه", Action: views.OccasionsURL,
		MonthGroups: monthGroups(), Rules: ruleOptions(), Weekdays: weekdayOptions(), Offsets: offsetOptions()}
	if id != 0 {
		v.Heading, v.Action = "ویرایش مناسبت", views.OccasionURL(id)
	}
	v.Page = s.page(c, v.Heading, "occasions")
	return s.render(c, status, views.OccasionForm(v))
}

// monthGroups offers every month of the three calendars; the month chosen
// says the calendar too ("hijri-9" is Ramadan).
func monthGroups() []views.OptionGroup {
	groups := []struct {
		cal   domain.CalendarSystem
		label string
	}{{domain.CalJalali, "ماه‌های خورشیدی"}, {domain.CalHijri, "ماه‌های قمری"}, {domain.CalGregorian, "ماه‌های میلادی"}}
	out := make([]views.OptionGroup, 0, len(groups))
	for _, g := range groups {
		og := views.OptionGroup{Label: g.label}
		for m := 1; m <= 12; m++ {
			og.Options = append(og.Options, views.Option{Value: string(g.cal) + "-" + strconv.Itoa(m), Label: calendar.MonthName(g.cal, m)})
		}
		out = append(out, og)
	}
	return out
}

func ruleOptions() []views.Option {
	out := make([]views.Option, 0, len(domain.Rules))
	for _, r := range domain.Rules {
		out = append(out, views.Option{Value: string(r), Label: r.Label()})
	}
	return out
}

func weekdayOptions() []views.Option {
	out := make([]views.Option, 0, 7)
	for w := jalali.Saturday; w <= jalali.Friday; w++ {
		out = append(out, views.Option{Value: strconv.Itoa(int(w)), Label: w.String()})
	}
	return out
}

func offsetOptions() []views.Option {
	var out []views.Option
	for n := -domain.MaxOffset; n <= domain.MaxOffset; n++ {
		label := "همان روز"
		switch {
		case n < 0:
			label = jalali.FaNum(-n) + " روز پیش از آن"
		case n > 0:
			label = jalali.FaNum(n) + " روز پس از آن"
		}
		out = append(out, views.Option{Value: strconv.Itoa(n), Label: label})
	}
	return out
}
