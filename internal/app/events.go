package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/ical"
)

// NewUID returns a fresh, random event UID.
func NewUID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return hex.EncodeToString(b[:]) + "@ruydad"
}

// fillEvent gives a new event the defaults of an event typed in: confirmed,
// certain (unless mined), a day's precision, a one-day span, a UID, and
// now as its times where it has none.
func (a *App) fillEvent(e *domain.Event) {
	if e.Status == "" {
		e.Status = domain.StatusConfirmed
	}
	if e.Confidence == 0 && e.ArticleID == 0 {
		e.Confidence = 1
	}
	if e.Precision == "" {
		e.Precision = domain.PrecisionDay
	}
	if e.Dated() && e.End.IsZero() {
		e.End = e.Start
	}
	if e.UID == "" {
		e.UID = NewUID()
	}
	now := a.stamp()
	if e.CreatedAt.IsZero() {
		e.CreatedAt = now
	}
	if e.UpdatedAt.IsZero() {
		e.UpdatedAt = e.CreatedAt
	}
}

// SaveEvent checks and stores e: a new one (ID 0) with the defaults of an
// event typed in, a stored one with its UID and creation kept and its
// sequence moved on (calendar apps take the change). e is left as stored.
func (a *App) SaveEvent(ctx context.Context, e *domain.Event) error {
	if e.ID == 0 {
		e.Sequence, e.CreatedAt, e.UpdatedAt = 0, a.stamp(), a.stamp()
		a.fillEvent(e)
		if err := e.Validate(); err != nil {
			return fmt.Errorf("create event: %w", err)
		}
		if err := a.events.CreateEvent(ctx, e); err != nil {
			return fmt.Errorf("create event: %w", err)
		}
		return nil
	}
	edited := *e
	if edited.Dated() && edited.End.IsZero() {
		edited.End = edited.Start
	}
	if edited.Precision == "" {
		edited.Precision = domain.PrecisionDay
	}
	if err := edited.Validate(); err != nil {
		return fmt.Errorf("update event %d: %w", e.ID, err)
	}
	missing, err := a.events.ModifyEvents(ctx, []int64{e.ID}, func(stored *domain.Event) (bool, error) {
		edited.UID, edited.CreatedAt = stored.UID, stored.CreatedAt
		edited.Sequence, edited.UpdatedAt = stored.Sequence+1, a.stamp()
		*stored = edited
		return true, nil
	})
	if err == nil && len(missing) > 0 {
		err = domain.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("update event %d: %w", e.ID, err)
	}
	*e = edited
	if err := a.followSeries(ctx, *e); err != nil {
		return fmt.Errorf("update event %d: %w", e.ID, err)
	}
	if id := e.Of.SeriesID; id != 0 {
		// It stands in for an occurrence of a series, whose .ics holds it:
		// the series moves on too, so that its file is fetched again.
		if err := a.changeSeries(ctx, id, func(*domain.Event) {}, nil); err != nil && !errors.Is(err, domain.ErrNotFound) {
			return err
		}
	}
	return nil
}

// followSeries keeps the events that stand in for occurrences of series s
// naming those occurrences as s now has them: at its start time (timed or
// all-day as it is) and under its kind, so that their RECURRENCE-ID is an
// instance of s (RFC 5545 §3.8.4.4) after s is edited.
func (a *App) followSeries(ctx context.Context, s domain.Event) error {
	overrides, err := a.events.Overrides(ctx, s.ID)
	if err != nil {
		return err
	}
	var ids []int64
	for _, o := range overrides {
		if o.Of.Time != s.StartTime || o.Of.Kind != s.Repeat.Kind {
			ids = append(ids, o.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	_, err = a.events.ModifyEvents(ctx, ids, func(o *domain.Event) (bool, error) {
		o.Of.Time, o.Of.Kind = s.StartTime, s.Repeat.Kind
		o.Sequence, o.UpdatedAt = o.Sequence+1, a.stamp()
		return true, nil
	})
	return err
}

// ImportCounts says what an import did with the events it was given.
type ImportCounts struct {
	// Imported were new; Updated replaced the stored event with their UID
	// (an older revision, see domain.Event.Newer), which kept its number;
	// Unchanged left a stored event as new or newer as it is.
	Imported, Updated, Unchanged int
	// Outcomes is what became of each event, in the order given.
	Outcomes []domain.Imported
	// Dropped counts the events that stood in for an occurrence of a
	// series the import updated and that its new revision no longer moves
	// (the occurrence is back in its place, or gone): moved to the trash.
	Dropped int
	// Merged counts the one-off events an earlier import made of the
	// instances of a series (before series were kept whole, or while its
	// rule could not be said) that this import keeps whole: moved to the
	// trash, as the series now shows those days.
	Merged int
}

// ImportEvents stores events read from another calendar (an .ics file), all
// or none: each checked as a typed-in event is, with the sequence and times
// the file gave kept. One whose UID is stored replaces it when it is a
// later revision (a higher SEQUENCE, or the same and a later
// LAST-MODIFIED) and is left out otherwise. A series stored keeps only
// the events standing in for the occurrences its revision moves, and
// takes the place of the one-off events an earlier import made of its
// instances (see retired), in the same transaction.
func (a *App) ImportEvents(ctx context.Context, events []domain.Event) (ImportCounts, error) {
	// The file's own revisions, before fillEvent stamps the ones without
	// LAST-MODIFIED with now.
	revisions := make([]domain.Event, len(events))
	for i := range events {
		e := &events[i]
		revisions[i] = domain.Event{Sequence: e.Sequence, UpdatedAt: e.UpdatedAt}
		e.ID, e.ArticleID = 0, 0
		a.fillEvent(e)
		if err := e.Validate(); err != nil {
			return ImportCounts{}, fmt.Errorf("import events: %q: %w", e.Title, err)
		}
	}
	var dropped, merged int
	outcomes, err := a.events.ImportEvents(ctx, events, ImportRules{
		Replaces: func(i int, stored domain.Event) bool { return revisions[i].Newer(stored) },
		RelatedPrefix: func(e domain.Event) string {
			prefix, _ := ical.InstanceUIDBounds(e.UID)
			return prefix
		},
		Retire: func(_ int, e domain.Event, related []domain.Event) []int64 {
			d, m := retired(e, related)
			dropped, merged = dropped+len(d), merged+len(m)
			return append(d, m...)
		},
		At: a.stamp(),
	})
	if err != nil {
		return ImportCounts{}, err
	}
	c := ImportCounts{Outcomes: outcomes, Dropped: dropped, Merged: merged}
	for _, o := range outcomes {
		switch o {
		case domain.ImportedNew:
			c.Imported++
		case domain.ImportedUpdated:
			c.Updated++
		default:
			c.Unchanged++
		}
	}
	return c, nil
}

// retired returns which of the events related to e, a series an import
// stored (new, or updated in place), go to the trash with the import:
// dropped, the events standing in for occurrences the new revision no
// longer moves, as editing a series in a calendar app drops them; merged,
// the one-off events an earlier import made of single instances of the
// series (ical.IsInstanceUID), which the series now shows (without it,
// importing the same file again would show each of those days twice).
func retired(e domain.Event, related []domain.Event) (dropped, merged []int64) {
	for _, r := range related {
		switch {
		case r.ID == e.ID:
		case r.Of.SeriesID == e.ID || r.Of.SeriesUID == e.UID:
			if !e.Repeat.Moved.Has(r.Of.Date) {
				dropped = append(dropped, r.ID)
			}
		case !r.Repeats() && ical.IsInstanceUID(e.UID, r.UID):
			merged = append(merged, r.ID)
		}
	}
	return dropped, merged
}

// Review moves each of the events ids to status, in one transaction, and
// says what became of each: an event without a date is not confirmed (it
// needs one first) and stays as it was; an id no longer stored is passed
// over; the others move (one already in status stays as it is).
func (a *App) Review(ctx context.Context, ids []int64, status domain.Status) (domain.ReviewOutcome, error) {
	var out domain.ReviewOutcome
	if !status.Valid() {
		return out, fmt.Errorf("review: %w", domain.ValidationError{{Field: domain.FieldStatus, Code: domain.CodeStatusUnknown}})
	}
	now := a.stamp()
	missing, err := a.events.ModifyEvents(ctx, ids, func(e *domain.Event) (bool, error) {
		if !e.CanBe(status) {
			out.Undated = append(out.Undated, e.ID)
			return false, nil
		}
		out.Done = append(out.Done, e.ID)
		if e.Status == status {
			return false, nil
		}
		e.Status, e.Sequence, e.UpdatedAt = status, e.Sequence+1, now
		return true, nil
	})
	if err != nil {
		return domain.ReviewOutcome{}, fmt.Errorf("review: %w", err)
	}
	out.Missing = missing
	return out, nil
}
