package domain

import (
	"errors"
	"testing"

	"github.com/ruydad/ruydad/internal/jalali"
)

func TestRemindersOfIsCanonical(t *testing.T) {
	rs := RemindersOf(ReminderHour, ReminderWeek, ReminderHour, 0, ReminderDay)
	if rs != "10080,1440,60,0" {
		t.Fatalf("RemindersOf = %q", rs)
	}
	list, ok := rs.List()
	if !ok || len(list) != 4 || list[0] != ReminderWeek || list[3] != 0 {
		t.Errorf("List() = %v, %v", list, ok)
	}
	if RemindersOf() != "" {
		t.Errorf("no reminders: %q", RemindersOf())
	}
	for _, bad := range []Reminders{"60,1440", "60,60", "1h", "060", "60,", " 60"} {
		if _, ok := bad.List(); ok {
			t.Errorf("%q read as canonical", bad)
		}
	}
}

func TestEventRemindersValidate(t *testing.T) {
	d := jalali.MustNew(1404, 5, 17)
	base := Event{Title: "نشست", Kind: KindMeeting, Start: d, End: d, Status: StatusConfirmed}
	for _, tt := range []struct {
		rs   Reminders
		code Code
		max  int
	}{
		{RemindersOf(ReminderDay, ReminderHour), "", 0},
		{RemindersOf(MaxReminderBefore, 0), "", 0},
		{RemindersOf(MaxReminderBefore + 1), CodeReminderRange, 28},
		{RemindersOf(-5), CodeReminderRange, 28},
		{RemindersOf(1, 2, 3, 4, 5, 6), CodeTooManyReminders, MaxReminders},
		{"60,1440", CodeReminderUnreadable, 0},
	} {
		e := base
		e.Reminders = tt.rs
		err := e.Validate()
		var v ValidationError
		if tt.code == "" {
			if err != nil {
				t.Errorf("%q: %v", tt.rs, err)
			}
			continue
		}
		if !errors.As(err, &v) {
			t.Fatalf("%q: no validation error", tt.rs)
		}
		if fe, ok := v.Get(FieldReminders); !ok || fe.Code != tt.code || fe.Max != tt.max || len(v) != 1 {
			t.Errorf("%q: %v, want %s (max %d)", tt.rs, v, tt.code, tt.max)
		}
	}
}

func TestPreparationValidate(t *testing.T) {
	if err := (Preparation{Occasion: "journalist-day", LeadDays: 7}).Validate(); err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{0, -1, MaxLeadDays + 1} {
		var v ValidationError
		if !errors.As((Preparation{Occasion: "journalist-day", LeadDays: n}).Validate(), &v) {
			t.Fatalf("%d days accepted", n)
		}
		if fe, _ := v.Get(FieldLeadDays); fe.Code != CodeLeadDaysRange || fe.Min != 1 || fe.Max != MaxLeadDays {
			t.Errorf("%d days: %v", n, v)
		}
	}
	var v ValidationError
	if !errors.As((Preparation{LeadDays: 7}).Validate(), &v) || !v.Has(FieldOccasion) {
		t.Errorf("no occasion: %v", v)
	}
}
