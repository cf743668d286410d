package sqlite

import (
	"context"
	"database/sql"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/persian"
)

// TestQuadSets: a chunk's set (of either table) holds what was added to
// it one id at a time (quad_union with the set of one), whatever the
// order, as an array up to arrayMax ids and a bitmap beyond, and its
// union with another is the set of both's ids.
func TestQuadSets(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, tb := range quadTables {
		for round := range 120 {
			n := rng.IntN(2 * tb.arrayMax())
			if round%40 == 0 {
				n = tb.arrayMax() + round/40%2 // the edge, both sides
			}
			want := map[uint16]bool{}
			var set []byte
			for len(want) < n {
				low := uint16(rng.IntN(tb.chunkIDs()))
				given, before := set, slices.Clone(set)
				var err error
				if set, err = quadUnionSQL(given, quadSet(tb, []uint16{low}), int64(tb.bits)); err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(given, before) {
					t.Fatal("quad_union changed the set it was given")
				}
				want[low] = true
			}
			if size := len(set); len(want) > tb.arrayMax() && size != tb.bitmapLen() || len(want) <= tb.arrayMax() && size != 2*len(want) {
				t.Fatalf("%s: %d ids in %d bytes", tb.table, len(want), size)
			}
			got := make([]uint64, tb.words())
			quadBits(set, got)
			// ANDed into random words (every other round, most of them
			// empty, as after the rarest quad), the set keeps their bits
			// it holds.
			and := make([]uint64, tb.words())
			for w := range and {
				if and[w] = rng.Uint64(); round%2 == 1 && rng.IntN(8) != 0 {
					and[w] = 0
				}
			}
			wantAnd := slices.Clone(and)
			for w := range wantAnd {
				wantAnd[w] &= got[w]
			}
			if quadAnd(set, and); !slices.Equal(and, wantAnd) {
				t.Fatalf("%s: %d ids: quadAnd kept other bits than the set's", tb.table, len(want))
			}
			for low := range tb.chunkIDs() {
				if has := got[low/64]>>(low%64)&1 == 1; has != want[uint16(low)] {
					t.Fatalf("%s: id %d: in the set %v, added %v", tb.table, low, has, want[uint16(low)])
				}
			}
			lows := make([]uint16, 0, len(want))
			for low := range want {
				lows = append(lows, low)
			}
			slices.Sort(lows)
			if built := quadSet(tb, lows); !slices.Equal(built, set) {
				t.Fatalf("%s: %d ids: built %d bytes, added %d", tb.table, n, len(built), len(set))
			}
			// The union with another set is the set of both's ids.
			var more []uint16
			for range rng.IntN(tb.arrayMax()) {
				more = append(more, uint16(rng.IntN(tb.chunkIDs())))
			}
			slices.Sort(more)
			more = slices.Compact(more)
			both := slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(lows), more...))))
			union, err := quadUnionSQL(set, quadSet(tb, more), int64(tb.bits))
			if err != nil || !slices.Equal(union, quadSet(tb, both)) {
				t.Fatalf("%s: the union of %d and %d ids: %d bytes (%v), want the set of %d", tb.table, len(lows), len(more), len(union), err, len(both))
			}
		}
	}
	if _, err := quadUnionSQL("text", nil, quadChunkBits); err == nil {
		t.Error("quad_union took a text")
	}
	if _, err := quadUnionSQL(nil, []byte{1, 2, 3}, quadChunkBits); err == nil {
		t.Error("quad_union took a set of 3 bytes")
	}
	if _, err := quadUnionSQL(make([]byte, 2*(quadArrayMax+2)), nil, quadChunkBits); err == nil {
		t.Error("quad_union took an array longer than a chunk's")
	}
	if _, err := quadUnionSQL(nil, nil, 13); err == nil {
		t.Error("quad_union took chunks of 2^13 ids")
	}
}

// TestQuadsOf: a key's quads are its runs of four characters and of
// three (trigram), once each, those of characters beyond U+FFFF left out;
// a search asks for what a key holding its terms must hold.
func TestQuadsOf(t *testing.T) {
	pack := func(s string) uint64 {
		var q uint64
		for _, r := range s {
			q = q<<16 | uint64(r)
		}
		if utf8.RuneCountInString(s) == 3 {
			q = q<<16 | 1
		}
		return q
	}
	naive := func(key string) []uint64 {
		r := []rune(key)
		var out []uint64
		for n := 3; n <= 4; n++ {
			for i := 0; i+n <= len(r); i++ {
				if !slices.ContainsFunc(r[i:i+n], func(c rune) bool { return c > 0xFFFF }) {
					out = append(out, pack(string(r[i:i+n])))
				}
			}
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	alphabet := []rune("ابپتسیکلمن۱2a𝔸")
	for range 2000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		key := b.String()
		if got, want := quadsOf(key, []uint64{7}), append([]uint64{7}, naive(key)...); !slices.Equal(got, want) {
			t.Fatalf("%q: %x, want %x", key, got, want)
		}
	}
	got := termQuads([]string{"سیل", "کهکشان", "اب", "تبریز𝔸"})
	want := []uint64{pack("سیل"), pack("کهکش"), pack("هکشا"), pack("کشان"), pack("تبری"), pack("بریز")}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("termQuads: %x, want %x", got, want)
	}
	if got := termQuads([]string{"اب", "𝔸بب"}); len(got) != 0 {
		t.Errorf("short terms asked for %x", got)
	}
}

// quadRows returns the sets of table tb, row by row.
func quadRows(t *testing.T, d *DB, tb quadTable) map[[2]int64]string {
	t.Helper()
	rows, err := d.w.Query(`SELECT quad, chunk, ids FROM ` + tb.table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[[2]int64]string{}
	for rows.Next() {
		var q, c int64
		var ids []byte
		if err := rows.Scan(&q, &c, &ids); err != nil {
			t.Fatal(err)
		}
		out[[2]int64{q, c}] = string(ids)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// quadChunks returns the chunks of rows (quadRows').
func quadChunks(rows map[[2]int64]string) map[int64]bool {
	chunks := map[int64]bool{}
	for k := range rows {
		chunks[k[1]] = true
	}
	return chunks
}

// TestQuadsAddedAsBuilt: the sets that writes add to, article by article,
// are those a build makes of every key; a database whose sets are not
// built (one from before them) gets them when it opens, and a bulk fill
// builds them at its end.
func TestQuadsAddedAsBuilt(t *testing.T) {
	path := t.TempDir() + "/quads.db"
	d, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	words := strings.Fields(strings.Join(append(benchSubjects, benchPlaces...), " "))
	// Ids across chunks, so that sets of several chunks are added to.
	for i := range 40 {
		if i == 20 {
			if _, err := d.w.Exec(`INSERT INTO articles (id, body, content_hash, created_at) VALUES (?, '', 'gap', '')`, 3*quadChunkIDs); err != nil {
				t.Fatal(err)
			}
		}
		var b strings.Builder
		for range 20 + rng.IntN(60) {
			b.WriteString(words[rng.IntN(len(words))] + " ")
		}
		storeArticle(t, d, words[rng.IntN(len(words))], b.String())
	}
	added := quadRows(t, d, articleQuads)
	if len(added) < 500 {
		t.Fatalf("only %d sets added to", len(added))
	}
	chunks := quadChunks(added)
	if len(chunks) != 2 || !chunks[0] || !chunks[3] {
		t.Errorf("the sets of chunks %v, want 0 and 3", chunks)
	}
	if _, err := d.w.Exec(`UPDATE article_quads_state SET built = 0`); err != nil {
		t.Fatal(err)
	}
	// Not built: a write adds nothing, a search reads no set.
	storeArticle(t, d, "کهکشان", "سفر به کهکشان راه شیری")
	if _, ok, err := d.articlesByQuads(context.Background(), []string{"کهکشان"}, 5); err != nil || ok {
		t.Errorf("the sets not built served a search (%v)", err)
	}
	d.Close()
	if d, err = Open(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	// Built from every key: chunk 0's sets are those added; chunk 3's
	// hold those added and the article written while they were not built.
	built := quadRows(t, d, articleQuads)
	in, want := make([]uint64, quadChunkIDs/64), make([]uint64, quadChunkIDs/64)
	for k, ids := range added {
		quadBits([]byte(built[k]), in)
		quadBits([]byte(ids), want)
		for w := range in {
			if in[w]&want[w] != want[w] || k[1] == 0 && in[w] != want[w] {
				t.Fatalf("quad %x chunk %d: built %x, added %x", k[0], k[1], built[k], ids)
			}
		}
	}
	for k := range built {
		if _, ok := added[k]; !ok && k[1] == 0 {
			t.Fatalf("quad %x chunk 0 built, never added", k[0])
		}
	}
	hits, ok, err := d.articlesByQuads(context.Background(), []string{"کهکشان"}, 5)
	if err != nil || !ok || len(hits) != 1 {
		t.Errorf("after the build, «کهکشان» found %d articles (served %v, %v)", len(hits), ok, err)
	}
	if err := d.BulkFill(context.Background(), func(b *Bulk) error { return nil }); err != nil {
		t.Fatal(err)
	}
	var state bool
	if err := d.w.QueryRow(`SELECT built FROM article_quads_state`).Scan(&state); err != nil || !state {
		t.Errorf("after a bulk fill the sets are built: %v (%v)", state, err)
	}
	if got := quadRows(t, d, articleQuads); len(got) != len(built) {
		t.Errorf("a bulk fill built %d sets, the open %d", len(got), len(built))
	}
}

// TestRuneCount: runeCount counts as utf8.RuneCount does on valid UTF-8
// of one- to four-byte characters at every alignment and length, and as
// SQLite does on any bytes.
func TestRuneCount(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	alphabet := []rune("aبک۱\u200c€😀 ")
	for range 2000 {
		var b []byte
		for range rng.IntN(60) {
			b = utf8.AppendRune(b, alphabet[rng.IntN(len(alphabet))])
		}
		from := rng.IntN(len(b) + 1)
		for from < len(b) && !utf8.RuneStart(b[from]) {
			from++
		}
		if got, want := runeCount(b[from:]), utf8.RuneCount(b[from:]); got != want {
			t.Fatalf("runeCount(%q) = %d, want %d", b[from:], got, want)
		}
	}
	// Any bytes: as SQLite counts, the bytes that are not continuation
	// bytes.
	for range 2000 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			b[i] = byte(rng.UintN(256))
		}
		want := 0
		for _, c := range b {
			if c&0xC0 != 0x80 {
				want++
			}
		}
		if got := runeCount(b); got != want {
			t.Fatalf("runeCount(%q) = %d, want %d", b, got, want)
		}
	}
}

// TestTextPlaces: where the text holds each term first, as SQLite's
// instr over the text's part of the key says, 0 when the key holds it
// elsewhere only, -1 when the key does not hold it; and firstInText keeps
// the first of those the text holds (the others 0).
func TestTextPlaces(t *testing.T) {
	d := open(t)
	rng := rand.New(rand.NewPCG(7, 8))
	alphabet := []rune("ابتسیک۱a")
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		return b.String()
	}
	seen := map[int64]int{} // how many places of each kind (-1, 0, >0)
	for range 500 {
		key := word(rng.IntN(40))
		start := int64(rng.IntN(utf8.RuneCountInString(key)+2) - 1)
		terms := []string{word(1 + rng.IntN(3)), word(1 + rng.IntN(2))}
		got := textPlaces([]byte(key), start, terms)
		first := firstInText(got)
		inText := false // a term found in the text before
		for i, term := range terms {
			var want int64
			if err := d.db.QueryRow(`SELECT CASE WHEN instr(?1, ?3) = 0 THEN -1 WHEN ?2 < 0 THEN 0
ELSE instr(substr(?1, ?2 + 1), ?3) END`, key, start, term).Scan(&want); err != nil {
				t.Fatal(err)
			}
			if got[i] != want {
				t.Fatalf("%q from %d, %q: %d, instr says %d", key, start, term, got[i], want)
			}
			seen[min(max(want, -1), 1)]++
			wantFirst := max(want, 0)
			if inText {
				wantFirst = 0
			}
			inText = inText || want > 0
			if first[i] != wantFirst {
				t.Fatalf("%q from %d, %q: first in the text %d, want %d", key, start, terms, first, wantFirst)
			}
		}
	}
	if seen[-1] == 0 || seen[0] == 0 || seen[1] == 0 {
		t.Fatalf("not every kind of place was tried: %v", seen)
	}
}

// BenchmarkAddQuadsFile is what the sets cost a row written to the file
// of RUYDAD_BENCH_FILE (see BenchmarkSearchFile): an article's or an
// event's key indexed again (search_index, FTS4 and the sets), in a
// transaction rolled back; a key of a row stored already adds nothing to
// the sets, so that the keys are those of other rows (the ids of the
// oldest, the keys of the newest).
func BenchmarkAddQuadsFile(b *testing.B) {
	d := openBenchFile(b)
	ctx := context.Background()
	for _, t := range quadTables {
		keys, err := queryColumn[string](ctx, d.db, `SELECT key FROM search_index WHERE doc = ? ORDER BY rank DESC LIMIT 200`, t.doc)
		if err != nil {
			b.Fatal(err)
		}
		ids, err := queryColumn[int64](ctx, d.db, `SELECT ref_id FROM search_index WHERE doc = ? ORDER BY ref_id LIMIT 200`, t.doc)
		if err != nil {
			b.Fatal(err)
		}
		for _, quads := range []bool{false, true} {
			b.Run(t.doc+"/"+map[bool]string{false: "index", true: "sets"}[quads], func(b *testing.B) {
				tx, err := d.w.BeginTx(ctx, nil)
				if err != nil {
					b.Fatal(err)
				}
				defer tx.Rollback()
				i := 0
				began := time.Now()
				for b.Loop() {
					var err error
					if quads {
						err = addQuads(ctx, tx, t, ids[i%len(ids)], keys[i%len(keys)])
					} else {
						_, err = tx.ExecContext(ctx, indexSQL(t.doc), t.doc, ids[i%len(ids)], keys[i%len(keys)])
					}
					if err != nil {
						b.Fatal(err)
					}
					i++
				}
				b.ReportMetric(float64(time.Since(began).Microseconds())/float64(b.N), "µs/row")
			})
		}
	}
}

// TestLoadBuildsQuads: a load of many articles builds the quads' sets at
// its end, one of few adds each article: either way they are the sets a
// build makes.
func TestLoadBuildsQuads(t *testing.T) {
	defer func(n int) { loadQuadsAdded = n }(loadQuadsAdded)
	loadQuadsAdded = 3
	for _, n := range []int{2, 6} {
		d := open(t)
		err := d.LoadTx(context.Background(), func(tx app.DumpTx) error {
			for i := range n {
				text := strings.Repeat("کهکشان راه شیری ", i+1) + strconv.Itoa(i)
				a := domain.Article{Title: "خبر " + strconv.Itoa(i), Text: text, Hash: app.Hash(text), CreatedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
				if err := tx.InsertArticle(context.Background(), &a, nil); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		loaded := quadRows(t, d, articleQuads)
		var built bool
		if err := d.w.QueryRow(`SELECT built FROM article_quads_state`).Scan(&built); err != nil || !built {
			t.Fatalf("%d articles loaded: built %v (%v)", n, built, err)
		}
		if err := d.inTx(context.Background(), func(tx *sql.Tx) error { return buildQuads(context.Background(), tx) }); err != nil {
			t.Fatal(err)
		}
		if rebuilt := quadRows(t, d, articleQuads); len(loaded) < 20 || !maps.Equal(loaded, rebuilt) {
			t.Errorf("%d articles loaded: %d sets, a build makes %d", n, len(loaded), len(rebuilt))
		}
	}
}

// TestEventSearchByQuads: a search of words that few events hold all of
// is served by the events' quads' sets and finds what reading every key
// finds (newest first, as many as asked, drafts or not); with more events
// left than the sets may serve alone, the ranks held serve it, or FTS4
// when they are not held, as when the sets are not built, with the same
// results; and a write while the sets are not built adds
// nothing to them.
func TestEventSearchByQuads(t *testing.T) {
	d := open(t)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(9, 10))
	evs := meetingEvents(rng, 1500)
	keys := storeCounted(t, d, evs)
	check := func(what string, q string, served bool) {
		t.Helper()
		terms := persian.SearchTerms(q)
		for _, limit := range []int{5, 3000} {
			for _, drafts := range []bool{false, true} {
				before := d.eventQuadSearches.Load()
				got, want := searchIDs(t, d, terms, limit, drafts), scanFind(evs, keys, terms, limit, drafts)
				if !slices.Equal(got, want) {
					t.Fatalf("%s: %q (limit %d, drafts %v): found %v, want %v", what, q, limit, drafts, got, want)
				}
				if by := d.eventQuadSearches.Load() > before; by != served {
					t.Errorf("%s: %q served by the sets: %v, want %v", what, q, by, served)
				}
			}
		}
	}
	// The sets of both words' quads ANDed leave the events holding both,
	// or few more: not those holding one word only.
	terms := persian.SearchTerms("کرمان همدان")
	counts, err := d.pieceCounts(ctx, "event", terms)
	if err != nil {
		t.Fatal(err)
	}
	left, ok, err := d.eventQuadsLeft(ctx, terms, counts, math.MaxInt64)
	if both := len(scanFind(evs, keys, terms, 3000, true)); err != nil || !ok || left.n < int64(both) || left.n > int64(both)+2 {
		t.Errorf("«کرمان همدان»: the sets leave %d events (%v, %v), %d hold both words", left.n, ok, err, both)
	}
	// A search that checks a few keys (by the ranks held) ANDs the rarest
	// quad of each word alone: the others would rule out less than they
	// cost to read. One that checks every event left ANDs more of them
	// when many are left.
	more := 0
	for _, q := range []string{"جلسه استانداری", "همایش دانشگاه", "نشست خبری", "جلسه شورا", "کرمان همدان"} {
		terms := persian.SearchTerms(q)
		counts, err := d.pieceCounts(ctx, "event", terms)
		if err != nil {
			t.Fatal(err)
		}
		few, _, err := d.eventQuadsLeft(ctx, terms, counts, 2*21)
		if err != nil {
			t.Fatal(err)
		}
		all, _, err := d.eventQuadsLeft(ctx, terms, counts, math.MaxInt64)
		if err != nil {
			t.Fatal(err)
		}
		if few.quads != len(terms) || all.quads < few.quads || few.n < all.n {
			t.Errorf("%q: %d quads ANDed leave %d events for a few checks, %d leave %d for all", q, few.quads, few.n, all.quads, all.n)
		}
		if all.quads > few.quads {
			more++
		}
	}
	if more == 0 {
		t.Error("no search checking every event left ANDed more quads: the bound is untried")
	}
	check("few", "کرمان همدان", true)
	check("few", "مشترک", true)
	check("none", "کرمان زیردریایی", true)
	// The same without the ranks held (a server reading them as it
	// starts): the ranks of the few events left are read.
	eventRanksOn = false
	t.Cleanup(func() { eventRanksOn = true })
	rankSearches := d.eventRankSearches.Load()
	check("few, the ranks not held", "کرمان همدان", true)
	check("few, the ranks not held", "مشترک", true)
	if d.eventRankSearches.Load() != rankSearches {
		t.Error("the ranks served searches while not held")
	}
	eventRanksOn = true
	defer func(n int64) { eventQuadFew = n }(eventQuadFew)
	eventQuadFew = 4
	// More events left than their ranks may be read for: the ranks held
	// serve (eventsByRanks), or FTS4 when they are not held.
	before := d.eventRankSearches.Load()
	check("more than the sets serve, by the ranks held", "کرمان همدان", true)
	if n := d.eventRankSearches.Load() - before; n != 4 {
		t.Errorf("the ranks held served %d of 4 searches", n)
	}
	eventRanksOn = false
	check("more than the sets serve", "کرمان همدان", false)
	eventRanksOn = true
	eventQuadFew = 512
	if _, err := d.w.Exec(`UPDATE event_quads_state SET built = 0`); err != nil {
		t.Fatal(err)
	}
	d.quads.drop() // the data version did not move: the sets kept were read when built
	check("not built", "کرمان همدان", false)
	rows := len(quadRows(t, d, eventQuads))
	e := benchEvent(rng, 1500)
	e.Title = "نشست ویژه کهکشان"
	storeEvents(t, d, []domain.Event{e})
	if n := len(quadRows(t, d, eventQuads)); n != rows {
		t.Errorf("a write while the sets are not built changed them: %d rows, were %d", n, rows)
	}
}

// potteryEvents stores 2,000 events, a seventh of them holding two words
// that always meet, each in a seventh of the events («سفالگری منبت»),
// their pieces counted: the database, the events and their keys.
func potteryEvents(t *testing.T) (*DB, []domain.Event, []string) {
	d := open(t)
	evs := benchEvents(rand.New(rand.NewPCG(13, 14)), 2000)
	for i := range evs {
		if i%7 == 0 {
			evs[i].Description = "کارگاه سفالگری و منبت"
		}
	}
	return d, evs, storeCounted(t, d, evs)
}

// TestEventSearchNewestByCount: words that many events hold all of, but
// that the counts of their pieces take for rare (two words that always
// meet, each in a seventh of the events), are looked for among the newest
// keys, as many as the sets' count says likely hold the page; a search
// finds what reading every key finds either way, and the sets' count is
// not used when a term is too short to have quads.
func TestEventSearchNewestByCount(t *testing.T) {
	defer func(n int64) { eventQuadFew = n }(eventQuadFew)
	eventQuadFew = 100
	// The path of a server whose ranks are not held yet (eventRanks).
	eventRanksOn = false
	t.Cleanup(func() { eventRanksOn = true })
	d, evs, keys := potteryEvents(t)
	ctx := context.Background()
	for _, tt := range []struct {
		q     string
		limit int
		by    bool // read the newest keys by the sets' count
	}{
		{"سفالگری منبت", 8, true},
		{"سفالگری منبت", 21, true},
		{"سفالگری منبت", 3000, false},  // more keys than eventScanMax
		{"سفالگری منبت کا", 21, false}, // «کا» has no quads: the count leaves it out
	} {
		terms := persian.SearchTerms(tt.q)
		counts, err := d.pieceCounts(ctx, "event", terms)
		if err != nil {
			t.Fatal(err)
		}
		if dense(terms, counts, tt.limit, eventScanKeys) {
			t.Fatalf("%q (limit %d): the counts of its pieces say the newest keys hold the page", tt.q, tt.limit)
		}
		for _, drafts := range []bool{false, true} {
			before, quads := d.eventNewestByCount.Load(), d.eventQuadSearches.Load()
			got, want := searchIDs(t, d, terms, tt.limit, drafts), scanFind(evs, keys, terms, tt.limit, drafts)
			if !slices.Equal(got, want) {
				t.Fatalf("%q (limit %d, drafts %v): found %v, want %v", tt.q, tt.limit, drafts, got, want)
			}
			if by := d.eventNewestByCount.Load() > before; by != tt.by || d.eventQuadSearches.Load() != quads {
				t.Errorf("%q (limit %d, drafts %v): newest keys by the sets' count %v, want %v (sets served %d)",
					tt.q, tt.limit, drafts, by, tt.by, d.eventQuadSearches.Load()-quads)
			}
		}
	}
}

// TestQuadAddsFlush: what a transaction adds to the sets is written at
// its end, or whenever it has noted quadAddsMax ids, and is what a build
// makes; a table whose sets are not built is passed over, not the other.
func TestQuadAddsFlush(t *testing.T) {
	defer func(n int) { quadAddsMax = n }(quadAddsMax)
	quadAddsMax = 500
	d, ctx := open(t), context.Background()
	storeEvents(t, d, benchEvents(rand.New(rand.NewPCG(11, 12)), 120)) // one transaction, some 20 writes of the sets
	added := quadRows(t, d, eventQuads)
	if err := d.inTx(ctx, func(tx *sql.Tx) error { return buildQuadTable(ctx, tx, eventQuads) }); err != nil {
		t.Fatal(err)
	}
	if built := quadRows(t, d, eventQuads); len(added) < 1000 || !maps.Equal(added, built) {
		t.Errorf("%d sets written in steps, a build makes %d (or others)", len(added), len(built))
	}
	// The articles' sets not built halfway through a transaction: the
	// events' are written all the same.
	before := len(quadRows(t, d, eventQuads))
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		if err := addQuads(ctx, tx, articleQuads, 1, "کهکشان راه شیری"); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE article_quads_state SET built = 0`); err != nil {
			return err
		}
		return addQuads(ctx, tx, eventQuads, 9_000, "زیردریایی ژرفا")
	})
	if err != nil {
		t.Fatal(err)
	}
	rows := quadRows(t, d, eventQuads)
	set, ok := rows[[2]int64{int64(quadsOf("زیرد", nil)[1]), 0}]
	bits := make([]uint64, eventQuads.words())
	quadBits([]byte(set), bits)
	if low := eventQuads.low(9_000); len(rows) <= before || !ok || bits[low/64]>>(low%64)&1 == 0 {
		t.Errorf("the events' sets without event 9,000's runs: %d rows, were %d", len(rows), before)
	}
}

// storeCounted stores evs, counts the pieces of the search keys (as a
// database long in use has them counted), and returns the events' keys.
func storeCounted(t *testing.T, d *DB, evs []domain.Event) []string {
	t.Helper()
	storeEvents(t, d, evs)
	if err := d.OptimizeSearch(context.Background()); err != nil {
		t.Fatal(err)
	}
	keys := make([]string, len(evs))
	for i := range evs {
		keys[i] = eventKey(&evs[i])
	}
	return keys
}

// meetingEvents returns the first n of benchEvent's events, one in a
// hundred of which says that two places meet (words that meet in few
// events), a third of those proposed.
func meetingEvents(rng *rand.Rand, n int) []domain.Event {
	evs := make([]domain.Event, n)
	for i := range evs {
		evs[i] = benchEvent(rng, i)
		if i%100 == 5 {
			evs[i].Description = meetingText
			if i%300 == 5 {
				evs[i].Status = domain.StatusProposed
			}
		}
	}
	return evs
}

const meetingText = "نشست مشترک کرمان و همدان"

// benchEvents returns the first n of benchEvent's events.
func benchEvents(rng *rand.Rand, n int) []domain.Event {
	evs := make([]domain.Event, n)
	for i := range evs {
		evs[i] = benchEvent(rng, i)
	}
	return evs
}
