package web

import (
	"context"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/views"
)

// agendaWeeks is how far ahead the agenda looks.
const agendaWeeks = 8

// agendaDayMax is how many events the agenda lists on a day at most; it
// links the day's page for the others. A national calendar starts 270
// events a day: eight weeks of them were a page of 15,000 (issue 18).
const agendaDayMax = 10

// handleAgenda serves the coming weeks (agendaWeeks). Its body is kept
// (keptBody) for the data version and the day, as a month's is: it is
// where an editor lands after signing in, and a national calendar's eight
// weeks are 15,000 events to read and place.
func (s *Server) handleAgenda(c echo.Context) error {
	today := s.today()
	f, err := s.filterFromQuery(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	feedURL, subscribeURL := s.feedLinks(f)
	body, err := s.keptBody(ctx, today, "agenda "+views.AgendaURL+f.query()+f.audience(), func(ctx context.Context) ([]byte, error) {
		leave, err := pageBuilds.enterCtx(ctx)
		if err != nil {
			return nil, err
		}
		defer leave()
		weekStart := today.AddDays(-int(today.Weekday()))
		last := weekStart.AddDays(7*agendaWeeks - 1)
		st, err := s.app.Calendar(ctx)
		if err != nil {
			return nil, err
		}
		events, err := s.dayBriefs(ctx, st, today, last, f.events(), agendaPicks)
		if err != nil {
			return nil, err
		}
		v := buildAgenda(today, weekStart, last, events, st, f)
		if v.Preparing, err = s.preparingItems(ctx, today); err != nil {
			return nil, err
		}
		v.Filter = filterView(f, views.AgendaURL)
		v.FeedURL, v.SubscribeURL = feedURL, subscribeURL
		return renderBytes(ctx, views.AgendaBody(v))
	})
	if err != nil {
		return err
	}
	return s.renderKept(c, s.keptLayout(c, "برنامهٔ پیش رو", "agenda"), body)
}

// buildAgenda groups the days from today to last that have something on
// them by Saturday-first week. An event is listed on its first day within
// the range, with the dates of that occurrence; a series once for each
// occurrence; agendaDayMax a day, the others counted. Today is always
// listed, so the page says when it is empty.
func buildAgenda(today, weekStart, last jalali.Date, events []domain.Brief, st *app.CalendarState, f calFilter) views.AgendaView {
	events, links := withoutOccasionBriefs(st.Cal, events, st.Shown)
	days := st.Cal.Days(today, last, nil, placed(st, today, last, f))
	m := newMonthPlan(st.Cal, events, days, today.Ordinal(), today, last)
	listed := make([][]views.EventChip, len(days))
	more := make([]int, len(days))
	for _, o := range m.occs {
		n := max(o.from-m.first, 0)
		if len(listed[n]) == agendaDayMax {
			more[n]++
			continue
		}
		listed[n] = append(listed[n], listChip(m.event(o)))
	}
	v := views.AgendaView{From: today.FormatLong()}
	for w := 0; w < agendaWeeks; w++ {
		start := weekStart.AddDays(7 * w)
		week := views.AgendaWeek{Heading: weekHeading(w, start)}
		for i := 0; i < 7; i++ {
			d := start.AddDays(i)
			if d.Before(today) {
				continue
			}
			n := today.DaysUntil(d)
			occ := occasionChips(days[n].Occasions, links)
			if d != today && len(listed[n]) == 0 && len(occ) == 0 {
				continue
			}
			week.Days = append(week.Days, views.AgendaDay{
				Heading: dayName(n, d), Relative: relative(n), URL: views.DayURL(d) + f.query(),
				Occasions: occ, Events: listed[n], More: more[n],
			})
		}
		if len(week.Days) > 0 {
			v.Weeks = append(v.Weeks, week)
		}
	}
	return v
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

// agendaPicks is what the agenda shows whole of plan m: the first
// agendaDayMax events of each day, as buildAgenda lists them.
func agendaPicks(m *monthPlan) []int {
	var out []int
	listed := make([]int, len(m.days))
	for i, o := range m.occs {
		if n := max(o.from-m.first, 0); listed[n] < agendaDayMax {
			listed[n]++
			out = append(out, i)
		}
	}
	return out
}
