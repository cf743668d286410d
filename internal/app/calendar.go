package app

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/mining"
)

// CalendarState is what pages, feeds and the miner know of the calendar
// for one calendar version: the occasions, the Hijri month starts (with an
// administrator's corrections) and an almanac of the shown occasions. Every
// change to an occasion or a month start moves the calendar version, so an
// edited occasion or a corrected month shows on the next page; events and
// articles do not, so stored articles do not rebuild the miner.
type CalendarState struct {
	Version     int64
	Occasions   []domain.Occasion // all, hidden ones too
	Shown       []domain.Occasion // those the calendar shows
	Corrections []domain.HijriCorrection
	Cal         *calendar.Calendar
	Almanac     *calendar.Almanac // of Shown
	// Refused are the corrections that do not fit the others and are not
	// applied (the Hijri admin page and the log name them).
	Refused []error

	minerOnce sync.Once
	miner     *mining.Miner
}

// stateCache holds the newest CalendarState.
type stateCache struct {
	mu  sync.Mutex
	cur *CalendarState
}

// Calendar returns the calendar as of the calendar version, reading the
// occasions and corrections again only when it moved.
func (a *App) Calendar(ctx context.Context) (*CalendarState, error) {
	v, err := a.CalendarVersion(ctx)
	if err != nil {
		return nil, err
	}
	a.states.mu.Lock()
	defer a.states.mu.Unlock()
	old := a.states.cur
	if old != nil && old.Version >= v {
		return old, nil
	}
	occasions, err := a.Occasions(ctx)
	if err != nil {
		return nil, err
	}
	corrections, err := a.HijriCorrections(ctx)
	if err != nil {
		return nil, err
	}
	st := &CalendarState{Version: v, Occasions: occasions, Corrections: corrections}
	if old != nil && slices.Equal(old.Corrections, corrections) {
		st.Cal, st.Refused = old.Cal, old.Refused
	} else {
		st.Cal, st.Refused = calendar.Build(corrections)
		for _, err := range st.Refused {
			a.logError("a Hijri month correction does not fit the others and is not applied", err)
		}
	}
	st.Shown = calendar.Shown(occasions, "") // every province's days too
	st.Almanac = st.Cal.Almanac(st.Shown)
	a.states.cur = st
	return st, nil
}

// NewCalendarState returns the state of a calendar of occasions over cal,
// outside any store (tests, benchmarks).
func NewCalendarState(occasions []domain.Occasion, cal *calendar.Calendar) *CalendarState {
	st := &CalendarState{Occasions: occasions, Shown: calendar.Shown(occasions, ""), Cal: cal}
	st.Almanac = cal.Almanac(st.Shown)
	return st
}

// Miner returns a miner that knows every occasion (hidden ones too: an
// article may name any) and the Hijri calendar of st.
func (st *CalendarState) Miner() *mining.Miner {
	st.minerOnce.Do(func() { st.miner = mining.New(st.Occasions, st.Cal) })
	return st.miner
}

// SetHijriCorrection stores the first day of Hijri month c.Year/c.Month
// (replacing an earlier setting of it) when fits accepts the corrections it
// makes, in one transaction.
func (a *App) SetHijriCorrection(ctx context.Context, c domain.HijriCorrection, fits func([]domain.HijriCorrection) error) error {
	if !c.Start.Valid() || c.Month < 1 || c.Month > 12 {
		return fmt.Errorf("set hijri correction %d/%d: %w", c.Year, c.Month,
			domain.ValidationError{{Field: domain.FieldStart, Code: domain.CodeMonthStartInvalid}})
	}
	return a.CalendarStore.SetHijriCorrection(ctx, c, fits)
}

// CreateOccasion checks and stores an office's own occasion.
func (a *App) CreateOccasion(ctx context.Context, o *domain.Occasion) error {
	if o.Group == "" {
		o.Group = domain.GroupOffice
	}
	if err := o.Validate(); err != nil {
		return fmt.Errorf("create occasion: %w", err)
	}
	return a.OccasionStore.CreateOccasion(ctx, o)
}

// UpdateOccasion checks and stores a person's edit of an occasion, which
// marks a built-in one edited, so that catalogue upgrades leave it as it
// is.
func (a *App) UpdateOccasion(ctx context.Context, o domain.Occasion) error {
	if o.Group == "" {
		o.Group = domain.GroupOffice
	}
	if err := o.Validate(); err != nil {
		return fmt.Errorf("update occasion %d: %w", o.ID, err)
	}
	o.Edited = true
	return a.OccasionStore.UpdateOccasion(ctx, o)
}
