package sqlite

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"maps"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/ruydad/ruydad/internal/domain"
)

// The runs of four characters of the search keys (quads) and of three
// (trigrams), and which rows hold each: the articles' (migration 0027's
// article_quads) and the events' (0030's event_quads). An article is
// found by ANDing the sets of its terms' quads, newest first, and
// checking the few keys found; an event search whose terms' quads few
// events hold all of reads their keys alone (eventsByQuads). FTS4's
// pieces of three characters (0017) serve the other searches.
//
// A quad packs four characters of the Basic Multilingual Plane, 16 bits
// each, the first highest (a run holding a character beyond it is not
// indexed, and not asked for: a search only asks for quads a row's runs
// could have given); a trigram packs three and U+0001. A set is cut in
// chunks of ids (a table's chunkIDs), each stored as a sorted array of the
// ids' low bits (two bytes each, little-endian) when fewer than
// arrayMax+1, else as a bitmap of bitmapLen bytes.
const (
	quadLen       = 4
	quadChunkBits = 12
	quadChunkIDs  = 1 << quadChunkBits
	quadBitmap    = quadChunkIDs / 8
	quadArrayMax  = quadBitmap/2 - 1
)

// A quadTable is a table of the quads' sets of one kind of row.
type quadTable struct {
	table, state string // the sets, and the row that says they are built
	doc          string // the rows' kind in search_index
	bits         int    // a chunk holds 2^bits ids
}

var (
	// An article's key runs to kilobytes (about 2,400 quads): its sets
	// are dense, and a search reads the newest chunks first.
	articleQuads = quadTable{table: "article_quads", state: "article_quads_state", doc: "article", bits: quadChunkBits}
	// An event's key is about 180 characters: chunks of 65,536 events
	// keep the sets a search reads (all of them) to tens of rows.
	eventQuads = quadTable{table: "event_quads", state: "event_quads_state", doc: "event", bits: 16}
)

// quadTables are both tables, as builds walk them.
var quadTables = []quadTable{articleQuads, eventQuads}

func (t quadTable) chunkIDs() int  { return 1 << t.bits }
func (t quadTable) bitmapLen() int { return t.chunkIDs() / 8 }
func (t quadTable) arrayMax() int  { return t.bitmapLen()/2 - 1 }
func (t quadTable) words() int     { return t.chunkIDs() / 64 }
func (t quadTable) low(id int64) uint16 {
	return uint16(id & int64(t.chunkIDs()-1))
}

// quadTableOf returns the table of chunks of 2^bits ids.
func quadTableOf(bits int64) (quadTable, bool) {
	for _, t := range quadTables {
		if int64(t.bits) == bits {
			return t, true
		}
	}
	return quadTable{}, false
}

// quadsOf appends the distinct quads of key (a search key) to out, sorted:
// its runs of four characters, and of three (trigram).
func quadsOf(key string, out []uint64) []uint64 {
	from := len(out)
	var q uint64
	n := 0 // characters in q that may form a run
	for _, r := range key {
		if r > 0xFFFF {
			n = 0
			continue
		}
		q = q<<16 | uint64(r)
		n++
		if n >= quadLen {
			out = append(out, q)
		}
		if n >= quadLen-1 {
			out = append(out, trigram(q))
		}
	}
	slices.Sort(out[from:])
	return append(out[:from], slices.Compact(out[from:])...)
}

// trigram is the quad that stands for the three characters last in q (a
// run of three anywhere in a key): the three, then U+0001, which no key
// holds (persian.SearchKey keeps letters and digits).
func trigram(q uint64) uint64 { return (q&(1<<48-1))<<16 | 1 }

// termQuads returns the quads that a key holding every term (search keys)
// must hold, sorted and distinct: a term of quadLen characters or more
// its runs of four, one of three its trigram, a shorter one none.
func termQuads(terms []string) []uint64 {
	var qs []uint64
	for _, t := range terms {
		qs = append(qs, quadsOfTerm(t)...)
	}
	slices.Sort(qs)
	return slices.Compact(qs)
}

// quadsOfTerm returns the quads a key holding term must hold (see
// termQuads), sorted.
func quadsOfTerm(term string) []uint64 {
	switch n := utf8.RuneCountInString(term); {
	case n >= quadLen:
		return slices.DeleteFunc(quadsOf(term, nil), func(x uint64) bool { return x&0xFFFF == 1 })
	case n == quadLen-1:
		if x := quadsOf(term, nil); len(x) == 1 {
			return x
		}
	}
	return nil
}

// quadSet encodes sorted distinct low bits of ids as a chunk's set of t.
func quadSet(t quadTable, lows []uint16) []byte {
	if len(lows) > t.arrayMax() {
		b := make([]byte, t.bitmapLen())
		for _, l := range lows {
			b[l>>3] |= 1 << (l & 7)
		}
		return b
	}
	b := make([]byte, 2*len(lows))
	for i, l := range lows {
		binary.LittleEndian.PutUint16(b[2*i:], l)
	}
	return b
}

// quadArgs checks the arguments of quad_union: a set (a blob, or NULL
// for none) of the table of chunks of 2^bits ids.
func quadArgs(set any, bits int64) (quadTable, []byte, error) {
	t, ok := quadTableOf(bits)
	if !ok {
		return t, nil, fmt.Errorf("quad_union: no sets of chunks of 2^%d ids", bits)
	}
	var b []byte
	switch s := set.(type) {
	case nil:
	case []byte:
		b = s
	default:
		return t, nil, fmt.Errorf("quad_union: a set is a blob, not %T", set)
	}
	if len(b) != t.bitmapLen() && (len(b)%2 != 0 || len(b)/2 > t.arrayMax()) {
		return t, nil, fmt.Errorf("quad_union: a set of %d bytes", len(b))
	}
	return t, b, nil
}

// quadBits sets into (a chunk's words) the bits of set (the chunk's).
func quadBits(set []byte, into []uint64) {
	if len(set) == 8*len(into) {
		for i := range into {
			into[i] = binary.LittleEndian.Uint64(set[8*i:])
		}
		return
	}
	clear(into)
	for i := 0; i+1 < len(set); i += 2 {
		l := binary.LittleEndian.Uint16(set[i:])
		into[l>>6] |= 1 << (l & 63)
	}
}

// quadAnd keeps in and (a chunk's words) only the bits of set (the
// chunk's), in one pass: a bitmap's words ANDed as they are read, an
// array's ids (sorted) gathered a word at a time.
func quadAnd(set []byte, and []uint64) {
	if len(set) == 8*len(and) {
		for i := range and {
			and[i] &= binary.LittleEndian.Uint64(set[8*i:])
		}
		return
	}
	w, mask := 0, uint64(0)
	for i := 0; i+1 < len(set); i += 2 {
		l := binary.LittleEndian.Uint16(set[i:])
		for ; int(l>>6) > w; w++ {
			and[w] &= mask
			mask = 0
		}
		mask |= 1 << (l & 63)
	}
	for ; w < len(and); w++ {
		and[w] &= mask
		mask = 0
	}
}

// addQuads adds the row id of t, of search key key, to its quads' sets:
// in a transaction of inTx at its end (see quadAdds), in a bulk fill not
// at all (its sets are built at its end), else at once.
func addQuads(ctx context.Context, q querier, t quadTable, id int64, key string) error {
	if adds := txAdds(q); adds != nil {
		return adds.add(ctx, q, t, id, key)
	}
	if _, bulk := q.(*Bulk); bulk {
		return nil
	}
	adds := quadAdds{}
	if err := adds.add(ctx, q, t, id, key); err != nil {
		return err
	}
	return adds.flush(ctx, q)
}

// quadAdds are what a write transaction adds to the quads' sets, by
// table. A transaction of inTx writes each set it changes once, at its
// end (flush), not once a row: an import of 3,000 events rewrote the sets
// of their 300 runs each 3,000 times, some kilobytes each.
type quadAdds map[quadTable]*pendingSets

// pendingSets are the low bits of the ids added to each set of a table
// (by quad and chunk), or off: its sets are not built, and not added to.
type pendingSets struct {
	off  bool
	sets map[[2]int64][]uint16
	n    int // ids noted
}

// quadAddsMax is how many ids a transaction notes for a table's sets
// before it writes them (and notes anew): a load of 2,000 articles notes
// some 5 million, a hundred megabytes and more in maps (a var: tests
// lower it).
var quadAddsMax = 1 << 20

// pendingAdds holds the quadAdds of each transaction of inTx under way,
// by its *sql.Tx.
var pendingAdds sync.Map

// txAdds returns the quadAdds of q's transaction, or nil when q is not a
// transaction of inTx.
func txAdds(q querier) quadAdds {
	if tx, ok := q.(*sql.Tx); ok {
		if adds, ok := pendingAdds.Load(tx); ok {
			return adds.(quadAdds)
		}
	}
	return nil
}

// add notes the row id of t, of search key key, for its quads' sets,
// unless t's sets are not built (asked once a transaction).
func (a quadAdds) add(ctx context.Context, q querier, t quadTable, id int64, key string) error {
	p := a[t]
	if p == nil {
		var built bool
		if err := q.QueryRowContext(ctx, `SELECT built FROM `+t.state).Scan(&built); err != nil {
			return err
		}
		p = &pendingSets{off: !built, sets: map[[2]int64][]uint16{}}
		a[t] = p
	}
	if p.off {
		return nil
	}
	for _, x := range quadsOf(key, nil) {
		k := [2]int64{int64(x), id >> t.bits}
		p.sets[k] = append(p.sets[k], t.low(id))
		p.n++
	}
	if p.n < quadAddsMax {
		return nil
	}
	err := quadAdds{t: p}.flush(ctx, q)
	p.sets, p.n = map[[2]int64][]uint16{}, 0
	return err
}

// stop drops what a holds for t and notes no more: its sets are to be
// built whole.
func (a quadAdds) stop(t quadTable) { a[t] = &pendingSets{off: true} }

// flush writes the sets a changes, but for a table whose sets are not
// built (its build reads every key).
func (a quadAdds) flush(ctx context.Context, q querier) error {
	for _, t := range quadTables {
		p := a[t]
		if p == nil || p.off || len(p.sets) == 0 {
			continue
		}
		var built bool
		if err := q.QueryRowContext(ctx, `SELECT built FROM `+t.state).Scan(&built); err != nil {
			return err
		}
		if !built {
			continue // the build reads every key
		}
		keys := slices.SortedFunc(maps.Keys(p.sets), func(a, b [2]int64) int {
			return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
		})
		bits := strconv.Itoa(t.bits)
		for len(keys) > 0 {
			n := min(len(keys), quadInsertRows)
			args := make([]any, 0, 3*n)
			for _, k := range keys[:n] {
				lows := p.sets[k]
				slices.Sort(lows)
				args = append(args, k[0], k[1], quadSet(t, slices.Compact(lows)))
			}
			_, err := q.ExecContext(ctx, `INSERT INTO `+t.table+` (quad, chunk, ids) VALUES (?, ?, ?)`+strings.Repeat(", (?, ?, ?)", n-1)+`
ON CONFLICT (quad, chunk) DO UPDATE SET ids = quad_union(ids, excluded.ids, `+bits+`)
WHERE quad_union(ids, excluded.ids, `+bits+`) IS NOT ids`, args...)
			if err != nil {
				return fmt.Errorf("%s: %w", t.table, err)
			}
			keys = keys[n:]
		}
	}
	return nil
}

// quadUnion returns the set (of t) of the ids of both a and b.
func quadUnion(t quadTable, a, b []byte) []byte {
	words, other := make([]uint64, t.words()), make([]uint64, t.words())
	quadBits(a, words)
	quadBits(b, other)
	var lows []uint16
	for w := range words {
		words[w] |= other[w]
		for word := words[w]; word != 0; word &= word - 1 {
			lows = append(lows, uint16(w*64+bits.TrailingZeros64(word)))
		}
	}
	return quadSet(t, lows)
}

// quadUnionSQL is the SQL function quad_union(a, b, bits): the set of the
// ids of the sets a and b (of the table of chunks of 2^bits ids).
func quadUnionSQL(a, b any, bits int64) ([]byte, error) {
	t, x, err := quadArgs(a, bits)
	if err != nil {
		return nil, err
	}
	_, y, err := quadArgs(b, bits)
	if err != nil {
		return nil, err
	}
	return quadUnion(t, x, y), nil
}

// buildQuads fills the sets of both tables from every key (see
// buildQuadTable).
func buildQuads(ctx context.Context, q querier) error {
	for _, t := range quadTables {
		if err := buildQuadTable(ctx, q, t); err != nil {
			return err
		}
	}
	return nil
}

// buildQuadTable fills t from every key of its rows, a chunk of ids at a
// time (one chunk's sets in memory: the runs of 4,096 articles, some
// 2,400 each at national size, or of 65,536 events, some 300 each), and
// marks the sets built.
func buildQuadTable(ctx context.Context, q querier, t quadTable) error {
	if _, err := q.ExecContext(ctx, `DELETE FROM `+t.table); err != nil {
		return fmt.Errorf("build %s: %w", t.table, err)
	}
	var last sql.NullInt64
	if err := q.QueryRowContext(ctx, `SELECT max(ref_id) FROM search_index WHERE doc = ?`, t.doc).Scan(&last); err != nil {
		return fmt.Errorf("build %s: %w", t.table, err)
	}
	for chunk := int64(0); last.Valid && chunk <= last.Int64>>t.bits; chunk++ {
		if err := buildChunk(ctx, q, t, chunk); err != nil {
			return fmt.Errorf("build %s: chunk %d: %w", t.table, chunk, err)
		}
	}
	_, err := q.ExecContext(ctx, `UPDATE `+t.state+` SET built = 1`)
	return err
}

// buildChunk writes the sets of one chunk of ids of t.
func buildChunk(ctx context.Context, q querier, t quadTable, chunk int64) error {
	rows, err := q.QueryContext(ctx, `SELECT ref_id, key FROM search_index WHERE doc = ? AND ref_id >= ? AND ref_id < ?
ORDER BY ref_id`, t.doc, chunk<<t.bits, (chunk+1)<<t.bits)
	if err != nil {
		return err
	}
	sets := map[uint64][]uint16{}
	var qs []uint64
	for rows.Next() {
		var id int64
		var key string
		if err := rows.Scan(&id, &key); err != nil {
			rows.Close()
			return err
		}
		low := t.low(id)
		qs = quadsOf(key, qs[:0])
		for _, x := range qs {
			sets[x] = append(sets[x], low) // ids ascending: each set sorted
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(sets) == 0 {
		return nil
	}
	keys := make([]uint64, 0, len(sets))
	for x := range sets {
		keys = append(keys, x)
	}
	// In the table's order (quad as a signed integer), so that the B-tree
	// takes them in runs.
	slices.SortFunc(keys, func(a, b uint64) int { return cmp.Compare(int64(a), int64(b)) })
	// Many rows a statement: fewer calls into SQLite.
	for len(keys) > 0 {
		n := min(len(keys), quadInsertRows)
		args := make([]any, 0, 3*n)
		for _, x := range keys[:n] {
			args = append(args, int64(x), chunk, quadSet(t, sets[x]))
		}
		_, err := q.ExecContext(ctx, `INSERT INTO `+t.table+` (quad, chunk, ids) VALUES (?, ?, ?)`+
			strings.Repeat(", (?, ?, ?)", n-1), args...)
		if err != nil {
			return err
		}
		keys = keys[n:]
	}
	return nil
}

// quadInsertRows is how many rows of a table of sets one statement of a
// build writes.
const quadInsertRows = 256

// ensureQuads builds the sets of a table unless they are built (a
// database from before its migration, or a bulk fill or load that did not
// finish).
func (d *DB) ensureQuads(ctx context.Context) error {
	for _, t := range quadTables {
		var built bool
		if err := d.w.QueryRowContext(ctx, `SELECT built FROM `+t.state).Scan(&built); err != nil {
			return err
		}
		if built {
			continue
		}
		if err := d.inTx(ctx, func(tx *sql.Tx) error { return buildQuadTable(ctx, tx, t) }); err != nil {
			return err
		}
	}
	return nil
}

// quadBatch is how many candidates a search checks at first in one query
// (then four times as many each time, up to quadBatchMax): a query of
// common words finds its page among its first candidates.
const (
	quadBatch    = 64
	quadBatchMax = 4096
)

// quadNewest is how many of the newest chunks a search reads the sets of
// first (about 8,000 articles at national size): a page of common words
// is there, and the sets of all 74 chunks of its quads were a third of
// its time.
const quadNewest = 2

// articlesByQuads returns the articles (at most limit, newest first) whose
// key holds every term, found by the sets of their quads, or ok false when
// the sets cannot serve: no term of three characters or more, or the sets
// not built. The newest chunks' sets are read first, then, unless their
// candidates gave the page, the others'.
func (d *DB) articlesByQuads(ctx context.Context, terms []string, limit int) (hits []articleHit, ok bool, err error) {
	qs := termQuads(terms)
	if len(qs) == 0 {
		return nil, false, nil
	}
	s := quadSearch{d: d, terms: terms, limit: limit, batch: quadBatch}
	chunks, top, built, err := d.andSets(ctx, articleQuads, qs, true)
	if err != nil || !built {
		return nil, false, err
	}
	d.quadSearches.Add(1)
	if err := s.walk(ctx, chunks); err != nil || len(s.hits) == limit || top < quadNewest {
		return s.hits, err == nil, err
	}
	if chunks, _, _, err = d.andSets(ctx, articleQuads, qs, false); err != nil {
		return nil, false, err
	}
	for c := range chunks {
		if c > top-quadNewest {
			delete(chunks, c) // a write between the two moved the newest chunk on: the first read it
		}
	}
	err = s.walk(ctx, chunks)
	return s.hits, err == nil, err
}

// eventQuadFew is how many events at most an event search may read the
// ranks of when the sets of its terms' quads leave them and the ranks are
// not held (see eventsByQuads): a rank is read in about 2 µs, and FTS4
// finds a page of words that often meet in a few milliseconds, newest
// first, where the ranks of all the events holding them would have to be
// read; with the ranks held, it is how many events left a search checks
// all of however few hold the terms (see eventsByRanks) (a var: tests
// lower it).
var eventQuadFew int64 = 512

// eventQuadSpread is how many times eventQuadFew the events left by the
// rarest quad of each term may be for the search to read the other
// quads: those of one word are most often found together, and rarely
// narrow further by more than that.
const eventQuadSpread = 2

// The costs an event search by the quads' sets weighs (see worthReading),
// in nanoseconds at national size: a quad's sets read (a query, a look in
// each chunk, then two bytes or a bit an event, up to 8 KB a chunk)
// against a key checked.
const (
	quadReadCost    = 250_000
	quadEntryCost   = 2
	quadEntriesCost = 250_000
	keyCheckCost    = 16_000
)

// worthReading reports whether ANDing the sets of a quad that est keys at
// most hold likely costs less than checking the keys it would rule out, n
// events being left: a quarter of them, say (the rarest quad of each term
// read, most of the events left hold the terms).
func worthReading(est, n int64) bool {
	return quadReadCost+min(est*quadEntryCost, quadEntriesCost) < n*keyCheckCost/4
}

// eventsByQuads returns the events of statuses (at most limit, newest
// first) whose key holds every term, when the sets of their quads serve:
// some term has three characters or more and the sets are built. It ANDs
// the sets of the quads one at a time (eventQuadsLeft): first the rarest
// of each term (by counts, the pieces' of three characters, a quad being
// as rare as its rarer two), then, rarest first, the others whose sets
// cost less to read than the keys they may rule out cost to check, while
// they narrow. With the events' ranks held (eventRanks), it checks the
// newest events left a batch at a time until the page is full
// (eventsByRanks), however many were left; without them, when at most
// eventQuadFew are left, it reads their ranks and does the same. Else it
// reports ok false, with how many events likely hold the terms when every
// term has quads (many: those the sets left, or as many as the checks
// found holding them; else 0).
//
// A search of words that rarely meet is where FTS4's lists serve worst:
// it reads each asked piece's whole list, then checks the keys holding
// one piece of each word, most of which do not hold the words («کرمان
// همدان»: 3,048 keys checked for 3 events, 28 ms; «تبریز مدیرکل»: 1,837
// for none). A word's quads together are rarer than its rarest piece, and
// ANDed with another word's they leave the events holding both, or few
// more. The common quads are read last, when at all: their sets are
// bitmaps of 8 KB a chunk (every «استان» holds «ستان»).
func (d *DB) eventsByQuads(ctx context.Context, terms []string, counts pieceCounts, limit int, statuses string) (evs []domain.Event, many int64, ok bool, err error) {
	v, err := d.versions(ctx)
	if err != nil {
		return nil, 0, false, err
	}
	held, err := d.eventRanksAt(ctx, v.ranks)
	if err != nil {
		return nil, 0, false, err
	}
	// With the ranks held, a search checks the newest events left a batch
	// at a time, most often one batch of twice limit (eventsByRanks), not
	// every event left: a quad's sets are read when they may rule out
	// enough of those, which after the rarest quad of each term they
	// seldom do (words that rarely meet too: «کرمان همدان» 0.39 ms a search
	// so, 0.45 ms with the other quads read).
	checks := int64(math.MaxInt64)
	if held {
		checks = 2 * int64(limit)
	}
	left, ok, err := d.eventQuadsLeft(ctx, terms, counts, checks)
	if err != nil || !ok {
		return nil, 0, false, err
	}
	// Twice at most: a write that moves a rank while the search checks
	// (another process's, seen late) has the ranks caught up and the
	// search made again.
	for try := 0; left.n > 0 && held && try < 2; try++ {
		evs, served, holding, moved, err := d.eventsByRanks(ctx, &left, terms, limit, statuses)
		switch {
		case err != nil:
			return nil, 0, false, err
		case moved != 0:
			d.eventRankRetries.Add(1)
			if held, err = d.eventRanksAt(ctx, moved); err != nil {
				return nil, 0, false, err
			}
			continue
		case !served:
			return nil, manyLeft(terms, holding), false, nil
		}
		d.eventQuadSearches.Add(1)
		d.eventRankSearches.Add(1)
		return evs, 0, true, nil
	}
	if left.n > eventQuadFew {
		return nil, manyLeft(terms, left.n), false, nil
	}
	d.eventQuadSearches.Add(1)
	if left.n == 0 {
		return nil, 0, true, nil
	}
	ids := left.ids(eventQuads)
	slices.Sort(ids) // their ranks read in the index's order
	rows, err := d.queryKept(ctx, true, `SELECT s.rank FROM json_each(?) j
CROSS JOIN search_index s INDEXED BY search_index_event_ranks ON s.doc = 'event' AND s.ref_id = j.value`, jsonInts(ids))
	if err != nil {
		return nil, 0, false, err
	}
	ranks, err := scanColumn[int64](rows)
	if err != nil {
		return nil, 0, false, err
	}
	// The keys are checked newest first, a batch at a time, until the
	// page is full: the events left mostly hold the terms.
	slices.SortFunc(ranks, func(a, b int64) int { return cmp.Compare(b, a) })
	for batch := 2 * limit; len(ranks) > 0 && len(evs) < limit; batch *= 4 {
		n := min(batch, len(ranks))
		args := append(append([]any{jsonInts(ranks[:n])}, termArgs(terms)...), limit-len(evs))
		found, err := d.queryResultsKept(ctx, len(terms) <= keptTerms, eventQuadSQL(statuses, len(terms)), args...)
		if err != nil {
			return nil, 0, false, err
		}
		evs, ranks = append(evs, found...), ranks[n:]
	}
	return evs, 0, true, nil
}

// manyLeft is eventsByQuads' count of the events the sets left (n) when
// they do not serve a search: n, or 0 when a term is too short to have
// quads (the sets did not count it).
func manyLeft(terms []string, n int64) int64 {
	if slices.ContainsFunc(terms, func(t string) bool { return len(quadsOfTerm(t)) == 0 }) {
		return 0
	}
	return n
}

// eventRankChecks is how many of the events the sets leave a search
// checks at most by the ranks held (eventsByRanks) before it takes the
// other paths: when every term has quads, the events left mostly hold
// the terms, and the first batch fills the page; a term too short to have
// quads may be in few of them.
const eventRankChecks = 1024

// eventsByRanks returns the events of statuses (at most limit, newest
// first) among those l holds whose key holds every term, by the ranks
// held (see eventRanks): the newest events left, twice limit of them,
// then four times as many each time, are checked until the page is full
// or every event left was. It reports served false when the ranks were
// dropped meanwhile, or when more than eventQuadFew events were left and
// the checks found too few holding the terms to fill the page within
// eventRankChecks (none in a batch, or fewer than the rate needs), with
// how many of those left likely hold the terms at the rate found
// (holding). It reports moved, the log's last entry, when a write moved
// a rank while it searched: a key is found by its rank, and an event
// whose rank the ranks held do not have yet (another process's write,
// seen up to versionTTL late) would be missed; the caller catches up and
// searches again.
func (d *DB) eventsByRanks(ctx context.Context, l *quadLeft, terms []string, limit int, statuses string) (evs []domain.Event, served bool, holding, moved int64, err error) {
	below, checked, seq := int64(math.MaxInt64), 0, int64(-1)
	for batch := 2 * limit; len(evs) < limit; batch *= 4 {
		n := min(batch, eventRankChecks-checked)
		if n <= 0 {
			return nil, false, l.n * int64(len(evs)) / int64(max(checked, 1)), 0, nil
		}
		ranks, at, ok := d.newestRanks(l, eventQuads, below, n)
		if !ok || seq >= 0 && at != seq {
			return nil, false, l.n, 0, nil // dropped, or caught up between two batches
		}
		if seq = at; len(ranks) == 0 {
			break
		}
		checked, below = checked+len(ranks), ranks[len(ranks)-1]
		args := append(append([]any{jsonInts(ranks)}, termArgs(terms)...), limit-len(evs))
		found, err := d.queryResultsKept(ctx, len(terms) <= keptTerms, eventQuadSQL(statuses, len(terms)), args...)
		if err != nil {
			return nil, false, 0, 0, err
		}
		evs = append(evs, found...)
		if len(ranks) < n || int64(checked) >= l.n {
			break // every event left was checked
		}
		// Many events left, few of those checked holding the terms (a
		// term too short to have quads, or words whose quads met
		// elsewhere in the keys): when the page would take more checks
		// than eventRankChecks at this rate, the other paths serve.
		if need := int64(limit-len(evs)) * int64(checked) / max(int64(len(evs)), 1); len(evs) < limit &&
			l.n > eventQuadFew && (len(evs) == 0 || int64(checked)+need > eventRankChecks) {
			return nil, false, l.n * int64(len(evs)) / int64(checked), 0, nil
		}
	}
	// The keys were found by the ranks as of the log's entry seq: when
	// the log's end has not moved since, every query above read those
	// ranks (each read a snapshot between the two).
	now, err := d.rankLogEnd(ctx)
	if err != nil {
		return nil, false, 0, 0, err
	}
	if seq >= 0 && now != seq {
		return nil, false, 0, now, nil
	}
	return evs, true, 0, 0, nil
}

// eventQuadsLeft returns the events that the sets of terms' quads leave
// (see eventsByQuads), or ok false when no term has quads or the sets are
// not built. After the rarest quad of each term, a quad's sets are read
// when they likely cost less than checking the keys they may rule out,
// of the events left or checks of them at most (the keys the search
// would check).
func (d *DB) eventQuadsLeft(ctx context.Context, terms []string, counts pieceCounts, checks int64) (left quadLeft, ok bool, err error) {
	order, rarest := quadOrder(terms, counts)
	if len(order) == 0 {
		return left, false, nil
	}
	for i, x := range order {
		if i == rarest && left.n > eventQuadSpread*eventQuadFew {
			break
		}
		if i >= rarest && !worthReading(x.est, min(left.n, checks)) {
			continue
		}
		before := left.n
		built, err := left.and(ctx, d, eventQuads, x.x, i == 0)
		if err != nil || !built {
			return left, false, err
		}
		if left.n == 0 || i >= rarest && left.n*10 > before*9 {
			break // nothing left, or the other quads narrow no more
		}
	}
	return left, true, nil
}

// eventQuadSQL returns the query of the events of statuses among those of
// a JSON array of ranks, newest first, whose key holds n terms, in the
// array's order (json_each, the outer loop, walks it in order), at most ?
// (the last argument): each key read by its rank (search_index_event_keys)
// and checked before the event's row is read, and nothing sorted, so that
// the rows stop at the limit (an ORDER BY read the row of every event the
// keys held first, 42 for a page of 21).
func eventQuadSQL(statuses string, n int) string {
	return `SELECT ` + prefixed("e.", eventResults.list) + ` FROM json_each(?) j
CROSS JOIN search_index s INDEXED BY search_index_event_keys ON s.doc = 'event' AND s.rank = j.value
CROSS JOIN events e ON e.id = s.ref_id
WHERE ` + statuses + holdsAll("s.key", n) + limitArg
}

// An estQuad is a quad and how many keys at most hold it (see
// quadEstimate).
type estQuad struct {
	x   uint64
	est int64
}

// quadOrder returns the quads of terms in the order a search ANDs their
// sets (see eventsByQuads): the rarest of each term that has quads, by
// counts, then the others, rarest first; and how many come first.
func quadOrder(terms []string, counts pieceCounts) (order []estQuad, first int) {
	var rest []estQuad
	seen := map[uint64]bool{}
	for _, term := range terms {
		var qs []estQuad
		for _, x := range quadsOfTerm(term) {
			if !seen[x] {
				seen[x] = true
				qs = append(qs, estQuad{x, quadEstimate(x, counts)})
			}
		}
		if len(qs) == 0 {
			continue
		}
		slices.SortStableFunc(qs, func(a, b estQuad) int { return cmp.Compare(a.est, b.est) })
		order, rest = append(order, qs[0]), append(rest, qs[1:]...)
	}
	first = len(order)
	slices.SortStableFunc(rest, func(a, b estQuad) int { return cmp.Compare(a.est, b.est) })
	return append(order, rest...), first
}

// quadEstimate returns how many keys at most hold quad x by counts (the
// pieces' of three characters): its rarer piece's, or its own for a
// trigram; 0 without counts.
func quadEstimate(x uint64, counts pieceCounts) int64 {
	if x&0xFFFF == 1 {
		return counts[quadText(x>>16, 3)]
	}
	s := []rune(quadText(x, 4))
	return min(counts[string(s[:3])], counts[string(s[1:])])
}

// quadText returns the n characters packed in x, 16 bits each, the first
// highest.
func quadText(x uint64, n int) string {
	r := make([]rune, n)
	for i := range n {
		r[n-1-i] = rune(x >> (16 * i) & 0xFFFF)
	}
	return string(r)
}

// quadLeft is what ANDing sets leaves: by chunk, the bits of the ids in
// every set read, and how many they are.
type quadLeft struct {
	chunks map[int64][]uint64
	n      int64
	quads  int // how many quads' sets were ANDed (tests)
}

// and ANDs the sets of quad x of t (takes them all when first) into l,
// and reports whether t's sets are built (when not, l is to be dropped).
func (l *quadLeft) and(ctx context.Context, d *DB, t quadTable, x uint64, first bool) (built bool, err error) {
	sets, head, err := d.quadSetsOf(ctx, t, []uint64{x}, partAll)
	if err != nil || !head.built {
		return false, err
	}
	if first {
		l.chunks = map[int64][]uint64{}
	}
	andInto(l.chunks, sets[0], first, t.words())
	l.n, l.quads = 0, l.quads+1
	for c, and := range l.chunks {
		n := 0
		for _, w := range and {
			n += bits.OnesCount64(w)
		}
		if n == 0 {
			delete(l.chunks, c) // the next sets' chunks of it are not read
		}
		l.n += int64(n)
	}
	return true, nil
}

// ids returns the ids l holds (chunks of t).
func (l *quadLeft) ids(t quadTable) []int64 {
	ids := make([]int64, 0, l.n)
	for c, and := range l.chunks {
		ids = appendIDs(ids, t, c, and)
	}
	return ids
}

// andSets returns, by chunk, the ids of t that the sets of every quad of
// qs hold, in the newest quadNewest chunks (newest; top is the newest
// chunk) or in the chunks before those, and whether the sets are built.
func (d *DB) andSets(ctx context.Context, t quadTable, qs []uint64, newest bool) (chunks map[int64][]uint64, top int64, built bool, err error) {
	part := partOlder
	if newest {
		part = partNewest
	}
	sets, head, err := d.quadSetsOf(ctx, t, qs, part)
	if err != nil || !head.built {
		return nil, head.top, false, err
	}
	chunks = map[int64][]uint64{}
	for i, s := range sets {
		andInto(chunks, s, i == 0, t.words())
	}
	return chunks, head.top, true, nil
}

// andInto ANDs a quad's sets into chunks (the words of each chunk, words
// a chunk), or takes them as they are when first, and drops the chunks
// the sets have none of: no id of them holds the quad.
func andInto(chunks map[int64][]uint64, s *quadSets, first bool, words int) {
	met := 0
	for i, c := range s.chunks {
		if first {
			and := make([]uint64, words)
			quadBits(s.set(i), and)
			chunks[c] = and
		} else if and, ok := chunks[c]; ok {
			quadAnd(s.set(i), and)
			met++
		}
	}
	if !first && met < len(chunks) {
		for c := range chunks {
			if !slices.Contains(s.chunks, c) {
				delete(chunks, c)
			}
		}
	}
}

// A quadSearch is an article search by the quads' sets.
type quadSearch struct {
	d     *DB
	terms []string
	limit int
	batch int // how many candidates the next check takes at least
	cand  []int64
	hits  []articleHit
}

// walk adds to the hits the articles of chunks (andSets') whose keys hold
// every term, newest first, until the page is full.
func (s *quadSearch) walk(ctx context.Context, chunks map[int64][]uint64) error {
	cs := slices.Sorted(maps.Keys(chunks))
	for i := len(cs) - 1; i >= 0 && len(s.hits) < s.limit; i-- {
		s.cand = appendIDs(s.cand, articleQuads, cs[i], chunks[cs[i]])
		if len(s.cand) >= s.batch || i == 0 {
			if err := s.check(ctx); err != nil {
				return err
			}
		}
	}
	return nil
}

// appendIDs appends the ids of chunk c of t whose bits and holds, the
// highest first.
func appendIDs(ids []int64, t quadTable, c int64, and []uint64) []int64 {
	for w := len(and) - 1; w >= 0; w-- {
		for word := and[w]; word != 0; {
			b := 63 - bits.LeadingZeros64(word)
			word &^= 1 << b
			ids = append(ids, c<<t.bits|int64(w*64+b))
		}
	}
	return ids
}

// check checks the candidates gathered, and takes the articles found.
func (s *quadSearch) check(ctx context.Context) error {
	if len(s.cand) == 0 || len(s.hits) == s.limit {
		return nil
	}
	found, err := s.d.checkCandidates(ctx, s.cand, s.terms, s.limit-len(s.hits))
	s.hits = append(s.hits, found...)
	s.cand, s.batch = s.cand[:0], min(4*s.batch, quadBatchMax)
	return err
}

// articleQuadSQL selects the articles of a JSON array of ids, in its
// order (json_each, the outer loop, walks it in order): each key, and what
// a result shows (see articleHitColumns).
const articleQuadSQL = `SELECT s.ref_id, s.key, a.title, a.published, coalesce(p0.key_start, -1)
FROM json_each(?) j CROSS JOIN search_index s ON s.doc = 'article' AND s.ref_id = j.value` + articleHitJoins

// checkCandidates returns the articles of ids (newest first) whose keys
// hold every term, at most limit, as articleHits returns them. The keys
// are checked here, not by instr in SQL: a key (kilobytes, on an
// overflow page) is read once, where the query's instr and substr of
// each term read it again each (a hundred microseconds an article of a
// search of four terms). An article whose every term was checked before
// at the data version is decided by what was kept (articleMemo), its key
// not read; the others' keys are read in one query, in order, as far as
// the page needs.
func (d *DB) checkCandidates(ctx context.Context, ids []int64, terms []string, limit int) ([]articleHit, error) {
	v, err := d.versions(ctx)
	if err != nil {
		return nil, err
	}
	type kept struct {
		h            articleHit
		holds, known bool
	}
	memo := make([]kept, len(ids))
	var unknown []int64
	for i, id := range ids {
		k := &memo[i]
		if k.h, k.holds, k.known = d.articles.hit(v.n, id, terms); !k.known {
			unknown = append(unknown, id)
		}
	}
	var rows *sql.Rows
	if len(unknown) > 0 {
		if rows, err = d.queryKept(ctx, true, articleQuadSQL, jsonInts(unknown)); err != nil {
			return nil, err
		}
		defer rows.Close()
	}
	var hits []articleHit
	var key sql.RawBytes // one buffer for every key (kilobytes each)
	var next *articleHit // the row read ahead: an id without a row has none
	for i := 0; i < len(ids) && len(hits) < limit; i++ {
		if k := memo[i]; k.known {
			if k.holds {
				hits = append(hits, k.h)
			}
			continue
		}
		if next == nil {
			if !rows.Next() {
				continue // the ids left unknown have no row
			}
			next = &articleHit{}
			if err := rows.Scan(&next.ID, &key, &next.Title, scanDest(&next.Published), &next.textStart); err != nil {
				return nil, err
			}
			d.articles.reads.Add(1)
			places := textPlaces(key, next.textStart, terms)
			d.articles.put(v.n, next, terms, places)
			next.pos = firstInText(places)
			if slices.Contains(places, -1) {
				next.pos = nil // not a hit
			}
		}
		if next.ID != ids[i] {
			continue // this id has no row: the row read is a later id's
		}
		if next.pos != nil {
			hits = append(hits, *next)
		}
		next = nil
	}
	if rows != nil {
		return hits, rows.Err()
	}
	return hits, nil
}

// textPlaces returns where the text of an article (from character
// textStart of its key, -1 when it has none) holds each term first, as
// instr does (from 1), 0 when its key holds the term outside the text
// only, -1 when its key does not hold it.
func textPlaces(key []byte, textStart int64, terms []string) []int64 {
	places := make([]int64, len(terms))
	at := len(key) // the byte where the text begins
	if textStart >= 0 {
		at = 0
		for n := int64(0); n < textStart && at < len(key); n++ {
			_, size := utf8.DecodeRune(key[at:])
			at += size
		}
	}
	text := key[at:]
	for i, t := range terms {
		switch j := bytes.Index(text, []byte(t)); {
		case textStart >= 0 && j >= 0:
			places[i] = int64(runeCount(text[:j])) + 1
		case bytes.Contains(key, []byte(t)):
		default:
			places[i] = -1
		}
	}
	return places
}

// firstInText returns where the text holds the first of the terms it
// holds (in their order; places as textPlaces gives them), the other
// terms' 0: the excerpt is cut there (articleMatches).
func firstInText(places []int64) []int64 {
	pos := make([]int64, len(places))
	for i, p := range places {
		if p > 0 {
			pos[i] = p
			break
		}
	}
	return pos
}

// runeCount counts the characters of b as SQLite's instr and substr do:
// every byte but the continuation bytes (10xxxxxx), which for valid UTF-8
// (a key is) is utf8.RuneCount. It counts eight bytes at a time: a key's
// text is kilobytes of two-byte letters, which RuneCount decodes one at a
// time (a twentieth of a search's CPU).
func runeCount(b []byte) int {
	const high = 0x8080808080808080
	n, i := len(b), 0
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		n -= bits.OnesCount64(w &^ (w << 1) & high) // 10xxxxxx: bit 7 set, bit 6 clear
	}
	for ; i < len(b); i++ {
		if b[i]&0xC0 == 0x80 {
			n--
		}
	}
	return n
}

// jsonInts writes xs as a JSON array of (signed 64-bit) integers.
func jsonInts[T int64 | uint64](xs []T) string {
	b := make([]byte, 0, 2+len(xs)*20)
	b = append(b, '[')
	for i, x := range xs {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(x), 10)
	}
	return string(append(b, ']'))
}
