package ical

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// instanceLocal clears the fields a feed does not carry to another instance.
func instanceLocal(e domain.Event) domain.Event {
	e.ID, e.ArticleID = 0, 0
	return e
}

// TestRoundTrip writes the sample events (per year and RSCALE), parses the
// feed, checks every field, writes the parsed events again and compares the
// bytes.
func TestRoundTrip(t *testing.T) {
	for _, rscale := range []bool{false, true} {
		f := testFeed()
		f.RScale = rscale
		events := sampleEvents()
		first := write(t, f, events, catalogue(t))
		parsed, err := Parse(bytes.NewReader(first))
		if err != nil {
			t.Fatal(err)
		}
		if len(parsed) != len(events) {
			t.Fatalf("rscale=%v: parsed %d events, want %d (occasions skipped, yearly merged)", rscale, len(parsed), len(events))
		}
		for i, want := range events {
			want = instanceLocal(want)
			want.Description = strings.ReplaceAll(want.Description, "\r\n", "\n")
			if !reflect.DeepEqual(parsed[i], want) {
				t.Errorf("rscale=%v: event %d:\n got %+v\nwant %+v", rscale, i, parsed[i], want)
			}
			// ID and ArticleID belong to the writing instance; restore them
			// to compare the bytes.
			parsed[i].ID, parsed[i].ArticleID = events[i].ID, events[i].ArticleID
		}
		if second := write(t, f, parsed, catalogue(t)); !bytes.Equal(first, second) {
			t.Errorf("rscale=%v: re-export differs:\n%s", rscale, second)
		}
	}
}

const googleExport = "BEGIN:VCALENDAR\r\n" +
	"PRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n" +
	"VERSION:2.0\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n" +
	"X-WR-CALNAME:روابط عمومی\r\nX-WR-TIMEZONE:Asia/Tehran\r\n" +
	"BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n" +
	"DTSTART:19701025T030000\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n" +
	// UTC, weekly without an end, one week off: expanded over the window.
	"BEGIN:VEVENT\r\nDTSTART:20240516T063000Z\r\nDTEND:20240516T083000Z\r\n" +
	"RRULE:FREQ=WEEKLY;BYDAY=TH\r\nEXDATE:20240606T063000Z\r\nDTSTAMP:20240501T000000Z\r\nUID:weekly@google.com\r\n" +
	"CREATED:20240401T100000Z\r\nLAST-MODIFIED:20240402T100000Z\r\nSEQUENCE:3\r\n" +
	"STATUS:CONFIRMED\r\nSUMMARY:جلسه هفتگی, شورا\r\n" +
	"DESCRIPTION:تاریخ: این متن کاربر است\\nو سطر دوم\r\n" +
	"LOCATION:تهران\\, خیابان انقلاب\r\nTRANSP:OPAQUE\r\nEND:VEVENT\r\n" +
	// An instance of that series moved two hours later.
	"BEGIN:VEVENT\r\nDTSTART:20240523T073000Z\r\nDTEND:20240523T093000Z\r\n" +
	"RECURRENCE-ID:20240523T063000Z\r\nUID:weekly@google.com\r\nSUMMARY:جلسه هفتگی\r\nEND:VEVENT\r\n" +
	// TZID elsewhere, crossing Tehran midnight.
	"BEGIN:VEVENT\r\nDTSTART;TZID=Europe/Berlin:20240516T220000\r\nDTEND;TZID=Europe/Berlin:20240517T003000\r\n" +
	"UID:berlin@google.com\r\nSUMMARY:تماس با دفتر برلین\r\nCATEGORIES:Work,بازدید\r\nEND:VEVENT\r\n" +
	// All day over three days, folded in the middle of a letter by a
	// careless producer, tentative.
	"BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20240822\r\nDTEND;VALUE=DATE:20240825\r\n" +
	"UID:fest@google.com\r\nSUMMARY:جشنواره \xd8\r\n \xb1سانه\r\nSTATUS:TENTATIVE\r\nEND:VEVENT\r\n" +
	// Floating time with DURATION, ending at midnight.
	"BEGIN:VEVENT\r\nDTSTART:20240516T200000\r\nDURATION:PT4H\r\nUID:floating@example.com\r\n" +
	"SUMMARY:شب شعر\r\nEND:VEVENT\r\n" +
	// Outlook's zone name; one-day all-day event with DURATION and no UID.
	"BEGIN:VEVENT\r\nDTSTART;TZID=Iran Standard Time:20240516T090000\r\nDTEND;TZID=Iran Standard Time:20240516T100000\r\n" +
	"UID:outlook@example.com\r\nSUMMARY:Outlook\r\nEND:VEVENT\r\n" +
	"BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20240516\r\nDURATION:P1D\r\nSUMMARY:بی‌شناسه\r\nEND:VEVENT\r\n" +
	"END:VCALENDAR\r\n"

func TestParseGoogle(t *testing.T) {
	parsed, err := ParseWith(strings.NewReader(googleExport), Options{Now: testNow, FromYear: 1403, ToYear: 1403})
	if err != nil {
		t.Fatal(err)
	}
	// The weekly series is kept as one (see keep); expandKept lays out its
	// occurrences as the calendar places them, over the window.
	got := expandKept(t, parsed)
	d := jalali.MustNew(1403, 2, 27)
	base := domain.Event{Kind: domain.KindOther, Status: domain.StatusConfirmed, Start: d, End: d}
	with := func(edit func(*domain.Event)) domain.Event { e := base; edit(&e); return e }
	weekly := with(func(e *domain.Event) {
		e.UID, e.Title, e.StartTime, e.EndTime = "weekly-20240516T063000Z@google.com", "جلسه هفتگی, شورا", "10:00", "12:00"
		e.Description, e.Location = "تاریخ: این متن کاربر است\nو سطر دوم", "تهران, خیابان انقلاب"
		e.Sequence = 3
		e.CreatedAt = time.Date(2024, 4, 1, 10, 0, 0, 0, time.UTC)
		e.UpdatedAt = time.Date(2024, 4, 2, 10, 0, 0, 0, time.UTC)
	})
	// Every Thursday of 1403 from 16 May 2024 (1403 ends on Thursday 20
	// March 2025), less 6 June; 23 May is the override.
	want := []domain.Event{weekly}
	for day := time.Date(2024, 5, 23, 0, 0, 0, 0, time.UTC); !day.After(time.Date(2025, 3, 20, 0, 0, 0, 0, time.UTC)); day = day.AddDate(0, 0, 7) {
		e := weekly
		e.UID = "weekly-" + day.Format("20060102") + "T063000Z@google.com"
		e.Start = jalali.FromGregorian(day.Date())
		e.End = e.Start
		switch day.Format("0102") {
		case "0606":
			continue
		case "0523":
			e = with(func(o *domain.Event) {
				o.UID, o.Title, o.Start, o.End, o.StartTime, o.EndTime = e.UID, "جلسه هفتگی", e.Start, e.End, "11:00", "13:00"
			})
		}
		want = append(want, e)
	}
	if n := len(want); parsed.Kept != 1 || parsed.Series != 0 || n != 44 {
		t.Errorf("kept %d, series %d, %d occurrences; want 1, 0, 44", parsed.Kept, parsed.Series, n)
	}
	want = append(want,
		with(func(e *domain.Event) {
			e.UID, e.Title, e.Kind = "berlin@google.com", "تماس با دفتر برلین", domain.KindVisit
			e.End, e.StartTime, e.EndTime = d.AddDays(1), "23:30", "02:00" // CEST is +02:00
		}),
		with(func(e *domain.Event) {
			e.UID, e.Title, e.ReviewNote = "fest@google.com", "جشنواره رسانه", TentativeNote
			e.Start, e.End = jalali.MustNew(1403, 6, 1), jalali.MustNew(1403, 6, 3)
		}),
		with(func(e *domain.Event) { e.UID, e.Title, e.StartTime = "floating@example.com", "شب شعر", "20:00" }),
		with(func(e *domain.Event) {
			e.UID, e.Title, e.StartTime, e.EndTime = "outlook@example.com", "Outlook", "09:00", "10:00"
		}),
		with(func(e *domain.Event) { e.Title = "بی‌شناسه" }),
	)
	if len(got) != len(want) {
		t.Fatalf("got %d events, want %d", len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("event %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

func TestParseMalformed(t *testing.T) {
	ev := func(body string) string {
		return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" +
			"BEGIN:VEVENT\r\nUID:good@x\r\nDTSTART;VALUE=DATE:20240516\r\nSUMMARY:خوب\r\nEND:VEVENT\r\n" +
			"BEGIN:VEVENT\r\n" + body + "END:VEVENT\r\nEND:VCALENDAR\r\n"
	}
	tests := []struct{ name, in, msg string }{
		{"empty", "", "unexpected end of input"},
		{"not ical", "<html>hello</html>\r\n", "malformed"},
		{"truncated", strings.TrimSuffix(ev("UID:x\r\nDTSTART:20240516T100000Z\r\n"), "END:VEVENT\r\nEND:VCALENDAR\r\n"), "unexpected end of input"},
		{"wrong top", "BEGIN:VEVENT\r\nEND:VEVENT\r\n", "VCALENDAR"},
		{"mismatched end", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VTODO\r\nEND:VCALENDAR\r\n", "END"},
		{"trailing data", ev("UID:x\r\nDTSTART:20240516T100000Z\r\n") + "BEGIN:VCALENDAR\r\n", "after END:VCALENDAR"},
		{"no dtstart", ev("UID:x\r\nSUMMARY:بی‌تاریخ\r\n"), `VEVENT 2 (UID "x", SUMMARY "بی‌تاریخ"): no DTSTART`},
		{"bad date", ev("UID:x\r\nDTSTART;VALUE=DATE:2024-05-16\r\n"), "DTSTART"},
		{"end out of range", ev("UID:x\r\nDTSTART;VALUE=DATE:20240516\r\nDTEND;VALUE=DATE:99991231\r\n"), "out of range"},
		{"bad time", ev("UID:x\r\nDTSTART:20241316T100000Z\r\n"), "DTSTART"},
		{"unknown zone", ev("UID:x\r\nDTSTART;TZID=Mars/Olympus:20240516T100000\r\n"), `unknown time zone "Mars/Olympus"`},
		{"bad escape", ev("UID:x\r\nDTSTART:20240516T100000Z\r\nSUMMARY:a\\qb\r\n"), "SUMMARY"},
		{"bad utf8", ev("UID:x\r\nDTSTART:20240516T100000Z\r\nSUMMARY:\xff\xfe\r\n"), "UTF-8"},
		{"bad duration", ev("UID:x\r\nDTSTART:20240516T100000Z\r\nDURATION:soon\r\n"), "DURATION"},
		{"bad sequence", ev("UID:x\r\nDTSTART:20240516T100000Z\r\nSEQUENCE:-1\r\n"), "SEQUENCE"},
		{"bad yearly", ev("UID:x\r\nDTSTART;VALUE=DATE:20240516\r\nX-RUYDAD-YEARLY;VALUE=DATE:May\r\n"), "X-RUYDAD-YEARLY"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(strings.NewReader(tt.in))
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("err = %v, want ErrMalformed", err)
			}
			if got != nil {
				t.Errorf("got %d events with the error, want none", len(got))
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %q, want it to mention %q", err, tt.msg)
			}
		})
	}
}

// TestDSTOnsetsMatchTZData compares the VTIMEZONE's daylight-saving onsets
// with the system zone database.
func TestDSTOnsetsMatchTZData(t *testing.T) {
	loc, err := time.LoadLocation(tzid)
	if err != nil {
		t.Skipf("no zone database: %v", err)
	}
	start, end := dstOnsets()
	want := append(start, end...)
	var got []string
	for h := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC); h.Year() < 2030; h = h.Add(30 * time.Minute) {
		_, before := h.Add(-time.Minute).In(loc).Zone()
		if _, after := h.In(loc).Zone(); after != before {
			// The onset as wall time in the offset before the change.
			got = append(got, h.In(time.FixedZone("", before)).Format(localFormat))
		}
	}
	slices.Sort(want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tzdata onsets:\n%v\nVTIMEZONE onsets:\n%v", got, want)
	}
}

// FuzzParse checks that Parse is all or nothing and that whatever it accepts
// is an event the writer can export.
func FuzzParse(f *testing.F) {
	golden, _ := filepath.Glob(filepath.Join("testdata", "*.ics"))
	for _, p := range golden {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(googleExport))
	f.Fuzz(func(t *testing.T, in []byte) {
		events, err := Parse(bytes.NewReader(in))
		if err != nil {
			if events != nil || !errors.Is(err, ErrMalformed) {
				t.Fatalf("Parse = %d events, %v; want none and ErrMalformed", len(events), err)
			}
			return
		}
		w := NewWriter(io.Discard, testFeed())
		for _, e := range events {
			if e.UID == "" {
				e.UID = "fuzz@ruydad"
			}
			if err := w.Event(e); err != nil {
				t.Fatalf("parsed event cannot be written: %v\n%+v", err, e)
			}
		}
	})
}

// TestOpenEnd: an event with a start time and no end time is written an
// hour long and read back without an end time; somebody else's hour-long
// event keeps its end.
func TestOpenEnd(t *testing.T) {
	d := jalali.MustNew(1403, 2, 27)
	for _, tt := range []struct {
		start, wantEnd string
		nextDay        bool
	}{{"08:15", "09:15", false}, {"22:59", "23:59", false}, {"23:00", "00:00", true}, {"23:30", "00:30", true}} {
		end, endTime, ok := openEnd(d, tt.start)
		if !ok || endTime != tt.wantEnd || (end != d) != tt.nextDay {
			t.Errorf("openEnd(%s) = %s %s, want %s next day %v", tt.start, end, endTime, tt.wantEnd, tt.nextDay)
		}
	}
	var events []domain.Event
	for i, at := range []string{"08:15", "23:00", "23:30"} {
		events = append(events, event(fmt.Sprintf("open-%d@ruydad", i), "بی‌پایان "+at, func(e *domain.Event) { e.StartTime = at }))
	}
	events = append(events, event("open-yearly@ruydad", "سالانه بی‌پایان", func(e *domain.Event) {
		e.Repeat, e.Start, e.End, e.StartTime = domain.Repeat{Kind: domain.RepeatYearly}, jalali.MustNew(1400, 6, 31), jalali.MustNew(1400, 6, 31), "23:30"
	}))
	feed := write(t, testFeed(), events, nil)
	got, err := Parse(bytes.NewReader(feed))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(events) {
		t.Fatalf("parsed %d events, want %d", len(got), len(events))
	}
	for i, want := range events {
		if g := got[i]; g.Start != want.Start || g.End != want.End || g.StartTime != want.StartTime || g.EndTime != "" {
			t.Errorf("%s: read back as %s %s..%s %s", want.UID, g.Start, g.StartTime, g.End, g.EndTime)
		}
	}
	foreign := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:hour@example.com\r\n" +
		"DTSTART;TZID=Asia/Tehran:20240516T081500\r\nDTEND;TZID=Asia/Tehran:20240516T091500\r\n" +
		"SUMMARY:x\r\nDESCRIPTION:تاریخ: ۲۷ اردیبهشت ۱۴۰۳\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	if got, err := Parse(strings.NewReader(foreign)); err != nil || len(got) != 1 || got[0].EndTime != "09:15" {
		t.Errorf("an hour-long event of somebody else's: %+v, %v", got, err)
	}
}

// TestParseListsEveryProblem: a refusal names every VEVENT at fault, in
// file order, each once, in English and in Persian.
func TestParseListsEveryProblem(t *testing.T) {
	in := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" +
		"BEGIN:VEVENT\r\nUID:a@x\r\nSUMMARY:یک\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:ok@x\r\nSUMMARY:خوب\r\nDTSTART;VALUE=DATE:20240516\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:c@x\r\nDTSTART;VALUE=DATE:20240516\r\nSEQUENCE:many\r\nSUMMARY:\r\nEND:VEVENT\r\n" +
		"END:VCALENDAR\r\n"
	_, err := Parse(strings.NewReader(in))
	var ps *Problems
	if !errors.As(err, &ps) || len(ps.List) != 2 || ps.List[0].N != 1 || ps.List[1].N != 3 {
		t.Fatalf("err = %v", err)
	}
	for _, want := range []string{"2 VEVENTs at fault", `VEVENT 1 (UID "a@x", SUMMARY "یک"): no DTSTART`, `VEVENT 3 (UID "c@x"): SEQUENCE`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not say %q", err, want)
		}
	}
	fa := Persian(err)
	if len(fa) != 2 || !strings.Contains(fa[0], "a@x") || !strings.Contains(fa[1], "شماره ویرایش (SEQUENCE)") {
		t.Errorf("Persian: %q", fa)
	}
}

// TestValidateNamesTheProperty: what domain.Event.Validate finds wrong with
// an event read from a file is said with the property each field was read
// from, in the catalogue's words; the English error is the ValidationError.
func TestValidateNamesTheProperty(t *testing.T) {
	day := jalali.MustNew(1403, 2, 27)
	good := domain.Event{Title: "جلسه", Kind: domain.KindMeeting, Start: day, End: day, Status: domain.StatusConfirmed}
	long := strings.Repeat("ک", domain.MaxShortField+1)
	tests := []struct {
		field domain.Field
		edit  func(e *domain.Event)
		prop  string
		fa    string
	}{
		{domain.FieldTitle, func(e *domain.Event) { e.Title = " " }, "SUMMARY", "عنوان (SUMMARY) ندارد."},
		{domain.FieldTitle, func(e *domain.Event) { e.Title = strings.Repeat("ک", domain.MaxTitle+1) }, "SUMMARY",
			"عنوان بیش از ۳۰۰ نویسه است (SUMMARY)."},
		{domain.FieldKind, func(e *domain.Event) { e.Kind = "party" }, "CATEGORIES", "نوع رویداد را از فهرست انتخاب کنید (CATEGORIES)."},
		{domain.FieldStatus, func(e *domain.Event) { e.Status = "archived" }, "STATUS",
			"وضعیت رویداد باید پیشنهادی، تأییدشده یا ردشده باشد (STATUS)."},
		{domain.FieldStart, func(e *domain.Event) { e.Start = jalali.Date{} }, "DTSTART", "تاریخ شروع معتبر نیست (DTSTART)."},
		{domain.FieldEnd, func(e *domain.Event) { e.End = day.AddDays(-1) }, "DTEND", "تاریخ پایان نمی‌تواند پیش از تاریخ شروع باشد (DTEND)."},
		{domain.FieldStartTime, func(e *domain.Event) { e.EndTime = "10:00" }, "DTSTART",
			"برای ساعت پایان، ساعت شروع را هم بنویسید (DTSTART)."},
		{domain.FieldEndTime, func(e *domain.Event) { e.StartTime, e.EndTime = "10:00", "09:00" }, "DTEND",
			"ساعت پایان پیش از ساعت شروع است (DTEND)."},
		{domain.FieldDescription, func(e *domain.Event) { e.Description = strings.Repeat("ک", domain.MaxDescription+1) }, "DESCRIPTION",
			"توضیحات بیش از ۱۰۰۰۰ نویسه است (DESCRIPTION)."},
		{domain.FieldLocation, func(e *domain.Event) { e.Location = long }, "LOCATION", "این فیلد بیش از ۲۰۰ نویسه است (LOCATION)."},
		{domain.FieldProvince, func(e *domain.Event) { e.Province = long }, "DESCRIPTION", "این فیلد بیش از ۲۰۰ نویسه است (DESCRIPTION)."},
		{domain.FieldOrganization, func(e *domain.Event) { e.Organization = long }, "DESCRIPTION", "این فیلد بیش از ۲۰۰ نویسه است (DESCRIPTION)."},
		{domain.FieldOwner, func(e *domain.Event) { e.Owner = long }, "CONTACT", "این فیلد بیش از ۲۰۰ نویسه است (CONTACT)."},
	}
	for _, tt := range tests {
		e := good
		tt.edit(&e)
		err := validate(e)
		var p *problem
		var v domain.ValidationError
		if !errors.As(err, &p) || !errors.As(err, &v) || len(v) != 1 || v[0].Field != tt.field {
			t.Errorf("%s: %v, want a problem wrapping a ValidationError on %s alone", tt.field, err, tt.field)
			continue
		}
		if p.prop != tt.prop || p.fa != tt.fa || !strings.Contains(err.Error(), string(tt.field)) {
			t.Errorf("%s: %s %q (%v), want %s %q", tt.field, p.prop, p.fa, err, tt.prop, tt.fa)
		}
	}
	// Several at once: sorted by field, the first one's property named.
	e := good
	e.Title, e.Kind = "", "party"
	var p *problem
	if err := validate(e); !errors.As(err, &p) || p.prop != "CATEGORIES" ||
		p.fa != "نوع رویداد را از فهرست انتخاب کنید (CATEGORIES). عنوان (SUMMARY) ندارد." {
		t.Errorf("title and kind: %v %+v", err, p)
	}
	if err := validate(good); err != nil {
		t.Errorf("a valid event: %v", err)
	}
}

// A file's texts lose control characters and the bidi overrides, as a
// form's do.
func TestParseStripsControls(t *testing.T) {
	file := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:ctl@test\r\nDTSTAMP:20250101T000000Z\r\n" +
		"DTSTART;VALUE=DATE:20250517\r\nSUMMARY:جلسه \u202Eشورا\u0007\r\nLOCATION:سالن\u2066 ۱\u2069\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	got, err := Parse(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Title != "جلسه شورا" || got[0].Location != "سالن ۱" {
		t.Errorf("parsed %+v", got)
	}
}

// TestParseFileShapes: a UTF-8 byte order mark, lines ending in CR
// alone, two VCALENDARs in one file (their events together) and a file of
// tasks only (counted, left out) are read.
func TestParseFileShapes(t *testing.T) {
	event := func(uid, day string) string {
		return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20240501T000000Z\r\nSUMMARY:رویداد " + uid + "\r\nDTSTART;VALUE=DATE:" + day + "\r\nEND:VEVENT\r\n"
	}
	cal := func(body string) string {
		return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Apple Inc.//macOS 14.5//EN\r\n" + body + "END:VCALENDAR\r\n"
	}
	task := "BEGIN:VTODO\r\nUID:t@x\r\nDTSTAMP:20240501T000000Z\r\nSUMMARY:نامه\r\nEND:VTODO\r\n"
	for _, tc := range []struct {
		name, file   string
		uids         []string
		tasks, notes int
	}{
		{"byte order mark", "\ufeff" + cal(event("a", "20240516")), []string{"a"}, 0, 0},
		{"CR alone", strings.ReplaceAll(cal(event("a", "20240516")+event("b", "20240517")), "\r\n", "\r"), []string{"a", "b"}, 0, 0},
		{"LF alone, folded", strings.ReplaceAll(cal(strings.Replace(event("a", "20240516"), "SUMMARY:رویداد a", "SUMMARY:رویداد\r\n  a", 1)), "\r\n", "\n"), []string{"a"}, 0, 0},
		{"two calendars", cal(event("a", "20240516")) + "\r\n" + cal(event("b", "20240517")+task), []string{"a", "b"}, 1, 0},
		{"tasks only", cal(task + task + task + "BEGIN:VJOURNAL\r\nUID:j@x\r\nDTSTAMP:20240501T000000Z\r\nEND:VJOURNAL\r\n"), nil, 3, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := ParseWith(strings.NewReader(tc.file), Options{Now: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)})
			if err != nil {
				t.Fatal(err)
			}
			var uids []string
			for _, e := range p.Events {
				uids = append(uids, e.UID)
			}
			if !slices.Equal(uids, tc.uids) || p.Tasks != tc.tasks || p.Journals != tc.notes {
				t.Errorf("events %q, %d tasks, %d journals; want %q, %d, %d", uids, p.Tasks, p.Journals, tc.uids, tc.tasks, tc.notes)
			}
			if len(p.Events) > 0 && p.Events[0].Title != "رویداد a" {
				t.Errorf("title %q", p.Events[0].Title)
			}
		})
	}
	if _, err := ParseWith(strings.NewReader(cal(event("a", "20240516"))+"hello\r\n"), Options{}); err == nil || !strings.Contains(err.Error(), "after END:VCALENDAR") {
		t.Errorf("text after the calendar: %v", err)
	}
}

// TestParseSkipsFaultyEvents: with SkipFaulty, the VEVENTs at fault are
// named in Skipped and make no event (a series found at fault after its
// first instances loses them too); the others are read.
func TestParseSkipsFaultyEvents(t *testing.T) {
	in := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" +
		"BEGIN:VEVENT\r\nUID:a@x\r\nSUMMARY:یک\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:ok@x\r\nSUMMARY:خوب\r\nDTSTART;VALUE=DATE:20240516\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:c@x\r\nDTSTART;VALUE=DATE:20240516\r\nSEQUENCE:many\r\nSUMMARY:\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:w@x\r\nSUMMARY:هفتگی\r\nDTSTART;VALUE=DATE:20240516\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:w@x\r\nRECURRENCE-ID;VALUE=DATE:20240523\r\nSUMMARY:هفتگی (جابه‌جا)\r\nDTSTART;VALUE=DATE:20240524\r\nRRULE:FREQ=DAILY\r\nEND:VEVENT\r\n" +
		"END:VCALENDAR\r\n"
	p, err := ParseWith(strings.NewReader(in), Options{SkipFaulty: true, Now: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	// The weekly series is kept as one; the overriding VEVENT at fault
	// leaves its instance in the series.
	var uids []string
	for _, e := range expandKept(t, p) {
		uids = append(uids, e.UID)
	}
	if want := []string{"ok@x", "w-20240516@x", "w-20240523@x", "w-20240530@x"}; !slices.Equal(uids, want) {
		t.Errorf("events %q, want %q", uids, want)
	}
	var skipped []int
	for _, e := range p.Skipped {
		skipped = append(skipped, e.N)
	}
	if !slices.Equal(skipped, []int{1, 3, 5}) || len(p.Refused) != 0 || !strings.Contains(p.Skipped[0].Error(), "no DTSTART") ||
		!strings.Contains(p.Skipped[1].Persian(), "شماره ویرایش (SEQUENCE)") || p.Skipped[2].Prop != "RRULE" {
		t.Errorf("skipped %v: %v", skipped, p.Skipped)
	}
	if _, err := ParseWith(strings.NewReader(in), Options{Now: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)}); err == nil {
		t.Error("without SkipFaulty the file is refused")
	}
}
