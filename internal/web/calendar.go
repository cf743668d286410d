package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/views"
)

func (s *Server) handleRoot(c echo.Context) error {
	t := s.today()
	return c.Redirect(http.StatusFound, views.MonthURL(t.Year, t.Month))
}

// handleJump serves the month-and-year form: /calendar?year=1403&month=2,
// and the month's filter, which it keeps.
func (s *Server) handleJump(c echo.Context) error {
	y, errY := atoi(c.QueryParam("year"))
	m, errM := atoi(c.QueryParam("month"))
	if errY != nil || errM != nil {
		return errBadRequest
	}
	if _, err := jalali.New(y, m, 1); err != nil {
		return echo.ErrNotFound
	}
	f, err := s.filterFromQuery(c)
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, views.MonthURL(y, m)+f.query())
}

func (s *Server) handleMonth(c echo.Context) error {
	y, err1 := atoi(c.Param("year"))
	m, err2 := atoi(c.Param("month"))
	if err1 != nil || err2 != nil {
		return errBadRequest
	}
	grid, err := monthGrid(y, m)
	if err != nil {
		return echo.ErrNotFound
	}
	f, err := s.filterFromQuery(c)
	if err != nil {
		return err
	}
	ctx, today := c.Request().Context(), s.today()
	chosen, err := chosenDay(c.QueryParam("day"), y, m, today)
	if err != nil {
		return err
	}
	feedURL, subscribeURL := s.feedLinks(f)
	key := "month " + views.MonthURL(y, m) + withDay(f.query(), chosen) + f.audience()
	body, err := s.keptBody(ctx, today, key, func(ctx context.Context) ([]byte, error) {
		leave, err := pageBuilds.enterCtx(ctx)
		if err != nil {
			return nil, err
		}
		defer leave()
		st, err := s.app.Calendar(ctx)
		if err != nil {
			return nil, err
		}
		laid := monthLayout{scratch: newMonthScratch()}
		defer laid.scratch.release()
		events, err := s.monthBriefs(ctx, grid, f, st, chosen, &laid)
		if err != nil {
			return nil, err
		}
		v := buildMonth(grid, events, st, today, chosen, f, &laid)
		v.Filter = filterView(f, views.MonthURL(y, m))
		v.FeedURL, v.SubscribeURL = feedURL, subscribeURL
		return monthBody(&v), nil
	})
	if err != nil {
		return err
	}
	return s.renderKept(c, s.keptLayout(c, monthTitle(y, m), "calendar"), body)
}

// chosenDay is the day of month y/m a phone lists under the grid: ?day=,
// else today when it is in the month, else the 1st. A day the month does
// not have is a 404, a malformed one a 400.
func chosenDay(q string, y, m int, today jalali.Date) (jalali.Date, error) {
	if q == "" {
		if today.Year == y && today.Month == m {
			return today, nil
		}
		return jalali.Date{Year: y, Month: m, Day: 1}, nil
	}
	d, err := atoi(q)
	if err != nil {
		return jalali.Date{}, err
	}
	date, err := jalali.New(y, m, d)
	if err != nil {
		return jalali.Date{}, echo.ErrNotFound
	}
	return date, nil
}

// handleDay serves a day's page: its occasions and all-day events listed,
// its timed events on the hours. A busy day draws a part of them on the
// hours and lists the others, dayPageSize a page (?page=), offering to
// narrow them by the filter (days.go).
func (s *Server) handleDay(c echo.Context) error {
	d, f, err := s.dayAndFilter(c)
	if err != nil {
		return err
	}
	p, err := dayPage(c.QueryParam("page"))
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	leave, err := pageBuilds.enterCtx(ctx)
	if err != nil {
		return err
	}
	defer leave()
	m, links, err := s.daysOf(ctx, d, d, f, dayPagePicks(p))
	if err != nil {
		return err
	}
	spans, drawn := dayTimed(m, 0)
	events, total, pages := dayListPage(m, spans, drawn, p)
	if p < 1 || p > pages {
		return echo.ErrNotFound
	}
	day := m.days[0]
	prev, next, today, q := d.AddDays(-1), d.AddDays(1), s.today(), f.query()
	v := views.DayView{
		Date:             d,
		Heading:          d.FormatLong(),
		Gregorian:        gregorianLong(d),
		Hijri:            day.Hijri.Format(),
		HijriISO:         day.Hijri.String(),
		HijriProvisional: day.HijriProvisional,
		MonthURL:         views.MonthURL(d.Year, d.Month) + q,
		PrevURL:          inRange(views.DayURL(prev)+q, prev.Year, prev.Month, prev.Day),
		NextURL:          inRange(views.DayURL(next)+q, next.Year, next.Month, next.Day),
		TodayURL:         views.DayURL(today) + q,
		Views:            viewSwitch(d, f, "day"),
		Holiday:          day.Off(),
		Occasions:        occasionChips(day.Occasions, links),
		Events:           events,
		Grid:             planTimeGrid(m, []views.DayCell{dayCell(day, 1, f, q, links)}),
	}
	if onHours := len(m.occs) - total; pages > 1 || onHours < len(spans) {
		v.Busy = views.DayBusy{Events: len(m.occs), OnHours: onHours, Listed: total, PerPage: dayPageSize, Page: p, Pages: pages}
		if p > 1 {
			v.Busy.PrevURL = views.DayURL(d) + withPage(q, p-1)
		}
		if p < pages {
			v.Busy.NextURL = views.DayURL(d) + withPage(q, p+1)
		}
	}
	if v.Busy.Events > 0 || f.active() {
		v.Filter = filterView(f, views.DayURL(d))
	}
	if f.write {
		v.NewEventURL = views.NewEventOnURL(d)
	}
	v.Page = s.page(c, d.Format(), "calendar")
	return s.renderLeaving(c, http.StatusOK, views.DayPage(v), leave)
}

// handleWeek serves the Saturday-to-Friday week of a day.
func (s *Server) handleWeek(c echo.Context) error {
	d, f, err := s.dayAndFilter(c)
	if err != nil {
		return err
	}
	first := d.AddDays(-int(d.Weekday()))
	last := first.AddDays(6)
	if !first.Valid() || !last.Valid() {
		return echo.ErrNotFound
	}
	leave, err := pageBuilds.enterCtx(c.Request().Context())
	if err != nil {
		return err
	}
	defer leave()
	m, links, err := s.daysOf(c.Request().Context(), first, last, f, weekPicks)
	if err != nil {
		return err
	}
	today := s.today()
	cells := make([]views.DayCell, len(m.days))
	q := f.query()
	bars, more := planBars(m)
	for i, day := range m.days {
		cells[i] = dayCell(day, i+1, f, q, links)
		cells[i].InMonth, cells[i].Today = day.Date.Month == d.Month, day.Date == today
		cells[i].Bars, cells[i].More = bars[i], more[i]
	}
	prev, next := first.AddDays(-7), first.AddDays(7)
	v := views.WeekView{
		Title:         weekTitle(first, last),
		GregorianSpan: gregorianLong(first) + " – " + gregorianLong(last),
		PrevURL:       inRange(views.WeekURL(prev)+q, prev.Year, prev.Month, prev.Day),
		NextURL:       inRange(views.WeekURL(next)+q, next.Year, next.Month, next.Day),
		TodayURL:      views.WeekURL(today) + q,
		Views:         viewSwitch(d, f, "week"),
		Filter:        filterView(f, views.WeekURL(first)),
		Grid:          planTimeGrid(m, cells),
	}
	if f.write {
		v.NewEventURL = views.NewEventOnURL(d)
	}
	v.Page = s.page(c, v.Title, "calendar")
	return s.renderLeaving(c, http.StatusOK, views.WeekPage(v), leave)
}

// daysOf places the events the filter f shows on the days from..to (a
// week at most), read as briefs (the titles of those pick picks only:
// dayBriefs), with the occasions it shows, and returns
// the links of occasions to the events that repeat them
// (withoutOccasionBriefs).
func (s *Server) daysOf(ctx context.Context, from, to jalali.Date, f calFilter, pick dayPick) (*monthPlan, map[string]string, error) {
	st, err := s.app.Calendar(ctx)
	if err != nil {
		return nil, nil, err
	}
	events, err := s.dayBriefs(ctx, st, from, to, f.events(), pick)
	if err != nil {
		return nil, nil, err
	}
	events, links := withoutOccasionBriefs(st.Cal, events, st.Shown)
	days := st.Cal.Days(from, to, nil, placed(st, from, to, f))
	return newMonthPlan(st.Cal, events, days, from.Ordinal(), from, to), links, nil
}

// weekTitle names a week by its days: «۲۲ تا ۲۸ اردیبهشت ۱۴۰۳», «۲۹
// اردیبهشت تا ۴ خرداد ۱۴۰۳», «۲۷ اسفند ۱۴۰۳ تا ۲ فروردین ۱۴۰۴».
func weekTitle(first, last jalali.Date) string {
	if first.Year != last.Year {
		return first.Format() + " تا " + last.Format()
	}
	return spanDays(first, last) + " " + jalali.FaNum(last.Year)
}

// dayAndFilter reads a day page's date (dateParams) and filter.
func (s *Server) dayAndFilter(c echo.Context) (jalali.Date, calFilter, error) {
	d, err := dateParams(c)
	if err != nil {
		return d, calFilter{}, err
	}
	f, err := s.filterFromQuery(c)
	return d, f, err
}

// dateParams reads :year/:month/:day; a malformed number is a 400, a day
// that does not exist a 404.
func dateParams(c echo.Context) (jalali.Date, error) {
	y, err1 := atoi(c.Param("year"))
	m, err2 := atoi(c.Param("month"))
	d, err3 := atoi(c.Param("day"))
	if err1 != nil || err2 != nil || err3 != nil {
		return jalali.Date{}, errBadRequest
	}
	date, err := jalali.New(y, m, d)
	if err != nil {
		return jalali.Date{}, echo.ErrNotFound
	}
	return date, nil
}

// atoi reads a small non-negative number written with any digits.
func atoi(s string) (int, error) {
	s = jalali.LatinDigits(stripBidi(s))
	if s == "" || len(s) > 6 || strings.Trim(s, "0123456789") != "" {
		return 0, fmt.Errorf("%w: %q is not a number", errBadRequest, s)
	}
	return strconv.Atoi(s)
}

// calFilter is what the calendar pages let a person narrow; it is kept in
// the URL and carried to the feed links. It also holds what the reader may
// see and do (drafts, write), which the pages' links and the events asked
// for follow.
type calFilter struct {
	proposed     bool
	kind         domain.Kind
	province     string
	organization string

	drafts bool // the reader may see proposed events (Server.drafts)
	write  bool // the reader may write (an editor signed in)
}

// filterFromQuery reads ?kind=, ?province=, ?organization= and ?proposed=1,
// the places cleaned as events store them (cleanPlace); an unknown kind is a
// bad request. ?proposed=1 is ignored for a reader who may not see the
// drafts: the events asked for are then the confirmed ones only.
func (s *Server) filterFromQuery(c echo.Context) (calFilter, error) {
	f := calFilter{
		drafts:       s.drafts(c),
		write:        writes(c),
		kind:         domain.Kind(c.QueryParam("kind")),
		province:     cleanPlace(c.QueryParam("province")),
		organization: cleanPlace(c.QueryParam("organization")),
	}
	f.proposed = f.drafts && c.QueryParam("proposed") == "1"
	if f.kind != "" && !f.kind.Valid() {
		return f, errBadRequest
	}
	if len(f.province) > 200 || len(f.organization) > 200 {
		return f, errBadRequest
	}
	return f, nil
}

// events is the store filter of the calendar pages.
func (f calFilter) events() domain.EventFilter {
	ef := f.eventsConfirmed()
	if f.proposed {
		ef.Statuses = []domain.Status{domain.StatusConfirmed, domain.StatusProposed}
	}
	return ef
}

// eventsConfirmed is the filter without proposed events, as feeds use it.
func (f calFilter) eventsConfirmed() domain.EventFilter {
	return domain.EventFilter{Kind: f.kind, Province: f.province, Organization: f.organization}
}

// values returns f as URL values.
func (f calFilter) values(withProposed bool) url.Values {
	q := url.Values{}
	if f.kind != "" {
		q.Set("kind", string(f.kind))
	}
	if f.province != "" {
		q.Set("province", f.province)
	}
	if f.organization != "" {
		q.Set("organization", f.organization)
	}
	if withProposed && f.proposed {
		q.Set("proposed", "1")
	}
	return q
}

// query returns f as a query string (with "?"), or "".
func (f calFilter) query() string { return encode(f.values(true)) }

// feedQuery is the part of f that the feed understands.
func (f calFilter) feedQuery() string { return encode(f.values(false)) }

// audience names what of a kept body depends on the reader (its links),
// for its key.
func (f calFilter) audience() string {
	return " drafts=" + strconv.FormatBool(f.drafts) + " write=" + strconv.FormatBool(f.write)
}

// active reports whether f narrows anything besides proposed.
func (f calFilter) active() bool { return f.kind != "" || f.province != "" || f.organization != "" }

func encode(q url.Values) string {
	if len(q) == 0 {
		return ""
	}
	return "?" + q.Encode()
}
