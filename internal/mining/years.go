package mining

import "github.com/ruydad/ruydad/internal/jalali"

// A date without a year takes the year of its occurrence nearest the
// publication date, unless the tense of the event's own clause rules that
// occurrence out; the year so guessed is always marked for review.

// expandYear turns a two-digit Jalali year into a full one, near the
// publication year when it is known ("۹۸" → 1398, "۰۲" → 1402).
func expandYear(y, digits int, c *context) int {
	if digits != 2 {
		return y
	}
	ref := 1400
	if !c.pub.IsZero() {
		ref = c.pub.Year
	} else if !c.today.IsZero() {
		ref = c.today.Year
	}
	full := 1300 + y
	if full+100 <= ref+10 {
		full += 100
	}
	return full
}

// noteNoSuchDay explains that a day of month m does not exist: in year y,
// or in any year when y is 0.
func noteNoSuchDay(y, m int) string {
	days := "۳۱"
	switch {
	case y != 0:
		return "چنین تاریخی در تقویم نیست: " + jalali.MonthName(m) + " " + jalali.FaNum(y) + " " +
			jalali.FaNum(jalali.MonthLength(y, m)) + " روز دارد"
	case m == 12:
		days = "۲۹ (در سال کبیسه ۳۰)"
	case m > 6:
		days = "۳۰"
	}
	return "چنین تاریخی در تقویم نیست: " + jalali.MonthName(m) + " " + days + " روز دارد"
}

// dayExists reports whether day d of Jalali month m exists in some year
// (۳۱ مهر never does; ۳۰ اسفند does in leap years).
func dayExists(m, d int) bool {
	switch {
	case m < 1 || m > 12 || d < 1:
		return false
	case m <= 6:
		return d <= 31
	}
	return d <= 30
}

// span gives the days an expression without a year covers in year y; ok is
// false when the day does not exist that year.
type span func(y int) (start, end jalali.Date, ok bool)

// daySpan is the span of a day or range expression.
func (c *context) daySpan(e expr) span {
	return func(y int) (jalali.Date, jalali.Date, bool) {
		start, err := jalali.New(y, e.m, e.d)
		if err != nil {
			return start, start, false
		}
		end := start
		switch {
		case e.dur > 0:
			end = start.AddDays(e.dur - 1)
		case e.typ == xRange:
			y2 := y
			if e.m2 < e.m {
				y2++
			}
			if d, err := jalali.New(y2, e.m2, e.d2); err == nil && !d.Before(start) {
				end = d
			}
		}
		return start, end, true
	}
}

// inferYear picks the year of a date with no year. With a publication date
// it is the occurrence nearest to it (so within about six months), unless
// the tense of the event's clause rules that one out: a past event must
// have begun by then, a future one must not be over (each give or take
// grace days). Without one, it is the newest year not after today whose
// calendar fits the stated weekday, or the year the article's other dates
// point to. It returns 0 and the reason when there is no year to give.
func (c *context) inferYear(sp span, wd int, t tense, grace int) (int, string, float64) {
	if !c.pub.IsZero() {
		var occs []occurrence
		for y := c.pub.Year - 1; y <= c.pub.Year+1; y++ {
			if start, end, ok := sp(y); ok {
				occs = append(occs, occurrence{start, end, y})
			}
		}
		o, note, conf, ok := c.pickOccurrence(occs, wd, t, grace)
		if !ok {
			return 0, "", 0 // the day exists in no year near it
		}
		return o.year, note, conf
	}
	if wd >= 0 {
		top := c.today.Year
		if c.maxYr != 0 && c.maxYr < top {
			top = c.maxYr + 1
		}
		for y := top; y > top-40; y-- {
			start, _, ok := sp(y)
			if ok && int(start.Weekday()) == wd && !start.After(c.today) {
				return y, noteYearFromWeekday, 0.55
			}
		}
	}
	if c.anchor != 0 {
		return c.anchor, noteYearFromText, 0.6
	}
	return 0, noteNoYear, 0
}

// occurrence is one candidate for a date without a year: its days and the
// year, in its own calendar, it belongs to.
type occurrence struct {
	start, end jalali.Date
	year       int
}

// pickOccurrence chooses among the occurrences of a date without a year as
// inferYear does: with a publication date, the one nearest to it that the
// tense does not rule out (and that falls on the stated weekday, wd >= 0);
// without one, the one that starts in the year the article's other dates
// point to.
func (c *context) pickOccurrence(occs []occurrence, wd int, t tense, grace int) (occurrence, string, float64, bool) {
	if c.pub.IsZero() {
		for _, o := range occs {
			if c.anchor != 0 && o.start.Year == c.anchor {
				return o, noteYearFromText, 0.6, true
			}
		}
		return occurrence{}, noteNoYear, 0, false
	}
	best, bestCost := -1, 1<<30
	for i, o := range occs {
		ds, de := c.pub.DaysUntil(o.start), c.pub.DaysUntil(o.end)
		cost := gap(ds, de) + tenseCost(t, ds, de, grace)
		if wd >= 0 && int(o.start.Weekday()) != wd {
			cost += 150
		}
		if cost < bestCost {
			best, bestCost = i, cost
		}
	}
	if best < 0 {
		return occurrence{}, "", 0, false
	}
	return occs[best], noteYearFromPub, 0.8, true
}

// gap is how many days the publication date lies outside an occurrence
// that starts ds and ends de days after it.
func gap(ds, de int) int {
	switch {
	case ds > 0:
		return ds
	case de < 0:
		return -de
	}
	return 0
}

// monthSpan is the span of the months m to m2 (of the next year when m2 <
// m).
func monthSpan(m, m2 int) span {
	return func(y int) (jalali.Date, jalali.Date, bool) {
		y2 := y
		if m2 < m {
			y2++
		}
		return jalali.Date{Year: y, Month: m, Day: 1}, jalali.Date{Year: y2, Month: m2, Day: jalali.MonthLength(y2, m2)}, true
	}
}

// Grace, in days, before a tense rules out an occurrence: a date a day or
// two off the publication date is more often a late or early report than a
// year away; events "on the occasion of" a day are held in the days around it.
const (
	graceDate     = 3
	graceOccasion = 14
)

// tenseCost is the penalty, in days, for an occurrence from start to end
// (ds and de days after the publication date) that goes against the tense:
// a past event must have begun, a future or present one must not be over.
func tenseCost(t tense, ds, de, grace int) int {
	switch {
	case t > 0 && de < -grace, t < 0 && ds > grace:
		return 400
	}
	return 0
}
