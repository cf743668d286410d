package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/persian"
)

// eventKey is what search matches an event by.
func eventKey(e *domain.Event) string {
	return persian.SearchKey(strings.Join([]string{e.Title, e.Description, e.Location, e.Province, e.Organization, e.Kind.Label()}, " "))
}

func articleKey(a *domain.Article) string {
	return persian.SearchKey(strings.Join([]string{a.Title, a.Source, a.Province, a.Text}, " "))
}

// eventRank is the SQL of the rank of the event row of events with id ?2,
// the FTS docid its key is indexed under (migration 0017): its start day
// (days from 0001-01-01, plus one) times 2^32 plus its id, its id alone
// when it has no date, so that the ranks run in the order results are
// shown (ORDER BY start_date IS NULL, start_date DESC, id DESC) and
// rank & rankID is the id.
const eventRank = `(SELECT CASE WHEN start_date IS NULL THEN id
    ELSE ((CAST(julianday(start_date) AS INTEGER) - 1721424) << 32) | id END FROM events WHERE id = ?2)`

// rankID takes an event's id out of its rank.
const rankID = 1<<32 - 1

// indexSQL returns the statement that stores the key (?3) of the row of
// doc with id ?2 (?1 is doc), and its rank: an event's from its stored row,
// an article's its id.
func indexSQL(doc string) string {
	rank := "?2"
	if doc == "event" {
		rank = eventRank
	}
	return `INSERT INTO search_index (doc, ref_id, key, rank) VALUES (?1, ?2, ?3, ` + rank + `)
ON CONFLICT (doc, ref_id) DO UPDATE SET key = excluded.key, rank = excluded.rank`
}

// indexDoc stores the key of the row of doc with id (an event's stored
// first), which search_index's triggers index. Its quads join their sets
// (once they are built: see quads.go).
func indexDoc(ctx context.Context, q querier, doc string, id int64, key string) error {
	if _, err := q.ExecContext(ctx, indexSQL(doc), doc, id, key); err != nil {
		return err
	}
	t := eventQuads
	if doc == "article" {
		t = articleQuads
	}
	return addQuads(ctx, q, t, id, key)
}

func unindexDoc(ctx context.Context, q querier, doc string, id int64) error {
	_, err := q.ExecContext(ctx, `DELETE FROM search_index WHERE doc = ? AND ref_id = ?`, doc, id)
	return err
}

// ensureSearchIndex indexes the events and articles search_pending lists
// (migration 0019): those without a key in search_index or, for an
// article, without passages, whatever wrote them (a database from before
// the index or the passages, or one edited by hand). The list is kept by
// triggers, so that a database with nothing missing costs one look at an
// empty table, not a pass over every row.
func (d *DB) ensureSearchIndex(ctx context.Context) error {
	var pending bool
	if err := d.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM search_pending)`).Scan(&pending); err != nil || !pending {
		return err
	}
	return d.inTx(ctx, func(tx *sql.Tx) error {
		events, err := queryEventsTx(ctx, tx, `SELECT `+eventColumns+` FROM events
WHERE id IN (SELECT ref_id FROM search_pending WHERE doc = 'event')`)
		if err != nil {
			return err
		}
		for i := range events {
			if err := indexDoc(ctx, tx, "event", events[i].ID, eventKey(&events[i])); err != nil {
				return err
			}
		}
		ids, err := queryIDs(ctx, tx, `SELECT id FROM articles WHERE id IN (SELECT ref_id FROM search_pending WHERE doc = 'article')`)
		if err != nil {
			return err
		}
		for _, id := range ids {
			a, err := scanArticle(tx.QueryRowContext(ctx, `SELECT `+articleColumns+` FROM articles WHERE id = ?`, id))
			if err != nil {
				return err
			}
			if err := indexArticle(ctx, tx, &a); err != nil {
				return fmt.Errorf("article %d: %w", id, err)
			}
		}
		// What is still listed is indexed all the same (an article without
		// text has no passage) or gone (a row the triggers could not strike
		// off).
		_, err = tx.ExecContext(ctx, `DELETE FROM search_pending`)
		return err
	})
}

// OptimizeSearch merges each search index into one segment (FTS4's
// optimize: a bulk fill leaves dozens, and a search reads a piece in each)
// and counts again how many keys hold each piece (search_piece_docs, which
// choose the pieces a search asks for: see planQuery). It reads and writes
// the whole index (about three minutes for the national file): for a bulk
// fill's end (BulkFill runs it), not for the server's writes.
func (d *DB) OptimizeSearch(ctx context.Context) error {
	defer d.counts.drop()
	return d.inTx(ctx, func(tx *sql.Tx) error { return optimizeSearch(ctx, tx) })
}

func optimizeSearch(ctx context.Context, q querier) error {
	for _, doc := range []string{"event", "article"} {
		_, err := q.ExecContext(ctx, `INSERT INTO `+doc+`_search (`+doc+`_search) VALUES ('optimize');
DELETE FROM search_piece_docs WHERE doc = '`+doc+`';
INSERT INTO search_piece_docs (doc, piece, docs)
SELECT '`+doc+`', term, documents FROM `+doc+`_search_pieces WHERE col = '*'
UNION ALL SELECT '`+doc+`', '', count(*) FROM search_index WHERE doc = '`+doc+`' HAVING count(*) > 0`)
		if err != nil {
			return fmt.Errorf("optimize search: %w", err)
		}
	}
	return nil
}

// queryIDs returns the ids a query selects.
func queryIDs(ctx context.Context, q querier, query string, args ...any) ([]int64, error) {
	return queryColumn[int64](ctx, q, query, args...)
}

// queryColumn returns the values of the one column a query selects.
func queryColumn[T any](ctx context.Context, q querier, query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return scanColumn[T](rows)
}

// scanColumn reads the one column of rows and closes them.
func scanColumn[T any](rows *sql.Rows) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Search returns the events (not rejected ones) and articles whose text
// holds every query term (keys from persian.SearchTerms), newest first, at
// most limit of each; without drafts, the confirmed events only and no
// article. The events come as a result shows them (eventResults: their
// other fields zero), the articles too (id, title, publication date),
// each with an excerpt around where the first term its text holds (in the
// order given) first occurs: no article's text is read but the excerpts.
//
// The FTS4 index of the keys' pieces (migration 0017) finds the rows,
// newest first (its docids are the rows' ranks), and a search stops at its
// limit: each term is asked for by its rarest pieces, and looked for in
// the keys found with instr when they do not find it exactly (planQuery).
// Common short terms alone are looked for in the newest keys (most often
// found there, they are in most keys), then, when those did not give limit
// rows, as the pieces they begin. An article's title, date and excerpt
// are read for the rows returned only, the excerpts of a page in one query.
func (d *DB) Search(ctx context.Context, terms []string, limit int, drafts bool) ([]domain.Event, []domain.ArticleMatch, error) {
	return d.SearchEach(ctx, terms, limit, limit, drafts)
}

// SearchEach is Search with a limit for each kind of result: at most
// events events and articles articles (a search page that shows more of
// one kind asks for more of it alone).
func (d *DB) SearchEach(ctx context.Context, terms []string, events, articles int, drafts bool) ([]domain.Event, []domain.ArticleMatch, error) {
	if len(terms) == 0 {
		return nil, nil, nil
	}
	statuses := "e.status <> 'rejected'"
	if !drafts {
		statuses = "e.status = 'confirmed'"
	}
	evs, err := d.searchEvents(ctx, terms, events, statuses)
	if err != nil {
		return nil, nil, fmt.Errorf("search events: %w", err)
	}
	if !drafts {
		return evs, nil, nil
	}
	arts, err := d.searchArticles(ctx, terms, articles)
	if err != nil {
		return nil, nil, fmt.Errorf("search articles: %w", err)
	}
	return evs, arts, nil
}

// How many of the newest keys a search of short terms alone reads before
// it asks the index: enough to fill a page with a term that a twentieth of
// the keys hold.
const (
	eventScanKeys   = 1_000
	articleScanKeys = 1_000
)

// searchEvents returns the events of statuses whose key holds every term,
// newest first, at most limit.
func (d *DB) searchEvents(ctx context.Context, terms []string, limit int, statuses string) ([]domain.Event, error) {
	counts, err := d.pieceCounts(ctx, "event", terms)
	if err != nil {
		return nil, err
	}
	q := planQuery(terms, counts, eventWidth, eventFew)
	// The newest keys are read first when they likely hold a page, and the
	// index is asked only when they do not fill it: narrowed asks it too
	// («خبرنگار آب»: 60 ms for the pieces «اب» begins, where the first
	// 1,000 keys hold a page, 1 ms).
	scanned := 0 // how many of the newest keys were read
	if q.match == "" || dense(terms, counts, limit, eventScanKeys) {
		evs, err := d.newestEvents(ctx, terms, eventScanKeys, limit, statuses)
		if err != nil || len(evs) == limit {
			return evs, err
		}
		if q.match == "" {
			q = prefixQuery(q.check)
		}
		scanned = eventScanKeys
	}
	// Terms that few events hold all of, found by the quads' sets
	// (eventsByQuads).
	evs, many, ok, err := d.eventsByQuads(ctx, terms, counts, limit, statuses)
	if ok || err != nil {
		return evs, err
	}
	// Terms that many events hold all of, which the pieces' counts did not
	// show: the sets count them, and the newest keys likely to hold a page
	// are read (see newestHolding).
	if n := newestHolding(many, counts[""], limit); n > scanned {
		d.eventNewestByCount.Add(1)
		evs, err := d.newestEvents(ctx, terms, n, limit, statuses)
		if err != nil || len(evs) == limit {
			return evs, err
		}
	}
	if q, err = d.narrowed(ctx, "event_search", q, eventFew); err != nil {
		return nil, err
	}
	args := append([]any{q.match}, termArgs(q.check)...)
	return d.queryResultsKept(ctx, len(q.check) <= keptTerms, eventMatchSQL(statuses, len(q.check)), append(args, limit)...)
}

// newestEvents returns the events of statuses among the newest scan keys
// whose key holds every term, newest first, at most limit.
func (d *DB) newestEvents(ctx context.Context, terms []string, scan, limit int, statuses string) ([]domain.Event, error) {
	args := append([]any{scan}, termArgs(terms)...)
	return d.queryResultsKept(ctx, len(terms) <= keptTerms, eventScanSQL(statuses, len(terms)), append(args, limit)...)
}

// newestHolding returns how many of the newest of keys keys likely hold
// denseMargin times limit keys holding every term, many of them holding
// it (as the quads' sets count them: at most a few more than hold the
// terms), or 0 when that is more than eventScanMax keys. The pieces'
// counts take words apart and bound each from above, so words that often
// meet are taken for rare: «خبرنگار ورزش» (120,203 of 1.3 million events
// left by the sets) was expected in 74 of the newest 1,000 keys, less than
// dense's four pages, and went to FTS4 after the sets (3.0 ms), where the
// newest keys held the page (1.7 ms in all). The margin stays that of
// dense: the newest keys are not like the others (at national size the
// newest 500, days years ahead, hold few of any word: 54 of «خبرنگار», in
// three keys in four).
func newestHolding(many, keys int64, limit int) int {
	if many <= 0 || keys <= 0 {
		return 0
	}
	n := (denseMargin*int64(limit)*keys + many - 1) / many
	if n > eventScanMax {
		return 0
	}
	return int(n)
}

// eventScanMax is how many of the newest keys at most a search reads when
// the quads' sets count many events holding its terms: about 1.5 µs a key
// (3 ms), where FTS4 serves those searches in 3 to 8 ms.
const eventScanMax = 2_000

// eventMatchSQL returns the query of the events of statuses that the
// index finds (MATCH ?) and whose key holds n more terms, newest first (the
// index's order: nothing is sorted), at most ? (the last argument: see
// limitArg). The key is checked before the event's row is read: a row is
// far wider than its key, and most keys a common piece finds do not hold
// the terms («کرمان همدان»: 3,048 keys found, 3 events).
func eventMatchSQL(statuses string, n int) string {
	id := `f.docid & ` + strconv.Itoa(rankID)
	join := ""
	if n > 0 {
		// The key by its rank (the docid), from the index that holds the
		// keys in result order (migration 0028).
		join, id = ` CROSS JOIN search_index s INDEXED BY search_index_event_keys ON s.doc = 'event' AND s.rank = f.docid`, `s.ref_id`
	}
	return `SELECT ` + prefixed("e.", eventResults.list) + ` FROM event_search f` + join + ` CROSS JOIN events e ON e.id = ` + id + `
WHERE event_search MATCH ?` + holdsAll("s.key", n) + ` AND ` + statuses + ` ORDER BY f.docid DESC` + limitArg
}

// eventScanSQL returns the query of the events of statuses among the
// newest ? whose key holds n terms, newest first, at most ?: a walk down
// the keys in result order from the newest (search_index_event_keys,
// where they lie together), which stops at the page's end.
func eventScanSQL(statuses string, n int) string {
	return `SELECT ` + prefixed("e.", eventResults.list) + ` FROM search_index s INDEXED BY search_index_event_keys CROSS JOIN events e ON e.id = s.ref_id
WHERE s.doc = 'event' AND s.rank >= ` + newestRank("event") + ` AND ` + statuses + holdsAll("s.key", n) + `
ORDER BY s.rank DESC` + limitArg
}

// newestRank is the SQL of the lowest rank of the newest ? keys of doc
// (the lowest of all when there are fewer).
func newestRank(doc string) string {
	return `coalesce((SELECT rank FROM search_index WHERE doc = '` + doc + `' ORDER BY rank DESC LIMIT 1 OFFSET ? - 1),
    -9223372036854775808)`
}

// A query is how the index is asked for the keys that hold every term.
type query struct {
	match string   // the FTS4 query (MATCH's right side), "" when every term is short
	check []string // the terms looked for in the keys it finds (instr), or every term when match is ""
	// narrow, when match asks for several runs, is the query of the
	// cheapest alone, the other terms checked: for when few keys hold it
	// (see narrowed).
	narrow *query
}

// planQuery returns the query of terms: for each term of gramLen
// characters or more, the run of width consecutive pieces of it (fewer
// in a shorter term) whose lists hold the fewest entries (counts, when the
// pieces were counted), the terms the runs do not find exactly to check;
// for each shorter term, the pieces it begins (unless they are in a tenth
// of the keys or more and no longer term narrows the search: see
// shortScan). Without counts (an index never counted, as a
// new database's), each such term is the phrase of its pieces
// (gramPhrase).
//
// FTS4 reads the whole list of the keys that hold a piece when a query
// opens it (a LIMIT stops the walk, not the read), and walks every list a
// query opens in step, so that a search costs about what its pieces' lists
// hold: the phrases of «استانداری همدان» opened seven lists, of 65,000 to
// 1.1 million of 1.3 million events; its rarest pieces, «ندا» and «همد»,
// two of 213,000 and 65,000, and the keys they find are checked. Checking
// a key (reading it, instr) costs as much as walking hundreds of entries
// of a list, so that a run more than pieceSpread times as common as the
// rarest one is not asked for: its term is checked in the few keys the
// rarer runs find. An event's key is short, so that checking it is
// cheap and one piece is enough (width 1: «سلامت نوروز محیط زیست» with
// nothing found took 63 ms as phrases, 10 ms so); an article's runs to
// kilobytes, and the few characters of a piece or two, across words too
// (a key has no spaces), are in thousands of them where the term is in a
// few: «کهک هکش» is in 8,063 articles, «کهکشان» in 479 (width 3, the
// run of fewest entries: 55 ms for 50 results with two pieces, 11 with
// three, 13 with the first four; «سلامت نوروز محیط زیست» 32, 39 and 72).
func planQuery(terms []string, counts pieceCounts, width, few int) query {
	if counts == nil {
		return phraseQuery(terms)
	}
	var q query
	type run struct {
		phrase     string
		docs, cost int64    // the keys of its rarest piece, of all its pieces
		exact      []string // the terms it finds exactly
		short      bool     // a short term's pieces
		alt        string   // the cheapest other run of its term apart from it
		altCost    int64
	}
	var runs []run
	for _, t := range terms {
		pieces := termPieces(t)
		if pieces == nil {
			// The pieces it begins: its keys exactly.
			n := counts[t+"*"]
			runs = append(runs, run{phrase: `"` + t + `*"`, docs: n, cost: n, exact: []string{t}, short: true})
			continue
		}
		w := min(width, len(pieces))
		var windows []run
		at := 0 // the best window's start
		for i := 0; i+w <= len(pieces); i++ {
			r := run{phrase: `"` + strings.Join(pieces[i:i+w], " ") + `"`, docs: counts[pieces[i]]}
			for _, p := range pieces[i : i+w] {
				r.cost += counts[p]
				r.docs = min(r.docs, counts[p])
			}
			if windows = append(windows, r); r.cost < windows[at].cost {
				at = i
			}
		}
		best := windows[at]
		for i, r := range windows {
			if (i+w <= at || i >= at+w) && r.phrase != best.phrase && (best.alt == "" || r.cost < best.altCost) {
				best.alt, best.altCost = r.phrase, r.cost
			}
		}
		if w < len(pieces) {
			q.check = append(q.check, t)
		} else {
			best.exact = []string{t}
		}
		if i := slices.IndexFunc(runs, func(r run) bool { return r.phrase == best.phrase }); i >= 0 {
			runs[i].exact = append(runs[i].exact, best.exact...)
		} else {
			runs = append(runs, best)
		}
	}
	if len(runs) == 0 {
		return query{check: terms}
	}
	slices.SortStableFunc(runs, func(a, b run) int { return cmp.Compare(a.cost, b.cost) })
	if !slices.ContainsFunc(runs, func(r run) bool { return !r.short }) && runs[0].cost*shortScan >= counts[""] {
		// Short terms alone, in a tenth of the keys or more: the newest
		// keys hold a page of them (see searchEvents).
		return query{check: terms}
	}
	long := slices.IndexFunc(runs, func(r run) bool { return !r.short }) // the cheapest longer term's
	var asked []run
	for _, r := range runs {
		// A short term's pieces are read whole and merged (a prefix is
		// not read as it goes): asked for only when they are fewer than
		// the cheapest longer term's (those «اب» begins took 60 ms among
		// events, 260 ms among articles, beside «کرمان»).
		if len(asked) > 0 && (r.cost > max(asked[0].docs, 1)*pieceSpread || r.short && long >= 0 && r.cost > runs[long].cost) {
			q.check = append(q.check, r.exact...) // its terms are checked instead
			continue
		}
		asked = append(asked, r)
	}
	phrases := make([]string, len(asked))
	for i, r := range asked {
		phrases[i] = r.phrase
	}
	if len(asked) == 1 && asked[0].alt != "" && asked[0].docs >= int64(few) {
		// A term alone whose run is in many keys: another run of it
		// keeps the keys to check few («دری» is in 1,609 events,
		// «زیردریایی» in none; with «یرد», 7 ms → 1 ms).
		phrases = append(phrases, asked[0].alt)
	}
	q.match = strings.Join(phrases, " ")
	if len(asked) > 1 {
		n := query{match: asked[0].phrase, check: slices.Clone(q.check)}
		for _, r := range asked[1:] {
			n.check = append(n.check, r.exact...)
		}
		q.narrow = &n
	}
	return q
}

// narrowed returns q, or its narrow query when the cheapest run alone is
// in fewer than few keys of table: asking for the other runs would read
// their whole lists (often far longer) for nothing, when checking the few
// keys found is cheap. «میراث فرهنگی زیردریایی روابط عمومی» read the
// lists of fifteen pieces among articles (107 ms) where «یرد ردر دری»
// finds none.
func (d *DB) narrowed(ctx context.Context, table string, q query, few int) (query, error) {
	if q.narrow == nil {
		return q, nil
	}
	var n int
	err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM `+table+` WHERE `+table+` MATCH ?`+limitSQL(few)+`)`,
		q.narrow.match).Scan(&n)
	if err != nil || n == few {
		return q, err
	}
	return *q.narrow, nil
}

// How few keys the cheapest run of a search must be in for the others to
// be checked instead of asked for (see narrowed): an event's key is read
// and checked in a few microseconds, an article's (kilobytes) in tens.
const (
	eventFew   = 1_000
	articleFew = 200
)

// dense reports whether the newest keys (scan of them) likely hold limit
// keys holding every term, by the counts (when the pieces were counted):
// whether each term taken as in keys apart from the others
// (the keys of its rarest piece, or the pieces a short term begins, of
// all) leaves denseMargin times limit in scan keys. Such a search reads
// the newest keys first, as the short terms alone do (see searchEvents):
// the index would read the whole lists of pieces in most keys, or of all
// the pieces a short term begins («خبرنگار آب»: 120 ms among events, those
// «اب» begins read whole; 1 ms over the newest keys). The estimate only
// chooses what is read first: a scan that does not fill the page is
// followed by the index.
func dense(terms []string, counts pieceCounts, limit, scan int) bool {
	all := counts[""]
	if counts == nil || all == 0 {
		return false
	}
	share := 1.0
	for _, t := range terms {
		n := counts[t+"*"]
		if pieces := termPieces(t); pieces != nil {
			n = all
			for _, p := range pieces {
				n = min(n, counts[p])
			}
		}
		share *= min(1, float64(n)/float64(all))
	}
	return share*float64(min(int64(scan), all)) >= denseMargin*float64(limit)
}

// denseMargin is how many times a page the newest keys must be expected
// to hold for a search to read them first (see dense): the counts bound
// each term's keys from above (the rarest piece of «روابطعمومی» is in 10%
// of the national file's events, the term in 5%), and a visitor sees part
// of the events.
const denseMargin = 4

// A search of short terms alone (of fewer than gramLen characters) whose
// pieces are in a shortScan-th of the keys or more reads the newest keys
// first: asking the index would read the lists of dozens of pieces (those
// «اب» begins hold 477,000 of 1.3 million events).
const shortScan = 10

// pieceSpread is how many times more entries than the keys of the rarest
// piece of a search the lists of a term's run may hold and still be asked
// for (see planQuery).
const pieceSpread = 100

// How many consecutive pieces a term is asked for by (see planQuery).
const (
	eventWidth   = 1
	articleWidth = 3
)

// phraseQuery is planQuery without counts: the phrases of the terms of
// gramLen characters or more, and the shorter terms and those the phrases
// find only roughly to check.
func phraseQuery(terms []string) query {
	var q query
	var phrases []string
	for _, t := range terms {
		if utf8.RuneCountInString(t) < gramLen {
			q.check = append(q.check, t)
			continue
		}
		p, exact := gramPhrase(t)
		phrases = append(phrases, p)
		if !exact {
			q.check = append(q.check, t)
		}
	}
	if len(phrases) == 0 {
		return query{check: terms}
	}
	q.match = strings.Join(phrases, " ")
	return q
}

// pieceCounts are how many keys (of one kind of row) hold each piece of a
// search's terms, as search_piece_docs last counted them (a piece not
// counted, in no key then, is 0); under "t*" how many entries the pieces
// that a short term t begins have in all (a key may hold several); under
// "" how many keys there were.
type pieceCounts map[string]int64

// pieceCounts returns the counts of the pieces of terms in doc's keys, or
// nil when doc's pieces were never counted.
func (d *DB) pieceCounts(ctx context.Context, doc string, terms []string) (pieceCounts, error) {
	v, err := d.versions(ctx)
	if err != nil {
		return nil, err
	}
	if counts, ok := d.counts.get(v.n, doc, terms); ok {
		return counts, nil
	}
	d.counts.reads.Add(1)
	drops := d.counts.dropsSoFar()
	counts, err := d.readPieceCounts(ctx, doc, terms)
	if err == nil {
		d.counts.put(v.n, drops, doc, terms, counts)
	}
	return counts, err
}

// readPieceCounts reads pieceCounts' answer.
func (d *DB) readPieceCounts(ctx context.Context, doc string, terms []string) (pieceCounts, error) {
	// The row of '' is the keys counted (none when they never were).
	query := `SELECT piece, docs FROM search_piece_docs WHERE doc = ?1 AND piece IN (''`
	args := []any{doc}
	var short []string
	for _, t := range terms {
		pieces := termPieces(t)
		if pieces == nil {
			short = append(short, t)
		}
		for _, p := range pieces {
			query += ", ?"
			args = append(args, p)
		}
	}
	query += ")"
	for _, t := range short {
		args = append(args, t)
		n := strconv.Itoa(len(args))
		query += `
UNION ALL SELECT ?` + n + ` || '*', coalesce(sum(docs), 0) FROM search_piece_docs
WHERE doc = ?1 AND piece >= ?` + n + ` AND piece < ?` + n + ` || char(1114111)`
	}
	rows, err := d.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	counts := pieceCounts{}
	for rows.Next() {
		var p string
		var n int64
		if err := rows.Scan(&p, &n); err != nil {
			return nil, err
		}
		counts[p] = n
	}
	if _, counted := counts[""]; !counted {
		return nil, rows.Err()
	}
	return counts, rows.Err()
}

// termPieces returns the pieces of gramLen characters of a term (a search
// key), in order, or nil when it is shorter.
func termPieces(term string) []string {
	if utf8.RuneCountInString(term) < gramLen {
		return nil
	}
	pieces := strings.Fields(searchGrams(term))
	return pieces[:len(pieces)-gramLen+1]
}

// prefixQuery returns the query of short terms alone (each shorter than
// gramLen): the pieces they begin.
func prefixQuery(short []string) query {
	var phrases []string
	for _, t := range short {
		p, _ := gramPhrase(t)
		phrases = append(phrases, p)
	}
	return query{match: strings.Join(phrases, " ")}
}

// holdsAll returns the condition (after an AND) that key holds each of n
// terms, given as arguments in order.
func holdsAll(key string, n int) string {
	return strings.Repeat(" AND instr("+key+", ?) > 0", n)
}

// termArgs returns terms as query arguments.
func termArgs(terms []string) []any {
	args := make([]any, len(terms))
	for i, t := range terms {
		args[i] = t
	}
	return args
}

// articleHit is an article found, as a result shows it, with where its
// text begins in its key (-1: it has no passage) and where its text holds
// each term first (instr's answer in the text: from 1, 0 for nowhere).
type articleHit struct {
	domain.Article
	textStart int64
	pos       []int64
}

// searchArticles returns the articles whose key holds every term, newest
// first, with their excerpts. The keys of the articles found are read, for
// where they hold each term, which is where the excerpts are.
func (d *DB) searchArticles(ctx context.Context, terms []string, limit int) ([]domain.ArticleMatch, error) {
	if hits, ok, err := d.articlesByQuads(ctx, terms, limit); ok || err != nil {
		return d.articleMatches(ctx, terms, hits, err)
	}
	counts, err := d.pieceCounts(ctx, "article", terms)
	if err != nil {
		return nil, err
	}
	q, err := d.narrowed(ctx, "article_search", planQuery(terms, counts, articleWidth, articleFew), articleFew)
	if err != nil {
		return nil, err
	}
	if q.match == "" {
		hits, err := d.articleHits(ctx, articleScanSQL(len(terms), len(q.check), limit), terms, articleScanKeys, q.check)
		if err != nil || len(hits) == limit {
			return d.articleMatches(ctx, terms, hits, err)
		}
		q = prefixQuery(q.check)
	}
	hits, err := d.articleHits(ctx, articleMatchSQL(len(terms), len(q.check), limit), terms, q.match, q.check)
	return d.articleMatches(ctx, terms, hits, err)
}

// articleMatchSQL returns the query of the articles that the index finds
// (MATCH ?, after terms terms) and whose key holds n more terms, newest
// first (the index's order), at most limit: what a result shows of each
// (from the index that holds it: the columns after the body lie past its
// overflow pages), where its text begins in its key and where its text
// holds each of the terms first. The columns are read for the rows
// returned only: they are joined after the key is checked.
func articleMatchSQL(terms, n, limit int) string {
	return articleHitColumns(terms) + `
FROM article_search f CROSS JOIN search_index s ON s.doc = 'article' AND s.ref_id = f.docid` + articleHitJoins + `
WHERE article_search MATCH ?` + holdsAll("s.key", n) + ` ORDER BY f.docid DESC` + limitSQL(limit)
}

// articleScanSQL is articleMatchSQL over the newest ? articles instead of
// those the index finds, walking search_index_by_rank from the newest.
func articleScanSQL(terms, n, limit int) string {
	return articleHitColumns(terms) + `
FROM search_index s` + articleHitJoins + `
WHERE s.doc = 'article' AND s.rank >= ` + newestRank("article") + holdsAll("s.key", n) + `
ORDER BY s.rank DESC` + limitSQL(limit)
}

// articleHitColumns is the SELECT of articleMatchSQL and articleScanSQL,
// from the rows of articleHitJoins: an article's title and date are read
// in one look at the index that holds them, where its text begins once
// (not again for each term).
func articleHitColumns(terms int) string {
	return `SELECT s.ref_id, a.title, a.published, coalesce(p0.key_start, -1)` +
		strings.Repeat(`, coalesce(instr(substr(s.key, p0.key_start + 1), ?), 0)`, terms)
}

const articleHitJoins = `
LEFT JOIN articles a INDEXED BY articles_search_hit ON a.id = s.ref_id
LEFT JOIN article_passages p0 INDEXED BY article_passages_by_key ON p0.article_id = s.ref_id AND p0.seq = 0`

// articleHits runs query (articleMatchSQL's or articleScanSQL's) with
// terms, from (what selects the articles) and the terms to check.
func (d *DB) articleHits(ctx context.Context, query string, terms []string, from any, check []string) ([]articleHit, error) {
	args := append(append(termArgs(terms), from), termArgs(check)...)
	rows, err := d.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var hits []articleHit
	for rows.Next() {
		h := articleHit{pos: make([]int64, len(terms))}
		dest := []any{&h.ID, &h.Title, scanDest(&h.Published), &h.textStart}
		for i := range h.pos {
			dest = append(dest, &h.pos[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		hits = append(hits, h)
	}
	return hits, rows.Err()
}

// articleMatches returns the results of the articles hit (unless err) by
// terms, with their excerpts: the passage of each holding the first place
// its text holds a term (the terms taken in order), or its first passage
// when the text holds none; nothing when it has no passage. The passage
// before or after it comes too when the place lies within
// domain.ExcerptContext characters of the passage's edge, so that a result
// has that much text on each side of its match wherever the text has it.
// One query reads the excerpts of excerptBatch articles.
func (d *DB) articleMatches(ctx context.Context, terms []string, hits []articleHit, err error) ([]domain.ArticleMatch, error) {
	if err != nil {
		return nil, err
	}
	out := make([]domain.ArticleMatch, len(hits))
	at := map[int64]int{} // the result of each article with passages
	var asked [][3]int64  // id, where in the key (from 0, -1 for the text's beginning), where the term ends
	for i, h := range hits {
		out[i].Article = h.Article
		if h.textStart < 0 {
			continue
		}
		where, past := int64(-1), int64(-1)
		for t, p := range h.pos {
			if p > 0 {
				where = h.textStart + p - 1
				past = where + int64(utf8.RuneCountInString(terms[t]))
				out[i].Excerpt.Term = t
				break
			}
		}
		at[h.ID] = i
		asked = append(asked, [3]int64{h.ID, where, past})
	}
	for len(asked) > 0 {
		n := min(len(asked), excerptBatch)
		if err := d.excerpts(ctx, asked[:n], func(id int64) *domain.Excerpt { return &out[at[id]].Excerpt }); err != nil {
			return nil, err
		}
		asked = asked[n:]
	}
	return out, nil
}

// excerptBatch is how many articles' excerpts one query reads.
const excerptBatch = 200

// excerptsSQL reads the excerpts of a JSON array of [id, where, past]
// (see articleMatches) with ?2 characters of context (domain.ExcerptContext):
// for each, the passage holding where (by key_start, from the index that
// holds it), how many characters of its key lie before where (NULL for
// none), and the texts of the passage before it and the one after it when
// where or past lies within ?2 characters of its edge, else NULL (a
// passage fills a page: reading the two around each of a page's 21
// articles, to show 80 characters, was a quarter of the words route's
// allocations and a page read each); then whether the text goes on after
// the passages read. The neighbours' keys' starts come from the index
// alone. pick is materialized: inlined, the start of the next passage's
// key was looked up again for each of the three places that use it (4%
// of the articles' CPU in the words mix). A passage's row is read by its
// rowid, which the index that finds it holds, and its neighbours' by the
// rowids beside it first (an article's passages are stored one after the
// other), then by (article_id, seq) when those are another's: a look in
// the primary key's index less for each (7% of the articles' CPU).
const excerptsSQL = `WITH hit (id, at, past) AS (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?1)),
pick AS MATERIALIZED (SELECT hit.id, hit.at, hit.past, p.rowid AS rid, p.seq, p.key_start, p.text,
    (SELECT n.key_start FROM article_passages n INDEXED BY article_passages_by_key
        WHERE n.article_id = hit.id AND n.key_start >= p.key_start AND n.seq = p.seq + 1) AS next_key
    FROM hit CROSS JOIN article_passages p ON p.rowid = coalesce((SELECT rowid FROM article_passages
        INDEXED BY article_passages_by_key WHERE article_id = hit.id AND key_start <= hit.at ORDER BY key_start DESC, seq DESC LIMIT 1),
        (SELECT rowid FROM article_passages WHERE article_id = hit.id AND seq = 0))),
near AS (SELECT *, seq > 0 AND at - key_start < ?2 AS prev, next_key - max(past, key_start) < ?2 AS next FROM pick)
SELECT id, seq, text, CASE WHEN at >= key_start THEN at - key_start END,
    CASE WHEN prev THEN coalesce((SELECT text FROM article_passages WHERE rowid = near.rid - 1 AND article_id = near.id AND seq = near.seq - 1),
        (SELECT text FROM article_passages WHERE article_id = near.id AND seq = near.seq - 1)) END,
    CASE WHEN next THEN coalesce((SELECT text FROM article_passages WHERE rowid = near.rid + 1 AND article_id = near.id AND seq = near.seq + 1),
        (SELECT text FROM article_passages WHERE article_id = near.id AND seq = near.seq + 1)) END,
    CASE WHEN next THEN EXISTS (SELECT 1 FROM article_passages WHERE article_id = near.id AND seq = near.seq + 2)
        ELSE next_key IS NOT NULL END
FROM near`

// excerpts reads the excerpts of the articles asked (see articleMatches)
// into what excerpt returns for each, located (domain.Excerpt's Located)
// when the text holds a term.
func (d *DB) excerpts(ctx context.Context, asked [][3]int64, excerpt func(id int64) *domain.Excerpt) error {
	st, err := d.stmt(ctx, excerptsSQL)
	if err != nil {
		return err
	}
	b := make([]byte, 0, 2+len(asked)*30)
	b = append(b, '[')
	for i, a := range asked {
		if i > 0 {
			b = append(b, ',')
		}
		b = fmt.Appendf(b, "[%d,%d,%d]", a[0], a[1], a[2])
	}
	rows, err := st.QueryContext(ctx, string(append(b, ']')), domain.ExcerptContext)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var seq int
		var text string
		var at sql.NullInt64 // characters of its key before the place found
		var prev, next sql.NullString
		var after bool
		if err := rows.Scan(&id, &seq, &text, &at, &prev, &next, &after); err != nil {
			return err
		}
		ex := excerpt(id)
		ex.Text, ex.Before, ex.After = prev.String+text+next.String, seq > 0, after
		if prev.Valid {
			ex.Before = seq > 1
		}
		if at.Valid {
			ex.Located, ex.From, ex.At = true, len(prev.String), int(at.Int64)
		}
	}
	return rows.Err()
}

// prefixed qualifies every column of a column list with a table alias.
func prefixed(alias, columns string) string {
	parts := strings.Split(columns, ",")
	for i, p := range parts {
		parts[i] = alias + strings.TrimSpace(p)
	}
	return strings.Join(parts, ", ")
}
