package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
)

// Deleting an event moves it to the trash, from which an editor restores it
// for domain.TrashKeep (30 days); then it is purged for good. Its number is
// never used again, and asking for it says it was deleted, and when.

// DeleteEvent moves the event with id to the trash, stamped with the app's
// clock: a series with the events that stand in for its occurrences. An
// event that stood in for an occurrence leaves that occurrence skipped: its
// series does not take it back.
func (a *App) DeleteEvent(ctx context.Context, id int64) error {
	e, err := a.events.Event(ctx, id)
	if err != nil {
		return fmt.Errorf("delete event: %w", err)
	}
	// The event goes first: should the series' change then fail, the day
	// is still marked moved with no event standing in for it, which a feed
	// writes as skipped (Feed.Write), never as the occurrence back.
	if err := a.trash.TrashEvent(ctx, id, a.stamp()); err != nil {
		return fmt.Errorf("delete event: %w", err)
	}
	if o := e.Of; o.SeriesID != 0 {
		err := a.changeSeries(ctx, o.SeriesID, func(s *domain.Event) {
			s.Repeat.Moved, s.Repeat.Skipped = s.Repeat.Moved.Without(o.Date), s.Repeat.Skipped.With(o.Date)
		}, nil)
		if err != nil && !errors.Is(err, domain.ErrNotFound) {
			return fmt.Errorf("delete event: %w", err)
		}
	}
	return nil
}

// RestoreEvent brings the event with id back from the trash exactly as it
// was (its number, UID, everything), its sequence moved on and its change
// stamped now, so that calendar apps take it again. After domain.TrashKeep
// it is domain.ErrGone, purged or not.
func (a *App) RestoreEvent(ctx context.Context, id int64) (domain.Event, error) {
	now := a.stamp()
	e, err := a.trash.RestoreEvent(ctx, id, func(e *domain.Event, deleted time.Time) error {
		if !(domain.DeletedEvent{Deleted: deleted}).Restorable(now) {
			return domain.ErrGone
		}
		e.Sequence, e.UpdatedAt = e.Sequence+1, now
		return nil
	})
	if err != nil {
		return e, err
	}
	// An event that stood in for an occurrence stands in for it again: its
	// series (still there, or the store would have refused) moves the day
	// from skipped back to moved. When the series has no such day any more
	// (ended, or split, since), the event comes back on its own.
	if o := e.Of; o.SeriesID != 0 {
		series, err := a.events.Event(ctx, o.SeriesID)
		if err != nil {
			return e, fmt.Errorf("restore event %d: %w", id, err)
		}
		series.Repeat.Skipped, series.Repeat.Moved = series.Repeat.Skipped.Without(o.Date), series.Repeat.Moved.Without(o.Date)
		if _, err := a.Occurrence(ctx, series, o.Date); errors.Is(err, domain.ErrNotFound) {
			e.Of = domain.Override{}
			if err := a.SaveEvent(ctx, &e); err != nil {
				return e, fmt.Errorf("restore event %d: %w", id, err)
			}
			return e, nil
		} else if err != nil {
			return e, fmt.Errorf("restore event %d: %w", id, err)
		}
		err = a.changeSeries(ctx, o.SeriesID, func(s *domain.Event) {
			s.Repeat.Skipped, s.Repeat.Moved = s.Repeat.Skipped.Without(o.Date), s.Repeat.Moved.With(o.Date)
		}, nil)
		if err != nil {
			return e, fmt.Errorf("restore event %d: %w", id, err)
		}
	}
	return e, nil
}

// Trash returns the deleted events that can still be restored, the latest
// deleted first.
func (a *App) Trash(ctx context.Context) ([]domain.DeletedEvent, error) {
	all, err := a.trash.Trash(ctx)
	if err != nil {
		return nil, err
	}
	now := a.stamp()
	out := all[:0]
	for _, d := range all {
		if d.Restorable(now) {
			out = append(out, d)
		}
	}
	return out, nil
}

// DeletedEvent returns the deleted event numbered id (never deleted:
// domain.ErrNotFound).
func (a *App) DeletedEvent(ctx context.Context, id int64) (domain.DeletedEvent, error) {
	return a.trash.DeletedEvent(ctx, id)
}

// PurgeTrash purges the events deleted domain.TrashKeep or more ago, by the
// app's clock, and returns how many.
func (a *App) PurgeTrash(ctx context.Context) (int, error) {
	now := a.stamp()
	return a.trash.PurgeTrash(ctx, now.Add(-domain.TrashKeep), now)
}

// KeepTrash purges the trash every every (PurgeTrash), until ctx ends; a
// failure is logged and tried again at the next turn.
func (a *App) KeepTrash(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		n, err := a.PurgeTrash(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			a.logError("purge the trash", err)
		case n > 0:
			a.log.Info("purged deleted events for good", "events", n)
		}
	}
}

// EventFor returns the event with id as a reader sees it: one deleted is a
// *domain.GoneError (saying when, and whether it can be restored); a
// proposed or rejected one, deleted or not, is domain.ErrNotFound unless
// drafts.
func (a *App) EventFor(ctx context.Context, id int64, drafts bool) (domain.Event, error) {
	e, err := a.Event(ctx, id)
	if errors.Is(err, domain.ErrNotFound) {
		d, derr := a.trash.DeletedEvent(ctx, id)
		switch {
		case derr == nil && (drafts || d.Event.Status == domain.StatusConfirmed || !d.Purged.IsZero()):
			return e, &domain.GoneError{Deleted: d}
		case derr != nil && !errors.Is(derr, domain.ErrNotFound):
			return e, derr
		}
	}
	if err != nil {
		return e, err
	}
	if !drafts && e.Status != domain.StatusConfirmed {
		return domain.Event{}, fmt.Errorf("event %d: %w", id, domain.ErrNotFound)
	}
	return e, nil
}
