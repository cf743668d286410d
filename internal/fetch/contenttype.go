package fetch

import (
	"bytes"
	"mime"
	"net/http"
	"strings"

	"github.com/mmcdole/gofeed"
)

// mediaType is the lower-case type/subtype of a Content-Type header, "" when
// it has none or cannot be read.
func mediaType(contentType string) string {
	t, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	return strings.ToLower(t)
}

// isFeedType reports whether a feed may be read from a response of
// contentType with body: the XML, RSS, Atom and RDF types as they are;
// text/html, text/plain, application/octet-stream or no type at all (as
// some Iranian sites serve their feeds) only when the body starts as a feed.
func isFeedType(contentType string, body []byte) bool {
	t := mediaType(contentType)
	switch {
	case t == "text/xml", t == "application/xml", t == "application/rss+xml", t == "application/atom+xml",
		t == "application/rdf+xml", t == "application/x-rss+xml", t == "application/x-atom+xml",
		strings.HasSuffix(t, "+xml") && t != "application/xhtml+xml" && t != "image/svg+xml":
		return true
	case t == "text/html", t == "text/plain", t == "application/octet-stream", t == "", t == "application/xhtml+xml":
		return sniffsAsFeed(body)
	}
	return false
}

// sniffsAsFeed reports whether body's root element is rss, RDF or feed.
func sniffsAsFeed(body []byte) bool {
	const peek = 4096
	if len(body) > peek {
		body = body[:peek]
	}
	switch gofeed.DetectFeedType(bytes.NewReader(body)) {
	case gofeed.FeedTypeRSS, gofeed.FeedTypeAtom:
		return true
	}
	return false
}

// isPageType reports whether an article page may be read from a response of
// contentType with body: HTML or XHTML, or no type when the body sniffs as
// HTML.
func isPageType(contentType string, body []byte) bool {
	switch mediaType(contentType) {
	case "text/html", "application/xhtml+xml":
		return true
	case "":
		return strings.HasPrefix(http.DetectContentType(body), "text/html")
	}
	return false
}

type contentTypeError string

func (e contentTypeError) Error() string {
	if e == "" {
		return "no content type"
	}
	return "content type " + string(e)
}
