package ical

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// veventsIn wraps VEVENT bodies in a VCALENDAR.
func veventsIn(bodies ...string) string {
	s := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
	for _, b := range bodies {
		s += "BEGIN:VEVENT\r\nDTSTAMP:20240501T000000Z\r\n" + b + "END:VEVENT\r\n"
	}
	return s + "END:VCALENDAR\r\n"
}

var copiesNow = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

// TestCopiesAreLeftOutAndListed: a VEVENT that repeats an earlier one (its
// UID and what it says; SEQUENCE and LAST-MODIFIED aside) is left out and
// listed, a series repeated whole once for all its occurrences.
func TestCopiesAreLeftOutAndListed(t *testing.T) {
	meeting := "UID:meeting@example.com\r\nSUMMARY:جلسه شورا\r\nDTSTART;VALUE=DATE:20240516\r\n"
	weekly := "UID:weekly@example.com\r\nSUMMARY:جلسه هفتگی\r\nDTSTART:20240506T063000Z\r\nDTEND:20240506T073000Z\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\n"
	moved := "UID:weekly@example.com\r\nRECURRENCE-ID:20240513T063000Z\r\nSUMMARY:جلسه هفتگی (جابه‌جا)\r\nDTSTART:20240514T063000Z\r\nDTEND:20240514T073000Z\r\n"
	other := "UID:other@example.com\r\nSUMMARY:بازدید\r\nDTSTART;VALUE=DATE:20240520\r\n"
	p, err := ParseWith(strings.NewReader(veventsIn(meeting, weekly, moved, other, meeting+"SEQUENCE:3\r\nLAST-MODIFIED:20240502T000000Z\r\n", weekly)),
		Options{Now: copiesNow})
	if err != nil {
		t.Fatal(err)
	}
	// The weekly series is kept as one event, its moved week another.
	if len(p.Events) != 4 || p.Kept != 1 || len(expandKept(t, p)) != 6 {
		t.Errorf("%d events (kept %d), want 4: the meeting, the series and its moved week, the visit", len(p.Events), p.Kept)
	}
	want := []Copy{
		{N: 5, Of: 1, UID: "meeting@example.com", Summary: "جلسه شورا", Events: 1},
		{N: 6, Of: 2, UID: "weekly@example.com", Summary: "جلسه هفتگی", Events: 1}, // the series, kept as one
	}
	if len(p.Copies) != len(want) {
		t.Fatalf("copies %+v, want %+v", p.Copies, want)
	}
	for i := range want {
		if p.Copies[i] != want[i] {
			t.Errorf("copy %d: %+v, want %+v", i, p.Copies[i], want[i])
		}
	}
	if got := p.Copies[0].String(); got != `VEVENT 5 (UID "meeting@example.com", SUMMARY "جلسه شورا") repeats VEVENT 1, same UID and details: left out` {
		t.Errorf("in English: %s", got)
	}
}

// TestOneUIDForTwoEventsIsRefused: two VEVENTs with one UID that say
// different things refuse the file, naming both, in English and Persian.
func TestOneUIDForTwoEventsIsRefused(t *testing.T) {
	first := "UID:meeting@example.com\r\nSUMMARY:جلسه شورا\r\nDTSTART;VALUE=DATE:20240516\r\n"
	second := "UID:meeting@example.com\r\nSUMMARY:جلسه شورا\r\nDTSTART;VALUE=DATE:20240517\r\n"
	_, err := ParseWith(strings.NewReader(veventsIn(first, second)), Options{Now: copiesNow})
	var ps *Problems
	if !errors.As(err, &ps) || len(ps.List) != 1 || ps.List[0].N != 2 || ps.List[0].Prop != "UID" {
		t.Fatalf("one UID for two events: %v", err)
	}
	if msg := err.Error(); !strings.Contains(msg, `VEVENT 2 (UID "meeting@example.com"`) || !strings.Contains(msg, "is also VEVENT 1's, which says otherwise") {
		t.Errorf("in English: %s", msg)
	}
	if fa := Persian(err); len(fa) != 1 || !strings.Contains(fa[0], "رویداد شماره ۲ فایل") || !strings.Contains(fa[0], "شناسهٔ رویداد شماره ۱ فایل هم هست") {
		t.Errorf("in Persian: %q", fa)
	}
}
