package domain

// An ArticleMatch is an article a search found and the stretch of its text
// where the search found it.
type ArticleMatch struct {
	Article Article // ID, Title and Published only
	Excerpt Excerpt
}

// An Excerpt is a stretch of an article's text of a few kilobytes at most:
// around the first place where a search found one of its words, or the
// text's beginning when it found them only in the title, source or
// province.
type Excerpt struct {
	Text string
	// Before and After say whether the text goes on before and after it.
	Before, After bool
}
