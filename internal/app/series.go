package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// The use cases of one occurrence of a series (an event that repeats): skip
// it, stand another event in for it (moved or changed), end the series
// before it, or end it there and go on with an edited series. Each
// changes the series as an edit does (its sequence moves on, so that feeds'
// subscribers take the change) and checks the day is an occurrence.

// Occurrence returns series' occurrence that starts on day, as an event
// with that occurrence's days; domain.ErrNotFound when none does (not a
// series, a day the rule does not fall on, a skipped or moved one).
func (a *App) Occurrence(ctx context.Context, series domain.Event, day jalali.Date) (domain.Event, error) {
	if !series.Repeats() {
		return series, fmt.Errorf("event %d on %s: %w", series.ID, day, domain.ErrNotFound)
	}
	st, err := a.Calendar(ctx)
	if err != nil {
		return series, err
	}
	for _, s := range st.Cal.EventSpans(series, day, day) {
		if s.Start == day {
			occ := series
			occ.Start, occ.End = s.Start, s.End
			return occ, nil
		}
	}
	return series, fmt.Errorf("event %d on %s: %w", series.ID, day, domain.ErrNotFound)
}

// SkipOccurrence leaves series' occurrence on day out (iCal EXDATE).
func (a *App) SkipOccurrence(ctx context.Context, series domain.Event, day jalali.Date) error {
	if _, err := a.Occurrence(ctx, series, day); err != nil {
		return err
	}
	return a.changeSeries(ctx, series.ID, func(e *domain.Event) { e.Repeat.Skipped = e.Repeat.Skipped.With(day) }, nil)
}

// OverrideOccurrence stores occ in place of series' occurrence on day: a
// one-off event of its own (its days, title, time or place changed) that
// names the occurrence (domain.Override, iCal RECURRENCE-ID under the
// series' UID); the series leaves that day out.
func (a *App) OverrideOccurrence(ctx context.Context, series domain.Event, day jalali.Date, occ *domain.Event) error {
	if _, err := a.Occurrence(ctx, series, day); err != nil {
		return err
	}
	occ.ID, occ.UID, occ.Repeat, occ.Sequence = 0, "", domain.Repeat{}, 0
	occ.Of = domain.Override{SeriesID: series.ID, SeriesUID: series.UID, Date: day, Time: series.StartTime, Kind: series.Repeat.Kind}
	occ.CreatedAt, occ.UpdatedAt = a.stamp(), a.stamp()
	a.fillEvent(occ)
	if err := occ.Validate(); err != nil {
		return fmt.Errorf("override event %d on %s: %w", series.ID, day, err)
	}
	return a.changeSeries(ctx, series.ID, func(e *domain.Event) { e.Repeat.Moved = e.Repeat.Moved.With(day) }, occ)
}

// EndSeriesBefore ends series the day before its occurrence on day (this
// occurrence and the following ones deleted, with the events that stood in
// for any of them); from its first occurrence that deletes the series.
func (a *App) EndSeriesBefore(ctx context.Context, series domain.Event, day jalali.Date) error {
	if _, err := a.Occurrence(ctx, series, day); err != nil {
		return err
	}
	if day == series.Start {
		return a.DeleteEvent(ctx, series.ID)
	}
	if err := a.changeSeries(ctx, series.ID, endBefore(day), nil); err != nil {
		return err
	}
	// The events that stood in for the deleted occurrences go with them.
	overrides, err := a.events.Overrides(ctx, series.ID)
	if err != nil {
		return err
	}
	for _, o := range overrides {
		if !o.Of.Date.Before(day) {
			if err := a.trash.TrashEvent(ctx, o.ID, a.stamp()); err != nil && !errors.Is(err, domain.ErrNotFound) {
				return err
			}
		}
	}
	return nil
}

// SplitSeries ends series the day before its occurrence on day and stores
// next, the series as edited from that occurrence on, as a new series (its
// own UID: iCal's "this and following"). From the first occurrence it is
// an edit of the whole series.
func (a *App) SplitSeries(ctx context.Context, series domain.Event, day jalali.Date, next *domain.Event) error {
	if _, err := a.Occurrence(ctx, series, day); err != nil {
		return err
	}
	if day == series.Start {
		next.ID = series.ID
		return a.SaveEvent(ctx, next)
	}
	next.ID, next.UID, next.Sequence, next.Of = 0, "", 0, domain.Override{}
	next.CreatedAt, next.UpdatedAt = a.stamp(), a.stamp()
	a.fillEvent(next)
	if err := next.Validate(); err != nil {
		return fmt.Errorf("split event %d on %s: %w", series.ID, day, err)
	}
	if err := a.changeSeries(ctx, series.ID, endBefore(day), next); err != nil {
		return err
	}
	return a.carryOverrides(ctx, series.ID, day, next)
}

// carryOverrides hands the events that stood in for occurrences of series
// id from day on (the days it no longer has, ended the day before) to
// next, the series that goes on from day: one whose day next also has
// stands in for next's occurrence then (its RECURRENCE-ID under next's
// UID); one whose day next does not have goes to the trash, as the
// occurrence it moved is gone.
func (a *App) carryOverrides(ctx context.Context, id int64, day jalali.Date, next *domain.Event) error {
	overrides, err := a.events.Overrides(ctx, id)
	if err != nil {
		return err
	}
	var carried, dropped []jalali.Date
	for _, o := range overrides {
		d := o.Of.Date
		if d.Before(day) {
			continue
		}
		probe := *next
		probe.Repeat.Moved, probe.Repeat.Skipped = probe.Repeat.Moved.Without(d), probe.Repeat.Skipped.Without(d)
		_, err := a.Occurrence(ctx, probe, d)
		switch {
		case err == nil:
			o.Of = domain.Override{SeriesID: next.ID, SeriesUID: next.UID, Date: d, Time: next.StartTime, Kind: next.Repeat.Kind}
			if err := a.SaveEvent(ctx, &o); err != nil {
				return err
			}
			carried = append(carried, d)
		case errors.Is(err, domain.ErrNotFound):
			if err := a.trash.TrashEvent(ctx, o.ID, a.stamp()); err != nil && !errors.Is(err, domain.ErrNotFound) {
				return err
			}
			dropped = append(dropped, d)
		default:
			return err
		}
	}
	if len(carried)+len(dropped) == 0 {
		return nil
	}
	return a.changeSeries(ctx, next.ID, func(e *domain.Event) {
		for _, d := range carried {
			e.Repeat.Moved, e.Repeat.Skipped = e.Repeat.Moved.With(d), e.Repeat.Skipped.Without(d)
		}
		for _, d := range dropped {
			e.Repeat.Moved = e.Repeat.Moved.Without(d)
		}
	}, nil)
}

// endBefore ends a series the day before day: an end date in place of a
// count (the occurrences before day are fewer than the count).
func endBefore(day jalali.Date) func(*domain.Event) {
	return func(e *domain.Event) { e.Repeat.Until, e.Repeat.Count = day.AddDays(-1), 0 }
}

// changeSeries changes series id by change as an edit (its sequence and
// time move on), checks it, and stores it with add, when not nil, in one
// transaction.
func (a *App) changeSeries(ctx context.Context, id int64, change func(*domain.Event), add *domain.Event) error {
	err := a.events.ChangeSeries(ctx, id, func(e *domain.Event) error {
		change(e)
		e.Repeat.Normalize()
		e.Sequence, e.UpdatedAt = e.Sequence+1, a.stamp()
		return e.Validate()
	}, add)
	if err != nil {
		return fmt.Errorf("event %d: %w", id, err)
	}
	return nil
}
