package ical

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/ical/icaljs"
	"github.com/ruydad/ruydad/internal/jalali"
)

// vcalendar wraps VEVENT bodies (without BEGIN/END) in a VCALENDAR that
// carries our Asia/Tehran VTIMEZONE.
func vcalendar(bodies ...string) string {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n")
	for _, p := range vtimezone() {
		b.WriteString(p[0] + ":" + p[1] + "\r\n")
	}
	for _, body := range bodies {
		b.WriteString("BEGIN:VEVENT\r\nDTSTAMP:20240501T000000Z\r\n" + body + "END:VEVENT\r\n")
	}
	b.WriteString("END:VCALENDAR\r\n")
	return b.String()
}

// series are recurring VEVENTs as Google Calendar, Outlook and Apple write
// them, each with a finite rule.
var series = []string{
	// Weekly at 10:00 Tehran, three times.
	"UID:w3@google.com\r\nSUMMARY:جلسه هفتگی شورا\r\nDTSTART;TZID=Asia/Tehran:20240518T100000\r\n" +
		"DTEND;TZID=Asia/Tehran:20240518T113000\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\n",
	// A Gregorian birthday-like yearly all-day event: 16 May, which is 27
	// Ordibehesht in 2024 but 26 in 2025.
	"UID:y@google.com\r\nSUMMARY:سالگرد میلادی\r\nDTSTART;VALUE=DATE:20240516\r\nDTEND;VALUE=DATE:20240517\r\n" +
		"RRULE:FREQ=YEARLY;UNTIL=20280516\r\n",
	// Saturdays and Mondays until a date, less two, UTC.
	"UID:sm@outlook.com\r\nSUMMARY:Training\r\nDTSTART:20240518T053000Z\r\nDTEND:20240518T073000Z\r\n" +
		"RRULE:FREQ=WEEKLY;BYDAY=SA,MO;UNTIL=20240615T235959Z\r\nEXDATE:20240520T053000Z,20240601T053000Z\r\n",
	// The 31st of each month, which some months skip.
	"UID:m31@apple.com\r\nSUMMARY:گزارش ماهانه\r\nDTSTART;VALUE=DATE:20240131\r\n" +
		"RRULE:FREQ=MONTHLY;BYMONTHDAY=31;COUNT=4\r\n",
	// Dates given one by one, one of them excluded; a two-day event.
	"UID:rd@example.com\r\nSUMMARY:نمایشگاه\r\nDTSTART;VALUE=DATE:20240601\r\nDTEND;VALUE=DATE:20240603\r\n" +
		"RDATE;VALUE=DATE:20240701,20240801\r\nRDATE;VALUE=DATE:20240901\r\nEXDATE;VALUE=DATE:20240801\r\n",
}

// TestParseSeriesAgainstICalJS expands finite series and has ical.js
// (Thunderbird) expand the same file: the same instances, and each event
// where its instance falls.
func TestParseSeriesAgainstICalJS(t *testing.T) {
	in := vcalendar(series...)
	parsed, err := ParseWith(strings.NewReader(in), Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	// The weekly ones are kept as series (their occurrences the
	// calendar's: expandKept), the others expanded.
	events := expandKept(t, parsed)
	if parsed.Series+parsed.Kept != len(series) || parsed.Kept != 2 || parsed.Endless != 0 || parsed.Occurrences+len(events)-len(parsed.Events)+parsed.Kept != len(events) {
		t.Errorf("series %d, kept %d, endless %d, occurrences %d of %d events", parsed.Series, parsed.Kept, parsed.Endless, parsed.Occurrences, len(events))
	}
	ours := map[string][]string{} // series UID → instance keys from our UIDs
	for _, e := range events {
		at := strings.LastIndexByte(e.UID, '@')
		dash := strings.LastIndexByte(e.UID[:at], '-')
		uid, key := e.UID[:dash]+e.UID[at:], e.UID[dash+1:at]
		ours[uid] = append(ours[uid], key)
		checkPlaced(t, e, key)
	}
	for _, g := range icaljs.Parse(t, []byte(in)) {
		var keys []string
		for i, occ := range g.Occurrences {
			if len(occ) == len("2006-01-02") {
				keys = append(keys, strings.ReplaceAll(occ, "-", ""))
			} else {
				keys = append(keys, time.Unix(g.OccurrencesUnix[i], 0).UTC().Format(utcFormat))
			}
		}
		if g.UID == "rd@example.com" {
			// ical.js 2.2.1 leaves DTSTART out of a VEVENT that recurs by
			// RDATEs alone (see the package doc); RFC 5545 counts it.
			keys = append([]string{"20240601"}, keys...)
		}
		if !slices.Equal(ours[g.UID], keys) {
			t.Errorf("%s: we expand %v, ical.js %v", g.UID, ours[g.UID], keys)
		}
	}
	if n := len(ours["w3@google.com"]) + len(ours["y@google.com"]) + len(ours["sm@outlook.com"]) + len(ours["m31@apple.com"]) + len(ours["rd@example.com"]); n != 3+5+7+4+3 {
		t.Errorf("%d instances in all, want 22: %v", n, ours)
	}
}

// checkPlaced checks that the event made from the instance key starts
// there, in Tehran time or on that date.
func checkPlaced(t *testing.T, e domain.Event, key string) {
	t.Helper()
	if len(key) == len("20060102") {
		d, _ := time.Parse("20060102", key)
		if want := jalali.FromGregorian(d.Date()); e.Start != want || e.StartTime != "" {
			t.Errorf("%s: starts %s %s, want %s", e.UID, e.Start, e.StartTime, want)
		}
		return
	}
	at, _ := time.Parse(utcFormat, key)
	at = at.In(jalali.Tehran)
	if e.Start != jalali.FromTime(at) || e.StartTime != at.Format("15:04") {
		t.Errorf("%s: starts %s %s, want %s", e.UID, e.Start, e.StartTime, at)
	}
}

func TestParseSeriesDetails(t *testing.T) {
	parse := func(window [2]int, bodies ...string) []domain.Event {
		t.Helper()
		p, err := ParseWith(strings.NewReader(vcalendar(bodies...)), Options{Now: testNow, FromYear: window[0], ToYear: window[1]})
		if err != nil {
			t.Fatal(err)
		}
		return expandKept(t, p)
	}
	spans := func(events []domain.Event) string {
		var s []string
		for _, e := range events {
			s = append(s, fmt.Sprintf("%s %s-%s..%s %s", e.UID, e.Start, e.StartTime, e.End, e.EndTime))
		}
		return strings.Join(s, "\n")
	}
	check := func(name string, got []domain.Event, want ...string) {
		t.Helper()
		if g := spans(got); g != strings.Join(want, "\n") {
			t.Errorf("%s:\n got %s\nwant %s", name, g, strings.Join(want, "\n"))
		}
	}

	// The Gregorian yearly event keeps its Gregorian day, so its Jalali
	// day moves; the two-day exhibition stays two days at each RDATE.
	got := parse([2]int{}, series[1], series[4])
	check("yearly and RDATE", got,
		"y-20240516@google.com 1403/02/27-..1403/02/27 ", "y-20250516@google.com 1404/02/26-..1404/02/26 ",
		"y-20260516@google.com 1405/02/26-..1405/02/26 ", "y-20270516@google.com 1406/02/26-..1406/02/26 ",
		"y-20280516@google.com 1407/02/27-..1407/02/27 ",
		"rd-20240601@example.com 1403/03/12-..1403/03/13 ", "rd-20240701@example.com 1403/04/11-..1403/04/12 ",
		"rd-20240901@example.com 1403/06/11-..1403/06/12 ")

	// A wall-clock time in Berlin stays 10:00 there across the change to
	// winter time, so in Tehran (no daylight saving since 1402) it moves.
	got = parse([2]int{}, "UID:b@x\r\nSUMMARY:برلین\r\nDTSTART;TZID=Europe/Berlin:20241020T100000\r\n"+
		"DURATION:PT1H\r\nRRULE:FREQ=WEEKLY;COUNT=2\r\n")
	check("Berlin", got, "b-20241020T080000Z@x 1403/07/29-11:30..1403/07/29 12:30", "b-20241027T090000Z@x 1403/08/06-12:30..1403/08/06 13:30")

	// A DATE UNTIL on a timed series includes that day; RSCALE=GREGORIAN
	// and SKIP=OMIT change nothing; lower case is read.
	got = parse([2]int{}, "UID:u@x\r\nSUMMARY:تا\r\nDTSTART;TZID=Asia/Tehran:20240518T220000\r\n"+
		"rrule:rscale=gregorian;skip=omit;freq=daily;until=20240520\r\n")
	check("DATE UNTIL", got, "u-20240518T183000Z@x 1403/02/29-22:00..1403/02/29 ", "u-20240519T183000Z@x 1403/02/30-22:00..1403/02/30 ",
		"u-20240520T183000Z@x 1403/02/31-22:00..1403/02/31 ")

	// Overrides: one moved, one cancelled (taken out of the series, as by
	// an EXDATE), one of an excluded instance (dropped); an override
	// whose series is not in the file stands alone.
	got = parse([2]int{}, series[0],
		"UID:w3@google.com\r\nRECURRENCE-ID;TZID=Asia/Tehran:20240525T100000\r\nSUMMARY:جلسه هفتگی شورا (جابه‌جا)\r\n"+
			"DTSTART;TZID=Asia/Tehran:20240526T090000\r\nDTEND;TZID=Asia/Tehran:20240526T100000\r\n",
		"UID:w3@google.com\r\nRECURRENCE-ID:20240601T063000Z\r\nSUMMARY:جلسه هفتگی شورا\r\nSTATUS:CANCELLED\r\n"+
			"DTSTART;TZID=Asia/Tehran:20240601T100000\r\n",
		"UID:lonely@google.com\r\nRECURRENCE-ID;VALUE=DATE:20240610\r\nSUMMARY:تنها\r\nDTSTART;VALUE=DATE:20240611\r\n")
	check("overrides", got, "w3-20240518T063000Z@google.com 1403/02/29-10:00..1403/02/29 11:30",
		"w3-20240525T063000Z@google.com 1403/03/06-09:00..1403/03/06 10:00",
		"lonely-20240610@google.com 1403/03/22-..1403/03/22 ")
	if got[1].Title != "جلسه هفتگی شورا (جابه‌جا)" || got[0].Status != domain.StatusConfirmed {
		t.Errorf("overrides: %q %s", got[1].Title, got[0].Status)
	}

	// Without an end: over the window only, DTSTART included when in it.
	got = parse([2]int{1404, 1405}, "UID:e@x\r\nSUMMARY:بی‌پایان\r\nDTSTART;VALUE=DATE:20240516\r\nRRULE:FREQ=YEARLY\r\n")
	check("endless", got, "e-20250516@x 1404/02/26-..1404/02/26 ", "e-20260516@x 1405/02/26-..1405/02/26 ")

	// An endless weekly series that starts after the window: one series.
	if p, err := ParseWith(strings.NewReader(vcalendar("UID:late@x\r\nSUMMARY:دیر\r\nDTSTART;VALUE=DATE:20400516\r\nRRULE:FREQ=WEEKLY\r\n")),
		Options{Now: testNow}); err != nil || p.Kept != 1 || len(p.Events) != 1 || p.Events[0].Repeat.Kind != domain.RepeatWeekly {
		t.Errorf("weekly from 1419: %v, kept %d, %d events", err, p.Kept, len(p.Events))
	}

	// Jalali yearly from another producer: one yearly event.
	got = parse([2]int{}, "UID:j@x\r\nSUMMARY:روز ملی\r\nDTSTART;VALUE=DATE:20240516\r\nRRULE:RSCALE=PERSIAN;FREQ=YEARLY\r\n")
	if len(got) != 1 || !got[0].Repeats() || got[0].UID != "j@x" || got[0].Start != jalali.MustNew(1403, 2, 27) {
		t.Errorf("RSCALE=PERSIAN: %+v", got)
	}
}

// TestParseSeriesRefused: what cannot be imported whole refuses the file,
// naming the VEVENT, its UID, SUMMARY and the property, in English and in
// Persian.
func TestParseSeriesRefused(t *testing.T) {
	good := "UID:ok@x\r\nSUMMARY:خوب\r\nDTSTART;VALUE=DATE:20240516\r\n"
	tests := []struct{ name, body, prop, msg, fa string }{
		{"hourly", "RRULE:FREQ=HOURLY;COUNT=5\r\n", "RRULE", "within a day", "در طول روز"},
		{"hebrew", "RRULE:RSCALE=HEBREW;FREQ=YEARLY\r\n", "RRULE", "RSCALE=HEBREW", "RSCALE=HEBREW"},
		{"persian, twice a month", "RRULE:RSCALE=PERSIAN;FREQ=MONTHLY;BYMONTHDAY=27,28\r\n", "RRULE", "cannot say this Jalali rule", "RSCALE=PERSIAN"},
		{"after the window", "RRULE:FREQ=YEARLY\r\n", "RRULE", "no instance in 1398..1413", "هیچ تکراری"},
		{"two rules", "RRULE:FREQ=DAILY;COUNT=2\r\nRRULE:FREQ=WEEKLY;COUNT=2\r\n", "RRULE", "more than one RRULE", "بیش از یک"},
		{"bad rule", "RRULE:FREQ=FORTNIGHTLY\r\n", "RRULE", "FORTNIGHTLY", "قاعده تکرار (RRULE) خوانا نیست"},
		{"period", "RDATE;VALUE=PERIOD:20240601T000000Z/PT1H\r\n", "RDATE", "PERIOD", "PERIOD"},
		{"bad exdate", "RRULE:FREQ=DAILY;COUNT=3\r\nEXDATE:yesterday\r\n", "EXDATE", "yesterday", "EXDATE"},
		{"no title", "RRULE:FREQ=DAILY;COUNT=3\r\nSUMMARY:\r\n", "SUMMARY", "invalid title", "عنوان (SUMMARY) ندارد"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := "UID:bad@x\r\nSUMMARY:جلسه\r\nDTSTART;VALUE=DATE:20240516\r\n" + tt.body
			switch tt.name {
			case "no title":
				body = strings.Replace(body, "SUMMARY:جلسه\r\n", "", 1)
			case "after the window":
				body = strings.Replace(body, "20240516", "20400516", 1) // 1419
			}
			checkRefused(t, vcalendar(good, body), 2, tt.prop, tt.msg, tt.fa)
		})
	}
	override := "UID:bad@x\r\nRECURRENCE-ID;RANGE=THISANDFUTURE:20240516T000000Z\r\nSUMMARY:جلسه\r\nDTSTART:20240517T000000Z\r\n"
	t.Run("this and future", func(t *testing.T) {
		checkRefused(t, vcalendar(good, override), 2, "RECURRENCE-ID", "THISANDFUTURE", "THISANDFUTURE")
	})
}

func checkRefused(t *testing.T, in string, n int, prop, msg, fa string) {
	t.Helper()
	p, err := ParseWith(strings.NewReader(in), Options{Now: testNow})
	if !errors.Is(err, ErrMalformed) || p.Events != nil {
		t.Fatalf("ParseWith = %d events, %v; want none and ErrMalformed", len(p.Events), err)
	}
	var ee *EventError
	if !errors.As(err, &ee) {
		t.Fatalf("%v: no EventError", err)
	}
	if ee.N != n || ee.UID != "bad@x" || ee.Prop != prop || !strings.Contains(err.Error(), msg) {
		t.Errorf("got VEVENT %d %q %s: %v; want VEVENT %d bad@x %s mentioning %q", ee.N, ee.UID, ee.Prop, err, n, prop, msg)
	}
	fas := Persian(err)
	if len(fas) != 1 || !strings.Contains(fas[0], "bad@x") || !strings.Contains(fas[0], fa) || !strings.HasPrefix(fas[0], "رویداد شماره ۲") {
		t.Errorf("Persian: %q, want it to name bad@x and say %q", fas, fa)
	}
}

// TestParseTooManyEvents: a file whose series make more than MaxEvents
// events is refused as a whole, without expanding the rest.
func TestParseTooManyEvents(t *testing.T) {
	var bodies []string
	for i := range MaxEvents/MaxOccurrences + 1 {
		// Every other day: no weekly series of ours, expanded.
		bodies = append(bodies, fmt.Sprintf("UID:s%d@x\r\nSUMMARY:روزانه\r\nDTSTART;VALUE=DATE:20240516\r\nRRULE:FREQ=DAILY;INTERVAL=2;COUNT=%d\r\n", i, MaxOccurrences))
	}
	p, err := ParseWith(strings.NewReader(vcalendar(bodies...)), Options{Now: testNow})
	if !errors.Is(err, ErrMalformed) || p.Events != nil || !strings.Contains(err.Error(), "more than 20000 events") {
		t.Fatalf("ParseWith = %d events, %v", len(p.Events), err)
	}
	if fa := Persian(err); len(fa) != 1 || !strings.Contains(fa[0], "۲۰۰۰۰") {
		t.Errorf("Persian: %q", fa)
	}
}

// TestParseExpandBudget: a file whose rules take longer than expandBudget
// to expand is refused, naming the series at which time ran out, and no
// later series is expanded.
func TestParseExpandBudget(t *testing.T) {
	defer func(b time.Duration) { expandBudget = b }(expandBudget)
	expandBudget = 0
	in := vcalendar("UID:ok@x\r\nSUMMARY:خوب\r\nDTSTART;VALUE=DATE:20240516\r\n",
		"UID:bad@x\r\nSUMMARY:نادر\r\nDTSTART;VALUE=DATE:20240516\r\nRRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=5\r\n",
		"UID:later@x\r\nSUMMARY:بعدی\r\nDTSTART;VALUE=DATE:20240516\r\nRRULE:FREQ=DAILY;COUNT=5\r\n")
	checkRefused(t, in, 2, "RRULE", "take too long", "بیش از حد طول می‌کشد")
}

// TestParseLongSeries: an endless daily series a series of ours cannot say
// (BYMONTH), and one with an end but more than MaxOccurrences instances,
// are expanded over the window only (1403..1405 here: from DTSTART,
// 1403/02/27, to 1405/12/29: 309 days of the leap year 1403, 365 of 1404
// and of 1405); a plain daily one is kept as one series whatever its
// length.
func TestParseLongSeries(t *testing.T) {
	now := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name, rule string
		n          int
		last       string
	}{
		{"daily forever", "RRULE:FREQ=DAILY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12", 1039, "1405/12/29"},
		{"daily until 2028", "RRULE:FREQ=DAILY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;UNTIL=20281231", 1039, "1405/12/29"},
		{"daily, 1001 times", "RRULE:FREQ=DAILY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;COUNT=1001", 1001, "1405/11/21"},
	} {
		in := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:d@x\r\nSUMMARY:روزانه\r\nDTSTART;VALUE=DATE:20240516\r\n" + tc.rule + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
		p, err := ParseWith(strings.NewReader(in), Options{Now: now, FromYear: 1403, ToYear: 1405})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if first, last := p.Events[0], p.Events[len(p.Events)-1]; len(p.Events) != tc.n || p.Endless != 1 || first.UID != "d-20240516@x" || last.Start.String() != tc.last {
			t.Errorf("%s: %d events, endless %d, first %s, last %s", tc.name, len(p.Events), p.Endless, first.UID, last.Start)
		}
	}
	in := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:d@x\r\nSUMMARY:روزانه\r\nDTSTART;VALUE=DATE:20240516\r\nRRULE:FREQ=DAILY;UNTIL=20281231\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	p, err := ParseWith(strings.NewReader(in), Options{Now: now, FromYear: 1403, ToYear: 1405})
	want := domain.Repeat{Kind: domain.RepeatWeekly, Days: domain.AllWeekdays, Until: jalali.MustNew(1407, 10, 11)}
	if err != nil || len(p.Events) != 1 || p.Kept != 1 || p.Events[0].UID != "d@x" || p.Events[0].Repeat != want {
		t.Errorf("daily until 2028, kept: %v %d events, %+v", err, len(p.Events), p.Events)
	}
}
