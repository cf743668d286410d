package mining

import "strings"

// parser reads temporal expressions from the tokens of one text.
type parser struct {
	toks []token
	// steps counts the words looked at, a measure of work that tests
	// compare across input sizes (time is not, on a busy machine).
	steps int
}

// word returns token i's text when it is a word, else "".
func (p *parser) word(i int) string {
	p.steps++
	if i < 0 || i >= len(p.toks) || p.toks[i].kind != tWord {
		return ""
	}
	return p.toks[i].text
}

// punct returns token i's text when it is punctuation, else "".
func (p *parser) punct(i int) string {
	if i < 0 || i >= len(p.toks) || p.toks[i].kind != tPunct {
		return ""
	}
	return p.toks[i].text
}

func (p *parser) isNum(i int) bool { return i >= 0 && i < len(p.toks) && p.toks[i].kind == tNum }

// is reports whether token i is a word among ws.
func (p *parser) is(i int, ws ...string) bool {
	w := p.word(i)
	if w == "" {
		return false
	}
	for _, x := range ws {
		if w == x {
			return true
		}
	}
	return false
}

// number reads a number at i: digits (with an optional ordinal "ام"/"م"
// after them) or number words joined by "و" ("بیست و هفتم", "دو هزار و
// بیست و دو"). digits is the count of digits for a digit number, 0 for words.
func (p *parser) number(i int) (val int, ordinal bool, digits int, j int, ok bool) {
	if p.isNum(i) {
		t := p.toks[i]
		if t.num < 0 {
			return 0, false, 0, i, false
		}
		j = i + 1
		if p.is(j, "ام", "امین") {
			ordinal = true
			j++
		}
		return t.num, ordinal, len(t.text), j, true
	}
	j = i
	for {
		w := p.word(j)
		if n, isOrd := ordinals[w]; isOrd {
			val += n
			return val, true, 0, j + 1, true
		}
		n, isCard := cardinals[w]
		if !isCard {
			if j == i {
				return 0, false, 0, i, false
			}
			return val, false, 0, j, true
		}
		if n == 1000 || n == 100 && val > 0 && val < 10 {
			if val == 0 {
				val = 1
			}
			val *= n
		} else {
			val += n
		}
		j++
		if p.is(j, "ام", "امین") && n == 30 {
			return val, true, 0, j + 1, true
		}
		// Number words go on after "و", or directly before هزار/صد.
		if j-i >= maxNumberWords {
			return val, false, 0, j, true
		}
		if p.is(j, "و") && (isNumberWord(p.word(j + 1))) {
			j++
			continue
		}
		if rest, glued := strings.CutPrefix(p.word(j), "و"); glued && rest != "" && n >= 20 && n < 100 {
			// "بیست‌وسوم"، "چهل‌وپنجمین": "و" glued to the next number word
			if m, isOrd := ordinals[rest]; isOrd && m < 10 {
				return val + m, true, 0, j + 1, true
			}
			if m, isCard := cardinals[rest]; isCard && m < 10 {
				val += m
				return val, false, 0, j + 1, true
			}
		}
		if p.is(j, "هزار") {
			continue
		}
		return val, false, 0, j, true
	}
}

// maxNumberWords bounds a spelled number ("دو هزار و چهارصد و سه" is 7).
const maxNumberWords = 9

func isNumberWord(w string) bool {
	if _, ok := cardinals[w]; ok {
		return true
	}
	_, ok := ordinals[w]
	return ok
}

// fuzzyCount reads a vague count ("چند", "چندین", "دو سه", "یکی دو",
// "صدها") and returns the index after it.
func (p *parser) fuzzyCount(i int) (j int, ok bool) {
	switch {
	case p.is(i, "چند", "چندین", "صدها", "هزاران", "دهها", "سالها", "چندی"):
		return i + 1, true
	case p.is(i, "یکی") && p.is(i+1, "دو"):
		return i + 2, true
	case p.is(i, "دو") && p.is(i+1, "سه"), p.is(i, "سه") && p.is(i+1, "چهار"), p.is(i, "چهار") && p.is(i+1, "پنج"):
		return i + 2, true
	}
	return i, false
}
