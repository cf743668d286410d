package calendar

import (
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/hijri"
	"github.com/ruydad/ruydad/internal/jalali"
)

// A series walks the occurrences of a repeating event period by period (a
// week of a weekly event, a month of a monthly one, a year of a yearly
// one), every Repeat.Every()-th period from the one of the event's first
// day, which is period 0.
//
// A series is a value, made and walked on its caller's stack: a month page
// places a hundred series and more, and each on the heap (an event and its
// rule, some 600 bytes) was a tenth of a cold page's allocations (issue 18).
type series struct {
	c      *Calendar
	e      domain.Event
	r      domain.Repeat
	length int // days after an occurrence's first that it lasts

	start int               // the first day's day number
	week  int               // weekly: the day number of the first day's Saturday
	days  [7]jalali.Weekday // weekly: the weekdays, from Saturday (the first nDays)
	nDays int
	month int        // monthly: the first day's month, counted from year 0
	hm    hijri.Date // yearly Hijri: the first day's Hijri date
}

func newSeries(c *Calendar, e domain.Event) (series, bool) {
	if !e.Repeats() || !e.Start.Valid() {
		return series{}, false
	}
	s := series{c: c, e: e, r: e.Repeat, length: e.Days() - 1, start: e.Start.Ordinal()}
	switch e.Repeat.Kind {
	case domain.RepeatWeekly:
		s.week = s.start - int(e.Start.Weekday())
		for w := jalali.Saturday; w <= jalali.Friday; w++ {
			if e.Repeat.Days.Has(w) {
				s.days[s.nDays] = w
				s.nDays++
			}
		}
		if s.nDays == 0 {
			return series{}, false
		}
	case domain.RepeatMonthly, domain.RepeatMonthlyWeekday:
		s.month = e.Start.Year*12 + e.Start.Month - 1
	case domain.RepeatYearlyHijri:
		s.hm, _ = c.h.FromJalali(e.Start)
		if s.hm.IsZero() {
			return series{}, false
		}
	case domain.RepeatYearly:
	default:
		return series{}, false
	}
	return s, true
}

// firstPeriod returns a period no later than the first whose occurrences
// may reach from: periods before it end earlier.
func (s *series) firstPeriod(from jalali.Date) int {
	every := s.r.Every()
	switch s.r.Kind {
	case domain.RepeatWeekly:
		return max(0, (from.Ordinal()-s.week-s.length-7)/(7*every))
	case domain.RepeatMonthly, domain.RepeatMonthlyWeekday:
		// An occurrence lasts at most a month (domain.MaxSpanDays).
		return max(0, (from.Year*12+from.Month-1-s.month)/every-2)
	}
	return 0 // a yearly series walks its years from the first: a few hundred at most
}

// before returns how many occurrences the periods before p hold (a count
// ends the series).
func (s *series) before(p int) int {
	switch s.r.Kind {
	case domain.RepeatWeekly:
		if p == 0 {
			return 0
		}
		first := 0
		for _, w := range s.days[:s.nDays] {
			if int(w) >= int(s.e.Start.Weekday()) {
				first++
			}
		}
		return first + (p-1)*s.nDays
	case domain.RepeatMonthly, domain.RepeatMonthlyWeekday:
		return p // every month has its day
	}
	n := 0
	for q := 0; q < p; q++ {
		n += len(s.starts(q, nil))
	}
	return n
}

// begins returns the first day number period p may hold an occurrence on,
// false past the years the calendars know.
func (s *series) begins(p int) (int, bool) {
	every := s.r.Every()
	switch s.r.Kind {
	case domain.RepeatWeekly:
		n := s.week + 7*every*p
		return n, n+6+s.length <= lastKnownDay
	case domain.RepeatMonthly, domain.RepeatMonthlyWeekday:
		m := s.month + every*p
		if m/12 > jalali.MaxYear {
			return 0, false
		}
		return jalali.Date{Year: m / 12, Month: m%12 + 1, Day: 1}.Ordinal(), true
	case domain.RepeatYearly:
		y := s.e.Start.Year + every*p
		if y > jalali.MaxYear {
			return 0, false
		}
		return jalali.Date{Year: y, Month: 1, Day: 1}.Ordinal(), true
	case domain.RepeatYearlyHijri:
		info, ok := s.c.h.Month(hijri.Month{Year: s.hm.Year + every*p, Month: 1})
		return info.Start.Ordinal(), ok
	}
	return 0, false
}

// starts appends to buf the day numbers period p's occurrences start on,
// in order (none: 30 Esfand in a common year, a Hijri month the table does
// not know), before the first day's left out.
func (s *series) starts(p int, buf []int) []int {
	every := s.r.Every()
	add := func(n int) {
		if n >= s.start {
			buf = append(buf, n)
		}
	}
	switch s.r.Kind {
	case domain.RepeatWeekly:
		week := s.week + 7*every*p
		for _, w := range s.days[:s.nDays] {
			add(week + int(w))
		}
	case domain.RepeatMonthly:
		m := s.month + every*p
		y, mo := m/12, m%12+1
		add(jalali.Date{Year: y, Month: mo, Day: min(s.e.Start.Day, jalali.MonthLength(y, mo))}.Ordinal())
	case domain.RepeatMonthlyWeekday:
		m := s.month + every*p
		y, mo := m/12, m%12+1
		first, n := jalali.Date{Year: y, Month: mo, Day: 1}.Ordinal(), jalali.MonthLength(y, mo)
		wd := int(s.e.Start.Weekday())
		day := (wd-weekday(first)+7)%7 + 7*(s.r.Nth-1)
		if s.r.Nth == domain.LastWeek {
			day = n - 1 - (weekday(first+n-1)-wd+7)%7
		}
		add(first + day)
	case domain.RepeatYearly:
		y := s.e.Start.Year + every*p
		if d, err := jalali.New(y, s.e.Start.Month, s.e.Start.Day); err == nil {
			add(d.Ordinal())
		}
	case domain.RepeatYearlyHijri:
		if info, ok := s.c.h.Month(hijri.Month{Year: s.hm.Year + every*p, Month: s.hm.Month}); ok {
			add(info.Start.Ordinal() + min(s.hm.Day, info.Length) - 1)
		}
	}
	return buf
}

// each calls fn with the occurrences that may touch from..to, in order,
// until fn returns false: those after from's period, up to the first that
// starts after to, Until or the count. Skipped occurrences are left out
// (they still count: iCal's COUNT counts before EXDATE).
func (s *series) each(from, to jalali.Date, fn func(Span) bool) {
	s.eachStart(from, to, func(start, p int) bool {
		d := jalali.FromOrdinal(start)
		return fn(Span{Start: d, End: jalali.FromOrdinal(start + s.length), Year: s.year(d, p)})
	})
}

// eachStart is each, giving fn the day number each occurrence starts on
// and its period: a month page places hundreds of occurrences by day
// numbers, and has no use for their dates.
func (s *series) eachStart(from, to jalali.Date, fn func(start, p int) bool) {
	last := to.Ordinal()
	if !s.r.Until.IsZero() {
		last = min(last, s.r.Until.Ordinal())
	}
	skips := len(s.r.Skipped) > 0 || len(s.r.Moved) > 0
	p := s.firstPeriod(from)
	n := s.before(p)
	var held [7]int // a period's starts: a week's seven at most
	buf := held[:0]
	for ; ; p++ {
		begin, ok := s.begins(p)
		if !ok || begin > last {
			return
		}
		buf = s.starts(p, buf[:0])
		for _, start := range buf {
			if start > last || s.r.Count > 0 && n >= s.r.Count {
				return
			}
			n++
			if skips && s.r.IsSkipped(jalali.FromOrdinal(start)) {
				continue
			}
			if !fn(start, p) {
				return
			}
		}
	}
}

// lastKnownDay is the day number of the last day of the years the
// calendars know.
var lastKnownDay = jalali.Date{Year: jalali.MaxYear, Month: 12, Day: jalali.MonthLength(jalali.MaxYear, 12)}.Ordinal()

// year returns the year an occurrence starting on d belongs to: its Hijri
// year for a Hijri series, else its Jalali year.
func (s *series) year(d jalali.Date, p int) int {
	if s.r.Kind == domain.RepeatYearlyHijri {
		return s.hm.Year + s.r.Every()*p
	}
	return d.Year
}
