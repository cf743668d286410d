package mining

import (
	_ "embed"
	"strings"
	"sync"

	"github.com/ruydad/ruydad/internal/persian"
)

// citiesTSV lists the seats of Iran's counties and their provinces (see
// its header for the format).
//
//go:embed data/cities.tsv
var citiesTSV string

// city is a county seat of the gazetteer.
type city struct {
	name, province string
	ambiguous      bool // also a common word: a city only after شهر or شهرستان
}

var (
	cityOnce   sync.Once
	cityByKey  map[string]city // normalized tokens, space-joined
	cityMaxLen int             // the most tokens a city's name has
	cityDups   []string        // spellings given to two cities (TestCitiesData wants none)
)

// loadCities reads the embedded gazetteer once.
func loadCities() {
	cityByKey = map[string]city{}
	for _, line := range strings.Split(citiesTSV, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			panic("mining: data/cities.tsv: want 3 columns: " + line)
		}
		c := city{name: f[0], province: f[1], ambiguous: strings.HasPrefix(f[2], "!")}
		names := append([]string{f[0]}, strings.Split(strings.TrimPrefix(f[2], "!"), ",")...)
		for _, n := range names {
			if n = strings.TrimSpace(n); n == "" {
				continue
			}
			key := normalizeKey(n)
			if old, dup := cityByKey[key]; dup && old.name != c.name {
				cityDups = append(cityDups, key)
			}
			cityByKey[key] = c
			cityMaxLen = max(cityMaxLen, strings.Count(key, " ")+1)
		}
	}
}

// normalizeKey returns a name's tokens as the miner reads them, joined by
// spaces.
func normalizeKey(name string) string {
	norm, _ := persian.Normalize(name)
	toks := tokenize(norm)
	words := make([]string, len(toks))
	for k, t := range toks {
		words[k] = t.text
	}
	return strings.Join(words, " ")
}

// cityAt returns the city named at token k and the token after its name.
// An ambiguous name counts only after شهر or شهرستان.
func (d *doc) cityAt(k int) (city, int, bool) {
	cityOnce.Do(loadCities)
	if d.p.word(k) == "" {
		return city{}, k, false
	}
	var buf [64]byte
	key := buf[:0]
	var best city
	end := k
	for n := 0; n < cityMaxLen && k+n < len(d.toks); n++ {
		w := d.p.word(k + n)
		if w == "" {
			break
		}
		if n > 0 {
			key = append(key, ' ')
		}
		key = append(key, w...)
		if c, ok := cityByKey[string(key)]; ok { // no allocation: a lookup by []byte
			best, end = c, k+n+1
		}
	}
	if end == k || best.ambiguous && !d.p.is(k-1, "شهر", "شهرستان", "بندر") {
		return city{}, k, false
	}
	return best, end, true
}

// venueHeads open the name of a venue: "در سالن همایش‌های صدا و سیما"،
// "در تالار وحدت"، "در محل استانداری".
var venueHeads = wordSet("سالن", "تالار", "محل", "ورزشگاه", "استادیوم", "مسجد", "مصلی", "کتابخانه", "هتل",
	"فرهنگسرای", "فرهنگسرا", "موزه", "آمفی", "آمفیتئاتر", "پارک", "بوستان", "حرم", "مجموعه", "دانشگاه",
	"دانشکده", "پژوهشگاه", "سینما", "تماشاخانه", "کانون", "مرکز", "ساختمان", "حسینیه", "روستای",
	"گلزار", "آرامستان", "مدرسه", "دبیرستان", "هنرستان", "اردوگاه", "باشگاه", "سرای", "خانه",
	"محوطه", "صحن", "کاخ", "پردیس", "ستاد", "سازمان", "اداره", "استانداری", "فرمانداری", "شهرداری", "بخشداری",
	"دفتر", "تکیه", "امامزاده", "بقعه", "زورخانه", "تالارهای", "سالنهای")

// reporterAt reports whether the «در» at token k says where a reporter
// or an agency is: "خبرنگار فارس در یزد"، "خبرگزاری مهر در شیراز" (not
// "۱۰ مهر در شیراز").
func (a *article) reporterAt(k int) bool {
	switch {
	case a.p.is(k-1, "خبرنگار", "خبرگزاری", "خبرنگاران"):
		return true
	case a.p.is(k-1, "فارس", "ایرنا", "ایسنا", "مهر", "تسنیم", "ایلنا", "برنا") && !a.inDate(k-1):
		return a.p.is(k-2, "خبرنگار", "خبرگزاری")
	}
	return false
}

// placeIn returns where tokens [i, j) (a sentence's window) say an event
// near token at is held: a venue ("در سالن همایش‌های صدا و سیما")، a city
// after «در» ("در شیراز"، "در شهرستان سرباز")، or both when the city is
// named apart from the venue ("سالن اجتماعات اداره کل … در بیرجند" gives
// "سالن اجتماعات اداره کل …، بیرجند"); "" when none. It also returns the
// city's province, if a city is named.
func (a *article) placeIn(i, j, at int, sent sentence) (place, province string) {
	var venue, town string
	best := -1
	for k := i; k < j-1; k++ {
		if !a.p.is(k, "در") || a.reporterAt(k) {
			continue // "خبرنگار فارس در یزد": where the reporter is
		}
		n := k + 1
		if a.p.is(n, "شهر", "شهرستان", "بندر") {
			n++
		}
		if c, _, ok := a.cityAt(n); ok {
			if town == "" || abs(k-at) < best {
				town, province, best = c.name, c.province, abs(k-at)
			}
			continue
		}
		if !venueHeads[a.p.word(k+1)] || venue != "" {
			continue
		}
		r := a.phrase(k+1, sent, "")
		r.j = min(r.j, j)
		if r.j-r.i < 2 {
			continue // "در محل" alone says nothing
		}
		venue = a.runsText([]tokRun{r}, trigger{i: -1})
		for n := r.i; n < r.j; n++ {
			if c, _, ok := a.cityAt(n); ok && town == "" {
				town, province = c.name, c.province
			}
		}
	}
	switch {
	case venue != "" && town != "" && !strings.Contains(venue, town):
		return venue + "، " + town, province
	case venue != "":
		return venue, province
	}
	return town, province
}
