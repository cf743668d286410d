package sqlite

import (
	"sync"
	"sync/atomic"
)

// The pieces' counts (pieceCounts) choose how a search asks for its
// terms, and the words people search for repeat: reading them was a
// query a search, 4% of the words route's CPU at national size. The
// counts of the terms searched lately are kept here, by kind of row and
// term, for the data version they were read at, and dropped when this
// process counts the pieces again (RecountSearch, OptimizeSearch,
// BulkFill; another process's count is seen at the next write). They
// are estimates that only choose a search's path: a count kept past a
// count made elsewhere changes what a search costs, never what it finds.
type countsMemo struct {
	mu      sync.Mutex
	version int64
	docs    map[string]*docCounts
	// drops counts drop's calls: counts read before a drop are not kept
	// after it (a count of the pieces does not move the data version).
	drops int64
	reads atomic.Int64 // the counts read from the database (tests)
}

// docCounts are the counts kept of one kind of row: whether its pieces
// were ever counted, how many keys were, and each term's (its pieces',
// or under "t*" a short term's), n in all.
type docCounts struct {
	counted bool
	keys    int64
	terms   map[string]pieceCounts
	n       int
}

// countsMemoCounts bounds the counts kept of each kind of row (a term of
// 200 letters has 198 pieces): some 16,384 are a megabyte or so; past
// it, they are dropped and kept anew.
const countsMemoCounts = 16384

// get returns the counts of terms in doc's keys kept at version (nil
// when doc's pieces were never counted), and whether every term's was.
func (m *countsMemo) get(version int64, doc string, terms []string) (pieceCounts, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	k := m.docs[doc]
	if k == nil || m.version != version {
		return nil, false
	}
	if !k.counted {
		return nil, true
	}
	counts := pieceCounts{"": k.keys}
	for _, t := range terms {
		tc, ok := k.terms[t]
		if !ok {
			return nil, false
		}
		for p, n := range tc {
			counts[p] = n
		}
	}
	return counts, true
}

// dropsSoFar returns how many times the memo was dropped, for put.
func (m *countsMemo) dropsSoFar() int64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.drops
}

// put keeps counts (pieceCounts' answer for terms, read at version after
// drops drops) by term; a newer version drops what was kept.
func (m *countsMemo) put(version, drops int64, doc string, terms []string, counts pieceCounts) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if version < m.version || drops != m.drops {
		return
	}
	if version > m.version || m.docs == nil {
		m.version, m.docs = version, map[string]*docCounts{}
	}
	k := m.docs[doc]
	if k == nil || k.n >= countsMemoCounts {
		k = &docCounts{terms: map[string]pieceCounts{}}
		m.docs[doc] = k
	}
	k.counted, k.keys = counts != nil, counts[""]
	if counts == nil {
		return
	}
	for _, t := range terms {
		tc := pieceCounts{}
		pieces := termPieces(t)
		if pieces == nil {
			tc[t+"*"] = counts[t+"*"]
		}
		for _, p := range pieces {
			tc[p] = counts[p]
		}
		if _, ok := k.terms[t]; !ok {
			k.terms[t], k.n = tc, k.n+len(tc)
		}
	}
}

// drop drops what m keeps (the pieces were counted again).
func (m *countsMemo) drop() {
	m.mu.Lock()
	m.docs = nil
	m.drops++
	m.mu.Unlock()
}
