package app_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
)

// BenchmarkIngest polls a source whose feed brings 100 new items each
// time, their full text in the feed: what ingest costs beside the network
// (canonical URLs, the stored links looked up, mining, storing the article,
// its events and its link), in items a second. Run with
// go test -run ^$ -bench Ingest ./internal/app.
func BenchmarkIngest(b *testing.B) {
	const perPoll = 100
	ctx := context.Background()
	c, f := &clock{t: pollStart}, newFakeFetcher()
	a, _ := fetching(b, f, c, app.Options{})
	src := domain.Source{URL: "https://bench.example.ir/rss", Name: "محک"}
	if err := a.AddSource(ctx, &src); err != nil {
		b.Fatal(err)
	}
	n := 0
	for b.Loop() {
		b.StopTimer()
		items := make([]domain.FeedItem, perPoll)
		for i := range items {
			n++
			items[i] = domain.FeedItem{Link: fmt.Sprintf("https://bench.example.ir/news/%d", n), Title: fmt.Sprintf("خبر %d", n), Content: story(n)}
		}
		f.serve(src.URL, "", items...)
		b.StartTimer()
		r, err := a.FetchSource(ctx, src.ID)
		if err != nil || r.New != perPoll {
			b.Fatalf("%+v, %v", r, err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "items/s")
}
