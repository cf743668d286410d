package views

import "strconv"

// ReminderChoice is a reminder the event form offers: its value (minutes
// before the start), its words, whether it is ticked.
type ReminderChoice struct {
	Value, Label string
	Checked      bool
}

// PreparingItem is an occasion in the agenda's «برای آماده‌سازی» list.
type PreparingItem struct {
	Name     string
	When     string // its days, Jalali, in Persian
	DaysLeft string // «۷ روز مانده»، «فردا»
	Lead     string // «آماده‌سازی از ۷ روز قبل»
	URL      string // its day page
}

// PreparationView is an occasion's «روی این مناسبت کار می‌کنیم» form.
type PreparationView struct {
	Action   string // where it posts
	Chosen   bool   // the office prepares for it now
	LeadDays string // as stored or typed
	Error    string // what is wrong with the typed lead time
}

// OccasionPreparationURL is where occasion id's preparation form posts.
func OccasionPreparationURL(id int64) string {
	return OccasionsURL + "/" + strconv.FormatInt(id, 10) + "/preparation"
}
