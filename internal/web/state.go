package web

import (
	"context"
	"slices"
	"sync"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/mining"
)

// calState is what pages, feeds and the miner know of the calendar for one
// calendar version: the occasions, the Hijri month starts (with an
// administrator's corrections) and an almanac of the shown occasions. Every
// change to an occasion or a month start moves the calendar version, so an
// edited occasion or a corrected month shows on the next page; events and
// articles do not, so stored articles do not rebuild the miner.
type calState struct {
	version     int64
	occasions   []domain.Occasion // all, hidden ones too
	shown       []domain.Occasion // those the calendar shows
	corrections []domain.HijriCorrection
	cal         *calendar.Calendar
	almanac     *calendar.Almanac // of shown

	minerOnce sync.Once
	miner     *mining.Miner
}

// stateCache holds the newest calState.
type stateCache struct {
	mu  sync.Mutex
	cur *calState
}

// calendarState returns the calendar as of the calendar version, reading
// the occasions and corrections again only when it moved.
func (s *Server) calendarState(ctx context.Context) (*calState, error) {
	v, err := s.store.CalendarVersion(ctx)
	if err != nil {
		return nil, err
	}
	s.states.mu.Lock()
	defer s.states.mu.Unlock()
	old := s.states.cur
	if old != nil && old.version >= v {
		return old, nil
	}
	occasions, err := s.store.Occasions(ctx)
	if err != nil {
		return nil, err
	}
	corrections, err := s.store.HijriCorrections(ctx)
	if err != nil {
		return nil, err
	}
	st := &calState{version: v, occasions: occasions, corrections: corrections}
	if old != nil && slices.Equal(old.corrections, corrections) {
		st.cal = old.cal
	} else {
		var refused []error
		st.cal, refused = calendar.Build(corrections)
		for _, err := range refused {
			s.log.Error("a Hijri month correction does not fit the others and is not applied", "err", err)
		}
	}
	for _, o := range occasions {
		if !o.Hidden {
			st.shown = append(st.shown, o)
		}
	}
	st.almanac = st.cal.Almanac(st.shown)
	s.states.cur = st
	return st, nil
}

// Miner returns a miner that knows every occasion (hidden ones too: an
// article may name any) and the Hijri calendar of st.
func (st *calState) Miner() *mining.Miner {
	st.minerOnce.Do(func() { st.miner = mining.New(st.occasions, st.cal) })
	return st.miner
}

// placed returns the shown occasions' occurrences touching from..to,
// without the provincial days of other provinces when the filter names one.
func (st *calState) placed(from, to jalali.Date, f calFilter) []calendar.Placed {
	all := st.almanac.Between(from, to)
	if f.province == "" {
		return all
	}
	out := all[:0:0]
	for _, p := range all {
		if calendar.InProvince(p.Occasion, f.province) {
			out = append(out, p)
		}
	}
	return out
}

// feedOccasions returns the occasions a feed of filter f carries: the
// shown national ones and the provincial days of f's province (of every
// province when it names none).
func (st *calState) feedOccasions(f calFilter) []domain.Occasion {
	return calendar.Shown(st.occasions, f.province)
}
