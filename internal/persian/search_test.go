package persian

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSearchKeyMatchesSpellingVariants(t *testing.T) {
	tests := []struct{ text, query string }{
		{"برنامه‌های ارديبهشت ماه", "اردیبهشت"},
		{"روابطعمومي استانداري", "روابط عمومی"},
		{"روابط‌عمومی", "روابط عمومی"},
		{"روز ۲۷ اردیبهشت", "27 اردیبهشت"},
		{"روز 27ارديبهشت", "۲۷ اردیبهشت"},
		{"مراسم آیین تجلیل", "ایین"},
		{"همایش «روز خبرنگار»، در کرمانشاه", "خبرنگار کرمانشاه"},
		{"Press Conference", "press"},
		{"مُحَمَّد", "محمد"},
	}
	for _, tt := range tests {
		key := SearchKey(tt.text)
		for _, term := range SearchTerms(tt.query) {
			if !strings.Contains(key, term) {
				t.Errorf("%q (key %q) does not match %q (term %q)", tt.text, key, tt.query, term)
			}
		}
	}
	if strings.Contains(SearchKey("روز معلم"), SearchKey("خبرنگار")) {
		t.Error("unrelated words match")
	}
}

func TestSearchKeyMap(t *testing.T) {
	text := "خبر: روابط‌عمومي استانداری"
	key, offs := SearchKeyMap(text)
	if len(offs) != len(key)+1 {
		t.Fatalf("%d offsets for %d key bytes", len(offs), len(key))
	}
	term := SearchKey("روابط عمومی")
	i := strings.Index(key, term)
	if i < 0 {
		t.Fatal("no match")
	}
	start, end := offs[i], offs[i+len(term)-1]
	got := text[start:]
	if !strings.HasPrefix(got, "روابط") || !strings.HasPrefix(text[end:], "ي") {
		t.Errorf("mapped span starts %q, ends at %q", got, text[end:])
	}
	if SearchTerms("  روابط   روابط عمومی ")[0] != SearchKey("روابط") {
		t.Errorf("terms %q", SearchTerms("روابط روابط عمومی"))
	}
}

// TestSearchKeySpan: the span of any run of key bytes is the one the map
// gives, without the map.
func TestSearchKeySpan(t *testing.T) {
	for _, text := range []string{"", "...", "خبر: روابط‌عمومي استانداری", "روز 27ارديبهشت، «آیین» مُحَمَّد\n\nA-b c", "  ۱۴۰۳/۲/۲۷  "} {
		key, offs := SearchKeyMap(text)
		for i := 0; i <= len(key); i++ {
			for j := i; j <= len(key); j++ {
				if s, e := SearchKeySpan(text, i, j); s != offs[i] || e != offs[j] {
					t.Fatalf("SearchKeySpan(%q, %d, %d) = %d, %d; the map says %d, %d", text, i, j, s, e, offs[i], offs[j])
				}
				if i < len(key) && !utf8.RuneStart(key[i]) || j < len(key) && !utf8.RuneStart(key[j]) {
					continue
				}
				// The same run counted in characters.
				ri, rj := utf8.RuneCountInString(key[:i]), utf8.RuneCountInString(key[:j])
				if s, e := SearchKeyRuneSpan(text, ri, rj); s != offs[i] || e != offs[j] {
					t.Fatalf("SearchKeyRuneSpan(%q, %d, %d) = %d, %d; the map says %d, %d", text, ri, rj, s, e, offs[i], offs[j])
				}
			}
		}
	}
}

// TestDecodeRune: decodeRune decodes as utf8.DecodeRuneInString does,
// for every pair of bytes (and the third after them), valid or not.
func TestDecodeRune(t *testing.T) {
	for b0 := range 256 {
		for b1 := range 256 {
			for _, s := range []string{string([]byte{byte(b0)}), string([]byte{byte(b0), byte(b1)}), string([]byte{byte(b0), byte(b1), 0x80, 0x80})} {
				r, n := decodeRune(s)
				if wr, wn := utf8.DecodeRuneInString(s); r != wr || n != wn {
					t.Fatalf("decodeRune(%q) = %U, %d; utf8 says %U, %d", s, r, n, wr, wn)
				}
			}
		}
	}
}

// TestKeyRuneTable checks keyRune's table against the rune worked out,
// for every rune.
func TestKeyRuneTable(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := keyRune(r), foldKeyRune(r); got != want {
			t.Fatalf("keyRune(%U) = %U, want %U", r, got, want)
		}
	}
	if keyRune('ي') != 'ی' || keyRune('آ') != 'ا' || keyRune('۷') != '7' || keyRune(0x200C) != dropRune || keyRune('،') != dropRune {
		t.Fatal("the table folds as keyRune did not")
	}
}

// BenchmarkSearchKeyRuneSpan is what a search page does for each article
// it shows: where in an excerpt's text (a few kilobytes of Persian) the
// characters of its key a term was found at lie.
func BenchmarkSearchKeyRuneSpan(b *testing.B) {
	text := strings.Repeat("به گزارش خبرگزاری فارس از کرمان، نشست خبری مدیرکل روابط‌عمومی استانداری در سالن اجتماعات برگزار شد. ", 30)
	n := utf8.RuneCountInString(SearchKey(text))
	for b.Loop() {
		SearchKeyRuneSpan(text, n-20, n-10)
	}
}
