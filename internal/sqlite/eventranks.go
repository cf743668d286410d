package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"sync"
	"time"
)

// An event search by the quads' sets (eventsByQuads) finds events by
// their ids, in no order, and shows the newest: it needs each event's
// rank (search_index.rank: the start day, then the id). Read from the
// index of ranks by id, a rank cost about 2 µs, which held that path to
// 512 events and sent the searches of words that often meet to FTS4
// (1.7 ms each, three in five of the events' search time at national
// size). The server holds every event's rank here instead, by id: its
// start day in 16 bits from a base (2.7 MB for 1.3 million events), read
// once in the background and then kept in step by the log of the events
// whose rank a write made, removed or moved (event_rank_log, migration
// 0034, which triggers keep for every process's writes). A search uses
// the ranks only when they are as new as the log's last entry it read
// with the data version; else it takes the paths it took without them.
type eventRanks struct {
	mu    sync.RWMutex
	built bool     // days holds every event's rank as of seq
	seq   int64    // the last entry of event_rank_log applied
	base  int64    // an event's start day less base is in days (1 on)
	days  []uint16 // by event id: its start day less base, 0 for none (no date, or no event)
	// tiers hold the bits of the events of the latest start days, the
	// fewest first (see recentShares): a search of words many events
	// hold finds its page among those, ANDing the bits 64 at a time, and
	// looks up the ranks of these alone (a rank looked up is a miss in
	// the processor's caches, some 15 ns).
	tiers []rankTier

	// catching is held by the search that applies the log's entries:
	// the others wait for it rather than read the same entries.
	catching sync.Mutex

	bmu      sync.Mutex // guards what follows: the read of every rank in the background
	running  bool
	closed   bool
	last     time.Time // when the last read ended
	cancel   context.CancelFunc
	finished chan struct{}
}

// rankDaysMax is the widest span of start days that days holds (about
// 179 years): a database whose events span more keeps its ranks unread,
// and its searches take the other paths.
const rankDaysMax = 1<<16 - 1

// A rankTier is the events whose start day (less base) is cut or later:
// their bits, by id.
type rankTier struct {
	cut  uint16
	bits []uint64
}

// recentShares: a tier holds about one event in share of each, when the
// ranks are read.
var recentShares = []int{256, 16}

// rankCatchUp is how many entries of the log a search applies itself
// when the ranks are behind; further behind (an import, a bulk fill),
// every rank is read again in the background.
const rankCatchUp = 4096

// rankReadEvery is how long after a read of every rank another may
// start: a long import beside a busy server costs a read (a third of a
// second at national size) at most that often.
const rankReadEvery = 10 * time.Second

// eventRanksOn says whether searches use the ranks held, and
// eventRanksAsync whether every rank is read in the background (vars:
// tests of the other paths turn the ranks off, and tests of these read
// them in the search that asks, to be certain of the path it takes).
var (
	eventRanksOn    = true
	eventRanksAsync = true
)

// errRankSpan says that the events' start days span more than days
// holds, or their ids reach rankIDsMax.
var errRankSpan = errors.New("the events' start days span more than 179 years, or their ids reach 2^25")

// rankLogEndSQL is the SQL of the log's last entry: AUTOINCREMENT's
// record of it, which removing rows does not move back (0 for none yet).
const rankLogEndSQL = `coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'event_rank_log'), 0)`

// rankLogEnd reads the log's last entry now (not the data version's
// reading, which may be up to versionTTL old).
func (d *DB) rankLogEnd(ctx context.Context) (int64, error) {
	rows, err := d.queryKept(ctx, true, `SELECT `+rankLogEndSQL)
	if err != nil {
		return 0, err
	}
	ends, err := scanColumn[int64](rows)
	if err != nil || len(ends) != 1 {
		return 0, fmt.Errorf("the event rank log's end: %d rows (%w)", len(ends), err)
	}
	return ends[0], nil
}

// rankIDsMax bounds the ids the ranks are held for (64 MB of days): a
// file with a higher id keeps them unread, and its searches take the
// other paths.
const rankIDsMax = 1 << 25

// rank returns the rank of event id, as held (r.mu held).
func (r *eventRanks) rank(id int64) int64 {
	if id < int64(len(r.days)) {
		if day := r.days[id]; day != 0 {
			return (r.base+int64(day))<<32 | id
		}
	}
	return id
}

// set holds rank as event id's (r.mu held for writing), or reports
// false when its start day lies outside what days holds, or its id at
// rankIDsMax or above. A rank of 0 is an event that is no more.
func (r *eventRanks) set(id, rank int64) bool {
	if id < 0 {
		return true // no event has it
	}
	var day int64
	if rank > rankID {
		if day = rank>>32 - r.base; day < 1 || day > rankDaysMax {
			return false
		}
	}
	if id >= int64(len(r.days)) {
		if day == 0 {
			return true
		}
		if id >= rankIDsMax {
			return false
		}
		r.days = append(r.days, make([]uint16, id+1-int64(len(r.days)))...)
	}
	r.days[id] = uint16(day)
	for i := range r.tiers {
		t := &r.tiers[i]
		in := day != 0 && uint16(day) >= t.cut
		w := int(id / 64)
		if w >= len(t.bits) {
			if !in {
				continue
			}
			t.bits = append(t.bits, make([]uint64, w+1-len(t.bits))...)
		}
		if in {
			t.bits[w] |= 1 << (id % 64)
		} else {
			t.bits[w] &^= 1 << (id % 64)
		}
	}
	return true
}

// markTiers makes the tiers of recentShares (none when fewer than the
// widest share of the events have a date).
func (r *eventRanks) markTiers() {
	counts := make([]int32, rankDaysMax+1)
	dated := 0
	for _, day := range r.days {
		if day != 0 {
			counts[day]++
			dated++
		}
	}
	r.tiers = nil
	for _, share := range recentShares {
		if dated < share {
			continue
		}
		t := rankTier{cut: 1, bits: make([]uint64, (len(r.days)+63)/64)}
		n := 0
		for day := rankDaysMax; day > 1; day-- {
			if n += int(counts[day]); n >= dated/share {
				t.cut = uint16(day)
				break
			}
		}
		for id, day := range r.days {
			if day >= t.cut {
				t.bits[id/64] |= 1 << (id % 64)
			}
		}
		r.tiers = append(r.tiers, t)
	}
}

// eventRanksAt reports whether the ranks held are as new as the entry
// at of the log (of a data version's reading), after applying the
// entries after the last applied when they are few; when the ranks were
// never read or are far behind, it starts their read (in the background
// unless eventRanksAsync is off) and reports false.
func (d *DB) eventRanksAt(ctx context.Context, at int64) (bool, error) {
	if !eventRanksOn {
		return false, nil
	}
	r := &d.ranks
	for range 3 { // a catch-up that drops the ranks, then their read
		r.mu.RLock()
		built, seq := r.built, r.seq
		r.mu.RUnlock()
		switch {
		case built && seq >= at:
			return true, nil
		case built && at-seq <= rankCatchUp:
			r.catching.Lock()
			r.mu.RLock()
			still := r.built && r.seq == seq
			r.mu.RUnlock()
			var err error
			if still {
				err = d.catchUpRanks(ctx, seq)
			}
			r.catching.Unlock()
			if err != nil {
				return false, err
			}
		case eventRanksAsync:
			d.readRanksLater()
			return false, nil
		default:
			if err := d.readRanks(ctx); err != nil && !errors.Is(err, errRankSpan) {
				return false, err
			}
		}
	}
	return false, nil
}

// catchUpRanks applies the entries of the log after from (the last
// applied when asked): the rank each event logged has now, or none. When
// the log no longer holds the entry after from, or a start day falls
// outside what days holds, the ranks are dropped (to be read again).
func (d *DB) catchUpRanks(ctx context.Context, from int64) error {
	type entry struct{ seq, id, rank int64 }
	rows, err := d.db.QueryContext(ctx, `SELECT l.seq, l.event_id, coalesce(s.rank, 0) FROM event_rank_log l
LEFT JOIN search_index s INDEXED BY search_index_event_ranks ON s.doc = 'event' AND s.ref_id = l.event_id
WHERE l.seq > ? ORDER BY l.seq`+limitSQL(rankCatchUp+1), from)
	if err != nil {
		return err
	}
	var entries []entry
	for rows.Next() {
		var e entry
		if err := rows.Scan(&e.seq, &e.id, &e.rank); err != nil {
			rows.Close()
			return err
		}
		entries = append(entries, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	r := &d.ranks
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.built || r.seq != from {
		return nil // another search applied them, or a read replaced them
	}
	if len(entries) == 0 || entries[0].seq != from+1 || len(entries) > rankCatchUp {
		r.built = false // the log no longer holds the entries after from, or is far ahead
	}
	for _, e := range entries {
		if !r.built || !r.set(e.id, e.rank) {
			r.built = false
			break
		}
		r.seq = e.seq
	}
	if !r.built {
		r.days, r.tiers = nil, nil // eventRanksAt has them read again
	}
	return nil
}

// ReadSearchRanks starts reading every event's rank in the background
// (see eventRanks), for the searches: the server starts it beside
// serving, so that its first searches find them held (the first search
// would start it otherwise, and the searches until it ends take the
// other paths). Close stops it.
func (d *DB) ReadSearchRanks() {
	if eventRanksOn {
		d.readRanksLater()
	}
}

// readRanksLater starts reading every rank in the background, unless a
// read is under way, one ended less than rankReadEvery ago, or d is
// closing.
func (d *DB) readRanksLater() {
	r := &d.ranks
	r.bmu.Lock()
	defer r.bmu.Unlock()
	if r.closed || r.running || !r.last.IsZero() && time.Since(r.last) < rankReadEvery {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	finished := make(chan struct{})
	r.running, r.cancel, r.finished = true, cancel, finished
	go func() {
		defer close(finished)
		defer cancel()
		// A read that failed leaves the searches their other paths until
		// the next, rankReadEvery on.
		_ = d.readRanks(ctx)
		r.bmu.Lock()
		r.running, r.last = false, time.Now()
		r.bmu.Unlock()
	}()
}

// stopReadingRanks stops the read in the background under way, if any,
// and starts none after (Close).
func (r *eventRanks) stopReadingRanks() {
	r.bmu.Lock()
	r.closed = true
	cancel, finished := r.cancel, r.finished
	r.bmu.Unlock()
	if cancel != nil {
		cancel()
		<-finished
	}
}

// readRanks reads every event's rank, and the log's last entry, in one
// query (one read transaction), and holds them. The ranks come in text,
// a chunk of 2^rankReadBits ids a row ("id day id day ...", the ids'
// low bits; a day 0 for none): a row a rank cost 1.2 µs in the driver, 1.6 s for the 1.3
// million events of the national file. Its first rows (ids -1 to -4)
// bring the log's last entry, the highest id, and the lowest and highest
// dated ranks.
func (d *DB) readRanks(ctx context.Context) error {
	rows, err := d.db.QueryContext(ctx, `SELECT -1, `+rankLogEndSQL+`
UNION ALL SELECT -2, (SELECT coalesce(max(ref_id), 0) FROM search_index INDEXED BY search_index_event_ranks WHERE doc = 'event')
UNION ALL SELECT -3, (SELECT min(rank) FROM search_index WHERE doc = 'event' AND rank > ?1)
UNION ALL SELECT -4, (SELECT max(rank) FROM search_index WHERE doc = 'event' AND rank > ?1)
UNION ALL SELECT * FROM (WITH RECURSIVE chunk (c) AS (SELECT 0 UNION ALL SELECT c + 1 FROM chunk
        WHERE c < (SELECT max(ref_id) FROM search_index INDEXED BY search_index_event_ranks WHERE doc = 'event') >> ?2)
    SELECT c, (SELECT group_concat((ref_id & ?3) || ' ' || (rank >> 32), ' ') FROM search_index INDEXED BY search_index_event_ranks
        WHERE doc = 'event' AND ref_id >= c << ?2 AND ref_id < (c + 1) << ?2) FROM chunk)`,
		rankID, rankReadBits, 1<<rankReadBits-1)
	if err != nil {
		return err
	}
	defer rows.Close()
	var fresh eventRanks
	var oldest, newest int64
	for rows.Next() {
		var c int64
		var v sql.RawBytes
		if err := rows.Scan(&c, &v); err != nil {
			return err
		}
		switch c {
		case -1, -2, -3, -4:
			n, err := strconv.ParseInt(string(v), 10, 64)
			if err != nil && len(v) > 0 {
				return err
			}
			switch c {
			case -1:
				fresh.seq = n
			case -2:
				if n >= rankIDsMax {
					d.dropRanks()
					return errRankSpan
				}
				fresh.days = make([]uint16, n+1)
			case -3:
				oldest = n
			case -4:
				newest = n
			}
			if c != -4 {
				continue
			}
			if oldest > 0 {
				fresh.base = oldest>>32 - 1
				if newest>>32-fresh.base > rankDaysMax {
					d.dropRanks()
					return errRankSpan
				}
			}
			continue
		}
		for f := v; len(f) > 0; {
			var low, day int64
			low, f = leadingInt(f)
			day, f = leadingInt(f)
			if day > 0 {
				day <<= 32
			}
			if !fresh.set(c<<rankReadBits|low, day) {
				// Not so in one read: the header bounded the days and ids.
				return errRankSpan
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	fresh.markTiers()
	r := &d.ranks
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.built && r.seq > fresh.seq {
		return nil // caught up past this read meanwhile
	}
	r.built, r.seq, r.base, r.days, r.tiers = true, fresh.seq, fresh.base, fresh.days, fresh.tiers
	return nil
}

// rankReadBits: readRanks reads the ranks of 2^rankReadBits ids a row.
const rankReadBits = 12

// leadingInt returns the decimal number b begins with (digits, then a
// space or the end) and what follows the space.
func leadingInt(b []byte) (int64, []byte) {
	var n int64
	i := 0
	for ; i < len(b) && b[i] != ' '; i++ {
		n = n*10 + int64(b[i]-'0')
	}
	if i < len(b) {
		i++
	}
	return n, b[i:]
}

// dropRanks drops the ranks held.
func (d *DB) dropRanks() {
	r := &d.ranks
	r.mu.Lock()
	r.built, r.days, r.tiers = false, nil, nil
	r.mu.Unlock()
}

// newestRanks returns the ranks of the n newest events that l holds
// (chunks of t) below rank below, newest first, and the log's entry the
// ranks held are as of, or ok false when the ranks are no longer held
// (dropped since the search asked). The tiers are looked at first, the
// fewest first: when n events of one are left below below, they are the
// newest.
func (d *DB) newestRanks(l *quadLeft, t quadTable, below int64, n int) (ranks []int64, seq int64, ok bool) {
	r := &d.ranks
	r.mu.RLock()
	defer r.mu.RUnlock()
	if !r.built {
		return nil, 0, false
	}
	h := make([]int64, 0, n)
	for _, tier := range r.tiers {
		if below <= (r.base+int64(tier.cut))<<32 {
			continue // every event of the tier is at below or above
		}
		if h = r.newest(l, t, below, h[:0], tier.bits); len(h) == n {
			break
		}
	}
	if len(h) < n {
		h = r.newest(l, t, below, h[:0], nil)
	}
	slices.SortFunc(h, func(a, b int64) int { return cmp.Compare(b, a) })
	return h, r.seq, true
}

// newest gathers in h (a heap whose least is first, of cap(h) ranks at
// most) the highest ranks below below of the events l holds (chunks of
// t), or of those of them whose bit of only is set (r.mu held).
func (r *eventRanks) newest(l *quadLeft, t quadTable, below int64, h []int64, only []uint64) []int64 {
	n := cap(h)
	words := t.words()
	for c, and := range l.chunks {
		for w, word := range and {
			if only != nil {
				if i := int(c)*words + w; i < len(only) {
					word &= only[i]
				} else {
					word = 0
				}
			}
			for ; word != 0; word &= word - 1 {
				id := c<<t.bits | int64(w*64+bits.TrailingZeros64(word))
				rank := r.rank(id)
				switch {
				case rank >= below:
				case len(h) < n:
					h = append(h, rank)
					heapUp(h, len(h)-1)
				case rank > h[0]:
					h[0] = rank
					heapDown(h, 0)
				}
			}
		}
	}
	return h
}

// heapUp and heapDown keep h a heap whose least element is first, after
// h[i] was set.
func heapUp(h []int64, i int) {
	for i > 0 {
		p := (i - 1) / 2
		if h[p] <= h[i] {
			return
		}
		h[p], h[i] = h[i], h[p]
		i = p
	}
}

func heapDown(h []int64, i int) {
	for {
		least, l, r := i, 2*i+1, 2*i+2
		if l < len(h) && h[l] < h[least] {
			least = l
		}
		if r < len(h) && h[r] < h[least] {
			least = r
		}
		if least == i {
			return
		}
		h[i], h[least] = h[least], h[i]
		i = least
	}
}
