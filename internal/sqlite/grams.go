package sqlite

import (
	"strings"
	"unicode/utf8"
)

// gramLen is how many characters of a search key one indexed piece holds.
const gramLen = 3

// searchGrams returns what the FTS4 tables index of a search key (the
// search_grams SQL function of migration 0017): from each character of
// the key, the gramLen characters it begins (fewer at the key's end), in
// order, separated by spaces. FTS4's simple tokenizer takes each piece as
// one token (a key holds only letters and digits, and every non-ASCII
// character is a token character), at its position in the key.
func searchGrams(key string) string {
	var b strings.Builder
	b.Grow(len(key) * (gramLen + 1))
	for i := 0; i < len(key); {
		if i > 0 {
			b.WriteByte(' ')
		}
		end := i
		for range gramLen {
			if end == len(key) {
				break
			}
			_, size := utf8.DecodeRuneInString(key[end:])
			end += size
		}
		b.WriteString(key[i:end])
		_, size := utf8.DecodeRuneInString(key[i:])
		i += size
	}
	return b.String()
}

// maxPhrase is the most pieces one phrase of a query holds: FTS4 reads the
// index of a phrase of up to 4 tokens as it goes (MAX_INCR_PHRASE_TOKENS),
// so that a search that stops at its limit reads only the newest part, and
// loads a longer one's whole.
const maxPhrase = 4

// gramPhrase returns the FTS4 phrase that finds the keys holding term (a
// search key), and whether it finds exactly those. A term of gramLen
// characters or more is the phrase of its consecutive pieces, which the
// index holds at consecutive positions exactly where the key holds the
// term; one of more than maxPhrase pieces, the phrase of its first
// maxPhrase (the keys it finds may not hold the term: exact is false, and
// the term is looked for in them). Cutting a longer term into several
// phrases would read the index of every piece to the end when few keys
// hold them all: over 10,000 articles, «استانداری» as two phrases beside
// two short words took 69 ms, as one 6 ms. A shorter term is the pieces
// it begins (every character of a key begins a piece).
func gramPhrase(term string) (phrase string, exact bool) {
	if utf8.RuneCountInString(term) < gramLen {
		return `"` + term + `*"`, true
	}
	pieces := strings.Fields(searchGrams(term))
	pieces = pieces[:len(pieces)-gramLen+1]
	if len(pieces) > maxPhrase {
		return `"` + strings.Join(pieces[:maxPhrase], " ") + `"`, false
	}
	return `"` + strings.Join(pieces, " ") + `"`, true
}
