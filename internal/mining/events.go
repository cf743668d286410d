package mining

import (
	"sort"
	"strings"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// dateRef is a date a trigger can be tied to: a temporal expression or a
// named occasion.
type dateRef struct {
	i, j  int
	w     when
	class int // 0 a day or a range of days, 1 an occasion, 2 a week or a month
	occ   int // occasion index, -1 for an expression
	other bool
}

// Binding costs: token distance plus these.
const (
	costClause     = 15 // per ":" or "؛" between trigger and date
	costComma      = 3  // per "،" between them
	costClass      = 8  // per class step (an occasion loses to a stated day)
	maxBindCost    = 45
	maxGenericCost = 12
	baseUndated    = 0.3
	confOccasion   = 0.85
)

// sentence mines one sentence.
func (a *article) sentence(s int, ex []int) {
	sent := a.sents[s]
	hs := a.hintsFor(ex)
	var refs []dateRef
	deadlineAt := -1 // the words before a deadline's date name what it is for
	ends := a.splitRanges(ex, sent)
	paired := -1 // the end of a split range already read with its start
	for n, k := range ex {
		if k == a.header || a.isClock(k) || k == paired {
			continue
		}
		e := a.exprs[k]
		if e.typ == xOther || e.typ == xYear || e.typ == xRelYear {
			continue
		}
		if ends[n] > 0 {
			// "از ۳۰ شهریور آغاز شده و تا ۱۰ آبان ادامه خواهد داشت"
			end := a.exprs[ends[n]]
			w := a.c.resolve(e, hs.at(e.i), a.tenseAt(e.i, e.j, sent, false))
			if last, ok := a.rangeEnd(w, end); ok {
				w.end, paired = last, ends[n]
				refs = append(refs, dateRef{i: e.i, j: end.j, w: w, occ: -1})
				continue
			}
		}
		if a.deadlineDate(e, sent) {
			if !a.supersededDeadline(k, ex, sent) {
				a.emitDeadline(e, hs.at(e.i), sent)
			}
			deadlineAt = max(deadlineAt, e.i)
			continue
		}
		if e.lead == "تا" || a.postponedFrom(e, sent) || a.boundOnly(e) {
			continue // the end of a period, the date an event was moved away from, or a bound
		}
		if e.typ == xDate || e.typ == xRelDay && e.lead == "از" {
			e.dur = a.durationAfter(e.j)
		}
		t := a.tenseAt(e.i, e.j, sent, e.typ == xWeekday)
		if a.hasWord(e.j, min(sent.j, e.j+3), "موکول", "تعویق") {
			t = 1 // "… به ۲۵ مهر موکول شد": the new day is still to come
		}
		w := a.c.resolve(e, hs.at(e.i), t)
		if e.lead == "از" && e.typ != xRange && e.dur == 0 && w.ok {
			w.note = joinNotes(w.note, noteFromStart)
			w.conf -= 0.1
		}
		class := 0
		if w.prec != domain.PrecisionDay || e.typ == xMonth || e.typ == xRelWeek || e.typ == xRelMonth {
			class = 2
		}
		refs = append(refs, dateRef{i: e.i, j: e.j, w: w, class: class, occ: -1})
	}
	var prev *mention
	for _, mn := range a.m.gaz.find(a.toks, sent.i, sent.j) {
		if !a.namesDay(mn, prev) {
			continue
		}
		prev = &mn
		w, ok := a.occasionDate(mn, hs, refs, sent)
		if !ok {
			continue
		}
		a.emitOccasion(mn, w, sent)
		if a.boundBefore(mn.i) {
			continue // "پس از پایان هفته دولت": after it, not on it
		}
		refs = append(refs, dateRef{i: mn.i, j: mn.j, w: w, class: 1, occ: mn.occ})
		if day, i, ok := a.dayOfOccasion(mn, w); ok {
			refs = append(refs, dateRef{i: i, j: mn.j, w: day, occ: mn.occ})
		}
	}
	if a.periods != nil {
		refs = append(refs, a.periodRefs(s)...)
		a.emitPeriods(s)
	}
	sort.Slice(refs, func(x, y int) bool { return refs[x].i < refs[y].i })
	hasYear := false
	for _, k := range ex {
		hasYear = hasYear || a.exprs[k].typ == xYear || a.exprs[k].typ == xRelYear
	}
	a.triggers(sent, refs, hasYear, deadlineAt)
}

// triggers ties each event trigger of the sentence to its nearest date.
// Triggers before token deadlineAt name what a deadline is for: without a
// date of their own they are not proposed undated.
func (a *article) triggers(sent sentence, refs []dateRef, hasYear bool, deadlineAt int) {
	var trs []trigger
	specific := false
	for k := sent.i; k < sent.j; k++ {
		tr, ok := a.triggerAt(k, sent.j)
		if !ok || a.excluded(&tr) {
			continue
		}
		if len(trs) > 0 && tr.i-trs[len(trs)-1].j <= 1 && !tr.generic && trs[len(trs)-1].generic {
			trs = trs[:len(trs)-1] // "برگزاری نشست خبری": the noun names the event
		}
		if len(trs) > 0 && tr.generic && tr.i-trs[len(trs)-1].j <= 4 && !trs[len(trs)-1].generic {
			continue // "همایش … برگزار شد": the verb of an event already found
		}
		specific = specific || !tr.generic
		trs = append(trs, tr)
		k = tr.j - 1
	}
	var refDate *when
	for _, tr := range trs {
		if tr.ref && a.lastDate != nil {
			refDate = a.lastDate
		}
	}
	undated := 0
	for _, tr := range trs {
		if tr.generic && specific {
			continue
		}
		best, cost := -1, maxBindCost+1
		near := window(refs, tr.i, tr.j, maxBindCost)
		for r, ref := range near {
			if tr.generic && ref.occ >= 0 {
				continue // "به مناسبت روز X برگزار می‌شود": the occasion is already a candidate
			}
			c := a.bindCost(tr, ref)
			if tr.generic && c-costClass*ref.class > maxGenericCost {
				continue // the bare verb برگزار binds only within its clause
			}
			if c < cost {
				best, cost = r, c
			}
		}
		var c Candidate
		switch {
		case tr.ref && (best < 0 || !near[best].w.ok || !a.clauseInitial(tr.i-1)):
			// "این مراسم" with no date of its own was told before; "به این
			// سفر" or "فراخوان این جشنواره" is what another event is about.
			continue
		case best >= 0 && near[best].w.ok && a.notHeld(tr, near[best], sent):
			// "جلسه … سه‌شنبه برگزار نمی‌شود"، "آخرین نشست را ۱۰ خرداد برگزار
			// کرده بود": cancelled, or background.
			continue
		case best >= 0 && near[best].w.ok:
			c = a.eventCandidate(tr, near[best], sent)
			w := near[best].w
			a.lastDate = &w
		case best < 0 && refDate != nil && !tr.generic && a.tenseIn(tr.j, min(tr.j+2, sent.j)) != 0:
			// "در پایان این مراسم … تجلیل شد": on the day of the event referred to.
			c = a.eventCandidate(tr, dateRef{i: tr.i, j: tr.j, w: *refDate, occ: -1}, sent)
		default:
			if tr.generic || tr.talk || tr.plural || tr.kind == domain.KindOther || undated > 0 || tr.i < deadlineAt {
				continue
			}
			note := noteNoDate
			switch {
			case best >= 0:
				note = near[best].w.note
			case hasYear:
				note = noteOnlyYear
			}
			c = a.undatedCandidate(tr, sent, note)
			undated++
		}
		a.out = append(a.out, c)
	}
}

// notHeld reports whether the verb of the clause binding tr to ref says
// the event is not held ("برگزار نمی‌شود"، "برگزار نشد"، "لغو شد") or
// was long before the article ("… ۱۰ خرداد برگزار کرده بود" a season
// before): the past perfect of a day more than a month back is
// background.
func (a *article) notHeld(tr trigger, ref dateRef, sent sentence) bool {
	from := max(tr.j, ref.j)
	for k := from; k < min(sent.j, from+maxWindow); k++ {
		if a.toks[k].brk >= brkComma || a.p.is(k, "که") && k > from {
			break
		}
		if a.p.is(k, "لغو", "منتفی") && a.verbNext(k+1) {
			return true
		}
		_, verb := a.verbAt(k, true)
		if !verb {
			continue
		}
		w := a.p.word(k)
		if (w == "نمی" || w == "نشد" || w == "نشدند" || w == "نخواهد" || w == "نخواهند" || w == "نکرد" || w == "نکردند" ||
			strings.HasPrefix(w, "نمی")) && (heldVerbs[a.p.word(k-1)] || k-1 < tr.j) {
			return true // "برگزار نمی‌شود", but not "در نشست خبری شرکت نکرد"
		}
		if participle(w) && a.p.is(k+1, "بود", "بودند") && !a.c.pub.IsZero() && ref.w.end.DaysUntil(a.c.pub) > 30 {
			return true
		}
		return false
	}
	return false
}

// heldVerbs are the nouns of the verbs that hold an event.
var heldVerbs = wordSet("برگزار", "تشکیل", "انجام", "اجرا", "برپا", "افتتاح", "آغاز", "دایر")

// splitRanges pairs a start "از X" with an end "تا Y" told apart in the
// same clause ("از ۳۰ شهریور آغاز شده و تا ۱۰ آبان ادامه خواهد داشت"), not
// a deadline: for the n-th expression of ex, the index of its end's
// expression, 0 if none.
func (a *article) splitRanges(ex []int, sent sentence) []int {
	ends := make([]int, len(ex))
	for n := 0; n+1 < len(ex); n++ {
		e, f := a.exprs[ex[n]], a.exprs[ex[n+1]]
		if e.lead != "از" || f.lead != "تا" || e.typ != xDate || f.typ != xDate || f.i-e.j > 12 || ends[n] != 0 {
			continue
		}
		if a.hasWord(max(sent.i, e.i-maxWindow), min(sent.j, f.j+4), "مهلت", "تمدید", "فرصت") {
			continue // "… از ۱ مهر آغاز شده بود تا ۲۰ مهر تمدید شد": a deadline
		}
		split := true
		for k := e.j; k < f.i; k++ {
			if a.toks[k].brk >= brkClause {
				split = false
			}
		}
		if split {
			ends[n] = ex[n+1]
		}
	}
	return ends
}

// rangeEnd reads the end f of a split range starting on w's day: in the
// start's year, or the next when it would come before the start; at most
// 120 days on.
func (a *article) rangeEnd(w when, f expr) (jalali.Date, bool) {
	if !w.ok || w.prec != domain.PrecisionDay || f.cal != calJalali || f.m == 0 || f.d == 0 {
		return jalali.Date{}, false
	}
	y := w.start.Year
	if f.y != 0 {
		y = expandYear(f.y, f.yDigits, a.c)
	}
	end, err := jalali.New(y, f.m, f.d)
	if err == nil && end.Before(w.start) && f.y == 0 {
		end, err = jalali.New(y+1, f.m, f.d)
	}
	if err != nil || end.Before(w.start) || w.start.DaysUntil(end) > 120 {
		return jalali.Date{}, false
	}
	return end, true
}

// boundOnly reports whether e only bounds an event: "قبل از آغاز این
// ماه"، "بعد از ۲۲ بهمن" (the parser keeps «بعد از» as the lead); not
// "پیش از ظهر امروز" (the morning).
func (a *article) boundOnly(e expr) bool {
	switch e.lead {
	case "قبل از", "پیش از", "بعد از", "پس از":
		return !dayParts[a.p.word(e.i+2)] && !a.p.is(e.i+2, "ظهر", "نیمه")
	}
	return a.boundBefore(e.i)
}

// boundBefore reports whether "قبل از"، "پس از آغاز"… stands right before
// token k: what follows only bounds an event ("پس از پایان هفته دولت").
func (a *article) boundBefore(k int) bool {
	k--
	if a.p.is(k, "آغاز", "پایان", "شروع", "اتمام") {
		k--
	}
	if !a.p.is(k, "از") || !a.p.is(k-1, "قبل", "پیش", "بعد", "پس") {
		return false
	}
	return !dayParts[a.p.word(k+1)] && !a.p.is(k+1, "ظهر", "نیمه")
}

// clauseInitial reports whether token k opens a clause: "این جشنواره ۲۰
// فروردین برگزار می‌شود" tells of the festival itself.
func (a *article) clauseInitial(k int) bool {
	return k == 0 || a.toks[k-1].kind == tPunct || a.p.is(k-1, "و", "اما", "ولی", "همچنین", "ضمنا")
}

// window returns the refs (sorted by start) that start within dist tokens
// of [i, j).
func window(refs []dateRef, i, j, dist int) []dateRef {
	lo := sort.Search(len(refs), func(n int) bool { return refs[n].i >= i-dist })
	hi := sort.Search(len(refs), func(n int) bool { return refs[n].i > j+dist })
	return refs[lo:hi]
}

// bindCost is how far a trigger is from a date, in tokens, plus penalties
// for clause boundaries between them and for weaker kinds of date.
func (a *article) bindCost(tr trigger, ref dateRef) int {
	lo, hi := tr.j, ref.i
	if ref.j <= tr.i {
		lo, hi = ref.j, tr.i
	}
	if a.saysBetween(lo, hi) {
		// "امروز در گفت‌وگو با خبرنگار ما گفت: … جلسه": the date is the
		// statement's, the event is only spoken of.
		return maxBindCost + 1
	}
	cost := max(hi-lo, 0) + costClass*ref.class
	for k := lo; k < hi; k++ {
		switch a.toks[k].brk {
		case brkClause:
			cost += costClause
		case brkComma:
			cost += costComma
		}
	}
	if ref.j <= tr.i && ref.class == 1 && hi-lo > 2 {
		cost += 4 // an occasion before the trigger usually frames another clause
	}
	return cost
}

// sayingVerbs say something; sayingNouns make a light verb one of saying
// ("اظهار کرد"، "تصریح داشت").
var (
	sayingVerbs = wordSet("گفت", "گفتند", "افزود", "افزودند", "میگوید", "میگویند", "میافزاید", "افزوده")
	sayingNouns = wordSet("اظهار", "تصریح", "بیان", "خاطرنشان", "عنوان", "یادآور", "اعلام", "تاکید", "عنوان")
	lightVerbs  = wordSet("کرد", "کردند", "داشت", "داشتند", "شد", "نمود", "نمودند", "کرده", "داشته")
)

// saysBetween reports whether a verb of saying stands among tokens [lo,
// hi): a date before it is when something was said.
func (a *article) saysBetween(lo, hi int) bool {
	for k := lo; k < hi; k++ {
		w := a.toks[k].text
		if sayingVerbs[w] || sayingNouns[w] && lightVerbs[a.p.word(k+1)] {
			return true
		}
	}
	return false
}

// hints gives, for any token of a sentence, the year stated by the nearest
// year expression before it: "سال ۱۳۹۹"، "امسال"، "سال گذشته".
type hints struct {
	ends   []int      // end token of each expression, ascending
	after  []yearHint // after[n]: the hint once the first n expressions are read
	starts []int      // start token of each expression
	ex     []int
}

func (a *article) hintsFor(ex []int) *hints {
	h := &hints{ends: make([]int, len(ex)), starts: make([]int, len(ex)), after: make([]yearHint, len(ex)+1), ex: ex}
	for n, k := range ex {
		e := a.exprs[k]
		h.ends[n], h.starts[n] = e.j, e.i
		h.after[n+1] = h.after[n]
		if y, ok := a.hintOf(e); ok {
			h.after[n+1] = y
		}
	}
	return h
}

// at returns the hint for token pos.
func (h *hints) at(pos int) yearHint {
	return h.after[sort.SearchInts(h.ends, pos+1)]
}

// startingAt returns the expression starting at token pos, or -1.
func (h *hints) startingAt(pos int) int {
	n := sort.SearchInts(h.starts, pos)
	if n < len(h.starts) && h.starts[n] == pos {
		return h.ex[n]
	}
	return -1
}

// hintOf returns the year e states, if it states one.
func (a *article) hintOf(e expr) (yearHint, bool) {
	switch {
	case e.typ == xYear && (e.lead == "از" || a.p.is(e.i-1, "از")):
		return yearHint{}, false // "از سال ۸۵ شروع شد": when something began, not the year of what follows
	case e.typ == xYear && e.cal == calJalali && e.y2 == 0:
		return yearHint{expandYear(e.y, e.yDigits, a.c), true}, true
	case e.typ == xRelYear && !a.c.pub.IsZero() && abs(e.rel) <= 1 && !a.p.isNum(e.i) && cardinals[a.p.word(e.i)] == 0:
		return yearHint{a.c.pub.Year + e.rel, true}, true
	case (e.typ == xMonth || e.typ == xDate) && e.y != 0 && e.cal == calJalali:
		return yearHint{expandYear(e.y, e.yDigits, a.c), true}, true
	}
	return yearHint{}, false
}

// calendarHeads open an occasion's name that names a day or a season of
// the calendar ("روز خبرنگار"، "هفته دولت"، "سالروز …"); other names
// ("پیروزی انقلاب اسلامی"، "رحلت امام") are first of all the historical
// event, and stand for its anniversary only after a cue.
var calendarHeads = wordSet("روز", "هفته", "دهه", "عید", "سالروز", "سالگرد", "یوم", "تعطیلات", "آغاز", "سیزده", "نوروز", "ایام", "بازگشایی")

// occasionCues, just before a name, make it the anniversary.
var occasionCues = wordSet("مناسبت", "همزمان", "سالروز", "سالگرد", "گرامیداشت", "بزرگداشت", "جشن", "جشنهای", "ایام",
	"رسیدن", "فرارسیدن", "آستانه", "یادبود", "مراسم", "یوم", "روز", "دهه", "سالگردهای", "هفته", "تعطیلات", "گرامیداشتن")

// namesDay reports whether an occasion's mention names the day rather than
// the event it remembers: "به مناسبت سالروز پیروزی انقلاب اسلامی", not
// "باعث پیروزی انقلاب اسلامی شد"; "در عید قربان" and "در ماه مبارک رمضان",
// not "فرهنگ عاشورا" or "سپاه عاشورا". A mention joined by "و" to one
// that names a day names one too: "ایام تاسوعا و عاشورا".
func (a *article) namesDay(mn mention, prev *mention) bool {
	if calendarHeads[a.toks[mn.i].text] || a.toks[mn.i].kind == tNum {
		return true
	}
	if prev != nil && mn.i == prev.j+1 && a.p.is(prev.j, "و") {
		return true
	}
	if mn.i > 0 && a.toks[mn.i-1].brk == brkNone && a.p.is(mn.i-1, "در", "طی", "تا") {
		return true
	}
	for k := mn.i - 1; k >= max(0, mn.i-3); k-- {
		if a.toks[k].brk != brkNone {
			break
		}
		if occasionCues[a.toks[k].text] {
			return true
		}
	}
	return false
}

// durationAfter reads "به مدت ۶ روز"، "برای مدت دو هفته" or "طی سه روز"
// right after a day at token k and returns its length in days, 0 if none.
func (a *article) durationAfter(k int) int {
	p := a.p
	switch {
	case p.is(k, "به", "برای") && p.is(k+1, "مدت"):
		k += 2
	case p.is(k, "طی"):
		k++
	default:
		return 0
	}
	n, ord, _, j, ok := p.number(k)
	if !ok || ord || n < 1 {
		return 0
	}
	days := 0
	switch p.word(j) {
	case "روز":
		days = n
	case "هفته":
		days = 7 * n
	}
	if days > 62 {
		return 0
	}
	return days
}

// postponedFrom reports whether e is the date something was moved away
// from: "از روز یک خرداد … به امروز موکول شد".
func (a *article) postponedFrom(e expr, sent sentence) bool {
	moved := a.hasWord(e.j, min(sent.j, e.j+maxWindow), "موکول", "تعویق", "منتقل", "تغییر", "لغو")
	if e.lead == "از" {
		return moved
	}
	// "که قرار بود مورخ ۱۸ دی برگزار شود، … به ۲۵ دی موکول شد": the day
	// planned before, when a later date of the sentence is the new one,
	// moved to (موکول، تعویق) after it.
	if !moved || !a.hasWord(max(sent.i, e.i-8), e.i, "قرار", "مقرر") || !a.p.is(e.j, "برگزار", "تشکیل", "انجام") && !a.hasWord(e.j, min(sent.j, e.j+4), "بود") {
		return false
	}
	next := a.nextDate(e.j)
	if next < 0 || next >= sent.j {
		return false
	}
	n := sort.Search(len(a.exprs), func(n int) bool { return a.exprs[n].i >= next })
	return n < len(a.exprs) && a.hasWord(a.exprs[n].j, min(sent.j, a.exprs[n].j+6), "موکول", "تعویق")
}

// occasionDate resolves the days of a named occasion: in the year the
// sentence states, in the year of a date stated beside it, or the
// occurrence nearest the publication date. The calendar places it (a lunar
// occasion through Iran's table of Hijri month starts).
func (a *article) occasionDate(mn mention, hs *hints, refs []dateRef, sent sentence) (when, bool) {
	o := a.m.gaz.occ[mn.occ]
	cal := a.c.calendar()
	w := when{prec: domain.PrecisionDay, conf: confOccasion, ok: true}
	year := 0
	if h := hs.at(mn.i); h.year != 0 {
		year, w.conf = h.year, 0.9
	}
	// "چهل‌وپنجمین سالگرد پیروزی انقلاب اسلامی": the year the event was,
	// plus the ordinal.
	if y, ok := a.anniversaryYear(mn, o.Key); ok {
		year, w.conf = y, 0.9
	}
	// "هفته دولت سال گذشته": a year right after the name.
	if k := hs.startingAt(mn.j); k >= 0 {
		if e := a.exprs[k]; e.typ == xYear || e.typ == xRelYear {
			if h, ok := a.hintOf(e); ok {
				year, w.conf = h.year, 0.9
			}
		}
	}
	var occ occurrence
	found := false
	// A date stated beside the name: "روز ۲۷ اردیبهشت به عنوان روز ملی روابط عمومی".
	for _, r := range window(refs, mn.i, mn.j, 30) {
		if found || year != 0 || !r.w.ok {
			continue
		}
		for _, s := range cal.Occurrences(o.Recurrence, r.w.start, r.w.start) {
			if s.Start == r.w.start {
				occ, found = occurrence{s.Start, s.End, s.Start.Year}, true
				w.conf, w.note = r.w.conf, r.w.note
			}
		}
	}
	switch {
	case found:
	case year != 0:
		from, to := calendar.YearRange(year)
		spans := cal.Starting(o.Recurrence, from, to)
		if len(spans) == 0 {
			return when{}, false
		}
		occ = occurrence{spans[0].Start, spans[0].End, year}
	default:
		// The nearest occurrence, unless the tense of the clause that names
		// it says the event held on it is over or still to come.
		var note string
		var ok bool
		occ, note, w.conf, ok = a.c.pickOccurrence(a.occasionOccurrences(o), -1, a.tenseAt(mn.i, mn.j, sent, false), graceOccasion)
		if !ok {
			return when{}, false
		}
		w.note = note
		if !a.c.pub.IsZero() {
			w.conf = confOccasion
		}
	}
	if occ.start.Year < minMinedYear || occ.end.Year > maxMinedYear {
		return when{}, false
	}
	w.start, w.end = occ.start, occ.end
	if o.Days() == 7 && o.Rule != domain.RuleWholeMonth {
		w.prec = domain.PrecisionWeek
	}
	if o.Calendar == domain.CalHijri {
		if _, src := cal.Hijri().FromJalali(occ.start); src.Provisional() {
			w.note, w.conf = joinNotes(w.note, noteLunarProvisional), w.conf-0.05
		}
	}
	return w, true
}

// anniversaryOrigins are the Jalali years of the events some occasions
// remember, for anniversaries told by ordinal.
var anniversaryOrigins = map[string]int{
	"revolution-day": 1357, "fajr-decade": 1357, "islamic-republic-day": 1358, "khomeini-death": 1368,
	"khordad-15": 1342, "sacred-defence-week": 1359, "oil-nationalization-day": 1329,
}

// anniversaryYear reads "چهل‌وپنجمین سالگرد …" before an occasion's name:
// the year of that anniversary.
func (a *article) anniversaryYear(mn mention, key string) (int, bool) {
	origin, ok := anniversaryOrigins[key]
	if !ok {
		return 0, false
	}
	k := mn.i
	if a.p.is(k, "سالگرد", "سالروز") {
		k++ // the name may begin with the word
	}
	head := k - 1
	if !a.p.is(head, "سالگرد", "سالروز") {
		if !a.p.is(mn.i, "سالگرد", "سالروز") {
			return 0, false
		}
		head = mn.i
	}
	for i := max(0, head-maxNumberWords); i < head; i++ {
		if n, ordinal, _, j, ok := a.p.number(i); ok && j == head && (ordinal || a.p.is(j-1, "مین")) && n > 0 && n < 200 {
			return origin + n, true
		}
	}
	return 0, false
}

// occasionOccurrences lists o's occurrences within a year and a half of
// the publication date, or in the article's anchor year when there is no
// publication date.
func (a *article) occasionOccurrences(o domain.Occasion) []occurrence {
	var from, to jalali.Date
	switch {
	case !a.c.pub.IsZero():
		from, to = a.c.pub.AddDays(-550), a.c.pub.AddDays(550)
	case a.c.anchor != 0:
		from, to = calendar.YearRange(a.c.anchor)
	default:
		return nil
	}
	var out []occurrence
	for _, s := range a.c.calendar().Starting(o.Recurrence, from, to) {
		out = append(out, occurrence{s.Start, s.End, s.Start.Year})
	}
	return out
}

// dayOfOccasion reads a day counted inside an occasion named at mn, whose
// days are w: "سومین روز هفته دولت"، "نخستین روز دهه فجر"، "روز پایانی
// هفته دولت"، "آخرین روز …". It returns that day and the token its words
// start at.
func (a *article) dayOfOccasion(mn mention, w when) (when, int, bool) {
	p := a.p
	n, i := 0, mn.i
	switch {
	case p.is(mn.i-1, "روز") && p.is(mn.i-2, "آخرین"):
		n, i = -1, mn.i-2
	case p.is(mn.i-1, "روز"):
		if v, ord, _, _, ok := p.number(mn.i - 2); ok && ord && v > 0 {
			n, i = v, mn.i-2
		}
	case p.is(mn.i-2, "روز") && p.is(mn.i-1, "پایانی", "آخر", "واپسین"):
		n, i = -1, mn.i-2
	case p.is(mn.i-2, "روز"):
		if v, ord, _, j, ok := p.number(mn.i - 1); ok && ord && v > 0 && j == mn.i {
			n, i = v, mn.i-2
		}
	}
	if n == 0 || !w.ok {
		return when{}, 0, false
	}
	day := w
	if n < 0 {
		day.start = w.end
	} else {
		day.start = w.start.AddDays(n - 1)
		if day.start.After(w.end) {
			return when{}, 0, false // "هشتمین روز" of a seven-day week
		}
	}
	day.end, day.prec = day.start, domain.PrecisionDay
	return day, i, true
}
