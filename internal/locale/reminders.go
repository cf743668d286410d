package locale

import (
	"strings"

	"github.com/ruydad/ruydad/internal/domain"
)

// Reminder words how long before an event's start r comes: «۱ روز قبل»،
// «۱ ساعت و ۳۰ دقیقه قبل»، «هنگام شروع».
func Reminder(r domain.Reminder) string {
	if r <= 0 {
		return "هنگام شروع"
	}
	var parts []string
	for _, u := range []struct {
		minutes domain.Reminder
		name    string
	}{{domain.ReminderWeek, "هفته"}, {domain.ReminderDay, "روز"}, {domain.ReminderHour, "ساعت"}, {1, "دقیقه"}} {
		// Weeks only when the reminder is whole weeks: «۱۰ روز», not
		// «۱ هفته و ۳ روز».
		if u.minutes == domain.ReminderWeek && r%domain.ReminderWeek != 0 {
			continue
		}
		if n := r / u.minutes; n > 0 {
			parts = append(parts, num(int(n))+" "+u.name)
			r -= n * u.minutes
		}
	}
	return strings.Join(parts, " و ") + " قبل"
}

// Reminders words an event's reminders, the earliest first, joined by «، »;
// "" when it has none.
func Reminders(rs domain.Reminders) string {
	list, _ := rs.List()
	words := make([]string, len(list))
	for i, r := range list {
		words[i] = Reminder(r)
	}
	return strings.Join(words, "، ")
}

// DaysLeft words how many days are left until an occasion: «امروز»،
// «فردا»، «۷ روز مانده».
func DaysLeft(n int) string {
	switch n {
	case 0:
		return "امروز"
	case 1:
		return "فردا"
	}
	return num(n) + " روز مانده"
}
