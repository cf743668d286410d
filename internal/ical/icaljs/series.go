package icaljs

import (
	"encoding/json"
	"testing"
)

// Occurrences has ical.js read feed as a calendar app does (each series
// with its overriding VEVENTs related to it: testdata/icaljs/series.mjs)
// and returns, per UID, the start of every occurrence it expands before
// 2040, a moved one where it went ("2024-05-22T12:00:00", or a date for an
// all-day one). Like Parse, it skips tb when node or ical.js is missing.
func Occurrences(tb testing.TB, feed []byte) map[string][]string {
	tb.Helper()
	out := run(tb, "series.mjs", feed)
	var occ map[string][]string
	if err := json.Unmarshal(out, &occ); err != nil {
		tb.Fatalf("node output: %v\n%s", err, out)
	}
	return occ
}
