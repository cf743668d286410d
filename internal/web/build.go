package web

import (
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/views"
)

// buildMonth places events and occasions on the grid's days.
func buildMonth(g jalali.Grid, events []domain.Event, occasions []domain.Occasion, today jalali.Date, f calFilter) views.MonthView {
	first, last := g.First(), g.Last()
	py, pm := jalali.AddMonths(g.Year, g.Month, -1)
	ny, nm := jalali.AddMonths(g.Year, g.Month, 1)
	toggle := f
	toggle.proposed = !f.proposed
	v := views.MonthView{
		Year: g.Year, Month: g.Month,
		Title:             monthTitle(g.Year, g.Month),
		GregorianSpan:     gregorianSpan(jalali.Date{Year: g.Year, Month: g.Month, Day: 1}),
		PrevURL:           inRange(monthURL(py, pm, f.query()), py, pm, 1),
		NextURL:           inRange(monthURL(ny, nm, f.query()), ny, nm, 1),
		PrevLabel:         monthTitle(py, pm),
		NextLabel:         monthTitle(ny, nm),
		TodayURL:          monthURL(today.Year, today.Month, f.query()),
		YearURL:           yearURL(g.Year) + f.query(),
		Weekdays:          jalali.WeekdayNames(),
		JumpYear:          g.Year,
		ShowProposed:      f.proposed,
		ToggleProposedURL: monthURL(g.Year, g.Month, toggle.query()),
		NewEventURL:       "/events/new",
		Weeks:             make([][7]views.DayCell, len(g.Weeks)),
	}
	events, links := withoutOccasionCopies(events, occasions)
	byDay := eventsOn(events, first, last)
	occ := occasionsOn(occasions, first, last, links)
	for w, week := range g.Weeks {
		for i, d := range week {
			c := views.DayCell{
				Date: d, URL: dayURL(d) + f.query(), InMonth: g.InMonth(d), Today: d == today,
				Friday: i == 6, Holiday: anyHoliday(occ[d]), Gregorian: d.FormatGregorianShort(),
				Occasions: occ[d], Events: byDay[d],
			}
			if len(c.Events) > dayChips {
				c.Events, c.More = c.Events[:dayChips-1], len(c.Events)-(dayChips-1)
			}
			v.Weeks[w][i] = c
		}
	}
	return v
}

// dayChips is how many events a day cell of the month lists at most; a
// busier day lists one fewer and a link to the day page for the rest, so a
// month stays readable (and printable on one page) however full it is.
const dayChips = 4

// eventsOn returns, for each day from..to, the chips of the events on it.
func eventsOn(events []domain.Event, from, to jalali.Date) map[jalali.Date][]views.EventChip {
	out := map[jalali.Date][]views.EventChip{}
	for _, e := range events {
		c := chip(e)
		if !e.Yearly {
			eachDay(e.Start, e.End, from, to, func(d jalali.Date) { out[d] = append(out[d], c) })
			continue
		}
		for y := from.Year - 1; y <= to.Year; y++ {
			if s, end, ok := e.OccurrenceIn(y); ok {
				eachDay(s, end, from, to, func(d jalali.Date) { out[d] = append(out[d], c) })
			}
		}
	}
	return out
}

// withoutOccasionCopies returns the events to list among events: all but
// those that repeat a catalogue occasion (domain.DuplicatesOccasion), which
// the pages show once, as the occasion. links maps such an occasion's key to
// the page of the (first) event repeating it, for the occasion to link to.
func withoutOccasionCopies(events []domain.Event, occasions []domain.Occasion) (kept []domain.Event, links map[string]string) {
	kept = events[:0:0]
	for _, e := range events {
		o, dup := domain.DuplicatesOccasion(e, occasions)
		if !dup {
			kept = append(kept, e)
			continue
		}
		if links == nil {
			links = map[string]string{}
		}
		if links[o.Key] == "" {
			links[o.Key] = eventURL(e.ID)
		}
	}
	return kept, links
}

// occasionsOn returns, for each day from..to, the occasions on it; links
// (from withoutOccasionCopies) gives some of them a link to an event.
func occasionsOn(occasions []domain.Occasion, from, to jalali.Date, links map[string]string) map[jalali.Date][]views.OccasionChip {
	out := map[jalali.Date][]views.OccasionChip{}
	for _, o := range occasions {
		c := views.OccasionChip{Name: o.Name, Holiday: o.Holiday, URL: links[o.Key]}
		for y := from.Year - 1; y <= to.Year; y++ {
			if s, end, ok := o.In(y); ok {
				eachDay(s, end, from, to, func(d jalali.Date) { out[d] = append(out[d], c) })
			}
		}
	}
	return out
}

// eachDay calls fn for every day of start..end that lies within from..to.
func eachDay(start, end, from, to jalali.Date, fn func(jalali.Date)) {
	if start.Before(from) {
		start = from
	}
	if end.After(to) {
		end = to
	}
	for d := start; !d.After(end); d = d.Next() {
		fn(d)
	}
}

func anyHoliday(occ []views.OccasionChip) bool {
	for _, o := range occ {
		if o.Holiday {
			return true
		}
	}
	return false
}

// chip is an event as a grid cell shows it.
func chip(e domain.Event) views.EventChip {
	proposed := e.Status == domain.StatusProposed
	class := "ev k-" + string(e.Kind)
	if proposed {
		class += " proposed"
	}
	return views.EventChip{
		ID: e.ID, Title: e.Title, URL: eventURL(e.ID), Class: class, KindName: e.Kind.Label(),
		Time: jalali.FaDigits(e.StartTime), Proposed: proposed,
	}
}

// listChip is an event as a list shows it, with its dates written out: for
// a yearly event, pass the occurrence shown (domain.Event.Occurrence).
func listChip(e domain.Event) views.EventChip {
	c := chip(e)
	c.When = when(e)
	if e.Yearly {
		c.When += "، هر سال"
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
