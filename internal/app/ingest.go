package app

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// FetchReport is what one poll of a source did.
type FetchReport struct {
	Source      domain.Source // its status as the poll left it
	NotModified bool          // the source answered 304
	New         int           // links stored
	Articles    int           // of which new articles (the others joined a stored one)
	Skipped     int           // items whose page or text could not be read
	Err         error         // why the poll failed, nil when it did not
}

// FetchSource polls source id once: a conditional GET of its feed with its
// validators; each item whose canonical URL is not stored is read (its full
// content when the feed carries it, else its page's main text), imported
// (province and organization defaulted from the source, the publication
// date from the item or the page, in Tehran) and linked; a text already
// stored gets the link instead of a second article. Its status is stored:
// new items, the failure if any, its validators and when it is due next
// (its interval, doubled after each failure in a row up to a day, ±10%).
// A failed fetch is the report's Err and the error returned (a
// *domain.FetchError for the network's); a storage error is returned alone,
// the source's status left as it was.
func (app *App) FetchSource(ctx context.Context, id int64) (FetchReport, error) {
	if app.fetch.fetcher == nil {
		return FetchReport{}, ErrNoFetcher
	}
	src, err := app.sources.Source(ctx, id)
	if err != nil {
		return FetchReport{}, err
	}
	r := FetchReport{Source: src}
	st := src.Status
	r.Err = app.ingest(ctx, src, &r)
	var se storeError
	if errors.As(r.Err, &se) {
		// Storage failed, not the source: its status stays as it was, and
		// it is polled again at its time.
		r.Err = nil
		return r, se.error
	}
	st.LastFetch = app.stamp()
	if r.Err == nil {
		st.NewItems, st.Skipped, st.Problem, st.HTTPStatus, st.Failures = r.New, r.Skipped, "", 0, 0
	} else {
		st.NewItems, st.Skipped = r.New, r.Skipped
		st.Problem, st.HTTPStatus = problemOf(r.Err)
		st.Failures++
	}
	if v := r.Source.Status.Validators; v != (domain.Validators{}) {
		st.Validators = v
	}
	st.NextDue = st.LastFetch.Add(app.nextPoll(src.Interval, st.Failures))
	// The status is stored even when the poll ran out of time.
	if err := app.sources.SetSourceStatus(context.WithoutCancel(ctx), id, st); err != nil {
		return r, err
	}
	r.Source.Status = st
	return r, r.Err
}

// storeError is storage failing during a poll (as opposed to the source).
type storeError struct{ error }

func (e storeError) Unwrap() error { return e.error }

// ingest reads src's feed and stores its new items, counting them in r; it
// leaves in r.Source.Status.Validators what the source answered, if any.
// Storage's failures come back as storeError.
func (app *App) ingest(ctx context.Context, src domain.Source, r *FetchReport) error {
	r.Source.Status.Validators = domain.Validators{}
	feed, err := app.fetch.fetcher.Feed(ctx, src.URL, src.Status.Validators)
	if err != nil {
		return err
	}
	r.Source.Status.Validators = feed.Validators
	if feed.NotModified {
		r.NotModified = true
		return nil
	}
	items, urls := newItems(feed.Items)
	linked, err := app.sources.LinkedArticles(ctx, urls)
	if err != nil {
		return storeError{err}
	}
	st, err := app.Calendar(ctx)
	if err != nil {
		return storeError{err}
	}
	o := ImportOptions{Miner: st.Miner(), Organization: src.Organization}
	for i, it := range items {
		if _, ok := linked[urls[i]]; ok {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		a, err := app.itemArticle(ctx, it)
		if err != nil {
			r.Skipped++
			continue
		}
		a.Source, a.Province = sourceName(src), src.Province
		res, err := app.ImportArticle(ctx, a, o)
		if err != nil {
			if isUnreadable(err) {
				r.Skipped++
				continue
			}
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return storeError{err}
		}
		added, err := app.sources.AddArticleLink(ctx, &domain.ArticleLink{ArticleID: res.Article.ID, URL: urls[i],
			SourceID: src.ID, Title: a.Title, FoundAt: app.stamp()})
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return storeError{err}
		}
		if added {
			r.New++
			if res.Created {
				r.Articles++
			}
		}
	}
	return nil
}

// newItems returns the items of a feed that have a readable link, once
// each, with their canonical URLs.
func newItems(all []domain.FeedItem) ([]domain.FeedItem, []string) {
	seen := make(map[string]bool, len(all))
	var items []domain.FeedItem
	var urls []string
	for _, it := range all {
		link := it.Link
		if link == "" {
			link = it.GUID // a permalink GUID; anything else is no URL
		}
		u, ok := CanonicalURL(link)
		if !ok || seen[u] {
			continue
		}
		seen[u] = true
		it.Link = link
		items, urls = append(items, it), append(urls, u)
	}
	return items, urls
}

// itemArticle is the article of a feed item: its full content when the
// feed carries it, else its page's main text.
func (app *App) itemArticle(ctx context.Context, it domain.FeedItem) (domain.Article, error) {
	a := domain.Article{Title: strings.TrimSpace(it.Title), Text: it.Content}
	published := it.Published
	if strings.TrimSpace(a.Text) == "" {
		page, err := app.fetch.fetcher.Page(ctx, it.Link)
		if err != nil {
			return a, err
		}
		a.Text = page.Text
		if a.Title == "" {
			a.Title = strings.TrimSpace(page.Title)
		}
		if published.IsZero() {
			published = page.Published
		}
	}
	if !published.IsZero() {
		a.Published = jalali.FromTime(published)
	}
	return a, nil
}

// isUnreadable reports whether err is an article refused for what it is
// (no text, not UTF-8, too big), not for storage failing.
func isUnreadable(err error) bool {
	var verr domain.ValidationError
	return errors.Is(err, ErrEmpty) || errors.Is(err, ErrNotUTF8) || errors.As(err, &verr)
}

// sourceName is what an article from s names as its source: s's name, or
// its URL's host.
func sourceName(s domain.Source) string {
	if s.Name != "" {
		return s.Name
	}
	if u, err := url.Parse(s.URL); err == nil {
		return u.Hostname()
	}
	return s.URL
}

// problemOf is why err made a fetch fail, and the HTTP status it carries.
func problemOf(err error) (domain.FetchProblem, int) {
	var fe *domain.FetchError
	switch {
	case errors.As(err, &fe):
		return fe.Problem, fe.Status
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled):
		return domain.FetchTimeout, 0
	}
	return domain.FetchNetwork, 0
}

// nextPoll is how long after a poll the next one comes: the interval,
// doubled for each failure in a row up to a day, give or take 10%.
func (app *App) nextPoll(interval time.Duration, failures int) time.Duration {
	d := interval
	for i := 0; i < failures && d < domain.MaxSourceInterval; i++ {
		d *= 2
	}
	d = min(d, domain.MaxSourceInterval)
	return time.Duration(float64(d) * (0.9 + 0.2*app.fetch.rand()))
}

// FetchDue polls every source that is on and due, each with its own time
// limit (Options.SourceTimeout), at most Options.FetchLimit at once, so a
// slow or broken source delays no other. The reports are in the sources'
// order; a poll's failure is its report's Err.
func (app *App) FetchDue(ctx context.Context) ([]FetchReport, error) {
	now := app.stamp()
	return app.fetchWhere(ctx, func(s domain.Source) bool { return !s.Status.NextDue.After(now) })
}

// FetchAll is FetchDue over every source that is on, due or not.
func (app *App) FetchAll(ctx context.Context) ([]FetchReport, error) {
	return app.fetchWhere(ctx, func(domain.Source) bool { return true })
}

// fetchWhere polls, as FetchDue does, the sources that are on and pass
// due.
func (app *App) fetchWhere(ctx context.Context, due func(domain.Source) bool) ([]FetchReport, error) {
	if app.fetch.fetcher == nil {
		return nil, ErrNoFetcher
	}
	all, err := app.sources.Sources(ctx)
	if err != nil {
		return nil, err
	}
	var polled []domain.Source
	for _, s := range all {
		if s.Enabled && due(s) {
			polled = append(polled, s)
		}
	}
	reports := make([]FetchReport, len(polled))
	slots := make(chan struct{}, app.fetch.limit)
	var wg sync.WaitGroup
	for i, s := range polled {
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			sctx, cancel := context.WithTimeout(ctx, app.fetch.timeout)
			defer cancel()
			r, err := app.FetchSource(sctx, s.ID)
			if r.Source.ID == 0 {
				r.Source = s
			}
			if err != nil && r.Err == nil {
				r.Err = fmt.Errorf("source %d: %w", s.ID, err)
			}
			reports[i] = r
		})
	}
	wg.Wait()
	return reports, nil
}

// PollSources polls the sources that are due (FetchDue) at once, then
// each time wait(every) fires, until ctx ends: the server's poller, run on
// a goroutine of its own so that no request waits for it. A failed poll is
// logged; the next round comes at its time.
func (app *App) PollSources(ctx context.Context, every time.Duration, wait func(time.Duration) <-chan time.Time) {
	for {
		reports, err := app.FetchDue(ctx)
		if err != nil && ctx.Err() == nil {
			app.logError("polling the news sources", err)
		}
		for _, r := range reports {
			if r.Err != nil && ctx.Err() == nil {
				app.log.Warn("a news source failed", "source", r.Source.ID, "url", r.Source.URL, "err", r.Err,
					"failures", r.Source.Status.Failures, "next", r.Source.Status.NextDue)
			} else if r.New > 0 {
				app.log.Info("news fetched", "source", r.Source.ID, "url", r.Source.URL, "new", r.New, "articles", r.Articles)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-wait(every):
		}
	}
}

// ImportLink fetches the article page at link, reads its main text and
// imports it as ImportArticle does a pasted one (a's title, province and
// publication date, when given, win over the page's), then links it; a
// text given in a is imported as it is, not fetched, and linked. A
// link already stored is its article, not fetched again. A bad URL is a
// ValidationError on FieldURL; a failed fetch a *domain.FetchError.
func (app *App) ImportLink(ctx context.Context, link string, a domain.Article, o ImportOptions) (ImportResult, error) {
	if fe, ok := domain.CheckURL(strings.TrimSpace(link)); !ok {
		return ImportResult{}, domain.ValidationError{fe}
	}
	if app.fetch.fetcher == nil && strings.TrimSpace(a.Text) == "" {
		return ImportResult{}, ErrNoFetcher
	}
	canon, _ := CanonicalURL(link)
	linked, err := app.sources.LinkedArticles(ctx, []string{canon})
	if err != nil {
		return ImportResult{}, err
	}
	if id, ok := linked[canon]; ok {
		stored, err := app.Article(ctx, id)
		return ImportResult{Article: stored}, err
	}
	if strings.TrimSpace(a.Text) == "" {
		page, err := app.fetch.fetcher.Page(ctx, strings.TrimSpace(link))
		if err != nil {
			return ImportResult{}, err
		}
		a.Text = page.Text
		if strings.TrimSpace(a.Title) == "" {
			a.Title = strings.TrimSpace(page.Title)
		}
		if a.Published.IsZero() && !page.Published.IsZero() {
			a.Published = jalali.FromTime(page.Published)
		}
	}
	if a.Source == "" {
		if u, err := url.Parse(canon); err == nil {
			a.Source = u.Hostname()
		}
	}
	res, err := app.ImportArticle(ctx, a, o)
	if err != nil {
		return res, err
	}
	_, err = app.sources.AddArticleLink(ctx, &domain.ArticleLink{ArticleID: res.Article.ID, URL: canon,
		Title: a.Title, FoundAt: app.stamp()})
	return res, err
}
