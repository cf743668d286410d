package hijri

import (
	"testing"

	"github.com/ruydad/ruydad/internal/jalali"
)

var (
	sinkDate     Date
	sinkJalali   jalali.Date
	sinkCalendar *Calendar
)

func BenchmarkFromJalali(b *testing.B) {
	c := Official()
	d := jalali.MustNew(1403, 4, 26)
	b.ReportAllocs()
	for b.Loop() {
		sinkDate, _ = c.FromJalali(d)
	}
}

func BenchmarkToJalali(b *testing.B) {
	c := Official()
	d := Date{1446, 1, 10}
	b.ReportAllocs()
	for b.Loop() {
		sinkJalali, _ = c.ToJalali(d)
	}
}

// BenchmarkOfficial builds the uncorrected Calendar afresh, as the first
// call to Official does.
func BenchmarkOfficial(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkCalendar = newOfficial()
	}
}

// BenchmarkOfficialCached is every call to Official after the first.
func BenchmarkOfficialCached(b *testing.B) {
	Official()
	b.ReportAllocs()
	for b.Loop() {
		sinkCalendar = Official()
	}
}

func BenchmarkWithCorrections(b *testing.B) {
	c := Official()
	cs := []Correction{
		{Month{1447, 11}, jd(1405, 1, 31)},
		{Month{1448, 2}, jd(1405, 4, 26)},
		{Month{1448, 1}, jd(1405, 3, 27)},
		{Month{1449, 1}, jd(1406, 3, 17)},
		{Month{1449, 6}, jd(1406, 8, 10)},
	}
	if _, err := c.WithCorrections(cs); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		sinkCalendar, _ = c.WithCorrections(cs)
	}
}
