package sqlite

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"maps"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/persian"
)

// storeEvents stores evs in one transaction, as the store writes events.
func storeEvents(t testing.TB, d *DB, evs []domain.Event) {
	t.Helper()
	err := d.inTx(context.Background(), func(tx *sql.Tx) error {
		for i := range evs {
			if err := insertEvent(context.Background(), tx, &evs[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// checkSearchIndex runs FTS4's integrity check of both indexes: each holds
// the pieces of the keys search_index holds, and nothing else.
func checkSearchIndex(t *testing.T, d *DB) {
	t.Helper()
	for _, table := range []string{"event_search", "article_search"} {
		if _, err := d.w.Exec(`INSERT INTO ` + table + ` (` + table + `) VALUES ('integrity-check')`); err != nil {
			t.Errorf("%s: %v", table, err)
		}
	}
}

// searchIDs returns the ids of the events Search finds.
func searchIDs(t *testing.T, d *DB, terms []string, limit int, drafts bool) []int64 {
	t.Helper()
	evs, _, err := d.Search(context.Background(), terms, limit, drafts)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(evs))
	for i, e := range evs {
		ids[i] = e.ID
	}
	return ids
}

// TestSearchFindsWhatAScanFinds: over 2,500 events (word-list titles, a
// third typed with Arabic letters and no ZWNJ, some without a date, of
// every status), each search finds what reading every key would: the
// events whose key holds every term, not rejected (confirmed only without
// drafts), newest first (undated last, then by number), at most the
// limit; for words of every length (a letter, two, long ones the index
// finds in pieces) alone and together, whole or cut anywhere.
func TestSearchFindsWhatAScanFinds(t *testing.T) {
	d := open(t)
	rng := rand.New(rand.NewPCG(3, 5))
	statuses := []domain.Status{domain.StatusConfirmed, domain.StatusProposed, domain.StatusRejected}
	evs := make([]domain.Event, 2500)
	for i := range evs {
		evs[i] = benchEvent(rng, i)
		evs[i].Status = statuses[rng.IntN(len(statuses))]
		if i%97 == 0 {
			evs[i].Start, evs[i].End, evs[i].Status = jalali.Date{}, jalali.Date{}, domain.StatusProposed
		}
		if i%500 == 3 {
			evs[i].Description = "ژرفای اقیانوس"
		}
	}
	for i := 2000; i < len(evs); i += 50 {
		evs[i].Description = "زیردریایی"
	}
	stored := 2000 // the events stored so far
	storeEvents(t, d, evs[:stored])
	keys := make([]string, len(evs))
	for i := range evs {
		keys[i] = eventKey(&evs[i])
	}
	want := func(terms []string, limit int, drafts bool) []int64 {
		return scanFind(evs[:stored], keys, terms, limit, drafts)
	}
	words := strings.Fields(strings.Join(append(append(append(benchKinds, benchSubjects...), benchOrgs...), benchPlaces...), " "))
	term := func() string {
		switch rng.IntN(4) {
		case 0: // a word as typed, whatever the spelling, or one only the last events hold
			if rng.IntN(20) == 0 {
				return "زیردریایی"
			}
			return words[rng.IntN(len(words))]
		case 1: // a word spelt otherwise
			return arabicForms(words[rng.IntN(len(words))])
		default: // a run of a key, across words
			key := []rune(keys[rng.IntN(stored)])
			n := 1 + rng.IntN(min(12, len(key)))
			at := rng.IntN(len(key) - n + 1)
			return string(key[at : at+n])
		}
	}
	// Before the pieces are counted (a new database: each term is the
	// phrase of its pieces), once they are (each term its rarest piece),
	// and after more events were stored (counts that miss their pieces).
	var found, newestFirst int
	for i := range 900 {
		switch i {
		case 300:
			if err := d.OptimizeSearch(context.Background()); err != nil {
				t.Fatal(err)
			}
			checkSearchIndex(t, d)
			if counts, err := d.pieceCounts(context.Background(), "event", []string{"جلسه"}); err != nil || counts["جلس"] == 0 {
				t.Fatalf("after OptimizeSearch, «جلس» is counted in %d keys (%v)", counts["جلس"], err)
			}
		case 600:
			// The last events' ids in the third chunk of the events'
			// quads' sets.
			if _, err := d.w.Exec(`UPDATE sqlite_sequence SET seq = ? WHERE name = 'events'`, 2<<eventQuads.bits); err != nil {
				t.Fatal(err)
			}
			storeEvents(t, d, evs[stored:])
			stored = len(evs)
		}
		var q []string
		for range 1 + rng.IntN(3) {
			q = append(q, term())
		}
		if i%10 == 0 {
			q = []string{"ژ"}
		}
		terms := persian.SearchTerms(strings.Join(q, " "))
		limit, drafts := []int{5, 50, 3000}[rng.IntN(3)], rng.IntN(2) == 0
		got, w := searchIDs(t, d, terms, limit, drafts), want(terms, limit, drafts)
		if !slices.Equal(got, w) {
			t.Fatalf("%q (limit %d, drafts %v): found %v, want %v", terms, limit, drafts, got, w)
		}
		found += len(got)
		if counts, err := d.pieceCounts(context.Background(), "event", terms); err != nil {
			t.Fatal(err)
		} else if planQuery(terms, counts, eventWidth, eventFew).match != "" && dense(terms, counts, limit, eventScanKeys) {
			newestFirst++
		}
	}
	if found < 15_000 {
		t.Errorf("only %d events found in all", found)
	}
	if newestFirst < 50 {
		t.Errorf("only %d searches of terms the index holds read the newest keys first", newestFirst)
	}
	// Terms few events hold all of: the quads' sets find them.
	if n := d.eventQuadSearches.Load(); n < 150 {
		t.Errorf("the events' quads' sets served %d of 900 searches", n)
	}
	// The sets added to event by event are those a build makes.
	added := quadRows(t, d, eventQuads)
	if chunks := slices.Sorted(maps.Keys(quadChunks(added))); !slices.Equal(chunks, []int64{0, 2}) {
		t.Errorf("the events' sets are in chunks %v, want 0 and 2", chunks)
	}
	if err := d.inTx(context.Background(), func(tx *sql.Tx) error { return buildQuadTable(context.Background(), tx, eventQuads) }); err != nil {
		t.Fatal(err)
	}
	if built := quadRows(t, d, eventQuads); len(added) < 1000 || !maps.Equal(added, built) {
		t.Errorf("%d sets added to, a build makes %d (or others)", len(added), len(built))
	}
}

// scanFind returns what a search finds by reading every key (keys, of
// evs): the ids of the events whose key holds every term, not rejected
// (confirmed only without drafts), newest first (undated last, then by
// number), at most limit.
func scanFind(evs []domain.Event, keys, terms []string, limit int, drafts bool) []int64 {
	var found []domain.Event
	for i, e := range evs {
		if e.Status == domain.StatusRejected || !drafts && e.Status != domain.StatusConfirmed {
			continue
		}
		if !slices.ContainsFunc(terms, func(t string) bool { return !strings.Contains(keys[i], t) }) {
			found = append(found, e)
		}
	}
	slices.SortFunc(found, func(a, b domain.Event) int {
		if a.Start.IsZero() != b.Start.IsZero() {
			return map[bool]int{true: 1, false: -1}[a.Start.IsZero()]
		}
		if c := b.Start.Compare(a.Start); c != 0 {
			return c
		}
		return cmp.Compare(b.ID, a.ID)
	})
	ids := []int64{}
	for _, e := range found[:min(limit, len(found))] {
		ids = append(ids, e.ID)
	}
	return ids
}

// TestSearchIndexFollowsWrites: the index is in step with every write,
// in its transaction: an event created, edited (its title, its date),
// moved to the trash, restored, replaced by an import, an article stored,
// and a dump loaded into a new database; FTS4's integrity check passes
// after each.
func TestSearchIndexFollowsWrites(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	u := uc(d)
	ids := func(q string) []int64 { return searchIDs(t, d, persian.SearchTerms(q), 50, true) }
	a := domain.Event{Title: "همایش ملی روابط عمومی", Kind: domain.KindConference, Start: jalali.MustNew(1403, 2, 27)}
	b := domain.Event{Title: "نشست خبری روابط‌عمومی", Kind: domain.KindPressConference, Start: jalali.MustNew(1403, 5, 1)}
	for _, e := range []*domain.Event{&a, &b} {
		if err := u.SaveEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	if got := ids("روابطعمومي"); !slices.Equal(got, []int64{b.ID, a.ID}) {
		t.Errorf("created: %v", got)
	}
	a.Title, a.Start, a.End = "همایش ملی کتاب", jalali.MustNew(1404, 1, 20), jalali.Date{}
	if err := u.SaveEvent(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if got := ids("روابط عمومی"); !slices.Equal(got, []int64{b.ID}) {
		t.Errorf("after the title changed, the old words: %v", got)
	}
	if got := ids("همایش کتاب"); !slices.Equal(got, []int64{a.ID}) {
		t.Errorf("after the title changed, the new words: %v", got)
	}
	if got := ids("ملی"); !slices.Equal(got, []int64{a.ID}) {
		t.Errorf("a word kept: %v", got)
	}
	a.Title = "همایش ملی روابط عمومی"
	if err := u.SaveEvent(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if got := ids("روابط عمومی"); !slices.Equal(got, []int64{a.ID, b.ID}) {
		t.Errorf("after the date moved later, the order: %v", got)
	}
	checkSearchIndex(t, d)
	checkRanks(t, d)
	if err := u.DeleteEvent(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if got := ids("روابط عمومی"); !slices.Equal(got, []int64{b.ID}) {
		t.Errorf("after the trash: %v", got)
	}
	checkSearchIndex(t, d)
	checkRanks(t, d)
	if _, err := u.RestoreEvent(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if got := ids("روابط عمومی"); !slices.Equal(got, []int64{a.ID, b.ID}) {
		t.Errorf("after the restore: %v", got)
	}
	stored, err := d.Event(ctx, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	stored.Title, stored.Sequence = "نشست خبری فرماندار", stored.Sequence+1
	if _, err := u.ImportEvents(ctx, []domain.Event{stored}); err != nil {
		t.Fatal(err)
	}
	if got := ids("فرماندار"); !slices.Equal(got, []int64{b.ID}) {
		t.Errorf("after an import replaced it: %v", got)
	}
	if got := ids("روابط عمومی"); !slices.Equal(got, []int64{a.ID}) {
		t.Errorf("after an import replaced it, the old words: %v", got)
	}
	art := storeArticle(t, d, "خبر", "نشست خبری فرماندار در سالن اجتماعات")
	if _, got, err := d.Search(ctx, persian.SearchTerms("سالن اجتماعات"), 50, true); err != nil || len(got) != 1 || got[0].Article.ID != art.ID {
		t.Errorf("an article stored: %+v, %v", got, err)
	}
	checkSearchIndex(t, d)
	checkRanks(t, d)

	var dump bytes.Buffer
	if _, err := app.WriteDump(ctx, d, &dump); err != nil {
		t.Fatal(err)
	}
	loaded := open(t)
	if _, err := app.LoadDump(ctx, loaded, &dump); err != nil {
		t.Fatal(err)
	}
	if got := searchIDs(t, loaded, persian.SearchTerms("نشست فرماندار"), 50, true); len(got) != 1 {
		t.Errorf("after a dump was loaded: %v", got)
	}
	if _, got, err := loaded.Search(ctx, persian.SearchTerms("اجتماعات"), 50, true); err != nil || len(got) != 1 {
		t.Errorf("an article after a dump was loaded: %+v, %v", got, err)
	}
	checkSearchIndex(t, loaded)
	checkRanks(t, loaded)
	if err := loaded.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
}

// TestSearchReadsTheIndex: every query a search runs reads the FTS4 index
// (or, for short words alone, at most eventScanKeys or articleScanKeys
// keys through the rank index: for events, the index that holds their
// keys in rank order, which also gives the keys the FTS4 index finds) and
// hands rows newest first as the index holds them, without sorting: it
// stops at its limit, and reads no table whole.
func TestSearchReadsTheIndex(t *testing.T) {
	d := open(t)
	rng := rand.New(rand.NewPCG(1, 1))
	evs := make([]domain.Event, 3000)
	for i := range evs {
		evs[i] = benchEvent(rng, i)
	}
	storeEvents(t, d, evs)
	storeArticle(t, d, "خبر", seedTexts(t))
	statuses := "e.status = 'confirmed'"
	for _, tt := range []struct {
		name, query string
		args        []any
		want        string
	}{
		{"events", eventMatchSQL(statuses, 0), []any{`"جلس لسه"`, 50}, "SCAN f VIRTUAL TABLE INDEX"},
		{"events, short words", eventMatchSQL(statuses, 1), []any{`"جلس لسه"`, "قم", 50}, "SCAN f VIRTUAL TABLE INDEX"},
		{"events, short words: the keys in rank order", eventMatchSQL(statuses, 1), []any{`"جلس لسه"`, "قم", 50}, "USING COVERING INDEX search_index_event_keys (rank=?)"},
		{"events, short words alone", eventScanSQL(statuses, 1), []any{eventScanKeys, "قم", 50}, "USING COVERING INDEX search_index_event_keys (rank>?)"},
		{"articles", articleMatchSQL(1, 0, 50), []any{"جلسه", `"جلس لسه"`}, "SCAN f VIRTUAL TABLE INDEX"},
		{"articles, short words", articleMatchSQL(2, 1, 50), []any{"جلسه", "قم", `"جلس لسه"`, "قم"}, "SCAN f VIRTUAL TABLE INDEX"},
		{"articles, short words alone", articleScanSQL(1, 1, 50), []any{"قم", articleScanKeys, "قم"}, "USING INDEX search_index_by_rank"},
		// A candidate's key by the index of search_index's primary key, a
		// table with rowids (0032), not by a descent of its rows.
		{"events by their sets: the keys by their ranks", eventQuadSQL(statuses, 1), []any{"[3, 2, 1]", "جلسه", 50}, "USING COVERING INDEX search_index_event_keys (rank=?)"},
		{"articles by their sets: the keys", articleQuadSQL, []any{"[3, 1, 2]"}, "USING INDEX sqlite_autoindex_search_index_1 (doc=? AND ref_id=?)"},
		{"articles' sets, the newest chunks", quadSetsSQL(articleQuads, 2, partNewest), []any{quadNewest, 5, 6}, "USING PRIMARY KEY (quad=? AND chunk>?)"},
		{"articles' sets, the older chunks", quadSetsSQL(articleQuads, 2, partOlder), []any{quadNewest, 5, 6}, "USING PRIMARY KEY (quad=? AND chunk<?)"},
	} {
		got := plan(t, d, tt.query, tt.args...)
		if !strings.Contains(got, tt.want) {
			t.Errorf("%s: the plan does not read %q:\n%s", tt.name, tt.want, got)
		}
		for _, bad := range []string{"SCAN e", "SCAN search_index", "TEMP B-TREE", "MATERIALIZE"} {
			if strings.Contains(got, bad) {
				t.Errorf("%s: the plan has %q:\n%s", tt.name, bad, got)
			}
		}
	}
	// The events' sets of a quad: a range of the index of their primary
	// key (0033), beside a look at the one row of event_quads_state.
	got := plan(t, d, quadSetsSQL(eventQuads, 2, partAll), quadNewest, 5, 6)
	if !strings.Contains(got, "SEARCH event_quads USING INDEX sqlite_autoindex_event_quads_1 (quad=?)") || strings.Contains(got, "SCAN event_quads\n") ||
		strings.Contains(got, "TEMP B-TREE") || strings.Contains(got, "MATERIALIZE") {
		t.Errorf("events' sets: the plan does not read a range of the quads' index alone:\n%s", got)
	}
}

// TestOpenIndexesADatabaseOf0016: a database of migration 0016, with
// events (dated and not) and an article, is indexed when opened: search
// finds them, newest first, by the index, which is sound and follows the
// next writes.
func TestOpenIndexesADatabaseOf0016(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "0016.db")
	raw, exec := migratedTo(t, path, 16)
	for _, e := range []struct {
		id                int64
		title, date, stat string
	}{
		{1, "نشست خبری روابط عمومی", "2024-05-16", "confirmed"},
		{2, "همایش روابط عمومی", "2025-01-10", "confirmed"},
		{3, "جلسه روابط عمومي", "", "proposed"},
		{4, "جشنواره روابط عمومی", "2023-03-01", "rejected"},
	} {
		var date any
		if e.date != "" {
			date = e.date
		}
		exec(`INSERT INTO events (id, uid, title, kind, start_date, end_date, status, created_at, updated_at)
VALUES (?, ?, ?, 'meeting', ?, ?, ?, '2024-05-01T00:00:00Z', '2024-05-01T00:00:00Z')`, e.id, e.title+"@ruydad", e.title, date, date, e.stat)
		exec(`INSERT INTO search_index (doc, ref_id, key) VALUES ('event', ?, ?)`, e.id, persian.SearchKey(e.title))
	}
	text := "روابط عمومی استانداری از برگزاری نشست خبری خبر داد."
	exec(`INSERT INTO articles (id, title, body, content_hash, created_at) VALUES (1, 'خبر', ?, 'h1', '2024-05-01T00:00:00Z')`, text)
	exec(`INSERT INTO search_index (doc, ref_id, key) VALUES ('article', 1, ?)`, persian.SearchKey("خبر "+text))
	exec(`INSERT INTO article_passages (article_id, seq, key_start, text) VALUES (1, 0, 3, ?)`, text)
	raw.Close()

	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if got := searchIDs(t, d, persian.SearchTerms("روابط عمومی"), 50, true); !slices.Equal(got, []int64{2, 1, 3}) {
		t.Errorf("events after the upgrade: %v, want 2, 1, 3", got)
	}
	if _, got, err := d.Search(ctx, persian.SearchTerms("نشست استانداری"), 50, true); err != nil || len(got) != 1 || got[0].Excerpt.Text != text {
		t.Errorf("the article after the upgrade: %+v, %v", got, err)
	}
	checkSearchIndex(t, d)
	e := domain.Event{Title: "بازدید روابط عمومی", Kind: domain.KindMeeting, Start: jalali.MustNew(1405, 1, 1)}
	if err := uc(d).SaveEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	if got := searchIDs(t, d, persian.SearchTerms("روابط عمومی"), 2, false); !slices.Equal(got, []int64{e.ID, 2}) {
		t.Errorf("after a new event: %v", got)
	}
	checkSearchIndex(t, d)
}

// TestFTS4CutsKeysIntoPieces: the driver's default build (no build tag)
// has FTS4, and its simple tokenizer takes each piece search_grams writes
// as one token, Persian letters, digits and Latin letters alike; a term's
// phrase is its first maxPhrase consecutive pieces at most.
func TestFTS4CutsKeysIntoPieces(t *testing.T) {
	d := open(t)
	var used int
	if err := d.db.QueryRow(`SELECT sqlite_compileoption_used('ENABLE_FTS3')`).Scan(&used); err != nil || used != 1 {
		t.Fatalf("FTS3/4 compiled in: %d, %v", used, err)
	}
	if _, err := d.w.Exec(`CREATE VIRTUAL TABLE temp.pieces USING fts3tokenize(simple)`); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{
		"روابطعمومی": "روا واب ابط بطع طعم عمو موم ومی می ی",
		"ict1403":    "ict ct1 t14 140 403 03 3",
		"قم":         "قم م",
		"ی":          "ی",
		"":           "",
	} {
		grams := searchGrams(key)
		if grams != want {
			t.Errorf("searchGrams(%q) = %q, want %q", key, grams, want)
		}
		tokens, err := queryColumn[string](context.Background(), d.w, `SELECT token FROM temp.pieces WHERE input = ?`, grams)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(tokens, " "); got != grams {
			t.Errorf("the tokens of %q: %q", grams, got)
		}
	}
	for term, want := range map[string]string{
		"ی":          `"ی*"`,
		"قم":         `"قم*"`,
		"جلسه":       `"جلس لسه"`,
		"روابطع":     `"روا واب ابط بطع"`,
		"استانداری":  `"است ستا تان اند"`,
		"روابطعمومی": `"روا واب ابط بطع"`,
	} {
		got, exact := gramPhrase(term)
		if got != want || exact != (utf8.RuneCountInString(term) <= maxPhrase+gramLen-1) {
			t.Errorf("gramPhrase(%q) = %q, %v; want %q", term, got, exact, want)
		}
	}
}

// TestArticleSearchFindsWhatAScanFinds: over 240 articles of word-list
// texts (some typed with Arabic letters), each search finds the articles
// whose key holds every term, newest first, at most the limit, as reading
// every key would: before the pieces are counted, once they are (each term
// asked for by two of its pieces), and after more articles came.
func TestArticleSearchFindsWhatAScanFinds(t *testing.T) {
	d := open(t)
	rng := rand.New(rand.NewPCG(7, 11))
	words := strings.Fields(strings.Join(append(append(append(benchKinds, benchSubjects...), benchOrgs...), benchPlaces...), " "))
	text := func() string {
		var b strings.Builder
		for range 10 + rng.IntN(40) {
			w := words[rng.IntN(len(words))]
			if rng.IntN(3) == 0 {
				w = arabicForms(w)
			}
			b.WriteString(w + " ")
		}
		return b.String()
	}
	var keys []string // by article, in id order (from 1)
	var ids []int64
	store := func(n int) {
		for range n {
			a := storeArticle(t, d, words[rng.IntN(len(words))], text())
			ids = append(ids, a.ID)
			keys = append(keys, articleKey(&a))
		}
	}
	store(160)
	want := func(terms []string, limit int) []int64 {
		found := []int64{}
		for i := len(keys) - 1; i >= 0 && len(found) < limit; i-- {
			if !slices.ContainsFunc(terms, func(t string) bool { return !strings.Contains(keys[i], t) }) {
				found = append(found, ids[i])
			}
		}
		return found
	}
	var found int
	for i := range 450 {
		switch i {
		case 150:
			if err := d.OptimizeSearch(context.Background()); err != nil {
				t.Fatal(err)
			}
			checkSearchIndex(t, d)
		case 300:
			// The next articles' ids in the third chunk of the quads'
			// sets: a search reads the newest two chunks first, then
			// the others (articlesByQuads).
			if _, err := d.w.Exec(`INSERT INTO articles (id, body, content_hash, created_at) VALUES (?, '', 'gap', '')`,
				2<<quadChunkBits); err != nil {
				t.Fatal(err)
			}
			store(80)
		}
		var q []string
		for range 1 + rng.IntN(3) {
			if rng.IntN(2) == 0 {
				q = append(q, words[rng.IntN(len(words))])
				continue
			}
			key := []rune(keys[rng.IntN(len(keys))])
			n := 1 + rng.IntN(min(12, len(key)))
			at := rng.IntN(len(key) - n + 1)
			q = append(q, string(key[at:at+n]))
		}
		terms := persian.SearchTerms(strings.Join(q, " "))
		limit := []int{5, 50, 3000}[rng.IntN(3)]
		_, arts, err := d.Search(context.Background(), terms, limit, true)
		if err != nil {
			t.Fatal(err)
		}
		got := []int64{}
		for _, m := range arts {
			got = append(got, m.Article.ID)
		}
		if w := want(terms, limit); !slices.Equal(got, w) {
			t.Fatalf("%q (limit %d): found %v, want %v", terms, limit, got, w)
		}
		found += len(got)
	}
	if found < 3_000 {
		t.Errorf("only %d articles found in all", found)
	}
	// Most searches have a term of four characters or more: the quads'
	// sets find their articles (quads.go).
	if n := d.quadSearches.Load(); n < 250 {
		t.Errorf("the quads' sets served %d of 450 searches", n)
	}
}

// TestBulkFillCountsThePieces: a bulk fill leaves each search index in one
// segment and its pieces counted, so that a search of the filled database
// asks for the rarest pieces, and finds what it found before.
func TestBulkFillCountsThePieces(t *testing.T) {
	d := open(t)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(5, 8))
	err := d.BulkFill(ctx, func(b *Bulk) error {
		for i := range 300 {
			e := benchEvent(rng, i)
			if err := b.Event(&e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	checkSearchIndex(t, d)
	var segments int
	if err := d.db.QueryRow(`SELECT count(*) FROM event_search_segdir`).Scan(&segments); err != nil || segments != 1 {
		t.Errorf("the events' index has %d segments (%v), want 1", segments, err)
	}
	terms := []string{"جلسه", "همدان"}
	counts, err := d.pieceCounts(ctx, "event", terms)
	if err != nil {
		t.Fatal(err)
	}
	if counts[""] != 300 || counts["جلس"] == 0 || counts["همد"] == 0 {
		t.Errorf("counts after the fill: %v", counts)
	}
	if q := planQuery(terms, counts, eventWidth, eventFew); strings.Count(q.match, `"`) != 4 || len(q.check) != 2 {
		t.Errorf("the query of %q asks for %q and checks %q: want one piece of each, both checked", terms, q.match, q.check)
	}
	want := searchIDs(t, d, terms, 3000, true)
	if _, err := d.w.Exec(`DELETE FROM search_piece_docs`); err != nil {
		t.Fatal(err)
	}
	if got := searchIDs(t, d, terms, 3000, true); !slices.Equal(got, want) || len(got) == 0 {
		t.Errorf("with the pieces counted, found %v; without, %v", want, got)
	}
}
