package domain

import (
	"errors"
	"fmt"
	"time"
)

// TrashKeep is how long a deleted event can be restored: after it, the
// event is purged for good (its number stays taken).
const TrashKeep = 30 * 24 * time.Hour

// ErrGone is asking for an event that was deleted: a *GoneError says when,
// and whether it can still be restored.
var ErrGone = errors.New("deleted")

// ErrSeriesGone is restoring an event that stood in for an occurrence of a
// series that is itself deleted: the series comes back first.
var ErrSeriesGone = errors.New("its series is deleted")

// A DeletedEvent is an event number whose event was deleted: kept in the
// trash (Event holds it as it was) until Purged, then only the number and
// when it went.
type DeletedEvent struct {
	ID      int64
	Deleted time.Time
	Purged  time.Time // zero while the event is kept
	Event   Event     // zero once purged
}

// RestorableUntil is when d stops being restorable.
func (d DeletedEvent) RestorableUntil() time.Time { return d.Deleted.Add(TrashKeep) }

// Restorable reports whether d can be restored at now: kept, and deleted
// less than TrashKeep before now.
func (d DeletedEvent) Restorable(now time.Time) bool {
	return d.Purged.IsZero() && now.Before(d.RestorableUntil())
}

// GoneError is an event asked for by its number after it was deleted.
type GoneError struct{ Deleted DeletedEvent }

func (e *GoneError) Error() string {
	return fmt.Sprintf("event %d: deleted at %s", e.Deleted.ID, e.Deleted.Deleted.Format(time.RFC3339))
}

// Unwrap makes errors.Is(err, ErrGone) hold.
func (e *GoneError) Unwrap() error { return ErrGone }
