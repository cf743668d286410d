package mining

import (
	"sort"
	"strings"

	"github.com/ruydad/ruydad/internal/domain"
)

// trigger is an event word or phrase found over tokens [i, j).
type trigger struct {
	i, j    int
	kind    domain.Kind
	generic bool // the verb برگزار alone: an event of unknown kind
	plural  bool
	ref     bool // "این مراسم": a reference to an event already told
	talk    bool // "در جمع خبرنگاران"، "گفت‌وگو با خبرنگاران": an event only when dated
	glued   int  // bytes of a short word glued before the head ("درهمایش")
}

// triggerRule matches a head word, optionally followed by one of next.
type triggerRule struct {
	kind domain.Kind
	next []string // the head counts only before one of these; nil: alone
	skip bool     // the head with next is not an event (e.g. "لیگ برتر" is handled by prev)
}

// triggerHeads maps a head word to its rules, tried in order.
var triggerHeads = map[string][]triggerRule{
	"تور":          {{kind: domain.KindMediaTour, next: []string{"رسانه", "رسانهای", "خبری", "خبرنگاری", "رسانهاي"}}},
	"اردوی":        {{kind: domain.KindMediaTour, next: []string{"رسانهای", "رسانه", "خبری"}}, {kind: domain.KindTraining, next: []string{"آموزشی", "تربیتی", "مهارتی"}}, {kind: domain.KindOther}},
	"برپا":         {{kind: domain.KindOther}},
	"برپاست":       {{kind: domain.KindOther}},
	"نشست":         {{kind: domain.KindPressConference, next: []string{"خبری", "مطبوعاتی", "رسانهای"}}, {kind: domain.KindMeeting}},
	"کنفرانس":      {{kind: domain.KindPressConference, next: []string{"خبری", "مطبوعاتی"}}, {kind: domain.KindConference}},
	"مصاحبه":       {{kind: domain.KindPressConference, next: []string{"مطبوعاتی"}}},
	"مجمع":         {{kind: domain.KindMeeting, next: []string{"عمومی"}}},
	"جلسه":         {{kind: domain.KindMeeting}},
	"همایش":        {{kind: domain.KindConference}},
	"سمینار":       {{kind: domain.KindConference}},
	"کنگره":        {{kind: domain.KindConference}},
	"اجلاس":        {{kind: domain.KindConference}},
	"اجلاسیه":      {{kind: domain.KindConference}},
	"گردهمایی":     {{kind: domain.KindConference}},
	"مراسم":        {{kind: domain.KindCeremony}},
	"آیین":         {{kind: domain.KindCeremony}},
	"آئین":         {{kind: domain.KindCeremony}},
	"جشن":          {{kind: domain.KindCeremony}},
	"یادواره":      {{kind: domain.KindCeremony}},
	"جشنواره":      {{kind: domain.KindFestival}},
	"فستیوال":      {{kind: domain.KindFestival}},
	"دوره":         {{kind: domain.KindTraining, next: []string{"آموزشی", "ضمن", "آموزش", "تخصصی", "مهارت", "مهارتی", "توانمندسازی"}}},
	"کارگاه":       {{kind: domain.KindTraining}},
	"کارگروه":      {{kind: domain.KindMeeting}},
	"صحن":          {{kind: domain.KindMeeting, next: []string{"علنی"}}},
	"گشایش":        {{kind: domain.KindInauguration}},
	"رقابت":        {{kind: domain.KindOther}},
	"رقابتها":      {{kind: domain.KindOther}},
	"رقابتهای":     {{kind: domain.KindOther}},
	"سخنرانی":      {{kind: domain.KindConference}},
	"کلاس":         {{kind: domain.KindTraining, next: []string{"آموزشی", "آموزش"}}},
	"بازدید":       {{kind: domain.KindVisit}},
	"افتتاح":       {{kind: domain.KindInauguration}},
	"بهرهبرداری":   {{kind: domain.KindInauguration}},
	"کلنگزنی":      {{kind: domain.KindInauguration}},
	"رونمایی":      {{kind: domain.KindInauguration}},
	"تجلیل":        {{kind: domain.KindAward}},
	"تقدیر":        {{kind: domain.KindAward}},
	"جایزه":        {{kind: domain.KindAward}},
	"برتر":         {{kind: domain.KindAward}},
	"برگزیده":      {{kind: domain.KindAward}},
	"برگزیدگان":    {{kind: domain.KindAward}},
	"نمایشگاه":     {{kind: domain.KindOther}},
	"برگزار":       {{kind: domain.KindOther}},
	"برگزاری":      {{kind: domain.KindOther}},
	"میزبانی":      {{kind: domain.KindOther}},
	"مسابقات":      {{kind: domain.KindOther}},
	"المپیاد":      {{kind: domain.KindOther}},
	"انتخابات":     {{kind: domain.KindOther}},
	"راهپیمایی":    {{kind: domain.KindOther}},
	"گرامیداشت":    {{kind: domain.KindCeremony}},
	"بزرگداشت":     {{kind: domain.KindCeremony}},
	"تشییع":        {{kind: domain.KindCeremony}},
	"نکوداشت":      {{kind: domain.KindCeremony}},
	"جشنوارههای":   {{kind: domain.KindFestival}},
	"همایشهای":     {{kind: domain.KindConference}},
	"نشستهای":      {{kind: domain.KindMeeting}},
	"تورهای":       {{kind: domain.KindMediaTour, next: []string{"رسانه", "رسانهای", "خبری"}}},
	"دورههای":      {{kind: domain.KindTraining, next: []string{"آموزشی", "ضمن", "آموزش", "تخصصی"}}},
	"کارگاههای":    {{kind: domain.KindTraining}},
	"مراسمهای":     {{kind: domain.KindCeremony}},
	"بازدیدهای":    {{kind: domain.KindVisit}},
	"جلسات":        {{kind: domain.KindMeeting}},
	"همایشها":      {{kind: domain.KindConference}},
	"تقدیرنامه":    {{kind: domain.KindAward}},
	"لوح":          {{kind: domain.KindAward, next: []string{"تقدیر", "سپاس"}}},
	"بهره":         {{kind: domain.KindInauguration, next: []string{"برداری"}}},
	"کلنگ":         {{kind: domain.KindInauguration, next: []string{"زنی", "ساخت", "احداث", "آغاز"}}},
	"تشکیل":        {{kind: domain.KindMeeting, next: []string{"جلسه", "مجمع"}}},
	"دیدار":        {{kind: domain.KindMeeting}},
	"افتتاحیه":     {{kind: domain.KindCeremony}},
	"اختتامیه":     {{kind: domain.KindCeremony}},
	"سفر":          {{kind: domain.KindVisit}},
	"گفتوگوی":      {{kind: domain.KindPressConference, next: []string{"خبری"}}},
	"ورود":         {{kind: domain.KindVisit, next: []string{"هیئت", "هیات", "وزیر", "رئیس", "رییس", "معاون", "استاندار", "سفیر", "نماینده", "دبیرکل", "رئیسجمهور", "هیأت"}}},
	"نشستخبری":     {{kind: domain.KindPressConference}},
	"جمع":          {{kind: domain.KindPressConference, next: []string{"خبرنگاران", "اصحاب", "رسانهها", "خبرنگار"}}, {kind: domain.KindMeeting, next: []string{"مدیران", "کارکنان", "کشاورزان", "مسئولان", "فرهنگیان", "دانشجویان", "اعضای", "نمایندگان", "اهالی", "مردم", "کارگران", "بسیجیان", "معلمان", "پرسنل", "دانشآموزان", "خانوادههای", "ائمه", "روسای", "فعالان"}}},
	"نشستی":        {{kind: domain.KindPressConference, next: []string{"خبری", "مطبوعاتی", "رسانهای"}}, {kind: domain.KindMeeting}},
	"جلسهای":       {{kind: domain.KindMeeting}},
	"همایشی":       {{kind: domain.KindConference}},
	"مراسمی":       {{kind: domain.KindCeremony}},
	"جشنی":         {{kind: domain.KindCeremony}},
	"دیداری":       {{kind: domain.KindMeeting}},
	"بازدیدی":      {{kind: domain.KindVisit}},
	"سفری":         {{kind: domain.KindVisit}},
	"کارگاهی":      {{kind: domain.KindTraining}},
	"نمایشگاهی":    {{kind: domain.KindOther}},
	"تورخبری":      {{kind: domain.KindMediaTour}},
	"تشکیلجلسه":    {{kind: domain.KindMeeting}},
	"جشنوارهی":     {{kind: domain.KindFestival}},
	"کارگاهآموزشی": {{kind: domain.KindTraining}},
}

// ceremonial words make a همایش or مراسم a ceremony.
var ceremonial = []string{"پاسداشت", "بزرگداشت", "گرامیداشت", "تکریم", "یادواره", "تجلیل", "نکوداشت", "سالگرد"}

// gluedPrefixes are short words news text glues to the next word:
// "درهمایش"، "باهمکاری".
var gluedPrefixes = []string{"در", "و", "به", "با", "از"}

// triggerAt returns the trigger starting at token k, if any.
func (d *doc) triggerAt(k, end int) (trigger, bool) {
	t := d.toks[k]
	if t.kind != tWord {
		return trigger{}, false
	}
	if j, ok := d.talkWithPress(k, end); ok {
		return trigger{i: k, j: j, kind: domain.KindPressConference, talk: true}, true
	}
	w := t.text
	rules, ok := triggerHeads[w]
	if !ok {
		for _, pre := range gluedPrefixes {
			if rest, cut := strings.CutPrefix(w, pre); cut && len(rest) > 4 {
				if r, ok2 := triggerHeads[rest]; ok2 && r[0].kind != domain.KindOther {
					rules, ok, w = r, true, rest
					break
				}
			}
		}
	}
	if !ok {
		return trigger{}, false
	}
	next := d.p.word(k + 1)
	if next == "ها" || next == "های" {
		next = d.p.word(k + 2)
	}
	for _, r := range rules {
		if r.next != nil && !contains(r.next, next) && !contains(r.next, next+d.p.word(k+2)) {
			continue
		}
		tr := trigger{i: k, j: k + 1, kind: r.kind, glued: len(t.text) - len(w)}
		if r.next != nil {
			tr.j = k + 2
		}
		tr.generic = w == "برگزار" || w == "برگزاری" || w == "برپا" || w == "برپاست"
		tr.talk = w == "جمع"
		tr.plural = d.p.is(k+1, "ها", "های") || strings.HasSuffix(w, "های") || strings.HasSuffix(w, "ها") || w == "جلسات" || w == "مسابقات"
		d.refine(&tr, end)
		return tr, true
	}
	return trigger{}, false
}

// talkWithPress reads "گفت‌وگو با خبرنگاران" at k (a talk with the press,
// not the interview of "گفت‌وگو با خبرنگار ما") and returns where it ends.
func (d *doc) talkWithPress(k, end int) (int, bool) {
	j := k
	switch {
	case d.p.is(j, "گفتگو", "گفتوگو", "گفتگوی", "گفتوگوی"):
		j++
	case d.p.is(j, "گفت") && d.p.is(j+1, "وگو", "وگوی"):
		j += 2
	case d.p.is(j, "گفت") && d.p.is(j+1, "و") && d.p.is(j+2, "گو", "گوی"):
		j += 3
	default:
		return k, false
	}
	if j+1 < end && d.p.is(j, "با") && d.p.is(j+1, "خبرنگاران", "اصحاب") {
		return j + 2, true
	}
	return k, false
}

// refine adjusts a trigger's kind by the words after it: "همایش شورای
// هماهنگی" is a meeting, "همایش پاسداشت…" a ceremony.
func (d *doc) refine(tr *trigger, end int) {
	if w := d.toks[tr.i].text; (w == "دیدار" || w == "دیدارهای") && d.sportsNear(tr.i, end) {
		tr.kind = domain.KindOther // a match: "دیدار دو تیم …"، "دیدار برگشت"
		return
	}
	stop := min(tr.i+5, end)
	for k := tr.j; k < stop; k++ {
		if d.toks[k].brk != brkNone {
			break
		}
		w := d.toks[k].text
		switch {
		case (tr.kind == domain.KindConference || tr.kind == domain.KindCeremony || tr.kind == domain.KindMeeting) &&
			(w == "شورای" || w == "شورا") && d.p.word(k+1) != "عالی":
			tr.kind = domain.KindMeeting
			return
		case (tr.kind == domain.KindConference || tr.kind == domain.KindOther) && contains(ceremonial, w):
			tr.kind = domain.KindCeremony
			return
		}
	}
}

// sportsWords tell a match from a meeting: words of sport only.
var sportsWords = wordSet("تیمهای", "لیگ", "جام", "فوتبال", "فوتسال", "والیبال", "بسکتبال", "هندبال", "برگشت",
	"فینال", "نیمهنهایی", "یکچهارم", "ورزشگاه", "استادیوم", "مقدماتی", "پرسپولیس", "سپاهان", "تراکتورسازی",
	"حریف", "هفته")

// sportsNear reports whether the words after token k, in its clause, are a
// match's: "دیدار دو تیم …"، "دیدار برگشت"، "دیدار هفته سوم لیگ برتر"; not
// "دیدار با اعضای تیم ملی" (a meeting) nor "به دیدار خانواده شهید رفت".
func (d *doc) sportsNear(k, end int) bool {
	if d.p.is(k+1, "با") && !d.p.is(k+2, "تیم") {
		return false
	}
	for i := k + 1; i < min(end, k+6); i++ {
		w := d.toks[i].text
		if sportsWords[w] && (w != "هفته" || d.p.isNum(i+1) || ordinals[d.p.word(i+1)] > 0) ||
			w == "تیم" || w == "دو" && d.p.is(i+1, "تیم") || w == "رفت" && d.p.is(i+1, "و") && d.p.is(i+2, "برگشت") {
			return true
		}
		if d.toks[i].brk != brkNone {
			break
		}
	}
	return false
}

// endsDate reports whether a date expression ends right before token k.
func (d *doc) endsDate(k int) bool {
	n := sort.Search(len(d.exprs), func(n int) bool { return d.exprs[n].j >= k })
	return n < len(d.exprs) && d.exprs[n].j == k && d.exprs[n].typ != xOther
}

// eventOffices, before a trigger, name an office of the event, not the
// event: "دبیر جشنواره"، "ستاد برگزاری همایش".
var eventOffices = wordSet("دبیر", "دبیرخانه", "دبیرکل", "رئیس", "رییس", "ستاد", "مدیر", "سخنگوی", "داوران",
	"مسئول", "برگزارکنندگان", "کمیته", "قائممقام", "معاون")

// excluded reports whether a trigger is not an event of its own: a count
// ("۳۰ تور رسانه‌ای"), a reference ("این مراسم"), a sports league ("لیگ
// برتر") or a news source.
func (d *doc) excluded(tr *trigger) bool {
	p := d.p
	prev := p.word(tr.i - 1)
	switch {
	case p.isNum(tr.i-1) && !d.endsDate(tr.i) && !tr.generic && p.punct(tr.i-2) != ":" && !p.is(tr.i-2, "ساعت"):
		// "۳۰ تور رسانه‌ای", but not "۳۰ مهر ۱۴۰۴ همایش", "ساعت ۱۷:۳۰ برگزار" or "ساعت ۱۰ نشست"
		return true
	case prev != "" && cardinals[prev] > 1 && !p.is(tr.i-2, "روز", "هفته", "ماه"):
		return true
	case prev == "لیگ" || prev == "لیگهای" || p.is(tr.i+1, "لیگ"):
		return true
	case prev == "نقل" || prev == "گزارش":
		return true
	case eventOffices[prev]:
		return true // "دبیر جشنواره گفت": who speaks, not an event
	case d.toks[tr.i].text == "سخنرانی" && (p.is(tr.i+1, "خود", "خویش", "کرد", "کردند", "نمود") || p.is(tr.i-1, "در")):
		return true // "در سخنرانی خود گفت": what was said, not an event
	case d.toks[tr.i].text == "دیدار" && p.is(tr.i+2, "شتافت", "شتافتند"):
		return true // "به دیدار معبود شتافت": died
	case d.toks[tr.i].text == "رقابت" && !p.is(tr.i+1, "ها", "های", "تیمها", "این") && !p.is(tr.i-1, "این"):
		return true // "رقابت" alone is rivalry; "رقابت‌های …" are competitions
	case (d.toks[tr.i].text == "آیین" || d.toks[tr.i].text == "آئین") && p.is(tr.i+1, "دادرسی", "نامه", "نامهی", "نامه‌های"):
		return true // a code of procedure or a by-law, not a ceremony
	case tr.kind == domain.KindAward && d.toks[tr.i].text == "برتر" && !p.is(tr.i-1, "رتبه", "رتبهی", "مقام", "دستگاه", "اجرایی", "استان", "استانداری", "روابط", "عمومی"):
		return true
	case prev == "این" || prev == "همین" || prev == "آن" || prev == "همان":
		tr.ref = true
	}
	return false
}
