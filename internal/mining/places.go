package mining

import (
	"strings"
	"unicode"

	"github.com/ruydad/ruydad/internal/jalali"
)

// provinces maps the normalized first word (or words) of each province to
// its display name. ambiguous names count only after استان/استانداری.
var provinces = map[string]string{
	"آذربایجان شرقی": "آذربایجان شرقی", "آذربایجان غربی": "آذربایجان غربی", "اردبیل": "اردبیل", "اصفهان": "اصفهان",
	"البرز": "البرز", "ایلام": "ایلام", "بوشهر": "بوشهر", "تهران": "تهران", "چهارمحال": "چهارمحال و بختیاری",
	"خراسان جنوبی": "خراسان جنوبی", "خراسان رضوی": "خراسان رضوی", "خراسان شمالی": "خراسان شمالی",
	"خوزستان": "خوزستان", "زنجان": "زنجان", "سمنان": "سمنان", "سیستان": "سیستان و بلوچستان", "فارس": "فارس",
	"قزوین": "قزوین", "قم": "قم", "کردستان": "کردستان", "کرمان": "کرمان", "کرمانشاه": "کرمانشاه",
	"کهگیلویه": "کهگیلویه و بویراحمد", "گلستان": "گلستان", "گیلان": "گیلان", "لرستان": "لرستان",
	"مازندران": "مازندران", "مرکزی": "مرکزی", "هرمزگان": "هرمزگان", "همدان": "همدان", "یزد": "یزد",
}

var ambiguousProvince = map[string]bool{"فارس": true, "مرکزی": true, "گلستان": true, "تهران": true, "قم": true, "کرمان": true}

// provinceAt returns the province named at token k.
func (d *doc) provinceAt(k int) string {
	w := d.p.word(k)
	name, ok := provinces[w+" "+d.p.word(k+1)]
	if !ok {
		name, ok = provinces[w]
	}
	if !ok {
		return ""
	}
	if ambiguousProvince[w] && !d.p.is(k-1, "استان", "استانداری", "استاندار") {
		return ""
	}
	return name
}

// provinceIn returns the first province named in tokens [i, j).
func (d *doc) provinceIn(i, j int) string {
	for k := i; k < j; k++ {
		if p := d.provinceAt(k); p != "" {
			return p
		}
	}
	return ""
}

// articleProvince returns the province the article names most.
func (d *doc) articleProvince() string {
	counts := map[string]int{}
	best := ""
	for k := range d.toks {
		if p := d.provinceAt(k); p != "" {
			counts[p]++
			if counts[p] > counts[best] {
				best = p
			}
		}
	}
	return best
}

// orgHeads start the name of an organization.
var orgHeads = map[string]bool{
	"استانداری": true, "فرمانداری": true, "شهرداری": true, "دانشگاه": true, "سازمان": true, "وزارت": true,
	"بنیاد": true, "شرکت": true, "بانک": true, "دادگستری": true, "اداره": true, "ستاد": true, "بخشداری": true,
	"خبرگزاری": false, "انجمن": true, "جهاد": true, "سپاه": true, "آموزش": true, "بهزیستی": true,
}

// orgStops end an organization's name.
var orgStops = map[string]bool{
	"که": true, "با": true, "در": true, "را": true, "به": true, "از": true, "برای": true, "و": true, "گفت": true,
	"است": true, "برگزار": true, "شد": true, "می": true, "هم": true, "نیز": true, "این": true, "تا": true,
	"افزود": true, "اظهار": true, "تصریح": true, "بیان": true, "خاطرنشان": true, "یادآور": true, "عنوان": true,
}

// organizationIn returns the first organization named in tokens [i, j):
// a body's head word and the noun phrase it opens ("اداره کل فرهنگ و
// ارشاد اسلامی استان"), "" if none.
func (a *article) organizationIn(i, j int, sent sentence) string {
	for k := i; k < j; k++ {
		if a.p.is(k, "مدیرکل") || a.p.is(k, "مدیر") && a.p.is(k+1, "کل") {
			// "مدیرکل فرهنگ و ارشاد اسلامی کردستان": of that directorate
			from := k + 1
			if a.p.is(k+1, "کل") {
				from++
			}
			if r := a.phrase(from, sent, ""); r.i == from && r.j-r.i >= 2 {
				r.j = min(r.j, from+6)
				return "اداره کل " + a.runsText([]tokRun{r}, trigger{i: -1})
			}
			continue
		}
		if !orgHeads[a.toks[k].text] || a.p.is(k-1, "نقل", "گزارش") {
			continue
		}
		if a.verbNext(k+1) && a.preverb(k) || a.p.is(k+1, "کننده", "کنندگان", "کنندگانی", "کنندهای") {
			continue // "شرکت کردند"، "شرکت‌کنندگان": taking part, not a company
		}
		r := a.phrase(k, sent, "")
		r.j = min(r.j, j, k+6)
		for n := r.i + 1; n < r.j; n++ {
			if a.p.is(n, "درباره") || a.p.is(n, "و") && a.toks[k].text != "آموزش" && (n == k+1 || a.p.is(n-1, "ها", "های")) {
				r.j = n // "دانشگاه‌ها و بازار": two things, not one name
				break
			}
		}
		for r.j > r.i+1 && (titleWeak[a.p.word(r.j-1)] || a.p.is(r.j-1, "و")) {
			r.j--
		}
		if r.j-r.i < 2 || r.j-r.i == 2 && a.p.is(k+1, "کل") {
			continue // "سازمان" or "اداره کل" alone names none
		}
		return a.runsText([]tokRun{r}, trigger{i: -1})
	}
	return ""
}

// publication reads the publication date from the lines a page carries
// around its body: a line that is a full date with a year and little else
// ("1398/02/24", "۱۸ مرداد ۱۳۹۵، ۱۸:۲۳", "2024-08-06T10:20:00+03:30"). A
// line that opens with a publication label ("تاریخ انتشار: ۰۵ شهریور ۱۴۰۰
// - ۱۴:۱۱"، "تاریخ خبر:"، "Published") wins wherever it stands; otherwise
// the first such line of the header does. A site's clock ("امروز : دوشنبه
// - ۲ مهر - ۱۴۰۳") is the day the page was viewed, never the article's. It
// returns the expression's index, or -1.
func (d *doc) publication() (jalali.Date, int) {
	c := &context{}
	headerEnd := d.headerEnd()
	var first jalali.Date
	firstK := -1
	for k, e := range d.exprs {
		if e.typ != xDate || e.y == 0 || e.cal == calLunar {
			continue
		}
		inHeader := d.toks[e.i].s < headerEnd
		line, ok := d.lineOf(e.i)
		if !ok {
			continue
		}
		label := d.dateLabel(line, e)
		if label == labelNone && (!inHeader || firstK >= 0) {
			continue // only a labelled line can still beat the header's
		}
		if label == labelGeneric && !inHeader || d.isClock(k) {
			continue
		}
		words := 0
		for t := line.i; t < line.j; t++ {
			if d.toks[t].kind == tWord && (t < e.i || t >= e.j) {
				words++
				if _, verb := d.verbAt(t, true); verb {
					words += 100 // a line that tells something is no dateline
				}
			}
		}
		if words > 4 && !(label != labelNone && words <= 8) {
			continue
		}
		w := c.resolveDay(e, yearHint{}, 0)
		if !w.ok || w.start.Year < 1300 || w.start.Year > 1500 {
			continue
		}
		if label == labelPublished {
			return w.start, k
		}
		if firstK < 0 {
			first, firstK = w.start, k
		}
	}
	return first, firstK
}

// Labels a dateline may open with.
const (
	labelNone      = iota
	labelGeneric   // "تاریخ:"، "Date:": the header's
	labelPublished // "تاریخ انتشار:"، "تاریخ خبر:"، "Published"
)

// dateLabel returns the label the words before expression e on its line
// make, when they are only a label ("تاریخ انتشار :" right before the
// date).
func (d *doc) dateLabel(line lineSpan, e expr) int {
	var words []string
	for t := line.i; t < e.i; t++ {
		if d.toks[t].kind == tWord {
			words = append(words, strings.ToLower(d.toks[t].text))
		}
		if len(words) > 5 {
			return labelNone
		}
	}
	switch strings.Join(words, " ") {
	case "تاریخ انتشار", "زمان انتشار", "انتشار", "تاریخ خبر", "تاریخ و ساعت انتشار", "منتشر شده در", "published",
		"published on", "date published", "تاریخ انتشار خبر":
		return labelPublished
	case "تاریخ", "date", "زمان":
		return labelGeneric
	}
	return labelNone
}

// headerEnd is where the header lines of the text end: its first twelve
// lines, and at most its first 3,000 bytes.
func (d *doc) headerEnd() int {
	end := min(len(d.norm), 3000)
	at := 0
	for n := 0; n < 13; n++ {
		i := strings.IndexByte(d.norm[at:end], '\n')
		if i < 0 {
			return end
		}
		at += i + 1
	}
	return at
}

// isClock reports whether expression k is a site's clock: a line that is
// only a date called today ("امروز : دوشنبه - ۲ مهر - ۱۴۰۳"، "امروز:
// ۱۴۰۳/۰۷/۰۲"), the day the page was viewed.
func (d *doc) isClock(k int) bool {
	e := d.exprs[k]
	if e.typ != xDate && e.typ != xRelDay {
		return false
	}
	line, ok := d.lineOf(e.i)
	if !ok || line.j-line.i > 14 {
		return false
	}
	today, other := false, 0
	for t := line.i; t < line.j; t++ {
		switch w := d.toks[t].text; {
		case d.toks[t].kind != tWord:
		case w == "امروز" || strings.EqualFold(w, "today"):
			today = true
		case t >= e.i && t < e.j:
		default:
			if _, wd := weekdayWords[w]; wd || w == "تاریخ" || d.p.is(t+1, "شنبه") {
				continue // "امروز : دوشنبه - ۲ مهر - ۱۴۰۳"، "امروز (تاریخ): …"
			}
			other++
		}
	}
	return today && other == 0
}

// lineSpan is a line of the normalized text and its tokens.
type lineSpan struct{ start, end, i, j int }

// lineOf returns the line holding token k, if it is a short one (a
// dateline is; a paragraph is not).
func (d *doc) lineOf(k int) (lineSpan, bool) {
	const maxLine = 300
	at := d.toks[k].s
	s := strings.LastIndexByte(d.norm[max(0, at-maxLine):at], '\n')
	if s < 0 && at > maxLine {
		return lineSpan{}, false
	}
	s += max(0, at-maxLine) + 1
	rest := d.norm[at:min(len(d.norm), at+maxLine)]
	e := strings.IndexByte(rest, '\n')
	switch {
	case e >= 0:
		e += at
	case at+maxLine >= len(d.norm):
		e = len(d.norm)
	default:
		return lineSpan{}, false
	}
	i, j := k, k
	for i > 0 && d.toks[i-1].s >= s {
		i--
	}
	for j < len(d.toks) && d.toks[j].e <= e {
		j++
	}
	return lineSpan{s, e, i, j}, true
}

// headline guesses the article's title: the first line of three to thirty
// words that is neither a dateline, nor a code, nor a kicker ending in ":".
func (d *doc) headline() string {
	for n, raw := range strings.SplitN(d.text, "\n", 17) {
		if n > 15 {
			break
		}
		line := strings.TrimSpace(raw)
		norm := clean(line)
		words := 0
		for _, f := range strings.Fields(norm) {
			if strings.IndexFunc(f, unicode.IsLetter) >= 0 {
				words++
			}
		}
		if words < 3 || words > 30 || strings.HasSuffix(norm, ":") || strings.HasSuffix(norm, "：") {
			continue
		}
		if strings.Contains(norm, "کد خبر") || strings.Contains(norm, "شناسه") || strings.Contains(norm, "تاریخ انتشار") ||
			strings.Contains(norm, "نسخه قابل چاپ") || hasLongNumber(norm) {
			continue
		}
		return strings.Trim(norm, " •*-–")
	}
	return ""
}

// hasLongNumber reports whether s holds a run of seven or more digits (a
// phone number or a code).
func hasLongNumber(s string) bool {
	run := 0
	for _, r := range jalali.LatinDigits(s) {
		if r >= '0' && r <= '9' {
			run++
			if run >= 7 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}
