package web

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/views"
)

// A searchGate gives searches their turns. A search costs milliseconds of
// a processor where a page costs a fraction of one, so that searches
// alone could take the whole machine from the pages: own of them run at
// once (half the processors) whatever else the server does, and up to all
// (every processor) while it serves nothing else, so that the processors
// pages leave idle are not kept from searches waiting for a turn. The
// gate is asked as a search starts: one let in while nothing else was
// served runs to its end (searchTimeout at most) when pages come, and the
// searches after it keep to own until it leaves. A search that finds no
// turn waits its turn in order of arrival. Every other request counts
// for as long as it is served, a feed download at a slow subscriber's
// pace too: the extra turns are for a server that serves searches alone.
type searchGate struct {
	own, all int

	mu      sync.Mutex
	running int             // searches holding a turn
	waiting []chan struct{} // searches waiting, first come first; closed when given a turn

	// others counts the requests other than searches being served, and
	// queued the searches waiting (len(waiting)): read without mu on
	// every request's end.
	others atomic.Int64
	queued atomic.Int64
}

func newSearchGate(own, all int) *searchGate {
	return &searchGate{own: max(1, own), all: max(1, own, all)}
}

// open reports whether a search may take a turn now. g.mu is held.
func (g *searchGate) open() bool {
	return g.running < g.own || g.running < g.all && g.others.Load() == 0
}

// enter takes a turn for a search, waiting at most wait for one in order
// of arrival: it reports false when none came in time, and ctx's error
// when ctx ended first. A search given a turn leaves it (leave).
func (g *searchGate) enter(ctx context.Context, wait time.Duration) (bool, error) {
	g.mu.Lock()
	// Counted as waiting before open reads others: the last other request
	// to end either is seen ended here or sees this search waiting (see
	// otherEnded).
	g.queued.Store(int64(len(g.waiting) + 1))
	if len(g.waiting) == 0 && g.open() {
		g.queued.Store(0)
		g.running++
		g.mu.Unlock()
		return true, nil
	}
	turn := make(chan struct{})
	g.waiting = append(g.waiting, turn)
	g.mu.Unlock()
	t := time.NewTimer(wait)
	defer t.Stop()
	var err error
	select {
	case <-turn:
		return true, nil
	case <-t.C:
	case <-ctx.Done():
		err = ctx.Err()
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	for i, w := range g.waiting {
		if w == turn {
			g.waiting = append(g.waiting[:i], g.waiting[i+1:]...)
			g.queued.Store(int64(len(g.waiting)))
			return false, err
		}
	}
	// Given a turn as the wait ended: it is passed on.
	g.running--
	g.wakeLocked()
	return false, err
}

// leave gives back a search's turn.
func (g *searchGate) leave() {
	g.mu.Lock()
	g.running--
	g.wakeLocked()
	g.mu.Unlock()
}

// wakeLocked gives the turns open to the searches waiting first. g.mu is
// held.
func (g *searchGate) wakeLocked() {
	for len(g.waiting) > 0 && g.open() {
		g.running++
		close(g.waiting[0])
		g.waiting = g.waiting[1:]
	}
	g.queued.Store(int64(len(g.waiting)))
}

// otherBegan counts a request other than a search as served until
// otherEnded: meanwhile searches keep to their own turns.
func (g *searchGate) otherBegan() { g.others.Add(1) }

// otherEnded ends otherBegan's count, and gives searches waiting the
// turns it leaves open when it was the last.
func (g *searchGate) otherEnded() {
	if g.others.Add(-1) == 0 && g.queued.Load() > 0 {
		g.mu.Lock()
		g.wakeLocked()
		g.mu.Unlock()
	}
}

// countOthers counts each request but a search as served while it is
// (see searchGate).
func (s *Server) countOthers(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if c.Request().URL.Path == views.SearchURL {
			return next(c)
		}
		s.searchGate.otherBegan()
		defer s.searchGate.otherEnded()
		return next(c)
	}
}
