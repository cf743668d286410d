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

// alarmWhy words why a VALARM of an imported file was not kept, by the
// ical.AlarmProblem it had.
var alarmWhy = map[string]string{
	"none":        "هشداری بود که کاری نمی‌کند (ACTION:NONE)",
	"no-trigger":  "زمان یادآوری (TRIGGER) نداشت",
	"absolute":    "زمانش ساعتی معین بود، نه مدتی پیش از شروع رویداد",
	"related-end": "نسبت به پایان رویداد بود (RELATED=END)",
	"unreadable":  "زمانش (TRIGGER) خوانا نبود",
	"after-start": "پس از شروع رویداد بود",
	"too-early":   "بیش از " + num(int(domain.MaxReminderBefore/domain.ReminderDay)) + " روز پیش از شروع رویداد بود",
	"too-many":    "رویدادش بیش از " + num(domain.MaxReminders) + " یادآوری داشت",
}

// KnowsAlarmProblem reports whether why (an ical.AlarmProblem) has its
// words here.
func KnowsAlarmProblem(why string) bool { return alarmWhy[why] != "" }

// ImportIgnoredAlarms says that n VALARMs of an imported file were not kept
// as reminders, and why (their ical.AlarmProblems; unknown ones are not
// named).
func ImportIgnoredAlarms(n int, whys []string) string {
	var reasons []string
	for _, w := range whys {
		if r := alarmWhy[w]; r != "" {
			reasons = append(reasons, r)
		}
	}
	s := num(n) + " یادآوری (VALARM) فایل نگه داشته نشد"
	if len(reasons) > 0 {
		s += "، زیرا " + strings.Join(reasons, "، یا ")
	}
	return s + "؛ رویدادها بی آن‌ها افزوده شدند. یادآوری‌ها به شکل «مدتی پیش از شروع رویداد» (تا " +
		num(int(domain.MaxReminderBefore/domain.ReminderDay)) + " روز) نگه داشته می‌شوند."
}
