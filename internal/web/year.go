package web

import (
	"context"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/views"
)

// handleYear shows /calendar/{year}: twelve small months, a dot on days
// with events, occasions tinted and named in the day's title.
func (s *Server) handleYear(c echo.Context) error {
	y, err := atoi(c.Param("year"))
	if err != nil {
		return errBadRequest
	}
	if _, err := jalali.New(y, 1, 1); err != nil {
		return echo.ErrNotFound
	}
	f, err := s.filterFromQuery(c)
	if err != nil {
		return err
	}
	ctx, today := c.Request().Context(), s.today()
	feedURL, subscribeURL := s.feedLinks(f)
	body, err := s.keptBody(ctx, today, "year "+views.YearURL(y)+f.query()+f.audience(), func(ctx context.Context) ([]byte, error) {
		defer yearBuilds.enter()()
		v, err := s.yearView(ctx, y, f, today)
		if err != nil {
			return nil, err
		}
		v.FeedURL, v.SubscribeURL = feedURL, subscribeURL
		return renderBytes(ctx, views.YearBody(v))
	})
	if err != nil {
		return err
	}
	return s.renderKept(c, s.keptLayout(c, "سال "+jalali.FaNum(y), "calendar"), body)
}

// yearBuilds bounds the year pages' bodies built at once. A national
// year's body is built from a year of events and every series' occurrences
// in it, some 18 MB of memory while it is built (at a million events,
// issue 18); 64 readers asking for ten years not kept built ten at once,
// and the server grew to 189 MB. Two cores build no faster more than two
// at once; the others wait for their turn (those asking for the same body
// wait for one build: keptBodies).
var yearBuilds = newGate(2)

// yearView builds the body of year y's page.
func (s *Server) yearView(ctx context.Context, y int, f calFilter, today jalali.Date) (views.YearView, error) {
	first, last := calendar.YearRange(y)
	counts, events, err := s.app.DayCounts(ctx, first, last, f.events())
	if err != nil {
		return views.YearView{}, err
	}
	st, err := s.app.Calendar(ctx)
	if err != nil {
		return views.YearView{}, err
	}
	events, _ = withoutOccasionBriefs(st.Cal, events, st.Shown)
	days := st.Cal.Days(first, last, nil, placed(st, first, last, f))
	addDayCounts(counts, st.Cal, events, first, last)
	v := views.YearView{Year: y, Title: "سال " + jalali.FaNum(y), Weekdays: jalali.WeekdayNames(),
		PrevURL: inRange(views.YearURL(y-1)+f.query(), y-1, 1, 1), NextURL: inRange(views.YearURL(y+1)+f.query(), y+1, 1, 1),
		Filter: filterView(f, views.YearURL(y))}
	for m := 1; m <= 12; m++ {
		g, _ := jalali.MonthGrid(y, m)
		mFirst := jalali.Date{Year: y, Month: m, Day: 1}
		mm := views.MiniMonth{Title: jalali.MonthName(m), URL: views.MonthURL(y, m) + f.query(), Weeks: make([][7]views.MiniDay, len(g.Weeks))}
		mm.Hijri, _ = hijriSpan(st.Cal, mFirst, mFirst.LastOfMonth())
		for w, week := range g.Weeks {
			for i, d := range week {
				if g.InMonth(d) {
					n := first.DaysUntil(d)
					mm.Weeks[w][i] = miniDay(days[n], counts[n], f, today)
				}
			}
		}
		v.Months = append(v.Months, mm)
	}
	return v, nil
}

// addDayCounts adds to counts (by day from from..to) how many of events
// (each occurrence of a series) touch each day. The year page shows only
// that: the one-day events are counted by SQL (DayCounts), the few others
// placed here by day numbers; copying each event onto each of its days
// (calendar.Days) cost a national year page seconds (issue 18).
func addDayCounts(counts []int, cal *calendar.Calendar, events []domain.Brief, from, to jalali.Date) {
	lo, hi := from.Ordinal(), to.Ordinal()
	add := func(a, b int) {
		for n := max(a, lo); n <= min(b, hi, lo+len(counts)-1); n++ {
			counts[n-lo]++
		}
	}
	for i := range events {
		b := &events[i]
		if !b.Repeats() {
			add(b.From, b.To)
			continue
		}
		for _, sp := range cal.EventSpans(b.Event(), from, to) {
			add(sp.Start.Ordinal(), sp.End.Ordinal())
		}
	}
}

// miniDay is a day of the year page: its number, a dot for events (n of
// them), its occasions' names in the title and all of it in the label.
func miniDay(day calendar.Day, n int, f calFilter, today jalali.Date) views.MiniDay {
	d := day.Date
	names := make([]string, 0, len(day.Occasions))
	for _, p := range day.Occasions {
		names = append(names, p.Occasion.Name)
	}
	label := d.FormatLong()
	if !day.Hijri.IsZero() {
		label += "، " + day.Hijri.Format()
	}
	if n > 0 {
		label += "، " + jalali.FaNum(n) + " رویداد"
	}
	if len(names) > 0 {
		label += "، " + strings.Join(names, "، ")
	}
	return views.MiniDay{Date: d.String(), Day: jalali.FaNum(d.Day), URL: views.DayURL(d) + f.query(), Today: d == today,
		Holiday: day.Off(), Events: n, Occasion: strings.Join(names, "، "), Hijri: day.Hijri.String(), Label: label}
}
