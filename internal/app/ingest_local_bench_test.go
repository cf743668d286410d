package app_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/fetch"
	"github.com/ruydad/ruydad/internal/sqlite"
	"github.com/ruydad/ruydad/seeds"
)

// benchFeedItems is how many items the local feed of
// BenchmarkIngestLocalFeed carries.
const benchFeedItems = 200

// localAgency serves, on loopback, an agency's summary-only RSS feed of
// benchFeedItems items at /rss/ROUND and each item's page at
// /news/ROUND/I: a round's items are new to every database.
func localAgency(tb testing.TB) *httptest.Server {
	tb.Helper()
	var origin string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
		switch {
		case len(parts) == 2 && parts[0] == "rss":
			w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
			w.Write(localFeed(origin, parts[1]))
		case len(parts) == 3 && parts[0] == "news":
			n, err := strconv.Atoi(parts[2])
			if err != nil {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(localPage(parts[1], n))
		default:
			http.NotFound(w, r)
		}
	}))
	tb.Cleanup(srv.Close)
	origin = srv.URL
	return srv
}

// localFeed is round's RSS: each item a title, a link and a one-line
// summary, no date and no full text, so that its page is read.
func localFeed(origin, round string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>خبرگزاری استان - همدان</title><link>%s/</link><description>آخرین اخبار استان</description><language>fa</language>
`, origin)
	for i := range benchFeedItems {
		fmt.Fprintf(&b, `<item><title>نشست خبری شمارهٔ %[3]d روابط عمومی</title><link>%[1]s/news/%[2]s/%[3]d</link><description><![CDATA[<p>همدان - خبرگزاری استان - نشست خبری شمارهٔ %[3]d برگزار می‌شود.</p>]]></description></item>
`, origin, round, i)
	}
	b.WriteString("</channel></rss>\n")
	return []byte(b.String())
}

// localPage is item n's page as a provincial agency serves it: the header's
// clock and navigation, the article (its date in article:published_time,
// a press conference on a day of 1403), related news and comments.
func localPage(round string, n int) []byte {
	return fmt.Appendf(nil, `<!DOCTYPE html>
<html lang="fa" dir="rtl"><head><meta charset="utf-8">
<title>نشست خبری شمارهٔ %[2]d روابط عمومی - خبرگزاری استان</title>
<meta property="og:type" content="article">
<meta property="article:published_time" content="2024-05-07T09:30:00+03:30">
</head><body>
<header><div class="header-date"><span>پنجشنبه ۲۰ اردیبهشت ۱۴۰۳</span> <time datetime="2024-05-09T10:00:00+03:30">۱۰:۰۰</time></div>
<nav><ul><li><a href="/service/politics">سیاسی</a></li><li><a href="/service/economy">اقتصادی</a></li><li><a href="/service/province">استان‌ها</a></li></ul></nav></header>
<main><article class="full-news">
<h1 class="title">نشست خبری شمارهٔ %[2]d روابط عمومی</h1>
<div class="item-text" itemprop="articleBody">
<p>همدان - خبرگزاری استان - مدیرکل روابط عمومی استانداری همدان از برگزاری نشست خبری شمارهٔ %[2]d در دور %[1]s خبر داد.</p>
<p>به گزارش خبرگزاری استان، نشست خبری مدیرکل روابط عمومی استانداری همدان روز ۲۵ اردیبهشت ۱۴۰۳ ساعت ۱۰ در سالن اجتماعات استانداری برگزار می‌شود.</p>
<p>وی افزود: در این نشست برنامه‌های هفتهٔ ارتباطات و روابط عمومی و عملکرد شورای اطلاع‌رسانی استان به خبرنگاران گزارش می‌شود.</p>
</div></article>
<section class="related-news"><h2>اخبار مرتبط</h2><ul><li><a href="/news/x/1">جشنوارهٔ رسانه‌ای استان ۱۲ خرداد آغاز می‌شود</a></li></ul></section>
<section class="comments"><h2>نظرات</h2><p>کاش این نشست زنده پخش شود.</p></section>
</main><footer><p>همهٔ حقوق محفوظ است.</p></footer></body></html>
`, round, n)
}

// BenchmarkIngestLocalFeed polls a source on a local server whose feed of
// 200 items carries summaries only: the feed and every item's page fetched
// over loopback by internal/fetch (private addresses allowed), each page's
// main text and date read, mined, and stored with its events and link in a
// fresh SQLite database, in items a second. Run with
// go test -run '^$' -bench IngestLocalFeed -benchmem ./internal/app.
func BenchmarkIngestLocalFeed(b *testing.B) {
	ctx := context.Background()
	srv := localAgency(b)
	client := fetch.New(fetch.Options{AllowPrivate: true})
	catalogue, err := domain.ParseCatalogue(seeds.Occasions, seeds.OfficialOccasions)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	round, items := 0, 0
	var last *app.App
	for b.Loop() {
		b.StopTimer()
		round++
		a, src := freshIngest(ctx, b, client, catalogue, fmt.Sprintf("%s/rss/%d", srv.URL, round))
		last = a
		b.StartTimer()
		r, err := a.FetchSource(ctx, src.ID)
		if err != nil || r.New != benchFeedItems || r.Articles != benchFeedItems || r.Skipped != 0 {
			b.Fatalf("%+v, %v", r, err)
		}
		items += r.New
	}
	b.StopTimer()
	b.ReportMetric(float64(items)/b.Elapsed().Seconds(), "items/s")
	// Every page gave its press conference on 25 Ordibehesht to the queue.
	if _, n, err := last.ProposedEvents(ctx, domain.ReviewFilter{}, 1, 0); err != nil || n < benchFeedItems {
		b.Fatalf("%d events proposed from %d articles (%v)", n, benchFeedItems, err)
	}
}

// freshIngest opens a new database with the built-in occasions, the use
// cases over it fetching through f, and the source at feedURL; the
// calendar (and its miner) is loaded, so that the poll does not.
func freshIngest(ctx context.Context, b *testing.B, f app.Fetcher, catalogue []domain.Occasion, feedURL string) (*app.App, domain.Source) {
	b.Helper()
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "ingest.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if _, err := db.SeedOccasions(ctx, catalogue); err != nil {
		b.Fatal(err)
	}
	c := &clock{t: pollStart}
	a := app.Over(db, app.Options{Now: c.now, Fetcher: f, PasswordCost: bcrypt.MinCost, Rand: func() float64 { return 0.5 }})
	src := domain.Source{URL: feedURL, Name: "خبرگزاری استان همدان", Province: "همدان"}
	if err := a.AddSource(ctx, &src); err != nil {
		b.Fatal(err)
	}
	if _, err := a.Calendar(ctx); err != nil {
		b.Fatal(err)
	}
	return a, src
}
