package web

import (
	"slices"
	"strconv"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/hijri"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/views"
)

// buildMonth places events and the occasions of st on the grid's days:
// as laid places them when it holds their placing (monthShown), else anew.
//
// chosen is the day listed under the grid on a phone, a day of the month.
func buildMonth(g jalali.Grid, events []domain.Brief, st *app.CalendarState, today, chosen jalali.Date, f calFilter, laid *monthLayout) views.MonthView {
	py, pm := jalali.AddMonths(g.Year, g.Month, -1)
	ny, nm := jalali.AddMonths(g.Year, g.Month, 1)
	toggle := f
	toggle.proposed = !f.proposed
	q := f.query()
	v := views.MonthView{
		Year: g.Year, Month: g.Month,
		Title:             monthTitle(g.Year, g.Month),
		GregorianSpan:     gregorianSpan(jalali.Date{Year: g.Year, Month: g.Month, Day: 1}),
		PrevURL:           inRange(views.MonthURL(py, pm)+q, py, pm, 1),
		NextURL:           inRange(views.MonthURL(ny, nm)+q, ny, nm, 1),
		PrevLabel:         monthTitle(py, pm),
		NextLabel:         monthTitle(ny, nm),
		TodayURL:          views.MonthURL(today.Year, today.Month) + q,
		YearURL:           views.YearURL(g.Year) + q,
		Weekdays:          jalali.WeekdayNames(),
		JumpYear:          g.Year,
		ShowProposed:      f.proposed,
		ToggleProposedURL: views.MonthURL(g.Year, g.Month) + toggle.query(),
		NewEventURL:       views.NewEventURL,
	}
	sc := laid.scratchOf()
	v.Weeks = slices.Grow(sc.weeks[:0], len(g.Weeks))[:len(g.Weeks)]
	sc.weeks = v.Weeks
	// Links to what the reader could not use are left out.
	if !f.drafts {
		v.ToggleProposedURL = ""
	}
	if !f.write {
		v.NewEventURL = ""
	}
	mFirst := jalali.Date{Year: g.Year, Month: g.Month, Day: 1}
	v.HijriSpan, v.HijriProvisional = hijriSpan(st.Cal, mFirst, mFirst.LastOfMonth())
	events, links := withoutOccasionBriefs(st.Cal, events, st.Shown)
	span := gridSpanOf(g)
	from, to, lead, n := span.from, span.to, span.lead, span.cells
	days := slices.Grow(sc.days[:0], n)[:lead]
	clear(days)
	days = st.Cal.AppendDays(days, from, to, nil, sc.placedIn(st, from, to, f))
	clear(days[len(days):n])
	days = days[:n]
	sc.days = days
	m := laid.planFor(events, days)
	if m == nil {
		m = span.plan(sc, st.Cal, events, days)
	}
	for w := range v.Weeks {
		row := days[w*7 : w*7+7]
		bars, more := m.rowBars(w)
		for i, day := range row {
			if day.Date.IsZero() {
				v.Weeks[w][i] = views.DayCell{Col: i + 1}
				continue
			}
			c := dayCell(day, i+1, f, q, links)
			c.InMonth, c.Today = g.InMonth(day.Date), day.Date == today
			c.Bars, c.More = bars[i], more[i]
			c.PickYear, c.PickMonth = g.Year, g.Month
			c.Chosen, c.Dots = day.Date == chosen, m.dots[w*7+i]
			v.Weeks[w][i] = c
		}
	}
	chosenDay := days[lead+from.DaysUntil(chosen)]
	chosenDay.Events = m.eventsOn(lead + from.DaysUntil(chosen))
	v.Views = viewSwitch(chosen, f, "month")
	v.Chosen = dayList(chosenDay, f, links)
	v.Occasions = monthOccasions(sc.placedIn(st, mFirst, mFirst.LastOfMonth(), f), links)
	return v
}

// dayCell is a day as a grid shows it in column col (its events' bars
// aside); q is f's query.
func dayCell(day calendar.Day, col int, f calFilter, q string, links map[string]string) views.DayCell {
	_, gm, gd := day.Date.Gregorian()
	return views.DayCell{
		Date: day.Date, Query: q, InMonth: true, Col: col,
		Friday: day.Friday, Holiday: day.Holiday, GregorianDay: gd, GregorianMonth: gm,
		Hijri: hijriShort(day), HijriProvisional: day.HijriProvisional,
		Occasions: occasionChips(day.Occasions, links), CanAdd: f.write,
	}
}

// addURL is the new event form on day d for those who may write (f.write),
// and "" for the others, who are shown no link to a form they could not use.
func addURL(d jalali.Date, f calFilter) string {
	if !f.write {
		return ""
	}
	return views.NewEventOnURL(d)
}

// dayList is a day's occasions and events as the list under a phone's
// month grid shows them.
func dayList(day calendar.Day, f calFilter, links map[string]string) views.DayList {
	l := views.DayList{Heading: day.Date.FormatLong(), URL: views.DayURL(day.Date) + f.query(),
		AddURL: addURL(day.Date, f), Occasions: occasionChips(day.Occasions, links)}
	for _, e := range day.Events {
		l.Events = append(l.Events, listChip(e))
	}
	return l
}

// viewSwitch links the month, week and day of d; current is the page shown.
func viewSwitch(d jalali.Date, f calFilter, current string) views.ViewSwitch {
	q := f.query()
	return views.ViewSwitch{MonthURL: views.MonthURL(d.Year, d.Month) + q, WeekURL: views.WeekURL(d) + q,
		DayURL: views.DayURL(d) + q, Current: current}
}

// withDay adds ?day= (the day of the month listed under a phone's grid)
// to query, a calendar filter's query string.
func withDay(query string, d jalali.Date) string {
	if query == "" {
		return "?day=" + strconv.Itoa(d.Day)
	}
	return query + "&day=" + strconv.Itoa(d.Day)
}

// occasionChips lists a day's occasions, holidays first; links (from
// withoutOccasionCopies) gives some a link to the confirmed event that
// repeats them.
func occasionChips(placed []calendar.Placed, links map[string]string) []views.OccasionChip {
	if len(placed) == 0 {
		return nil
	}
	out := make([]views.OccasionChip, 0, len(placed))
	for _, p := range placed {
		out = append(out, occasionChip(p, links))
	}
	slices.SortStableFunc(out, func(a, b views.OccasionChip) int { return boolOrder(b.Holiday, a.Holiday) })
	return out
}

func occasionChip(p calendar.Placed, links map[string]string) views.OccasionChip {
	o := p.Occasion
	return views.OccasionChip{Name: o.Name, Holiday: o.Holiday, URL: links[o.Key], Province: o.Province,
		Lunar: o.Calendar == domain.CalHijri}
}

func boolOrder(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// monthOccasions lists the occasions of a month under its grid, as time.ir
// does: each once, with its days.
func monthOccasions(placed []calendar.Placed, links map[string]string) []views.MonthOccasion {
	out := make([]views.MonthOccasion, 0, len(placed))
	for _, p := range placed {
		out = append(out, views.MonthOccasion{OccasionChip: occasionChip(p, links), When: spanDays(p.Start, p.End),
			DayURL: views.DayURL(p.Start)})
	}
	return out
}

// spanDays writes a span without its year: «۲۶ تیر», «۲ تا ۸ شهریور»,
// «۳۱ شهریور تا ۶ مهر».
func spanDays(start, end jalali.Date) string { return string(jalali.AppendDaySpan(nil, start, end)) }

// withoutOccasionCopies returns the events to list among events: all but
// those that repeat one of the occasions (calendar.DuplicatesOccasion),
// which the pages show once, as the occasion. links maps such an occasion's
// key to the page of the (first) event repeating it, for the occasion to
// link to.
func withoutOccasionCopies(cal *calendar.Calendar, events []domain.Event, occasions []domain.Occasion) (kept []domain.Event, links map[string]string) {
	kept = events[:0:0]
	for _, e := range events {
		o, dup := cal.DuplicatesOccasion(e, occasions)
		if !dup {
			kept = append(kept, e)
			continue
		}
		if links == nil {
			links = map[string]string{}
		}
		if links[o.Key] == "" {
			links[o.Key] = views.EventURL(e.ID)
		}
	}
	return kept, links
}

// hijriShort is a day's Hijri date as a month cell shows it: the day, with
// the month's name on its first day and on the grid's first cell.
func hijriShort(d calendar.Day) views.HijriDay {
	if d.Hijri.IsZero() {
		return views.HijriDay{}
	}
	return views.HijriDay{Year: d.Hijri.Year, Month: d.Hijri.Month, Day: d.Hijri.Day, MonthName: hijri.MonthName(d.Hijri.Month),
		WithMonth: d.Hijri.Day == 1 || d.Date.Weekday() == jalali.Saturday && d.Date.Day <= 7}
}

// hijriSpan names the Hijri months from..to covers, «ذی‌الحجه ۱۴۴۵ – محرم
// ۱۴۴۶», and whether any of their starts is a prediction.
func hijriSpan(cal *calendar.Calendar, from, to jalali.Date) (string, bool) {
	months := cal.Hijri().Months(from, to)
	if len(months) == 0 {
		return "", false
	}
	provisional := false
	for _, m := range months {
		provisional = provisional || m.Source.Provisional()
	}
	a, b := months[0].Month, months[len(months)-1].Month
	if a == b {
		return a.Format(), provisional
	}
	if a.Year == b.Year {
		return hijri.MonthName(a.Month) + " – " + b.Format(), provisional
	}
	return a.Format() + " – " + b.Format(), provisional
}

// chip is an event as a grid cell shows it.
func chip(e domain.Event) views.EventChip {
	proposed := e.Status == domain.StatusProposed
	class := "ev k-" + string(e.Kind)
	if proposed {
		class += " proposed"
	}
	return views.EventChip{
		ID: e.ID, Title: e.Title, URL: eventLink(e), Class: class, KindName: e.Kind.Label(),
		Time: jalali.FaDigits(e.StartTime), Proposed: proposed,
	}
}

// listChip is an event as a list shows it, with its dates written out: for
// a series, pass the occurrence shown (calendar.EventOccurrence).
func listChip(e domain.Event) views.EventChip {
	c := chip(e)
	c.When = when(e)
	if e.Repeats() {
		c.When += "، " + repeatMark(e.Repeat.Kind)
	}
	return c
}

// when writes an event's dates and times in Persian.
func when(e domain.Event) string {
	if !e.Dated() {
		return "بدون تاریخ"
	}
	s := e.Start.FormatLong()
	if e.End != e.Start {
		s = "از " + e.Start.FormatLong() + " تا " + e.End.FormatLong()
	}
	switch {
	case e.StartTime != "" && e.EndTime != "":
		s += "، ساعت " + jalali.FaDigits(e.StartTime) + " تا " + jalali.FaDigits(e.EndTime)
	case e.StartTime != "":
		s += "، ساعت " + jalali.FaDigits(e.StartTime)
	}
	return s
}

// inRange returns url, the page of y/m/d, or "" when y/m/d is outside the
// years the calendar supports (1000..3000), so that pagers stop at the
// edges rather than link to a 404.
func inRange(url string, y, m, d int) string {
	if _, err := jalali.New(y, m, d); err != nil {
		return ""
	}
	return url
}

func monthTitle(y, m int) string { return jalali.MonthName(m) + " " + jalali.FaNum(y) }

// gregorianSpan names the Gregorian months a Jalali month covers.
func gregorianSpan(first jalali.Date) string {
	y1, m1, _ := first.Gregorian()
	y2, m2, _ := first.LastOfMonth().Gregorian()
	if y1 == y2 {
		return jalali.GregorianMonthName(m1) + " – " + jalali.GregorianMonthName(m2) + " " + jalali.FaNum(y1)
	}
	return jalali.GregorianMonthName(m1) + " " + jalali.FaNum(y1) + " – " + jalali.GregorianMonthName(m2) + " " + jalali.FaNum(y2)
}

func gregorianLong(d jalali.Date) string {
	y, m, day := d.Gregorian()
	return jalali.FaNum(day) + " " + jalali.GregorianMonthName(m) + " " + jalali.FaNum(y)
}

// filterView is the filter form of a calendar page that submits to action.
func filterView(f calFilter, action string) views.FilterView {
	v := views.FilterView{Action: action, Kind: string(f.kind), Province: f.province, Organization: f.organization,
		Proposed: f.proposed, Active: f.active(), Kinds: kindOptions()}
	if f.active() {
		clear := f
		clear.kind, clear.province, clear.organization = "", "", ""
		v.ClearURL = action + clear.query()
	}
	return v
}
