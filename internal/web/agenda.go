package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/views"
)

// agendaWeeks is how far ahead the agenda looks.
const agendaWeeks = 8

func (s *Server) handleAgenda(c echo.Context) error {
	today := s.today()
	weekStart := today.AddDays(-int(today.Weekday()))
	last := weekStart.AddDays(7*agendaWeeks - 1)
	f, err := s.filterFromQuery(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	events, err := s.app.EventsBetween(ctx, today, last, f.events())
	if err != nil {
		return err
	}
	st, err := s.app.Calendar(ctx)
	if err != nil {
		return err
	}
	v := buildAgenda(today, weekStart, last, events, st, f)
	if v.Preparing, err = s.preparingItems(ctx, today); err != nil {
		return err
	}
	v.Filter = filterView(f, views.AgendaURL)
	v.FeedURL, v.SubscribeURL = s.feedLinks(f)
	v.Page = s.page(c, "برنامهٔ پیش رو", "agenda")
	return s.render(c, http.StatusOK, views.AgendaPage(v))
}

// buildAgenda groups the days from today to last that have something on
// them by Saturday-first week. An event is listed on its first day within
// the range, with the dates of that occurrence; a series once for each
// occurrence. Today is always listed, so the page says when it is empty.
func buildAgenda(today, weekStart, last jalali.Date, events []domain.Event, st *app.CalendarState, f calFilter) views.AgendaView {
	events, links := withoutOccasionCopies(st.Cal, events, st.Shown)
	firstDay := map[jalali.Date][]views.EventChip{}
	for _, e := range events {
		for _, occ := range occurrencesIn(st.Cal, e, today, last) {
			d := occ.Start
			if d.Before(today) {
				d = today
			}
			firstDay[d] = append(firstDay[d], listChip(occ))
		}
	}
	occ := map[jalali.Date][]views.OccasionChip{}
	for _, day := range st.Cal.Days(today, last, nil, placed(st, today, last, f)) {
		occ[day.Date] = occasionChips(day.Occasions, links)
	}
	v := views.AgendaView{From: today.FormatLong()}
	for w := 0; w < agendaWeeks; w++ {
		start := weekStart.AddDays(7 * w)
		week := views.AgendaWeek{Heading: weekHeading(w, start)}
		for i := 0; i < 7; i++ {
			d := start.AddDays(i)
			if d.Before(today) || (d != today && len(firstDay[d]) == 0 && len(occ[d]) == 0) {
				continue
			}
			n := today.DaysUntil(d)
			week.Days = append(week.Days, views.AgendaDay{
				Heading: dayName(n, d), Relative: relative(n), URL: views.DayURL(d) + f.query(),
				Occasions: occ[d], Events: firstDay[d],
			})
		}
		if len(week.Days) > 0 {
			v.Weeks = append(v.Weeks, week)
		}
	}
	return v
}

// occurrencesIn returns e's occurrences touching from..to, each as e with
// that occurrence's days (a series' every one: a weekly meeting is listed
// each week).
func occurrencesIn(cal *calendar.Calendar, e domain.Event, from, to jalali.Date) []domain.Event {
	spans := cal.EventSpans(e, from, to)
	out := make([]domain.Event, len(spans))
	for i, s := range spans {
		out[i] = e
		out[i].Start, out[i].End = s.Start, s.End
	}
	return out
}

func weekHeading(w int, start jalali.Date) string {
	switch w {
	case 0:
		return "این هفته"
	case 1:
		return "هفتهٔ آینده"
	}
	return "هفتهٔ " + start.Format()
}

func dayName(n int, d jalali.Date) string {
	switch n {
	case 0:
		return "امروز، " + d.FormatLong()
	case 1:
		return "فردا، " + d.FormatLong()
	}
	return d.FormatLong()
}

func relative(n int) string {
	switch n {
	case 0, 1:
		return ""
	case 2:
		return "پس‌فردا"
	}
	return jalali.FaNum(n) + " روز دیگر"
}
