package mining

import (
	"time"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// Review notes, in Persian, for the person who confirms a candidate.
const (
	noteYearFromPub     = "سال از تاریخ انتشار حدس زده شد"
	noteYearFromText    = "سال از سال‌های دیگر متن حدس زده شد"
	noteYearFromWeekday = "سال با روز هفته حدس زده شد (تاریخ انتشار معلوم نیست)"
	noteWeekdayMismatch = "روز هفته با تاریخ نمی‌خواند"
	noteRelative        = "تاریخ نسبت به تاریخ انتشار حساب شد"
	noteRangeUnclear    = "بازهٔ تاریخ روشن نیست"
	notePartOfMonth     = "فقط بخشی از ماه گفته شده است"
	noteNoYear          = "سال این تاریخ معلوم نیست"
	noteNoSuchGregorian = "چنین تاریخ میلادی‌ای در تقویم نیست"
	noteNoPub           = "تاریخ انتشار معلوم نیست و تاریخ نسبی حساب نشد"
	noteLunar           = "تاریخ قمری است و تبدیل نشد"
	noteOnlyYear        = "فقط سال گفته شده است"
	noteNoDate          = "تاریخی برای این رویداد در جمله پیدا نشد"
	noteFromStart       = "فقط تاریخ شروع یا تغییر گفته شده است"
	notePeriodInText    = "این دوره را خود متن نام‌گذاری و تاریخ‌گذاری کرده است"
)

// when is a resolved date or the reason there is none.
type when struct {
	start, end jalali.Date
	prec       domain.Precision
	conf       float64
	note       string
	ok         bool
}

// yearHint is the year a sentence gives to dates without one.
type yearHint struct {
	year     int
	explicit bool
}

// context is what resolution knows about the article.
type context struct {
	pub    jalali.Date // zero when unknown
	anchor int         // a year the article's own dates point to, 0 if none
	maxYr  int         // newest year stated in the article, 0 if none
	today  jalali.Date
	cal    *calendar.Calendar // nil: calendar.Official()
}

// calendar returns the calendar dates resolve in.
func (c *context) calendar() *calendar.Calendar {
	if c.cal == nil {
		return calendar.Official()
	}
	return c.cal
}

// Years the miner puts on a calendar: outside them a date is a misreading
// (and the calendar conversion is not trusted).
const (
	minMinedYear = 1200
	maxMinedYear = 1700
)

// sane reports whether w's dates lie in the years the miner accepts.
func (w when) sane() bool {
	return w.start.Year >= minMinedYear && w.start.Year <= maxMinedYear &&
		w.end.Year >= minMinedYear && w.end.Year <= maxMinedYear && !w.end.Before(w.start)
}

// resolve turns e into dates.
func (c *context) resolve(e expr, hint yearHint, t tense) when {
	w := c.resolveAny(e, hint, t)
	if w.ok && !w.sane() {
		return when{note: noteNoYear}
	}
	return w
}

func (c *context) resolveAny(e expr, hint yearHint, t tense) when {
	switch e.typ {
	case xDate, xRange:
		return c.resolveDay(e, hint, t)
	case xMonth:
		return c.resolveMonth(e, hint, t)
	case xRelDay, xRelWeek, xRelMonth, xWeekday:
		return c.resolveRelative(e, t)
	case xYear, xRelYear:
		return when{note: noteOnlyYear}
	}
	return when{}
}

// yearOf returns the year stated with e, through a relative year or the
// sentence's hint; 0 when none.
func (c *context) yearOf(e expr, hint yearHint) (int, bool) {
	switch {
	case e.y != 0:
		return expandYear(e.y, e.yDigits, c), true
	case e.hasYRel && !c.pub.IsZero():
		return c.pub.Year + e.yRel, true
	case hint.year != 0:
		return hint.year, hint.explicit
	}
	return 0, false
}

func (c *context) resolveDay(e expr, hint yearHint, t tense) when {
	if e.cal == calLunar {
		return c.resolveLunarDay(e, t)
	}
	if e.cal == calGregorian {
		return c.resolveGregorian(e, t)
	}
	if !dayExists(e.m, e.d) {
		return when{note: noteNoSuchDay(0, e.m)}
	}
	if e.typ == xRange && !dayExists(e.m2, e.d2) {
		return when{note: noteNoSuchDay(0, e.m2)}
	}
	w := when{prec: domain.PrecisionDay, conf: 0.9}
	y, stated := c.yearOf(e, hint)
	if y == 0 {
		var note string
		y, note, w.conf = c.inferYear(c.daySpan(e), e.wd, t, graceDate)
		if y == 0 {
			if note == "" {
				note = noteNoSuchDay(0, e.m) // ۳۰ اسفند with no leap year near
			}
			return when{note: note}
		}
		w.note = note
	} else if !stated {
		w.conf, w.note = 0.8, noteYearFromPub
	}
	if y < jalali.MinYear || y > jalali.MaxYear {
		return when{note: noteNoYear}
	}
	start, err := jalali.New(y, e.m, e.d)
	if err != nil {
		return when{note: noteNoSuchDay(y, e.m)} // ۳۰ اسفند of a common year
	}
	w.start, w.end, w.ok = start, start, true
	switch {
	case e.dur > 0:
		w.end = start.AddDays(e.dur - 1)
	case e.typ == xRange:
		y2 := y
		if e.y2 != 0 && e.y != 0 {
			y2 = expandYear(e.y2, e.yDigits, c)
		} else if e.m2 < e.m {
			y2 = y + 1
		}
		end, err := jalali.New(y2, e.m2, e.d2)
		if err != nil || end.Before(start) || start.DaysUntil(end) > 62 {
			return when{note: noteRangeUnclear}
		}
		w.end = end
	}
	if e.wd >= 0 && int(start.Weekday()) != e.wd {
		w.conf -= 0.3
		w.note = joinNotes(w.note, noteWeekdayMismatch)
	}
	return w
}

func (c *context) resolveGregorian(e expr, t tense) when {
	gy := e.y
	w := when{prec: domain.PrecisionDay, conf: 0.85}
	if gy == 0 {
		if c.pub.IsZero() {
			return when{note: noteNoYear}
		}
		py, _, _ := c.pub.Gregorian()
		best, bestCost := 0, 1<<30
		for y := py - 1; y <= py+1; y++ {
			if !validGregorian(y, e.m, e.d) {
				continue
			}
			ds := c.pub.DaysUntil(jalali.FromGregorian(y, time.Month(e.m), e.d))
			de := ds
			if e.typ == xRange && validGregorian(y, e.m2, e.d2) && e.m2 >= e.m {
				de = c.pub.DaysUntil(jalali.FromGregorian(y, time.Month(e.m2), e.d2))
			}
			cost := gap(ds, de) + tenseCost(t, ds, de, graceDate)
			if cost < bestCost {
				best, bestCost = y, cost
			}
		}
		if best == 0 {
			return when{note: noteNoSuchGregorian}
		}
		gy, w.conf, w.note = best, 0.75, noteYearFromPub
	}
	if !validGregorian(gy, e.m, e.d) {
		if gy >= 622 && gy <= 3000 {
			return when{note: noteNoSuchGregorian}
		}
		return when{note: noteNoYear}
	}
	w.start = jalali.FromGregorian(gy, time.Month(e.m), e.d)
	w.end, w.ok = w.start, true
	if e.typ == xRange {
		gy2 := gy
		if e.m2 < e.m {
			gy2++
		}
		if !validGregorian(gy2, e.m2, e.d2) {
			return when{note: noteRangeUnclear}
		}
		w.end = jalali.FromGregorian(gy2, time.Month(e.m2), e.d2)
	}
	return w
}

func validGregorian(y, m, d int) bool {
	if y < 622 || y > 3000 || m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= time.Date(y, time.Month(m)+1, 0, 12, 0, 0, 0, time.UTC).Day()
}

func (c *context) resolveMonth(e expr, hint yearHint, t tense) when {
	if e.cal == calLunar {
		return c.resolveLunarMonth(e, t)
	}
	w := when{prec: domain.PrecisionMonth, conf: 0.75}
	m2 := e.m
	if e.m2 != 0 {
		m2 = e.m2
	}
	if e.cal == calGregorian {
		if e.y == 0 || e.y < 622 {
			return when{note: noteNoYear}
		}
		w.start = jalali.FromGregorian(e.y, time.Month(e.m), 1)
		w.end = jalali.FromGregorian(e.y, time.Month(m2)+1, 1).AddDays(-1)
		w.ok = true
		return w
	}
	y, stated := c.yearOf(e, hint)
	if y == 0 {
		var note string
		y, note, w.conf = c.inferYear(monthSpan(e.m, m2), -1, t, graceDate)
		if y == 0 {
			return when{note: note}
		}
		w.conf -= 0.1
		w.note = note
	} else if !stated {
		w.conf, w.note = 0.65, noteYearFromPub
	}
	if y < jalali.MinYear || y > jalali.MaxYear {
		return when{note: noteNoYear}
	}
	w.start, w.end, w.ok = monthSpan(e.m, m2)(y)
	if e.fuzzy {
		w.note = joinNotes(w.note, notePartOfMonth)
	}
	if e.part != partWhole && m2 == e.m {
		w.start, w.end = monthPart(w.start, w.end, e.part)
	}
	return w
}

// monthPart narrows a month's days first..last to a part of it: a third
// ("اواخر آبان" is the 21st to the last) or a half.
func monthPart(first, last jalali.Date, part int) (jalali.Date, jalali.Date) {
	switch part {
	case partFirstThird:
		return first, first.AddDays(9)
	case partMidThird:
		return first.AddDays(10), first.AddDays(19)
	case partLastThird:
		return first.AddDays(20), last
	case partFirstHalf:
		return first, first.AddDays(14)
	case partSecondHalf:
		return first.AddDays(15), last
	}
	return first, last
}

func (c *context) resolveRelative(e expr, t tense) when {
	p := c.pub
	if p.IsZero() {
		return when{note: noteNoPub}
	}
	w := when{prec: domain.PrecisionDay, conf: 0.8, note: noteRelative, ok: true}
	weekStart := p.AddDays(-int(p.Weekday()))
	switch e.typ {
	case xRelDay:
		if e.rel == 0 {
			w.note = ""
			w.conf = 0.85
		}
		w.start = p.AddDays(e.rel)
		if e.wd >= 0 && int(w.start.Weekday()) != e.wd {
			// "امروز پنج‌شنبه" published on Friday: the text was written the
			// day before; the stated weekday wins within three days.
			shift := (e.wd - int(w.start.Weekday()) + 7) % 7
			if shift > 3 {
				shift -= 7
			}
			w.start = w.start.AddDays(shift)
			w.conf, w.note = 0.6, joinNotes(noteRelative, noteWeekdayMismatch)
		}
		w.end = w.start
		if e.dur > 0 {
			w.end = w.start.AddDays(e.dur - 1) // "از فردا به مدت سه روز"
		}
	case xRelWeek:
		w.prec = domain.PrecisionWeek
		w.start = weekStart.AddDays(7 * e.rel)
		w.end = w.start.AddDays(6)
	case xRelMonth:
		w.prec = domain.PrecisionMonth
		y, m := jalali.AddMonths(p.Year, p.Month, e.rel)
		w.start = jalali.Date{Year: y, Month: m, Day: 1}
		w.end = w.start.LastOfMonth()
	case xWeekday:
		w.conf = 0.7
		back := (int(p.Weekday()) - e.wd + 7) % 7 // days since the last such weekday (0 = today)
		switch {
		case e.wdMode == wdWeek:
			w.start = weekStart.AddDays(7*e.rel + e.wd)
		case e.wdMode == wdPast:
			if back == 0 {
				back = 7
			}
			w.start = p.AddDays(-back)
		case e.wdMode == wdNext || t > 0:
			fwd := (e.wd - int(p.Weekday()) + 7) % 7
			if fwd == 0 {
				fwd = 7
			}
			w.start = p.AddDays(fwd)
		default:
			w.start = p.AddDays(-back)
		}
		w.end = w.start
	}
	return w
}

func joinNotes(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "؛ " + b
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
