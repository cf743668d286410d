package persian

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	cases := []struct{ in, want string }{
		{"برنامههاي", "برنامههای"},
		{"كارمند", "کارمند"},
		{"اردیبهشت‌ماه", "اردیبهشت ماه"},
		{"27ارديبهشت", "27 اردیبهشت"},
		{"ارديبهشت1398", "اردیبهشت 1398"},
		{"۱۴۰۳/۲/۲۷", "1403/2/27"},
		{"١٤٠٣/٠٢/٢٧", "1403/02/27"},
		{"استـانداري همـدان", "استانداری همدان"},
		{"مُحَمَّد", "محمد"},
		{"خانۀ ما", "خانه ما"},
		{"شناسهٔ خبر", "شناسه خبر"},
		{"  فاصله   زیاد \t\r\n  خط دوم  ", "فاصله زیاد\nخط دوم"},
		{"May 2024", "may 2024"},
		{"a\u200c\u200cb", "a b"},
		{"\u200fراست\u200e", "راست"},
		{"٫۵", ".5"},
		{"\xff\xfe", "\uFFFD\uFFFD"},
	}
	for _, c := range cases {
		got, m := Normalize(c.in)
		if got != c.want {
			t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.want)
		}
		checkMap(t, c.in, got, m)
	}
}

// TestNormalizeOffsets checks that a word found in the normalized text maps
// back to the same word in the original.
func TestNormalizeOffsets(t *testing.T) {
	orig := "مدير کل روابط عمومي با تبريک روز 27ارديبهشت‌ماه گفت"
	norm, m := Normalize(orig)
	i := strings.Index(norm, "اردیبهشت")
	s, e := m.Span(i, i+len("اردیبهشت"))
	if got := orig[s:e]; got != "ارديبهشت" {
		t.Errorf("span maps to %q, want %q", got, "ارديبهشت")
	}
	i = strings.Index(norm, "27")
	s, e = m.Span(i, i+2)
	if got := orig[s:e]; got != "27" {
		t.Errorf("span maps to %q, want 27", got)
	}
	if m.Orig(len(norm)) != len(orig) {
		t.Errorf("end maps to %d, want %d", m.Orig(len(norm)), len(orig))
	}
}

func TestClean(t *testing.T) {
	cases := []struct{ in, want string }{
		{"  روابط عموميهاي   استان 55 ", "روابط عمومیهای استان ۵۵"},
		{"روابط عمومی‌های\u200c", "روابط عمومی‌های"},
		{"همـايش", "همایش"},
	}
	for _, c := range cases {
		if got := Clean(c.in); got != c.want {
			t.Errorf("Clean(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// checkMap checks the offset map's invariants: one entry per normalized
// byte plus one, non-decreasing, inside the original, on rune starts.
func checkMap(t *testing.T, orig, norm string, m OffsetMap) {
	t.Helper()
	if m.Len() != len(norm) {
		t.Fatalf("map covers %d bytes, normalized text has %d", m.Len(), len(norm))
	}
	starts := map[int]bool{len(orig): true}
	for i := 0; i < len(orig); {
		starts[i] = true
		_, n := utf8.DecodeRuneInString(orig[i:])
		i += n
	}
	prev := 0
	for i := 0; i <= len(norm); i++ {
		o := m.Orig(i)
		if o < prev || o > len(orig) {
			t.Fatalf("Orig(%d) = %d: out of order or range (prev %d, len %d)", i, o, prev, len(orig))
		}
		if !starts[o] {
			t.Fatalf("Orig(%d) = %d is inside a rune", i, o)
		}
		prev = o
	}
	if m.Orig(len(norm)) != len(orig) {
		t.Fatalf("Orig(end) = %d, want %d", m.Orig(len(norm)), len(orig))
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"", "27ارديبهشت", "اردیبهشت‌ماه ۱۴۰۳", "برنامههاي\u200c\u200c", " \n \n", "\xff", "كك ۀ ة ـــ", "A1b2", "تور رسانهاي و برنامههاي ميشود"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		norm, m := Normalize(s)
		checkMap(t, s, norm, m)
		if utf8.ValidString(s) && !utf8.ValidString(norm) {
			t.Fatalf("normalized text of valid input is invalid: %q", norm)
		}
		again, _ := Normalize(norm)
		if again != norm {
			t.Fatalf("not idempotent: %q → %q", norm, again)
		}
		// SearchKeySpan agrees with SearchKeyMap.
		key, offs := SearchKeyMap(s)
		for i := 0; i <= len(key); i++ {
			j := min(i+7, len(key))
			if st, e := SearchKeySpan(s, i, j); st != offs[i] || e != offs[j] {
				t.Fatalf("SearchKeySpan(%q, %d, %d) = %d, %d; the map says %d, %d", s, i, j, st, e, offs[i], offs[j])
			}
		}
		// RepairZWNJ only puts ZWNJs in, and keeps valid text valid.
		clean := Clean(s)
		fixed := RepairZWNJ(clean, func(w string) bool { return len(w)%2 == 0 })
		if strings.ReplaceAll(fixed, "\u200c", "") != strings.ReplaceAll(clean, "\u200c", "") ||
			utf8.ValidString(clean) && !utf8.ValidString(fixed) {
			t.Fatalf("RepairZWNJ(%q) = %q", clean, fixed)
		}
	})
}
