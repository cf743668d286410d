package mining

import (
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/hijri"
	"github.com/ruydad/ruydad/internal/jalali"
)

// Review notes about Hijri dates.
const (
	noteLunarProvisional = "آغاز ماه قمری هنوز اعلام نشده و پیش‌بینی است"
	noteNoSuchLunarDay   = "چنین روزی در آن ماه قمری نیست"
	noteLunarYear        = "سال قمری از تاریخ انتشار حدس زده شد"
)

// Hijri years the miner reads a stated lunar year in: "۱۳ رجب ۱۴۴۵".
const (
	minLunarYear = 1300
	maxLunarYear = 1600
)

// lunarSpan gives the days a Hijri day, range or month expression covers
// in Hijri year hy, through Iran's table of month starts; ok is false when
// the day does not exist that year (the 30th of a 29-day month).
func (c *context) lunarSpan(e expr, whole bool) func(hy int) (jalali.Date, jalali.Date, bool) {
	h := c.calendar().Hijri()
	return func(hy int) (jalali.Date, jalali.Date, bool) {
		m2 := e.m
		if e.m2 != 0 {
			m2 = e.m2
		}
		y2 := hy
		if m2 < e.m {
			y2++
		}
		if whole {
			first, ok1 := h.Month(hijri.Month{Year: hy, Month: e.m})
			last, ok2 := h.Month(hijri.Month{Year: y2, Month: m2})
			return first.Start, last.End(), ok1 && ok2
		}
		start, err := h.ToJalali(hijri.Date{Year: hy, Month: e.m, Day: e.d})
		if err != nil {
			return jalali.Date{}, jalali.Date{}, false
		}
		end := start
		switch {
		case e.dur > 0:
			end = start.AddDays(e.dur - 1)
		case e.typ == xRange:
			if end, err = h.ToJalali(hijri.Date{Year: y2, Month: m2, Day: e.d2}); err != nil || end.Before(start) {
				return jalali.Date{}, jalali.Date{}, false
			}
		}
		return start, end, true
	}
}

// lunarYear returns the Hijri year stated with e ("۱۴۴۵", "۴۵"), or 0.
func lunarYear(e expr) int {
	y := e.y
	if e.yDigits == 2 {
		y += 1400
	}
	if y < minLunarYear || y > maxLunarYear {
		return 0
	}
	return y
}

// resolveLunarDay resolves «۱۲ ربیع‌الاول»، «۱۳ رجب ۱۴۴۵»، «۱ تا ۱۰ محرم»
// to Jalali days through Iran's table of Hijri month starts (and its
// predictions and corrections). A day without a year takes the occurrence
// nearest the publication date, as a Jalali one does.
func (c *context) resolveLunarDay(e expr, t tense) when {
	if e.d < 1 || e.d > 30 || e.typ == xRange && (e.d2 < 1 || e.d2 > 30) {
		return when{note: noteNoSuchLunarDay}
	}
	return c.resolveLunar(e, t, false, when{prec: domain.PrecisionDay, conf: 0.85})
}

// resolveLunarMonth resolves «ماه محرم»، «رمضان ۱۴۴۶» to the month's days.
func (c *context) resolveLunarMonth(e expr, t tense) when {
	w := c.resolveLunar(e, t, true, when{prec: domain.PrecisionMonth, conf: 0.7})
	if w.ok && e.fuzzy {
		w.note = joinNotes(w.note, notePartOfMonth)
	}
	return w
}

func (c *context) resolveLunar(e expr, t tense, whole bool, w when) when {
	sp := c.lunarSpan(e, whole)
	h := c.calendar().Hijri()
	var start, end jalali.Date
	if hy := lunarYear(e); e.y != 0 {
		if hy == 0 {
			return when{note: noteNoYear}
		}
		var ok bool
		if start, end, ok = sp(hy); !ok {
			return when{note: noteNoSuchLunarDay}
		}
	} else {
		o, note, conf, ok := c.pickOccurrence(c.lunarOccurrences(sp), e.wd, t, graceDate)
		if !ok {
			if note == "" {
				note = noteNoSuchLunarDay
			}
			return when{note: note}
		}
		start, end, w.conf = o.start, o.end, min(w.conf, conf)
		if note == noteYearFromPub {
			note = noteLunarYear
		}
		w.note = note
	}
	w.start, w.end, w.ok = start, end, true
	if _, src := h.FromJalali(start); src.Provisional() {
		w.note, w.conf = joinNotes(w.note, noteLunarProvisional), w.conf-0.05
	}
	if e.wd >= 0 && int(start.Weekday()) != e.wd {
		w.conf -= 0.3
		w.note = joinNotes(w.note, noteWeekdayMismatch)
	}
	return w
}

// lunarOccurrences lists a Hijri date's occurrences in the Hijri years
// around the publication date (or the article's anchor year).
func (c *context) lunarOccurrences(sp func(int) (jalali.Date, jalali.Date, bool)) []occurrence {
	ref := c.pub
	if ref.IsZero() && c.anchor != 0 {
		ref = jalali.Date{Year: c.anchor, Month: 7, Day: 1}
	}
	if ref.IsZero() {
		return nil
	}
	hd, _ := c.calendar().Hijri().FromJalali(ref)
	if hd.IsZero() {
		return nil
	}
	var out []occurrence
	for hy := hd.Year - 2; hy <= hd.Year+1; hy++ {
		if start, end, ok := sp(hy); ok {
			out = append(out, occurrence{start, end, hy})
		}
	}
	return out
}
