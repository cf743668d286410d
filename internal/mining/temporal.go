package mining

// exprType is what a temporal expression denotes.
type exprType uint8

const (
	xDate     exprType = iota + 1 // one day; the year may be unknown
	xRange                        // days from d to d2
	xMonth                        // a whole month
	xYear                         // a year alone (context for other dates)
	xRelDay                       // rel days from the publication date
	xRelWeek                      // the week rel weeks from the publication date's
	xRelMonth                     // the month rel months from the publication date's
	xRelYear                      // the year rel years from the publication year (context)
	xWeekday                      // a weekday without a date
	xOther                        // durations, sets, seasons, Hijri dates…: a span, not resolved
)

// Weekday modes of an xWeekday expression.
const (
	wdBare = iota // "روز دوشنبه": chosen by tense
	wdWeek        // "دوشنبه هفته آینده": rel is the week offset
	wdPast        // "دوشنبه گذشته"
	wdNext        // "دوشنبه آینده"
)

// expr is one temporal expression over tokens [i, j) of the text.
type expr struct {
	i, j       int
	lead       string // a leading "از", "تا", "در"… included in the span
	typ        exprType
	cal        calKind
	y, m, d    int
	y2, m2, d2 int
	yDigits    int  // digits the year was written with (2 for "98"), 0 for words
	yRel       int  // for a month with "امسال"/"پارسال": the year offset
	hasYRel    bool // yRel is set
	wd         int  // the stated weekday, -1 when none
	wdMode     int
	rel        int
	fuzzy      bool // the range or modifier makes the date approximate
	part       int  // of a month: the part a modifier names (partFirstThird…), 0 for all of it
	dur        int  // days from a "به مدت N روز" after a day, 0 if none
	bare       bool // a month name with neither ماه, nor a year, nor a modifier
}

// scan finds the temporal expressions of tokens [from, to).
func (p *parser) scan(from, to int) []expr {
	var out []expr
	for i := from; i < to; {
		e, ok := p.parseAt(i, to)
		if !ok {
			i++
			continue
		}
		out = append(out, e)
		i = e.j
	}
	return p.merge(out)
}

// parseAt reads one expression starting at token i, with its lead words.
func (p *parser) parseAt(i, to int) (expr, bool) {
	start, lead := i, ""
	switch {
	case p.is(i, "در") && p.is(i+1, "تاریخ"):
		lead, i = "در تاریخ", i+2
	case p.is(i, "در") && p.is(i+1, "طی"):
		start, lead, i = i+1, "طی", i+2
	case p.is(i, "پس", "بعد", "قبل") && p.is(i+1, "از"):
		lead, i = p.word(i)+" از", i+2
	case p.is(i, "از", "تا", "طی", "بعد", "الی", "لغایت"):
		lead, i = p.word(i), i+1
	case p.is(i, "در") && p.word(i+1) != "":
		lead, i = "در", i+1
	}
	e, ok := p.atom(i)
	if !ok || e.j > to || p.is(start-1, "ساعت") || p.namesPlace(start) {
		return expr{}, false // "ساعت ۲ شب" is a time; "خیابان ۱۷ شهریور" a name
	}
	if e.typ == xMonth && e.bare && lead == "" {
		return expr{}, false // a month name alone may be a person's name: "فروردین موسوی"
	}
	e.i, e.lead = start, lead
	return e, true
}

// atom reads an expression without lead words at i.
func (p *parser) atom(i int) (expr, bool) {
	if e, ok := p.numericDate(i); ok {
		return e, true
	}
	if e, ok := p.dayMonth(i); ok {
		return e, true
	}
	if e, ok := p.weekdayExpr(i); ok {
		return e, true
	}
	if e, ok := p.relative(i); ok {
		return e, true
	}
	if e, ok := p.monthExpr(i); ok {
		return e, true
	}
	if e, ok := p.yearExpr(i); ok {
		return e, true
	}
	return p.other(i)
}

// numericDate reads 1398/02/24, 98/2/24, ۲۴-۰۲-۱۳۹۸ or 1398.02.24.
func (p *parser) numericDate(i int) (expr, bool) {
	if !p.isNum(i) || !p.isNum(i+2) || !p.isNum(i+4) {
		return expr{}, false
	}
	sep := p.punct(i + 1)
	if sep != "/" && sep != "-" && sep != "." && sep != "_" || p.punct(i+3) != sep {
		return expr{}, false
	}
	if p.punct(i+5) == sep && p.isNum(i+6) {
		return expr{}, false // a longer code, not a date
	}
	a, b, c := p.toks[i], p.toks[i+2], p.toks[i+4]
	la, lc := len(a.text), len(c.text)
	var y, m, d, yd int
	switch {
	case (la == 4 || la == 2) && len(b.text) <= 2 && lc <= 2:
		y, m, d, yd = a.num, b.num, c.num, la
	case la <= 2 && len(b.text) <= 2 && lc == 4:
		y, m, d, yd = c.num, b.num, a.num, 4
	default:
		return expr{}, false
	}
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return expr{}, false
	}
	e := expr{i: i, j: i + 5, typ: xDate, cal: calJalali, y: y, m: m, d: d, yDigits: yd, wd: -1}
	if yd == 4 && y >= 1700 {
		e.cal = calGregorian
	}
	if c, k := p.era(e.j); c != 0 {
		e.cal, e.j = c, k
	}
	return e, true
}

// era reads a calendar marker after a year: هجری شمسی, ه.ش, خورشیدی,
// میلادی, قمری, ه.ق … It returns 0 when there is none.
func (p *parser) era(k int) (calKind, int) {
	switch {
	case p.is(k, "هجری") && p.is(k+1, "شمسی", "خورشیدی"):
		return calJalali, k + 2
	case p.is(k, "هجری") && p.is(k+1, "قمری"):
		return calLunar, k + 2
	case p.is(k, "شمسی", "خورشیدی"):
		return calJalali, k + 1
	case p.is(k, "میلادی"):
		return calGregorian, k + 1
	case p.is(k, "قمری"):
		return calLunar, k + 1
	case p.is(k, "ه", "هـ") && p.punct(k+1) == "." && p.is(k+2, "ش", "ق"):
		c := calJalali
		if p.word(k+2) == "ق" {
			c = calLunar
		}
		k += 3
		if p.punct(k) == "." {
			k++
		}
		return c, k
	case p.is(k, "هجری"):
		return calJalali, k + 1
	}
	return 0, k
}

// month reads a month name (one word or a two-word Hijri name) at k.
func (p *parser) month(k int) (monthWord, int, bool) {
	if mw, ok := monthWords[p.word(k)]; ok {
		return mw, k + 1, true
	}
	if m, ok := lunarPairs[[2]string{p.word(k), p.word(k + 1)}]; ok {
		return monthWord{m, calLunar, false}, k + 2, true
	}
	return monthWord{}, k, false
}

// weekday reads a weekday name at k.
func (p *parser) weekday(k int) (int, int, bool) {
	if wd, ok := weekdayWords[p.word(k)]; ok {
		return wd, k + 1, true
	}
	if wd, ok := weekdayPairs[[2]string{p.word(k), p.word(k + 1)}]; ok {
		return wd, k + 2, true
	}
	return 0, k, false
}

// year reads a stated year at k: "1399", "۹۴", "سال ۱۳۹۹", "دو هزار و
// بیست و دو", with an optional era after it. needSal demands the word سال
// before two-digit and spelled years.
func (p *parser) year(k int, needSal bool) (y, digits, j int, cal calKind, ok bool) {
	sal := false
	if p.is(k, "سال") {
		sal, k = true, k+1
	}
	v, ord, dg, j, ok := p.number(k)
	if !ok || ord {
		return 0, 0, k, 0, false
	}
	switch {
	case dg == 4:
	case dg == 2 && (sal || !needSal):
	case dg == 0 && v >= 1000 && v < 3000 && (sal || !needSal):
	default:
		return 0, 0, k, 0, false
	}
	// "۱۴۰۰ ساعت کار" counts hours; "۱۳۹۹ ساعت ۱۷" and "۱۴۰۴ ساعت: ۱۰:۰۵" are
	// a year and a clock time.
	if quantityNouns[p.word(j)] && !(p.is(j, "ساعت") && (p.isNum(j+1) || p.punct(j+1) == ":" && p.isNum(j+2))) {
		return 0, 0, k, 0, false
	}
	cal = calJalali
	if dg == 4 && v >= 1700 || dg == 0 && v >= 1700 {
		cal = calGregorian
	}
	if c, k2 := p.era(j); c != 0 {
		cal, j = c, k2
	}
	return v, dg, j, cal, true
}

// merge joins neighbouring expressions that are one: ranges ("از ۲۸ مرداد تا
// ۲ شهریور"), a year before a date ("سال ۸۸ در ۱۵ مرداد"), a relative day
// before its date ("امروز سوم تیر"), and pairs of relative days ("امشب و
// فردا شب").
func (p *parser) merge(es []expr) []expr {
	if len(es) < 2 {
		return es
	}
	out := es[:1]
	for _, e := range es[1:] {
		last := &out[len(out)-1]
		if p.join(last, e) {
			continue
		}
		out = append(out, e)
	}
	return out
}

// join merges e into a when they form one expression.
func (p *parser) join(a *expr, e expr) bool {
	gap := e.i - a.j
	switch {
	case a.typ == xWeekday && a.wdMode == wdBare && (e.typ == xDate || e.typ == xRange) &&
		(gap == 0 && e.lead == "تا" || gap == 1 && p.is(a.j, "و", "الی", "لغایت")):
		// "یک‌شنبه تا سه‌شنبه ۱۲ لغایت ۱۴ اردیبهشت"، "پنج‌شنبه و جمعه ۲۲ و ۲۳
		// فروردین": the first weekday is the first day's.
		i, wd, lead := a.i, a.wd, a.lead
		*a = e
		a.i, a.wd, a.lead = i, wd, lead
		return true
	case e.lead == "تا" && gap == 0 || e.lead == "" && gap == 1 && (p.punct(a.j) == "-" || p.is(a.j, "الی", "لغایت")):
		if (a.typ == xDate || a.typ == xRange) && e.typ == xDate && e.cal == a.cal {
			if a.y == 0 {
				a.y, a.yDigits = e.y, e.yDigits
				a.hasYRel, a.yRel = e.hasYRel, e.yRel
			}
			a.typ, a.y2, a.m2, a.d2 = xRange, e.y, e.m, e.d
			if a.y2 == 0 {
				a.y2 = a.y
			}
			a.j = e.j
			return true
		}
		if a.typ == xMonth && e.typ == xMonth && e.cal == a.cal && a.lead == "از" {
			if a.y == 0 {
				a.y = e.y
			}
			a.m2, a.fuzzy, a.j = e.m, a.fuzzy || e.fuzzy, e.j
			return true
		}
		if a.lead == "از" {
			a.typ, a.j = xOther, e.j
			return true
		}
	case (a.typ == xYear || a.typ == xMonth && a.y != 0) && (e.typ == xDate || e.typ == xRange) && e.y == 0 &&
		(gap == 0 && e.lead == "در" || gap == 1 && p.is(a.j, "در") || gap == 0 && e.lead == "" && a.typ == xYear):
		start, y, dg, cal := a.i, a.y, a.yDigits, a.cal
		*a = e
		a.i, a.y, a.yDigits = start, y, dg
		if a.typ == xRange {
			a.y2 = y
		}
		if a.cal == calJalali && cal != calJalali {
			a.cal = cal
		}
		return true
	case a.typ == xRelDay && gap == 0 && e.lead == "" && (e.typ == xDate || e.typ == xRange):
		i := a.i
		*a = e
		a.i = i
		return true
	case a.typ == xRelDay && gap == 0 && e.lead == "" && e.typ == xWeekday && e.wdMode == wdBare:
		a.j, a.wd = e.j, e.wd // "امروز پنج‌شنبه": the weekday confirms the day
		return true
	case a.typ == xRelDay && e.typ == xRelDay && gap == 1 && p.is(a.j, "و"):
		a.typ, a.j = xOther, e.j
		return true
	case e.typ == xRelYear && gap == 0 && e.lead == "" && a.typ == xYear:
		a.j = e.j
		return true
	case e.typ == xOther && gap == 0 && e.lead == "" && p.is(e.i, "هر") && a.typ != xOther:
		a.typ, a.j = xOther, e.j // "ماه رمضان هر سال": a recurrence, not a date
		return true
	}
	return false
}

// namesPlace reports whether the words before token k name a place after
// which a date is a name: "میدان ۱۵ خرداد"، "مجموعه ورزشی ۱۷ شهریور".
func (p *parser) namesPlace(k int) bool {
	if placeNouns[p.word(k-1)] {
		return true
	}
	adj := p.word(k - 1)
	return placeNouns[p.word(k-2)] && len(adj) > len("ی") && adj[len(adj)-len("ی"):] == "ی" && !isNumberWord(adj)
}

// placeNouns name places that are often named after dates: "میدان ۱۵ خرداد".
var placeNouns = map[string]bool{
	"خیابان": true, "میدان": true, "بلوار": true, "کوچه": true, "اتوبان": true, "بزرگراه": true, "بیمارستان": true,
	"مدرسه": true, "دبستان": true, "دبیرستان": true, "داروخانه": true, "پارک": true, "ورزشگاه": true, "مسجد": true,
	"شهرک": true, "پل": true, "چهارراه": true, "تقاطع": true, "پایانه": true, "ایستگاه": true, "حسینیه": true,
	"کوی": true, "محله": true, "فلکه": true, "سینما": true, "تالار": true, "ناو": true, "گردان": true, "لشکر": true,
	"تیپ": true, "مجتمع": true, "پاساژ": true, "هنرستان": true, "آموزشگاه": true, "درمانگاه": true,
	"مجموعه": true, "سالن": true, "استادیوم": true, "فرهنگسرای": true, "فرهنگسرا": true, "ورزشگاههای": true,
}
