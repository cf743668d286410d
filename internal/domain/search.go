package domain

// An ArticleMatch is an article a search found and the stretch of its text
// where the search found it.
type ArticleMatch struct {
	Article Article // ID, Title and Published only
	Excerpt Excerpt
}

// ExcerptContext is how many characters of an article's text a search
// result shows on each side of its match: an excerpt holds at least that
// many of them wherever the text has them.
const ExcerptContext = 80

// An Excerpt is a stretch of an article's text of a few kilobytes at most:
// around the first place where a search found one of its words, or the
// text's beginning when it found them only in the title, source or
// province.
type Excerpt struct {
	Text string
	// Before and After say whether the text goes on before and after it.
	Before, After bool
	// Located says that the store found where Term (the index of a search
	// term, the first in order that the article's text holds) first
	// occurs in Text: at character At of the search key of Text[From:], so that
	// the result need not make the key of the whole excerpt to find it.
	Located  bool
	Term     int
	From, At int
}
