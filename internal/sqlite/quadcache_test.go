package sqlite

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/persian"
)

// TestQuadSetsKept: the quads' sets a search reads are read once for the
// data version: the same search again reads none and finds the same; a
// write moves the version, and the next search reads them again and finds
// what was written; the sets kept of each table stay within its budget,
// the least recently used dropped, and searches of events and articles find what a
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
	defer func(n, a int) { quadCacheBytes, articleQuadCacheBytes = n, a }(quadCacheBytes, articleQuadCacheBytes)
	quadCacheBytes, articleQuadCacheBytes = 4096, 2048
	for _, q := range []string{"کرمان همدان", "نشست مشترک", "کهکشان", "همدان", "راه شیری", "کرمان همدان", "استان", "سفر استاندار"} {
		search(q)
		for _, c := range []struct {
			cache  *quadCache
			budget int
		}{{&d.quads, quadCacheBytes}, {&d.articleQuadSets, articleQuadCacheBytes}} {
			c.cache.mu.Lock()
			if c.cache.bytes > c.budget {
				t.Errorf("after «%s»: %d bytes of sets kept, more than %d", q, c.cache.bytes, c.budget)
			}
			c.cache.mu.Unlock()
		}
	}
	if d.articleQuadSets.bytes == 0 || d.quads.bytes == 0 {
		t.Errorf("sets kept: %d bytes of events', %d of articles'", d.quads.bytes, d.articleQuadSets.bytes)
	}
}

// TestQuadCacheVersions: sets are kept for the data version they were
// read at; a search that read an older version (before a write, or within
// the time a reading is kept) neither finds nor drops them, and one of a
// newer version drops them.
func TestQuadCacheVersions(t *testing.T) {
	var c quadCache
	key := quadKey{"event_quads", 42, partAll}
	sets := &quadSets{key: key, chunks: []int64{0}, ends: []int{2}, data: []byte{1, 0}}
	c.put(5, quadHead{built: true, top: 3}, []*quadSets{sets}, quadCacheBytes)
	if _, _, ok := c.get(4, key); ok {
		t.Error("sets read at version 5 served a search of version 4")
	}
	if got, head, ok := c.get(5, key); !ok || got != sets || head != (quadHead{built: true, top: 3}) {
		t.Errorf("after a search of version 4: got %v, %v, %v; want the sets kept at 5", got, head, ok)
	}
	c.put(4, quadHead{built: true, top: 2}, []*quadSets{{key: quadKey{"event_quads", 43, partAll}}}, quadCacheBytes)
	if len(c.entries) != 1 {
		t.Errorf("sets read at version 4 were kept beside those of 5: %d entries", len(c.entries))
	}
	if _, _, ok := c.get(6, key); ok || len(c.entries) != 0 || c.bytes != 0 {
		t.Errorf("a search of version 6 found the sets of 5 (%v), or left %d entries, %d bytes", ok, len(c.entries), c.bytes)
	}
}

// TestQuadCacheIdle: the sets kept go when no search used them for
// quadCacheIdle (its timer, run by hand, then for real), and not while
// searches use them.
func TestQuadCacheIdle(t *testing.T) {
	defer func(d time.Duration) { quadCacheIdle = d }(quadCacheIdle)
	quadCacheIdle = time.Hour
	var c quadCache
	key := quadKey{"event_quads", 42, partAll}
	sets := []*quadSets{{key: key, chunks: []int64{0}, ends: []int{2}, data: []byte{1, 0}}}
	c.put(5, quadHead{built: true}, sets, quadCacheBytes)
	c.expire() // used just now
	if _, _, ok := c.get(5, key); !ok {
		t.Fatal("sets used just now were dropped")
	}
	c.mu.Lock()
	c.used = time.Now().Add(-2 * time.Hour)
	c.mu.Unlock()
	c.expire()
	if _, _, ok := c.get(5, key); ok {
		t.Fatal("sets unused for two hours were kept, quadCacheIdle being one")
	}

	quadCacheIdle = 50 * time.Millisecond
	var timed quadCache
	timed.put(5, quadHead{built: true}, sets, quadCacheBytes)
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		timed.mu.Lock()
		gone := timed.entries == nil && timed.bytes == 0
		timed.mu.Unlock()
		if gone {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("sets unused for 10 s were still kept, quadCacheIdle being 50 ms")
		}
	}
}
