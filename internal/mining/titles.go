package mining

import (
	"sort"
	"strings"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/persian"
)

// A proposal's title is a noun phrase a person keeps as it is, built from
// the trigger and what it governs:
//
//   - the words after it: "نشست خبری مدیرکل میراث فرهنگی"، "بازدید سرزده
//     هیئت از رستوران‌ها"، "دیدار استاندار با خانواده شهدا";
//   - when the trigger is the noun of a verb ("نمایشگاه کتاب … افتتاح
//     می‌شود"، "استاندار از طرح‌ها بازدید کرد"), what it acts on, and who
//     acts: "افتتاح نمایشگاه کتاب"، "بازدید استاندار از طرح‌ها";
//   - when it stands bare ("سخنگوی کمیسیون … در نشست خبری گفت"), who holds
//     it: "نشست خبری سخنگوی کمیسیون";
//
// never a bare plural, a trailing conjunction or the start of a verb.

// titleStops end a title phrase.
var titleStops = wordSet("که", "با", "در", "را", "به", "از", "برای", "توسط", "تا", "گفت", "است", "شد", "می",
	"بود", "امروز", "این", "خواهد", "میشود", "برگزار", "شده", "نیز", "هم", "اظهار", "افزود", "کرد", "شود",
	"همزمان", "طی", "پس", "قبل", "بعد", "روز", "ساعت", "یعنی", "ضمن", "جهت", "همچنین", "اما", "ولی", "چون",
	"زیرا", "اگر", "وی", "او", "آنها", "ایشان", "همه", "اینکه", "چه", "چرا", "کجا", "باید", "نباید",
	"میتواند", "خود", "خویش", "هر", "برخی", "بسیاری", "سایر", "کلیه", "دیروز", "فردا", "امشب",
	"مورد", "بر", "بدون", "حین", "هنگام", "وارد", "راهی", "عازم", "بار", "خاطر", "وقتی", "بارها", "همراه",
	"دارای", "تعداد", "مثل", "مانند", "نظیر", "شامل", "پیش", "حدود", "نزدیک", "بیش", "بسیار", "خیلی", "فقط",
	"اکنون", "هنوز", "هستیم", "هستند", "هستم", "خورد", "خوردند", "دادیم", "کردیم", "شدیم", "داریم", "بودیم",
	"بودند", "رفت", "رفتند", "آمد", "نمودیم", "گرفتیم", "خواهیم", "مقابل", "حضور")

// titleWeak say nothing of what an event is: a title does not end with
// one, and a trigger followed only by them stands bare.
var titleWeak = wordSet("و", "یا", "دیگر", "دیگری", "آتی", "مذکور", "فوق", "یادشده", "اخیر",
	"مهم", "صمیمی", "مشترکی", "بزرگی", "ویژهای", "هایی", "ها", "های", "آن", "همین", "همان")

// titleLinks are the prepositions a trigger governs: "بازدید … از
// طرح‌ها"، "دیدار … با خانواده شهدا"، "سفر … به سوریه".
var titleLinks = map[string]string{
	"بازدید": "از", "بازدیدهای": "از", "تجلیل": "از", "تقدیر": "از", "رونمایی": "از", "بهرهبرداری": "از",
	"بهره": "از", "قدردانی": "از", "دیدار": "با", "جلسه": "با", "نشست": "با", "گفتوگو": "با",
	"گفتگو": "با", "سفر": "به", "ورود": "به", "تور": "از",
}

// linkAdverbials after a preposition make an adverbial, not what an event
// governs: "با اشاره به"، "با حضور"، "از سوی".
var linkAdverbials = wordSet("اشاره", "بیان", "تاکید", "توجه", "هدف", "همکاری", "مشارکت", "عنوان", "سوی", "طریق",
	"جمله", "آنجا", "نظر", "لحاظ", "استناد", "ابراز", "ذکر", "تشریح", "حمایت", "محوریت", "موضوع", "شعار")

// indefiniteHeads are triggers written with the indefinite ending, and
// the noun a title names.
var indefiniteHeads = map[string]string{
	"نشستی": "نشست", "همایشی": "همایش", "مراسمی": "مراسم", "جشنی": "جشن", "دیداری": "دیدار", "بازدیدی": "بازدید",
	"سفری": "سفر", "کارگاهی": "کارگاه", "نمایشگاهی": "نمایشگاه", "جلسه\u200cای": "جلسه", "جلسهای": "جلسه",
}

// adjectiveHeads are triggers that qualify a noun before them.
var adjectiveHeads = wordSet("برتر", "برگزیده")

// takesAz are the triggers an object follows with از ("رونمایی از کتاب").
var takesAz = wordSet("بازدید", "تجلیل", "تقدیر", "رونمایی", "بهرهبرداری", "بهره", "قدردانی")

// holderKinds are the triggers a bare mention of which is named by who
// holds it: a press conference, a meeting, a visit, a speech.
var holderHeads = wordSet("نشست", "نشستخبری", "کنفرانس", "مصاحبه", "جلسه", "دیدار", "سفر", "بازدید",
	"سخنرانی", "گفتوگوی", "نشستهای", "جلسات")

// roleHeads open the name of who holds an event: an office or a body.
var roleHeads = wordSet("مدیرکل", "مدیران", "مدیر", "مدیرعامل", "رئیس", "رییس", "روسای", "رؤسای", "سخنگوی",
	"وزیر", "استاندار", "فرماندار", "بخشدار", "شهردار", "دبیر", "دبیرکل", "معاون", "معاونان", "نماینده",
	"نمایندگان", "سرپرست", "دادستان", "فرمانده", "نایب", "عضو", "اعضای", "مشاور", "سرمربی", "قائممقام",
	"جانشین", "مسئول", "امام", "هیئت", "هیات", "اداره", "سازمان", "شورای", "استانداری", "فرمانداری",
	"شهرداری", "دانشگاه", "ستاد", "انجمن", "کانون", "بنیاد", "جمعیت", "سپاه", "بسیج", "فدراسیون", "وزارت",
	"رئیسجمهور", "کمیسیون", "مجمع", "خانه", "دفتر", "حوزه", "اتاق", "تیم", "باشگاه")

// bodyWords name a body whose title is incomplete without its province
// ("نشست خبری مدیرکل میراث فرهنگی" of which province?).
var bodyWords = wordSet("مدیرکل", "مدیران", "اداره", "ادارهکل", "شورای", "ستاد", "کارگروه", "کمیته", "سازمان",
	"هیئت", "هیات", "جمعیت", "کانون", "انجمن", "بسیج", "سپاه", "دادگستری", "بهزیستی", "استانداری", "شورا")

// passiveVerbs make the words before a verb-like trigger what it acts on.
var passiveVerbs = wordSet("شد", "شدند", "شده", "شود", "شوند", "میشود", "میشوند", "گردید", "گردیدند",
	"گردد", "یافت", "یافتند", "یابد", "رسید", "رسیدند", "رسد", "گرفت", "گرفتند", "گیرد")

// titleMaxWords bounds a title's length.
const titleMaxWords = 14

// tokRun is a run of tokens [i, j).
type tokRun struct{ i, j int }

// title builds the title of a proposal for trigger tr (see above), with the
// province when it names a body and not where it is.
func (a *article) title(tr trigger, sent sentence, province string) string {
	if tr.ref {
		// "این جشنواره": the festival named before, or told of before.
		if r, ok := a.earlierName(tr, tr.j); ok {
			return a.runsText([]tokRun{r}, tr)
		}
		for k := len(a.out) - 1; k >= max(0, len(a.out)-maxWindow); k-- {
			if a.out[k].Kind == tr.kind {
				return a.out[k].Title
			}
		}
	}
	var runs []tokRun
	if tr.generic {
		runs = a.genericTitle(tr, sent)
	} else {
		runs = a.triggerTitle(tr, sent)
	}
	t := a.runsText(runs, tr)
	if t == "" {
		return "رویداد"
	}
	if f := strings.Fields(t); len(f) > 0 {
		if base, ok := indefiniteHeads[f[0]]; ok {
			f[0] = base // "مراسمی … برگزار شد": a ceremony, «مراسم»
			t = strings.Join(f, " ")
		}
	}
	if province != "" && a.namesBody(runs) && !a.namesWhere(runs) {
		if strings.HasSuffix(t, " استان") {
			t += " " + province
		} else {
			t += " استان " + province
		}
	}
	return t
}

// triggerTitle returns the runs of a trigger's title.
func (a *article) triggerTitle(tr trigger, sent sentence) []tokRun {
	head := tokRun{tr.i, tr.j}
	k := tr.j
	for k < sent.j && a.p.is(k, "ها", "های") {
		k++
		head.j = k // "نشست‌های تخصصی"
	}
	if tr.j-tr.i > 1 && a.p.is(k, "ای") {
		k++
		head.j = k // "تور رسانه‌ای": the adjective's ending
	}
	for k < sent.j && a.p.is(k, "ای", "ایی", "هایی") {
		k++ // "جلسه‌ای": the indefinite says nothing
	}
	headWord := a.toks[tr.i].text[tr.glued:]
	if adjectiveHeads[headWord] {
		// "دستگاه اجرایی برتر کشور": the noun the adjective qualifies
		for head.i > max(sent.i, tr.i-4) && a.titleWord(head.i-1) && !a.verbNext(head.i) {
			head.i--
		}
	}
	if headWord == "جمع" && tr.kind == domain.KindMeeting {
		// "فرماندار امروز در جمع مدیران شهرستان گفت": his meeting with them
		group := a.phrase(tr.j-1, sent, "")
		if h, ok := a.holder(tr, sent); ok {
			return []tokRun{{-3, -3}, h, {-4, -4}, group}
		}
		return []tokRun{{-3, -3}, {-4, -4}, group}
	}
	if headWord == "جمع" || tr.kind == domain.KindPressConference && (headWord == "گفت" || strings.HasPrefix(headWord, "گفتگو") ||
		strings.HasPrefix(headWord, "گفتوگو")) {
		// "مدیرکل … امروز در جمع خبرنگاران گفت": his press conference
		if h, ok := a.holder(tr, sent); ok {
			return []tokRun{{-2, -2}, h}
		}
		return []tokRun{{-2, -2}}
	}
	link := titleLinks[headWord]
	if k < sent.j && a.p.is(k, link) && link != "" {
		// "جلسه‌ای با رئیس فدراسیون"
		if obj := a.phrase(k+1, sent, ""); obj.j > obj.i {
			return []tokRun{head, {k, obj.j}}
		}
	}
	if fw := a.phrase(k, sent, link); fw.j > fw.i && !a.allWeak(fw) {
		at := fw.j
		for at < sent.j && dayParts[a.p.word(at)] {
			at++ // "صبح امروز"
		}
		if d := a.exprEndingAfter(at); d > at {
			// "بازدید سرزده شامگاه گذشته هیئت عالی … از رستوران‌ها": a
			// date inside the phrase is left out of it.
			if more := a.phrase(d, sent, link); more.j > more.i && !a.allWeak(more) && more.i == d {
				return []tokRun{head, fw, more}
			}
		}
		return []tokRun{head, fw}
	}
	if v := a.verbAfter(k, sent); v >= 0 {
		if runs := a.actedOn(tr, sent, headWord, v); runs != nil {
			return append([]tokRun{head}, runs...)
		}
	}
	if holderHeads[headWord] || tr.kind == domain.KindPressConference {
		if h, ok := a.holder(tr, sent); ok {
			return []tokRun{{tr.i, k}, h}
		}
	}
	if r, ok := a.earlierName(tr, k); ok {
		return []tokRun{r} // "این مسابقات": the competitions named before
	}
	return []tokRun{head}
}

// verbAfter returns the finite verb a trigger at k-1 is the noun of ("افتتاح
// می‌شود"، "افتتاح و به بهره‌برداری می‌رسد"), or -1.
func (a *article) verbAfter(k int, sent sentence) int {
	if a.verbNext(k) {
		return k
	}
	if !a.p.is(k, "و") {
		return -1
	}
	for n := k + 1; n < min(k+5, sent.j); n++ {
		if a.verbNext(n) {
			return n
		}
		if _, trig := triggerHeads[a.p.word(n)]; !trig && !a.p.is(n, "به", "برداری", "زنی") {
			break
		}
	}
	return -1
}

// earlierName returns the fuller naming, earlier in the article, of the
// event a bare trigger at tr refers to: "مسابقات جودوی جام فجر بانوان" for
// a later "این مسابقات … برگزار خواهد شد". k is where the trigger's words
// end. Each head word's last fuller naming is kept, so the article is
// searched once however many bare mentions it has.
func (a *article) earlierName(tr trigger, k int) (tokRun, bool) {
	head := a.toks[tr.i].text[tr.glued:]
	if a.names == nil {
		a.names = map[string]*nameSeen{}
	}
	seen := a.names[head]
	if seen == nil {
		seen = &nameSeen{}
		a.names[head] = seen
	}
	for i := tr.i - 1; i >= seen.upTo; i-- {
		if a.toks[i].text != head || a.p.is(i-1, "این", "همین", "آن", "همان") {
			continue
		}
		end := i + 1
		for end < len(a.toks) && end-i < maxWindow && a.toks[end-1].brk != brkSent {
			end++
		}
		from := i + (k - tr.i)
		for from < end && a.p.is(from, "ها", "های") {
			from++
		}
		r := a.phrase(from, sentence{i, end}, titleLinks[head])
		if r.j > r.i && !a.allWeak(r) {
			seen.run, seen.ok = tokRun{i, r.j}, true
			break
		}
	}
	seen.upTo = max(seen.upTo, tr.i)
	return seen.run, seen.ok
}

// nameSeen is the last fuller naming of a head word found before token
// upTo.
type nameSeen struct {
	run  tokRun
	ok   bool
	upTo int
}

// genericTitle names what "برگزار" tells of by its clause's opening words:
// "برنامه‌های متنوع فرهنگی … برگزار می‌شود".
func (a *article) genericTitle(tr trigger, sent sentence) []tokRun {
	i := a.clauseStart(tr.i, sent)
	for i < tr.i && !a.titleWord(i) {
		i++
	}
	if i >= tr.i {
		return nil
	}
	r := a.phrase(i, sent, "")
	r.j = min(r.j, tr.i)
	if r.j <= r.i || a.allWeak(r) {
		return nil
	}
	return []tokRun{r}
}

// phrase returns the noun phrase that starts at token k: content words,
// numbers that count, quoted names and the calendar's occasions, joined by
// "و" and, once, by link; it ends at a verb, a date, a clause break or a
// word that opens something else.
func (a *article) phrase(k int, sent sentence, link string) tokRun {
	j, words, linked := k, 0, false
	end := min(sent.j, k+maxWindow)
	for j < end && words < titleMaxWords-2 {
		t := a.toks[j]
		if t.text == "«" || t.text == "\"" {
			// A quoted name: all of it, or nothing.
			c := j + 1
			for c < end && a.toks[c].text != "»" && a.toks[c].text != "\"" && c-j < 16 {
				c++
			}
			if c >= end || c-j >= 16 {
				break
			}
			words += c - j - 1
			j = c + 1
			continue
		}
		if mn, ok := a.m.gaz.atWith(&a.scratch, a.toks, j, end); ok {
			words += mn.j - j // "همایش پاسداشت روز ملی روابط عمومی"
			j = mn.j
			if !a.p.is(j, "و") {
				break // the occasion ends the phrase, unless another follows
			}
			continue
		}
		if w := a.p.word(j); j > k && !linked && w != "" && (w == link || titleLinks[a.p.word(j-1)] == w) && a.titleWord(j+1) &&
			!linkAdverbials[a.p.word(j+1)] {
			// "بازدید سرزده هیئت از رستوران‌ها"، "مراسم تجلیل از مادران شهدا": once
			linked = true
			j++
			continue
		}
		if (t.text == "-" || t.text == "–") && j > k && a.titleWord(j+1) {
			j++ // "دیدار دو تیم بادران تهران-کوثر ایلام"
			continue
		}
		if a.p.is(j, "و") && j > k && a.titleWord(j+1) && !a.verbNext(j+2) {
			j++ // "افتتاح و بهره‌برداری"
			continue
		}
		if !a.titleWord(j) || a.verbNext(j+1) && a.preverb(j) {
			break // "… شرکت نکرد": the word before a verb is part of it
		}
		if j > k && sayingNouns[t.text] || (sayingNouns[a.p.word(j+1)] || a.p.is(j+1, "ایراد")) && a.verbNext(j+2) {
			break // "… تاکید کرد"، "سخنانی ایراد کرد"
		}
		if t.text == "نام" && a.p.is(j+1, "گذاری", "گذاشته", "نهاده", "گرفته", "گرفت") || t.text == "نامگذاری" {
			break // "… هفته تأمین اجتماعی نام‌گذاری شده است"
		}
		j++
		words++
		if t.brk != brkNone {
			break
		}
	}
	r := tokRun{k, j}
	for r.j > r.i && (titleWeak[a.p.word(r.j-1)] || titleStops[a.p.word(r.j-1)] ||
		a.toks[r.j-1].kind == tPunct && a.toks[r.j-1].text != "»" && a.toks[r.j-1].text != "\"") {
		if a.p.is(r.j-1, "ها", "های") && r.j-2 >= r.i && a.p.word(r.j-2) != "" && !titleWeak[a.p.word(r.j-2)] {
			break // a plural's suffix: "برترین‌ها"
		}
		r.j--
	}
	for r.i < r.j && titleWeak[a.p.word(r.i)] {
		r.i++
	}
	return r
}

// titleWord reports whether token k can stand in a title: a word or a
// counting number that is no stop, verb or date.
func (a *article) titleWord(k int) bool {
	if k >= len(a.toks) {
		return false
	}
	t := a.toks[k]
	switch t.kind {
	case tWord:
		_, rel := relDayWords[t.text]
		_, weekday := weekdayWords[t.text]
		if rel || weekday || titleStops[t.text] || dayParts[t.text] {
			return false
		}
		if _, verb := a.verbAt(k, true); verb {
			return false
		}
	case tNum:
		if w := a.p.word(k + 1); w == "" || titleStops[w] {
			return false // a number counts what follows it: "۱۲ طرح"
		}
	default:
		return false
	}
	return !a.inDate(k)
}

// preverbs are the nouns and adjectives that make a compound verb with a
// light verb after them ("شرکت نکرد"، "صورت گرفت"، "آغاز می‌شود").
var preverbs = wordSet("شرکت", "برگزار", "انجام", "اجرا", "آغاز", "شروع", "تشکیل", "حضور", "دریافت", "ارائه",
	"اهدا", "تصویب", "بررسی", "پیدا", "صورت", "پایان", "ادامه", "استقبال", "مشارکت", "معرفی", "منتشر", "عزیمت",
	"ورود", "وارد", "راهی", "عازم", "ایراد", "قرار", "کمک", "توجه", "همکاری", "تبدیل", "تلاش", "آماده", "ثبت",
	"صحبت", "مذاکره", "رایزنی", "ابراز", "انتقاد", "تعطیل", "لغو", "متوقف", "آزاد", "نصب", "احداث", "تکمیل",
	"تحویل", "توزیع", "اعزام", "منصوب", "انتخاب", "تعیین", "تمدید", "موکول", "دایر", "برپا", "پخش", "اکران",
	"رسیدگی", "دیدن", "سر", "تقدیم", "امضا", "منعقد", "مبادله", "فراهم", "ایجاد", "راهاندازی", "کسب", "اعطا",
	"باز", "بسته", "جمع", "پذیرایی", "میزبانی", "خبر", "گرفته", "داده", "زده", "کار", "دست", "پیش", "روی")

// preverb reports whether token k, before a verb, is part of it.
func (a *article) preverb(k int) bool {
	w := a.p.word(k)
	_, trig := triggerHeads[w]
	return trig || preverbs[w] || reportingNouns[w]
}

// verbNext reports whether a finite verb stands at token k, which makes
// the word before it part of the verb ("افتتاح می‌شود"، "بیان داشت").
func (a *article) verbNext(k int) bool {
	if k >= len(a.toks) || a.toks[k].kind != tWord {
		return false
	}
	_, verb := a.verbAt(k, true)
	return verb && !a.p.is(k, "است") || a.p.is(k, "قرار")
}

// actedOn returns what a verb-like trigger acts on and who acts, read from
// its clause before it: the passive's subject ("نمایشگاه کتاب … افتتاح
// می‌شود")، the active's object ("… ۵ طرح را افتتاح کرد") or its subject
// and the object of از ("استاندار از طرح‌ها بازدید کرد").
func (a *article) actedOn(tr trigger, sent sentence, headWord string, v int) []tokRun {
	from := a.clauseStart(tr.i, sent)
	var runs []tokRun
	var before []string // the word before each run
	var withLink tokRun // the object of the trigger's preposition, after a subject
	for k := from; k < tr.i; {
		if !a.titleWord(k) {
			k++
			continue
		}
		r := a.phrase(k, sent, "")
		r.j = min(r.j, tr.i)
		if r.j <= r.i {
			k++
			continue
		}
		link := titleLinks[headWord]
		switch {
		case link != "" && link != "از" && a.p.is(r.i-1, link) && !linkAdverbials[a.p.word(r.i)] && len(runs) > 0 && withLink.j == 0:
			withLink = tokRun{r.i - 1, r.j} // "رئیس‌جمهور … با اعضای تیم ملی دیدار می‌کند"
		case !a.p.is(r.i-1, "در", "با", "برای", "طی", "تا", "به", "جهت", "توسط", "این", "آن", "همین", "همان"):
			// not where, when, with whom or for what, nor a reference: "در
			// شهرستان سرباز"، "با حضور استاندار"، "از این کشور دیدار کند"
			runs = append(runs, r)
			before = append(before, a.p.word(r.i-1))
		}
		k = r.j
	}
	if len(runs) == 0 {
		return nil
	}
	if withLink.j > 0 {
		return []tokRun{runs[0], withLink}
	}
	verb := a.p.word(v)
	if verb == "می" || verb == "نمی" || futureAux[verb] {
		verb = a.p.word(v + 1)
	}
	passive := passiveVerbs[verb] || a.p.is(tr.i-1, "به", "مورد")
	if !passive {
		for n := range runs {
			if a.p.is(runs[n].j, "را") {
				return []tokRun{runs[n]} // "… ۵ طرح را افتتاح کرد"
			}
		}
		for n := 1; n < len(runs); n++ {
			if before[n] == "از" && takesAz[headWord] {
				// "استاندار از طرح‌ها بازدید کرد"
				return []tokRun{runs[0], {runs[n].i - 1, runs[n].j}}
			}
		}
	}
	if takesAz[headWord] && passive {
		return []tokRun{{-1, -1}, runs[0]} // "بهره‌برداری از ۱۲ طرح"
	}
	return runs[:1]
}

// holder returns who holds a bare event: the opening noun phrase of its
// clause, if it names an office or a body ("سخنگوی کمیسیون … در نشست
// خبری گفت").
func (a *article) holder(tr trigger, sent sentence) (tokRun, bool) {
	i := a.clauseStart(tr.i, sent)
	for i < tr.i && !a.titleWord(i) {
		i++
	}
	r := a.phrase(i, sent, "")
	r.j = min(r.j, tr.i)
	if r.j <= r.i {
		return r, false
	}
	for k := r.i; k < min(r.j, r.i+3); k++ {
		if roleHeads[a.toks[k].text] {
			return r, true
		}
	}
	return r, false
}

// clauseStart returns where the clause holding token k starts: after a
// comma, a clause break or a finite verb.
func (a *article) clauseStart(k int, sent sentence) int {
	i := k
	for i > sent.i && k-i < maxWindow && a.toks[i-1].brk == brkNone && !a.p.is(i-1, "که") {
		if _, verb := a.verbAt(i-1, true); verb {
			break
		}
		i--
	}
	return i
}

// exprEndingAfter returns where the temporal expression starting at token
// k ends, or k when none starts there.
func (a *article) exprEndingAfter(k int) int {
	n := sort.Search(len(a.exprs), func(n int) bool { return a.exprs[n].i >= k })
	if n < len(a.exprs) && a.exprs[n].i == k && a.exprs[n].typ != xOther {
		return a.exprs[n].j
	}
	return k
}

// inDate reports whether token k is part of a temporal expression.
func (a *article) inDate(k int) bool {
	n := sort.Search(len(a.exprs), func(n int) bool { return a.exprs[n].j > k })
	return n < len(a.exprs) && a.exprs[n].i <= k && a.exprs[n].typ != xOther
}

// allWeak reports whether run r has no word that says what an event is.
func (a *article) allWeak(r tokRun) bool {
	for k := r.i; k < r.j; k++ {
		if !titleWeak[a.p.word(k)] {
			return false
		}
	}
	return true
}

// namesBody reports whether the runs name a body of a province.
func (a *article) namesBody(runs []tokRun) bool {
	for _, r := range runs {
		for k := max(r.i, 0); k < r.j; k++ {
			if bodyWords[a.toks[k].text] {
				return true
			}
		}
	}
	return false
}

// namesWhere reports whether the runs say where: a province, a county, the
// country.
func (a *article) namesWhere(runs []tokRun) bool {
	for _, r := range runs {
		for k := max(r.i, 0); k < r.j; k++ {
			if a.provinceAt(k) != "" || a.p.is(k, "استان", "شهرستان", "کشور", "ملی", "سراسری", "کشوری", "استانی", "بینالمللی") {
				return true
			}
		}
	}
	return false
}

// titleWords are the words a title may add to the text's: a run {-n, -n}
// stands for titleWords[n].
var titleWords = []string{2: "نشست خبری", 3: "دیدار", 4: "با"}

// runsText joins the runs' original text into a title. A run {-1, -1}
// stands for the preposition از, {-n, -n} for titleWords[n].
func (a *article) runsText(runs []tokRun, tr trigger) string {
	var parts []string
	for _, r := range runs {
		if r.i == -1 {
			parts = append(parts, "از")
			continue
		}
		if r.i <= -2 {
			parts = append(parts, titleWords[-r.i])
			continue
		}
		if r.j <= r.i {
			continue
		}
		from := a.toks[r.i].s
		if r.i == tr.i {
			from += tr.glued
		}
		s, e := a.origSpan(from, a.toks[r.j-1].e)
		parts = append(parts, persian.RepairZWNJ(clean(a.text[s:e]), a.known))
	}
	t := strings.Join(parts, " ")
	t = strings.TrimPrefix(t, "برگزاری ")
	if f := strings.Fields(t); len(f) > titleMaxWords {
		t = strings.Join(f[:titleMaxWords], " ")
	}
	return t
}
