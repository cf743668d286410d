package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	usecases "github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/sqlite"
	"github.com/ruydad/ruydad/internal/web"
)

// pageFetcher serves feeds and article pages from memory: the tests reach
// no network. A URL it does not know answers 503.
type pageFetcher struct {
	mu    sync.Mutex
	feeds map[string][]domain.FeedItem
	pages map[string]domain.FetchedPage
}

func (f *pageFetcher) Feed(_ context.Context, u string, _ domain.Validators) (domain.FetchedFeed, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	items, ok := f.feeds[u]
	if !ok {
		return domain.FetchedFeed{}, &domain.FetchError{Problem: domain.FetchStatus, URL: u, Status: 503}
	}
	return domain.FetchedFeed{Items: items}, nil
}

func (f *pageFetcher) Page(_ context.Context, u string) (domain.FetchedPage, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	p, ok := f.pages[u]
	if !ok {
		return p, &domain.FetchError{Problem: domain.FetchBlocked, URL: u}
	}
	return p, nil
}

// newFetchingApp is newApp whose use cases fetch through f (none when f
// is nil), on the tests' clock.
func newFetchingApp(t *testing.T, f usecases.Fetcher) *app {
	a := newAppOver(t, web.Config{}, func(db *sqlite.DB) *usecases.App {
		return usecases.Over(db, usecases.Options{Logger: discardLogger(), PasswordCost: bcrypt.MinCost, Fetcher: f,
			Now: func() time.Time { return fixedNow }, Rand: func() float64 { return 0.5 }})
	}, nil)
	a.signIn("office", domain.RoleEditor)
	return a
}

const meetingText = "به گزارش خبرگزاری، نشست خبری مدیرکل میراث فرهنگی استان همدان روز ۲۵ اردیبهشت ۱۴۰۳ در سالن اجتماعات برگزار می‌شود."

func TestSourcesPage(t *testing.T) {
	f := &pageFetcher{feeds: map[string][]domain.FeedItem{
		"https://www.irna.ir/rss": {{Link: "https://www.irna.ir/news/1?utm_source=rss", Title: "نشست خبری", Content: meetingText}},
	}}
	a := newFetchingApp(t, f)
	status, doc := a.get("/sources")
	if status != http.StatusOK || doc.Find(`[data-testid="sources-empty"]`).Length() != 1 || doc.Find(`header a[href="/sources"]`).First().Text() != "منابع خبر" {
		t.Fatalf("empty page: %d, header link %q", status, doc.Find(`header a[href="/sources"]`).Text())
	}

	// Bad input: its Persian message beside its field, nothing stored.
	for _, tc := range []struct {
		form  url.Values
		field string
		want  string
	}{
		{url.Values{"url": {"file:///etc/passwd"}}, "url", "نشانی خوانده نشد"},
		{url.Values{"url": {"ftp://www.irna.ir/rss"}}, "url", "فقط نشانی‌های http و https"},
		{url.Values{"url": {"https://www.irna.ir/rss"}, "interval": {"۲"}}, "interval", "از ۵ دقیقه تا ۲۴ ساعت"},
		{url.Values{"url": {"https://www.irna.ir/rss"}, "interval": {"نیم ساعت"}}, "interval", "به دقیقه بنویسید"},
	} {
		resp, doc := a.post("/sources", tc.form)
		if got := doc.Find(`[data-testid="error-` + tc.field + `"]`).Text(); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(got, tc.want) {
			t.Errorf("%v: %d, %q; want %q", tc.form, resp.StatusCode, got, tc.want)
		}
	}
	if list, _ := a.db.Sources(context.Background()); len(list) != 0 {
		t.Fatalf("bad input stored %d sources", len(list))
	}

	resp, _ := a.post("/sources", url.Values{"url": {"https://www.irna.ir/rss"}, "name": {"ایرنا همدان"}, "province": {"همدان"}, "interval": {"۶۰"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/sources?done=source-added" {
		t.Fatalf("add: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, doc := a.post("/sources", url.Values{"url": {"https://www.irna.ir/rss"}}); doc.Find(`[data-testid="error-url"]`).Text() != "این نشانی پیش‌تر در منابع خبر آمده است." {
		t.Errorf("the same URL again: %q", doc.Find(`[data-testid="error-url"]`).Text())
	}
	_, doc = a.get("/sources")
	item := doc.Find(`[data-source-id]`)
	if item.Length() != 1 || !strings.Contains(item.Text(), "هر ۱ ساعت") || item.Find(`[data-testid="source-status"]`).Text() != "هنوز خوانده نشده است." {
		t.Fatalf("listed: %q", item.Text())
	}
	id, _ := item.Attr("data-source-id")

	resp, _ = a.post("/sources/"+id+"/fetch", url.Values{})
	if resp.Header.Get("Location") != "/sources?done=source-fetched" {
		t.Fatalf("fetch now: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, doc = a.get("/sources?done=source-fetched")
	if got := doc.Find(`[data-testid="source-status"]`).Text(); got != "آخرین خواندن: ۲۰ اردیبهشت ۱۴۰۳، ساعت ۱۰:۰۰؛ ۱ خبر تازه." {
		t.Errorf("status line %q", got)
	}

	// The article found has its link, on the list and on its page.
	_, doc = a.get("/articles")
	link := doc.Find(`[data-testid="article-links"] a`)
	if href, _ := link.Attr("href"); href != "https://www.irna.ir/news/1" || link.Text() != "www.irna.ir" || !strings.Contains(doc.Find(`[data-testid="article-links"]`).Text(), "ایرنا همدان") {
		t.Errorf("articles list link %q %q", href, link.Text())
	}
	articleURL, _ := doc.Find(`[data-article-id] a`).First().Attr("href")
	_, doc = a.get(articleURL)
	if href, _ := doc.Find(`[data-testid="article-sources"] a`).Attr("href"); href != "https://www.irna.ir/news/1" {
		t.Errorf("article page link %q", href)
	}

	// Off, then removed after asking.
	if resp, _ := a.post("/sources/"+id+"/enabled", url.Values{"on": {"0"}}); resp.Header.Get("Location") != "/sources?done=source-off" {
		t.Errorf("off: %s", resp.Header.Get("Location"))
	}
	if _, doc := a.get("/sources"); doc.Find(`[data-testid="source-off"]`).Length() != 1 || doc.Find(`[data-testid="source-enable"]`).Length() != 1 {
		t.Error("the source is not shown off")
	}
	if status, doc := a.get("/sources/" + id + "/delete"); status != http.StatusOK || doc.Find(`[data-testid="confirm-delete"]`).Length() != 1 {
		t.Fatalf("confirm page %d", status)
	}
	if resp, _ := a.post("/sources/"+id+"/delete", url.Values{}); resp.Header.Get("Location") != "/sources?done=source-removed" {
		t.Errorf("delete: %s", resp.Header.Get("Location"))
	}
	if list, _ := a.db.Sources(context.Background()); len(list) != 0 {
		t.Errorf("%d sources left", len(list))
	}
	if _, doc := a.get(articleURL); doc.Find(`[data-testid="article-sources"] a`).Length() != 1 {
		t.Error("the article lost its link with its source")
	}
	if resp, _ := a.post("/sources/999/fetch", url.Values{}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("fetch of no source: %d", resp.StatusCode)
	}
}

// A source that fails says why, in Persian, on its status line.
func TestSourceFailureInPersian(t *testing.T) {
	a := newFetchingApp(t, &pageFetcher{})
	a.post("/sources", url.Values{"url": {"https://down.example.ir/rss"}})
	list, _ := a.db.Sources(context.Background())
	resp, _ := a.post("/sources/"+itoa(list[0].ID)+"/fetch", url.Values{})
	if resp.Header.Get("Location") != "/sources?done=source-fetch-failed" {
		t.Fatalf("fetch now: %s", resp.Header.Get("Location"))
	}
	_, doc := a.get("/sources")
	status := doc.Find(`[data-testid="source-status"]`)
	if !strings.Contains(status.Text(), "ناکام: کارگزارِ این نشانی خطای ۵۰۳ داد.") || !status.HasClass("error") {
		t.Errorf("status line %q", status.Text())
	}
}

// Without a fetcher the page says nothing is fetched and offers no
// «اکنون بخوان»; a link on the article form gets the same sentence.
func TestNoFetcherSaysSo(t *testing.T) {
	a := newFetchingApp(t, nil)
	a.post("/sources", url.Values{"url": {"https://www.irna.ir/rss"}})
	_, doc := a.get("/sources")
	if doc.Find(`[data-testid="fetch-unavailable"]`).Length() != 1 || doc.Find(`[data-testid="source-fetch"]`).Length() != 0 {
		t.Error("the page offers fetching it cannot do")
	}
	resp, doc := a.post("/articles", url.Values{"link": {"https://www.irna.ir/news/1"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || doc.Find(`[data-testid="error-link"]`).Text() != "این نسخهٔ کارگزار خبر را از شبکه نمی‌خواند." {
		t.Errorf("a link without a fetcher: %d %q", resp.StatusCode, doc.Find(`[data-testid="error-link"]`).Text())
	}
}

// /articles/new takes a link: its page is read and imported as if pasted;
// a link that cannot be read gets a Persian sentence beside the field and
// stores nothing.
func TestArticleFromLink(t *testing.T) {
	f := &pageFetcher{pages: map[string]domain.FetchedPage{
		"https://www.isna.ir/news/5": {Title: "نشست خبری میراث", Text: meetingText, Published: time.Date(2024, 5, 8, 8, 0, 0, 0, time.UTC)},
	}}
	a := newFetchingApp(t, f)
	if _, doc := a.get("/articles/new"); doc.Find(`input[name="link"][type="url"]`).Length() != 1 {
		t.Fatal("the article form has no link field")
	}
	resp, doc := a.post("/articles", url.Values{"link": {"http://10.0.0.1/admin"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(doc.Find(`[data-testid="error-link"]`).Text(), "شبکهٔ داخلی") ||
		doc.Find(`input[name="link"]`).AttrOr("value", "") != "http://10.0.0.1/admin" {
		t.Errorf("a blocked link: %d %q", resp.StatusCode, doc.Find(`[data-testid="error-link"]`).Text())
	}
	if resp, doc := a.post("/articles", url.Values{"link": {"javascript:alert(1)"}}); resp.StatusCode != http.StatusUnprocessableEntity || doc.Find(`[data-testid="error-link"]`).Text() == "" {
		t.Errorf("a bad link: %d", resp.StatusCode)
	}
	if list, _ := a.db.Articles(context.Background(), 10, 0); len(list) != 0 {
		t.Fatalf("%d articles stored from bad links", len(list))
	}
	resp, doc = a.post("/articles", url.Values{"link": {"https://www.isna.ir/news/5"}, "province": {"همدان"}})
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasSuffix(loc, "?done=imported") {
		t.Fatalf("from a link: %d %s %q", resp.StatusCode, loc, doc.Find(`.error`).Text())
	}
	_, doc = a.get(loc)
	if doc.Find(`[data-testid="article-title"]`).Text() != "نشست خبری میراث" || !strings.Contains(doc.Find(`[data-testid="article-published"]`).Text(), "۱۹ اردیبهشت ۱۴۰۳") {
		t.Errorf("article page: %q, %q", doc.Find(`[data-testid="article-title"]`).Text(), doc.Find(`[data-testid="article-published"]`).Text())
	}
	if href, _ := doc.Find(`[data-testid="article-sources"] a`).Attr("href"); href != "https://www.isna.ir/news/5" {
		t.Errorf("its link %q", href)
	}
	resp, _ = a.post("/articles", url.Values{"link": {"https://WWW.isna.ir/news/5/?utm_source=tg#top"}})
	if !strings.HasSuffix(resp.Header.Get("Location"), "?done=duplicate") {
		t.Errorf("the same link again: %s", resp.Header.Get("Location"))
	}
}
