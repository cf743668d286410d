package ical

import (
	"unicode/utf8"
)

// maxLine is the longest content line RFC 5545 (section 3.1) allows, in
// octets, not counting the CRLF.
const maxLine = 75

// appendText appends s to dst as an RFC 5545 TEXT value: backslash,
// semicolon and comma are escaped, every line break (CRLF, CR or LF) becomes
// \n, other control characters (which TEXT may not hold) are dropped and
// invalid UTF-8 becomes U+FFFD.
func appendText(dst []byte, s string) []byte {
	if plainText(s) {
		return append(dst, s...)
	}
	return appendEscaped(dst, s)
}

// appendEscaped is appendText character by character.
func appendEscaped(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == '\\' || c == ';' || c == ',':
				dst = append(dst, '\\', c)
			case c == '\r':
				if i < len(s) && s[i] == '\n' {
					i++
				}
				dst = append(dst, '\\', 'n')
			case c == '\n':
				dst = append(dst, '\\', 'n')
			case c == '\t' || c >= 0x20 && c != 0x7f:
				dst = append(dst, c)
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			dst = utf8.AppendRune(dst, utf8.RuneError)
		} else {
			dst = append(dst, s[i:i+n]...)
		}
		i += n
	}
	return dst
}

// appendFolded appends the content line line to dst, folded so that no
// physical line is longer than 75 octets, each physical line ending in CRLF.
// A fold never falls inside a UTF-8 sequence: Persian letters take two
// octets, so a fold at a fixed octet count would split nearly every long
// Persian line. Continuation lines start with one space, which counts
// towards their 75 octets.
func appendFolded(dst, line []byte) []byte {
	limit := maxLine
	for len(line) > limit {
		cut := limit
		// Back up to the start of a character; at most 3 octets, so that
		// a run of stray continuation octets cannot stall the loop.
		for back := 0; back < utf8.UTFMax-1 && cut > 1 && !utf8.RuneStart(line[cut]); back++ {
			cut--
		}
		dst = append(dst, line[:cut]...)
		dst = append(dst, '\r', '\n', ' ')
		line = line[cut:]
		limit = maxLine - 1
	}
	dst = append(dst, line...)
	return append(dst, '\r', '\n')
}

// plainText reports whether s is TEXT as it is: valid UTF-8 with nothing
// to escape or drop (most titles and descriptions), which appendText then
// copies whole instead of character by character.
func plainText(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' || c == 0x7f || c == '\\' || c == ';' || c == ',' {
			return false
		}
	}
	return utf8.ValidString(s)
}
