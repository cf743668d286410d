package sqlite

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"maps"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The runs of four characters of the articles' search keys (quads) and of
// three (trigrams), and which articles hold each (migration 0027's
// article_quads): an article is found by ANDing the sets of its terms'
// quads, newest first, and checking the few keys found. FTS4's pieces of
// three characters (0017) stay for events, and for articles when every
// term is shorter than three characters.
//
// A quad packs four characters of the Basic Multilingual Plane, 16 bits
// each, the first highest (a run holding a character beyond it is not
// indexed, and not asked for: a search only asks for quads an article's
// runs could have given); a trigram packs three and U+0001. A set is cut in chunks of quadChunkIDs article
// ids, each stored as a sorted array of the ids' low bits (two bytes
// each, little-endian) when fewer than quadArrayMax+1, else as a bitmap of
// quadBitmap bytes.
const (
	quadLen       = 4
	quadChunkBits = 12
	quadChunkIDs  = 1 << quadChunkBits
	quadBitmap    = quadChunkIDs / 8
	quadArrayMax  = quadBitmap/2 - 1
	quadLowMask   = quadChunkIDs - 1
)

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
		switch n := utf8.RuneCountInString(t); {
		case n >= quadLen:
			for _, x := range quadsOf(t, nil) {
				if x&0xFFFF != 1 {
					qs = append(qs, x)
				}
			}
		case n == quadLen-1:
			if x := quadsOf(t, nil); len(x) == 1 {
				qs = append(qs, x[0])
			}
		}
	}
	slices.Sort(qs)
	return slices.Compact(qs)
}

// quadSet encodes sorted distinct low bits of ids as a chunk's set.
func quadSet(lows []uint16) []byte {
	if len(lows) > quadArrayMax {
		b := make([]byte, quadBitmap)
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

// quadAdd returns set (a chunk's, or nil) with low added, a new slice.
func quadAdd(set []byte, low uint16) []byte {
	if len(set) == quadBitmap {
		b := slices.Clone(set)
		b[low>>3] |= 1 << (low & 7)
		return b
	}
	n := len(set) / 2
	lo, hi := 0, n // a binary search of the array's numbers
	for lo < hi {
		m := (lo + hi) / 2
		if binary.LittleEndian.Uint16(set[2*m:]) < low {
			lo = m + 1
		} else {
			hi = m
		}
	}
	at := lo
	if at < n && binary.LittleEndian.Uint16(set[2*at:]) == low {
		return slices.Clone(set)
	}
	if n+1 > quadArrayMax {
		lows := make([]uint16, 0, n+1)
		for i := range n {
			lows = append(lows, binary.LittleEndian.Uint16(set[2*i:]))
		}
		return quadSet(slices.Insert(lows, at, low))
	}
	b := make([]byte, 2*(n+1))
	copy(b, set[:2*at])
	binary.LittleEndian.PutUint16(b[2*at:], low)
	copy(b[2*at+2:], set[2*at:])
	return b
}

// quadAddSQL is the SQL function quad_add(ids, id): the set ids (a
// chunk's, NULL for none) with the article id added.
func quadAddSQL(set any, id int64) ([]byte, error) {
	var b []byte
	switch s := set.(type) {
	case nil:
	case []byte:
		b = s
	default:
		return nil, fmt.Errorf("quad_add: a set is a blob, not %T", set)
	}
	if len(b) != quadBitmap && len(b)%2 != 0 {
		return nil, fmt.Errorf("quad_add: a set of %d bytes", len(b))
	}
	return quadAdd(b, uint16(id&quadLowMask)), nil
}

// quadBits sets into the bits of set (a chunk's).
func quadBits(set []byte, into *[quadChunkIDs / 64]uint64) {
	if len(set) == quadBitmap {
		for i := range into {
			into[i] = binary.LittleEndian.Uint64(set[8*i:])
		}
		return
	}
	*into = [quadChunkIDs / 64]uint64{}
	for i := 0; i+1 < len(set); i += 2 {
		l := binary.LittleEndian.Uint16(set[i:])
		into[l>>6] |= 1 << (l & 63)
	}
}

// addQuadsSQL adds the article of id ?3 (chunk ?2) to the sets of the
// quads of the JSON array ?1, once the sets are built (before, the build
// reads every key).
const addQuadsSQL = `INSERT INTO article_quads (quad, chunk, ids)
SELECT value, ?2, quad_add(NULL, ?3) FROM json_each(?1) WHERE (SELECT built FROM article_quads_state)
ON CONFLICT (quad, chunk) DO UPDATE SET ids = quad_add(ids, ?3)`

// addQuads adds the article id, of search key key, to its quads' sets.
func addQuads(ctx context.Context, q querier, id int64, key string) error {
	_, err := q.ExecContext(ctx, addQuadsSQL, jsonInts(quadsOf(key, nil)), id>>quadChunkBits, id)
	return err
}

// buildQuads fills article_quads from every article's key, a chunk of
// article ids at a time (one chunk's sets in memory: the runs of 4,096
// articles, some 2,400 each at national size), and marks the sets built.
func buildQuads(ctx context.Context, q querier) error {
	if _, err := q.ExecContext(ctx, `DELETE FROM article_quads`); err != nil {
		return fmt.Errorf("build quads: %w", err)
	}
	var last sql.NullInt64
	if err := q.QueryRowContext(ctx, `SELECT max(ref_id) FROM search_index WHERE doc = 'article'`).Scan(&last); err != nil {
		return fmt.Errorf("build quads: %w", err)
	}
	for chunk := int64(0); last.Valid && chunk <= last.Int64>>quadChunkBits; chunk++ {
		if err := buildChunk(ctx, q, chunk); err != nil {
			return fmt.Errorf("build quads: chunk %d: %w", chunk, err)
		}
	}
	_, err := q.ExecContext(ctx, `UPDATE article_quads_state SET built = 1`)
	return err
}

// buildChunk writes the sets of one chunk of article ids.
func buildChunk(ctx context.Context, q querier, chunk int64) error {
	rows, err := q.QueryContext(ctx, `SELECT ref_id, key FROM search_index WHERE doc = 'article' AND ref_id >= ? AND ref_id < ?
ORDER BY ref_id`, chunk<<quadChunkBits, (chunk+1)<<quadChunkBits)
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
		low := uint16(id & quadLowMask)
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
			args = append(args, int64(x), chunk, quadSet(sets[x]))
		}
		_, err := q.ExecContext(ctx, `INSERT INTO article_quads (quad, chunk, ids) VALUES (?, ?, ?)`+
			strings.Repeat(", (?, ?, ?)", n-1), args...)
		if err != nil {
			return err
		}
		keys = keys[n:]
	}
	return nil
}

// quadInsertRows is how many rows of article_quads one statement of a
// build writes.
const quadInsertRows = 256

// ensureQuads builds the quads' sets unless they are built (a database
// from before migration 0027, or a bulk fill that did not finish).
func (d *DB) ensureQuads(ctx context.Context) error {
	var built bool
	if err := d.w.QueryRowContext(ctx, `SELECT built FROM article_quads_state`).Scan(&built); err != nil || built {
		return err
	}
	return d.inTx(ctx, func(tx *sql.Tx) error { return buildQuads(ctx, tx) })
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
	sets, top, built, err := d.readSets(ctx, qs, -1)
	if err != nil || !built {
		return nil, false, err
	}
	d.quadSearches.Add(1)
	if err := s.walk(ctx, qs, sets); err != nil || len(s.hits) == limit || top < quadNewest {
		return s.hits, err == nil, err
	}
	if sets, _, _, err = d.readSets(ctx, qs, top-quadNewest+1); err != nil {
		return nil, false, err
	}
	err = s.walk(ctx, qs, sets)
	return s.hits, err == nil, err
}

// quadSets are the sets of a search's quads, by quad and chunk.
type quadSets map[uint64]map[int64][]byte

// readSets returns the sets of quads qs in the newest quadNewest chunks
// (before < 0; top is the newest chunk), or in the chunks before chunk
// before, and whether the sets are built.
func (d *DB) readSets(ctx context.Context, qs []uint64, before int64) (sets quadSets, top int64, built bool, err error) {
	args := []any{before, quadNewest}
	for _, x := range qs {
		args = append(args, int64(x))
	}
	// A first row of chunk -1 brings built and top when no set is read.
	rows, err := d.db.QueryContext(ctx, `WITH newest (top) AS (SELECT coalesce(max(ref_id), 0) >> `+strconv.Itoa(quadChunkBits)+`
    FROM search_index WHERE doc = 'article')
SELECT (SELECT built FROM article_quads_state), top, quad, chunk, ids
FROM newest, (SELECT 0 AS quad, -1 AS chunk, NULL AS ids UNION ALL
    SELECT quad, chunk, ids FROM article_quads, newest WHERE quad IN (?3`+strings.Repeat(", ?", len(qs)-1)+`)
        AND CASE WHEN ?1 < 0 THEN chunk > top - ?2 ELSE chunk < ?1 END)`, args...)
	if err != nil {
		return nil, 0, false, err
	}
	defer rows.Close()
	sets = make(quadSets, len(qs))
	for rows.Next() {
		var x, chunk int64
		var set []byte
		if err := rows.Scan(&built, &top, &x, &chunk, &set); err != nil {
			return nil, 0, false, err
		}
		if chunk < 0 {
			continue
		}
		if sets[uint64(x)] == nil {
			sets[uint64(x)] = map[int64][]byte{}
		}
		sets[uint64(x)][chunk] = set
	}
	return sets, top, built, rows.Err()
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

// walk adds to the hits the articles of sets (some chunks of every quad
// of qs) whose keys hold every term, newest first, until the page is full.
func (s *quadSearch) walk(ctx context.Context, qs []uint64, sets quadSets) error {
	if len(sets) < len(qs) { // a quad no article of these chunks holds
		return nil
	}
	// The rarest set first: its chunks are the only ones to look in.
	size := make(map[uint64]int, len(qs))
	for _, x := range qs {
		for _, set := range sets[x] {
			size[x] += len(set)
		}
	}
	qs = slices.Clone(qs)
	slices.SortFunc(qs, func(a, b uint64) int { return size[a] - size[b] })
	chunks := slices.Collect(maps.Keys(sets[qs[0]]))
	slices.Sort(chunks)
	var and, other [quadChunkIDs / 64]uint64
	for i := len(chunks) - 1; i >= 0 && len(s.hits) < s.limit; i-- {
		c := chunks[i]
		quadBits(sets[qs[0]][c], &and)
		for _, x := range qs[1:] {
			set, ok := sets[x][c]
			if !ok {
				and = [quadChunkIDs / 64]uint64{}
				break
			}
			quadBits(set, &other)
			for w := range and {
				and[w] &= other[w]
			}
		}
		for w := len(and) - 1; w >= 0; w-- {
			for word := and[w]; word != 0; {
				b := 63 - bits.LeadingZeros64(word)
				word &^= 1 << b
				s.cand = append(s.cand, c<<quadChunkBits|int64(w*64+b))
			}
		}
		if len(s.cand) >= s.batch || i == 0 {
			if err := s.check(ctx); err != nil {
				return err
			}
		}
	}
	return nil
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
// search of four terms).
func (d *DB) checkCandidates(ctx context.Context, ids []int64, terms []string, limit int) ([]articleHit, error) {
	rows, err := d.db.QueryContext(ctx, articleQuadSQL, jsonInts(ids))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var hits []articleHit
	for len(hits) < limit && rows.Next() {
		var h articleHit
		var key sql.RawBytes
		if err := rows.Scan(&h.ID, &key, &h.Title, scanDest(&h.Published), &h.textStart); err != nil {
			return nil, err
		}
		if slices.ContainsFunc(terms, func(t string) bool { return !bytes.Contains(key, []byte(t)) }) {
			continue
		}
		h.pos = textPositions(key, h.textStart, terms)
		hits = append(hits, h)
	}
	return hits, rows.Err()
}

// textPositions returns where the text of an article (from character
// textStart of its key, -1 when it has none) holds the first of the terms
// it holds (in their order), as instr does (from 1), the other terms' 0:
// the excerpt is cut there (articleMatches), and counting the characters
// before each term was a twentieth of a search.
func textPositions(key []byte, textStart int64, terms []string) []int64 {
	pos := make([]int64, len(terms))
	if textStart < 0 {
		return pos
	}
	at := 0 // the byte where the text begins
	for n := int64(0); n < textStart && at < len(key); n++ {
		_, size := utf8.DecodeRune(key[at:])
		at += size
	}
	text := key[at:]
	for i, t := range terms {
		if j := bytes.Index(text, []byte(t)); j >= 0 {
			pos[i] = int64(utf8.RuneCount(text[:j])) + 1
			break
		}
	}
	return pos
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
