package web_test

import (
	"context"
	"testing"

	usecases "github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
)

// BenchmarkProvinceFeedNational renders Hamedan's feed, its events alone
// ("events") and with the occasions over the default window, as
// /calendar.ics?province=همدان does cold ("with-occasions"), from the
// national file RUYDAD_NATIONAL_DB names (a copy that may be migrated in
// place); skipped without it. It reports the time per event of the feed.
func BenchmarkProvinceFeedNational(b *testing.B) {
	ctx := context.Background()
	db := openNational(b)
	a := uc(db)
	_, changed, err := a.DataVersion(ctx)
	if err != nil {
		b.Fatal(err)
	}
	for _, occasions := range []bool{false, true} {
		name := "events"
		if occasions {
			name = "with-occasions"
		}
		b.Run(name, func(b *testing.B) {
			spec := usecases.FeedSpec{Filter: domain.EventFilter{Province: "همدان"}, Occasions: occasions,
				BaseURL: "https://ruydad.example.ir", Now: changed}
			var c countWriter
			var events int
			b.ReportAllocs()
			for b.Loop() {
				c = countWriter{}
				feed, err := a.Feed(ctx, spec)
				if err != nil {
					b.Fatal(err)
				}
				if err := feed.Write(ctx, &c, nil); err != nil {
					b.Fatal(err)
				}
				events = feed.Events
			}
			b.ReportMetric(float64(events), "events/op")
			b.ReportMetric(float64(c.n), "bytes/op")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(events), "ns/event")
		})
	}
}

// countWriter counts and drops what is written.
type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }
