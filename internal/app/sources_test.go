package app_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

func TestCanonicalURL(t *testing.T) {
	for raw, want := range map[string]string{
		"https://WWW.IRNA.ir/news/85123/":                                               "https://www.irna.ir/news/85123",
		"https://www.irna.ir:443/news/1?utm_source=tg&utm_medium=x":                     "https://www.irna.ir/news/1",
		"http://isna.ir:80/news/2#comments":                                             "http://isna.ir/news/2",
		"https://farsnews.ir/x?b=2&fbclid=zz&a=1&gclid=q":                               "https://farsnews.ir/x?a=1&b=2",
		"https://mehrnews.com/news/5/عنوان-خبر/":                                        "https://mehrnews.com/news/5/%D8%B9%D9%86%D9%88%D8%A7%D9%86-%D8%AE%D8%A8%D8%B1",
		"https://mehrnews.com/news/5/%D8%B9%D9%86%D9%88%D8%A7%D9%86-%D8%AE%D8%A8%D8%B1": "https://mehrnews.com/news/5/%D8%B9%D9%86%D9%88%D8%A7%D9%86-%D8%AE%D8%A8%D8%B1",
		"https://example.ir/":                                                           "https://example.ir",
		"https://u:p@example.ir/a?id=3":                                                 "https://example.ir/a?id=3",
	} {
		if got, ok := app.CanonicalURL(raw); !ok || got != want {
			t.Errorf("CanonicalURL(%q) = %q, %v; want %q", raw, got, ok, want)
		}
	}
	for _, bad := range []string{"", "ftp://x.ir/a", "mailto:a@b.ir", "/news/1", "javascript:alert(1)"} {
		if got, ok := app.CanonicalURL(bad); ok {
			t.Errorf("CanonicalURL(%q) = %q, want refused", bad, got)
		}
	}
}

// Adding a source: defaults filled, bad input refused with nothing stored,
// a URL watched already refused beside the URL; an edit that changes the
// URL starts its status afresh.
func TestAddAndUpdateSource(t *testing.T) {
	ctx := context.Background()
	c, f := &clock{t: pollStart}, newFakeFetcher()
	a, _ := fetching(t, f, c, app.Options{})
	s := addSource(t, a, domain.Source{URL: " https://www.irna.ir/rss ", Name: "ایرنا\u202e"})
	if s.URL != "https://www.irna.ir/rss" || s.Name != "ایرنا" || !s.Enabled || s.Interval != 30*time.Minute || !s.CreatedAt.Equal(pollStart) {
		t.Errorf("added %+v", s)
	}
	var verr domain.ValidationError
	for _, bad := range []domain.Source{{URL: "file:///etc/passwd"}, {URL: "https://x.ir", Interval: time.Minute}} {
		if err := a.AddSource(ctx, &bad); !errors.As(err, &verr) {
			t.Errorf("%+v: %v, want a ValidationError", bad, err)
		}
	}
	dup := domain.Source{URL: "https://www.irna.ir/rss"}
	err := a.AddSource(ctx, &dup)
	if !errors.As(err, &verr) || verr[0].Code != domain.CodeSourceTaken || !errors.Is(err, domain.ErrConflict) {
		t.Errorf("the same URL again: %v", err)
	}
	if list, _ := a.Sources(ctx); len(list) != 1 {
		t.Fatalf("%d sources stored, want 1", len(list))
	}

	f.serve(s.URL, `"e"`)
	if _, err := a.FetchSource(ctx, s.ID); err != nil {
		t.Fatal(err)
	}
	s.Name = "ایرنا مرکزی"
	if err := a.UpdateSource(ctx, s); err != nil {
		t.Fatal(err)
	}
	if got, _ := a.Source(ctx, s.ID); got.Name != s.Name || got.Status.Validators.ETag != `"e"` {
		t.Errorf("after a rename: %+v (status kept)", got)
	}
	s.URL = "https://www.irna.ir/rss/tp/8"
	if err := a.UpdateSource(ctx, s); err != nil {
		t.Fatal(err)
	}
	if got, _ := a.Source(ctx, s.ID); got.Status != (domain.SourceStatus{}) {
		t.Errorf("after a new URL: status %+v, want none", got.Status)
	}
	if err := a.SetSourceEnabled(ctx, s.ID, false); err != nil {
		t.Fatal(err)
	}
	if rs, err := a.FetchDue(ctx); err != nil || len(rs) != 0 {
		t.Errorf("a source switched off was polled: %+v, %v", rs, err)
	}
	if err := a.RemoveSource(ctx, s.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Source(ctx, s.ID); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("removed source: %v", err)
	}
}

// Without a fetcher nothing is fetched, and it says so.
func TestNoFetcher(t *testing.T) {
	c := &clock{t: pollStart}
	a, _ := fetching(t, nil, c, app.Options{})
	if _, err := a.FetchDue(context.Background()); !errors.Is(err, app.ErrNoFetcher) {
		t.Errorf("FetchDue: %v", err)
	}
	ctx := context.Background()
	if _, err := a.ImportLink(ctx, "https://x.ir/a", domain.Article{}, app.ImportOptions{}); !errors.Is(err, app.ErrNoFetcher) {
		t.Errorf("ImportLink: %v", err)
	}
	// A text pasted with its link needs no fetching: it is imported, and
	// the link kept beside it.
	st, err := a.Calendar(ctx)
	if err != nil {
		t.Fatal(err)
	}
	res, err := a.ImportLink(ctx, "https://x.ir/a/", domain.Article{Text: story(4)}, app.ImportOptions{Miner: st.Miner()})
	if err != nil || !res.Created || res.Article.Source != "x.ir" {
		t.Fatalf("a pasted text with its link: %+v, %v", res, err)
	}
	if all, _ := a.ArticleLinks(ctx, res.Article.ID); len(all[res.Article.ID]) != 1 || all[res.Article.ID][0].URL != "https://x.ir/a" {
		t.Errorf("its link: %+v", all)
	}
}

// A link pasted for an article: its page read and imported, linked; the
// same link again is that article, not fetched again; a bad URL or a
// failed fetch stores nothing.
func TestImportLink(t *testing.T) {
	ctx := context.Background()
	c, f := &clock{t: pollStart}, newFakeFetcher()
	a, _ := fetching(t, f, c, app.Options{})
	st, err := a.Calendar(ctx)
	if err != nil {
		t.Fatal(err)
	}
	o := app.ImportOptions{Miner: st.Miner()}
	link := "https://www.irna.ir/news/3?utm_campaign=x"
	f.page(link, domain.FetchedPage{Title: "نشست خبری", Text: story(3), Published: time.Date(2024, 5, 9, 6, 0, 0, 0, time.UTC)})
	res, err := a.ImportLink(ctx, link, domain.Article{Province: "همدان"}, o)
	if err != nil || !res.Created || res.Article.Title != "نشست خبری" || res.Article.Source != "www.irna.ir" ||
		res.Article.Province != "همدان" || res.Article.Published != jalali.MustNew(1403, 2, 20) {
		t.Fatalf("imported %+v, %v", res, err)
	}
	if all, _ := a.ArticleLinks(ctx, res.Article.ID); len(all[res.Article.ID]) != 1 || all[res.Article.ID][0].URL != "https://www.irna.ir/news/3" {
		t.Errorf("links %+v", all)
	}
	again, err := a.ImportLink(ctx, "https://WWW.irna.ir/news/3/", domain.Article{}, o)
	if err != nil || again.Created || again.Article.ID != res.Article.ID || f.reads() != 1 {
		t.Errorf("again: %+v, %v, pages read %d", again, err, f.reads())
	}
	var verr domain.ValidationError
	if _, err := a.ImportLink(ctx, "ftp://x.ir/a", domain.Article{}, o); !errors.As(err, &verr) || verr[0].Field != domain.FieldURL {
		t.Errorf("a bad URL: %v", err)
	}
	var fe *domain.FetchError
	if _, err := a.ImportLink(ctx, "https://gone.example.ir/a", domain.Article{}, o); !errors.As(err, &fe) {
		t.Errorf("a failed fetch: %v", err)
	}
	if list, _ := a.Articles(ctx, 10, 0); len(list) != 1 {
		t.Errorf("%d articles, want 1", len(list))
	}
}
