package locale

import (
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
)

func TestReminderWords(t *testing.T) {
	for r, want := range map[domain.Reminder]string{
		0:                         "هنگام شروع",
		domain.ReminderQuarter:    "۱۵ دقیقه قبل",
		domain.ReminderHour:       "۱ ساعت قبل",
		90:                        "۱ ساعت و ۳۰ دقیقه قبل",
		domain.ReminderDay:        "۱ روز قبل",
		domain.ReminderWeek:       "۱ هفته قبل",
		2 * domain.ReminderWeek:   "۲ هفته قبل",
		10 * domain.ReminderDay:   "۱۰ روز قبل",
		domain.ReminderDay + 2*60: "۱ روز و ۲ ساعت قبل",
	} {
		if got := Reminder(r); got != want {
			t.Errorf("Reminder(%d) = %q, want %q", r, got, want)
		}
	}
	if got := Reminders(domain.RemindersOf(domain.ReminderHour, domain.ReminderDay)); got != "۱ روز قبل، ۱ ساعت قبل" {
		t.Errorf("Reminders = %q", got)
	}
	if got := DaysLeft(7) + "|" + DaysLeft(1) + "|" + DaysLeft(0); got != "۷ روز مانده|فردا|امروز" {
		t.Errorf("DaysLeft = %q", got)
	}
}
