package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/sqlite"
)

// dtstamp matches what differs between two exports of the same data from
// two databases: the time of writing, and the occasions' LAST-MODIFIED
// (when each database loaded the catalogue).
var dtstamp = regexp.MustCompile(`(?m)^(DTSTAMP|LAST-MODIFIED):.*\r\n`)

func TestExportImportICSRoundTrip(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src := filepath.Join(dir, "src.db")
	db, err := sqlite.Open(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []domain.Event{
		{Title: "همایش روز خبرنگار؛ استان همدان", Kind: domain.KindConference, Start: jalali.MustNew(1404, 5, 17), StartTime: "09:00", EndTime: "12:00"},
		{Title: "هفته دولت", Kind: domain.KindOther, Start: jalali.MustNew(1404, 6, 2), End: jalali.MustNew(1404, 6, 8)},
		{Title: "سالروز", Kind: domain.KindCeremony, Start: jalali.MustNew(1400, 1, 20), Repeat: domain.Repeat{Kind: domain.RepeatYearly}},
	} {
		if err := uc(db).SaveEvent(ctx, &e); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	first, second := filepath.Join(dir, "a.ics"), filepath.Join(dir, "b.ics")
	var out strings.Builder
	if err := run(ctx, []string{"export", "--db", src, "--ics", first}, noenv, nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "wrote 3 events") {
		t.Errorf("export said %q", out.String())
	}
	dst := filepath.Join(dir, "dst.db")
	out.Reset()
	if err := run(ctx, []string{"import", "--db", dst, "--ics", first}, noenv, nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "imported 3 events") {
		t.Errorf("import said %q", out.String())
	}
	if err := run(ctx, []string{"export", "--db", dst, "--ics", second}, noenv, nil, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(first)
	b, _ := os.ReadFile(second)
	if !bytes.Equal(dtstamp.ReplaceAll(a, nil), dtstamp.ReplaceAll(b, nil)) {
		t.Error("export → import → export changed the feed")
	}

	bad := filepath.Join(dir, "bad.ics")
	os.WriteFile(bad, []byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n"), 0o644)
	if err := run(ctx, []string{"import", "--db", dst, "--ics", bad}, noenv, nil, io.Discard, io.Discard); err == nil || !strings.Contains(err.Error(), "malformed") {
		t.Errorf("malformed import: %v", err)
	}
	nested := filepath.Join(dir, "nested.ics")
	os.WriteFile(nested, []byte("BEGIN:VCALENDAR\r\n"+strings.Repeat("BEGIN:VEVENT\r\n", 100000)), 0o644)
	if err := run(ctx, []string{"import", "--db", dst, "--ics", nested}, noenv, nil, io.Discard, io.Discard); err == nil ||
		!strings.Contains(err.Error(), "nothing was imported") || !strings.Contains(err.Error(), "components nested more than 4 deep") {
		t.Errorf("100,000 nested BEGINs: %v", err)
	}
	if err := run(ctx, []string{"export", "--db", dst, "--ics", first, "--kind", "party"}, noenv, nil, io.Discard, io.Discard); err == nil {
		t.Error("export with an unknown kind succeeded")
	}
	out.Reset()
	if err := run(ctx, []string{"export", "--db", dst, "--ics", "-", "--no-occasions"}, noenv, nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out.String(), "BEGIN:VEVENT"); n < 3 || strings.Contains(out.String(), "occasion-") {
		t.Errorf("stdout export has %d VEVENTs", n)
	}
}

// exportDB returns a database with a meeting and a yearly ceremony.
func exportDB(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "x.db")
	db, err := openDB(ctx, path, slog.New(slog.DiscardHandler)) // with the built-in occasions
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, e := range []domain.Event{
		{Title: "جلسه شورا", Kind: domain.KindMeeting, Start: jalali.MustNew(1404, 2, 10)},
		{Title: "سالروز", Kind: domain.KindCeremony, Start: jalali.MustNew(1400, 1, 20), Repeat: domain.Repeat{Kind: domain.RepeatYearly}},
	} {
		if err := uc(db).SaveEvent(ctx, &e); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func TestExportICSFlags(t *testing.T) {
	ctx := context.Background()
	src := exportDB(t)
	export := func(args ...string) (string, error) {
		var out strings.Builder
		err := run(ctx, append([]string{"export", "--db", src, "--ics", "-"}, args...), noenv, nil, &out, io.Discard)
		return out.String(), err
	}
	yearly := regexp.MustCompile(`UID:[^\r]*-(\d{4})@ruydad\r\nDTSTAMP:[^\r]*\r\n(?:[^\r]*\r\n)*?SUMMARY:سالروز\r\n`)
	years := func(feed string) []string {
		var ys []string
		for _, m := range yearly.FindAllStringSubmatch(feed, -1) {
			ys = append(ys, m[1])
		}
		return ys
	}

	got, err := export("--from-year", "1402", "--to-year", "۱۴۰۴")
	if err != nil {
		t.Fatal(err)
	}
	if ys := years(got); strings.Join(ys, ",") != "1402,1403,1404" {
		t.Errorf("--from-year 1402 --to-year 1404: yearly event in %v", ys)
	}
	if n := strings.Count(got, "UID:occasion-pr-day-"); n != 3 {
		t.Errorf("PR day %d times over 1402..1404, want 3", n)
	}
	if strings.Contains(got, "\r\nURL:") {
		t.Error("URL written without --base-url")
	}

	got, err = export("--base-url", "https://ruydad.example.ir/", "--kind", "meeting")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, "\r\nURL:https://ruydad.example.ir/events/1\r\n") {
		t.Errorf("--base-url: no URL to the event page:\n%s", got)
	}
	if strings.Contains(got, "occasion-") {
		t.Error("--kind meeting wrote the occasions")
	}
	if got, _ = export("--kind", "meeting", "--occasions"); !strings.Contains(got, "UID:occasion-pr-day-") {
		t.Error("--kind meeting --occasions left the occasions out")
	}

	for _, tt := range []struct{ args, msg string }{
		{"--from-year 1410 --to-year 1400", "after the last"},
		{"--from-year 1380 --to-year 1440", "more than 50"},
		{"--from-year abc", `--from-year "abc" is not a Jalali year`},
		{"--to-year 0", `--to-year "0" is not a Jalali year`},
		{"--from-year 99999", "between 1000 and 3000"},
		{"--base-url ruydad.example.ir", "--base-url"},
		{"--base-url ftp://x.ir", "--base-url"},
		{"--occasions --no-occasions", "not both"},
	} {
		if _, err := export(strings.Fields(tt.args)...); err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: %v, want an error saying %q", tt.args, err, tt.msg)
		}
	}
}

// TestImportICSRecurring: a weekly Google Calendar series becomes one
// series, a Gregorian yearly one an event per instance (the report says
// why), again and again without duplicates; an endless one is expanded
// over the window given; a VEVENT read but against the rules is refused
// and named, a file that is not iCalendar imports nothing.
func TestImportICSRecurring(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "r.db")
	ics := func(name, body string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n"+body+"END:VCALENDAR\r\n"), 0o644)
		return p
	}
	weekly := ics("weekly.ics", "BEGIN:VEVENT\r\nUID:w@google.com\r\nDTSTAMP:20240501T000000Z\r\nSUMMARY:جلسه هفتگی\r\n"+
		"DTSTART;TZID=Asia/Tehran:20240518T100000\r\nDTEND;TZID=Asia/Tehran:20240518T110000\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nEND:VEVENT\r\n"+
		"BEGIN:VEVENT\r\nUID:bday@google.com\r\nDTSTAMP:20240501T000000Z\r\nSUMMARY:سالگرد\r\n"+
		"DTSTART;VALUE=DATE:20240516\r\nRRULE:FREQ=YEARLY\r\nEND:VEVENT\r\n")
	importICS := func(args ...string) (string, error) {
		var out strings.Builder
		err := run(ctx, append([]string{"import", "--db", db}, args...), noenv, nil, &out, io.Discard)
		return out.String(), err
	}
	out, err := importICS("--ics", weekly, "--from-year", "1404", "--to-year", "1406")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"imported 4 events", "1 recurring events were imported as one series each",
		`expanded VEVENT 2 (UID "bday@google.com", SUMMARY "سالگرد"): imported as one event per instance: it repeats by Gregorian years`,
		"1 recurring events became 3 events", "1 of them have no end (or more than 1000 instances) and were expanded over 1404..1406"} {
		if !strings.Contains(out, want) {
			t.Errorf("import said %q, want %q", out, want)
		}
	}
	if out, err = importICS("--ics", weekly, "--from-year", "1404", "--to-year", "1406"); err != nil || !strings.Contains(out, "imported 0 events") || !strings.Contains(out, "0 updated (a later SEQUENCE or LAST-MODIFIED than the stored one), 4 unchanged") {
		t.Errorf("second import: %q, %v", out, err)
	}

	bad := ics("bad.ics", "BEGIN:VEVENT\r\nUID:ok@google.com\r\nSUMMARY:خوب\r\nDTSTART;VALUE=DATE:20240601\r\nEND:VEVENT\r\n"+
		"BEGIN:VEVENT\r\nUID:daily@google.com\r\nSUMMARY:روزانه\r\nDTSTART:20240601T063000Z\r\nRRULE:FREQ=HOURLY;COUNT=3\r\nEND:VEVENT\r\n")
	out, err = importICS("--ics", bad)
	for _, want := range []string{"imported 1 events", "1 VEVENTs refused (read, but against ruydad's rules", `refused VEVENT 2 (UID "daily@google.com", SUMMARY "روزانه")`, "RRULE", "repeats within a day"} {
		if err != nil || !strings.Contains(out, want) {
			t.Errorf("import with a VEVENT at fault: %q, %v, want it to say %q", out, err, want)
		}
	}
	if _, err = importICS("--ics", ics("not.ics", "hello")); err == nil || !strings.Contains(err.Error(), "nothing was imported") {
		t.Errorf("a file that is not iCalendar: %v", err)
	}
	copies := ics("copies.ics", "BEGIN:VEVENT\r\nUID:c@example.com\r\nSUMMARY:جلسه\r\nDTSTART;VALUE=DATE:20240601\r\nEND:VEVENT\r\n"+
		"BEGIN:VEVENT\r\nUID:c@example.com\r\nSUMMARY:جلسه\r\nDTSTART;VALUE=DATE:20240601\r\nEND:VEVENT\r\n")
	var copied strings.Builder
	err = run(ctx, []string{"import", "--db", filepath.Join(dir, "copies.db"), "--ics", copies}, noenv, nil, &copied, io.Discard)
	if out := copied.String(); err != nil || !strings.Contains(out, "imported 1 events") ||
		!strings.Contains(out, `VEVENT 2 (UID "c@example.com", SUMMARY "جلسه") repeats VEVENT 1, same UID and details: left out`) {
		t.Errorf("a file holding an event twice: %q, %v", out, err)
	}
	if _, err := importICS("--from-year", "1400", dir); err == nil || !strings.Contains(err.Error(), "go with --ics") {
		t.Errorf("--from-year without --ics: %v", err)
	}
	if _, err := importICS("--ics", weekly, "--from-year", "1400", "--to-year", "1460"); err == nil || !strings.Contains(err.Error(), "more than 50") {
		t.Errorf("a 61-year window: %v", err)
	}
	var feed strings.Builder
	if err := run(ctx, []string{"export", "--db", db, "--ics", "-", "--no-occasions"}, noenv, nil, &feed, io.Discard); err != nil {
		t.Fatal(err)
	}
	// The weekly series is one VEVENT with its RRULE.
	if n := strings.Count(feed.String(), "BEGIN:VEVENT"); n != 5 || !strings.Contains(feed.String(), "UID:ok@google.com") || strings.Contains(feed.String(), "daily@google.com") ||
		!strings.Contains(feed.String(), "RRULE:FREQ=WEEKLY;WKST=SA;BYDAY=SA;COUNT=3") {
		t.Errorf("%d events stored, want the series and 3 birthdays of the first import and bad.ics' good one", n)
	}
}

// TestImportICSTasksOnly: a file of tasks imports no event and says the
// tasks were left out and why.
func TestImportICSTasksOnly(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "tasks.ics")
	task := "BEGIN:VTODO\r\nUID:%d@thunderbird\r\nDTSTAMP:20240501T000000Z\r\nSUMMARY:کار\r\nSTATUS:NEEDS-ACTION\r\nEND:VTODO\r\n"
	body := "\ufeffBEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN\r\n" +
		fmt.Sprintf(task, 1) + fmt.Sprintf(task, 2) + fmt.Sprintf(task, 3) + "END:VCALENDAR\r\n"
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := run(context.Background(), []string{"import", "--db", filepath.Join(dir, "t.db"), "--ics", p}, noenv, nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"imported 0 events", "3 tasks (VTODO) and 0 journal entries (VJOURNAL) left out: ruydad keeps events only"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("import said %q, want %q", out.String(), want)
		}
	}
}
