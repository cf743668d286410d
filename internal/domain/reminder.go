package domain

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// Reminder is how many minutes before an event's start a calendar app
// reminds of it (0: at the start). An all-day event starts at the
// beginning of its first day, so a reminder of a day before an all-day
// event on 27 Ordibehesht comes at midnight on the 26th.
type Reminder int

// Common reminders: the choices the event form offers.
const (
	ReminderQuarter Reminder = 15
	ReminderHour    Reminder = 60
	ReminderDay     Reminder = 24 * 60
	ReminderWeek    Reminder = 7 * 24 * 60
)

// The most reminders one event carries, and the longest before its start
// a reminder may come.
const (
	MaxReminders      = 5
	MaxReminderBefore = 4 * ReminderWeek
)

// Before returns how long before the start r comes.
func (r Reminder) Before() time.Duration { return time.Duration(r) * time.Minute }

// Reminders are an event's reminders, kept in one canonical form (the
// minutes of each, the earliest reminder first, joined by commas:
// "1440,60"; "" for none) so that an Event stays comparable and is stored
// as one column. RemindersOf makes it; List reads it.
type Reminders string

// RemindersOf returns rs in the canonical form: each once, the earliest
// (most minutes before the start) first.
func RemindersOf(rs ...Reminder) Reminders {
	sorted := slices.Clone(rs)
	slices.SortFunc(sorted, func(a, b Reminder) int { return int(b - a) })
	sorted = slices.Compact(sorted)
	parts := make([]string, len(sorted))
	for i, r := range sorted {
		parts[i] = strconv.Itoa(int(r))
	}
	return Reminders(strings.Join(parts, ","))
}

// List returns the reminders, the earliest first; ok is false when rs is
// not in the form RemindersOf writes (a value from a file or a dump).
func (rs Reminders) List() (list []Reminder, ok bool) {
	if rs == "" {
		return nil, true
	}
	for _, p := range strings.Split(string(rs), ",") {
		n, err := strconv.Atoi(p)
		if err != nil || strconv.Itoa(n) != p {
			return nil, false
		}
		list = append(list, Reminder(n))
	}
	return list, RemindersOf(list...) == rs
}

// check returns what is wrong with rs, if anything: a form it cannot be
// read in, a reminder after the start or further before it than
// MaxReminderBefore, more than MaxReminders.
func (rs Reminders) check() (FieldError, bool) {
	list, ok := rs.List()
	switch {
	case !ok:
		return fieldError(FieldReminders, CodeReminderUnreadable), false
	case len(list) > MaxReminders:
		return FieldError{Field: FieldReminders, Code: CodeTooManyReminders, Max: MaxReminders}, false
	}
	for _, r := range list {
		if r < 0 || r > MaxReminderBefore {
			return FieldError{Field: FieldReminders, Code: CodeReminderRange, Max: int(MaxReminderBefore / ReminderDay)}, false
		}
	}
	return FieldError{}, true
}
