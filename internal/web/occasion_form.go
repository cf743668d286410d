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

func (s *Server) handleNewOccasion(c echo.Context) error {
	return s.renderOccasionForm(c, http.StatusOK, occasionForm{month: "jalali-1", rule: string(domain.RuleDate),
		day: "۱", length: "۱", offset: "0", weekday: "6"}, nil, 0)
}

func (s *Server) handleCreateOccasion(c echo.Context) error {
	f := readOccasionForm(c)
	o, errs := f.occasion()
	if errs != nil {
		return s.renderOccasionForm(c, http.StatusUnprocessableEntity, f, errs, 0)
	}
	o.Key, o.Group = newOccasionKey(), domain.GroupOffice
	if err := s.app.CreateOccasion(c.Request().Context(), &o); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, s.occasionSavedURL(c, o))
}

// occasionSavedURL is where saving o lands: the occasions list of the
// month where o shows (the whole year if the calendar cannot be read).
func (s *Server) occasionSavedURL(c echo.Context, o domain.Occasion) string {
	st, err := s.app.Calendar(c.Request().Context())
	if err != nil {
		s.log.Error("occasion saved, but the calendar cannot be read to show it", "err", err)
		return views.OccasionsURL + "?done=occasion&month=all"
	}
	return occasionListURL(st.Cal, o, s.today().Year, "occasion")
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
	f := occasionForm{name: o.Name, month: string(o.Calendar) + "-" + strconv.Itoa(o.Month), rule: string(o.Rule),
		day: num(o.Day), weekday: strconv.Itoa(int(o.Weekday)), nth: num(o.Nth), offset: strconv.Itoa(o.Offset),
		length: num(o.Length), year: num(o.Year), fromYear: num(o.FromYear), toYear: num(o.ToYear),
		province: o.Province, aliases: strings.Join(o.Aliases, "\n"), description: o.Description}
	if o.Holiday {
		f.holiday = "1"
	}
	if o.Hidden {
		f.hidden = "1"
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
	if err := s.app.UpdateOccasion(c.Request().Context(), o); err != nil {
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

// occasionForm is the occasion form as typed: strings, not yet trusted.
type occasionForm struct {
	name                           string
	month, rule, day, weekday, nth string // month says the calendar too: "hijri-9" is Ramadan
	offset, length, year           string
	fromYear, toYear               string
	holiday, hidden                string // "1" when ticked
	province, aliases, description string
}

// inputs lists the form's inputs, in form order, each with its value.
func (f *occasionForm) inputs() []formInput {
	return []formInput{{"name", &f.name}, {"month", &f.month}, {"rule", &f.rule}, {"day", &f.day},
		{"weekday", &f.weekday}, {"nth", &f.nth}, {"offset", &f.offset}, {"length", &f.length}, {"year", &f.year},
		{"from_year", &f.fromYear}, {"to_year", &f.toYear}, {"holiday", &f.holiday}, {"province", &f.province},
		{"hidden", &f.hidden}, {"aliases", &f.aliases}, {"description", &f.description}}
}

// readOccasionForm reads the posted fields, trimmed.
func readOccasionForm(c echo.Context) occasionForm {
	var f occasionForm
	readInputs(c, f.inputs())
	return f
}

// values returns the form as its view shows it.
func (f occasionForm) values() map[string]string { return inputValues(f.inputs()) }

// occasion reads the form into an occasion and validates it; what is
// wrong, the form's own reading first, or nil.
func (f occasionForm) occasion() (domain.Occasion, domain.ValidationError) {
	var errs domain.ValidationError
	o := domain.Occasion{Name: f.name, Holiday: f.holiday != "", Hidden: f.hidden != "",
		Province: cleanPlace(f.province), Description: f.description, Aliases: aliasLines(f.aliases)}
	// The month says the calendar: "hijri-9" is Ramadan; a bare number is a
	// Jalali month, and a missing rule a yearly day (forms of old pages).
	cal, month, ok := strings.Cut(f.month, "-")
	if !ok {
		cal, month = string(domain.CalJalali), f.month
	}
	o.Calendar, o.Rule = domain.CalendarSystem(cal), domain.RuleKind(f.rule)
	if o.Rule == "" {
		o.Rule = domain.RuleDate
	}
	if m, err := strconv.Atoi(jalali.LatinDigits(month)); err == nil {
		o.Month = m
	}
	numbers := []struct {
		value string
		field domain.Field
		dst   *int
		def   int
	}{{f.day, domain.FieldDay, &o.Day, 0}, {f.nth, domain.FieldNth, &o.Nth, 0}, {f.length, domain.FieldLength, &o.Length, 1},
		{f.year, domain.FieldYear, &o.Year, 0}, {f.fromYear, domain.FieldFromYear, &o.FromYear, 0},
		{f.toYear, domain.FieldToYear, &o.ToYear, 0}}
	for _, n := range numbers {
		if n.value == "" {
			*n.dst = n.def
			continue
		}
		var err error
		if *n.dst, err = atoi(n.value); err != nil {
			errs.Set(domain.FieldError{Field: n.field, Code: domain.CodeNotANumber})
			*n.dst = n.def
		}
	}
	if w, err := strconv.Atoi(f.weekday); err == nil {
		o.Weekday = jalali.Weekday(w)
	} else if o.Rule == domain.RuleNthWeekday || o.Rule == domain.RuleLastWeekday {
		errs.Set(domain.FieldError{Field: domain.FieldWeekday, Code: domain.CodeWeekdayUnknown})
	}
	if off, err := strconv.Atoi(f.offset); err == nil || f.offset == "" {
		o.Offset = off
	} else {
		errs.Set(domain.FieldError{Field: domain.FieldOffset, Code: domain.CodeOffsetUnknown})
	}
	// The form sends every field whatever the rule (a weekday beside a day
	// of the month); only the rule's own are kept, so that the occasion
	// matches the catalogue's same one.
	o.Normalize()
	if verr, ok := o.Validate().(domain.ValidationError); ok {
		for _, fe := range verr {
			errs.Add(fe)
		}
	}
	return o, errs
}

// occasionInputs names the occasion form's input for each field of an
// occasion. The month's select says the calendar too, but a calendar's
// error has its own place beside it.
var occasionInputs = inputNames{
	domain.FieldName: "name", domain.FieldMonth: "month", domain.FieldCalendar: "calendar", domain.FieldRule: "rule",
	domain.FieldDay: "day", domain.FieldWeekday: "weekday", domain.FieldNth: "nth", domain.FieldOffset: "offset",
	domain.FieldLength: "length", domain.FieldYear: "year", domain.FieldFromYear: "from_year", domain.FieldToYear: "to_year",
	domain.FieldProvince: "province", domain.FieldAliases: "aliases", domain.FieldDescription: "description",
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
	return s.renderOccasionPage(c, status, f, errs, id, nil)
}

// renderOccasionPage renders the occasion form, and for a stored occasion
// its preparation form: prep, or as stored when prep is nil.
func (s *Server) renderOccasionPage(c echo.Context, status int, f occasionForm, errs domain.ValidationError, id int64, prep *views.PreparationView) error {
	v := views.OccasionFormView{Values: f.values(), Errors: occasionInputs.messages(errs), Heading: "مناسبت تازه", Action: views.OccasionsURL,
		MonthGroups: monthGroups(), Rules: ruleOptions(), Weekdays: weekdayOptions(), Offsets: offsetOptions(), Preparation: prep}
	if id != 0 {
		v.Heading, v.Action = "ویرایش مناسبت", views.OccasionURL(id)
	}
	if id != 0 && prep == nil {
		var err error
		if v.Preparation, err = s.storedPreparation(c.Request().Context(), id); err != nil {
			return err
		}
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
