package web

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestSearchGate: searches run own at once while other requests are
// served and all at once while none is; a search waiting is given the
// turn a search leaves or the last other request opens, first come
// first; one that waits too long, or whose request ends, gets none and
// leaves nothing taken.
func TestSearchGate(t *testing.T) {
	ctx := context.Background()
	g := newSearchGate(1, 2)
	enter := func(wait time.Duration) bool {
		t.Helper()
		ok, err := g.enter(ctx, wait)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	// Alone, both turns; a third search waits and gets none in time.
	if !enter(0) || !enter(0) || enter(10*time.Millisecond) {
		t.Fatalf("searches alone: %d running, want 2 and the third refused", g.running)
	}
	g.leave()
	g.leave()
	// A page being served: one turn.
	g.otherBegan()
	if !enter(0) || enter(10*time.Millisecond) {
		t.Fatalf("searches beside a page: %d running, want 1", g.running)
	}
	// Two searches wait; the page ends: the first gets the turn it
	// opens, and the second the one the first search leaves.
	var order []int
	var mu sync.Mutex
	var wg sync.WaitGroup
	var entered atomic.Int64
	for i := range 2 {
		waitFor(t, "the searches before to wait", func() bool { return g.queued.Load() == int64(i) })
		wg.Go(func() {
			if ok, err := g.enter(ctx, time.Minute); !ok || err != nil {
				t.Errorf("search %d waiting: %v %v", i, ok, err)
				return
			}
			mu.Lock()
			order = append(order, i)
			mu.Unlock()
			entered.Add(1)
		})
	}
	waitFor(t, "two searches to wait", func() bool { return g.queued.Load() == 2 })
	g.otherEnded()
	waitFor(t, "a search to enter as the page ends", func() bool { return entered.Load() == 1 })
	time.Sleep(10 * time.Millisecond)
	if entered.Load() != 1 || g.running != 2 {
		t.Fatalf("after the page ended: %d searches entered, %d running, want 1 and 2", entered.Load(), g.running)
	}
	g.leave() // the first search
	wg.Wait()
	if len(order) != 2 || order[0] != 0 || order[1] != 1 {
		t.Errorf("the searches waiting entered in the order %v, want [0 1]", order)
	}
	g.leave()
	g.leave()
	// A request that ends while its search waits: ctx's error, no turn.
	g.otherBegan()
	if !enter(0) {
		t.Fatal("no turn beside a page")
	}
	gone, cancel := context.WithCancel(ctx)
	time.AfterFunc(10*time.Millisecond, cancel)
	if ok, err := g.enter(gone, time.Minute); ok || !errors.Is(err, context.Canceled) {
		t.Errorf("a search whose request ended: %v, %v", ok, err)
	}
	g.leave()
	g.otherEnded()
	if g.running != 0 || len(g.waiting) != 0 || g.queued.Load() != 0 || g.others.Load() != 0 {
		t.Errorf("at the end: %d running, %d waiting (%d counted), %d others", g.running, len(g.waiting), g.queued.Load(), g.others.Load())
	}
}

// TestSearchGateNoWakeLost: searches that find the machine busy with
// pages are given their turns when the pages end, however their ends and
// the searches' arrivals interleave, and never more than all at once.
func TestSearchGateNoWakeLost(t *testing.T) {
	g := newSearchGate(1, 2)
	var wg sync.WaitGroup
	var over atomic.Bool
	var most atomic.Int64
	for range 200 {
		wg.Go(func() {
			g.otherBegan()
			time.Sleep(time.Duration(time.Now().UnixNano()%3) * 100 * time.Microsecond)
			g.otherEnded()
		})
		wg.Go(func() {
			ok, err := g.enter(context.Background(), 5*time.Second)
			if !ok || err != nil {
				over.Store(true)
				return
			}
			g.mu.Lock()
			most.Store(max(most.Load(), int64(g.running)))
			g.mu.Unlock()
			time.Sleep(50 * time.Microsecond)
			g.leave()
		})
	}
	wg.Wait()
	if over.Load() {
		t.Error("a search waited 5 s for a turn that was open")
	}
	if most.Load() > 2 || g.running != 0 || len(g.waiting) != 0 {
		t.Errorf("%d searches at once at most, %d running, %d waiting at the end", most.Load(), g.running, len(g.waiting))
	}
}
