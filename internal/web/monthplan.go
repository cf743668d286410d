package web

import (
	"slices"

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
	occs   []occurrence
	days   []calendar.Day // the grid's cells, a zero Date outside the years known
	first  int            // the day number of the grid's first cell
	dots   [][]string     // each cell's kinds of events, three at most, in order
	rows   []laidRow      // each week row's layout (rowLayout), once laid
	pieces []piece        // the rows' pieces, one after the other
	sc     *monthScratch  // the slices to make it in, or nil
}

// laidRow is a week row's layout (layBars).
type laidRow struct {
	ps     []piece
	hidden []bool
	more   []int
	laid   bool
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
	return newMonthPlanIn(nil, cal, events, days, first, from, to)
}

// newMonthPlanIn is newMonthPlan, made in sc's slices (a month page's
// scratch) when sc is not nil.
func newMonthPlanIn(sc *monthScratch, cal *calendar.Calendar, events []domain.Brief, days []calendar.Day, first int, from, to jalali.Date) *monthPlan {
	series := 0
	for i := range events {
		if events[i].Repeats() {
			series++
		}
	}
	// A series of every week has up to six occurrences in a grid.
	m := &monthPlan{days: days, first: first, sc: sc}
	if sc != nil {
		m.occs = slices.Grow(sc.occs[:0], len(events)+5*series)
		defer func() { sc.occs = m.occs }()
	} else {
		m.occs = make([]occurrence, 0, len(events)+5*series)
	}
	lo, hi := from.Ordinal(), to.Ordinal()
	for i := range events {
		b := &events[i]
		if !b.Repeats() {
			if b.To >= lo && b.From <= hi {
				m.occs = append(m.occs, occurrence{b, b.From, b.To})
			}
			continue
		}
		cal.EachEventDays(b.Event(), from, to, func(first, last int) {
			m.occs = append(m.occs, occurrence{b, first, last})
		})
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
	var out []domain.Event
	if m.sc != nil {
		out = slices.Grow(m.sc.events[:0], n)
		defer func() { m.sc.events = out }()
	} else {
		out = make([]domain.Event, 0, n)
	}
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
	shown := 0
	for i, p := range ps {
		if !hidden[i] {
			perCol[p.from]++
			shown++
		}
	}
	var all []views.Bar
	if m.sc != nil {
		all = m.sc.barRoom(shown)
	} else {
		all = make([]views.Bar, 0, shown)
	}
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
// which are hidden, and how many of each day's events are left out. A
// row is laid once: the page's list of what it shows (monthShown) and its
// bars (rowBars) take the same layout.
func (m *monthPlan) rowLayout(w int) (ps []piece, hidden []bool, more []int) {
	if w < len(m.rows) && m.rows[w].laid {
		r := &m.rows[w]
		return r.ps, r.hidden, r.more
	}
	ps = m.rowPieces(w)
	hidden, more = layBars(ps, 7)
	for len(m.rows) <= w {
		m.rows = append(m.rows, laidRow{})
	}
	m.rows[w] = laidRow{ps: ps, hidden: hidden, more: more, laid: true}
	return ps, hidden, more
}

// rowPieces adds the pieces of week row w to m.pieces and returns them,
// in layBars' order (by first column, the longer first, stably), placed so
// as they are made: a province's week row holds hundreds, and their sort
// was a twentieth of a cold page.
func (m *monthPlan) rowPieces(w int) []piece {
	start := m.first + 7*w
	var at [7 * 7]int // the pieces of each first column and length: then where the first of them goes
	for _, o := range m.occs {
		if o.to >= start && o.from <= start+6 {
			at[pieceOrder(o, start)]++
		}
	}
	n := 0
	for k, c := range at {
		at[k], n = n, n+c
	}
	if m.pieces == nil {
		if m.sc != nil {
			m.pieces = m.sc.pieces[:0]
		}
		m.pieces = slices.Grow(m.pieces, len(m.occs)+len(m.occs)/4)
	}
	lo := len(m.pieces)
	m.pieces = slices.Grow(m.pieces, n)[:lo+n]
	if m.sc != nil {
		m.sc.pieces = m.pieces
	}
	for i, o := range m.occs {
		if o.to >= start && o.from <= start+6 {
			k := pieceOrder(o, start)
			m.pieces[lo+at[k]] = piece{i: i, from: max(o.from-start, 0), to: min(o.to-start, 6)}
			at[k]++
		}
	}
	return m.pieces[lo:len(m.pieces):len(m.pieces)] // a later row's pieces may move m.pieces, not these
}

// pieceOrder is the place of occurrence o's piece in the order of the
// week row starting on day number start: by its first column, then the
// longer first.
func pieceOrder(o occurrence, start int) int {
	from, to := max(o.from-start, 0), min(o.to-start, 6)
	return 7*from + 6 - (to - from)
}

// monthShown returns what a month page of grid g, with chosen the day
// listed under it, shows of its events (those BriefsBetween gives): the
// numbers of those with a bar in a cell, and of those on the chosen day,
// placed as buildMonth places them. The others are only counted («+N»),
// or a dot's kind: their titles are never read (sqlite's BriefsShown).
// When laid is not nil, the placing is kept there for buildMonth to take.
func monthShown(g jalali.Grid, st *app.CalendarState, chosen jalali.Date, laid *monthLayout) func([]domain.Brief) []int64 {
	return func(events []domain.Brief) []int64 {
		events, _ = withoutOccasionBriefs(st.Cal, events, st.Shown)
		span := gridSpanOf(g)
		m := span.plan(laid.scratchOrNil(), st.Cal, events, make([]calendar.Day, span.cells))
		if laid != nil {
			laid.plan, laid.events = m, events
		}
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
		c := span.lead + span.from.DaysUntil(chosen)
		for _, o := range m.occs {
			if o.from-m.first <= c && o.to-m.first >= c {
				show(o)
			}
		}
		return ids
	}
}

// A monthLayout is the placing of a month's events that monthShown made,
// on the briefs it was given, for buildMonth to take (their titles read
// since) instead of placing and laying them out again.
type monthLayout struct {
	plan    *monthPlan
	events  []domain.Brief // those placed, of which the plan holds pointers
	scratch *monthScratch  // the slices the page is made in
}

// scratchOf returns l's scratch, a new one when it has none; a month made
// with no layout is made in one of its own.
func (l *monthLayout) scratchOf() *monthScratch {
	if l == nil {
		return new(monthScratch)
	}
	if l.scratch == nil {
		l.scratch = new(monthScratch)
	}
	return l.scratch
}

// scratchOrNil returns l's scratch, or nil.
func (l *monthLayout) scratchOrNil() *monthScratch {
	if l == nil {
		return nil
	}
	return l.scratch
}

// planFor returns the plan kept in l for events, the grid's days given,
// when it was made on these very briefs; else nil.
func (l *monthLayout) planFor(events []domain.Brief, days []calendar.Day) *monthPlan {
	if l == nil || l.plan == nil || len(l.events) != len(events) || len(events) > 0 && &l.events[0] != &events[0] ||
		len(l.plan.days) != len(days) {
		return nil
	}
	l.plan.days = days
	return l.plan
}

// A gridSpan is the days of a month grid the calendar knows: the grids of
// 1000/1 and 3000/12 reach past them, and their cells there stay empty.
type gridSpan struct {
	from, to jalali.Date // the first and last days known
	lead     int         // the cells before from
	cells    int
}

func gridSpanOf(g jalali.Grid) gridSpan {
	mFirst := jalali.Date{Year: g.Year, Month: g.Month, Day: 1}
	s := gridSpan{from: g.First(), to: g.Last(), cells: len(g.Weeks) * 7}
	if !s.from.Valid() {
		s.from, s.lead = mFirst, int(mFirst.Weekday())
	}
	if !s.to.Valid() {
		s.to = mFirst.LastOfMonth()
	}
	return s
}

// plan places events on days, the grid's cells (newMonthPlan), in sc's
// slices when sc is not nil.
func (s gridSpan) plan(sc *monthScratch, cal *calendar.Calendar, events []domain.Brief, days []calendar.Day) *monthPlan {
	return newMonthPlanIn(sc, cal, events, days, s.from.Ordinal()-s.lead, s.from, s.to)
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
