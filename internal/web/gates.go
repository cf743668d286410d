package web

import (
	"context"
	"runtime"
	"sync"
)

// A gate lets n goroutines at most through at once.
type gate chan struct{}

func newGate(n int) gate { return make(gate, n) }

// enter waits for a place, and returns the function that leaves it.
func (g gate) enter() func() {
	g <- struct{}{}
	return func() { <-g }
}

// enterCtx waits for a place until ctx is done, and returns the function
// that leaves it, which may be called more than once (it leaves once).
func (g gate) enterCtx(ctx context.Context) (leave func(), err error) {
	select {
	case g <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	var once sync.Once
	return func() { once.Do(func() { <-g }) }, nil
}

// pageBuilds bounds the pages built at once that are CPU work from end to
// end (a month not kept, a day, a week, the agenda not kept, a review
// page): as many as the cores. The others wait their turn in order, as a
// queue, instead of all sharing the cores: under 64 readers at once, a
// page then takes its own time after its wait rather than its share of
// everyone's, so the few large ones (a month of the largest province,
// 1,300 events against 300) no longer set the p99 of all (issue 18:
// province months p99 82–90 → 48 ms; with 8 builds at once, as many as
// the store's readers, they shared two cores eight ways). A page holds no
// turn while it is sent: it is in its buffer first.
var pageBuilds = newGate(max(2, runtime.GOMAXPROCS(0)))
