package ical

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/hijri"
)

// vevents returns the properties of each VEVENT of a feed by UID (lines
// unfolded, parameters left on the name).
func vevents(t *testing.T, feed []byte) map[string]map[string]string {
	t.Helper()
	out := map[string]map[string]string{}
	var cur map[string]string
	for _, line := range strings.Split(strings.ReplaceAll(string(feed), "\r\n ", ""), "\r\n") {
		name, value, _ := strings.Cut(line, ":")
		switch {
		case line == "BEGIN:VEVENT":
			cur = map[string]string{}
		case line == "END:VEVENT":
			out[cur["UID"]] = cur
			cur = nil
		case cur != nil:
			cur[name] = value
		}
	}
	return out
}

// TestHijriCorrectionMovesSequence: when an administrator's correction of
// a Hijri month moves a lunar occasion, its VEVENT keeps its UID but gets
// a later LAST-MODIFIED and a greater SEQUENCE (RFC 5545 §3.8.7.4: DTSTART
// changed); again when the correction changes, and when it is removed and
// the occasion moves back. Other years and other calendars' occasions keep
// theirs.
func TestHijriCorrectionMovesSequence(t *testing.T) {
	ashura, prDay := occasion(t, "ashura"), occasion(t, "pr-day")
	edited := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	for _, o := range []*domain.Occasion{&ashura, &prDay} {
		o.Sequence, o.UpdatedAt = 2, edited
	}
	const uid, lastYear, jalaliUID = "occasion-ashura-h1447@ruydad", "occasion-ashura-h1446@ruydad", "occasion-pr-day-1404@ruydad"
	muharram, _ := hijri.Official().Month(hijri.Month{Year: 1447, Month: 1})
	feed := func(cs ...domain.HijriCorrection) map[string]map[string]string {
		t.Helper()
		cal, refused := calendar.Build(cs)
		if len(refused) != 0 {
			t.Fatal(refused)
		}
		f := testFeed()
		f.FromYear, f.ToYear, f.Calendar = 1403, 1404, cal
		got := vevents(t, write(t, f, nil, []domain.Occasion{ashura, prDay}))
		for _, u := range []string{uid, lastYear, jalaliUID} {
			if got[u] == nil {
				t.Fatalf("no VEVENT %s", u)
			}
		}
		return got
	}
	seq := func(v map[string]string) int {
		t.Helper()
		n, err := strconv.Atoi(v["SEQUENCE"])
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	steps := []struct {
		name     string
		cs       []domain.HijriCorrection
		modified time.Time
		moved    bool // DTSTART differs from the table's
	}{
		{"the table", nil, edited, false},
		// (Dhu al-Hijjah 1446 has 30 days: Muharram may begin a day earlier,
		// not later.)
		{"Muharram set a day earlier", []domain.HijriCorrection{{Year: 1447, Month: 1, Start: muharram.Start.AddDays(-1),
			UpdatedAt: time.Date(2025, 6, 25, 18, 30, 0, 0, time.UTC)}}, time.Date(2025, 6, 25, 18, 30, 0, 0, time.UTC), true},
		{"set again a second later, with a note", []domain.HijriCorrection{{Year: 1447, Month: 1, Start: muharram.Start.AddDays(-1),
			Note: "ستاد استهلال", UpdatedAt: time.Date(2025, 6, 25, 18, 30, 1, 0, time.UTC)}}, time.Date(2025, 6, 25, 18, 30, 1, 0, time.UTC), true},
		{"removed", []domain.HijriCorrection{{Year: 1447, Month: 1,
			UpdatedAt: time.Date(2025, 6, 28, 7, 0, 0, 0, time.UTC)}}, time.Date(2025, 6, 28, 7, 0, 0, 0, time.UTC), false},
	}
	table := feed()
	prev := table
	for i, st := range steps {
		got := feed(st.cs...)
		v := got[uid]
		if moved := v["DTSTART;VALUE=DATE"] != table[uid]["DTSTART;VALUE=DATE"]; moved != st.moved {
			t.Errorf("%s: DTSTART %s, moved %v, want %v", st.name, v["DTSTART;VALUE=DATE"], moved, st.moved)
		}
		if want := st.modified.Format(utcFormat); v["LAST-MODIFIED"] != want {
			t.Errorf("%s: LAST-MODIFIED %s, want %s", st.name, v["LAST-MODIFIED"], want)
		}
		if i > 0 && seq(v) <= seq(prev[uid]) {
			t.Errorf("%s: SEQUENCE %d, not greater than the step before's %d", st.name, seq(v), seq(prev[uid]))
		}
		for _, u := range []string{lastYear, jalaliUID} {
			if got[u]["SEQUENCE"] != "2" || got[u]["LAST-MODIFIED"] != edited.Format(utcFormat) || got[u]["DTSTART;VALUE=DATE"] != table[u]["DTSTART;VALUE=DATE"] {
				t.Errorf("%s: %s changed: %v", st.name, u, got[u])
			}
		}
		prev = got
	}
	if seq(table[uid]) != 2 {
		t.Errorf("without corrections Ashura's SEQUENCE is %s, want the occasion's 2", table[uid]["SEQUENCE"])
	}
	// An edit of the occasion after the correction still makes it grow.
	corrected := steps[1].cs
	before := seq(feed(corrected...)[uid])
	ashura.Sequence++
	if after := seq(feed(corrected...)[uid]); after <= before {
		t.Errorf("editing the corrected occasion: SEQUENCE %d, was %d", after, before)
	}
}
