package persian

import "strings"

// StripControls returns s without the characters that have no place in
// stored text and can make it misread: NUL and the other C0 controls but
// tab, newline and carriage return, and the bidi embeddings, overrides and
// isolates (U+202A–U+202E, U+2066–U+2069), which, left unbalanced, turn
// the rest of a page's line around. The bidi marks (LRM, RLM, ALM) and the
// joiners (ZWNJ, ZWJ) stay: Persian text needs them. s is returned as it
// is when it has none.
func StripControls(s string) string {
	if strings.IndexFunc(s, isStrippedControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isStrippedControl(r) {
			return -1
		}
		return r
	}, s)
}

func isStrippedControl(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case r < 0x20 || r == 0x7F:
		return true
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}
