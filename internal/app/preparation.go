package app

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// Preparations returns the occasions the office prepares for, by key.
func (a *App) Preparations(ctx context.Context) ([]domain.Preparation, error) {
	return a.prepare.Preparations(ctx)
}

// PrepareFor makes the office prepare for occasion id from leadDays days
// before each occurrence (changing the lead time it had, if any).
func (a *App) PrepareFor(ctx context.Context, id int64, leadDays int) error {
	o, err := a.Occasion(ctx, id)
	if err != nil {
		return err
	}
	p := domain.Preparation{Occasion: o.Key, LeadDays: leadDays}
	if err := p.Validate(); err != nil {
		return fmt.Errorf("prepare for occasion %d: %w", id, err)
	}
	return a.prepare.SetPreparation(ctx, p)
}

// StopPreparing makes the office no longer prepare for occasion id.
func (a *App) StopPreparing(ctx context.Context, id int64) error {
	o, err := a.Occasion(ctx, id)
	if err != nil {
		return err
	}
	return a.prepare.DeletePreparation(ctx, o.Key)
}

// Preparing is an occurrence of an occasion the office prepares for whose
// preparation has begun.
type Preparing struct {
	Occasion   domain.Occasion
	Start, End jalali.Date
	LeadDays   int
	DaysLeft   int // from today to Start: 0 when it starts today
}

// PreparingOn returns the occurrences, on today or later, of the occasions
// the office prepares for whose preparation window (their lead time before
// the start) has begun by today, the soonest first. An occasion is listed
// whether or not the calendar shows it: the office chose it. Preparations
// of occasions no longer stored are left out.
func (a *App) PreparingOn(ctx context.Context, today jalali.Date) ([]Preparing, error) {
	preps, err := a.Preparations(ctx)
	if err != nil || len(preps) == 0 {
		return nil, err
	}
	st, err := a.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	byKey := make(map[string]domain.Occasion, len(st.Occasions))
	for _, o := range st.Occasions {
		byKey[o.Key] = o
	}
	var out []Preparing
	for _, p := range preps {
		o, ok := byKey[p.Occasion]
		if !ok {
			continue
		}
		for _, s := range st.Cal.Starting(o.Recurrence, today, today.AddDays(p.LeadDays)) {
			out = append(out, Preparing{Occasion: o, Start: s.Start, End: s.End, LeadDays: p.LeadDays, DaysLeft: today.DaysUntil(s.Start)})
		}
	}
	slices.SortStableFunc(out, func(x, y Preparing) int {
		return cmp.Or(cmp.Compare(x.DaysLeft, y.DaysLeft), cmp.Compare(x.Occasion.Name, y.Occasion.Name))
	})
	return out, nil
}

// occasionLeads returns the lead time, in days, of each occasion the
// office prepares for, by key.
func (a *App) occasionLeads(ctx context.Context) (map[string]int, error) {
	preps, err := a.Preparations(ctx)
	if err != nil {
		return nil, err
	}
	leads := make(map[string]int, len(preps))
	for _, p := range preps {
		leads[p.Occasion] = p.LeadDays
	}
	return leads, nil
}
