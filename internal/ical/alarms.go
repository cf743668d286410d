package ical

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
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
	Reason  string // in English
	Fa      string // in Persian
}

// String says which alarm was ignored and why, in English.
func (a IgnoredAlarm) String() string {
	s := fmt.Sprintf("VEVENT %d (UID %q", a.N, clip(a.UID))
	if a.Summary != "" {
		s += fmt.Sprintf(", SUMMARY %q", clip(a.Summary))
	}
	return s + fmt.Sprintf("): VALARM with TRIGGER %q ignored: %s", clip(a.Trigger), a.Reason)
}

// readAlarms returns the reminders of a VEVENT's VALARMs, and the VALARMs
// that become none, each with why (N, UID and Summary left for the
// caller).
func readAlarms(c *goical.Component) (domain.Reminders, []IgnoredAlarm) {
	var kept []domain.Reminder
	var ignored []IgnoredAlarm
	seen := map[domain.Reminder]bool{}
	for _, a := range c.Children {
		if a.Name != goical.CompAlarm {
			continue
		}
		r, trig, why := alarmReminder(a)
		switch {
		case why.Reason == "" && seen[r]:
			// The same reminder twice (a DISPLAY and an AUDIO alarm at
			// the same time): one reminder.
		case why.Reason == "" && len(kept) == domain.MaxReminders:
			why = IgnoredAlarm{Reason: fmt.Sprintf("an event keeps at most %d reminders", domain.MaxReminders),
				Fa: "هر رویداد حداکثر " + jalali.FaNum(domain.MaxReminders) + " یادآوری دارد؛ یادآوری‌های بیشتر نگه داشته نشد."}
		case why.Reason == "":
			seen[r] = true
			kept = append(kept, r)
			continue
		}
		if why.Reason != "" {
			why.Trigger = trig
			ignored = append(ignored, why)
		}
	}
	return domain.RemindersOf(kept...), ignored
}

// alarmReminder reads one VALARM's TRIGGER as a reminder; a non-empty
// Reason says why it is none.
func alarmReminder(a *goical.Component) (domain.Reminder, string, IgnoredAlarm) {
	p := a.Props.Get(goical.PropTrigger)
	if p == nil {
		return 0, "", IgnoredAlarm{Reason: "it has no TRIGGER", Fa: "زمان یادآوری (TRIGGER) ندارد."}
	}
	if strings.EqualFold(p.Params.Get(goical.ParamValue), string(goical.ValueDateTime)) {
		return 0, p.Value, IgnoredAlarm{Reason: "an absolute TRIGGER (a set time) is not kept; reminders are kept as a time before the start",
			Fa: "زمان یادآوری آن ساعتی معین است، نه مدتی پیش از شروع رویداد؛ یادآوری‌ها به شکل «مدتی پیش از شروع» نگه داشته می‌شوند."}
	}
	if strings.EqualFold(p.Params.Get(goical.ParamRelated), "END") {
		return 0, p.Value, IgnoredAlarm{Reason: "a TRIGGER relative to the end (RELATED=END) is not kept",
			Fa: "زمان یادآوری آن نسبت به پایان رویداد است (RELATED=END)؛ یادآوری‌ها نسبت به شروع رویداد نگه داشته می‌شوند."}
	}
	d, err := p.Duration()
	if err != nil {
		return 0, p.Value, IgnoredAlarm{Reason: "its TRIGGER is not a duration: " + err.Error(),
			Fa: "زمان یادآوری (TRIGGER) آن خوانا نیست."}
	}
	if d > 0 {
		return 0, p.Value, IgnoredAlarm{Reason: "a reminder after the start is not kept",
			Fa: "یادآوری آن پس از شروع رویداد است؛ یادآوری‌ها پیش از شروع یا هنگام آن هستند."}
	}
	// A reminder is whole minutes; seconds bring it a minute earlier.
	r := domain.Reminder((-d + time.Minute - 1) / time.Minute)
	if r > domain.MaxReminderBefore {
		days := int(domain.MaxReminderBefore / domain.ReminderDay)
		return 0, p.Value, IgnoredAlarm{Reason: fmt.Sprintf("a reminder more than %d days before the start is not kept", days),
			Fa: "یادآوری آن بیش از " + jalali.FaNum(days) + " روز پیش از شروع رویداد است."}
	}
	return r, p.Value, IgnoredAlarm{}
}
