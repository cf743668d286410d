package sqlite

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/persian"
)

// TestQuadSetsKept: the quads' sets a search reads are read once for the
// data version: the same search again reads none and finds the same; a
// write moves the version, and the next search reads them again and finds
// what was written; the sets kept stay within quadCacheBytes, the least
// recently used dropped, and searches of events and articles find what a
// scan finds all the while.
func TestQuadSetsKept(t *testing.T) {
	d := open(t)
	rng := rand.New(rand.NewPCG(11, 12))
	evs := meetingEvents(rng, 1500)
	keys := storeCounted(t, d, evs)
	var articles []int64
	var articleKeys []string
	for i := range 30 {
		text := "گزارش سفر استاندار به شهرستان"
		if i%3 == 0 {
			text = "رصد کهکشان راه شیری در رصدخانه استان کرمان"
		}
		a := storeArticle(t, d, "خبر "+strings.Repeat("ا", i+1), text)
		articles, articleKeys = append(articles, a.ID), append(articleKeys, articleKey(&a))
	}
	search := func(q string) (events, found []int64) {
		t.Helper()
		terms := persian.SearchTerms(q)
		evs2, arts, err := d.Search(t.Context(), terms, 50, true)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range evs2 {
			events = append(events, e.ID)
		}
		if want := scanFind(evs, keys, terms, 50, true); !slices.Equal(events, want) {
			t.Fatalf("%q: found the events %v, want %v", q, events, want)
		}
		var want []int64
		for i := len(articles) - 1; i >= 0; i-- {
			if !slices.ContainsFunc(terms, func(t string) bool { return !strings.Contains(articleKeys[i], t) }) {
				want = append(want, articles[i])
			}
		}
		for _, m := range arts {
			found = append(found, m.Article.ID)
		}
		if !slices.Equal(found, want) {
			t.Fatalf("%q: found the articles %v, want %v", q, found, want)
		}
		return events, found
	}

	reads := d.quadSetReads.Load()
	first, _ := search("کرمان همدان")
	if d.quadSetReads.Load() == reads {
		t.Fatal("«کرمان همدان»: no quad's sets read")
	}
	reads = d.quadSetReads.Load()
	if again, _ := search("کرمان همدان"); !slices.Equal(again, first) || d.quadSetReads.Load() != reads {
		t.Errorf("«کرمان همدان» again: found %v (was %v), %d queries of sets (want none)", again, first, d.quadSetReads.Load()-reads)
	}
	_, found := search("کهکشان کرمان")
	reads = d.quadSetReads.Load()
	if _, again := search("کهکشان کرمان"); !slices.Equal(again, found) || d.quadSetReads.Load() != reads {
		t.Errorf("«کهکشان کرمان» again: found the articles %v (were %v), %d queries of sets (want none)", again, found, d.quadSetReads.Load()-reads)
	}

	// A write: the sets are read again, and the new event found first.
	e := benchEvent(rng, 1500)
	e.Description, e.Start = meetingText, jalali.MustNew(1409, 1, 1) // after every other
	e.End = e.Start
	written := []domain.Event{e}
	storeEvents(t, d, written)
	e = written[0]
	evs, keys = append(evs, e), append(keys, eventKey(&e))
	reads = d.quadSetReads.Load()
	if got, _ := search("کرمان همدان"); len(got) == 0 || got[0] != e.ID || d.quadSetReads.Load() == reads {
		t.Errorf("«کرمان همدان» after a write: found %v, want event %d first; %d queries of sets", got, e.ID, d.quadSetReads.Load()-reads)
	}

	// A cache smaller than one search's sets keeps within its bound, and
	// the searches find what they found.
	defer func(n int) { quadCacheBytes = n }(quadCacheBytes)
	quadCacheBytes = 4096
	for _, q := range []string{"کرمان همدان", "نشست مشترک", "کهکشان", "همدان", "راه شیری", "کرمان همدان", "استان"} {
		search(q)
		d.quads.mu.Lock()
		if d.quads.bytes > quadCacheBytes {
			t.Errorf("after «%s»: %d bytes of sets kept, more than %d", q, d.quads.bytes, quadCacheBytes)
		}
		d.quads.mu.Unlock()
	}
}
