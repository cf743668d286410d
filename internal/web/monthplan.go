package web

import (
	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/views"
)

// A monthPlan places a month's events (domain.Brief) on the cells of its
// grid by day numbers, without a copy of each event on each of its days
// (calendar.Days does that for the week and day pages): a month of 500
// events is read, placed and drawn in a fraction of the time (issue 18).
type monthPlan struct {
	occs  []occurrence
	days  []calendar.Day // the grid's cells, a zero Date outside the years known
	first int            // the day number of the grid's first cell
	dots  [][]string     // each cell's kinds of events, three at most, in order
	ps    []piece        // rowLayout's pieces, the last row's
}

// occurrence is one occurrence of an event: its first and last day, as
// day numbers.
type occurrence struct {
	b        *domain.Brief
	from, to int
}

// newMonthPlan places events on days, the grid's cells, the first of which
// is day number first; from..to are its days the calendar knows.
func newMonthPlan(cal *calendar.Calendar, events []domain.Brief, days []calendar.Day, first int, from, to jalali.Date) *monthPlan {
	series := 0
	for i := range events {
		if events[i].Repeats() {
			series++
		}
	}
	// A series of every week has up to six occurrences in a grid.
	m := &monthPlan{days: days, first: first, occs: make([]occurrence, 0, len(events)+5*series)}
	lo, hi := from.Ordinal(), to.Ordinal()
	for i := range events {
		b := &events[i]
		if !b.Repeats() {
			if b.To >= lo && b.From <= hi {
				m.occs = append(m.occs, occurrence{b, b.From, b.To})
			}
			continue
		}
		for _, s := range cal.EventSpans(b.Event(), from, to) {
			m.occs = append(m.occs, occurrence{b, s.Start.Ordinal(), s.End.Ordinal()})
		}
	}
	// A phone's month cell shows a dot of the kind of each of its first
	// events, each kind once, three at most.
	m.dots = make([][]string, len(days))
	kinds := make([]string, 3*len(days))
	for i := range m.dots {
		m.dots[i] = kinds[3*i : 3*i : 3*i+3]
	}
	for _, o := range m.occs {
		for c := max(o.from-first, 0); c <= min(o.to-first, len(days)-1); c++ {
			if d := m.dots[c]; len(d) < 3 && !containsKind(d, string(o.b.Kind)) {
				m.dots[c] = append(d, string(o.b.Kind))
			}
		}
	}
	for i, d := range m.dots {
		if len(d) == 0 {
			m.dots[i] = nil
		}
	}
	return m
}

func containsKind(kinds []string, k string) bool {
	for _, x := range kinds {
		if x == k {
			return true
		}
	}
	return false
}

// date returns the date of day number n: a grid cell's, else converted.
func (m *monthPlan) date(n int) jalali.Date {
	if c := n - m.first; c >= 0 && c < len(m.days) && !m.days[c].Date.IsZero() {
		return m.days[c].Date
	}
	return jalali.FromOrdinal(n)
}

// event returns occurrence o as an event with its days.
func (m *monthPlan) event(o occurrence) domain.Event {
	e := domain.Event{ID: o.b.ID, Title: o.b.Title, Kind: o.b.Kind, Status: o.b.Status, Start: m.date(o.from), End: m.date(o.to),
		StartTime: o.b.StartTime, EndTime: o.b.EndTime, Occasion: o.b.Occasion}
	if o.b.Repeat != nil {
		e.Repeat = *o.b.Repeat
	}
	return e
}

// eventsOn returns the occurrences on cell c, as events with their days,
// in order.
func (m *monthPlan) eventsOn(c int) []domain.Event {
	n := 0
	for _, o := range m.occs {
		if o.from-m.first <= c && o.to-m.first >= c {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]domain.Event, 0, n)
	for _, o := range m.occs {
		if o.from-m.first <= c && o.to-m.first >= c {
			out = append(out, m.event(o))
		}
	}
	return out
}

// rowBars lays out the events of week row w as bars (layBars): each
// column's bars, and how many of each day's events are left out. The
// bars are those bar would make of the occurrences as events, made from
// the briefs (a province's month draws hundreds).
func (m *monthPlan) rowBars(w int) (bars [][]views.Bar, more []int) {
	ps, hidden, more := m.rowLayout(w)
	var perCol [7]int
	for i, p := range ps {
		if !hidden[i] {
			perCol[p.from]++
		}
	}
	all := make([]views.Bar, 0, len(ps))
	bars = make([][]views.Bar, 7)
	for c, n := range perCol {
		if n > 0 {
			bars[c], all = all[:0:n], all[n:n]
		}
	}
	start, end := m.first+7*w, m.first+7*w+6
	for i, p := range ps {
		if hidden[i] {
			continue
		}
		o := m.occs[p.i]
		b := views.Bar{ID: o.b.ID, Title: o.b.Title, Kind: string(o.b.Kind), KindName: o.b.Kind.Label(), Time: o.b.StartTime,
			Proposed: o.b.Status == domain.StatusProposed, Col: p.from + 1, Span: p.to - p.from + 1, Lane: p.lane + 1,
			Before: o.from < start, After: o.to > end, Start: m.date(o.from), Last: m.date(o.to)}
		if o.b.Repeats() {
			b.On = b.Start // its link is the occurrence's (eventLink)
		}
		bars[p.from] = append(bars[p.from], b)
	}
	return bars, more
}

// rowLayout lays out the events of week row w (layBars): their pieces,
// which are hidden, and how many of each day's events are left out.
func (m *monthPlan) rowLayout(w int) (ps []piece, hidden []bool, more []int) {
	start := m.first + 7*w
	ps = m.ps[:0] // the pieces of a row are used before the next row's are laid
	for i, o := range m.occs {
		if o.to < start || o.from > start+6 {
			continue
		}
		ps = append(ps, piece{i: i, from: max(o.from-start, 0), to: min(o.to-start, 6)})
	}
	m.ps = ps
	hidden, more = layBars(ps, 7)
	return ps, hidden, more
}

// monthShown returns what a month page of grid g, with chosen the day
// listed under it, shows of its events (those BriefsBetween gives): the
// numbers of those with a bar in a cell, and of those on the chosen day,
// placed as buildMonth places them. The others are only counted («+N»),
// or a dot's kind: their titles are never read (sqlite's BriefsShown).
func monthShown(g jalali.Grid, st *app.CalendarState, chosen jalali.Date) func([]domain.Brief) []int64 {
	return func(events []domain.Brief) []int64 {
		events, _ = withoutOccasionBriefs(st.Cal, events, st.Shown)
		mFirst := jalali.Date{Year: g.Year, Month: g.Month, Day: 1}
		from, to, lead, n := g.First(), g.Last(), 0, len(g.Weeks)*7
		if !from.Valid() {
			from, lead = mFirst, int(mFirst.Weekday())
		}
		if !to.Valid() {
			to = mFirst.LastOfMonth()
		}
		m := newMonthPlan(st.Cal, events, make([]calendar.Day, n), from.Ordinal()-lead, from, to)
		seen := make(map[int64]bool)
		var ids []int64
		show := func(o occurrence) {
			if !seen[o.b.ID] {
				seen[o.b.ID] = true
				ids = append(ids, o.b.ID)
			}
		}
		for w := range g.Weeks {
			ps, hidden, _ := m.rowLayout(w)
			for i, p := range ps {
				if !hidden[i] {
					show(m.occs[p.i])
				}
			}
		}
		c := lead + from.DaysUntil(chosen)
		for _, o := range m.occs {
			if o.from-m.first <= c && o.to-m.first >= c {
				show(o)
			}
		}
		return ids
	}
}

// withoutOccasionBriefs is withoutOccasionCopies over briefs; events is
// copied only when one of them repeats an occasion.
func withoutOccasionBriefs(cal *calendar.Calendar, events []domain.Brief, occasions []domain.Occasion) (kept []domain.Brief, links map[string]string) {
	kept, copied := events, false
	for i := range events {
		b := &events[i]
		var o domain.Occasion
		dup := false
		if b.Kind == domain.KindOccasion && b.Occasion != "" && b.Status == domain.StatusConfirmed {
			o, dup = cal.DuplicatesOccasion(b.Event(), occasions)
		}
		if !dup {
			if copied {
				kept = append(kept, *b)
			}
			continue
		}
		if !copied {
			kept, copied = append(make([]domain.Brief, 0, len(events)), events[:i]...), true
		}
		if links == nil {
			links = map[string]string{}
		}
		if links[o.Key] == "" {
			links[o.Key] = views.EventURL(b.ID)
		}
	}
	return kept, links
}
