package mining

// periodMods are words that narrow a month, year or season to part of it.
var periodMods = map[string]bool{
	"اوایل": true, "اوائل": true, "اواسط": true, "اواخر": true, "ابتدای": true, "ابتدا": true, "آخر": true,
	"پایان": true, "شروع": true, "نیمه": true, "انتهای": true, "آغاز": true, "اول": true,
}

// Parts of a month a modifier names: thirds and halves.
const (
	partWhole = iota
	partFirstThird
	partMidThird
	partLastThird
	partFirstHalf
	partSecondHalf
)

// monthParts maps a modifier to the part of the month it names.
var monthParts = map[string]int{
	"اوایل": partFirstThird, "اوائل": partFirstThird, "ابتدای": partFirstThird, "ابتدا": partFirstThird,
	"آغاز": partFirstThird, "شروع": partFirstThird, "اول": partFirstThird, "اواسط": partMidThird, "نیمه": partMidThird,
	"اواخر": partLastThird, "آخر": partLastThird, "پایان": partLastThird, "انتهای": partLastThird,
}

// decadeOrdinals name a month's thirds: "دهه اول"، "دهه پایانی".
var decadeOrdinals = map[string]int{
	"اول": partFirstThird, "نخست": partFirstThird, "دوم": partMidThird, "سوم": partLastThird, "آخر": partLastThird,
	"پایانی": partLastThird,
}

// monthExpr reads "آبان ماه سال 1399"، "اردیبهشت‌ماه امسال"، "ماه مبارک
// رمضان"، "در ماه نوامبر ۲۰۱۶"، "اواخر شهریور".
func (p *parser) monthExpr(i int) (expr, bool) {
	k, fuzzy, part := i, false, 0
	if periodMods[p.word(k)] {
		k, fuzzy, part = k+1, true, monthParts[p.word(k)]
		if p.word(k-1) == "نیمه" {
			switch {
			case p.is(k, "اول", "نخست"):
				k, part = k+1, partFirstHalf
			case p.is(k, "دوم"):
				k, part = k+1, partSecondHalf
			}
		}
	} else if p.is(k, "دهه") {
		// "دهه اول اسفند"، "دهه آخر آبان"
		if n, ok := decadeOrdinals[p.word(k+1)]; ok {
			k, fuzzy, part = k+2, true, n
		}
	}
	mah := false
	if p.is(k, "ماه", "ماههای") {
		k, mah = k+1, true
		if p.is(k, "های") {
			k++
		}
		if p.is(k, "مبارک") {
			k++
		}
	}
	mw, k, ok := p.month(k)
	if !ok {
		return expr{}, false
	}
	e := mk(i, k, xMonth)
	e.cal, e.m, e.fuzzy, e.part = mw.cal, mw.m, fuzzy, part
	if p.is(e.j, "ماه") {
		e.j, mah = e.j+1, true
	} else if len(p.word(k-1)) > len("ماه") && monthWords[p.word(k-1)].m == mw.m && p.word(k-1) != "تیره" {
		if _, plain := monthWords[trimMah(p.word(k-1))]; plain && trimMah(p.word(k-1)) != p.word(k-1) {
			mah = true
		}
	}
	if p.is(e.j, "و") {
		if mw2, k2, ok := p.month(e.j + 1); ok && mw2.cal == mw.cal && (!mw2.weak || mah) {
			e.m2, e.j = mw2.m, k2
		}
	}
	j0 := e.j
	p.attachYear(&e)
	if e.j == j0 && !mah && !fuzzy {
		if mw.weak {
			return expr{}, false
		}
		if p.is(e.j, "های", "ها") {
			e.typ, e.j = xOther, e.j+1 // "اردیبهشت‌های خاص"
		} else {
			e.bare = true
		}
	}
	return e, true
}

func trimMah(w string) string {
	if len(w) > len("ماه") && w[len(w)-len("ماه"):] == "ماه" {
		return w[:len(w)-len("ماه")]
	}
	return w
}

// yearExpr reads "سال 1399"، "سال‌های ۱۳۹۸ تا ۹۹"، "1399"، "۱۹۳۴ - ۱۹۵۰ میلادی".
func (p *parser) yearExpr(i int) (expr, bool) {
	k := i
	plural := false
	if p.is(k, "سال", "سالهای") && (p.is(k+1, "های", "ها") || p.word(k) == "سالهای") {
		plural = true
		k++
		if p.is(k, "های", "ها") {
			k++
		}
	}
	born := yearNouns[p.word(i-1)] // "متولد ۸۲"، "انتخابات ۸۸"
	needSal := !p.is(k, "سال") && !born
	y, dg, j, cal, ok := p.year(k, needSal)
	if !ok || (!p.is(k, "سال") && !plural && !born && !plausibleBareYear(y, dg, cal)) {
		return expr{}, false
	}
	if !p.is(k, "سال") && !plural && p.bareNumberContext(k) {
		return expr{}, false
	}
	e := mk(i, j, xYear)
	e.y, e.yDigits, e.cal = y, dg, cal
	sep := p.word(j)
	if sep == "" {
		sep = p.punct(j)
	}
	if sep == "تا" || sep == "-" || sep == "الی" {
		if y2, _, j2, cal2, ok := p.year(j+1, false); ok && (y2 > y || y2 < 100) {
			e.j, e.y2 = j2, y2
			if cal2 != calJalali {
				e.cal = cal2
			}
			if p.is(e.j, "سال", "سالهای") {
				e.j++
				if p.is(e.j, "های") {
					e.j++
				}
			}
		}
	}
	return e, true
}

// yearNouns take a bare year after them: "متولد ۸۲"، "انتخابات ۸۸"، "کنکور ۹۹".
var yearNouns = map[string]bool{"متولد": true, "انتخابات": true, "کنکور": true, "فتنه": true, "بودجه": true, "سرشماری": true}

// plausibleBareYear reports whether a number standing alone can be a year.
func plausibleBareYear(y, digits int, cal calKind) bool {
	if digits != 4 {
		return false
	}
	return y >= 1300 && y <= 1499 || y >= 1900 && y <= 2099
}

// bareNumberContext reports whether the bare number at k is part of a code,
// a count or a phone number rather than a year.
func (p *parser) bareNumberContext(k int) bool {
	prev := p.word(k - 1)
	switch prev {
	case "کد", "شماره", "خبر", "پلاک", "کدپستی", "تلفن", "ساعت", "ماده", "بند", "صفحه":
		return true
	}
	if pp := p.punct(k - 1); pp == "/" || pp == ":" || pp == "." {
		return true
	}
	if pp := p.punct(k + 1); pp == "/" || pp == ":" {
		return true
	}
	return false
}

// other reads durations, sets, seasons, centuries and other temporal
// expressions that are spans to show but not dates to put on a calendar.
func (p *parser) other(i int) (expr, bool) {
	if j, ok := p.otherEnd(i); ok {
		return expr{i: i, j: j, typ: xOther, wd: -1}, true
	}
	return expr{}, false
}

func (p *parser) otherEnd(i int) (int, bool) {
	w := p.word(i)
	switch {
	case w == "هر" || w == "هرساله":
		return p.setEnd(i)
	case w == "قرن" || w == "سده":
		k := i + 1
		if _, ord, _, k2, ok := p.number(k); ok && ord {
			k = k2
		} else if p.is(k, "اخیر", "گذشته", "حاضر", "جاری", "آینده") {
			k++
		} else {
			return i, false
		}
		_, k = p.era(k)
		return k, true
	case w == "دهه":
		if _, _, _, k, ok := p.number(i + 1); ok {
			if _, k2, ok := p.month(k); ok {
				k = k2
				if _, k3, ok := p.relYear(k); ok {
					k = k3
				}
			}
			return k, true
		}
		if p.is(i+1, "اخیر", "گذشته", "آینده") {
			return i + 2, true
		}
	case w == "فصل" && seasons[p.word(i+1)] > 0:
		return p.seasonTail(i + 2), true
	case seasons[w] > 0:
		k := p.seasonTail(i + 1)
		if k > i+1 || periodMods[p.word(i-1)] || p.is(i-1, "تا", "از") {
			return k, true
		}
	case w == "شب" && p.is(i-1, "در") && !p.isNum(i+1):
		return i + 1, true
	case w == "آخر" && p.is(i+1, "هفته"):
		if p.is(i+2, "ها") {
			return i + 3, true
		}
		return i + 2, true
	case w == "نیمه" && p.is(i+1, "اول", "دوم") && unitWords[p.word(i+2)] != uNone:
		return i + 3, true
	case demonstratives[w] && !p.is(i+1, "هفته", "ماه", "سال"):
		if _, _, _, k, ok := p.number(i + 1); ok && unitWords[p.word(k)] != uNone {
			return k + 1, true
		}
	case w == "شب" && p.is(i+1, "یلدا"):
		k := i + 2
		if _, _, j, _, ok := p.year(k, false); ok {
			k = j
		}
		return k, true
	case periodMods[w] && unitWords[p.word(i+1)] != uNone:
		k := i + 2
		if _, _, _, j, ok := p.number(k); ok {
			if _, _, isMonth := p.month(j); isMonth {
				return i, false // "تا پایان روز ۳۰ آذر": the day's date follows
			}
		}
		if _, j, ok := p.relYear(k - 1); ok && p.is(k-1, "سال") {
			return j, true
		}
		if _, _, j, _, ok := p.year(k, false); ok {
			return j, true
		}
		if p.is(k, "جاری", "گذشته", "آینده", "میلادی", "شمسی") {
			k++
		}
		if _, k2, ok := p.weekday(k); ok {
			k = k2
		}
		_, k = p.era(k)
		return k, true
	case periodMods[w] && seasons[p.word(i+1)] > 0:
		return p.seasonTail(i + 2), true
	case w == "بقیه" && p.is(i+1, "هفته", "ماه", "سال"):
		return i + 2, true
	case perUnit[w] && p.timesAt(i+1):
		return i + 1, true // "روزی سه ساعت"، "سالی دوبار": a set
	case w == "کنون" || w == "اکنون":
		return i + 1, p.is(i-1, "تا")
	}
	if j, ok := p.ordinalUnit(i); ok {
		return j, true
	}
	return p.durationEnd(i)
}

// demonstratives before a duration make one span of it: "همان ۹۰ روز".
var demonstratives = map[string]bool{"این": true, "همین": true, "همان": true, "همون": true, "آن": true, "اون": true}

// perUnit are "a day", "a year"… as in "روزی سه ساعت" (three hours a day).
var perUnit = map[string]bool{"روزی": true, "سالی": true, "ماهی": true, "هفتهای": true, "شبی": true}

// timesAt reports whether a count of times or hours starts at token k:
// "دوبار"، "سه ساعت"، "یک بار"، "چند نوبت".
func (p *parser) timesAt(k int) bool {
	if w := p.word(k); len(w) > len("بار") && w[len(w)-len("بار"):] == "بار" && isNumberWord(w[:len(w)-len("بار")]) {
		return true // "دوبار"
	}
	j, ok := p.fuzzyCount(k)
	if !ok {
		_, ord, _, j2, ok2 := p.number(k)
		if !ok2 || ord {
			return false
		}
		j = j2
	}
	return p.is(j, "بار", "دفعه", "مرتبه", "نوبت", "ساعت", "روز", "شب", "جلسه")
}

// seasonTail reads an optional year or relative year after a season.
func (p *parser) seasonTail(k int) int {
	if _, _, j, _, ok := p.year(k, true); ok {
		return j
	}
	if _, j, ok := p.relYear(k); ok {
		return j
	}
	return k
}

// setEnd reads "هر سال"، "هر سه روز یک بار"، "هر ساله".
func (p *parser) setEnd(i int) (int, bool) {
	if p.word(i) == "هرساله" {
		return i + 1, true
	}
	k := i + 1
	if _, _, _, k2, ok := p.number(k); ok {
		k = k2
	}
	if unitWords[p.word(k)] == uNone {
		if _, k2, ok := p.weekday(k); ok {
			return k2, true
		}
		return i, false
	}
	k++
	if p.is(k, "یک", "یه") && p.is(k+1, "بار", "بارو") {
		k += 2
	}
	return k, true
}

// ordinalUnit reads "اولین روز سال"، "سال نهم"، "چهل و سومین سال"،
// "دومین ماه از سال جاری"، "سومین پنجشنبه ماه".
func (p *parser) ordinalUnit(i int) (int, bool) {
	if p.is(i, "سال") {
		if _, ord, _, k, ok := p.number(i + 1); ok && ord {
			if p.is(k, "هر") && p.is(k+1, "ساله") {
				k += 2
			}
			return k, true
		}
		return i, false
	}
	_, ord, _, k, ok := p.number(i)
	if !ok || !ord {
		return i, false
	}
	if _, k2, ok := p.weekday(k); ok {
		if p.is(k2, "ماه") {
			k2++
		}
		return k2, true
	}
	if unitWords[p.word(k)] == uNone || p.word(k) == "شب" {
		return i, false
	}
	k++
	if p.is(k, "از") && p.is(k+1, "سال", "ماه", "هفته") {
		k += 2
		if p.is(k, "جاری", "گذشته", "آینده") {
			k++
		}
	} else if p.is(k, "سال", "ماه", "هفته") {
		k++
	}
	return k, true
}

// durationEnd reads "۳ سال"، "چند ماه"، "دو سال و نیم پیش"، "سه روزه"،
// "۲۴ سالگی"، "ماه‌های گذشته"، "سال‌های اخیر"، "روزهای".
func (p *parser) durationEnd(i int) (int, bool) {
	k := i
	if j, ok := p.fuzzyCount(k); ok {
		k = j
	} else if _, ord, _, j, ok := p.number(k); ok && !ord {
		k = j
		if p.punct(k) == "_" || p.punct(k) == "-" || p.is(k, "تا") {
			if _, _, _, j2, ok := p.number(k + 1); ok {
				k = j2
			}
		}
	}
	w := p.word(k)
	if k == i {
		// No count: only plural periods ("ماه‌های گذشته", "سال‌های اخیر", "روزهای").
		if unitWords[w] == uNone {
			return i, false
		}
		if !p.is(k+1, "های", "ها") && w != "سالها" && w != "ماهها" && w != "روزها" && w != "سالهای" {
			return i, false
		}
		k++
		if p.is(k, "های", "ها") {
			k++
		}
		if p.is(k, "اخیر", "گذشته", "آینده", "آتی", "متمادی") {
			return k + 1, true
		}
		if p.word(i) == "روز" && p.is(i-1, "در") {
			return k, true
		}
		return i, false
	}
	if w == "سالگی" {
		return k + 1, true
	}
	if unitWords[w] == uNone || w == "هفتهای" {
		return i, false
	}
	k++
	if p.is(k, "و", "ونیم") && p.is(k+1, "نیم", "نیمه") {
		k += 2
	} else if p.is(k, "ونیم", "ونیمه") || p.is(k, "و") && p.is(k+1, "نیمه") {
		k++
	}
	if p.is(k, "و") {
		// "سه شب و چهار روز"
		if _, _, _, j, ok := p.number(k + 1); ok && unitWords[p.word(j)] != uNone {
			k = j + 1
		}
	}
	switch {
	case p.is(k, "پیش", "قبل", "اخیر", "گذشته", "آینده", "آتی", "دیگر", "دیگه", "دیگری", "بعد"):
		k++
		if p.is(k, "روز") {
			k++
		}
	}
	if p.is(k, "یک", "یه") && p.is(k+1, "بار") {
		k += 2
	}
	return k, true
}
