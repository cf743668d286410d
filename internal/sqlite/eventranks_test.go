package sqlite

import (
	"cmp"
	"context"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/persian"
)

// TestMain reads the events' ranks in the search that asks for them
// (eventRanksAsync off), so that every test knows the path a search
// takes; TestEventRanksReadInTheBackground tests the read in the
// background the server does.
func TestMain(m *testing.M) {
	eventRanksAsync = false
	os.Exit(m.Run())
}

// undatedEvery leaves one event in every without a date (proposed, as an
// undated event must be), and returns evs.
func undatedEvery(evs []domain.Event, every int) []domain.Event {
	for i := 0; i < len(evs); i += every {
		evs[i].Start, evs[i].End, evs[i].Status = jalali.Date{}, jalali.Date{}, domain.StatusProposed
	}
	return evs
}

// checkRanks checks that d holds the ranks as new as the log's last
// entry (reading or catching them up), and that they are those of
// search_index: each event's, and none for an id without an event; and
// that each tier holds the events of its days and no other.
func checkRanks(t *testing.T, d *DB) {
	t.Helper()
	ctx := context.Background()
	v, err := d.versions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if held, err := d.eventRanksAt(ctx, v.ranks); err != nil || !held {
		t.Fatalf("the ranks are not held at the log's entry %d (%v)", v.ranks, err)
	}
	want := map[int64]int64{}
	rows, err := d.db.Query(`SELECT ref_id, rank FROM search_index WHERE doc = 'event'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id, rank int64
		if err := rows.Scan(&id, &rank); err != nil {
			t.Fatal(err)
		}
		want[id] = rank
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	r := &d.ranks
	r.mu.RLock()
	defer r.mu.RUnlock()
	for id, rank := range want {
		if got := r.rank(id); got != rank {
			t.Errorf("event %d: rank %d held, %d stored", id, got, rank)
		}
	}
	for id := range int64(len(r.days)) {
		if _, ok := want[id]; !ok && r.rank(id) != id {
			t.Errorf("id %d, of no event: rank %d held", id, r.rank(id))
		}
	}
	for _, tier := range r.tiers {
		for id, day := range r.days {
			in := day != 0 && day >= tier.cut
			if w := id / 64; (w < len(tier.bits) && tier.bits[w]&(1<<(id%64)) != 0) != in {
				t.Errorf("event %d (day %d): in the tier of day %d: %v", id, day, tier.cut, !in)
			}
		}
	}
}

// TestEventRanksFollowWrites: the ranks held follow every write that
// makes, moves or removes an event's rank: through d (an event created,
// its date moved, trashed, restored, an import), through another
// connection to the file (another process: 'ruydad import' beside the
// server), and past a log that no longer holds the entries after the
// last applied (its beginning trimmed) or holds more than a search
// applies (rankCatchUp): then every rank is read again.
func TestEventRanksFollowWrites(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ranks.db")
	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	evs := undatedEvery(benchEvents(rand.New(rand.NewPCG(21, 22)), 600), 9)
	storeEvents(t, d, evs)
	checkRanks(t, d)
	if len(d.ranks.tiers) != len(recentShares) {
		t.Errorf("%d tiers, want %d", len(d.ranks.tiers), len(recentShares))
	}
	u := uc(d)
	e := domain.Event{Title: "نشست خبری کهکشان", Kind: domain.KindPressConference, Start: jalali.MustNew(1410, 1, 1)}
	if err := u.SaveEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	checkRanks(t, d)
	e.Start, e.End = jalali.MustNew(1399, 6, 1), jalali.Date{}
	if err := u.SaveEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	checkRanks(t, d)
	for _, id := range []int64{e.ID, evs[3].ID, evs[9].ID} {
		if err := u.DeleteEvent(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	checkRanks(t, d)
	if _, err := u.RestoreEvent(ctx, evs[3].ID); err != nil {
		t.Fatal(err)
	}
	checkRanks(t, d)
	stored, err := d.Event(ctx, evs[5].ID)
	if err != nil {
		t.Fatal(err)
	}
	stored.Start, stored.End, stored.Sequence = jalali.MustNew(1407, 12, 29), jalali.Date{}, stored.Sequence+1
	if _, err := u.ImportEvents(ctx, []domain.Event{stored}); err != nil {
		t.Fatal(err)
	}
	checkRanks(t, d)

	// Another process's writes: seen once the data version is read again.
	other, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	f := domain.Event{Title: "همایش کهکشان", Kind: domain.KindConference, Start: jalali.MustNew(1411, 2, 2)}
	if err := uc(other).SaveEvent(ctx, &f); err != nil {
		t.Fatal(err)
	}
	if err := other.Close(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(versionTTL + 50*time.Millisecond)
	checkRanks(t, d)
	if got := searchIDs(t, d, persian.SearchTerms("همایش کهکشان"), 5, true); len(got) == 0 || got[0] != f.ID {
		t.Errorf("«همایش کهکشان» found %v, want %d first", got, f.ID)
	}

	// The log trimmed past the last entry applied: an entry not applied
	// is gone.
	g := domain.Event{Title: "جلسه شورا", Kind: domain.KindMeeting, Start: jalali.MustNew(1412, 1, 1)}
	if err := u.SaveEvent(ctx, &g); err != nil {
		t.Fatal(err)
	}
	if _, err := d.w.Exec(`DELETE FROM event_rank_log`); err != nil {
		t.Fatal(err)
	}
	h := domain.Event{Title: "جلسه شورا", Kind: domain.KindMeeting, Start: jalali.MustNew(1412, 1, 2)}
	if err := u.SaveEvent(ctx, &h); err != nil {
		t.Fatal(err)
	}
	checkRanks(t, d)
	// More entries than a search applies.
	for range rankCatchUp/len(evs) + 1 {
		if _, err := d.w.Exec(`INSERT INTO event_rank_log (event_id) SELECT ref_id FROM search_index WHERE doc = 'event'`); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := d.w.Exec(`UPDATE search_index SET rank = ? WHERE doc = 'event' AND ref_id = ?`, evs[10].ID, evs[10].ID); err != nil {
		t.Fatal(err)
	}
	checkRanks(t, d)

	// The log trims its beginning: past 65,536 entries it keeps the last
	// 65,536 to 69,631, and a server behind the entries trimmed reads
	// every rank again.
	if _, err := d.w.Exec(`WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 70000)
INSERT INTO event_rank_log (event_id) SELECT ? FROM n`, evs[11].ID); err != nil {
		t.Fatal(err)
	}
	var n, first, last int64
	if err := d.db.QueryRow(`SELECT count(*), min(seq), max(seq) FROM event_rank_log`).Scan(&n, &first, &last); err != nil {
		t.Fatal(err)
	}
	if n < 65536 || n > 65536+4095 || last-first+1 != n {
		t.Errorf("the log holds %d entries, %d to %d", n, first, last)
	}
	moved := domain.Event{Title: "جلسه شورا", Kind: domain.KindMeeting, Start: jalali.MustNew(1413, 3, 3)}
	if err := u.SaveEvent(ctx, &moved); err != nil {
		t.Fatal(err)
	}
	checkRanks(t, d)
}

// TestEventSearchSeesRanksMovedElsewhere: a search right after another
// process moved an event's date (within versionTTL, while the data
// version's reading does not show it yet) finds the event where it now
// is: the ranks the search went by are caught up and the search made
// again.
func TestEventSearchSeesRanksMovedElsewhere(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "moved.db")
	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	evs := meetingEvents(rand.New(rand.NewPCG(31, 32)), 600)
	keys := storeCounted(t, d, evs)
	terms := persian.SearchTerms("کرمان همدان")
	before := scanFind(evs, keys, terms, 5, true)
	if len(before) < 2 {
		t.Fatalf("«کرمان همدان»: %d events", len(before))
	}
	if got := searchIDs(t, d, terms, 5, true); !slices.Equal(got, before) {
		t.Fatalf("found %v, want %v", got, before)
	}
	// The oldest of those found moved to the newest date, by another
	// process, and searched for at once: while the data version's
	// reading kept (up to versionTTL) is that of before the move.
	stale, err := d.versions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	other, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	last := before[len(before)-1]
	e, err := other.Event(ctx, last)
	if err != nil {
		t.Fatal(err)
	}
	e.Start, e.End = jalali.MustNew(1420, 1, 1), jalali.MustNew(1420, 1, 1)
	if err := uc(other).SaveEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	if err := other.Close(); err != nil {
		t.Fatal(err)
	}
	for i := range evs {
		if evs[i].ID == last {
			evs[i].Start, evs[i].End = e.Start, e.End
		}
	}
	kept := *stale
	kept.at = time.Now().Add(time.Hour) // kept whatever the time the search takes to come
	d.version.Store(&kept)
	rankSearches, retries := d.eventRankSearches.Load(), d.eventRankRetries.Load()
	if got, want := searchIDs(t, d, terms, 5, true), scanFind(evs, keys, terms, 5, true); !slices.Equal(got, want) || want[0] != last {
		t.Errorf("right after the move: found %v, want %v (%d first)", got, want, last)
	}
	if d.eventRankSearches.Load() == rankSearches || d.eventRankRetries.Load() == retries {
		t.Errorf("the ranks held served %d searches, made again %d", d.eventRankSearches.Load()-rankSearches, d.eventRankRetries.Load()-retries)
	}
}

// TestEventRanksSpan: events whose start days span more than the ranks
// held can (rankDaysMax) leave them unread, and searches find what they
// found without them.
func TestEventRanksSpan(t *testing.T) {
	d, ctx := open(t), context.Background()
	evs := benchEvents(rand.New(rand.NewPCG(5, 6)), 200)
	evs[0].Start = jalali.MustNew(1180, 1, 1)
	evs[1].Start = jalali.MustNew(1399, 1, 1)
	evs[0].End, evs[1].End = evs[0].Start, evs[1].Start
	keys := storeCounted(t, d, evs)
	v, err := d.versions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if held, err := d.eventRanksAt(ctx, v.ranks); err != nil || held {
		t.Errorf("ranks over %d years held: %v (%v)", 1399-1180, held, err)
	}
	defer func(n int64) { eventQuadFew = n }(eventQuadFew)
	eventQuadFew = 1
	for _, q := range []string{"همایش", "نشست خبری", "استانداری"} {
		terms := persian.SearchTerms(q)
		if got, want := searchIDs(t, d, terms, 21, true), scanFind(evs, keys, terms, 21, true); !slices.Equal(got, want) {
			t.Errorf("%q: found %v, want %v", q, got, want)
		}
	}
	if n := d.eventRankSearches.Load(); n != 0 {
		t.Errorf("the ranks served %d searches", n)
	}
}

// TestNewestRanksAreTheHighest: the ranks newestRanks gives are the n
// highest below the bound of the events a set holds, newest first,
// whatever the set (ids of no event too), the bound and n, through the
// tiers or past them.
func TestNewestRanksAreTheHighest(t *testing.T) {
	d := open(t)
	rng := rand.New(rand.NewPCG(7, 8))
	evs := undatedEvery(benchEvents(rng, 3000), 11)
	storeEvents(t, d, evs)
	checkRanks(t, d)
	if len(d.ranks.tiers) != 2 {
		t.Fatalf("%d tiers", len(d.ranks.tiers))
	}
	ranks := map[int64]int64{}
	for id := range int64(len(evs) + 50) {
		ranks[id] = d.ranks.rank(id)
	}
	for range 300 {
		l := quadLeft{chunks: map[int64][]uint64{}}
		var in []int64
		share := []int{1, 3, 30, 1000}[rng.IntN(4)]
		for id := range int64(len(evs) + 50) {
			if rng.IntN(share) == 0 {
				c := id >> eventQuads.bits
				if l.chunks[c] == nil {
					l.chunks[c] = make([]uint64, eventQuads.words())
				}
				low := eventQuads.low(id)
				l.chunks[c][low/64] |= 1 << (low % 64)
				in = append(in, ranks[id])
				l.n++
			}
		}
		below := int64(math.MaxInt64)
		if len(in) > 0 && rng.IntN(2) == 0 {
			below = in[rng.IntN(len(in))]
		}
		n := []int{1, 5, 42, 500}[rng.IntN(4)]
		want := slices.DeleteFunc(slices.Clone(in), func(r int64) bool { return r >= below })
		slices.SortFunc(want, func(a, b int64) int { return cmp.Compare(b, a) })
		want = want[:min(n, len(want))]
		got, _, ok := d.newestRanks(&l, eventQuads, below, n)
		if !ok || !slices.Equal(got, want) {
			t.Fatalf("%d events (one in %d), below %d, %d newest: %v, want %v", l.n, share, below, n, got, want)
		}
	}
}

// TestEventRanksReadInTheBackground: as the server runs, the first search
// that asks for the ranks starts their read in the background and takes
// the other paths; a later one finds them held. Close stops a read under
// way.
func TestEventRanksReadInTheBackground(t *testing.T) {
	eventRanksAsync = true
	defer func() { eventRanksAsync = false }()
	d, ctx := open(t), context.Background()
	evs := benchEvents(rand.New(rand.NewPCG(1, 2)), 300)
	keys := storeCounted(t, d, evs)
	v, err := d.versions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if held, err := d.eventRanksAt(ctx, v.ranks); err != nil || held {
		t.Fatalf("held at once: %v (%v)", held, err)
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		if held, err := d.eventRanksAt(ctx, v.ranks); err != nil {
			t.Fatal(err)
		} else if held {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the ranks were not read in 10 s")
		}
	}
	defer func(n int64) { eventQuadFew = n }(eventQuadFew)
	eventQuadFew = 1
	terms := persian.SearchTerms("نشست خبری")
	if got, want := searchIDs(t, d, terms, 21, true), scanFind(evs, keys, terms, 21, true); !slices.Equal(got, want) {
		t.Errorf("found %v, want %v", got, want)
	}
	if d.eventRankSearches.Load() != 1 {
		t.Errorf("the ranks served %d searches, want 1", d.eventRankSearches.Load())
	}

	closing, err := Open(ctx, filepath.Join(t.TempDir(), "closing.db"))
	if err != nil {
		t.Fatal(err)
	}
	storeEvents(t, closing, evs)
	// A key of a high id, written by hand: the read walks 1,024 chunks of
	// ids, some milliseconds, and Close comes while it does (Close cancels
	// it; waited for to its end, it would hold the ranks).
	if _, err := closing.w.Exec(`INSERT INTO search_index (doc, ref_id, key, rank) VALUES ('event', ?1, 'کهکشان', ?1)`, 1<<22); err != nil {
		t.Fatal(err)
	}
	began := time.Now()
	if err := closing.readRanks(ctx); err != nil {
		t.Fatal(err)
	}
	took := time.Since(began)
	closing.ranks.mu.Lock()
	closing.ranks.built = false
	closing.ranks.mu.Unlock()
	closing.readRanksLater()
	done := make(chan error)
	go func() { done <- closing.Close() }()
	select {
	case err := <-done:
		if err != nil {
			t.Error(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Close did not return")
	}
	if closing.readRanksLater(); closing.ranks.running {
		t.Error("a read started after Close")
	}
	if closing.ranks.built {
		t.Errorf("the read (%v alone) ended before Close stopped it", took)
	}
	t.Logf("a read of every rank alone: %v", took)
}

// TestEventSearchByRanksFallsBack: with more events left than
// eventQuadFew, the ranks held serve a search whose checks fill the page,
// and hand one whose checks find none (a term too short to have quads,
// in no event left) to the other paths; either finds what reading every
// key finds.
func TestEventSearchByRanksFallsBack(t *testing.T) {
	defer func(n int64) { eventQuadFew = n }(eventQuadFew)
	eventQuadFew = 100
	d, evs, keys := potteryEvents(t)
	for _, tt := range []struct {
		q      string
		served bool
	}{
		{"سفالگری منبت", true},
		{"سفالگری منبت کا", true}, // «کا»: no quads, in every key left
		{"سفالگری منبت ژ", false}, // «ژ»: no quads, in no key left
	} {
		terms := persian.SearchTerms(tt.q)
		counts, err := d.pieceCounts(context.Background(), "event", terms)
		if err != nil {
			t.Fatal(err)
		}
		if left, _, _ := d.eventQuadsLeft(context.Background(), terms, counts, math.MaxInt64); left.n <= eventQuadFew {
			t.Fatalf("%q: %d events left", tt.q, left.n)
		}
		for _, limit := range []int{8, 21} {
			for _, drafts := range []bool{false, true} {
				before := d.eventRankSearches.Load()
				got, want := searchIDs(t, d, terms, limit, drafts), scanFind(evs, keys, terms, limit, drafts)
				if !slices.Equal(got, want) {
					t.Fatalf("%q (limit %d, drafts %v): found %v, want %v", tt.q, limit, drafts, got, want)
				}
				if by := d.eventRankSearches.Load() > before; by != tt.served {
					t.Errorf("%q (limit %d, drafts %v): served by the ranks %v, want %v", tt.q, limit, drafts, by, tt.served)
				}
			}
		}
	}
}
