package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/sqlite"
)

// localNews is a provincial agency's story as the local site of
// TestFetchCommandLocalFeed serves it.
type localNews struct{ path, title, published, event string }

var localStories = []localNews{
	{"/fa/news/1403021801/press", "نشست خبری مدیرکل روابط عمومی استانداری همدان", "2024-05-07T09:30:00+03:30",
		"نشست خبری مدیرکل روابط عمومی استانداری همدان روز ۲۵ اردیبهشت ۱۴۰۳ ساعت ۱۰ در سالن اجتماعات استانداری برگزار می‌شود."},
	{"/fa/news/1403021902/council", "جلسهٔ شورای اطلاع‌رسانی استان همدان", "2024-05-08T12:00:00+03:30",
		"جلسهٔ شورای اطلاع‌رسانی استان همدان روز ۲۹ اردیبهشت ۱۴۰۳ ساعت ۹ با حضور استاندار برگزار می‌شود."},
}

// localNewsSite serves, on loopback, a summary-only RSS feed of
// localStories at /fa/rss and each story's page (header clock, menu, the
// article dated in article:published_time, related news, comments).
func localNewsSite(t *testing.T) *httptest.Server {
	t.Helper()
	var origin string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/fa/rss" {
			w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
			fmt.Fprintf(w, `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>خبرگزاری استان - همدان</title><link>%s/</link><description>اخبار استان</description>`, origin)
			for _, st := range localStories {
				fmt.Fprintf(w, `<item><title>%s</title><link>%s%s</link><description>همدان - خبرگزاری استان - %s</description></item>`,
					st.title, origin, st.path, st.title)
			}
			fmt.Fprint(w, "</channel></rss>\n")
			return
		}
		for _, st := range localStories {
			if r.URL.Path != st.path {
				continue
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<!DOCTYPE html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>%[1]s - خبرگزاری استان</title>
<meta property="article:published_time" content="%[2]s"></head><body>
<header><span class="date">پنجشنبه ۲۰ اردیبهشت ۱۴۰۳</span> <time datetime="2024-05-09T10:00:00+03:30">۱۰:۰۰</time>
<nav><a href="/fa/service/politics">سیاسی</a> <a href="/fa/service/province">استان‌ها</a></nav></header>
<main><article><h1>%[1]s</h1><div class="item-text" itemprop="articleBody">
<p>همدان - خبرگزاری استان - روابط عمومی استانداری همدان از برنامه‌های هفتهٔ ارتباطات و روابط عمومی خبر داد.</p>
<p>به گزارش خبرگزاری استان، %[3]s</p>
<p>در این نشست عملکرد یک‌سالهٔ روابط عمومی‌های دستگاه‌های اجرایی استان بررسی خواهد شد.</p>
</div></article>
<section class="related-news"><h2>اخبار مرتبط</h2><ul><li><a href="/fa/news/1">جشنوارهٔ رسانه‌ای استان ۱۲ خرداد آغاز می‌شود</a></li></ul></section>
<section class="comments"><h2>نظرات</h2><p>کاش زنده پخش شود.</p></section></main></body></html>`, st.title, st.published, st.event)
			return
		}
		http.NotFound(w, r)
	}))
	t.Cleanup(srv.Close)
	origin = srv.URL
	return srv
}

// ruydad fetch with the fetcher it is built with, against a feed on
// loopback: refused without --allow-private-sources (the address is not
// public), stored with it, and nothing new the next time.
func TestFetchCommandLocalFeed(t *testing.T) {
	ctx := context.Background()
	site := localNewsSite(t)
	feedURL := site.URL + "/fa/rss"
	dbPath := filepath.Join(t.TempDir(), "local.db")
	noEnv := func(string) string { return "" }
	cmd := func(args ...string) (string, error) {
		var out strings.Builder
		err := run(ctx, append(args, "--db", dbPath), noEnv, nil, &out, io.Discard)
		return out.String(), err
	}
	if _, err := cmd("sources", "add", feedURL, "--name", "خبرگزاری استان همدان", "--province", "همدان"); err != nil {
		t.Fatal(err)
	}

	out, err := cmd("fetch")
	if err == nil || !strings.Contains(err.Error(), "every source failed (1)") || !strings.Contains(out, "FAIL 1 "+feedURL) ||
		!strings.Contains(out, "address not allowed") {
		t.Fatalf("fetch without --allow-private-sources: %v\n%s", err, out)
	}
	out, err = cmd("fetch", "--all", "--allow-private-sources")
	if want := fmt.Sprintf("ok   1 %s: 2 new links, 2 new articles, 0 unreadable", feedURL); err != nil || !strings.Contains(out, want) {
		t.Fatalf("fetch --allow-private-sources: %v\n%s\nwant %q", err, out, want)
	}

	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	arts, err := db.Articles(ctx, 10, 0)
	if err != nil || len(arts) != 2 {
		t.Fatalf("%d articles stored (%v), want 2", len(arts), err)
	}
	var ids []int64
	for _, a := range arts {
		ids = append(ids, a.ID)
	}
	links, err := db.ArticleLinks(ctx, ids...)
	if err != nil {
		t.Fatal(err)
	}
	published := map[string]string{localStories[0].path: "1403/02/18", localStories[1].path: "1403/02/19"}
	for _, st := range localStories {
		var found bool
		for _, sum := range arts {
			if len(links[sum.ID]) != 1 || links[sum.ID][0].URL != site.URL+st.path {
				continue
			}
			found = true
			a, err := db.Article(ctx, sum.ID)
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != st.title || a.Province != "همدان" || a.Source != "خبرگزاری استان همدان" || a.Published.String() != published[st.path] {
				t.Errorf("the article of %s: %q, %q, %q, published %s", st.path, a.Title, a.Province, a.Source, a.Published)
			}
			if !strings.Contains(a.Text, st.event) || strings.Contains(a.Text, "نظرات") || strings.Contains(a.Text, "اخبار مرتبط") {
				t.Errorf("the article of %s kept the wrong text:\n%s", st.path, a.Text)
			}
			events, err := db.ArticleEvents(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			var dated bool
			for _, e := range events {
				dated = dated || e.Status == domain.StatusProposed && e.Dated()
			}
			if !dated {
				t.Errorf("no dated event proposed from %s: %+v", st.path, events)
			}
		}
		if !found {
			t.Errorf("no article linked to %s: %+v", st.path, links)
		}
	}

	if out, err := cmd("fetch", "--all", "--allow-private-sources"); err != nil || !strings.Contains(out, "0 new links, 0 new articles") {
		t.Errorf("fetching again: %v\n%s", err, out)
	}
}
