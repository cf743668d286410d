package sqlite

import (
	"context"
	"database/sql"
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
)

// TestQuadSets: a chunk's set holds what was added to it, whatever the
// order, as an array up to quadArrayMax ids and a bitmap beyond.
func TestQuadSets(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 300 {
		n := rng.IntN(2 * quadArrayMax)
		if round%50 == 0 {
			n = quadArrayMax + round/50%2 // the edge, both sides
		}
		want := map[uint16]bool{}
		var set []byte
		for len(want) < n {
			low := uint16(rng.IntN(quadChunkIDs))
			given, before := set, slices.Clone(set)
			set = quadAdd(given, low)
			if !slices.Equal(given, before) {
				t.Fatal("quadAdd changed the set it was given")
			}
			want[low] = true
		}
		if size := len(set); len(want) > quadArrayMax && size != quadBitmap || len(want) <= quadArrayMax && size != 2*len(want) {
			t.Fatalf("%d ids in %d bytes", len(want), size)
		}
		var got [quadChunkIDs / 64]uint64
		quadBits(set, &got)
		for low := range quadChunkIDs {
			if has := got[low/64]>>(low%64)&1 == 1; has != want[uint16(low)] {
				t.Fatalf("id %d: in the set %v, added %v", low, has, want[uint16(low)])
			}
		}
		lows := make([]uint16, 0, len(want))
		for low := range want {
			lows = append(lows, low)
		}
		slices.Sort(lows)
		if built := quadSet(lows); !slices.Equal(built, set) {
			t.Fatalf("%d ids: built %d bytes, added %d", n, len(built), len(set))
		}
	}
	if _, err := quadAddSQL("text", 1); err == nil {
		t.Error("quad_add took a text")
	}
	if _, err := quadAddSQL([]byte{1, 2, 3}, 1); err == nil {
		t.Error("quad_add took a set of 3 bytes")
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

// quadRows returns article_quads, row by row.
func quadRows(t *testing.T, d *DB) map[[2]int64]string {
	t.Helper()
	rows, err := d.w.Query(`SELECT quad, chunk, ids FROM article_quads`)
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
	added := quadRows(t, d)
	if len(added) < 500 {
		t.Fatalf("only %d sets added to", len(added))
	}
	chunks := map[int64]bool{}
	for k := range added {
		chunks[k[1]] = true
	}
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
	built := quadRows(t, d)
	var in, want [quadChunkIDs / 64]uint64
	for k, ids := range added {
		quadBits([]byte(built[k]), &in)
		quadBits([]byte(ids), &want)
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
	if got := quadRows(t, d); len(got) != len(built) {
		t.Errorf("a bulk fill built %d sets, the open %d", len(got), len(built))
	}
}

// TestTextPositions: where the text holds the first of the terms it
// holds, as SQLite's instr over the text's part of the key says (the
// others 0).
func TestTextPositions(t *testing.T) {
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
	for range 500 {
		key := word(rng.IntN(40))
		start := int64(rng.IntN(utf8.RuneCountInString(key)+2) - 1)
		terms := []string{word(1 + rng.IntN(3)), word(1 + rng.IntN(2))}
		got := textPositions([]byte(key), start, terms)
		first := true // no term found before
		for i, term := range terms {
			var want int64
			if err := d.db.QueryRow(`SELECT coalesce(instr(substr(?1, ?2 + 1), ?3), 0) FROM (SELECT 1) WHERE ?2 >= 0
UNION ALL SELECT 0 WHERE ?2 < 0`, key, start, term).Scan(&want); err != nil {
				t.Fatal(err)
			}
			if !first {
				want = 0
			}
			first = first && want == 0
			if got[i] != want {
				t.Fatalf("%q from %d, %q: %d, instr says %d", key, start, term, got[i], want)
			}
		}
	}
}

// BenchmarkAddQuadsFile is what the sets cost an article written to the
// file of RUYDAD_BENCH_FILE (see BenchmarkSearchFile): its key indexed
// again (search_index, FTS4 and the sets), in a transaction rolled back.
func BenchmarkAddQuadsFile(b *testing.B) {
	d := openBenchFile(b)
	ctx := context.Background()
	var keys []string
	var ids []int64
	rows, err := d.db.Query(`SELECT ref_id, key FROM search_index WHERE doc = 'article' ORDER BY rank DESC LIMIT 200`)
	if err != nil {
		b.Fatal(err)
	}
	for rows.Next() {
		var id int64
		var key string
		if err := rows.Scan(&id, &key); err != nil {
			b.Fatal(err)
		}
		ids, keys = append(ids, id), append(keys, key)
	}
	rows.Close()
	for _, quads := range []bool{false, true} {
		b.Run(map[bool]string{false: "index", true: "sets"}[quads], func(b *testing.B) {
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
					err = addQuads(ctx, tx, ids[i%len(ids)], keys[i%len(keys)])
				} else {
					_, err = tx.ExecContext(ctx, indexSQL("article"), "article", ids[i%len(ids)], keys[i%len(keys)])
				}
				if err != nil {
					b.Fatal(err)
				}
				i++
			}
			b.ReportMetric(float64(time.Since(began).Microseconds())/float64(b.N), "µs/article")
		})
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
		loaded := quadRows(t, d)
		var built bool
		if err := d.w.QueryRow(`SELECT built FROM article_quads_state`).Scan(&built); err != nil || !built {
			t.Fatalf("%d articles loaded: built %v (%v)", n, built, err)
		}
		if err := d.inTx(context.Background(), func(tx *sql.Tx) error { return buildQuads(context.Background(), tx) }); err != nil {
			t.Fatal(err)
		}
		if rebuilt := quadRows(t, d); len(loaded) < 20 || !maps.Equal(loaded, rebuilt) {
			t.Errorf("%d articles loaded: %d sets, a build makes %d", n, len(loaded), len(rebuilt))
		}
	}
}
