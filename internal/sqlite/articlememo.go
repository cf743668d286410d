package sqlite

import (
	"sync"
	"sync/atomic"

	"github.com/ruydad/ruydad/internal/jalali"
)

// A search shows the newest articles holding its words, and the newest
// articles hold the words people search for: at national size, 300
// searches of the words route checked 2,339 articles in 6,240 candidates
// (the same article about three times over), each a key of 7.5 KB read
// from its overflow pages, a fifth of the route's CPU. What checking an article's
// key for a term found (where its text holds it first, or that the key
// does not hold it) is kept here, with what a result shows of the article
// (its title, date and where its text begins in its key), for the data
// version it was read at: a candidate whose every term was checked before
// at that version is decided without its key. Any write moves the data
// version, and what was kept for an older one is dropped. In the route's
// searches that are not kept whole (the web's searchCache), three keys in
// five were no longer read after some 3,000 searches.
type articleMemo struct {
	mu      sync.Mutex
	version int64
	terms   map[string]uint64 // each term checked, numbered from 1
	// found holds, by article id and term (id<<articleMemoTermBits |
	// term), where the article's text holds the term first (from 1, as
	// instr counts), 0 when its key holds it outside the text only, -1
	// when its key does not hold it.
	found map[uint64]int64
	shown map[int64]articleShown
	reads atomic.Int64 // the articles whose keys were read (tests)
}

// articleShown is what a result shows of an article (see articleHit).
type articleShown struct {
	title     string
	published jalali.Date
	textStart int64
}

// The memo's bounds: 65,536 checks (an article and a term: 16 bytes each
// and the map's own), 16,384 articles shown (a title each) and 65,535
// terms (numbered in articleMemoTermBits bits, below the article's id in
// found's keys), a few megabytes; past them, everything is dropped and
// kept anew.
const (
	articleMemoFound    = 1 << 16
	articleMemoShown    = 1 << 14
	articleMemoTermBits = 16
	articleMemoMaxID    = 1<<(64-articleMemoTermBits) - 1
)

// hit returns what was kept of article id for terms at version: the
// result (pos as firstInText gives it) and whether its key holds every
// term; known false when some term, or what the result shows, was not
// kept.
func (m *articleMemo) hit(version, id int64, terms []string) (h articleHit, holds, known bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if version != m.version || m.found == nil || id < 0 || id > articleMemoMaxID {
		return h, false, false
	}
	places := make([]int64, len(terms))
	for i, t := range terms {
		n, ok := m.terms[t]
		if !ok {
			return h, false, false
		}
		if places[i], ok = m.found[uint64(id)<<articleMemoTermBits|n]; !ok {
			return h, false, false
		}
	}
	for _, p := range places {
		if p < 0 {
			return h, false, true
		}
	}
	s, ok := m.shown[id]
	if !ok {
		return h, false, false
	}
	h.ID, h.Title, h.Published, h.textStart, h.pos = id, s.title, s.published, s.textStart, firstInText(places)
	return h, true, true
}

// put keeps what reading the key of h's article found for terms (places,
// as textPlaces gives them) at version; a newer version drops what was
// kept, an older one is not kept.
func (m *articleMemo) put(version int64, h *articleHit, terms []string, places []int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if version < m.version || h.ID < 0 || h.ID > articleMemoMaxID {
		return
	}
	if version > m.version || m.found == nil || len(m.found)+len(terms) > articleMemoFound ||
		len(m.shown) >= articleMemoShown || len(m.terms)+len(terms) >= 1<<articleMemoTermBits {
		m.version, m.terms, m.found, m.shown = version, map[string]uint64{}, map[uint64]int64{}, map[int64]articleShown{}
	}
	for i, t := range terms {
		n, ok := m.terms[t]
		if !ok {
			n = uint64(len(m.terms) + 1)
			m.terms[t] = n
		}
		m.found[uint64(h.ID)<<articleMemoTermBits|n] = places[i]
	}
	m.shown[h.ID] = articleShown{title: h.Title, published: h.Published, textStart: h.textStart}
}
