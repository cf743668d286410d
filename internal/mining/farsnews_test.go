package mining

import (
	"bufio"
	"encoding/json"
	"os"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ruydad/ruydad/internal/jalali"
)

type farsArticle struct {
	ID        string `json:"id"`
	Published string `json:"published_from_link"`
	Title     string `json:"title"`
	Abstract  string `json:"abstract"`
	Text      string `json:"text"`
}

func loadFars(tb testing.TB) []farsArticle {
	tb.Helper()
	f, err := os.Open(sharedPath(tb, "corpus/farsnews/farsnews.jsonl"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []farsArticle
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var a farsArticle
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			tb.Fatal(err)
		}
		out = append(out, a)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// farsText is what the miner sees of a Fars article: title, abstract, body.
func farsText(a farsArticle) string { return a.Title + "\n" + a.Abstract + "\n" + a.Text }

// TestFarsNewsRobustness mines all Fars News articles: no panic, evidence
// inside the text, and no date more than 50 years from publication unless
// the evidence states a year.
func TestFarsNewsRobustness(t *testing.T) {
	arts := loadFars(t)
	m := testMiner(t)
	kinds := map[string]int{}
	dated, undated, noPub := 0, 0, 0
	for _, a := range arts {
		pub, err := jalali.Parse(a.Published)
		if err != nil {
			noPub++ // some links carry no date: mine without one
			pub = jalali.Date{}
		}
		text := farsText(a)
		res := m.Mine(Input{Text: text, Published: pub, Source: a.ID})
		for _, c := range res.Events {
			checkCandidate(t, text, c)
			kinds[string(c.Kind)]++
			if !c.Dated() {
				undated++
				continue
			}
			dated++
			if pub.IsZero() {
				continue
			}
			if d := abs(c.Start.Year - pub.Year); d > 50 && !statesYear(c.Evidence, c.Start.Year) {
				t.Errorf("%s: %s is %d years from %s and the evidence states no year: %q", a.ID, c.Start, d, pub, c.Evidence)
			}
		}
	}
	names := make([]string, 0, len(kinds))
	for k := range kinds {
		names = append(names, k)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, k := range names {
		b.WriteString(k + "=" + itoa(kinds[k]) + " ")
	}
	t.Logf("%d articles (%d without a publication date): %d dated and %d undated candidates; by kind: %s", len(arts), noPub, dated, undated, b.String())
}

// statesYear reports whether evidence writes year (or its Gregorian year) in digits.
func statesYear(evidence string, year int) bool {
	ev := jalali.LatinDigits(evidence)
	gy, _, _ := jalali.Date{Year: year, Month: 6, Day: 1}.Gregorian()
	return strings.Contains(ev, itoa(year)) || strings.Contains(ev, itoa(year%100)) || strings.Contains(ev, itoa(gy)) ||
		strings.Contains(ev, itoa(gy+1)) || strings.Contains(ev, itoa(gy-1))
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	if neg {
		b = append([]byte{'-'}, b...)
	}
	return string(b)
}

// checkCandidate checks the invariants every candidate keeps.
func checkCandidate(t testing.TB, text string, c Candidate) {
	t.Helper()
	if c.EvidenceStart < 0 || c.EvidenceEnd > len(text) || c.EvidenceStart > c.EvidenceEnd {
		t.Fatalf("evidence [%d:%d] outside text of %d bytes", c.EvidenceStart, c.EvidenceEnd, len(text))
	}
	if !isRuneStart(text, c.EvidenceStart) || !isRuneStart(text, c.EvidenceEnd) {
		t.Fatalf("evidence [%d:%d] not on rune boundaries", c.EvidenceStart, c.EvidenceEnd)
	}
	if c.Evidence != text[c.EvidenceStart:c.EvidenceEnd] {
		t.Fatalf("evidence %q is not text[%d:%d]", c.Evidence, c.EvidenceStart, c.EvidenceEnd)
	}
	if c.Confidence < 0 || c.Confidence > 1 {
		t.Fatalf("confidence %v outside [0,1]", c.Confidence)
	}
	if c.Dated() && (!c.Start.Valid() || !c.End.Valid() || c.End.Before(c.Start)) {
		t.Fatalf("bad dates %v..%v", c.Start, c.End)
	}
	if !c.Kind.Valid() || c.Title == "" {
		t.Fatalf("bad kind %q or empty title", c.Kind)
	}
}

// isRuneStart reports whether i is a rune boundary of s as a range loop
// sees it (an invalid byte is a rune of its own).
func isRuneStart(s string, i int) bool {
	if i < 0 || i > len(s) {
		return false
	}
	for k := 0; k < i; {
		_, n := utf8.DecodeRuneInString(s[k:])
		k += n
		if k > i {
			return false
		}
	}
	return true
}

// TestFarsNewsYears checks the years chosen in real Fars articles where the
// tense of another clause, a reporting verb or a duration once misled the
// miner: each wanted range is mined, each unwanted one is not.
func TestFarsNewsYears(t *testing.T) {
	cases := []struct {
		id         string
		want, deny []string // "start" or "start–end"
	}{
		{"fars-1-00086", []string{"1382/11/22"}, []string{"1381/11/22"}},                          // فرا رسیدن ۲۲ بهمن … صادر کرد
		{"fars-1-00280", []string{"1382/01/20–1382/01/25"}, []string{"1383/01/20", "1381/01/29"}}, // از بیستم فروردین به مدت ۶ روز
		{"fars-2-00350", []string{"1394/07/01–1394/07/30"}, []string{"1393/07/01–1393/07/30"}},    // قرار است مهر ماه … سفر کند
		{"fars-4-01083", []string{"1394/09/16"}, []string{"1393/09/16"}},                          // فرارسیدن ۱۶ آذر … اظهار کرد
		{"fars-3-00610", []string{"1400/03/28"}, []string{"1399/03/28"}},                          // انتخابات … در ۲۸ خردادماه اظهار کرد
		{"fars-1-00226", []string{"1385/11/29"}, []string{"1384/11/29"}},                          // قرار است ۲۹ بهمن … برگزار شود
		{"fars-5-01395", []string{"1394/06/30–1394/08/10"}, []string{"1395/06/30"}},               // از ۳۰ شهریور آغاز شده و تا ۱۰ آبان ادامه خواهد داشت
		{"fars-3-00643", []string{"1382/02/24–1382/02/26"}, nil},                                  // به مدت سه روز
		{"fars-4-01135", []string{"1387/01/22–1387/01/23"}, []string{"1386/12/23"}},               // روزهای پنج‌شنبه و جمعه ۲۲ و ۲۳ فروردین
	}
	arts := map[string]farsArticle{}
	for _, a := range loadFars(t) {
		arts[a.ID] = a
	}
	m := testMiner(t)
	for _, tc := range cases {
		a, ok := arts[tc.id]
		if !ok {
			t.Fatalf("%s is not in the corpus", tc.id)
		}
		pub, err := jalali.Parse(a.Published)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, c := range m.Mine(Input{Text: farsText(a), Published: pub}).All() {
			if c.Dated() {
				got[rangeString(c.Start, c.End)] = true
			}
		}
		for _, w := range tc.want {
			if !got[w] {
				t.Errorf("%s (published %s): %s not mined; got %v", tc.id, pub, w, got)
			}
		}
		for _, d := range tc.deny {
			if got[d] {
				t.Errorf("%s (published %s): %s mined", tc.id, pub, d)
			}
		}
	}
}
