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

// gramPhrase returns the FTS4 query that finds the keys holding term (a
// search key): for a term of gramLen characters or more, the phrase of its
// consecutive pieces, which the index holds at consecutive positions
// exactly where the key holds the term; for a shorter one, the pieces it
// begins (every character of a key begins a piece).
func gramPhrase(term string) string {
	if utf8.RuneCountInString(term) < gramLen {
		return `"` + term + `*"`
	}
	pieces := strings.Fields(searchGrams(term))
	return `"` + strings.Join(pieces[:len(pieces)-gramLen+1], " ") + `"`
}
