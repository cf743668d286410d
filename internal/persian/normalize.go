// Package persian normalizes Persian text for matching while keeping a map
// from every byte offset of the normalized text back to the original, so
// that whatever is found in the normalized form can be shown, highlighted or
// stored against the text the user gave.
package persian

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// OffsetMap turns byte offsets of a normalized text into byte offsets of the
// original text it came from. The zero OffsetMap maps nothing.
type OffsetMap struct {
	orig []int32 // orig[i] = original offset of the rune that produced normalized byte i; one extra entry at the end
}

// Orig returns the original byte offset for normalized byte offset i (0 <=
// i <= len(normalized)). Offsets out of range are clamped. The result is
// always on a rune boundary of the original text.
func (m OffsetMap) Orig(i int) int {
	if len(m.orig) == 0 {
		return 0
	}
	if i < 0 {
		i = 0
	}
	if i >= len(m.orig) {
		i = len(m.orig) - 1
	}
	return int(m.orig[i])
}

// Span maps the normalized span [start, end) to the original text.
func (m OffsetMap) Span(start, end int) (int, int) {
	s, e := m.Orig(start), m.Orig(end)
	if e < s {
		e = s
	}
	return s, e
}

// Len returns the length of the normalized text the map was built for.
func (m OffsetMap) Len() int {
	if len(m.orig) == 0 {
		return 0
	}
	return len(m.orig) - 1
}

// Normalize returns s in the form the miner matches against, and the map back
// to s:
//   - Arabic letter forms become Persian: ي ى → ی, ك → ک, ة ۀ → ه, أ إ ٱ → ا, ؤ → و;
//   - Persian and Arabic-Indic digits become Latin, and ٫ ٬ become . and ,;
//   - tatweel, diacritics and invisible format characters are dropped;
//   - the zero-width non-joiner becomes a space, so "اردیبهشت‌ماه" and
//     "اردیبهشت ماه" read alike (a dropped ZWNJ, "اردیبهشتماه", is left to
//     the matcher);
//   - runs of spaces of any kind collapse to one space, carriage returns are
//     spaces, and no space is kept next to a newline or at either end;
//   - a space is put between a digit and a letter glued to it ("27اردیبهشت");
//   - Latin capitals become small letters.
//
// Invalid UTF-8 bytes become U+FFFD.
func Normalize(s string) (string, OffsetMap) {
	b := make([]byte, 0, len(s))
	orig := make([]int32, 0, len(s)+1)
	var last rune = '\n' // the last rune written; newline means "start of line"
	emit := func(r rune, at int) {
		n := len(b)
		b = utf8.AppendRune(b, r)
		for range len(b) - n {
			orig = append(orig, int32(at))
		}
		last = r
	}
	for at := 0; at < len(s); {
		r, size := utf8.DecodeRuneInString(s[at:])
		r = fold(r)
		switch {
		case r == dropRune:
		case r == '\n':
			if last == ' ' {
				b, orig = b[:len(b)-1], orig[:len(orig)-1]
			}
			emit('\n', at)
		case r == ' ':
			if last != ' ' && last != '\n' {
				emit(' ', at)
			}
		default:
			if isDigit(r) && unicode.IsLetter(last) || unicode.IsLetter(r) && isDigit(last) {
				emit(' ', at)
			}
			emit(r, at)
		}
		at += size
	}
	if last == ' ' {
		b, orig = b[:len(b)-1], orig[:len(orig)-1]
	}
	orig = append(orig, int32(len(s)))
	return string(b), OffsetMap{orig: orig}
}

// dropRune marks runes that Normalize removes.
const dropRune = -1

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// fold maps one rune to its normalized form: a rune, ' ' for any space,
// or dropRune.
func fold(r rune) rune {
	switch {
	case r < 0x80:
		switch {
		case r >= 'A' && r <= 'Z':
			return r + ('a' - 'A')
		case r == '\t' || r == '\r' || r == '\v' || r == '\f':
			return ' '
		}
		return r
	case r >= '۰' && r <= '۹':
		return '0' + (r - '۰')
	case r >= '٠' && r <= '٩':
		return '0' + (r - '٠')
	case r >= 0x064B && r <= 0x065F, r == 0x0670, r >= 0x06D6 && r <= 0x06ED && r != 0x06E5 && r != 0x06E6:
		return dropRune // harakat, hamza above/below, Quranic marks
	}
	switch r {
	case 'ي', 'ى', 'ې', 'ێ':
		return 'ی'
	case 'ك', 'ڪ':
		return 'ک'
	case 'ة', 'ۀ', 'ە':
		return 'ه'
	case 'أ', 'إ', 'ٱ':
		return 'ا'
	case 'ؤ':
		return 'و'
	case '٫':
		return '.'
	case '٬':
		return ','
	case 'ـ', 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
		0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF, 0x00AD, 0x200B:
		return dropRune
	case 0x200C, 0x00A0, 0x202F, 0x205F, 0x3000, 0x1680, 0x2028, 0x2029, 0x0085:
		return ' '
	}
	if r >= 0x2000 && r <= 0x200A {
		return ' '
	}
	return r
}

// Clean returns s tidied for display: Arabic letter forms become Persian,
// tatweel, diacritics and bidi marks go, runs of space collapse, the ZWNJ is
// kept where it stands (but not doubled or at either end), and Latin and
// Arabic-Indic digits become Persian ones.
func Clean(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space, zwnj := false, false
	for _, r := range s {
		if r == 0x200C {
			zwnj = b.Len() > 0
			continue
		}
		f := fold(r)
		switch {
		case f == dropRune:
			continue
		case f == ' ' || f == '\n':
			space = b.Len() > 0
			continue
		case f >= '0' && f <= '9':
			f = '۰' + (f - '0')
		case r >= 'A' && r <= 'Z':
			f = r
		}
		if space {
			b.WriteByte(' ')
		} else if zwnj {
			b.WriteRune(0x200C)
		}
		space, zwnj = false, false
		b.WriteRune(f)
	}
	return b.String()
}
