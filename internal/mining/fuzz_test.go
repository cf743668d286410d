package mining

import (
	"testing"

	"github.com/ruydad/ruydad/internal/jalali"
)

func FuzzMine(f *testing.F) {
	for _, s := range []string{
		"", "همایش روز شنبه ۲ تیرماه برگزار شد.", "1398/02/24\nنشست خبری فردا برگزار می‌شود",
		"از ۲۸ مرداد تا ۲ شهریور ۱۴۰۲ جشنواره", "هفته دولت سال گذشته افتتاح شد", "۳۱ اسفند ۱۴۰۴ همایش",
		"\xff۱۲ مه", "سال ۸۸ در ۱۵ ام مرداد ماه", "دوشنبه هفته آینده", "99/99/99",
	} {
		f.Add(s, uint16(0))
		f.Add(s, uint16(1403*12))
	}
	m := testMiner(f)
	f.Fuzz(func(t *testing.T, s string, pubKey uint16) {
		var pub jalali.Date
		if pubKey != 0 {
			pub, _ = jalali.New(int(pubKey)/12%3000+1, int(pubKey)%12+1, 1)
		}
		res := m.Mine(Input{Text: s, Published: pub})
		for _, c := range res.Events {
			checkCandidate(t, s, c)
		}
		if _, err := res.JSONLine("fuzz"); err != nil {
			t.Fatal(err)
		}
		for _, sp := range m.DateSpans(s) {
			if sp.Start < 0 || sp.End > len(s) || sp.Start > sp.End || !isRuneStart(s, sp.Start) || !isRuneStart(s, sp.End) || sp.Text != s[sp.Start:sp.End] {
				t.Fatalf("bad span %+v of %q", sp, s)
			}
		}
	})
}
