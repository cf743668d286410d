package web

import (
	"slices"
	"strings"
	"sync"

	"github.com/ruydad/ruydad/views"
)

// searchCacheSize is how many searches' results the server keeps: the
// first pages alone are kept (handleSearch), 20 events and 20 articles
// with their excerpts, 30 KB at most, so 15 MB at most in all.
const searchCacheSize = 512

// A searchCache keeps what the last searches found (as the page shows
// it) for as long as the data do not change: a search asked again (the
// page reloaded, a link passed around, the searches an office makes every
// day) is answered without a turn and without the store. It holds
// searchCacheSize searches at most (the one asked for least recently goes
// first) and forgets them all when the data version changes.
type searchCache struct {
	mu      sync.Mutex
	version int64
	found   map[string]searchFound
	order   []string // the keys, the one asked for least recently first
}

// searchFound is what a search found, as its page shows it.
type searchFound struct {
	events   []views.EventChip
	articles []views.ArticleHit
	summary  string
	// moreEvents and moreArticles: there are more of each than shown.
	moreEvents, moreArticles bool
}

// searchKey names a search: its terms and whether drafts (and articles)
// were searched.
func searchKey(terms []string, drafts bool) string {
	k := "visitor"
	if drafts {
		k = "drafts"
	}
	return k + "\x00" + strings.Join(terms, "\x00")
}

// get returns what the search of key found at data version v, if kept.
func (c *searchCache) get(v int64, key string) (searchFound, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v != c.version {
		return searchFound{}, false
	}
	f, ok := c.found[key]
	if ok { // asked for again: the last to go
		i := slices.Index(c.order, key)
		c.order = append(slices.Delete(c.order, i, i+1), key)
	}
	return f, ok
}

// put keeps what the search of key found at data version v (newer than
// what is kept: the rest is forgotten).
func (c *searchCache) put(v int64, key string, f searchFound) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v < c.version {
		return
	}
	if v > c.version || c.found == nil {
		c.version, c.found, c.order = v, map[string]searchFound{}, nil
	}
	if _, ok := c.found[key]; ok {
		return
	}
	if len(c.order) == searchCacheSize {
		delete(c.found, c.order[0])
		c.order = c.order[1:]
	}
	c.found[key] = f
	c.order = append(c.order, key)
}
