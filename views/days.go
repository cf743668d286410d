package views

// DayBusy is how a busy day's page shows its events: some on the hours,
// the others listed a page at a time. Events is zero on the other days.
type DayBusy struct {
	Events  int // the day's events (as filtered) in all
	OnHours int // of them drawn on the hours
	Listed  int // of them in the list, over its pages
	PerPage int
	// Page is the list's page shown, from 1, of Pages; PrevURL and NextURL
	// link the pages around it ("" at the ends).
	Page, Pages      int
	PrevURL, NextURL string
}

// Sentence says how the day's events are shown: «این روز ۲۸۰ رویداد دارد:
// ۲۴ رویداد روی ساعت‌ها و ۲۵۶ رویداد در این فهرست، هر صفحه ۵۰ رویداد.»
// and how to narrow them.
func (b DayBusy) Sentence() string {
	s := "این روز " + faCount(b.Events) + " رویداد دارد: "
	if b.OnHours > 0 {
		s += faCount(b.OnHours) + " رویداد روی ساعت‌ها و "
	}
	s += faCount(b.Listed) + " رویداد در این فهرست"
	if b.Pages > 1 {
		s += "، هر صفحه " + faCount(b.PerPage) + " رویداد"
	}
	return s + ". برای یافتن زودتر، رویدادها را به استان، سازمان یا نوع محدود کنید."
}
