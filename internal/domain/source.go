package domain

import (
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// How often a source may be polled (issue 16): every 30 minutes unless an
// editor says otherwise, never more than every 5 minutes (a news site is
// not to be hammered) nor less than once a day.
const (
	DefaultSourceInterval = 30 * time.Minute
	MinSourceInterval     = 5 * time.Minute
	MaxSourceInterval     = 24 * time.Hour
	// MaxURL is the longest URL a source or a link may have.
	MaxURL = 2000
)

// Source is a feed (RSS, Atom, RDF) or a site page an office watches for
// news. Its articles default to its province and organization.
type Source struct {
	ID           int64
	URL          string
	Name         string
	Province     string
	Organization string
	Enabled      bool
	Interval     time.Duration // how often it is polled
	CreatedAt    time.Time
	Status       SourceStatus
}

// SourceStatus is what the last polls of a source did, and when it is
// polled next.
type SourceStatus struct {
	LastFetch time.Time // zero: never fetched
	NewItems  int       // articles' links stored by the last fetch
	Skipped   int       // items of the last fetch whose page could not be read
	// Problem is why the last fetch failed ("" when it went well), with
	// the HTTP status for FetchStatus.
	Problem    FetchProblem
	HTTPStatus int
	Validators Validators // what the source answered last, for a conditional GET
	NextDue    time.Time  // zero: due now
	Failures   int        // fetches failed in a row
}

// Validate checks s's fields and returns a ValidationError, or nil.
func (s Source) Validate() error {
	var v ValidationError
	if fe, ok := CheckURL(s.URL); !ok {
		v.Set(fe)
	}
	if utf8.RuneCountInString(s.Name) > MaxShortField {
		v.Set(FieldError{Field: FieldName, Code: CodeNameTooLong, Max: MaxShortField})
	}
	if utf8.RuneCountInString(s.Province) > MaxShortField {
		v.Set(FieldError{Field: FieldProvince, Code: CodeProvinceTooLong, Max: MaxShortField})
	}
	if utf8.RuneCountInString(s.Organization) > MaxShortField {
		v.Set(FieldError{Field: FieldOrganization, Code: CodeTooLong, Max: MaxShortField})
	}
	if s.Interval < MinSourceInterval || s.Interval > MaxSourceInterval {
		v.Set(FieldError{Field: FieldInterval, Code: CodeIntervalRange,
			Min: int(MinSourceInterval / time.Minute), Max: int(MaxSourceInterval / time.Minute)})
	}
	return v.Err()
}

// CheckURL checks that u is an absolute http or https URL with a host, of
// at most MaxURL characters; what is wrong with it otherwise.
func CheckURL(u string) (FieldError, bool) {
	switch {
	case strings.TrimSpace(u) == "":
		return fieldError(FieldURL, CodeURLMissing), false
	case len(u) > MaxURL:
		return FieldError{Field: FieldURL, Code: CodeURLTooLong, Max: MaxURL}, false
	}
	p, err := url.Parse(u)
	if err != nil || p.Host == "" || p.User != nil || p.Opaque != "" {
		return fieldError(FieldURL, CodeURLInvalid), false
	}
	if s := strings.ToLower(p.Scheme); s != "http" && s != "https" {
		return fieldError(FieldURL, CodeURLScheme), false
	}
	return FieldError{}, true
}

// ArticleLink is one address an article was found at: the same agency
// story syndicated on five sites is one article with five links. URL is
// canonical (see app.CanonicalURL) and stored once.
type ArticleLink struct {
	ID        int64
	ArticleID int64
	URL       string
	SourceID  int64  // 0: pasted by an editor, or its source since removed
	Source    string // the source's name when read with it
	Title     string // the title the item or page gave
	FoundAt   time.Time
}
