package sqlite

import (
	"container/list"
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// A search reads the sets of its terms' quads: for an event search all
// the chunks of a few quads (up to 8 KB a chunk, 21 chunks at national
// size), for an article search the newest two chunks of every quad of
// its terms, then the older ones when those did not fill the page (up to
// 512 bytes a chunk). The words people search for share their quads
// («استان» in «استانداری» and «بیمارستان»), and a common quad's sets are
// the most costly to read: a tenth of a millisecond and 168 KB copied
// through the driver for an event quad. The sets read lately are kept
// here as stored, within a budget for each table, for the data version
// they were read at; the least recently used go first, and all of them
// when no search used them for quadCacheIdle.

// quadCacheBytes and articleQuadCacheBytes bound the sets kept of each
// table (vars: tests lower them), and quadCacheIdle is how long they are
// kept without a search using them: the server's memory is for the pages
// and the feeds too (at 8 MB kept for both tables through the other
// routes, the national bench's peak RSS beside a backup was 205.7 MB in
// stop 30). Each table has its budget: an event's common quad is 168 KB
// of bitmaps, and in one budget of 6 MB the events' sets pushed out the
// articles' (the words mix, one process: articles 0.93-1.04 ms a search
// with 6 MB for both, 0.85-0.86 with 4 MB each; events 0.85-0.96 and
// 0.87-0.90 ms).
var (
	quadCacheBytes        = 4 << 20
	articleQuadCacheBytes = 4 << 20
	quadCacheIdle         = 30 * time.Second
)

// A quadPart is which of a table's chunks a search reads of a quad.
type quadPart uint8

const (
	partAll    quadPart = iota // every chunk (event searches)
	partNewest                 // the newest quadNewest chunks
	partOlder                  // the chunks before those
)

// quadKey names the sets of one quad of a table, in one part of its chunks.
type quadKey struct {
	table string
	quad  uint64
	part  quadPart
}

// quadSets are a quad's sets in a part of its table's chunks, as stored:
// set i, of chunk chunks[i], is data[ends[i-1]:ends[i]].
type quadSets struct {
	key    quadKey
	chunks []int64
	ends   []int
	data   []byte
}

func (s *quadSets) set(i int) []byte {
	from := 0
	if i > 0 {
		from = s.ends[i-1]
	}
	return s.data[from:s.ends[i]]
}

func (s *quadSets) size() int { return cap(s.data) + 8*cap(s.chunks) + 8*cap(s.ends) + 64 }

// quadHead is what a table's sets' query says besides the sets: whether
// they are built, and the newest chunk.
type quadHead struct {
	built bool
	top   int64
}

// quadCache keeps quads' sets for one data version.
type quadCache struct {
	mu      sync.Mutex
	version int64
	heads   map[string]quadHead
	entries map[quadKey]*list.Element // of *quadSets
	lru     list.List                 // the most recently used first
	bytes   int
	used    time.Time   // when a search last used c
	idle    *time.Timer // empties c once it goes unused for quadCacheIdle
}

// expire empties c when no search used it for quadCacheIdle, else looks
// again when that will be so.
func (c *quadCache) expire() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if wait := quadCacheIdle - time.Since(c.used); wait > 0 {
		if c.idle != nil {
			c.idle.Reset(wait)
		}
		return
	}
	c.entries, c.heads, c.bytes, c.idle = nil, nil, 0, nil
	c.lru.Init()
}

// at empties c when version is newer than the one its sets were read at,
// and reports whether they were read at version (a search that read the
// version before a write neither empties nor fills c).
func (c *quadCache) at(version int64) bool {
	if c.entries != nil && version <= c.version {
		return version == c.version
	}
	c.version, c.heads, c.entries, c.bytes = version, map[string]quadHead{}, map[quadKey]*list.Element{}, 0
	c.lru.Init()
	return true
}

// drop empties c (tests that change the sets behind the data version).
func (c *quadCache) drop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries = nil
}

// get returns the kept sets of key at version, and t's head.
func (c *quadCache) get(version int64, key quadKey) (*quadSets, quadHead, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.at(version) {
		return nil, quadHead{}, false
	}
	e, ok := c.entries[key]
	if !ok {
		return nil, quadHead{}, false
	}
	c.used = time.Now()
	c.lru.MoveToFront(e)
	return e.Value.(*quadSets), c.heads[key.table], true
}

// put keeps sets read at version (the data version the query that read
// them saw), with their table's head, and drops the least recently used
// while they exceed budget.
func (c *quadCache) put(version int64, head quadHead, sets []*quadSets, budget int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.at(version) {
		return
	}
	c.used = time.Now()
	if c.idle == nil {
		c.idle = time.AfterFunc(quadCacheIdle, c.expire)
	}
	for _, s := range sets {
		if _, ok := c.entries[s.key]; ok || s.size() > budget/4 {
			continue
		}
		c.heads[s.key.table] = head
		c.entries[s.key] = c.lru.PushFront(s)
		c.bytes += s.size()
	}
	for c.bytes > budget {
		old := c.lru.Back()
		s := old.Value.(*quadSets)
		c.lru.Remove(old)
		delete(c.entries, s.key)
		c.bytes -= s.size()
	}
}

// quadSetsOf returns the sets of each quad of qs (in their order) in part
// of t's chunks, whether t's sets are built (when not, the sets are
// none) and t's newest chunk: those kept at the data version from the
// cache, the others read in one query and kept.
func (d *DB) quadSetsOf(ctx context.Context, t quadTable, qs []uint64, part quadPart) (sets []*quadSets, head quadHead, err error) {
	v, err := d.versions(ctx)
	if err != nil {
		return nil, head, err
	}
	cache, budget := &d.quads, quadCacheBytes
	if t == articleQuads {
		cache, budget = &d.articleQuadSets, articleQuadCacheBytes
	}
	sets = make([]*quadSets, len(qs))
	var missing []uint64
	read := map[uint64]*quadSets{}
	for i, x := range qs {
		key := quadKey{t.table, x, part}
		if s, h, ok := cache.get(v.n, key); ok {
			sets[i], head = s, h
			continue
		}
		if read[x] == nil {
			read[x] = &quadSets{key: key}
			missing = append(missing, x)
		}
	}
	if len(missing) == 0 {
		return sets, head, nil
	}
	args := []any{quadNewest}
	for _, x := range missing {
		args = append(args, int64(x))
	}
	d.quadSetReads.Add(1)
	rows, err := d.queryKept(ctx, len(missing) <= keptQuads, quadSetsSQL(t, len(missing), part), args...)
	if err != nil {
		return nil, head, err
	}
	defer rows.Close()
	var readAt int64 // the data version the sets were read at
	for rows.Next() {
		var b sql.NullBool
		var top, x sql.NullInt64
		var c int64
		var set sql.RawBytes
		if err := rows.Scan(&b, &top, &x, &c, &set); err != nil {
			return nil, head, err
		}
		if c < 0 {
			head, readAt = quadHead{built: b.Bool, top: top.Int64}, x.Int64
			continue
		}
		s := read[uint64(x.Int64)]
		s.chunks = append(s.chunks, c)
		s.data = append(s.data, set...)
		s.ends = append(s.ends, len(s.data))
	}
	if err := rows.Err(); err != nil {
		return nil, head, err
	}
	if !head.built {
		return nil, head, nil
	}
	kept := make([]*quadSets, 0, len(missing))
	for _, x := range missing {
		s := read[x]
		s.chunks, s.ends, s.data = slices.Clip(s.chunks), slices.Clip(s.ends), slices.Clip(s.data)
		kept = append(kept, s)
	}
	cache.put(readAt, head, kept, budget)
	for i, x := range qs {
		if sets[i] == nil {
			sets[i] = read[x]
		}
	}
	return sets, head, nil
}

// quadSetsSQL returns quadSetsOf's query of the sets of n quads (?2 on)
// of t in part of its chunks (the newest ?1, or those before). A first
// row (chunk -1) brings built, the newest chunk and the data version the
// query reads (a write moves it in the transaction that changes the
// sets), then the sets' rows
// follow as they are read: the chunks are a range of each quad's primary
// key, and no compound SELECT is in a FROM clause (SQLite copies one
// whole into a temporary table first, the sets with it).
func quadSetsSQL(t quadTable, n int, part quadPart) string {
	top := `(SELECT coalesce(max(ref_id), 0) >> ` + strconv.Itoa(t.bits) + ` FROM search_index WHERE doc = '` + t.doc + `')`
	within := ""
	switch part {
	case partNewest:
		within = ` AND chunk > ` + top + ` - ?1`
	case partOlder:
		within = ` AND chunk <= ` + top + ` - ?1`
	}
	return `SELECT (SELECT built FROM ` + t.state + `), ` + top + `, (SELECT n FROM data_version WHERE id = 1), -1, NULL UNION ALL
SELECT NULL, NULL, quad, chunk, ids FROM ` + t.table + ` WHERE quad IN (?2` + strings.Repeat(", ?", n-1) + `)` + within
}
