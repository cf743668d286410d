package mining

import "sort"

// tense of a clause: -2 past, +2 future, +1 present or subjunctive (news
// uses both for what is scheduled or under way), 0 unknown.
type tense int

// The tense of an event is read from the verb of its own clause: the first
// finite verb after the date ("۲۰ فروردین برگزار می‌شود"), or, when the
// clause has none after it, a future of intent before it ("قرار است مهر
// ماه … "). A verb of saying, naming or planning ("اعلام کرد"، "گفت"،
// "صادر شد"، "برنامه‌ریزی شده") tells when something was said or decided,
// not when the event is, so it ends the search with no tense.

// Verb forms, normalized (ZWNJ is a space, so "می‌شود" is "می" "شود").
var (
	pastVerbs = wordSet("شد", "شدند", "شده", "نشد", "نشدند", "گردید", "گردیدند", "گردیده", "نگردید", "کرد", "کردند",
		"کرده", "نکرد", "نکردند", "نمود", "نمودند", "نموده", "گرفت", "گرفتند", "گرفته", "یافت", "یافتند", "یافته",
		"رسید", "رسیدند", "رسیده", "داد", "دادند", "داده", "بود", "بودند", "آمد", "آمدند", "آمده", "پذیرفت",
		"پذیرفتند", "پذیرفته", "انجامید", "داشت", "داشتند", "داشته", "برگزارشد", "برگزارگردید")
	// pastStems also take می‌ in the past progressive ("سخن می‌گفت").
	pastStems = wordSet("گفت", "گفتند", "رفت", "رفتند", "خواست", "خواستند", "دانست")
	futureAux = wordSet("خواهد", "خواهند", "خواهیم", "خواهم", "نخواهد", "نخواهند")
	// presentStems follow می‌ in the present ("می‌شود") and stand alone in
	// the subjunctive ("قرار است … برگزار شود").
	presentStems = wordSet("شود", "شوند", "گردد", "گردند", "کند", "کنند", "نماید", "نمایند", "باشد", "باشند", "یابد",
		"یابند", "گیرد", "گیرند", "رسد", "رسند", "دهد", "دهند", "آید", "آیند", "پذیرد", "شویم", "کنیم", "باشیم",
		"کنید", "شوید", "باشید", "نمایید")
	subjunctiveBe = wordSet("باشد", "باشند", "باشیم", "باشم", "باشی")
	// reportingVerbs say something, or only that something is.
	reportingVerbs = wordSet("گفت", "گفتند", "افزود", "افزودند", "نوشت", "نوشتند", "است", "هست", "نیست", "هستند",
		"اند", "دارد", "دارند", "میگوید", "میگویند", "میافزاید")
	// reportingNouns make a light verb one of saying, naming or planning:
	// "اعلام کرد"، "صادر شد"، "خبر داد"، "برنامه‌ریزی شده"، "تدارک دیده شده".
	reportingNouns = wordSet("اعلام", "صادر", "اظهار", "تصریح", "عنوان", "بیان", "اشاره", "تاکید", "خاطرنشان",
		"یادآور", "یادآوری", "ابلاغ", "تشریح", "منتشر", "گزارش", "خبر", "اعلان", "مطرح", "ارسال", "دعوت", "درخواست",
		"پیشنهاد", "توصیه", "تبریک", "تسلیت", "تعیین", "تصویب", "نامگذاری", "نامیده", "گفته", "خوانده", "تلقی",
		"محسوب", "شناخته", "بینی", "پیشبینی", "ریزی", "برنامهریزی", "اطلاع", "منعکس", "ذکر", "یاد", "تقاضا",
		"خواستار", "وعده", "قول", "نوید", "مژده", "ابراز", "آرزو", "نظر", "نام", "دیده", "تنظیم", "ترتیب", "تدارک",
		"گذاری", "نامگذاری")
)

func wordSet(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// verbAt reads the verb group token k belongs to, if any: its tense (0 for
// a verb of saying, naming or planning, unless raw) and whether it is a
// finite verb, which ends the search for a clause's verb.
func (d *doc) verbAt(k int, raw bool) (t tense, finite bool) {
	p := d.p
	w := p.word(k)
	if w == "" {
		return 0, false
	}
	// rep gives t, or 0 when the word at noun makes the verb a report.
	rep := func(noun int, t tense) tense {
		if !raw && reportingNouns[p.word(noun)] {
			return 0
		}
		return t
	}
	intent := func(w string) bool {
		return w == "است" || w == "شد" || w == "شده" || w == "کرد" || w == "کرده"
	}
	switch {
	case w == "قرار" || w == "مقرر":
		switch next := p.word(k + 1); {
		case intent(next):
			return 2, true // "قرار است … برگزار شود"
		case next == "گرفت" || next == "گرفتند" || next == "گرفته":
			return -2, true // "مورد تجلیل قرار گرفت"
		case next == "بود" || next == "بوده":
			return 0, true // planned once, whatever happened
		}
		return 0, false
	case p.is(k-1, "قرار", "مقرر") && intent(w):
		return 2, true
	case p.is(k-1, "قرار") && (w == "گرفت" || w == "گرفتند" || w == "گرفته"):
		return -2, true
	case p.is(k-1, "قرار") && (w == "بود" || w == "بوده"):
		return 0, true
	case w == "آمده" && p.is(k+1, "است"), w == "است" && p.is(k-1, "آمده"):
		if raw {
			return -2, true
		}
		return 0, true // "در این پیام آمده است": a report
	case futureAux[w]:
		return rep(k-1, 2), true
	case futureAux[p.word(k-1)] && (presentStems[w] || pastVerbs[w]):
		return rep(k-2, 2), true
	case w == "می" || w == "نمی":
		next := p.word(k + 1)
		switch {
		case next == "":
			return 0, false
		case pastVerbs[next] || pastStems[next]:
			return rep(k-1, -2), true
		}
		return rep(k-1, 1), true
	case p.is(k-1, "می", "نمی"):
		if pastVerbs[w] || pastStems[w] {
			return rep(k-2, -2), true
		}
		return rep(k-2, 1), true
	case pastVerbs[w]:
		if participle(w) && subjunctiveBe[p.word(k+1)] {
			return 0, true // "برگزار شده باشد"
		}
		return rep(k-1, -2), true
	case subjunctiveBe[w] && participle(p.word(k-1)):
		return 0, true
	case presentStems[w]:
		return 0, true // the subjunctive: tense comes from "قرار است" or "باید" before
	case reportingVerbs[w]:
		if raw {
			return rawReport(w), true
		}
		return 0, true
	}
	if stem, ok := cutPresentPrefix(w); ok {
		switch {
		case pastVerbs[stem] || pastStems[stem]:
			return rep(k-1, -2), true // "میشد" with the ZWNJ dropped
		case presentStems[stem]:
			return rep(k-1, 1), true // "میشود"
		}
	}
	return 0, false
}

// rawReport is the tense of a reporting verb itself.
func rawReport(w string) tense {
	switch w {
	case "گفت", "گفتند", "افزود", "افزودند", "نوشت", "نوشتند":
		return -2
	case "میگوید", "میگویند", "میافزاید":
		return 1
	}
	return 0
}

// participle reports whether w is a past participle ("شده"، "کرده").
func participle(w string) bool {
	return pastVerbs[w] && len(w) > len("ه") && w[len(w)-len("ه"):] == "ه"
}

// cutPresentPrefix returns w without a glued می or نمی.
func cutPresentPrefix(w string) (string, bool) {
	for _, pre := range []string{"نمی", "می"} {
		if len(w) > len(pre) && w[:len(pre)] == pre {
			return w[len(pre):], true
		}
	}
	return w, false
}

// tenseAt reads the tense of the clause of the expression over tokens
// [from, k): the first finite verb after it, up to a ":" or "؛", another
// date (which that verb more likely goes with) or a relative clause that
// does not open right after it; failing that, a future of intent before it
// in its clause. raw counts verbs of saying too, which a bare weekday
// ("روز شنبه … اعلام کرد") needs to tell the last from the next.
func (a *article) tenseAt(from, k int, sent sentence, raw bool) tense {
	next := a.nextDate(k)
	if next >= 0 && next <= k+1 {
		next = -1 // "سه‌شنبه و چهارشنبه ۱۸ شهریور": one time, one verb
	}
	for i := k; i < min(sent.j, k+maxWindow); i++ {
		if i == next || i > k && a.p.is(i, "که") {
			break
		}
		if t, ok := a.verbAt(i, raw); ok {
			if t != 0 && !raw && a.splitReport(from, i, sent) {
				return 0 // "خواستار حضور مردم در انتخابات ۲۴ اسفند شد": a wish, said then
			}
			if t != 0 || !a.subjunctive(i) {
				return t
			}
			break // "… برگزار شود": look for "قرار است" before the date
		}
		if a.toks[i].brk >= brkClause {
			break
		}
	}
	for i := from - 1; i >= max(sent.i, from-maxWindow); i-- {
		if a.toks[i].brk >= brkComma || a.p.is(i, "که", "تا") {
			break
		}
		if t, ok := a.verbAt(i, raw); ok && t == 2 {
			return t
		}
	}
	return 0
}

// splitNouns are the nouns of verbs of wishing, claiming or warning that
// put their object between noun and light verb: "خواستار … شد"، "مدعی …
// شد"، "یادآور … شد".
var splitNouns = wordSet("خواستار", "خواهان", "مدعی", "یادآور", "متذکر", "منکر", "مانع", "نگران", "امیدوار", "مخالف", "موافق")

// splitReport reports whether the light verb at token v closes a split
// verb of wishing or claiming whose noun stands before the date at token
// from, in the same clause.
func (a *article) splitReport(from, v int, sent sentence) bool {
	if !lightVerbs[a.p.word(v)] && !a.p.is(v, "است", "هستند", "بود") {
		return false
	}
	for i := from - 1; i >= max(sent.i, from-maxWindow); i-- {
		if a.toks[i].brk >= brkComma {
			return false
		}
		if splitNouns[a.toks[i].text] {
			return true
		}
	}
	return false
}

// subjunctive reports whether token k is a subjunctive verb ("شود"، "شده
// باشد").
func (a *article) subjunctive(k int) bool {
	w := a.p.word(k)
	return presentStems[w] && !a.p.is(k-1, "می", "نمی") && !futureAux[a.p.word(k-1)] ||
		subjunctiveBe[w] || participle(w) && subjunctiveBe[a.p.word(k+1)]
}

// nextDate returns the token where the next date expression starting at or
// after token k starts, -1 if there is none nearby.
func (a *article) nextDate(k int) int {
	n := sort.Search(len(a.exprs), func(n int) bool { return a.exprs[n].i >= k })
	for stop := n + 4; n < len(a.exprs) && n < stop; n++ {
		if e := a.exprs[n]; e.typ != xOther && e.typ != xYear && e.typ != xRelYear {
			return e.i
		}
	}
	return -1
}

// tenseIn returns the tense of the first finite verb in tokens [from, to).
func (a *article) tenseIn(from, to int) tense {
	for k := from; k < to; k++ {
		if t, ok := a.verbAt(k, true); ok {
			return t
		}
		if a.toks[k].brk >= brkClause {
			break
		}
	}
	return 0
}
