package mining

func mk(i, j int, typ exprType) expr { return expr{i: i, j: j, typ: typ, wd: -1, cal: calJalali} }

// dayMonth reads "27 اردیبهشت"، "بیست و هفتم اردیبهشت‌ماه ۱۳۹۸"، "۲ تا ۸
// شهریور"، "۱۱ و ۱۲ و ۱۳ جولای"، "روز ۲۷ اردیبهشت ماه"، "دوم ماه ذی الحجه".
func (p *parser) dayMonth(i int) (expr, bool) {
	k := i
	if p.is(k, "روز", "روزهای") {
		k++
		if p.is(k, "های") {
			k++
		}
	}
	d, _, dg, k, ok := p.number(k)
	if !ok || d < 1 || d > 31 || dg > 2 {
		return expr{}, false
	}
	d2 := d
	// A list with commas ("۵، ۶ و ۷ مرداد") is one only when "و" closes it.
	commaD2, commaK, lastSep := -1, k, ""
	for n := 0; n < 8; n++ {
		sep := p.word(k)
		if sep == "" {
			sep = p.punct(k)
		}
		comma := sep == "،" || sep == ","
		if sep != "تا" && sep != "الی" && sep != "-" && sep != "و" && sep != "لغایت" && !comma {
			break
		}
		n, _, dg2, k2, ok := p.number(k + 1)
		if !ok || n < 1 || n > 31 || dg2 > 2 || n <= d2 {
			break
		}
		if comma && commaD2 < 0 {
			commaD2, commaK = d2, k
		}
		d2, k, lastSep = n, k2, sep
	}
	if commaD2 >= 0 && (lastSep == "،" || lastSep == ",") {
		d2, k = commaD2, commaK
	}
	if p.is(k, "ماه") {
		if _, _, ok := p.month(k + 1); ok {
			k++
		}
	}
	mw, k, ok := p.month(k)
	if !ok {
		return expr{}, false
	}
	if mw.cal == calGregorian && (p.word(i+1) == "می" || p.word(k-1) == "می") && !p.mayFollowMay(k) {
		return expr{}, false
	}
	e := mk(i, k, xDate)
	e.cal, e.m, e.d = mw.cal, mw.m, d
	if d2 != d {
		e.typ, e.m2, e.d2 = xRange, mw.m, d2
	}
	if p.is(e.j, "ماه") {
		e.j++
	}
	p.attachYear(&e)
	if wd, k2, ok := p.weekday(e.j); ok && !p.is(k2, "ها") {
		e.wd, e.j = wd, k2
	}
	return e, true
}

// mayFollowMay reports whether the token after "۲۷ می" lets می be the month
// May rather than the verb prefix می‌.
func (p *parser) mayFollowMay(k int) bool {
	if k >= len(p.toks) || p.toks[k].kind != tWord {
		return true
	}
	switch p.word(k) {
	case "سال", "میلادی", "در", "و", "به", "از", "تا", "که", "را", "با", "منتشر", "برگزار":
		return true
	}
	return false
}

// attachYear extends e with a year stated after it ("، سال ۱۴۰۳", "۱۳۹۸"),
// or with امسال / پارسال / سال جاری.
func (p *parser) attachYear(e *expr) {
	k := e.j
	if p.punct(k) == "،" || p.punct(k) == "," {
		k++
	}
	if y, dg, j, cal, ok := p.year(k, false); ok {
		// A bare two-digit number after a month is a year only at a clause
		// end ("۲ تیر ۹۸،") or after the word ماه ("۱۹ مهر ماه ۹۶ افتتاح شد"),
		// and not before a noun it counts.
		if dg != 2 || p.is(k, "سال") || j >= len(p.toks) || p.toks[j].kind == tPunct || p.is(k-1, "ماه") && !countedNoun(p.word(j)) {
			e.y, e.yDigits, e.j = y, dg, j
			if cal != calJalali || e.cal != calJalali {
				if e.cal == calJalali {
					e.cal = cal
				}
			}
			if e.typ == xRange {
				e.y2 = y
			}
			return
		}
	}
	if rel, j, ok := p.relYear(e.j); ok {
		e.yRel, e.hasYRel, e.j = rel, true, j
	}
}

// countedNoun reports whether w is a noun a number before it counts
// ("۹۶ نفر"، "۲۰ طرح").
func countedNoun(w string) bool {
	return quantityNouns[w] || unitWords[w] != uNone
}

// relYear reads امسال، پارسال، سال جاری/گذشته/آینده… at k.
func (p *parser) relYear(k int) (int, int, bool) {
	switch {
	case p.is(k, "امسال"):
		return 0, k + 1, true
	case p.is(k, "پارسال"):
		return -1, k + 1, true
	case p.is(k, "سال"):
		if r, n, ok := p.direction(k + 1); ok {
			return r, k + 1 + n, true
		}
	}
	return 0, k, false
}

// direction reads the word after a unit that says which one ("هفته
// آینده"، "هفته پیش‌رو") at k: its direction and how many tokens it takes.
// «پیش‌رو» (ahead), written with or without its ZWNJ or space, is the
// coming one, though «پیش» alone is the past one.
func (p *parser) direction(k int) (int, int, bool) {
	switch {
	case p.is(k, "پیشرو", "پیشارو"):
		return 1, 1, true
	case p.is(k, "پیش") && p.is(k+1, "رو", "رویم"):
		return 1, 2, true
	}
	r, ok := relDir[p.word(k)]
	return r, 1, ok
}

// relDir maps words after a unit ("هفته آینده") to a direction.
var relDir = map[string]int{
	"جاری": 0, "گذشته": -1, "قبل": -1, "پیش": -1, "آینده": 1, "بعد": 1, "آتی": 1, "دیگر": 1, "بعدی": 1, "قبلی": -1,
}

// weekdayExpr reads "روز شنبه ۲ تیرماه"، "دوشنبه"، "دوشنبه گذشته"،
// "شنبه هفته آینده"، "شنبه‌ها" (a set).
func (p *parser) weekdayExpr(i int) (expr, bool) {
	k := i
	if p.is(k, "روز") {
		k++
	}
	wd, k, ok := p.weekday(k)
	if !ok || p.is(i-1, "امام", "امامت", "نماز", "ائمه", "خطیب", "خطبه", "خطبههای") || p.is(k, "بازار") {
		return expr{}, false
	}
	if p.is(i-1, "در") && (p.is(i-2, "خبرنگار", "فارس", "خبرگزاری", "ایرنا", "ایسنا", "تسنیم") || p.is(i-3, "خبرنگار")) {
		return expr{}, false // "خبرنگار فارس در دوشنبه": the city, Dushanbe
	}
	if p.is(k, "ها") || p.is(k, "شب") && p.is(k+1, "ها") {
		e := mk(i, k+1, xOther)
		if p.word(k) == "شب" {
			e.j++
			if p.is(e.j, "قبل") {
				e.j++
			}
		}
		return e, true
	}
	k2 := k
	if p.punct(k2) == "،" || p.punct(k2) == "," {
		k2++
	}
	if e, ok := p.numericDate(k2); ok {
		e.i, e.wd = i, wd
		return e, true
	}
	if e, ok := p.dayMonth(k2); ok {
		e.i, e.wd = i, wd
		return e, true
	}
	e := mk(i, k, xWeekday)
	e.wd = wd
	switch {
	case p.is(k, "این", "همین") && p.is(k+1, "هفته"):
		e.wdMode, e.j = wdWeek, k+2
	case p.is(k, "هفته"):
		if r, n, ok := p.direction(k + 1); ok {
			e.wdMode, e.rel, e.j = wdWeek, r, k+1+n
		}
	case p.is(k, "پیشرو", "پیشارو"), p.is(k, "پیش") && p.is(k+1, "رو", "رویم"):
		// "پنجشنبه پیش‌رو": the coming one, though "پیش" alone is the last
		_, n, _ := p.direction(k)
		e.wdMode, e.j = wdNext, k+n
	case p.is(k, "گذشته", "قبل", "پیش"):
		e.wdMode, e.j = wdPast, k+1
	case p.is(k, "آینده", "بعد", "آتی"):
		e.wdMode, e.j = wdNext, k+1
	}
	return e, true
}

// relative reads امروز، دیروز، فردا، هفته آینده، ماه گذشته، امسال، سه روز پیش…
func (p *parser) relative(i int) (expr, bool) {
	w := p.word(i)
	if n, ok := relDayWords[w]; ok {
		e := mk(i, i+1, xRelDay)
		e.rel = n
		if p.is(i+1, "شب", "صبح", "عصر") && (w == "فردا" || w == "امروز") {
			e.j++
		}
		return e, true
	}
	switch {
	case w == "پس" && p.is(i+1, "فردا"):
		e := mk(i, i+2, xRelDay)
		e.rel = 2
		return e, true
	case w == "روز" && p.is(i+1, "گذشته"):
		e := mk(i, i+2, xRelDay)
		e.rel = -1
		return e, true
	case w == "شب" && p.is(i+1, "گذشته"):
		e := mk(i, i+2, xRelDay)
		e.rel = -1
		return e, true
	case w == "روز" && p.is(i+1, "جاری"):
		return mk(i, i+2, xRelDay), true
	}
	if r, j, ok := p.relYear(i); ok {
		e := mk(i, j, xRelYear)
		e.rel = r
		return e, true
	}
	if p.is(i, "این", "همین") {
		if t, ok := relUnitType[p.word(i+1)]; ok {
			return mk(i, i+2, t), true
		}
		if p.is(i+1, "سال") {
			return mk(i, i+2, xRelYear), true
		}
	}
	if t, ok := relUnitType[w]; ok {
		if r, n, ok := p.direction(i + 1); ok {
			e := mk(i, i+1+n, t)
			e.rel = r
			return e, true
		}
	}
	// "دقایقی پیش"، "ساعاتی قبل": today.
	if p.is(i, "دقایقی", "ساعاتی", "لحظاتی", "ساعتی", "دقیقهای") && p.is(i+1, "پیش", "قبل") {
		return mk(i, i+2, xRelDay), true
	}
	// "شامگاه گذشته"، "عصر گذشته": yesterday's evening or afternoon.
	if dayParts[w] && p.is(i+1, "گذشته") {
		e := mk(i, i+2, xRelDay)
		e.rel = -1
		return e, true
	}
	// N روز/هفته/ماه/سال پیش|قبل|دیگر|بعد
	n, ord, _, k, ok := p.number(i)
	if !ok || ord {
		return expr{}, false
	}
	u := unitWords[p.word(k)]
	if u == uNone || p.word(k) == "روزه" || p.word(k) == "ساله" || p.word(k) == "ماهه" {
		return expr{}, false
	}
	r, ok := agoWords[p.word(k+1)]
	if !ok || p.is(k+2, "از") {
		return expr{}, false
	}
	t := unitRelType[u]
	if t == 0 || n > 1000 {
		return expr{}, false
	}
	e := mk(i, k+2, t)
	e.rel = r * n
	if p.is(e.j, "یک", "یه") && p.is(e.j+1, "بار") {
		e.typ, e.j = xOther, e.j+2 // "سه سال قبل یک بار": once, three years ago
	}
	return e, true
}

// dayParts are the parts of a day a relative day names: "صبح امروز"،
// "شامگاه گذشته".
var dayParts = wordSet("صبح", "ظهر", "عصر", "شامگاه", "غروب", "بامداد", "بعدازظهر", "پسین", "نیمهشب")

var (
	relDayWords = map[string]int{"امروز": 0, "امشب": 0, "دیروز": -1, "دیشب": -1, "فردا": 1, "پریروز": -2, "پسفردا": 2, "فرداشب": 1}
	relUnitType = map[string]exprType{"هفته": xRelWeek, "ماه": xRelMonth}
	agoWords    = map[string]int{"پیش": -1, "قبل": -1, "دیگر": 1, "دیگه": 1, "بعد": 1}
	unitRelType = map[unit]exprType{uDay: xRelDay, uNight: xRelDay, uWeek: xRelWeek, uMonth: xRelMonth, uYear: xRelYear}
)
