package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
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

func indexDoc(ctx context.Context, q querier, doc string, id int64, key string) error {
	_, err := q.ExecContext(ctx, `INSERT INTO search_index (doc, ref_id, key) VALUES (?, ?, ?)
ON CONFLICT (doc, ref_id) DO UPDATE SET key = excluded.key`, doc, id, key)
	return err
}

func unindexDoc(ctx context.Context, q querier, doc string, id int64) error {
	_, err := q.ExecContext(ctx, `DELETE FROM search_index WHERE doc = ? AND ref_id = ?`, doc, id)
	return err
}

// ensureSearchIndex indexes the events and articles the index does not
// cover, or whose passages are missing (a database from before the index
// or before passages, or one edited by hand), one article at a time.
func (d *DB) ensureSearchIndex(ctx context.Context) error {
	var missing int
	err := d.db.QueryRowContext(ctx, `SELECT
    (SELECT count(*) FROM events WHERE id NOT IN (SELECT ref_id FROM search_index WHERE doc = 'event')) +
    (SELECT count(*) FROM articles WHERE id NOT IN (SELECT ref_id FROM search_index WHERE doc = 'article')
        OR id NOT IN (SELECT article_id FROM article_passages))`).Scan(&missing)
	if err != nil || missing == 0 {
		return err
	}
	return d.inTx(ctx, func(tx *sql.Tx) error {
		events, err := queryEventsTx(ctx, tx, `SELECT `+eventColumns+` FROM events
WHERE id NOT IN (SELECT ref_id FROM search_index WHERE doc = 'event')`)
		if err != nil {
			return err
		}
		for i := range events {
			if err := indexDoc(ctx, tx, "event", events[i].ID, eventKey(&events[i])); err != nil {
				return err
			}
		}
		ids, err := queryIDs(ctx, tx, `SELECT id FROM articles WHERE id NOT IN (SELECT ref_id FROM search_index WHERE doc = 'article')
    OR id NOT IN (SELECT article_id FROM article_passages)`)
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
		return nil
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
// The FTS4 index of the keys' pieces (migration 0017) finds the rows: the
// terms of gramLen characters or more as phrases of their pieces; shorter
// ones beside a longer one are looked for in the keys it found (instr), and
// alone as the pieces they begin.
func (d *DB) Search(ctx context.Context, terms []string, limit int, drafts bool) ([]domain.Event, []domain.ArticleMatch, error) {
	if len(terms) == 0 {
		return nil, nil, nil
	}
	statuses := "e.status <> 'rejected'"
	if !drafts {
		statuses = "e.status = 'confirmed'"
	}
	match, short := splitTerms(terms)
	cond := strings.Repeat(` AND EXISTS (SELECT 1 FROM search_index s WHERE s.doc = 'event' AND s.ref_id = e.id AND instr(s.key, ?) > 0)`, len(short))
	args := make([]any, 0, len(short)+2)
	args = append(args, match)
	for _, t := range short {
		args = append(args, t)
	}
	args = append(args, limit)
	events, err := d.queryEvents(ctx, `SELECT `+prefixed("e.", eventColumns)+` FROM events e
WHERE e.id IN (SELECT docid FROM event_search WHERE event_search MATCH ?) AND `+statuses+cond+`
ORDER BY e.start_date IS NULL, e.start_date DESC, e.id DESC LIMIT ?`, args...)
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

// splitTerms returns the FTS4 query (MATCH's right side) of the keys that
// hold every term of gramLen characters or more, or when there is none,
// every term, and the shorter terms it leaves to instr().
func splitTerms(terms []string) (match string, short []string) {
	var phrases []string
	for _, t := range terms {
		if utf8.RuneCountInString(t) >= gramLen {
			phrases = append(phrases, gramPhrase(t))
		} else {
			short = append(short, t)
		}
	}
	if len(phrases) == 0 {
		for _, t := range short {
			phrases = append(phrases, gramPhrase(t))
		}
		short = nil
	}
	return strings.Join(phrases, " "), short
}

// articleHit is an article found, with where its key holds each term
// first (instr's answer: from 1, 0 for nowhere).
type articleHit struct {
	id  int64
	pos []int64
}

// searchArticles returns the articles whose key holds every term, newest
// first, with their excerpts. The index finds them; the keys of the limit
// newest are read, for where they hold each term, which is where the
// excerpts are.
func (d *DB) searchArticles(ctx context.Context, terms []string, limit int) ([]domain.ArticleMatch, error) {
	query, args := articleQuery(terms, limit)
	rows, err := d.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	var hits []articleHit
	for rows.Next() {
		h := articleHit{pos: make([]int64, len(terms))}
		dest := []any{&h.id}
		for i := range h.pos {
			dest = append(dest, &h.pos[i])
		}
		if err := rows.Scan(dest...); err != nil {
			rows.Close()
			return nil, err
		}
		hits = append(hits, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
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

// articleQuery returns the query of the newest limit articles whose key
// holds every term, with where it holds each (instr, read for the rows
// returned only), and its arguments.
func articleQuery(terms []string, limit int) (string, []any) {
	match, short := splitTerms(terms)
	var cols []string
	args := make([]any, 0, len(terms)+len(short)+2)
	for _, t := range terms {
		cols = append(cols, "instr(key, ?)")
		args = append(args, t)
	}
	args = append(args, match)
	cond := strings.Repeat(" AND instr(key, ?) > 0", len(short))
	for _, t := range short {
		args = append(args, t)
	}
	args = append(args, limit)
	return `SELECT ref_id, ` + strings.Join(cols, ", ") + ` FROM search_index
WHERE doc = 'article' AND ref_id IN (SELECT docid FROM article_search WHERE article_search MATCH ?)` + cond + `
ORDER BY ref_id DESC LIMIT ?`, args
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
