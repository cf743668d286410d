package calendar

import (
	"slices"
	"sort"
	"sync"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/hijri"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/persian"
)

// Placed is one occurrence of an occasion.
type Placed struct {
	Occasion *domain.Occasion
	Span
}

// Almanac places a fixed list of occasions on days. Each Jalali year's
// occurrences are computed once and kept (a few years at a time), so that
// pages asking for a month or a day again cost a lookup. It is safe for
// concurrent use.
type Almanac struct {
	cal       *Calendar
	occasions []domain.Occasion

	mu      sync.Mutex
	years   map[int][]Placed    // by the Jalali year their occurrence starts in
	between map[[2]int][]Placed // Between's, by its days' numbers
}

// almanacYears bounds the years an Almanac keeps: a crawler walking every
// year from 1000 to 3000 must not hold them all.
const almanacYears = 16

// Almanac returns the almanac of occasions (which it keeps; do not change
// them afterwards).
func (c *Calendar) Almanac(occasions []domain.Occasion) *Almanac {
	return &Almanac{cal: c, occasions: occasions, years: map[int][]Placed{}, between: map[[2]int][]Placed{}}
}

// Calendar returns the calendar a places occasions with.
func (a *Almanac) Calendar() *Calendar { return a.cal }

// Occasions returns the occasions a places.
func (a *Almanac) Occasions() []domain.Occasion { return a.occasions }

// year returns the occurrences that start in Jalali year y, in order of
// start (and of the occasions list for the same day).
func (a *Almanac) year(y int) []Placed {
	a.mu.Lock()
	defer a.mu.Unlock()
	if p, ok := a.years[y]; ok {
		return p
	}
	from, to := YearRange(y)
	var out []Placed
	for i := range a.occasions {
		o := &a.occasions[i]
		for _, s := range a.cal.Starting(o.Recurrence, from, to) {
			out = append(out, Placed{Occasion: o, Span: s})
		}
	}
	sortPlaced(out)
	if len(a.years) >= almanacYears {
		clear(a.years)
	}
	a.years[y] = out
	return out
}

// Between returns the occurrences that share a day with from..to, in order
// of start. The list is kept for the next call with the same days (a cold
// month page asks for its grid's and its month's): it is shared, read it
// only.
func (a *Almanac) Between(from, to jalali.Date) []Placed {
	if !from.Valid() || !to.Valid() {
		return nil
	}
	key := [2]int{from.Ordinal(), to.Ordinal()}
	a.mu.Lock()
	out, ok := a.between[key]
	a.mu.Unlock()
	if ok {
		return out
	}
	out = slices.Clip(a.between1(from, to))
	a.mu.Lock()
	if len(a.between) >= almanacRanges {
		clear(a.between)
	}
	a.between[key] = out
	a.mu.Unlock()
	return out
}

// almanacRanges bounds the ranges an Almanac keeps Between's lists of, as
// almanacYears its years.
const almanacRanges = 512

func (a *Almanac) between1(from, to jalali.Date) []Placed {
	var out []Placed
	// An occurrence lasts at most a month plus a week's offset, or an
	// nth-day rule's year: one year back covers them all.
	for y := max(from.Year-1, jalali.MinYear); y <= to.Year; y++ {
		for _, p := range a.year(y) {
			if p.Touches(from, to) {
				out = append(out, p)
			}
		}
	}
	return out
}

func sortPlaced(ps []Placed) {
	// Stable: within a day, the catalogue's order.
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Start.Before(ps[j].Start) })
}

// Day is one day with what takes place on it.
type Day struct {
	Date             jalali.Date
	Hijri            hijri.Date
	HijriProvisional bool // the Hijri month's start is predicted, not announced
	Friday           bool
	Holiday          bool // an official holiday falls on it (Fridays aside)
	Occasions        []Placed
	Events           []domain.Event // each with the dates of its occurrence
}

// Off reports whether d is a day off: a Friday or an official holiday.
func (d Day) Off() bool { return d.Friday || d.Holiday }

// Days returns every day from..to with the occasions (from an almanac's
// Between) and the occurrences of events on it, each list in the order
// given.
func (c *Calendar) Days(from, to jalali.Date, events []domain.Event, occasions []Placed) []Day {
	return c.AppendDays(nil, from, to, events, occasions)
}

// AppendDays appends the days Days returns to dst, and returns it: a month
// page writes its grid's days in the slice of the one before.
func (c *Calendar) AppendDays(dst []Day, from, to jalali.Date, events []domain.Event, occasions []Placed) []Day {
	if to.Before(from) || !from.Valid() || !to.Valid() {
		return dst
	}
	first := from.Ordinal()
	n := to.Ordinal() - first + 1
	out := slices.Grow(dst, n)[:len(dst)+n]
	days := out[len(dst):]
	copy(days, c.bareDays(from, first, n))
	each := func(s Span, fn func(*Day)) {
		lo, hi := max(s.Start.Ordinal()-first, 0), min(s.End.Ordinal()-first, len(days)-1)
		for i := lo; i <= hi; i++ {
			fn(&days[i])
		}
	}
	// Each day's occasions are a piece of one list, counted first.
	var held [64]int32
	counts := held[:0]
	if len(days) <= len(held) {
		counts = held[:len(days)]
	} else {
		counts = make([]int32, len(days))
	}
	total := 0
	for _, p := range occasions {
		for i := max(p.Start.Ordinal()-first, 0); i <= min(p.End.Ordinal()-first, len(days)-1); i++ {
			counts[i]++
			total++
		}
	}
	all, at := make([]Placed, total), 0
	for i, k := range counts {
		if k > 0 {
			days[i].Occasions, at = all[at:at:at+int(k)], at+int(k)
		}
	}
	for _, p := range occasions {
		each(p.Span, func(day *Day) {
			day.Occasions = append(day.Occasions, p)
			day.Holiday = day.Holiday || p.Occasion.Holiday
		})
	}
	for _, e := range events {
		for _, s := range c.EventSpans(e, from, to) {
			occ := e
			occ.Start, occ.End = s.Start, s.End
			each(s, func(day *Day) { day.Events = append(day.Events, occ) })
		}
	}
	return out
}

// bareDays returns the n days from from (day number first) with their
// Hijri dates and Fridays, nothing placed on them. A grid's (six weeks at
// most) are made once and kept: a cold month page asked for its 42 Hijri
// dates, each a conversion, on every build (issue 18). The list is shared:
// copy it.
func (c *Calendar) bareDays(from jalali.Date, first, n int) []Day {
	if n > maxKeptDays {
		return c.makeDays(from, first, n)
	}
	key := [2]int{first, n}
	c.mu.Lock()
	days, ok := c.days[key]
	c.mu.Unlock()
	if ok {
		return days
	}
	days = c.makeDays(from, first, n)
	c.mu.Lock()
	if c.days == nil || len(c.days) >= keptGrids {
		c.days = map[[2]int][]Day{}
	}
	c.days[key] = days
	c.mu.Unlock()
	return days
}

// maxKeptDays and keptGrids bound the days a Calendar keeps: ranges of six
// weeks at most, 512 of them (a crawler walking every month of a thousand
// years must not hold them all).
const (
	maxKeptDays = 42
	keptGrids   = 512
)

func (c *Calendar) makeDays(from jalali.Date, first, n int) []Day {
	days := make([]Day, n)
	d := from
	for i := range days {
		h, src := c.h.FromJalali(d)
		days[i] = Day{Date: d, Hijri: h, HijriProvisional: src.Provisional(), Friday: weekday(first+i) == int(jalali.Friday)}
		d = d.Next()
	}
	return days
}

// Shown returns the occasions a calendar or feed shows: those not hidden,
// without the provincial days of other provinces when province names one
// (compared whatever the spelling).
func Shown(occasions []domain.Occasion, province string) []domain.Occasion {
	key := persian.SearchKey(province)
	out := make([]domain.Occasion, 0, len(occasions))
	for _, o := range occasions {
		if o.Hidden || province != "" && o.Province != "" && persian.SearchKey(o.Province) != key {
			continue
		}
		out = append(out, o)
	}
	return out
}

// InProvince reports whether an occasion belongs on a calendar narrowed to
// province: a national one always does, a provincial day only its own
// province's.
func InProvince(o *domain.Occasion, province string) bool {
	return province == "" || o.Province == "" || persian.SearchKey(o.Province) == persian.SearchKey(province)
}

// AppendInProvince appends to dst the occurrences of placed whose
// occasions belong on a calendar narrowed to province (InProvince), and
// returns it: a month page of a province asks twice, for each of the
// month's occasions.
func AppendInProvince(dst, placed []Placed, province string) []Placed {
	key := persian.SearchKey(province)
	for _, p := range placed {
		if o := p.Occasion; province == "" || o.Province == "" || persian.SearchKey(o.Province) == key {
			dst = append(dst, p)
		}
	}
	return dst
}
