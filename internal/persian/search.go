package persian

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// SearchKey returns s folded for search whatever its spelling: the letters
// and digits of Normalize (ي→ی, ك→ک, any digits → Latin, diacritics gone),
// with آ as ا, and every space, ZWNJ and punctuation mark removed, so that
// "روابط عمومی", "روابط‌عمومی" and "روابطعمومي" share one key.
func SearchKey(s string) string {
	key, _ := searchKey(s, false)
	return key
}

// SearchKeyMap is SearchKey with, for each byte of the key, the offset in s
// of the rune it came from (plus one entry for the end), to turn a match in
// the key back into a span of s.
func SearchKeyMap(s string) (string, []int) {
	return searchKey(s, true)
}

func searchKey(s string, withMap bool) (string, []int) {
	b := make([]byte, 0, len(s))
	var offsets []int
	if withMap {
		offsets = make([]int, 0, len(s)+1)
	}
	for at := 0; at < len(s); {
		r, size := decodeRune(s[at:])
		if r = keyRune(r); r != dropRune {
			n := len(b)
			b = utf8.AppendRune(b, r)
			if withMap {
				for range len(b) - n {
					offsets = append(offsets, at)
				}
			}
		}
		at += size
	}
	if withMap {
		offsets = append(offsets, len(s))
	}
	return string(b), offsets
}

// decodeRune is utf8.DecodeRuneInString with the characters of two bytes
// (U+0080 to U+07FF: the Arabic script, Persian's letters and digits)
// decoded here, where the standard one calls out of line for every
// character that is not ASCII: a search page walks kilobytes of Persian
// text rune by rune (keySpan), and that call was most of the walk.
func decodeRune(s string) (rune, int) {
	if len(s) >= 2 && s[0] >= 0xC2 && s[0] < 0xE0 && s[1]&0xC0 == 0x80 {
		return rune(s[0]&0x1F)<<6 | rune(s[1]&0x3F), 2
	}
	return utf8.DecodeRuneInString(s)
}

// keyRune returns what r is in a search key, or dropRune: from keyRunes
// below keyTableLen.
func keyRune(r rune) rune {
	if uint32(r) < keyTableLen {
		return keyRunes[r]
	}
	return foldKeyRune(r)
}

// keyTableLen bounds the runes whose key keyRunes holds: Latin, Arabic
// and its supplement, what Persian text is made of.
const keyTableLen = 0x800

// keyRunes holds foldKeyRune of each rune below keyTableLen, worked out
// once. A search page cuts each article's excerpt around where its key
// holds a term by walking the excerpt's text rune by rune (kilobytes an
// article), and folding each rune through unicode's tables there was 7% of
// the server's processor time under a load of searches.
var keyRunes = func() (t [keyTableLen]rune) {
	for r := range t {
		t[r] = foldKeyRune(rune(r))
	}
	return t
}()

// foldKeyRune is keyRune worked out.
func foldKeyRune(r rune) rune {
	r = fold(r)
	if r == 'آ' {
		r = 'ا'
	}
	if r != dropRune && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
		return r
	}
	return dropRune
}

// SearchKeySpan returns the span of s that bytes i to j of SearchKey(s)
// come from, as SearchKeyMap's offsets give it (offsets[i], offsets[j]),
// without building the map: the offsets in s of the runes key bytes i and j
// come from, len(s) for the key's end.
func SearchKeySpan(s string, i, j int) (start, end int) {
	return keySpan(s, i, j, false)
}

// SearchKeyRuneSpan is SearchKeySpan with i and j counted in the key's
// characters (as SQLite's instr and substr count them), not its bytes.
func SearchKeyRuneSpan(s string, i, j int) (start, end int) {
	return keySpan(s, i, j, true)
}

// keySpan is SearchKeySpan with i and j counted in the key's characters
// when runes, else in its bytes.
func keySpan(s string, i, j int, runes bool) (start, end int) {
	start, end = len(s), len(s)
	n := 0 // key units before s[at:]
	for at := 0; at < len(s); {
		r, width := decodeRune(s[at:])
		if r = keyRune(r); r != dropRune {
			if runes {
				n++
			} else {
				n += utf8.RuneLen(r)
			}
			if n > i && start == len(s) {
				start = at
			}
			if n > j {
				return start, at
			}
		}
		at += width
	}
	return start, end
}

// SearchTerms returns the keys of the words of a query, longest first and
// without repeats or empty ones: a text matches when it holds every one.
func SearchTerms(q string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range strings.FieldsFunc(q, func(r rune) bool { return unicode.IsSpace(r) || r == 0x200C }) {
		if k := SearchKey(w); k != "" && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && len(out[j]) > len(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}
