package mining

import (
	"unicode"
	"unicode/utf8"
)

type tokKind uint8

const (
	tWord tokKind = iota
	tNum
	tPunct
)

// Break strengths carried by punctuation tokens.
const (
	brkNone   = 0
	brkComma  = 1 // ، , — a soft clause boundary
	brkClause = 2 // : ؛ ; — reported speech, list heads
	brkSent   = 3 // . ! ? ؟ newline
)

// token is a word, a run of digits or one punctuation rune of the
// normalized text.
type token struct {
	s, e int    // byte offsets in the normalized text
	text string // norm[s:e]
	kind tokKind
	brk  uint8
	num  int // value of a tNum (capped), -1 when it has more than 9 digits
	// glued is true when no space separates the token from the previous one.
	glued bool
}

// tokenize splits normalized text into tokens.
func tokenize(norm string) []token {
	toks := make([]token, 0, len(norm)/6)
	prevEnd := -1
	for i := 0; i < len(norm); {
		r, size := utf8.DecodeRuneInString(norm[i:])
		switch {
		case r == ' ':
			i += size
			continue
		case r >= '0' && r <= '9':
			j := i
			n := 0
			for j < len(norm) && norm[j] >= '0' && norm[j] <= '9' {
				if n >= 0 && j-i < 9 {
					n = n*10 + int(norm[j]-'0')
				} else {
					n = -1
				}
				j++
			}
			toks = append(toks, token{s: i, e: j, text: norm[i:j], kind: tNum, num: n, glued: prevEnd == i})
			prevEnd = j
			i = j
			continue
		case unicode.IsLetter(r):
			j := i + size
			for j < len(norm) {
				r2, s2 := utf8.DecodeRuneInString(norm[j:])
				if !unicode.IsLetter(r2) {
					break
				}
				j += s2
			}
			toks = append(toks, token{s: i, e: j, text: norm[i:j], kind: tWord, glued: prevEnd == i})
			prevEnd = j
			i = j
			continue
		}
		t := token{s: i, e: i + size, text: norm[i : i+size], kind: tPunct, glued: prevEnd == i}
		switch r {
		case '\n', '!', '?', '؟':
			t.brk = brkSent
		case '.':
			// A point between digits ("1398.02.24", "2.5") is not a full stop.
			switch {
			case i > 0 && isDigitByte(norm[i-1]) && i+1 < len(norm) && isDigitByte(norm[i+1]):
			case len(toks) > 0 && toks[len(toks)-1].kind == tWord && utf8.RuneCountInString(toks[len(toks)-1].text) == 1:
				// An abbreviation: "ه.ش."، "ب.ظ."
			default:
				t.brk = brkSent
			}
		case ':':
			// "18:23" is a time, not a clause boundary.
			if !(i > 0 && isDigitByte(norm[i-1]) && i+1 < len(norm) && isDigitByte(norm[i+1])) {
				t.brk = brkClause
			}
		case '؛', ';', '•', '*':
			t.brk = brkClause
		case '،', ',':
			t.brk = brkComma
		}
		toks = append(toks, t)
		prevEnd = i + size
		i += size
	}
	return toks
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// sentence is a run of tokens [i, j) between sentence breaks.
type sentence struct{ i, j int }

// sentences splits toks at sentence breaks; the break tokens belong to no
// sentence.
func sentences(toks []token) []sentence {
	var out []sentence
	start := 0
	for k, t := range toks {
		if t.brk == brkSent {
			if k > start {
				out = append(out, sentence{start, k})
			}
			start = k + 1
		}
	}
	if start < len(toks) {
		out = append(out, sentence{start, len(toks)})
	}
	return out
}
