package ical

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/ical/icaljs"
	"github.com/ruydad/ruydad/internal/jalali"
)

func TestTriggerDurations(t *testing.T) {
	for r, want := range map[domain.Reminder]string{
		0: "PT0S", 15: "-PT15M", 60: "-PT1H", 90: "-PT1H30M", domain.ReminderDay: "-P1D",
		domain.ReminderDay + 150: "-P1DT2H30M", 3 * domain.ReminderDay: "-P3D", domain.ReminderWeek: "-P1W",
		2 * domain.ReminderWeek: "-P2W", domain.ReminderWeek + domain.ReminderDay: "-P8D",
	} {
		if got := trigger(r); got != want {
			t.Errorf("trigger(%d minutes) = %q, want %q", r, got, want)
		}
	}
}

// reminderEvents are an all-day and a timed event with reminders, and a
// yearly one whose every VEVENT carries them.
func reminderEvents() []domain.Event {
	return []domain.Event{
		event("allday-remind@ruydad", "جلسه شورای روابط عمومی‌ها", func(e *domain.Event) {
			e.ID, e.Reminders = 31, domain.RemindersOf(domain.ReminderDay, domain.ReminderWeek)
		}),
		event("timed-remind@ruydad", "نشست خبری استاندار", func(e *domain.Event) {
			e.ID, e.StartTime, e.EndTime = 32, "10:00", "11:30"
			e.Reminders = domain.RemindersOf(domain.ReminderHour, domain.ReminderQuarter, 0)
		}),
		event("yearly-remind@ruydad", "سالگرد تأسیس", func(e *domain.Event) {
			e.ID, e.Repeat, e.Reminders = 33, domain.Repeat{Kind: domain.RepeatYearly}, domain.RemindersOf(domain.ReminderDay)
		}),
	}
}

// TestAlarmsReadByICalJS: ical.js, an independent parser, finds each
// reminder of each event as a DISPLAY VALARM with the event's title, its
// TRIGGER that long before the start, related to the start; occasions the
// office prepares for carry one VALARM of their lead time, the others none.
func TestAlarmsReadByICalJS(t *testing.T) {
	f := testFeed()
	f.OccasionLeads = map[string]int{"journalist-day": 7}
	events := reminderEvents()
	got := icaljs.Parse(t, write(t, f, events, []domain.Occasion{occasion(t, "journalist-day"), occasion(t, "pr-day")}))
	want := map[string][]int64{ // seconds, by VEVENT UID prefix
		"allday-remind@":  {-7 * 86400, -86400},
		"timed-remind@":   {-3600, -900, 0},
		"yearly-remind-":  {-86400},
		"occasion-journa": {-7 * 86400},
		"occasion-pr-day": nil,
	}
	seen := map[string]int{}
	for _, g := range got {
		var prefix string
		for p := range want {
			if strings.HasPrefix(g.UID, p) {
				prefix = p
			}
		}
		if prefix == "" {
			t.Fatalf("unexpected VEVENT %s", g.UID)
		}
		seen[prefix]++
		if len(g.Alarms) != len(want[prefix]) {
			t.Errorf("%s: %d VALARMs, want %d", g.UID, len(g.Alarms), len(want[prefix]))
			continue
		}
		for i, a := range g.Alarms {
			if a.Action != "DISPLAY" || a.Description != g.Summary || a.Related != "START" || a.TriggerSeconds == nil || *a.TriggerSeconds != want[prefix][i] {
				t.Errorf("%s: VALARM %d is %+v (trigger %v), want DISPLAY %q RELATED=START %d s", g.UID, i, a, a.TriggerSeconds, g.Summary, want[prefix][i])
			}
		}
	}
	if seen["yearly-remind-"] != 3 || seen["occasion-journa"] != 3 || seen["allday-remind@"] != 1 {
		t.Errorf("VEVENTs seen: %v", seen)
	}
}

// TestAlarmsRoundTrip: the reminders written are read back as they were.
func TestAlarmsRoundTrip(t *testing.T) {
	events := reminderEvents()
	parsed, err := ParseWith(bytes.NewReader(write(t, testFeed(), events, nil)), Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]domain.Reminders{}
	for _, e := range parsed.Events {
		got[e.UID] = e.Reminders
	}
	for _, e := range events {
		if got[e.UID] != e.Reminders {
			t.Errorf("%s: read back reminders %q, want %q", e.UID, got[e.UID], e.Reminders)
		}
	}
	if len(parsed.IgnoredAlarms) != 0 {
		t.Errorf("ignored: %v", parsed.IgnoredAlarms)
	}
}

// TestAlarmsFromOtherApps: relative TRIGGERs before the start become
// reminders, whatever the ACTION (seconds make it a minute earlier; the
// same time twice is one); an absolute TRIGGER, one after the start or
// relative to the end, one too early, one unreadable and a sixth are left
// out, each named with why, and the event is imported without them.
func TestAlarmsFromOtherApps(t *testing.T) {
	alarm := func(trigger string) string {
		return "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:x\r\n" + trigger + "\r\nEND:VALARM\r\n"
	}
	body := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" +
		"BEGIN:VEVENT\r\nUID:google-1@example.com\r\nDTSTAMP:20240501T063000Z\r\nDTSTART:20240516T063000Z\r\nDTEND:20240516T073000Z\r\nSUMMARY:Weekly\r\n" +
		alarm("TRIGGER:-PT10M") +
		"BEGIN:VALARM\r\nACTION:AUDIO\r\nTRIGGER:-PT10M\r\nEND:VALARM\r\n" +
		alarm("TRIGGER;RELATED=START:-P2D") +
		alarm("TRIGGER:-PT1M30S") +
		alarm("TRIGGER;VALUE=DATE-TIME:19760401T005545Z") +
		alarm("TRIGGER:PT5M") +
		alarm("TRIGGER;RELATED=END:-PT5M") +
		alarm("TRIGGER:-P30D") +
		alarm("TRIGGER:soon") +
		alarm("TRIGGER:-PT0S") +
		alarm("TRIGGER:-P1W") +
		alarm("TRIGGER:-PT3H") +
		"END:VEVENT\r\nEND:VCALENDAR\r\n"
	parsed, err := ParseWith(strings.NewReader(body), Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if len(parsed.Events) != 1 {
		t.Fatalf("%d events", len(parsed.Events))
	}
	want := domain.RemindersOf(10, 2*domain.ReminderDay, 2, 0, domain.ReminderWeek)
	if got := parsed.Events[0].Reminders; got != want {
		t.Errorf("reminders %q, want %q", got, want)
	}
	var triggers, whys []string
	for _, a := range parsed.IgnoredAlarms {
		triggers, whys = append(triggers, a.Trigger), append(whys, string(a.Why))
		if a.N != 1 || a.UID != "google-1@example.com" || a.Summary != "Weekly" || alarmReasons[a.Why] == "" {
			t.Errorf("ignored alarm %+v", a)
		}
	}
	if got, want := strings.Join(triggers, " "), "19760401T005545Z PT5M -PT5M -P30D soon -PT3H"; got != want {
		t.Errorf("ignored triggers %q, want %q", got, want)
	}
	if got, want := strings.Join(whys, " "), "absolute after-start related-end too-early unreadable too-many"; got != want {
		t.Errorf("why ignored: %q, want %q", got, want)
	}
	if s := parsed.IgnoredAlarms[0].String(); !strings.Contains(s, "absolute") || !strings.Contains(s, "VEVENT 1") {
		t.Errorf("String() = %q", s)
	}
}

// TestEventAlarmsOnEachYear: a yearly all-day event's VALARM is relative
// to each year's start day, so that it comes a day before each
// occurrence.
func TestEventAlarmsOnEachYear(t *testing.T) {
	f := testFeed()
	e := reminderEvents()[2]
	got := icaljs.Parse(t, write(t, f, []domain.Event{e}, nil))
	for _, g := range got {
		start, err := time.Parse("2006-01-02", g.Start)
		if err != nil {
			t.Fatal(err)
		}
		if d := jalali.FromTime(start); d.Month != 2 || d.Day != 27 || len(g.Alarms) != 1 {
			t.Errorf("%s: on %s with %d alarms", g.UID, d, len(g.Alarms))
		}
	}
}
