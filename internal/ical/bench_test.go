package ical

import (
	"io"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// benchEvent makes the i-th event of a large feed, on the fly so that the
// feed's events never exist all at once.
func benchEvent(i int) domain.Event {
	d := jalali.MustNew(1403, 1, 1).AddDays(i % 700)
	e := event("bench-"+strconv.Itoa(i)+"@ruydad", longTitle, func(e *domain.Event) {
		e.ID, e.Description, e.Location, e.Province = int64(i+1), longDescription, "سالن همایش‌ها", "اصفهان"
		e.Start, e.End = d, d.AddDays(i%3)
	})
	if i%2 == 0 {
		e.StartTime, e.EndTime = "09:30", "11:00"
		e.End = e.Start
	}
	return e
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// exportN writes a feed of n events and returns its size.
func exportN(tb testing.TB, n int) int64 {
	var c countWriter
	w := NewWriter(&c, testFeed())
	for i := range n {
		if err := w.Event(benchEvent(i)); err != nil {
			tb.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	return c.n
}

func BenchmarkExport10000(b *testing.B) {
	b.ReportAllocs()
	var size int64
	for b.Loop() {
		size = exportN(b, 10000)
	}
	b.ReportMetric(float64(size), "feed-bytes/op")
}

// TestExportMemoryFlat checks that the writer streams: allocations per event
// are the same for 1,000 and 10,000 events, and the live heap does not grow
// while events are written.
func TestExportMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	per := func(n int) float64 { return testing.AllocsPerRun(1, func() { exportN(t, n) }) / float64(n) }
	small, large := per(1000), per(10000)
	t.Logf("allocations per event: %.2f at 1,000 events, %.2f at 10,000", small, large)
	if large > small*1.05 {
		t.Errorf("allocations per event grow with the feed: %.1f at 1,000, %.1f at 10,000", small, large)
	}

	var ms runtime.MemStats
	heap := func() uint64 { runtime.GC(); runtime.ReadMemStats(&ms); return ms.HeapAlloc }
	w := NewWriter(io.Discard, testFeed())
	var before uint64
	for i := range 10000 {
		if i == 1000 {
			before = heap()
		}
		if err := w.Event(benchEvent(i)); err != nil {
			t.Fatal(err)
		}
	}
	after := heap()
	t.Logf("live heap after 1,000 events: %d bytes; after 10,000: %d", before, after)
	if after > before+256<<10 {
		t.Errorf("live heap grew from %d to %d bytes over 9,000 events", before, after)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkParseDailySeries reads a daily series from 2025 to the end of
// 2028 (1,349 instances): kept as one series (its instances checked
// against the rule), and, with a BYMONTH no series of ours says, expanded
// into an event per instance.
func BenchmarkParseDailySeries(b *testing.B) {
	for _, tc := range []struct{ name, rule string }{
		{"kept", "FREQ=DAILY;UNTIL=20281230T203000Z"},
		{"expanded", "FREQ=DAILY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;UNTIL=20281230T203000Z"},
	} {
		in := vcalendar("UID:daily@google.com\r\nSUMMARY:پایش رسانه‌ها\r\nDTSTART;TZID=Asia/Tehran:20250422T073000\r\n" +
			"DTEND;TZID=Asia/Tehran:20250422T074500\r\nRRULE:" + tc.rule + "\r\n")
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				p, err := ParseWith(strings.NewReader(in), Options{Now: testNow})
				if err != nil || len(p.Events) == 0 {
					b.Fatal(len(p.Events), err)
				}
			}
		})
	}
}
