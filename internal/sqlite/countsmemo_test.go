package sqlite

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/persian"
)

// TestPieceCountsKept: the pieces' counts of the terms searched are read
// once for the data version, a term at a time (a search of terms already
// searched, in any company, reads none), and are what a read gives; a
// write, or a count of the pieces in this process, has them read again,
// and a file never counted is seen counted once it is.
func TestPieceCountsKept(t *testing.T) {
	d, ctx := open(t), context.Background()
	storeEvents(t, d, benchEvents(rand.New(rand.NewPCG(3, 4)), 300))
	counts := func(q string) pieceCounts {
		t.Helper()
		c, err := d.pieceCounts(ctx, "event", persian.SearchTerms(q))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	reads := func(want int64, what string) {
		t.Helper()
		if n := d.counts.reads.Swap(0); n != want {
			t.Errorf("%s: %d reads of the counts, want %d", what, n, want)
		}
	}
	if c := counts("نشست خبری"); c != nil {
		t.Errorf("counts of a file never counted: %v", c)
	}
	counts("نشست خبری")
	reads(1, "never counted, twice")
	if err := d.OptimizeSearch(ctx); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"نشست خبری استانداری", "نشست خبری استانداری", "استانداری", "خبری نشست", "آب استانداری", "آب"} {
		terms := persian.SearchTerms(q)
		got := counts(q)
		want, err := d.readPieceCounts(ctx, "event", terms)
		if err != nil || got == nil || want == nil {
			t.Fatalf("%q: kept %v, read %v (%v)", q, got, want, err)
		}
		keys := []string{""}
		for _, term := range terms {
			keys = append(append(keys, termPieces(term)...), term+"*")
		}
		for _, k := range keys {
			if got[k] != want[k] {
				t.Errorf("%q: %q counted %d, kept %d", q, k, want[k], got[k])
			}
		}
		if got[""] == 0 || q == "آب" && got["اب*"] == 0 {
			t.Errorf("%q: counts %v", q, got)
		}
	}
	reads(2, "six searches of three terms and a short one")
	e := benchEvent(rand.New(rand.NewPCG(5, 6)), 1)
	e.UID = "another@ruydad"
	storeEvents(t, d, []domain.Event{e})
	counts("استانداری")
	counts("استانداری")
	reads(1, "after a write")
	if _, err := d.RecountSearch(ctx); err != nil {
		t.Fatal(err)
	}
	counts("استانداری")
	reads(1, "after a count")
}

// TestPieceCountsDroppedWhileRead: counts read before the memo was
// dropped (a count of the pieces committed meanwhile, which does not
// move the data version) are not kept after it.
func TestPieceCountsDroppedWhileRead(t *testing.T) {
	var m countsMemo
	terms := []string{"استانداری"}
	counts := pieceCounts{"": 10, "است": 3}
	drops := m.dropsSoFar()
	m.drop()
	m.put(7, drops, "event", terms, counts)
	if _, ok := m.get(7, "event", terms); ok {
		t.Error("counts read before a drop were kept after it")
	}
	m.put(7, m.dropsSoFar(), "event", terms, counts)
	if got, ok := m.get(7, "event", terms); !ok || got[""] != 10 || got["است"] != 3 {
		t.Errorf("kept %v, %v", got, ok)
	}
	if _, ok := m.get(8, "event", terms); ok {
		t.Error("counts kept at version 7 given at 8")
	}
}
