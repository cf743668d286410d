package domain

// ReviewFilter narrows the review queue of proposed events; zero fields do
// not filter.
type ReviewFilter struct {
	ArticleID int64   // mined from this article
	Kind      Kind    // of this kind
	Below     float64 // with a confidence below this (0.7 for «below 70%»)
	Undated   bool    // only those without a date
}

// IsZero reports whether f filters nothing.
func (f ReviewFilter) IsZero() bool { return f == ReviewFilter{} }

// ReviewOutcome is what a review action did to each event it was given.
type ReviewOutcome struct {
	Done    []int64 // moved to the new status (or already in it)
	Undated []int64 // left proposed: an event needs a date to be confirmed
	Missing []int64 // no longer exist
}
