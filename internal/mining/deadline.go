package mining

import (
	"github.com/ruydad/ruydad/internal/domain"
)

// Deadlines: "مهلت ثبت‌نام در جشنواره … تا پانزدهم آبان تمدید شد"، "مهلت
// ارسال آثار تا ۳۰ مهرماه است"، "ثبت‌نام داوطلبان تا پایان وقت اداری
// چهارشنبه ۲۱ بهمن تمدید شد": the (new) last day is an event a PR office
// puts on its calendar.

// deadlineCues make "تا" before a date the end of a deadline.
var deadlineCues = wordSet("مهلت", "تمدید", "حداکثر", "ثبتنام", "نامنویسی")

// deadlineDate reports whether e is the last day of a deadline: "تا" before
// it (right before, or "تا پایان وقت اداری" before it) in a sentence about
// a deadline.
func (a *article) deadlineDate(e expr, sent sentence) bool {
	if e.typ == xMonth && e.m2 == 0 && (e.lead == "تا" && e.part == partLastThird || a.untilEndOf(e.i)) {
		// "تا پایان خرداد ماه": the month's last day
		lo, hi := max(sent.i, e.i-maxWindow), min(sent.j, e.j+maxWindow)
		return a.hasWord(lo, hi, "مهلت", "تمدید", "حداکثر") || a.namesRegistration(lo, e.i)
	}
	if e.typ != xDate {
		return false
	}
	if a.p.punct(e.i-1) == ":" && a.hasWord(max(sent.i, e.i-maxWindow), e.i, "مهلت") {
		return true // "آخرین مهلت ثبت‌نام در مسابقه: ۲۰ اسفند ۰۳"
	}
	if e.lead != "تا" && !a.untilEndOf(e.i) {
		return false
	}
	if a.p.is(e.j, "فرصت") || a.p.is(e.j+1, "فرصت") {
		return true // "تا ۱۰ بهمن فرصت دارند … ثبت‌نام کنند"
	}
	lo, hi := max(sent.i, e.i-maxWindow), min(sent.j, e.j+maxWindow)
	return a.hasWord(lo, hi, "مهلت", "تمدید", "حداکثر") || a.namesRegistration(lo, e.i)
}

// namesRegistration reports whether tokens [i, j) speak of registering:
// "ثبت‌نام" (with its ZWNJ, two tokens, or without, one)، "نام‌نویسی".
func (a *article) namesRegistration(i, j int) bool {
	for k := i; k < j; k++ {
		if a.p.is(k, "ثبتنام", "نامنویسی") || a.p.is(k, "ثبت") && a.p.is(k+1, "نام") || a.p.is(k, "نام") && a.p.is(k+1, "نویسی") {
			return true
		}
	}
	return false
}

// supersededDeadline reports whether deadline expression k of a sentence
// is the old last day of an extended one: "مهلت … که پیش‌تر تا ۱۵ آذر
// اعلام شده بود، تا ۳۰ آذر تمدید شد" (a later deadline date of the same
// sentence comes before the word تمدید).
func (a *article) supersededDeadline(k int, ex []int, sent sentence) bool {
	e := a.exprs[k]
	hi := min(sent.j, e.j+maxWindow)
	if !a.hasWord(e.j, hi, "تمدید") {
		return false
	}
	for _, k2 := range ex {
		e2 := a.exprs[k2]
		if k2 > k && e2.i < hi && (e2.lead == "تا" || a.untilEndOf(e2.i)) && a.hasWord(e2.j, min(sent.j, e2.j+maxWindow), "تمدید") {
			return true
		}
	}
	return false
}

// untilEndOf reports whether "تا پایان …" (of the working day, of the day)
// stands right before token k.
func (a *article) untilEndOf(k int) bool {
	for back := 1; back <= 4 && k-back >= 0; back++ {
		w := a.p.word(k - back)
		switch {
		case w == "تا":
			return back > 1
		case w != "پایان" && w != "وقت" && w != "اداری" && w != "ساعت" && w != "روز" && w != "کار" && w != "ساعات":
			return false
		}
	}
	return false
}

// emitDeadline adds the candidate for the last day of a deadline, titled
// «پایان مهلت …» with what the deadline is for.
func (a *article) emitDeadline(e expr, hint yearHint, sent sentence) {
	// A deadline set or extended is still to come: the decision's past
	// tense is not the last day's.
	w := a.c.resolve(e, hint, 1)
	if !w.ok {
		return
	}
	switch w.prec {
	case domain.PrecisionDay:
		w.end = w.start
	case domain.PrecisionMonth:
		w.start, w.prec = w.end, domain.PrecisionDay // "تا پایان خرداد ماه"
	}
	c := a.base(sent, max(sent.i, e.i-maxWindow), e.j)
	c.at = e.i
	c.Start, c.End, c.Precision = w.start, w.end, w.prec
	c.Kind = domain.KindOther
	c.Title = a.deadlineTitle(e, sent)
	c.Confidence = round2(w.conf - 0.1)
	c.ReviewNote = w.note
	a.out = append(a.out, c)
}

// deadlineTitle names what a deadline is for: the noun phrase after «مهلت»
// (or the clause's opening one) before the date: "پایان مهلت ثبت‌نام در
// جشنواره" is "پایان مهلت ثبت‌نام".
func (a *article) deadlineTitle(e expr, sent sentence) string {
	i := a.clauseStart(e.i, sent)
	lo, hi := max(sent.i, e.i-maxWindow), min(sent.j, e.j+maxWindow)
	for k := lo; k < e.i; k++ {
		if a.p.is(k, "مهلت") {
			i = k + 1
		}
	}
	for i < e.i && !a.titleWord(i) {
		i++
	}
	if !a.hasWord(lo, e.i, "مهلت") && a.namesRegistration(lo, hi) {
		// "تا ۱۰ بهمن فرصت دارند … در دوره آموزشی … ثبت‌نام کنند": the
		// registration, for the event the sentence names.
		for k := lo; k < hi; k++ {
			if tr, ok := a.triggerAt(k, sent.j); ok && !tr.generic && tr.kind != domain.KindPressConference && !a.excluded(&tr) {
				if fw := a.phrase(tr.j, sent, ""); fw.j > fw.i {
					return "پایان مهلت ثبت‌نام در " + a.runsText([]tokRun{{tr.i, fw.j}}, tr)
				}
				return "پایان مهلت ثبت‌نام در " + a.runsText([]tokRun{{tr.i, tr.j}}, tr)
			}
		}
		return "پایان مهلت ثبت‌نام"
	}
	r := a.phrase(i, sent, "")
	r.j = min(r.j, e.i)
	if r.j <= r.i || a.allWeak(r) {
		if a.namesRegistration(max(sent.i, e.i-maxWindow), e.i) {
			return "پایان مهلت ثبت‌نام" // "ثبت‌نام … و مهلت آن تا ۲۰ مهر است"
		}
		return "پایان مهلت"
	}
	return "پایان مهلت " + a.runsText([]tokRun{r}, trigger{i: -1})
}
