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
