package ical

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/ruydad/ruydad/internal/domain"
)

// An event's reminders are written, and read back, as VALARM components of
// its VEVENTs (RFC 5545 §3.6.6): ACTION:DISPLAY, the event's title as
// DESCRIPTION, and a TRIGGER relative to the start (RELATED=START; the
// start of the first day for an all-day event), such as -P1D or -PT1H.

// alarm writes a VALARM reminding of summary before its VEVENT's start.
func (w *Writer) alarm(summary string, before domain.Reminder) {
	w.prop("BEGIN", "VALARM")
	w.prop("ACTION", "DISPLAY")
	w.text("DESCRIPTION", summary)
	w.prop("TRIGGER;RELATED=START", trigger(before))
	w.prop("END", "VALARM")
}

// alarms writes a VALARM for each of an event's reminders.
func (w *Writer) alarms(e domain.Event) {
	list, _ := e.Reminders.List()
	for _, r := range list {
		w.alarm(e.Title, r)
	}
}

// trigger is the TRIGGER duration of a reminder r minutes before the start,
// in the largest whole units: -P1W, -P1D, -PT1H, -P1DT2H30M; PT0S at the
// start.
func trigger(r domain.Reminder) string {
	if r <= 0 {
		return "PT0S"
	}
	if r%domain.ReminderWeek == 0 {
		return "-P" + strconv.Itoa(int(r/domain.ReminderWeek)) + "W"
	}
	var b strings.Builder
	b.WriteString("-P")
	if d := r / domain.ReminderDay; d > 0 {
		b.WriteString(strconv.Itoa(int(d)) + "D")
	}
	h, m := r%domain.ReminderDay/domain.ReminderHour, r%domain.ReminderHour
	if h > 0 || m > 0 {
		b.WriteByte('T')
	}
	if h > 0 {
		b.WriteString(strconv.Itoa(int(h)) + "H")
	}
	if m > 0 {
		b.WriteString(strconv.Itoa(int(m)) + "M")
	}
	return b.String()
}

// IgnoredAlarm is a VALARM of a file that became no reminder, and why:
// ruydad keeps reminders a time before an event's start, and no more than
// domain.MaxReminders of them.
type IgnoredAlarm struct {
	N       int // the VEVENT's place among the file's VEVENTs, from 1
	UID     string
	Summary string
	Trigger string // the TRIGGER as written ("" when there is none)
	Why     AlarmProblem
}

// AlarmProblem says why a VALARM became no reminder (locale words each).
type AlarmProblem string

// Why a VALARM is ignored.
const (
	AlarmNone       AlarmProblem = "none"        // ACTION:NONE: it does nothing (RFC 9074; Apple's default-alarm placeholder)
	AlarmNoTrigger  AlarmProblem = "no-trigger"  // it has no TRIGGER
	AlarmAbsolute   AlarmProblem = "absolute"    // its TRIGGER is a set time (VALUE=DATE-TIME)
	AlarmRelatedEnd AlarmProblem = "related-end" // its TRIGGER is relative to the end
	AlarmUnreadable AlarmProblem = "unreadable"  // its TRIGGER is not a duration
	AlarmAfterStart AlarmProblem = "after-start" // it comes after the start
	AlarmTooEarly   AlarmProblem = "too-early"   // more than domain.MaxReminderBefore before the start
	AlarmTooMany    AlarmProblem = "too-many"    // the event has domain.MaxReminders already
)

// AlarmProblems lists every AlarmProblem.
var AlarmProblems = []AlarmProblem{AlarmNone, AlarmNoTrigger, AlarmAbsolute, AlarmRelatedEnd, AlarmUnreadable, AlarmAfterStart, AlarmTooEarly, AlarmTooMany}

var alarmReasons = map[AlarmProblem]string{
	AlarmNone:       "ACTION:NONE is an alarm that does nothing (RFC 9074)",
	AlarmNoTrigger:  "it has no TRIGGER",
	AlarmAbsolute:   "an absolute TRIGGER (a set time) is not kept; reminders are kept as a time before the start",
	AlarmRelatedEnd: "a TRIGGER relative to the end (RELATED=END) is not kept",
	AlarmUnreadable: "its TRIGGER is not a duration",
	AlarmAfterStart: "a reminder after the start is not kept",
	AlarmTooEarly:   fmt.Sprintf("a reminder more than %d days before the start is not kept", domain.MaxReminderBefore/domain.ReminderDay),
	AlarmTooMany:    fmt.Sprintf("an event keeps at most %d reminders", domain.MaxReminders),
}

// String says which alarm was ignored and why, in English.
func (a IgnoredAlarm) String() string {
	s := fmt.Sprintf("VEVENT %d (UID %q", a.N, clip(a.UID))
	if a.Summary != "" {
		s += fmt.Sprintf(", SUMMARY %q", clip(a.Summary))
	}
	return s + fmt.Sprintf("): VALARM with TRIGGER %q ignored: %s", clip(a.Trigger), alarmReasons[a.Why])
}

// readAlarms returns the reminders of a VEVENT's VALARMs, and the VALARMs
// that become none, each with why (N, UID and Summary left for the
// caller).
func readAlarms(c *goical.Component) (domain.Reminders, []IgnoredAlarm) {
	var kept []domain.Reminder
	var ignored []IgnoredAlarm
	for _, a := range c.Children {
		if a.Name != goical.CompAlarm {
			continue
		}
		r, trig, why := alarmReminder(a)
		switch {
		case why == "" && slices.Contains(kept, r):
			// The same reminder twice (a DISPLAY and an AUDIO alarm at
			// the same time): one reminder.
		case why == "" && len(kept) == domain.MaxReminders:
			ignored = append(ignored, IgnoredAlarm{Trigger: trig, Why: AlarmTooMany})
		case why == "":
			kept = append(kept, r)
		default:
			ignored = append(ignored, IgnoredAlarm{Trigger: trig, Why: why})
		}
	}
	return domain.RemindersOf(kept...), ignored
}

// alarmReminder reads one VALARM's TRIGGER as a reminder, or says why it
// is none.
func alarmReminder(a *goical.Component) (r domain.Reminder, trigger string, why AlarmProblem) {
	p := a.Props.Get(goical.PropTrigger)
	trig := ""
	if p != nil {
		trig = p.Value
	}
	switch {
	case a.Props.Get(goical.PropAction) != nil && strings.EqualFold(a.Props.Get(goical.PropAction).Value, "NONE"):
		return 0, trig, AlarmNone
	case p == nil:
		return 0, "", AlarmNoTrigger
	case strings.EqualFold(p.Params.Get(goical.ParamValue), string(goical.ValueDateTime)):
		return 0, p.Value, AlarmAbsolute
	case strings.EqualFold(p.Params.Get(goical.ParamRelated), "END"):
		return 0, p.Value, AlarmRelatedEnd
	}
	d, err := p.Duration()
	switch {
	case err != nil:
		return 0, p.Value, AlarmUnreadable
	case d > 0:
		return 0, p.Value, AlarmAfterStart
	}
	// A reminder is whole minutes; seconds bring it a minute earlier.
	if r = domain.Reminder((-d + time.Minute - 1) / time.Minute); r > domain.MaxReminderBefore {
		return 0, p.Value, AlarmTooEarly
	}
	return r, p.Value, ""
}
