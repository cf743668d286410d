package jalali

import (
	"testing"
	"time"
)

// The conversions every page and feed makes many times over.

var (
	sinkDate Date
	sinkStr  string
	sinkGrid Grid
)

func BenchmarkFromGregorian(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkDate = FromGregorian(2024, time.May, 16)
	}
}

func BenchmarkToGregorian(b *testing.B) {
	d := MustNew(1403, 2, 27)
	b.ReportAllocs()
	for b.Loop() {
		sinkStr = d.ISO()
	}
}

func BenchmarkParseISO(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkDate, _ = ParseISO("2024-05-16")
	}
}

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkDate, _ = Parse("۱۴۰۳/۰۲/۲۷")
	}
}

func BenchmarkAddDays(b *testing.B) {
	d := MustNew(1403, 12, 25)
	b.ReportAllocs()
	for b.Loop() {
		sinkDate = d.AddDays(10)
	}
}

func BenchmarkFormatLong(b *testing.B) {
	d := MustNew(1403, 2, 27)
	b.ReportAllocs()
	for b.Loop() {
		sinkStr = d.FormatLong()
	}
}

func BenchmarkMonthGrid(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkGrid, _ = MonthGrid(1403, 12)
	}
}
