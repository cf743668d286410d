package web_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// pyEvent is one VEVENT as testdata/pyicalendar/read.py prints it.
type pyEvent struct {
	UID          string   `json:"uid"`
	Summary      string   `json:"summary"`
	DTStart      string   `json:"dtstart"`
	RRule        string   `json:"rrule"`
	ExDate       []string `json:"exdate"`
	RecurrenceID string   `json:"recurrence_id"`
	Triggers     []int    `json:"triggers"`
}

// debianPython is Debian's python3, whose python3-icalendar the test reads
// with (the python3 on PATH may be another, without it).
const debianPython = "/usr/bin/python3"

// pyICalendar reads each file with python icalendar (read.py) and returns
// its VEVENTs by file. Without python3-icalendar the test is skipped, or
// fails when RUYDAD_REQUIRE_BROWSER=1 (scripts/test, which installs it).
func pyICalendar(t *testing.T, files ...string) map[string][]pyEvent {
	t.Helper()
	if err := exec.Command(debianPython, "-c", "import icalendar").Run(); err != nil {
		msg := "python icalendar is not installed (" + debianPython + " -c 'import icalendar': " + err.Error() +
			"); the cross-check needs Debian's python3-icalendar: apt-get install python3-icalendar (./scripts/test does)"
		if os.Getenv("RUYDAD_REQUIRE_BROWSER") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	out, err := exec.Command(debianPython, filepath.Join("testdata", "pyicalendar", "read.py")).Output()
	if err != nil || string(out) != "{}" {
		t.Fatalf("read.py with no file: %q, %v", out, err)
	}
	cmd := exec.Command(debianPython, append([]string{filepath.Join("testdata", "pyicalendar", "read.py")}, files...)...)
	out, err = cmd.Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			t.Fatalf("python icalendar refused a feed: %v\n%s", err, ee.Stderr)
		}
		t.Fatal(err)
	}
	var got map[string][]pyEvent
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("read.py's output: %v\n%s", err, out)
	}
	return got
}

// TestFeedsReadByPythonICalendar: a second independent parser (python
// icalendar, Debian's package, beside ical.js) reads the default feed, a
// filtered one, one with the occasions' reminders and a weekly series'
// .ics with a skipped day (EXDATE) and a moved one (RECURRENCE-ID), and
// finds in them what was stored.
func TestFeedsReadByPythonICalendar(t *testing.T) {
	a := newApp(t) // today is 1403/02/20
	ctx := context.Background()
	events := feedEvents(t, a)
	sat := jalali.MustNew(1403, 2, 22)
	series := domain.Event{Title: "جلسهٔ هماهنگی هفتگی", Kind: domain.KindMeeting, Start: sat, StartTime: "10:00", EndTime: "11:00",
		Reminders: domain.RemindersOf(30), Repeat: domain.Repeat{Kind: domain.RepeatWeekly, Days: domain.WeekdaysOf(jalali.Saturday),
			Until: jalali.MustNew(1403, 4, 30)}}
	if err := uc(a.db).SaveEvent(ctx, &series); err != nil {
		t.Fatal(err)
	}
	if err := uc(a.db).SkipOccurrence(ctx, series, jalali.MustNew(1403, 2, 29)); err != nil {
		t.Fatal(err)
	}
	series, _ = a.db.Event(ctx, series.ID)
	moved := domain.Event{Title: "جلسهٔ هماهنگی (جابه‌جا)", Kind: domain.KindMeeting, Start: jalali.MustNew(1403, 3, 6), StartTime: "12:00", EndTime: "13:00"}
	if err := uc(a.db).OverrideOccurrence(ctx, series, jalali.MustNew(1403, 3, 5), &moved); err != nil {
		t.Fatal(err)
	}
	if err := a.db.SetPreparation(ctx, domain.Preparation{Occasion: "pr-day", LeadDays: 7, UpdatedAt: fixedNow}); err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	paths := map[string]string{
		"default":   "/calendar.ics",
		"meetings":  "/calendar.ics?kind=meeting",
		"reminders": "/calendar.ics?reminders=1&from=1403&to=1404",
		"series":    "/events/" + itoa(series.ID) + ".ics",
	}
	var files []string
	file := map[string]string{}
	for name, path := range paths {
		resp, body := fetch(t, a, path)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d", path, resp.StatusCode)
		}
		file[name] = filepath.Join(dir, name+".ics")
		if err := os.WriteFile(file[name], body, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, file[name])
	}
	got := pyICalendar(t, files...)
	byUID := func(name, uid string) []pyEvent {
		var out []pyEvent
		for _, e := range got[file[name]] {
			if e.UID == uid {
				out = append(out, e)
			}
		}
		return out
	}

	// The weekly series, as the feed and its own .ics write it: its rule,
	// the skipped Saturday, the moved one under the series' UID, the
	// event's reminder.
	for _, name := range []string{"default", "meetings", "series"} {
		evs := byUID(name, series.UID)
		if len(evs) != 2 {
			t.Fatalf("%s: the series' UID has %d VEVENTs, want the series and its moved day: %+v", name, len(evs), evs)
		}
		s, o := evs[0], evs[1]
		if s.RecurrenceID != "" {
			s, o = o, s
		}
		if s.DTStart != "2024-05-11T10:00:00+03:30" || !strings.HasPrefix(s.RRule, "FREQ=WEEKLY") || !strings.Contains(s.RRule, "BYDAY=SA") ||
			!slices.Contains(s.ExDate, "2024-05-18T10:00:00+03:30") || !slices.Equal(s.Triggers, []int{-30 * 60}) {
			t.Errorf("%s: the series read as %+v", name, s)
		}
		if o.RecurrenceID != "2024-05-25T10:00:00+03:30" || o.DTStart != "2024-05-26T12:00:00+03:30" || o.Summary != moved.Title || o.RRule != "" {
			t.Errorf("%s: the moved day read as %+v", name, o)
		}
	}
	if n := len(got[file["series"]]); n != 2 {
		t.Errorf("the series' .ics has %d VEVENTs, want 2", n)
	}

	// The one-off and yearly events, and the filter.
	press := byUID("default", events[0].UID)
	if len(press) != 1 || press[0].DTStart != "2024-05-16T10:00:00+03:30" || press[0].Summary != events[0].Title {
		t.Errorf("the press conference read as %+v", press)
	}
	if tour := byUID("default", events[1].UID); len(tour) != 1 || tour[0].DTStart != "2024-08-23" {
		t.Errorf("the media tour read as %+v", tour)
	}
	if len(byUID("meetings", events[0].UID)) != 0 || len(byUID("meetings", events[3].UID)) != 1 {
		t.Error("the meetings' feed holds the press conference, or not the meeting")
	}
	yearly := 0
	for _, e := range got[file["default"]] {
		if strings.HasPrefix(e.UID, strings.TrimSuffix(events[2].UID, "@ruydad")+"-") {
			yearly++
		}
		if e.Summary == "" || e.DTStart == "" {
			t.Errorf("a VEVENT without SUMMARY or DTSTART: %+v", e)
		}
	}
	if yearly != 13 { // from 1401, its first year, to 1413
		t.Errorf("the yearly event has %d VEVENTs, want 13", yearly)
	}
	if n := len(got[file["default"]]); n < 400 {
		t.Errorf("the default feed has %d VEVENTs, occasions missing", n)
	}

	// ?reminders=1: the occasion prepared for reminds 7 days before,
	// each year of the window; the others do not.
	alarms := map[string][]int{}
	for _, e := range got[file["reminders"]] {
		if len(e.Triggers) != 0 && e.UID != series.UID {
			alarms[e.DTStart] = e.Triggers
			if !strings.Contains(e.Summary, "روز ملی ارتباطات و روابط عمومی") {
				t.Errorf("a reminder on %+v", e)
			}
		}
	}
	if len(alarms) != 2 || !slices.Equal(alarms["2024-05-16"], []int{-7 * 24 * 3600}) {
		t.Errorf("the reminders: %v", alarms)
	}
}
