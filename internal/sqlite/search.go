package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
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
// first), which search_index's triggers index.
func indexDoc(ctx context.Context, q querier, doc string, id int64, key string) error {
	_, err := q.ExecContext(ctx, indexSQL(doc), doc, id, key)
	return err
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
// article. The articles come as a result shows them (id, title,
// publication date), each with an excerpt around where the first term its
// text holds (in the order given) first occurs: no article's text is read
// but the excerpts.
//
// The FTS4 index of the keys' pieces (migration 0017) finds the rows,
// newest first (its docids are the rows' ranks), and a search stops at its
// limit: the terms of gramLen characters or more are phrases of their
// pieces (of the first maxPhrase, the term then looked for in the keys
// found, with instr), and the shorter ones beside them are looked for in
// the keys found. Short terms alone are looked for in the newest keys (most often
// found there, they are in most keys), then, when those did not give limit
// rows, as the pieces they begin.
func (d *DB) Search(ctx context.Context, terms []string, limit int, drafts bool) ([]domain.Event, []domain.ArticleMatch, error) {
	if len(terms) == 0 {
		return nil, nil, nil
	}
	statuses := "e.status <> 'rejected'"
	if !drafts {
		statuses = "e.status = 'confirmed'"
	}
	events, err := d.searchEvents(ctx, terms, limit, statuses)
	if err != nil {
		return nil, nil, fmt.Errorf("search events: %w", err)
	}
	if !drafts {
		return events, nil, nil
	}
	arts, err := d.searchArticles(ctx, terms, limit)
	if err != nil {
		return nil, nil, fmt.Errorf("search articles: %w", err)
	}
	return events, arts, nil
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
	q := planQuery(terms)
	if q.match == "" {
		args := append([]any{eventScanKeys}, termArgs(q.check)...)
		evs, err := d.queryEvents(ctx, eventScanSQL(statuses, len(q.check)), append(args, limit)...)
		if err != nil || len(evs) == limit {
			return evs, err
		}
		q = prefixQuery(q.check)
	}
	args := append([]any{q.match}, termArgs(q.check)...)
	return d.queryEvents(ctx, eventMatchSQL(statuses, len(q.check)), append(args, limit)...)
}

// eventMatchSQL returns the query of the events of statuses that the
// index finds (MATCH ?) and whose key holds n more terms, newest first (the
// index's order: nothing is sorted), at most ? (the last argument).
func eventMatchSQL(statuses string, n int) string {
	join := ""
	if n > 0 {
		join = ` CROSS JOIN search_index s ON s.doc = 'event' AND s.ref_id = e.id`
	}
	return `SELECT ` + prefixed("e.", eventColumns) + ` FROM event_search f CROSS JOIN events e ON e.id = f.docid & ` +
		strconv.Itoa(rankID) + join + `
WHERE event_search MATCH ? AND ` + statuses + holdsAll("s.key", n) + ` ORDER BY f.docid DESC LIMIT ?`
}

// eventScanSQL returns the query of the events of statuses among the
// newest ? whose key holds n terms, newest first, at most ?.
func eventScanSQL(statuses string, n int) string {
	return `SELECT ` + prefixed("e.", eventColumns) + ` FROM (SELECT ref_id, key, rank FROM search_index WHERE doc = 'event'
ORDER BY rank DESC LIMIT ?) s CROSS JOIN events e ON e.id = s.ref_id
WHERE ` + statuses + holdsAll("s.key", n) + ` ORDER BY s.rank DESC LIMIT ?`
}

// A query is how the index is asked for the keys that hold every term.
type query struct {
	match string   // the FTS4 query (MATCH's right side), "" when every term is short
	check []string // the terms looked for in the keys it finds (instr), or every term when match is ""
}

// planQuery returns the query of terms: the phrases of the terms of
// gramLen characters or more, and the shorter terms and those the phrases
// find only roughly to check.
func planQuery(terms []string) query {
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

// articleHit is an article found, with where its key holds each term
// first (instr's answer: from 1, 0 for nowhere).
type articleHit struct {
	id  int64
	pos []int64
}

// searchArticles returns the articles whose key holds every term, newest
// first, with their excerpts. The keys of the articles found are read, for
// where they hold each term, which is where the excerpts are.
func (d *DB) searchArticles(ctx context.Context, terms []string, limit int) ([]domain.ArticleMatch, error) {
	q := planQuery(terms)
	if q.match == "" {
		hits, err := d.articleHits(ctx, articleScanSQL(len(terms), len(q.check)), terms, articleScanKeys, q.check, limit)
		if err != nil || len(hits) == limit {
			return d.articleMatches(ctx, hits, terms, err)
		}
		q = prefixQuery(q.check)
	}
	hits, err := d.articleHits(ctx, articleMatchSQL(len(terms), len(q.check)), terms, q.match, q.check, limit)
	return d.articleMatches(ctx, hits, terms, err)
}

// articleMatchSQL returns the query of the articles that the index finds
// (MATCH ?, after where their key holds each of terms terms) and whose key
// holds n more terms, newest first (the index's order), at most ?: their
// ids, and where their key holds each term.
func articleMatchSQL(terms, n int) string {
	return `SELECT s.ref_id` + strings.Repeat(", instr(s.key, ?)", terms) + `
FROM article_search f CROSS JOIN search_index s ON s.doc = 'article' AND s.ref_id = f.docid
WHERE article_search MATCH ?` + holdsAll("s.key", n) + ` ORDER BY f.docid DESC LIMIT ?`
}

// articleScanSQL is articleMatchSQL over the newest ? articles instead of
// those the index finds.
func articleScanSQL(terms, n int) string {
	return `SELECT s.ref_id` + strings.Repeat(", instr(s.key, ?)", terms) + `
FROM (SELECT ref_id, key, rank FROM search_index WHERE doc = 'article' ORDER BY rank DESC LIMIT ?) s
WHERE true` + holdsAll("s.key", n) + ` ORDER BY s.rank DESC LIMIT ?`
}

// articleHits runs query (articleMatchSQL's or articleScanSQL's) with
// terms, from (what selects the articles), the terms to check and limit.
func (d *DB) articleHits(ctx context.Context, query string, terms []string, from any, check []string, limit int) ([]articleHit, error) {
	args := append(termArgs(terms), from)
	args = append(append(args, termArgs(check)...), limit)
	rows, err := d.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var hits []articleHit
	for rows.Next() {
		h := articleHit{pos: make([]int64, len(terms))}
		dest := []any{&h.id}
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

// articleMatches returns the results of the articles hit (unless err).
func (d *DB) articleMatches(ctx context.Context, hits []articleHit, terms []string, err error) ([]domain.ArticleMatch, error) {
	if err != nil {
		return nil, err
	}
	out := make([]domain.ArticleMatch, len(hits))
	for i, h := range hits {
		m := &out[i]
		// What a result shows, from the index that holds it: the columns
		// after the body lie past its overflow pages.
		err := d.db.QueryRowContext(ctx, `SELECT id, title, published FROM articles INDEXED BY articles_search_hit WHERE id = ?`, h.id).
			Scan(&m.Article.ID, &m.Article.Title, scanDest(&m.Article.Published))
		if err != nil {
			return nil, err
		}
		if m.Excerpt, err = d.excerpt(ctx, h, terms); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// excerpt returns the texts of the passages of hit's article around the
// first place its text holds a term (the terms taken in order): the passage
// holding it, the one before and the one after; its beginning when the text
// holds none. A term found first in the title, source or province is
// looked for again in the text alone.
func (d *DB) excerpt(ctx context.Context, h articleHit, terms []string) (domain.Excerpt, error) {
	var textStart int64 // where the text begins in the key
	err := d.db.QueryRowContext(ctx, `SELECT key_start FROM article_passages WHERE article_id = ? AND seq = 0`, h.id).Scan(&textStart)
	if errors.Is(err, sql.ErrNoRows) {
		return domain.Excerpt{}, nil
	}
	if err != nil {
		return domain.Excerpt{}, err
	}
	at := int64(-1) // where in the key, from 0
	for i, t := range terms {
		if p := h.pos[i] - 1; p >= textStart {
			at = p
			break
		}
		var p int64
		err := d.db.QueryRowContext(ctx, `SELECT instr(substr(key, ? + 1), ?) FROM search_index WHERE doc = 'article' AND ref_id = ?`,
			textStart, t, h.id).Scan(&p)
		if err != nil {
			return domain.Excerpt{}, err
		}
		if p > 0 {
			at = textStart + p - 1
			break
		}
	}
	seq := 0
	if at >= 0 {
		err := d.db.QueryRowContext(ctx, `SELECT seq FROM article_passages WHERE article_id = ? AND key_start <= ?
ORDER BY key_start DESC, seq DESC LIMIT 1`, h.id, at).Scan(&seq)
		if err != nil {
			return domain.Excerpt{}, err
		}
	}
	// The passage after the excerpt is asked for too, only to tell whether
	// the text goes on.
	rows, err := d.db.QueryContext(ctx, `SELECT seq, text FROM article_passages WHERE article_id = ? AND seq BETWEEN ? AND ?
ORDER BY seq`, h.id, seq-1, seq+2)
	if err != nil {
		return domain.Excerpt{}, err
	}
	defer rows.Close()
	var ex domain.Excerpt
	var b strings.Builder
	for first := true; rows.Next(); first = false {
		var p passage
		if err := rows.Scan(&p.Seq, &p.Text); err != nil {
			return domain.Excerpt{}, err
		}
		if first {
			ex.Before = p.Seq > 0
		}
		if p.Seq == seq+2 {
			ex.After = true
			break
		}
		b.WriteString(p.Text)
	}
	if err := rows.Err(); err != nil {
		return domain.Excerpt{}, err
	}
	ex.Text = b.String()
	return ex, nil
}

// prefixed qualifies every column of a column list with a table alias.
func prefixed(alias, columns string) string {
	parts := strings.Split(columns, ",")
	for i, p := range parts {
		parts[i] = alias + strings.TrimSpace(p)
	}
	return strings.Join(parts, ", ")
}
