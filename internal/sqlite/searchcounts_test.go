package sqlite

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
)

// TestRecountSearchFollowsGrowth: a new calendar has no piece counts (the
// migration counted nothing); RecountSearch counts its events' pieces once
// they reach recountFirst, not before, and again only when they have grown
// past recountGrowth times the keys counted. Searches find the same with
// the counts as without.
func TestRecountSearchFollowsGrowth(t *testing.T) {
	d := open(t)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(18, 23))
	stored := 0
	add := func(n int) {
		t.Helper()
		evs := make([]domain.Event, n)
		for i := range evs {
			evs[i] = benchEvent(rng, stored)
			stored++
		}
		storeEvents(t, d, evs)
	}
	counted := func() int64 {
		t.Helper()
		var n int64
		if err := d.db.QueryRow(`SELECT coalesce((SELECT docs FROM search_piece_docs WHERE doc = 'event' AND piece = ''), 0)`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	recount := func(want []string) {
		t.Helper()
		got, err := d.RecountSearch(ctx)
		if err != nil || !slices.Equal(got, want) {
			t.Fatalf("RecountSearch: counted %v (%v), want %v", got, err, want)
		}
	}

	add(recountFirst - 1)
	recount(nil)
	if n := counted(); n != 0 {
		t.Fatalf("%d events counted below %d", n, recountFirst)
	}
	terms := []string{"جلسه", "همدان"}
	uncounted := searchIDs(t, d, terms, 5000, true)

	add(1)
	recount([]string{"event"})
	if n := counted(); n != recountFirst {
		t.Fatalf("counted %d events, want %d", n, recountFirst)
	}
	counts, err := d.pieceCounts(ctx, "event", terms)
	if err != nil || counts["جلس"] == 0 || counts["همد"] == 0 {
		t.Fatalf("counts %v, %v", counts, err)
	}
	if got := searchIDs(t, d, terms, 5000, true); !slices.Equal(got, uncounted) || len(got) == 0 {
		t.Errorf("with the pieces counted found %d events, without %d", len(got), len(uncounted))
	}

	add(recountFirst / 2) // 1.5 times: not past it
	recount(nil)
	add(1)
	recount([]string{"event"})
	if n := counted(); n != recountFirst*3/2+1 {
		t.Errorf("counted %d events, want %d", n, recountFirst*3/2+1)
	}
	checkSearchIndex(t, d)
}
