package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

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
func (d *DB) Search(ctx context.Context, terms []string, limit int, drafts bool) ([]domain.Event, []domain.ArticleMatch, error) {
	if len(terms) == 0 {
		return nil, nil, nil
	}
	statuses := "e.status <> 'rejected'"
	if !drafts {
		statuses = "e.status = 'confirmed'"
	}
	cond := strings.Repeat(" AND instr(s.key, ?) > 0", len(terms))
	args := make([]any, 0, len(terms)+1)
	for _, t := range terms {
		args = append(args, t)
	}
	args = append(args, limit)
	events, err := d.queryEvents(ctx, `SELECT `+prefixed("e.", eventColumns)+` FROM search_index s JOIN events e ON e.id = s.ref_id
WHERE s.doc = 'event' AND `+statuses+cond+` ORDER BY e.start_date IS NULL, e.start_date DESC, e.id DESC LIMIT ?`, args...)
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

// articleHit is an article found, with where its key holds each term
// first (instr's answer: from 1, 0 for nowhere).
type articleHit struct {
	id  int64
	pos []int64
}

// searchArticles returns the articles whose key holds every term, newest
// first, with their excerpts. Each key is read once, and instr() looks
// for each term once, up to where it first occurs: the positions found are
// where the excerpts are.
func (d *DB) searchArticles(ctx context.Context, terms []string, limit int) ([]domain.ArticleMatch, error) {
	rows, err := d.db.QueryContext(ctx, articleQuery(len(terms)), articleArgs(terms, limit)...)
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
	slices.SortFunc(hits, func(a, b articleHit) int { return cmp.Compare(b.id, a.id) })
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

// articleQuery returns the query of the articles whose key holds each of n
// terms (parameters ?1 to ?n; the limit ?n+1), newest first. Each key is
// read once (a long key lies in overflow pages, which every read of the
// column walks): a subquery takes the first term's position, and hands the
// key on, when there are other terms, to the next, which takes theirs in
// the keys that hold the first. OFFSET 0 keeps SQLite from folding the
// subqueries into one another, which would read each key, or look for each
// term, twice. The scan follows search_index's key and stops at the limit.
func articleQuery(n int) string {
	if n == 1 {
		return `SELECT ref_id, p0 FROM (SELECT ref_id, instr(key, ?1) AS p0 FROM search_index WHERE doc = 'article'
ORDER BY ref_id DESC LIMIT -1 OFFSET 0) WHERE p0 > 0 LIMIT ?2`
	}
	keys := `SELECT ref_id, key FROM search_index WHERE doc = 'article' ORDER BY ref_id DESC LIMIT -1 OFFSET 0`
	first := `SELECT ref_id, key, instr(key, ?1) AS p0 FROM (` + keys + `) LIMIT -1 OFFSET 0`
	cols, names, cond := []string{"ref_id", "p0"}, []string{"p0"}, []string{"p0 > 0"}
	for i := 1; i < n; i++ {
		p := fmt.Sprintf("p%d", i)
		cols = append(cols, fmt.Sprintf("instr(key, ?%d) AS %s", i+1, p))
		names, cond = append(names, p), append(cond, p+" > 0")
	}
	others := `SELECT ` + strings.Join(cols, ", ") + ` FROM (` + first + `) WHERE p0 > 0 LIMIT -1 OFFSET 0`
	return `SELECT ref_id, ` + strings.Join(names, ", ") + ` FROM (` + others + `) WHERE ` + strings.Join(cond, " AND ") +
		fmt.Sprintf(` LIMIT ?%d`, n+1)
}

// articleArgs returns articleQuery's arguments.
func articleArgs(terms []string, limit int) []any {
	args := make([]any, 0, len(terms)+1)
	for _, t := range terms {
		args = append(args, t)
	}
	return append(args, limit)
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
