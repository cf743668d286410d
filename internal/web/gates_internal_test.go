package web

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/app"
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

// TestGateEnterCtx: a turn is left once however often its leave is
// called, and a caller whose context ends while the gate is full is
// told so instead of waiting.
func TestGateEnterCtx(t *testing.T) {
	g := newGate(1)
	leave, err := g.enterCtx(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	leave()
	leave() // a second call leaves nothing more (it would wait forever on an empty gate)
	again, err := g.enterCtx(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := g.enterCtx(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("a full gate and an ended context: %v, want context.Canceled", err)
	}
	again()
	if len(g) != 0 {
		t.Errorf("%d turns held after every caller left", len(g))
	}
}

// TestPagesLeaveTheirTurns: the pages built under pageBuilds (months,
// days, weeks, the agenda, the review queue), answered or refused after
// they took their turn (a day's page past its last, a 404), hold none
// once answered.
func TestPagesLeaveTheirTurns(t *testing.T) {
	db := openStore(t, "turns.db")
	_, e := newServer(app.Over(db, app.Options{}), Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	srv := httptest.NewServer(e)
	defer srv.Close()
	client := &http.Client{Timeout: 30 * time.Second} // a turn never left leaves later pages waiting
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Go(func() {
			path := []string{"/calendar/1403/2", "/calendar/1403/2/5", "/calendar/1403/2/5?page=9", "/calendar/1403/2/5/week",
				"/agenda", "/review", "/calendar/1403/3?province=" + url.QueryEscape("همدان")}[i%7]
			resp, err := client.Get(srv.URL + path)
			if err != nil {
				t.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if want := http.StatusOK; resp.StatusCode != want && !(strings.Contains(path, "page=9") && resp.StatusCode == http.StatusNotFound) {
				t.Errorf("%s: %d", path, resp.StatusCode)
			}
		})
	}
	wg.Wait()
	if n := len(pageBuilds); n != 0 {
		t.Errorf("%d page builds' turns held after every page was answered", n)
	}
}
