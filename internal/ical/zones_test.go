package ical

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // the zones below, whatever the machine's zone files

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// zoneNow places the window of the zone tests.
var zoneNow = time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)

// vcal is a calendar of the given lines: calendar properties,
// VTIMEZONEs, VEVENTs, one string each, "\n" for CRLF.
func vcal(parts ...string) string {
	s := "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//zones//EN\n" + strings.Join(parts, "") + "END:VCALENDAR\n"
	return strings.ReplaceAll(s, "\n", "\r\n")
}

// zevent is a VEVENT with UID uid and the given property lines.
func zevent(uid string, lines ...string) string {
	return "BEGIN:VEVENT\nUID:" + uid + "\nSUMMARY:" + uid + "\nDTSTAMP:20240401T000000Z\n" + strings.Join(lines, "\n") + "\nEND:VEVENT\n"
}

// parseZones reads in as an import does (faulty VEVENTs skipped).
func parseZones(t *testing.T, in string) Parsed {
	t.Helper()
	p, err := ParseWith(strings.NewReader(in), Options{SkipFaulty: true, Now: zoneNow})
	if err != nil {
		t.Fatalf("ParseWith: %v", err)
	}
	return p
}

// tehranSpan is an event's span in Tehran wall time, with Gregorian dates:
// "2024-07-01 11:30–12:30" ("2024-07-01 11:30" without an end time).
func tehranSpan(e domain.Event) string {
	greg := func(d jalali.Date) string {
		y, m, day := d.Gregorian()
		return fmt.Sprintf("%04d-%02d-%02d", y, int(m), day)
	}
	s := greg(e.Start) + " " + e.StartTime
	if e.EndTime != "" {
		s += "–"
		if e.End != e.Start {
			s += greg(e.End) + " "
		}
		s += e.EndTime
	}
	return s
}

// berlinLike is a VTIMEZONE with Central European rules as Outlook writes
// them (DTSTART in 1601, the last Sunday of March and of October).
func berlinLike(id string) string {
	return "BEGIN:VTIMEZONE\nTZID:" + id + "\n" +
		"BEGIN:STANDARD\nDTSTART:16011028T030000\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nEND:STANDARD\n" +
		"BEGIN:DAYLIGHT\nDTSTART:16010325T020000\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nEND:DAYLIGHT\n" +
		"END:VTIMEZONE\n"
}

// iranDSTLike is a VTIMEZONE with the daylight saving time Iran kept until
// 2022 (BYMONTHDAY rules: 22 March and 22 September), which tzdata no
// longer applies after 2022: a file's own zone is read by its rules.
func iranDSTLike(id string) string {
	return "BEGIN:VTIMEZONE\nTZID:" + id + "\n" +
		"BEGIN:STANDARD\nDTSTART:20000922T000000\nRRULE:FREQ=YEARLY;BYMONTH=9;BYMONTHDAY=22\nTZOFFSETFROM:+0430\nTZOFFSETTO:+0330\nTZNAME:+0330\nEND:STANDARD\n" +
		"BEGIN:DAYLIGHT\nDTSTART:20000322T000000\nRRULE:FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=22\nTZOFFSETFROM:+0330\nTZOFFSETTO:+0430\nTZNAME:+0430\nEND:DAYLIGHT\n" +
		"END:VTIMEZONE\n"
}

// TestTimeZones reads one timed VEVENT with each kind of TZID a client
// writes, and where it lands in Tehran.
func TestTimeZones(t *testing.T) {
	summer := func(tzid string) string {
		return "DTSTART;TZID=" + tzid + ":20240701T100000\nDTEND;TZID=" + tzid + ":20240701T110000"
	}
	winter := func(tzid string) string {
		return "DTSTART;TZID=" + tzid + ":20240115T100000\nDTEND;TZID=" + tzid + ":20240115T110000"
	}
	tests := []struct {
		name     string
		tz, dt   string // VTIMEZONEs, DTSTART and DTEND lines
		want     string // tehranSpan, "" when the VEVENT is skipped
		skipWhy  string // in the English reason, when skipped
		skipFa   string // in the Persian one
		timeZone string
	}{
		{name: "IANA", dt: summer("Europe/Berlin"), want: "2024-07-01 11:30–12:30"},
		{name: "Windows name", dt: summer("W. Europe Standard Time"), want: "2024-07-01 11:30–12:30"},
		{name: "Windows name, winter", dt: winter("W. Europe Standard Time"), want: "2024-01-15 12:30–13:30"},
		{name: "Windows name, any case", dt: winter("eastern standard time"), want: "2024-01-15 18:30–19:30"},
		{name: "Windows name of Dubai", dt: summer("Arabian Standard Time"), want: "2024-07-01 09:30–10:30"},
		{name: "Windows name of Tehran", dt: summer("Iran Standard Time"), want: "2024-07-01 10:00–11:00"},
		{name: "retired Windows name", dt: summer("Mid-Atlantic Standard Time"), want: "2024-07-01 15:30–16:30"},
		{name: "tzurl prefix", dt: summer("/citadel.org/20190914_1/Europe/Berlin"), want: "2024-07-01 11:30–12:30"},
		{name: "Outlook label", dt: summer(`"(UTC+03:30) Tehran"`), want: "2024-07-01 10:00–11:00"},
		{name: "older label with a dot", dt: summer(`"(GMT+03.30) Tehran"`), want: "2024-07-01 10:00–11:00"},
		{name: "label with a comma", dt: summer(`"(UTC+04:00) Abu Dhabi, Muscat"`), want: "2024-07-01 09:30–10:30"},
		{name: "label keeps summer time", dt: summer(`"(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna"`), want: "2024-07-01 11:30–12:30"},
		{name: "older label, one city", dt: summer(`"(GMT+02:00) Athens, Bucharest, Istanbul"`), want: "2024-07-01 10:30–11:30"},
		{name: "label of an IANA city", dt: summer(`"(UTC+01:00) Oslo"`), want: "2024-07-01 11:30–12:30"},
		{name: "Persian label, offset of one zone", dt: summer(`"(UTC+03:30) تهران"`), want: "2024-07-01 10:00–11:00"},
		{name: "Persian label, fixed offset", dt: summer(`"(UTC+04:00) ابوظبی، مسقط"`), want: "2024-07-01 09:30–10:30"},
		{name: "Office 365 custom zone, summer", tz: berlinLike("Customized Time Zone"), dt: summer(`"Customized Time Zone"`), want: "2024-07-01 11:30–12:30"},
		{name: "Office 365 custom zone, winter", tz: berlinLike("Customized Time Zone"), dt: winter(`"Customized Time Zone"`), want: "2024-01-15 12:30–13:30"},
		{name: "tzone custom zone, BYMONTHDAY", tz: iranDSTLike("tzone://Microsoft/Custom"), dt: summer(`"tzone://Microsoft/Custom"`), want: "2024-07-01 09:00–10:00"},
		{name: "custom zone with Apple's UTC UNTIL", tz: "BEGIN:VTIMEZONE\nTZID:Tehran (old rules)\n" +
			"BEGIN:DAYLIGHT\nTZOFFSETFROM:+0330\nRRULE:FREQ=YEARLY;UNTIL=20220321T203000Z;BYMONTH=3;BYMONTHDAY=22\nDTSTART:20080322T000000\nTZNAME:GMT+4:30\nTZOFFSETTO:+0430\nEND:DAYLIGHT\n" +
			"BEGIN:STANDARD\nTZOFFSETFROM:+0430\nRRULE:FREQ=YEARLY;UNTIL=20220921T193000Z;BYMONTH=9;BYMONTHDAY=22\nDTSTART:20070922T000000\nTZNAME:GMT+3:30\nTZOFFSETTO:+0330\nEND:STANDARD\n" +
			"END:VTIMEZONE\n", dt: "DTSTART;TZID=Tehran (old rules):20220701T100000\nDTEND;TZID=Tehran (old rules):20230701T100000", want: "2022-07-01 10:00–2023-07-01 10:00"},
		{name: "zone of RDATEs", tz: "BEGIN:VTIMEZONE\nTZID:Onsets\n" +
			"BEGIN:STANDARD\nDTSTART:19700101T000000\nRDATE:20241001T000000\nTZOFFSETFROM:+0400\nTZOFFSETTO:+0300\nEND:STANDARD\n" +
			"BEGIN:DAYLIGHT\nDTSTART:20240301T000000\nRDATE:20240301T000000,20250301T000000\nTZOFFSETFROM:+0300\nTZOFFSETTO:+0400\nEND:DAYLIGHT\n" +
			"END:VTIMEZONE\n", dt: summer("Onsets"), want: "2024-07-01 09:30–10:30"},
		{name: "zone of RDATEs, winter", tz: "BEGIN:VTIMEZONE\nTZID:Onsets\n" +
			"BEGIN:STANDARD\nDTSTART:19700101T000000\nRDATE:20241001T000000\nTZOFFSETFROM:+0400\nTZOFFSETTO:+0300\nEND:STANDARD\n" +
			"BEGIN:DAYLIGHT\nDTSTART:20240301T000000\nTZOFFSETFROM:+0300\nTZOFFSETTO:+0400\nEND:DAYLIGHT\n" +
			"END:VTIMEZONE\n", dt: "DTSTART;TZID=Onsets:20241201T100000", want: "2024-12-01 10:30"},
		{name: "a label's VTIMEZONE before the label", tz: "BEGIN:VTIMEZONE\nTZID:(UTC+03:30) Tehran\nBEGIN:STANDARD\nDTSTART:16010101T000000\nTZOFFSETFROM:+0430\nTZOFFSETTO:+0430\nEND:STANDARD\nEND:VTIMEZONE\n",
			dt: summer(`"(UTC+03:30) Tehran"`), want: "2024-07-01 09:00–10:00"},
		{name: "an IANA name before its VTIMEZONE", tz: "BEGIN:VTIMEZONE\nTZID:Europe/Berlin\nBEGIN:STANDARD\nDTSTART:16010101T000000\nTZOFFSETFROM:+0500\nTZOFFSETTO:+0500\nEND:STANDARD\nEND:VTIMEZONE\n",
			dt: summer("Europe/Berlin"), want: "2024-07-01 11:30–12:30"},
		{name: "unreadable VTIMEZONE of a label", tz: "BEGIN:VTIMEZONE\nTZID:(UTC+04:00) Abu Dhabi, Muscat\nBEGIN:STANDARD\nDTSTART:16010101T000000\nTZOFFSETFROM:+0400\nEND:STANDARD\nEND:VTIMEZONE\n",
			dt: summer(`"(UTC+04:00) Abu Dhabi, Muscat"`), want: "2024-07-01 09:30–10:30"},
		{name: "custom zone without its VTIMEZONE", dt: summer(`"Customized Time Zone"`),
			skipWhy: `unknown time zone "Customized Time Zone"`, skipFa: "شناخته نیست و فایل هم تعریف آن (VTIMEZONE) را ندارد"},
		{name: "VTIMEZONE without TZOFFSETTO", tz: "BEGIN:VTIMEZONE\nTZID:Customized Time Zone\nBEGIN:STANDARD\nDTSTART:16010101T000000\nTZOFFSETFROM:+0400\nEND:STANDARD\nEND:VTIMEZONE\n",
			dt: summer(`"Customized Time Zone"`), skipWhy: "STANDARD without TZOFFSETTO", skipFa: "تعریف منطقه زمانی «\u2068Customized Time Zone\u2069» در فایل (VTIMEZONE) خوانا نیست: بخش STANDARD آن TZOFFSETTO ندارد."},
		{name: "VTIMEZONE with a monthly rule", tz: "BEGIN:VTIMEZONE\nTZID:Monthly\nBEGIN:STANDARD\nDTSTART:20000101T000000\nRRULE:FREQ=MONTHLY\nTZOFFSETFROM:+0400\nTZOFFSETTO:+0400\nEND:STANDARD\nEND:VTIMEZONE\n",
			dt: summer("Monthly"), skipWhy: "only FREQ=YEARLY", skipFa: "سالانه (FREQ=YEARLY) نیست"},
		{name: "VTIMEZONE with an hourly rule", tz: "BEGIN:VTIMEZONE\nTZID:Hourly\nBEGIN:STANDARD\nDTSTART:20000101T000000\nRRULE:FREQ=YEARLY;BYHOUR=0,1,2,3\nTZOFFSETFROM:+0400\nTZOFFSETTO:+0400\nEND:STANDARD\nEND:VTIMEZONE\n",
			dt: summer("Hourly"), skipWhy: "BYHOUR is not supported in a VTIMEZONE", skipFa: "سالانه (FREQ=YEARLY) نیست"},
		{name: "VTIMEZONE with a bad offset", tz: "BEGIN:VTIMEZONE\nTZID:Bad\nBEGIN:STANDARD\nDTSTART:20000101T000000\nTZOFFSETFROM:+0400\nTZOFFSETTO:four\nEND:STANDARD\nEND:VTIMEZONE\n",
			dt: summer("Bad"), skipWhy: `TZOFFSETTO "four" is not a UTC offset`, skipFa: "اختلاف ساعت «\u2068four\u2069» (TZOFFSETTO) خوانا نیست"},
		{name: "VTIMEZONE without sub-components", tz: "BEGIN:VTIMEZONE\nTZID:Empty\nEND:VTIMEZONE\n",
			dt: summer("Empty"), skipWhy: "no STANDARD or DAYLIGHT", skipFa: "بخش STANDARD یا DAYLIGHT ندارد"},
		{name: "Local is no zone", dt: summer("Local"), skipWhy: `unknown time zone "Local"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := parseZones(t, vcal(tt.tz, zevent("z@test", tt.dt)))
			if tt.want == "" {
				if len(p.Events) != 0 || len(p.Skipped) != 1 {
					t.Fatalf("events %v, skipped %v: want the VEVENT skipped", p.Events, p.Skipped)
				}
				if got := p.Skipped[0].Error(); !strings.Contains(got, tt.skipWhy) {
					t.Errorf("reason %q, want it to say %q", got, tt.skipWhy)
				}
				if got := p.Skipped[0].Persian(); !strings.Contains(got, tt.skipFa) {
					t.Errorf("Persian reason %q, want it to say %q", got, tt.skipFa)
				}
				return
			}
			if len(p.Events) != 1 {
				t.Fatalf("events %v, skipped %v", p.Events, p.Skipped)
			}
			if got := tehranSpan(p.Events[0]); got != tt.want {
				t.Errorf("in Tehran %s, want %s", got, tt.want)
			}
		})
	}
}

// TestFloatingTimes: floating times are Tehran time, or the zone of
// X-WR-TIMEZONE (Google Calendar); a TZID or a UTC time is what it says.
func TestFloatingTimes(t *testing.T) {
	tests := []struct {
		name, cal, dt string
		want          []string // tehranSpan of each event
	}{
		{"Tehran without X-WR-TIMEZONE", "", "DTSTART:20240701T100000\nDTEND:20240701T110000", []string{"2024-07-01 10:00–11:00"}},
		{"X-WR-TIMEZONE", "X-WR-TIMEZONE:Europe/Berlin\n", "DTSTART:20240701T100000\nDTEND:20240701T110000", []string{"2024-07-01 11:30–12:30"}},
		{"X-WR-TIMEZONE, a Windows name", "X-WR-TIMEZONE:W. Europe Standard Time\n", "DTSTART:20240701T100000\nDTEND:20240701T110000", []string{"2024-07-01 11:30–12:30"}},
		{"X-WR-TIMEZONE naming no zone", "X-WR-TIMEZONE:Mars/Olympus\n", "DTSTART:20240701T100000", []string{"2024-07-01 10:00"}},
		{"a TZID over X-WR-TIMEZONE", "X-WR-TIMEZONE:Europe/Berlin\n", "DTSTART;TZID=Asia/Tokyo:20240701T100000", []string{"2024-07-01 04:30"}},
		{"UTC over X-WR-TIMEZONE", "X-WR-TIMEZONE:Europe/Berlin\n", "DTSTART:20240701T100000Z", []string{"2024-07-01 13:30"}},
		{"dates over X-WR-TIMEZONE", "X-WR-TIMEZONE:Pacific/Kiritimati\n", "DTSTART;VALUE=DATE:20240701", []string{"2024-07-01 "}},
		{"a series in X-WR-TIMEZONE, its EXDATE too", "X-WR-TIMEZONE:Europe/Berlin\n",
			"DTSTART:20240318T100000\nDTEND:20240318T110000\nRRULE:FREQ=WEEKLY;COUNT=3\nEXDATE:20240325T100000",
			[]string{"2024-03-18 12:30–13:30", "2024-04-01 11:30–12:30"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := parseZones(t, vcal(tt.cal, zevent("f@test", tt.dt)))
			// A weekly series is kept as one (see keep); expandKept lays
			// out its occurrences where the calendar places them.
			var got []string
			for _, e := range expandKept(t, p) {
				got = append(got, tehranSpan(e))
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("in Tehran %q, want %q (skipped %v)", got, tt.want, p.Skipped)
			}
		})
	}
}

// TestClockGaps: a start that never happened moves to when the clocks
// jumped and the event keeps its length, noted in Adjusted; an end that
// never happened keeps the length as RFC 5545 reads it; a time that
// happened twice is the first.
func TestClockGaps(t *testing.T) {
	if _, off := time.Date(2022, 3, 22, 12, 0, 0, 0, jalali.Tehran).Zone(); off != 4*3600+1800 {
		t.Skip("no zone database with Tehran's daylight saving time")
	}
	tests := []struct {
		name, dt, want string
		note           string // in the note's English, "" for none
		noteFa         string
	}{
		{"start in Tehran's gap", "DTSTART;TZID=Asia/Tehran:20220322T003000\nDTEND;TZID=Asia/Tehran:20220322T013000",
			"2022-03-22 01:00–02:00", "DTSTART 2022-03-22 00:30 never happened in Asia/Tehran (clocks went forward 1h): the event starts at 01:00 +0430",
			"ساعت آغاز، ۰۰:۳۰ روز ۲ فروردین ۱۴۰۱، در منطقه زمانی «\u2068Asia/Tehran\u2069» هرگز نیامد (ساعت‌ها یک ساعت جلو کشیده شد)؛ رویداد از ۰۱:۰۰"},
		{"floating start in the gap", "DTSTART:20220322T000000\nDTEND:20220322T004500",
			"2022-03-22 01:00–01:45", "DTSTART 2022-03-22 00:00 never happened in Asia/Tehran", "در منطقه زمانی تهران هرگز نیامد"},
		{"start in the gap, DURATION", "DTSTART;TZID=Iran Standard Time:20220322T003000\nDURATION:PT90M",
			"2022-03-22 01:00–02:30", "DTSTART 2022-03-22 00:30 never happened in Iran Standard Time", ""},
		{"start in the gap, end in UTC", "DTSTART;TZID=Asia/Tehran:20220322T003000\nDTEND:20220321T210000Z",
			"2022-03-22 01:00–02:00", "never happened", ""},
		{"start and end in the gap", "DTSTART;TZID=Asia/Tehran:20220322T001000\nDTEND;TZID=Asia/Tehran:20220322T005000",
			"2022-03-22 01:00–01:40", "never happened", ""},
		{"end in the gap", "DTSTART;TZID=Asia/Tehran:20220321T233000\nDTEND;TZID=Asia/Tehran:20220322T003000",
			"2022-03-21 23:30–2022-03-22 01:30", "DTEND 2022-03-22 00:30 never happened in Asia/Tehran (clocks went forward 1h): read as 01:30 +0430",
			"ساعت پایان، ۰۰:۳۰ روز ۲ فروردین ۱۴۰۱"},
		{"Berlin's gap", "DTSTART;TZID=Europe/Berlin:20240331T023000\nDTEND;TZID=Europe/Berlin:20240331T033000",
			"2024-03-31 04:30–05:30", "DTSTART 2024-03-31 02:30 never happened in Europe/Berlin (clocks went forward 1h): the event starts at 03:00 +0200", ""},
		{"Lord Howe's half hour", "DTSTART;TZID=Australia/Lord_Howe:20241006T021000\nDTEND;TZID=Australia/Lord_Howe:20241006T031000",
			"2024-10-05 19:00–20:00", "(clocks went forward 30m): the event starts at 02:30 +1100", "(ساعت‌ها ۳۰ دقیقه جلو کشیده شد)"},
		{"a custom zone's gap", berlinLike("Customized Time Zone") + "DTSTART;TZID=Customized Time Zone:20240331T023000\nDTEND;TZID=Customized Time Zone:20240331T033000",
			"2024-03-31 04:30–05:30", "never happened in Customized Time Zone", ""},
		{"Berlin's hour twice is the first", "DTSTART;TZID=Europe/Berlin:20241027T023000\nDTEND;TZID=Europe/Berlin:20241027T040000",
			"2024-10-27 04:00–06:30", "", ""},
		{"the day after the gap", "DTSTART;TZID=Asia/Tehran:20220323T003000\nDTEND;TZID=Asia/Tehran:20220323T013000",
			"2022-03-23 00:30–01:30", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tz, dt := "", tt.dt
			if i := strings.Index(dt, "END:VTIMEZONE\n"); i >= 0 {
				tz, dt = dt[:i+len("END:VTIMEZONE\n")], dt[i+len("END:VTIMEZONE\n"):]
			}
			p := parseZones(t, vcal(tz, zevent("gap@test", dt, "DESCRIPTION:نشست شبانه")))
			if len(p.Events) != 1 {
				t.Fatalf("events %v, skipped %v", p.Events, p.Skipped)
			}
			e := p.Events[0]
			if got := tehranSpan(e); got != tt.want {
				t.Errorf("in Tehran %s, want %s", got, tt.want)
			}
			if e.Description != "نشست شبانه" {
				t.Errorf("description %q, want it as the file has it", e.Description)
			}
			if tt.note == "" {
				if len(p.Adjusted) != 0 {
					t.Errorf("adjusted %v, want nothing", p.Adjusted)
				}
				return
			}
			if len(p.Adjusted) != 1 {
				t.Fatalf("adjusted %v, want one note", p.Adjusted)
			}
			a := p.Adjusted[0]
			if !strings.Contains(a.Error(), tt.note) || a.UID != "gap@test" {
				t.Errorf("note %q, want it to say %q", a.Error(), tt.note)
			}
			if !strings.Contains(a.Persian(), tt.noteFa) {
				t.Errorf("Persian note %q, want it to say %q", a.Persian(), tt.noteFa)
			}
		})
	}
}

// TestClockGapRoundTrip: an event of ours at a time that never happened
// (00:30 on 2 Farvardin 1401, typed in) comes back from our own feed moved
// to 01:00 with its hour and its description, the date line the writer
// added taken off again, and the move in Adjusted.
func TestClockGapRoundTrip(t *testing.T) {
	if _, off := time.Date(2022, 3, 22, 12, 0, 0, 0, jalali.Tehran).Zone(); off != 4*3600+1800 {
		t.Skip("no zone database with Tehran's daylight saving time")
	}
	ev := event("night@ruydad", "نشست شبانه", func(e *domain.Event) {
		e.Start, e.End = jalali.MustNew(1401, 1, 2), jalali.MustNew(1401, 1, 2)
		e.StartTime, e.EndTime, e.Description = "00:30", "01:30", "دستور جلسه: نوروز"
	})
	f := testFeed()
	f.FromYear = 1401
	p, err := ParseWith(bytes.NewReader(write(t, f, []domain.Event{ev}, nil)), Options{SkipFaulty: true, Now: zoneNow})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Events) != 1 {
		t.Fatalf("events %v, skipped %v", p.Events, p.Skipped)
	}
	e := p.Events[0]
	if e.StartTime != "01:00" || e.EndTime != "02:00" || e.Start != ev.Start || e.End != ev.End {
		t.Errorf("%s %s–%s %s, want 1401/01/02 01:00–02:00", e.Start, e.StartTime, e.End, e.EndTime)
	}
	if e.Description != ev.Description {
		t.Errorf("description %q, want %q", e.Description, ev.Description)
	}
	if len(p.Adjusted) != 1 || p.Adjusted[0].Prop != "DTSTART" {
		t.Errorf("adjusted %v, want the moved start", p.Adjusted)
	}
}

// TestWindowsZonesTable: the embedded CLDR table is whole (every Windows
// zone of territory 001), its zones load, and its labels read.
func TestWindowsZonesTable(t *testing.T) {
	if len(windowsZones) < 139 {
		t.Errorf("%d Windows zones with a label, want CLDR's 139", len(windowsZones))
	}
	for name, iana := range windowsNames {
		if _, err := time.LoadLocation(iana); err != nil {
			t.Errorf("%s: %s does not load: %v", name, iana, err)
		}
	}
	for _, w := range windowsZones {
		loc := loadKnown(w.iana)
		if !hasOffset(loc, w.offset) && !strings.HasPrefix(w.iana, "Etc/") {
			// Labels give the standard offset of today's rules; a few zones
			// changed since the table (Mazatlan, Fiji's summer time).
			t.Logf("%s %q: %s is not at %s in 2024", w.name, w.label, w.iana, formatOffset(w.offset))
		}
	}
	for name, want := range map[string]string{
		"Iran Standard Time": "Asia/Tehran", "Arabian Standard Time": "Asia/Dubai", "W. Europe Standard Time": "Europe/Berlin",
		"Pacific Standard Time": "America/Los_Angeles", "UTC": "Etc/UTC", "Line Islands Standard Time": "Pacific/Kiritimati",
		"Dateline Standard Time": "Etc/GMT+12", "Afghanistan Standard Time": "Asia/Kabul",
	} {
		if got := windowsNames[fold(name)]; got != want {
			t.Errorf("%s → %q, want %q", name, got, want)
		}
	}
}

// TestTooManyZones: a file may name maxZones time zones; the VEVENTs of
// the next are skipped.
func TestTooManyZones(t *testing.T) {
	var parts []string
	for i := range maxZones + 1 {
		parts = append(parts, fmt.Sprintf("BEGIN:VTIMEZONE\nTZID:Zone %d\nBEGIN:STANDARD\nDTSTART:16010101T000000\nTZOFFSETFROM:+0400\nTZOFFSETTO:+0400\nEND:STANDARD\nEND:VTIMEZONE\n", i),
			zevent(fmt.Sprintf("z%d@test", i), fmt.Sprintf("DTSTART;TZID=Zone %d:20240701T100000", i)))
	}
	p := parseZones(t, vcal(parts...))
	if len(p.Events) != maxZones || len(p.Skipped) != 1 || p.Skipped[0].UID != fmt.Sprintf("z%d@test", maxZones) ||
		!strings.Contains(p.Skipped[0].Error(), fmt.Sprintf("more than %d time zones", maxZones)) {
		t.Errorf("%d events, skipped %v: want the zone past %d skipped", len(p.Events), p.Skipped, maxZones)
	}
}

// TestLabelZone: Outlook's labels, current and older, by their place, a
// city, a single zone of their offset, or their fixed offset.
func TestLabelZone(t *testing.T) {
	tests := []struct{ label, want string }{
		{"(UTC) Coordinated Universal Time", "Etc/UTC"},
		{"(UTC-05:00) Eastern Time (US & Canada)", "America/New_York"},
		{"(UTC+05:45) Kathmandu", "Asia/Katmandu"},
		{"(GMT) Greenwich Mean Time : Dublin, Edinburgh, Lisbon, London", "Europe/London"},
		{"(GMT+03:00) Moscow, St. Petersburg, Volgograd", "Europe/Moscow"},
		{"(GMT-04:30) Caracas", "America/Caracas"},
		{"(UTC+0330) Tehran", tzid},
		{"(UTC+05:00) Samarkand", "Asia/Samarkand"},
		{"(UTC+09:30) Somewhere", "+09:30 fixed"},
		{"(UTC+04:00) ابوظبی، مسقط", "+04:00 fixed"},
		{"Tehran", ""},
		{"(UTC+99:00) Nowhere", ""},
	}
	for _, tt := range tests {
		loc, ok := labelZone(tt.label)
		got := ""
		switch {
		case ok && strings.HasPrefix(loc.String(), "("):
			_, off := time.Date(2024, 7, 1, 0, 0, 0, 0, loc).Zone()
			got = fmt.Sprintf("%+03d:%02d fixed", off/3600, off/60%60)
		case ok:
			got = loc.String()
		}
		if got != tt.want {
			t.Errorf("%q → %q, want %q", tt.label, got, tt.want)
		}
	}
}

// TestZonesOfConcurrentParses: files parsed at once, each defining its own
// zone under the same TZID, each read by its own.
func TestZonesOfConcurrentParses(t *testing.T) {
	const n = 8
	got := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			off := fmt.Sprintf("+%02d00", i)
			in := vcal("BEGIN:VTIMEZONE\nTZID:Customized Time Zone\nBEGIN:STANDARD\nDTSTART:16010101T000000\nTZOFFSETFROM:"+off+"\nTZOFFSETTO:"+off+"\nEND:STANDARD\nEND:VTIMEZONE\n",
				zevent("c@test", "DTSTART;TZID=Customized Time Zone:20240701T120000"))
			for range 20 {
				p, err := ParseWith(strings.NewReader(in), Options{SkipFaulty: true, Now: zoneNow})
				if err != nil || len(p.Events) != 1 {
					got[i] = fmt.Sprint(err, p.Skipped)
					return
				}
				got[i] = tehranSpan(p.Events[0])
			}
		}()
	}
	wg.Wait()
	for i := range n {
		// 12:00 at +0i00 is 15:30−i hours in Tehran.
		want := fmt.Sprintf("2024-07-01 %02d:30", 15-i)
		if got[i] != want {
			t.Errorf("file %d: %s, want %s", i, got[i], want)
		}
	}
}

// TestZonesReleased: a parse leaves no zones behind.
func TestZonesReleased(t *testing.T) {
	parseZones(t, vcal(berlinLike("Customized Time Zone"), zevent("r@test", "DTSTART;TZID=Customized Time Zone:20240701T100000")))
	n := 0
	fileZones.Range(func(any, any) bool { n++; return true })
	if n != 0 {
		t.Errorf("%d files' zones left after their parse", n)
	}
}

// TestZoneFixtures reads the exports under testdata/import, shaped as each
// client writes them, and checks where each event lands in Tehran, what was
// skipped and what adjusted.
func TestZoneFixtures(t *testing.T) {
	tests := []struct {
		file     string
		want     []string // tehranSpan of each event, in order
		skipped  []string // in the reasons, one a skipped VEVENT
		adjusted []string // in the notes, one an adjustment
	}{
		{file: "google-xwr-timezone.ics", want: []string{
			"2024-07-01 11:30–13:00", "2024-03-18 12:30–13:30", "2024-04-01 11:30–12:30", "2024-07-02 11:30–12:30", "2024-07-03 ",
		}},
		{file: "outlook-utc-label.ics", want: []string{
			"2024-09-16 10:00–12:00", "2024-09-17 09:00–10:00", "2024-09-18 08:30–09:00",
		}},
		{file: "o365-custom-vtimezone.ics", want: []string{
			"2024-07-01 11:30–13:00", "2024-03-18 12:30–13:30", "2024-03-25 12:30–13:30", "2024-04-01 11:30–12:30", "2021-07-05 10:00–11:00",
		}, skipped: []string{`unknown time zone "Customized Time Zone 1"`}},
		{file: "exchange-arabian-standard-time.ics", want: []string{
			"2024-09-16 09:30–10:30", "2024-09-23 09:30–10:30", "2024-09-30 13:30–14:30", "2024-10-07 09:30–10:30",
		}},
		{file: "apple-dst-gap.ics", want: []string{
			"2022-03-22 01:00–02:00", "2022-03-23 00:30–01:30",
		}, adjusted: []string{"DTSTART 2022-03-22 00:30 never happened in Asia/Tehran"}},
		{file: "outlook-windows-zones.ics", want: []string{
			"2024-09-16 10:00–11:30", "2024-09-16 11:30–12:30", "2024-11-04 12:30–13:30", "2024-09-17 08:30–09:30",
			"2024-09-17 16:30–17:30", "2024-09-18 11:30–12:30", "2024-09-18 13:00–14:00", "2024-09-19 04:30–05:30",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", "import", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(b, []byte("\r\n")) || bytes.Contains(bytes.ReplaceAll(b, []byte("\r\n"), nil), []byte("\n")) {
				t.Errorf("lines do not all end in CRLF")
			}
			p := parseZones(t, string(b))
			// A weekly series is kept as one (see keep); expandKept lays
			// out its occurrences where the calendar places them.
			var got []string
			for _, e := range expandKept(t, p) {
				got = append(got, tehranSpan(e))
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("in Tehran:\n got %q\nwant %q", got, tt.want)
			}
			if len(p.Skipped) != len(tt.skipped) {
				t.Fatalf("skipped %v, want %d", p.Skipped, len(tt.skipped))
			}
			for i, why := range tt.skipped {
				if !strings.Contains(p.Skipped[i].Error(), why) {
					t.Errorf("skipped %q, want it to say %q", p.Skipped[i].Error(), why)
				}
			}
			if len(p.Adjusted) != len(tt.adjusted) {
				t.Fatalf("adjusted %v, want %d", p.Adjusted, len(tt.adjusted))
			}
			for i, what := range tt.adjusted {
				if !strings.Contains(p.Adjusted[i].Error(), what) {
					t.Errorf("adjusted %q, want it to say %q", p.Adjusted[i].Error(), what)
				}
			}
		})
	}
}

// BenchmarkReadVTimezone builds Outlook's custom zone (yearly rules from
// 1601): the cost of each custom zone, once per file.
func BenchmarkReadVTimezone(b *testing.B) {
	cal, err := decode(strings.NewReader(vcal(berlinLike("Customized Time Zone"))))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := readVTimezone(cal.Children[0]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseWindowsZones reads outlook-windows-zones.ics: eight
// events in seven Windows zones, with their VTIMEZONEs.
func BenchmarkParseWindowsZones(b *testing.B) {
	in, err := os.ReadFile(filepath.Join("testdata", "import", "outlook-windows-zones.ics"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseWith(bytes.NewReader(in), Options{SkipFaulty: true, Now: zoneNow}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseLabels reads outlook-utc-label.ics: Outlook labels, one
// by its VTIMEZONE, two by the label table.
func BenchmarkParseLabels(b *testing.B) {
	in, err := os.ReadFile(filepath.Join("testdata", "import", "outlook-utc-label.ics"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseWith(bytes.NewReader(in), Options{SkipFaulty: true, Now: zoneNow}); err != nil {
			b.Fatal(err)
		}
	}
}
