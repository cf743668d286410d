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

// ReviewCountCap is how far the review queue is counted at least: a page
// counts the queue's events up to this many, or up to its own last event
// when that is further, and one more, which says that there are more. A
// queue of half a million mined events is then never counted whole.
const ReviewCountCap = 10_000

// ReviewOutcome is what a review action did to each event it was given.
type ReviewOutcome struct {
	Done    []int64 // moved to the new status (or already in it)
	Undated []int64 // left proposed: an event needs a date to be confirmed
	Missing []int64 // no longer exist
}

// Imported is what an import did with one event read from another
// calendar.
type Imported int

const (
	// ImportedNew: no event had its UID; it was added.
	ImportedNew Imported = iota
	// ImportedUpdated: the stored event with its UID was an older
	// revision (a lower SEQUENCE, or the same SEQUENCE and an earlier
	// LAST-MODIFIED); it was replaced, keeping its number.
	ImportedUpdated
	// ImportedUnchanged: the stored event with its UID is as new or newer;
	// it was left as it is.
	ImportedUnchanged
)

// Newer reports whether e, read from a file, is a later revision of
// stored, the event with its UID: a higher sequence, or the same sequence
// and a later modification time.
func (e Event) Newer(stored Event) bool {
	if e.Sequence != stored.Sequence {
		return e.Sequence > stored.Sequence
	}
	return !e.UpdatedAt.IsZero() && e.UpdatedAt.After(stored.UpdatedAt)
}
