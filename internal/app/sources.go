package app

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strings"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/persian"
)

// Fetcher reads news from the network: a source's feed (conditionally,
// with the validators it answered last: a 304 is NotModified) and an
// article's page (its main text, title, canonical URL and publication
// date). internal/fetch's Client is one; its failures are
// *domain.FetchError.
type Fetcher interface {
	Feed(ctx context.Context, url string, v domain.Validators) (domain.FetchedFeed, error)
	Page(ctx context.Context, url string) (domain.FetchedPage, error)
}

// ErrNoFetcher is fetching asked of an App given no Fetcher.
var ErrNoFetcher = errors.New("fetching news is not available: no fetcher configured")

// How long one source's poll may take, and how many run at once, unless
// Options say otherwise.
const (
	DefaultSourceTimeout = 2 * time.Minute
	DefaultFetchLimit    = 4
)

// fetchOptions are the Options of fetching, defaults filled in.
type fetchOptions struct {
	fetcher Fetcher
	rand    func() float64
	timeout time.Duration
	limit   int
}

func newFetchOptions(o Options) fetchOptions {
	f := fetchOptions{fetcher: o.Fetcher, rand: o.Rand, timeout: o.SourceTimeout, limit: o.FetchLimit}
	if f.rand == nil {
		f.rand = rand.Float64
	}
	if f.timeout <= 0 {
		f.timeout = DefaultSourceTimeout
	}
	if f.limit <= 0 {
		f.limit = DefaultFetchLimit
	}
	return f
}

// Sources returns every source, by name.
func (app *App) Sources(ctx context.Context) ([]domain.Source, error) {
	return app.sources.Sources(ctx)
}

// Source returns source id (domain.ErrNotFound when there is none).
func (app *App) Source(ctx context.Context, id int64) (domain.Source, error) {
	return app.sources.Source(ctx, id)
}

// SourceByURL returns the source whose URL is u as stored.
func (app *App) SourceByURL(ctx context.Context, u string) (domain.Source, error) {
	return app.sources.SourceByURL(ctx, strings.TrimSpace(u))
}

// ArticleLinks returns the addresses the articles ids were found at, by
// article, the first found first.
func (app *App) ArticleLinks(ctx context.Context, ids ...int64) (map[int64][]domain.ArticleLink, error) {
	return app.sources.ArticleLinks(ctx, ids...)
}

// CanFetch reports whether this App fetches news (it was given a Fetcher).
func (app *App) CanFetch() bool { return app.fetch.fetcher != nil }

// AddSource checks s and stores it, switched on (every DefaultSourceInterval
// when its interval is 0), due at once, and sets its ID. A URL already
// watched is a ValidationError (CodeSourceTaken on its URL).
func (app *App) AddSource(ctx context.Context, s *domain.Source) error {
	cleanSource(s)
	if s.Interval == 0 {
		s.Interval = domain.DefaultSourceInterval
	}
	s.Enabled, s.CreatedAt, s.Status = true, app.stamp(), domain.SourceStatus{}
	if err := s.Validate(); err != nil {
		return fmt.Errorf("add source: %w", err)
	}
	return sourceTaken(app.sources.CreateSource(ctx, s))
}

// UpdateSource checks s and stores its settings (URL, name, province,
// organization, on/off, interval). A new URL starts afresh: no validators,
// no failures, due at once.
func (app *App) UpdateSource(ctx context.Context, s domain.Source) error {
	cleanSource(&s)
	if err := s.Validate(); err != nil {
		return fmt.Errorf("update source: %w", err)
	}
	old, err := app.sources.Source(ctx, s.ID)
	if err != nil {
		return err
	}
	if err := sourceTaken(app.sources.UpdateSource(ctx, s)); err != nil {
		return err
	}
	if old.URL != s.URL {
		return app.sources.SetSourceStatus(ctx, s.ID, domain.SourceStatus{})
	}
	return nil
}

// SetSourceEnabled switches source id on or off.
func (app *App) SetSourceEnabled(ctx context.Context, id int64, on bool) error {
	s, err := app.sources.Source(ctx, id)
	if err != nil {
		return err
	}
	s.Enabled = on
	return app.sources.UpdateSource(ctx, s)
}

// RemoveSource stops watching source id; the articles found through it,
// and their links, stay.
func (app *App) RemoveSource(ctx context.Context, id int64) error {
	return app.sources.DeleteSource(ctx, id)
}

// cleanSource trims s's texts and strips their control characters.
func cleanSource(s *domain.Source) {
	for _, f := range []*string{&s.URL, &s.Name, &s.Province, &s.Organization} {
		*f = strings.TrimSpace(persian.StripControls(*f))
	}
}

// sourceTaken turns a stored URL's conflict into the ValidationError a
// form shows beside the URL.
func sourceTaken(err error) error {
	if errors.Is(err, domain.ErrConflict) {
		return fmt.Errorf("%w: %w", err, domain.ValidationError{{Field: domain.FieldURL, Code: domain.CodeSourceTaken}})
	}
	return err
}

// trackingParams are the query parameters that say where a reader came
// from, not what they read: a link is the same article without them.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "gbraid": true, "wbraid": true, "msclkid": true, "yclid": true,
	"mc_cid": true, "mc_eid": true, "igshid": true, "_ga": true, "_gl": true, "ref_src": true, "spm": true,
}

// CanonicalURL returns the form of an http or https URL that an article's
// link is stored and recognized by: the scheme and host in lower case,
// the default port, user, fragment, tracking parameters (utm_* and the
// like) and trailing slashes left out, the other parameters sorted; ok is
// false for anything else.
func CanonicalURL(raw string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || u.Opaque != "" {
		return "", false
	}
	u.Scheme, u.Host = strings.ToLower(u.Scheme), strings.ToLower(u.Host)
	switch {
	case u.Scheme == "http":
		u.Host = strings.TrimSuffix(u.Host, ":80")
	case u.Scheme == "https":
		u.Host = strings.TrimSuffix(u.Host, ":443")
	default:
		return "", false
	}
	u.User, u.Fragment, u.RawFragment = nil, "", ""
	q := u.Query()
	for k := range q {
		if lk := strings.ToLower(k); strings.HasPrefix(lk, "utm_") || trackingParams[lk] {
			q.Del(k)
		}
	}
	u.RawQuery, u.ForceQuery = q.Encode(), false
	u.Path, u.RawPath = strings.TrimRight(u.Path, "/"), ""
	return u.String(), true
}
