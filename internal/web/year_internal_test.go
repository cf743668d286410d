package web

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

// TestGateBoundsBuilds: of 20 goroutines passing a gate of two, two at
// most are inside at once, and every one passes.
func TestGateBoundsBuilds(t *testing.T) {
	g := newGate(2)
	var inside, most, passed atomic.Int64
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer g.enter()()
			n := inside.Add(1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			for range 10 {
				runtime.Gosched()
			}
			inside.Add(-1)
			passed.Add(1)
		}()
	}
	wg.Wait()
	if most.Load() > 2 || most.Load() < 1 || passed.Load() != 20 {
		t.Errorf("%d inside at most, %d passed; want 1 or 2, and 20", most.Load(), passed.Load())
	}
}
