package app_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/sqlite"
)

// fakeFetcher serves feeds and pages from memory, as internal/fetch's
// Client would from the network, and counts what it was asked.
type fakeFetcher struct {
	mu    sync.Mutex
	feeds map[string]func(ctx context.Context, v domain.Validators) (domain.FetchedFeed, error)
	pages map[string]domain.FetchedPage
	sent  map[string][]domain.Validators // validators sent, per feed URL
	read  map[string]int                 // pages read, per URL
}

func newFakeFetcher() *fakeFetcher {
	return &fakeFetcher{feeds: map[string]func(context.Context, domain.Validators) (domain.FetchedFeed, error){},
		pages: map[string]domain.FetchedPage{}, sent: map[string][]domain.Validators{}, read: map[string]int{}}
}

// serve makes url answer feed, with etag as its validator, and 304 to a
// conditional GET carrying it.
func (f *fakeFetcher) serve(url, etag string, items ...domain.FeedItem) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.feeds[url] = func(_ context.Context, v domain.Validators) (domain.FetchedFeed, error) {
		if etag != "" && v.ETag == etag {
			return domain.FetchedFeed{NotModified: true}, nil
		}
		return domain.FetchedFeed{Validators: domain.Validators{ETag: etag}, Items: items}, nil
	}
}

func (f *fakeFetcher) fail(url string, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.feeds[url] = func(context.Context, domain.Validators) (domain.FetchedFeed, error) { return domain.FetchedFeed{}, err }
}

func (f *fakeFetcher) page(url string, p domain.FetchedPage) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.pages[url] = p
}

func (f *fakeFetcher) Feed(ctx context.Context, url string, v domain.Validators) (domain.FetchedFeed, error) {
	f.mu.Lock()
	serve, ok := f.feeds[url]
	f.sent[url] = append(f.sent[url], v)
	f.mu.Unlock()
	if !ok {
		return domain.FetchedFeed{}, &domain.FetchError{Problem: domain.FetchStatus, URL: url, Status: 404}
	}
	return serve(ctx, v)
}

func (f *fakeFetcher) Page(_ context.Context, url string) (domain.FetchedPage, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.read[url]++
	p, ok := f.pages[url]
	if !ok {
		return p, &domain.FetchError{Problem: domain.FetchUnreadable, URL: url}
	}
	return p, nil
}

func (f *fakeFetcher) reads() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.read {
		n += c
	}
	return n
}

// clock is a test's clock, safe to read from the polls' goroutines.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// fetching returns the use cases over a fresh database with f as their
// fetcher, on clock c, with a jitter of none (Rand 0.5).
func fetching(t testing.TB, f app.Fetcher, c *clock, o app.Options) (*app.App, *sqlite.DB) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "app.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	o.Now, o.Fetcher, o.PasswordCost = c.now, f, bcrypt.MinCost
	if o.Rand == nil {
		o.Rand = func() float64 { return 0.5 }
	}
	return app.Over(db, o), db
}

var pollStart = time.Date(2024, 5, 9, 8, 0, 0, 0, time.UTC) // 20 Ordibehesht 1403, 11:30 in Tehran

// story is a news text of n, naming a meeting on a day of 1403.
func story(n int) string {
	return fmt.Sprintf("به گزارش خبرگزاری، نشست خبری شمارهٔ %d مدیرکل میراث فرهنگی استان همدان روز ۲۵ اردیبهشت ۱۴۰۳ در سالن اجتماعات برگزار می‌شود.", n)
}

func addSource(t *testing.T, a *app.App, s domain.Source) domain.Source {
	t.Helper()
	if err := a.AddSource(context.Background(), &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// A feed of summaries only: each item's page is fetched for its main
// text; the articles take the source's province, their events its
// organization, the publication date the item's, in Tehran.
func TestFetchSummaryOnlyFeedReadsThePages(t *testing.T) {
	ctx := context.Background()
	c, f := &clock{t: pollStart}, newFakeFetcher()
	a, _ := fetching(t, f, c, app.Options{})
	src := addSource(t, a, domain.Source{URL: "https://www.irna.ir/rss/tp/8", Name: "ایرنا همدان", Province: "همدان", Organization: "میراث فرهنگی همدان"})
	f.serve(src.URL, `"v1"`,
		// 21:00 UTC on 9 May is 00:30 on 10 May in Tehran: 21 Ordibehesht.
		domain.FeedItem{Link: "https://www.irna.ir/news/1/?utm_source=rss", Title: "نشست یکم", Summary: "خلاصه", Published: time.Date(2024, 5, 9, 21, 0, 0, 0, time.UTC)},
		domain.FeedItem{Link: "https://www.irna.ir/news/2", Title: "", Summary: "خلاصه"})
	f.page("https://www.irna.ir/news/1/?utm_source=rss", domain.FetchedPage{URL: "https://www.irna.ir/news/1", Title: "عنوان صفحه", Text: story(1)})
	f.page("https://www.irna.ir/news/2", domain.FetchedPage{Title: "نشست دوم", Text: story(2), Published: time.Date(2024, 5, 8, 6, 0, 0, 0, time.UTC)})

	r, err := a.FetchSource(ctx, src.ID)
	if err != nil || r.New != 2 || r.Articles != 2 || r.Skipped != 0 || f.reads() != 2 {
		t.Fatalf("report %+v, %v; pages read %d", r, err, f.reads())
	}
	list, err := a.Articles(ctx, 10, 0)
	if err != nil || len(list) != 2 {
		t.Fatalf("articles %+v, %v", list, err)
	}
	byTitle := map[string]domain.ArticleSummary{}
	for _, s := range list {
		byTitle[s.Title] = s
		if s.Province != "همدان" || s.Source != "ایرنا همدان" || s.Events == 0 {
			t.Errorf("article %+v: want the source's province and name, and its events", s)
		}
	}
	if p := byTitle["نشست یکم"].Published; p != jalali.MustNew(1403, 2, 21) {
		t.Errorf("the item's date in Tehran: %v, want 1403/02/21", p)
	}
	if p := byTitle["نشست دوم"].Published; p != jalali.MustNew(1403, 2, 19) {
		t.Errorf("the page's date: %v, want 1403/02/19 (and its title)", p)
	}
	events, _ := a.ArticleEvents(ctx, byTitle["نشست یکم"].ID)
	for _, e := range events {
		if e.Organization == "" {
			t.Errorf("event %q without the source's organization", e.Title)
		}
	}
	all, err := a.ArticleLinks(ctx, byTitle["نشست یکم"].ID)
	links := all[byTitle["نشست یکم"].ID]
	if err != nil || len(links) != 1 || links[0].URL != "https://www.irna.ir/news/1" || links[0].SourceID != src.ID || links[0].Source != src.Name {
		t.Fatalf("links %+v, %v: want the canonical URL, no tracking", links, err)
	}
	got, _ := a.Source(ctx, src.ID)
	want := domain.SourceStatus{LastFetch: pollStart, NewItems: 2, Validators: domain.Validators{ETag: `"v1"`}, NextDue: pollStart.Add(30 * time.Minute)}
	if got.Status != want {
		t.Errorf("status %+v\nwant %+v", got.Status, want)
	}
}

// A feed with the full text reads no page; a second poll sends the
// validators, gets a 304 and stores nothing.
func TestFetchFullContentAndNotModified(t *testing.T) {
	ctx := context.Background()
	c, f := &clock{t: pollStart}, newFakeFetcher()
	a, _ := fetching(t, f, c, app.Options{})
	src := addSource(t, a, domain.Source{URL: "https://www.isna.ir/rss", Name: "ایسنا"})
	f.serve(src.URL, `"e1"`, domain.FeedItem{Link: "https://www.isna.ir/news/9", Title: "خبر", Content: story(9)})
	if r, err := a.FetchSource(ctx, src.ID); err != nil || r.New != 1 || f.reads() != 0 {
		t.Fatalf("first poll %+v, %v, pages read %d", r, err, f.reads())
	}
	c.set(pollStart.Add(31 * time.Minute))
	r, err := a.FetchSource(ctx, src.ID)
	if err != nil || !r.NotModified || r.New != 0 {
		t.Fatalf("second poll %+v, %v", r, err)
	}
	if sent := f.sent[src.URL]; len(sent) != 2 || sent[0] != (domain.Validators{}) || sent[1].ETag != `"e1"` {
		t.Errorf("validators sent %+v", sent)
	}
	got, _ := a.Source(ctx, src.ID)
	if got.Status.NewItems != 0 || got.Status.Validators.ETag != `"e1"` || got.Status.Problem != "" {
		t.Errorf("status after a 304: %+v (the validators kept)", got.Status)
	}
	if list, _ := a.Articles(ctx, 10, 0); len(list) != 1 {
		t.Errorf("%d articles, want 1", len(list))
	}
}

// A source that starts failing: its status shows why, its next poll backs
// off (doubling up to a day), the other sources are still polled, and a
// success brings it back to its interval.
func TestFailingSourceBacksOff(t *testing.T) {
	ctx := context.Background()
	c, f := &clock{t: pollStart}, newFakeFetcher()
	a, _ := fetching(t, f, c, app.Options{})
	bad := addSource(t, a, domain.Source{URL: "https://broken.example.ir/rss", Name: "الف", Interval: 4 * time.Hour})
	good := addSource(t, a, domain.Source{URL: "https://good.example.ir/rss", Name: "ب", Interval: 4 * time.Hour})
	f.serve(bad.URL, "", domain.FeedItem{Link: "https://broken.example.ir/n/1", Content: story(1)})
	f.serve(good.URL, "", domain.FeedItem{Link: "https://good.example.ir/n/1", Content: story(2)})
	if rs, err := a.FetchDue(ctx); err != nil || len(rs) != 2 || rs[0].Err != nil || rs[1].Err != nil {
		t.Fatalf("first round %+v, %v", rs, err)
	}
	f.fail(bad.URL, &domain.FetchError{Problem: domain.FetchStatus, URL: bad.URL, Status: 503})
	now := pollStart
	for i, wantDelay := range []time.Duration{8 * time.Hour, 16 * time.Hour, 24 * time.Hour, 24 * time.Hour} {
		now = now.Add(4 * time.Hour)
		s, _ := a.Source(ctx, bad.ID)
		if s.Status.NextDue.After(now) {
			now = s.Status.NextDue
		}
		c.set(now)
		f.serve(good.URL, "", domain.FeedItem{Link: fmt.Sprintf("https://good.example.ir/n/%d", i+2), Content: story(100 + i)})
		rs, err := a.FetchDue(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var badR, goodR *app.FetchReport
		for j := range rs {
			switch rs[j].Source.ID {
			case bad.ID:
				badR = &rs[j]
			case good.ID:
				goodR = &rs[j]
			}
		}
		if goodR == nil || goodR.Err != nil || goodR.New != 1 {
			t.Fatalf("round %d: the good source %+v", i, goodR)
		}
		var fe *domain.FetchError
		if badR == nil || !errors.As(badR.Err, &fe) || fe.Status != 503 {
			t.Fatalf("round %d: the failing source %+v", i, badR)
		}
		st := badR.Source.Status
		if st.Problem != domain.FetchStatus || st.HTTPStatus != 503 || st.Failures != i+1 || st.NextDue != now.Add(wantDelay) {
			t.Errorf("round %d: status %+v, want failure %d due in %v", i, st, i+1, wantDelay)
		}
	}
	f.serve(bad.URL, "", domain.FeedItem{Link: "https://broken.example.ir/n/2", Content: story(50)})
	s, _ := a.Source(ctx, bad.ID)
	c.set(s.Status.NextDue)
	r, err := a.FetchSource(ctx, bad.ID)
	if err != nil || r.Source.Status.Failures != 0 || r.Source.Status.Problem != "" || r.Source.Status.NextDue != s.Status.NextDue.Add(4*time.Hour) {
		t.Errorf("after it recovers: %+v, %v", r.Source.Status, err)
	}
}

// The jitter spreads the polls ±10% of the interval, from the injected
// random numbers.
func TestPollJitter(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		r    float64
		want time.Duration
	}{{0, 27 * time.Minute}, {0.5, 30 * time.Minute}, {0.75, 31*time.Minute + 30*time.Second}} {
		c, f := &clock{t: pollStart}, newFakeFetcher()
		a, _ := fetching(t, f, c, app.Options{Rand: func() float64 { return tc.r }})
		src := addSource(t, a, domain.Source{URL: "https://x.example.ir/rss"})
		f.serve(src.URL, "")
		r, err := a.FetchSource(ctx, src.ID)
		if err != nil || r.Source.Status.NextDue != pollStart.Add(tc.want) {
			t.Errorf("rand %v: due %v, %v; want in %v", tc.r, r.Source.Status.NextDue, err, tc.want)
		}
	}
}

// The same agency story on two sites is one article with two links.
func TestSameStoryOnTwoSourcesIsOneArticle(t *testing.T) {
	ctx := context.Background()
	c, f := &clock{t: pollStart}, newFakeFetcher()
	a, _ := fetching(t, f, c, app.Options{})
	one := addSource(t, a, domain.Source{URL: "https://www.irna.ir/rss", Name: "ایرنا"})
	two := addSource(t, a, domain.Source{URL: "https://hamedan.example.ir/feed", Name: "پایگاه استان"})
	// The same text, as the second site spaces and spells it.
	f.serve(one.URL, "", domain.FeedItem{Link: "https://www.irna.ir/news/7", Title: "نشست", Content: story(7)})
	f.serve(two.URL, "", domain.FeedItem{Link: "https://Hamedan.example.ir/a/77#top", Title: "نشست خبری",
		Content: "  " + strings.ReplaceAll(story(7), "ی", "ي") + "\n"})
	rs, err := a.FetchDue(ctx)
	if err != nil || len(rs) != 2 || rs[0].New+rs[1].New != 2 || rs[0].Articles+rs[1].Articles != 1 {
		t.Fatalf("reports %+v, %v", rs, err)
	}
	list, _ := a.Articles(ctx, 10, 0)
	if len(list) != 1 {
		t.Fatalf("%d articles, want 1", len(list))
	}
	all, err := a.ArticleLinks(ctx, list[0].ID)
	links := all[list[0].ID]
	if err != nil || len(links) != 2 {
		t.Fatalf("links %+v, %v", links, err)
	}
	urls := []string{links[0].URL, links[1].URL}
	if !strings.Contains(strings.Join(urls, " "), "https://hamedan.example.ir/a/77") {
		t.Errorf("links %v: want the second site's, canonical", urls)
	}
}

// A feed of 1,000 items: every one stored once; a second poll (the feed
// unchanged, no validators) reads no page and stores nothing.
func TestThousandItemFeed(t *testing.T) {
	ctx := context.Background()
	c, f := &clock{t: pollStart}, newFakeFetcher()
	a, _ := fetching(t, f, c, app.Options{})
	src := addSource(t, a, domain.Source{URL: "https://big.example.ir/rss", Name: "بزرگ"})
	items := make([]domain.FeedItem, 1000)
	for i := range items {
		items[i] = domain.FeedItem{Link: fmt.Sprintf("https://big.example.ir/news/%d", i), Title: fmt.Sprintf("خبر %d", i), Summary: "خلاصه"}
		f.page(items[i].Link, domain.FetchedPage{Text: story(1000 + i)})
	}
	items = append(items, items[10]) // an item twice in one feed
	f.serve(src.URL, "", items...)
	r, err := a.FetchSource(ctx, src.ID)
	if err != nil || r.New != 1000 || r.Articles != 1000 || f.reads() != 1000 {
		t.Fatalf("first poll %+v, %v, pages read %d", r, err, f.reads())
	}
	c.set(pollStart.Add(time.Hour))
	r, err = a.FetchSource(ctx, src.ID)
	if err != nil || r.New != 0 || f.reads() != 1000 {
		t.Fatalf("second poll %+v, %v, pages read %d", r, err, f.reads())
	}
	if list, _ := a.Articles(ctx, 2000, 0); len(list) != 1000 {
		t.Errorf("%d articles, want 1000", len(list))
	}
}

// An item whose page cannot be read is skipped (and tried again next
// time); the others are stored.
func TestUnreadablePageIsSkipped(t *testing.T) {
	ctx := context.Background()
	c, f := &clock{t: pollStart}, newFakeFetcher()
	a, _ := fetching(t, f, c, app.Options{})
	src := addSource(t, a, domain.Source{URL: "https://x.example.ir/rss"})
	f.serve(src.URL, "", domain.FeedItem{Link: "https://x.example.ir/1"}, domain.FeedItem{Link: "https://x.example.ir/2", Content: story(2)},
		domain.FeedItem{Link: "mailto:a@b.ir", Content: story(3)})
	r, err := a.FetchSource(ctx, src.ID)
	if err != nil || r.New != 1 || r.Skipped != 1 || r.Source.Status.Skipped != 1 {
		t.Fatalf("report %+v, %v", r, err)
	}
	c.set(pollStart.Add(time.Hour))
	f.page("https://x.example.ir/1", domain.FetchedPage{Text: story(1)})
	if r, err := a.FetchSource(ctx, src.ID); err != nil || r.New != 1 || r.Skipped != 0 {
		t.Fatalf("next poll %+v, %v", r, err)
	}
}

// A slow source delays no other: the others' polls are stored while it
// hangs, and it ends as a timeout when its time is up (here: the round
// cancelled).
func TestSlowSourceDelaysNoOther(t *testing.T) {
	c, f := &clock{t: pollStart}, newFakeFetcher()
	a, db := fetching(t, f, c, app.Options{FetchLimit: 2})
	slow := addSource(t, a, domain.Source{URL: "https://slow.example.ir/rss", Name: "آ"})
	var fast []domain.Source
	for i := range 4 {
		s := addSource(t, a, domain.Source{URL: fmt.Sprintf("https://fast%d.example.ir/rss", i), Name: fmt.Sprintf("ب%d", i)})
		f.serve(s.URL, "", domain.FeedItem{Link: s.URL + "/1", Content: story(i)})
		fast = append(fast, s)
	}
	f.feeds[slow.URL] = func(ctx context.Context, _ domain.Validators) (domain.FetchedFeed, error) {
		<-ctx.Done()
		return domain.FetchedFeed{}, &domain.FetchError{Problem: domain.FetchTimeout, URL: slow.URL, Err: ctx.Err()}
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan []app.FetchReport)
	go func() {
		rs, _ := a.FetchDue(ctx)
		done <- rs
	}()
	for polled := 0; polled < len(fast); {
		polled = 0
		for _, s := range fast {
			if got, err := db.Source(context.Background(), s.ID); err == nil && !got.Status.LastFetch.IsZero() {
				polled++
			}
		}
		select {
		case <-done:
			t.Fatal("the round ended before the slow source did")
		case <-time.After(time.Millisecond): // not a deadline: a pause between looks
		}
	}
	cancel()
	rs := <-done
	if len(rs) != 5 || rs[0].Source.ID != slow.ID || rs[0].Source.Status.Problem != domain.FetchTimeout {
		t.Fatalf("reports %+v", rs)
	}
}

// The server's poller polls the due sources at once and at each tick it
// is given, and stops with its context.
func TestPollSources(t *testing.T) {
	c, f := &clock{t: pollStart}, newFakeFetcher()
	a, _ := fetching(t, f, c, app.Options{})
	src := addSource(t, a, domain.Source{URL: "https://x.example.ir/rss"})
	f.serve(src.URL, "")
	ticks := make(chan time.Time)
	asked := make(chan time.Duration)
	wait := func(d time.Duration) <-chan time.Time { asked <- d; return ticks }
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	go func() { a.PollSources(ctx, time.Minute, wait); close(stopped) }()
	if d := <-asked; d != time.Minute {
		t.Errorf("waits %v, want a minute", d)
	}
	if n := len(f.sent[src.URL]); n != 1 {
		t.Fatalf("polled %d times before the first tick, want 1", n)
	}
	c.set(pollStart.Add(time.Hour)) // due again
	ticks <- c.now()
	<-asked
	f.mu.Lock()
	n := len(f.sent[src.URL])
	f.mu.Unlock()
	if n != 2 {
		t.Fatalf("polled %d times after a tick, want 2", n)
	}
	cancel()
	<-stopped
}

// failingArticles is storage that fails to store an article.
type failingArticles struct{ app.ArticleStore }

func (failingArticles) CreateArticle(context.Context, *domain.Article, []domain.Event, []domain.ArticleOccasion) (bool, error) {
	return false, errors.New("disk I/O error")
}

// Storage failing during a poll is not the source's failure: the error is
// returned, and the source's status (and backoff) stay as they were.
func TestStorageFailureIsNotTheSources(t *testing.T) {
	ctx := context.Background()
	c, f := &clock{t: pollStart}, newFakeFetcher()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "app.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	st := app.StoresOf(db)
	st.Articles = failingArticles{db}
	a := app.New(st, app.Options{Now: c.now, Fetcher: f, Rand: func() float64 { return 0.5 }})
	src := addSource(t, a, domain.Source{URL: "https://x.example.ir/rss"})
	f.serve(src.URL, `"e"`, domain.FeedItem{Link: "https://x.example.ir/1", Content: story(1)})
	r, err := a.FetchSource(ctx, src.ID)
	if err == nil || !strings.Contains(err.Error(), "disk I/O error") || r.Err != nil {
		t.Fatalf("report %+v, %v", r, err)
	}
	if got, _ := a.Source(ctx, src.ID); got.Status != (domain.SourceStatus{}) {
		t.Errorf("status %+v, want untouched", got.Status)
	}
	rs, err := a.FetchDue(ctx)
	if err != nil || len(rs) != 1 || rs[0].Err == nil {
		t.Errorf("FetchDue: %+v, %v; want the storage error in the report", rs, err)
	}
}
