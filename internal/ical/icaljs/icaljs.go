// Package icaljs runs Mozilla's ical.js (the parser Thunderbird uses) under
// node on a feed, for tests that want an independent reader of the .ics
// files ruydad writes. It needs node and `npm ci --prefix
// internal/ical/testdata/icaljs` (./scripts/test runs it); without them the
// calling test is skipped with that advice.
package icaljs

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Event is what testdata/icaljs/check.mjs prints per VEVENT.
type Event struct {
	UID         string   `json:"uid"`
	Summary     string   `json:"summary"`
	Description string   `json:"description"`
	Location    *string  `json:"location"`
	Categories  []string `json:"categories"`
	Start       string   `json:"start"`
	End         string   `json:"end"`
	StartUnix   int64    `json:"startUnix"`
	Occurrences []string `json:"occurrences"`
	// OccurrencesUnix are the same instants as Unix times (for a timed
	// event in a zone, as the file's VTIMEZONE places it).
	OccurrencesUnix []int64 `json:"occurrencesUnix"`
	// Alarms are its VALARMs.
	Alarms []Alarm `json:"alarms"`
}

// Alarm is what check.mjs prints per VALARM.
type Alarm struct {
	Action      string `json:"action"`
	Description string `json:"description"`
	Related     string `json:"related"` // the TRIGGER's RELATED, "" when not given
	// TriggerSeconds is a relative TRIGGER's duration in seconds (negative
	// before), nil for an absolute one.
	TriggerSeconds *int64 `json:"triggerSeconds"`
}

// Parse has ical.js read feed and returns its VEVENTs, or skips tb when
// node or the pinned ical.js is not installed.
func Parse(tb testing.TB, feed []byte) []Event {
	tb.Helper()
	out := run(tb, "check.mjs", feed)
	var events []Event
	if err := json.Unmarshal(out, &events); err != nil {
		tb.Fatalf("node output: %v\n%s", err, out)
	}
	return events
}

// run has node run script (of testdata/icaljs) on feed and returns what it
// printed, or skips tb when node or the pinned ical.js is not installed.
func run(tb testing.TB, script string, feed []byte) []byte {
	tb.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		tb.Skip("node is not installed; the ical.js cross-check needs node and `npm ci --prefix internal/ical/testdata/icaljs` (./scripts/test does both)")
	}
	dir := scriptDir(tb)
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "ical.js", "package.json")); err != nil {
		tb.Skip("ical.js is not installed; run `npm ci --prefix internal/ical/testdata/icaljs` (./scripts/test does)")
	}
	path := filepath.Join(tb.TempDir(), "feed.ics")
	if err := os.WriteFile(path, feed, 0o644); err != nil {
		tb.Fatal(err)
	}
	out, err := exec.Command(node, filepath.Join(dir, script), path).Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		tb.Fatalf("ical.js could not read the feed: %v\n%s", err, stderr)
	}
	return out
}

// scriptDir finds internal/ical/testdata/icaljs from the module root.
func scriptDir(tb testing.TB) string {
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "internal", "ical", "testdata", "icaljs")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("no go.mod above the working directory")
		}
		dir = parent
	}
}
