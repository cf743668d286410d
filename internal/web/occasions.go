package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/persian"
	"github.com/ruydad/ruydad/views"
)

// occasionGroups is the order the occasions page lists its groups in.
var occasionGroups = []string{domain.GroupOfficial, domain.GroupOffice, domain.GroupInternational}

// handleOccasions lists the occasions by group, each with its rule and its
// days this year, narrowed by ?month= (the Jalali month of this year's
// days: this month unless a name is searched; "all" for the whole year),
// ?group=, ?calendar= and ?q= (a name, whatever the spelling).
func (s *Server) handleOccasions(c echo.Context) error {
	ctx := c.Request().Context()
	st, err := s.app.Calendar(ctx)
	if err != nil {
		return err
	}
	today := s.today()
	q, err := readOccasionQuery(c, today)
	if err != nil {
		return err
	}
	leads, err := s.preparationLeads(ctx)
	if err != nil {
		return err
	}
	v := views.OccasionsView{Group: q.group, Calendar: q.calendar, Query: q.text, Month: q.monthValue(),
		Year: jalali.FaNum(today.Year), Groups: groupOptions(), Calendars: calendarOptions(), Months: monthOptions()}
	for _, g := range occasionGroups {
		if q.group != "" && q.group != g {
			continue
		}
		section := views.OccasionGroup{Key: g, Title: domain.GroupLabel(g)}
		for _, o := range st.Occasions {
			if o.Group != g {
				continue
			}
			section.Total++
			section.Hidden += boolInt(o.Hidden)
			if !q.matches(o) {
				continue
			}
			if item, ok := occasionItem(st.Cal, o, today.Year, q.month); ok {
				item.Preparing = leads[o.Key]
				section.Items = append(section.Items, item)
			}
		}
		section.Count = jalali.FaNum(len(section.Items))
		v.Sections = append(v.Sections, section)
	}
	v.Page = s.page(c, "مناسبت‌ها", "occasions")
	if !v.Writer {
		// Links to forms the reader could not use are left out.
		for i := range v.Sections {
			for j := range v.Sections[i].Items {
				it := &v.Sections[i].Items[j]
				it.EditURL, it.DeleteURL, it.VisibilityURL = "", "", ""
			}
		}
	}
	return s.render(c, http.StatusOK, views.OccasionsPage(v))
}

// occasionQuery narrows the occasions list; month 0 is the whole year.
type occasionQuery struct {
	group, calendar, text string
	month                 int
}

func readOccasionQuery(c echo.Context, today jalali.Date) (occasionQuery, error) {
	q := occasionQuery{group: c.QueryParam("group"), calendar: c.QueryParam("calendar"), text: strings.TrimSpace(c.QueryParam("q"))}
	if q.group != "" && domain.GroupLabel(q.group) == "" || q.calendar != "" && !domain.CalendarSystem(q.calendar).Valid() || len(q.text) > 200 {
		return q, errBadRequest
	}
	switch m := c.QueryParam("month"); {
	case m == "all" || m == "" && q.text != "":
	case m == "":
		q.month = today.Month
	default:
		n, err := atoi(m)
		if err != nil || n < 1 || n > 12 {
			return q, errBadRequest
		}
		q.month = n
	}
	return q, nil
}

// monthValue is the month filter as the form sends it.
func (q occasionQuery) monthValue() string {
	if q.month == 0 {
		return "all"
	}
	return strconv.Itoa(q.month)
}

func monthOptions() []views.Option {
	out := []views.Option{{Value: "all", Label: "همهٔ سال"}}
	for m := 1; m <= 12; m++ {
		out = append(out, views.Option{Value: strconv.Itoa(m), Label: jalali.MonthName(m)})
	}
	return out
}

func (q occasionQuery) matches(o domain.Occasion) bool {
	if q.calendar != "" && string(o.Calendar) != q.calendar {
		return false
	}
	if q.text == "" {
		return true
	}
	key := persian.SearchKey(q.text)
	for _, name := range append([]string{o.Name, o.Province}, o.Aliases...) {
		if strings.Contains(persian.SearchKey(name), key) {
			return true
		}
	}
	return false
}

// occasionItem is a row of the occasions list: its rule, and its days in
// Jalali year; ok is false when the list of month (0: the whole year)
// leaves it out. An occasion is listed under the month of each occurrence
// that starts in year (a lunar one may have two: Quds Day on 1404/01/08
// and 1404/12/29), showing those days; one with none that year (a one-time
// occasion of another year, a rule from a later year) under the month of
// its nearest occurrence, marked as not this year, so that no occasion is
// missing from every month.
func occasionItem(cal *calendar.Calendar, o domain.Occasion, year, month int) (views.OccasionItem, bool) {
	item := views.OccasionItem{ID: o.ID, Name: o.Name, Rule: calendar.Describe(o.Recurrence), Holiday: o.Holiday,
		Hidden: o.Hidden, Province: o.Province, Calendar: o.Calendar.Label(),
		EditURL: views.OccasionEditURL(o.ID), DeleteURL: views.OccasionDeleteURL(o.ID), VisibilityURL: views.OccasionVisibilityURL(o.ID)}
	spans, thisYear := occasionSpans(cal, o.Recurrence, year)
	if month != 0 {
		spans = slices.DeleteFunc(spans, func(s calendar.Span) bool { return s.Start.Month != month })
		if len(spans) == 0 {
			return item, false
		}
	}
	if len(spans) == 0 {
		return item, true // "امسال نیست", under every month
	}
	days := make([]string, len(spans))
	for i, sp := range spans {
		days[i] = spanDays(sp.Start, sp.End)
	}
	item.ThisYear, item.DayURL = strings.Join(days, " و "), views.DayURL(spans[0].Start)
	if !thisYear {
		item.ThisYear = "امسال رخ نمی‌دهد (" + item.ThisYear + " " + jalali.FaNum(spans[0].Start.Year) + ")"
	}
	return item, true
}

// occasionSpans returns r's occurrences that start in Jalali year year
// (thisYear true) or, when there are none, its nearest occurrence in
// another year, if it has one within occasionLookYears of the year (or of
// the years its rule is bounded to).
func occasionSpans(cal *calendar.Calendar, r domain.Recurrence, year int) (spans []calendar.Span, thisYear bool) {
	from, to := calendar.YearRange(year)
	if spans := cal.Starting(r, from, to); len(spans) > 0 {
		return spans, true
	}
	if r.Rule == domain.RuleOnce {
		if s, ok := cal.In(r, r.Year); ok {
			return []calendar.Span{s}, false
		}
		return nil, false
	}
	centre := year
	switch {
	case r.FromYear > year:
		centre = r.FromYear
	case r.ToYear != 0 && r.ToYear < year:
		centre = r.ToYear
	}
	for d := 0; d <= occasionLookYears; d++ {
		for _, y := range []int{centre + d, centre - d} { // the next occurrence before the last one
			if y < jalali.MinYear || y > jalali.MaxYear {
				continue
			}
			from, to := calendar.YearRange(y)
			if spans := cal.Starting(r, from, to); len(spans) > 0 {
				return spans[:1], false
			}
		}
	}
	return nil, false
}

// occasionLookYears is how many years either way the occasions list looks
// for the nearest occurrence of an occasion with none this year: a 30
// Esfand or a 29 February comes back within it.
const occasionLookYears = 8

// occasionListURL returns the occasions list where o shows: the month of
// its first occurrence this year (or of its nearest one), with flash done.
func occasionListURL(cal *calendar.Calendar, o domain.Occasion, year int, done string) string {
	month := "all"
	if spans, _ := occasionSpans(cal, o.Recurrence, year); len(spans) > 0 {
		month = strconv.Itoa(spans[0].Start.Month)
	}
	return views.OccasionsURL + "?done=" + done + "&month=" + month
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func groupOptions() []views.Option {
	out := make([]views.Option, 0, len(occasionGroups))
	for _, g := range occasionGroups {
		out = append(out, views.Option{Value: g, Label: domain.GroupLabel(g)})
	}
	return out
}

func calendarOptions() []views.Option {
	return []views.Option{{Value: string(domain.CalJalali), Label: domain.CalJalali.Label()},
		{Value: string(domain.CalHijri), Label: domain.CalHijri.Label()},
		{Value: string(domain.CalGregorian), Label: domain.CalGregorian.Label()}}
}

// handleOccasionVisibility shows or hides one occasion (/occasions/:id/
// visibility) or every occasion of a group (/occasions/visibility with
// group=), as the form's hidden=1 or 0 says; it goes back to the list.
func (s *Server) handleOccasionVisibility(c echo.Context) error {
	ctx := c.Request().Context()
	hidden := c.FormValue("hidden") == "1"
	var ids []int64
	if c.Param("id") != "" {
		o, err := s.occasionParam(c)
		if err != nil {
			return err
		}
		ids = []int64{o.ID}
	} else {
		group := c.FormValue("group")
		if domain.GroupLabel(group) == "" {
			return errBadRequest
		}
		st, err := s.app.Calendar(ctx)
		if err != nil {
			return err
		}
		for _, o := range st.Occasions {
			if o.Group == group {
				ids = append(ids, o.ID)
			}
		}
	}
	if err := s.app.SetOccasionsHidden(ctx, ids, hidden); err != nil {
		return err
	}
	done := "occasion-shown"
	if hidden {
		done = "occasion-hidden"
	}
	back := views.OccasionsURL + "?done=" + done
	if g := c.FormValue("back_group"); domain.GroupLabel(g) != "" {
		back += "&group=" + g
	}
	return c.Redirect(http.StatusSeeOther, back)
}

func (s *Server) handleDeleteOccasion(c echo.Context) error {
	o, err := s.occasionParam(c)
	if err != nil {
		return err
	}
	if err := s.app.DeleteOccasion(c.Request().Context(), o.ID); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, views.OccasionsURL+"?done=occasion-deleted")
}

// occasionParam loads the occasion named by :id.
func (s *Server) occasionParam(c echo.Context) (domain.Occasion, error) {
	return byID(c, s.app.Occasion)
}
