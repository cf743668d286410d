package domain

import (
	"fmt"
	"time"
)

// What fetching news gives the rest of the app (issue 16): internal/fetch
// reads feeds and article pages from the sources an office watches into
// these, and internal/app stores their articles and mines them.

// Validators are what a source answered last time, sent back for a
// conditional GET (If-None-Match, If-Modified-Since).
type Validators struct {
	ETag         string
	LastModified string
}

// FeedItem is one item of an RSS, Atom or RDF feed.
type FeedItem struct {
	Link      string    // the article's absolute URL
	GUID      string    // the item's id, when the feed gives one
	Title     string    // plain text
	Summary   string    // plain text (HTML and entities resolved); may be empty
	Content   string    // the full text when the feed carries it, plain text; may be empty
	Published time.Time // zero when the item has no date
}

// FetchedFeed is a feed as fetched: its items, or NotModified when the
// source answered 304 to the validators sent.
type FetchedFeed struct {
	NotModified bool
	Validators  Validators // to send next time
	Title       string
	Items       []FeedItem
}

// FetchedPage is an article page as fetched and read: its main text
// without navigation, related-news lists or comments.
type FetchedPage struct {
	URL       string    // where it was read, after redirects; its canonical URL when the page names one on the same site
	Title     string    // plain text
	Text      string    // the main text, paragraphs separated by blank lines
	Published time.Time // from the page's metadata; zero when unknown
}

// FetchProblem says why a fetch failed.
type FetchProblem string

// The ways a fetch fails.
const (
	FetchScheme      FetchProblem = "scheme"       // not http or https
	FetchBlocked     FetchProblem = "blocked"      // a loopback, private, link-local or metadata address, private sources not allowed
	FetchNetwork     FetchProblem = "network"      // DNS, connection refused or reset
	FetchTimeout     FetchProblem = "timeout"      // slower than the time allowed
	FetchRedirects   FetchProblem = "redirects"    // more redirects than allowed, or a loop
	FetchStatus      FetchProblem = "status"       // an HTTP status other than 200 (or 304 to a conditional GET)
	FetchTooBig      FetchProblem = "too_big"      // larger than the bytes allowed
	FetchContentType FetchProblem = "content_type" // not a feed or an HTML page
	FetchUnreadable  FetchProblem = "unreadable"   // not a feed, or no article text found
)

// FetchError is a failed fetch of URL: its problem, the HTTP status for
// FetchStatus, and the underlying error.
type FetchError struct {
	Problem FetchProblem
	URL     string
	Status  int
	Err     error
}

func (e *FetchError) Error() string {
	s := fmt.Sprintf("fetch %s: %s", e.URL, e.Problem)
	if e.Status != 0 {
		s += fmt.Sprintf(" (HTTP %d)", e.Status)
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *FetchError) Unwrap() error { return e.Err }
