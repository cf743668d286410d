package fetch

import (
	"context"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
)

// BenchmarkFeed1000 fetches and parses a 1,000-item RSS feed (HTML
// descriptions) from a loopback server.
func BenchmarkFeed1000(b *testing.B) {
	srv := site{"/all": {"application/rss+xml", bigFeed(1000)}}.serve(b)
	c := testClient(Options{})
	b.ReportAllocs()
	items := 0
	for b.Loop() {
		f, err := c.Feed(context.Background(), srv.URL+"/all", domain.Validators{})
		if err != nil {
			b.Fatal(err)
		}
		items += len(f.Items)
	}
	b.ReportMetric(float64(items)/b.Elapsed().Seconds(), "items/s")
}

// BenchmarkPage fetches and reads the IRNA-like article page (readability,
// the known body shapes, title, canonical URL and date) from a loopback
// server.
func BenchmarkPage(b *testing.B) {
	srv := site{"/news/85912345/": {"text/html; charset=utf-8", fixture(b, "irna-news.html")}}.serve(b)
	c := testClient(Options{})
	b.ReportAllocs()
	pages := 0
	for b.Loop() {
		if _, err := c.Page(context.Background(), srv.URL+"/news/85912345/"); err != nil {
			b.Fatal(err)
		}
		pages++
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
}
