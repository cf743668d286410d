package sqlite

import (
	"context"
	"database/sql"
	"fmt"
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

// ensureSearchIndex rebuilds the index when it does not cover every event
// and article (a database from before the index, or one edited by hand).
func (d *DB) ensureSearchIndex(ctx context.Context) error {
	var missing int
	err := d.db.QueryRowContext(ctx, `SELECT
    (SELECT count(*) FROM events WHERE id NOT IN (SELECT ref_id FROM search_index WHERE doc = 'event')) +
    (SELECT count(*) FROM articles WHERE id NOT IN (SELECT ref_id FROM search_index WHERE doc = 'article'))`).Scan(&missing)
	if err != nil || missing == 0 {
		return err
	}
	return d.inTx(ctx, func(tx *sql.Tx) error {
		events, err := queryEventsTx(ctx, tx, `SELECT `+eventColumns+` FROM events`)
		if err != nil {
			return err
		}
		for i := range events {
			if err := indexDoc(ctx, tx, "event", events[i].ID, eventKey(&events[i])); err != nil {
				return err
			}
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+articleColumns+` FROM articles`)
		if err != nil {
			return err
		}
		var arts []domain.Article
		for rows.Next() {
			a, err := scanArticle(rows)
			if err != nil {
				rows.Close()
				return err
			}
			arts = append(arts, a)
		}
		rows.Close()
		for i := range arts {
			if err := indexDoc(ctx, tx, "article", arts[i].ID, articleKey(&arts[i])); err != nil {
				return err
			}
		}
		return nil
	})
}

// Search returns the events (not rejected ones) and articles whose text
// holds every query term (keys from persian.SearchTerms), newest first, at
// most limit of each.
func (d *DB) Search(ctx context.Context, terms []string, limit int) ([]domain.Event, []domain.Article, error) {
	if len(terms) == 0 {
		return nil, nil, nil
	}
	cond := strings.Repeat(" AND instr(s.key, ?) > 0", len(terms))
	args := make([]any, 0, len(terms)+1)
	for _, t := range terms {
		args = append(args, t)
	}
	args = append(args, limit)
	events, err := d.queryEvents(ctx, `SELECT `+prefixed("e.", eventColumns)+` FROM search_index s JOIN events e ON e.id = s.ref_id
WHERE s.doc = 'event' AND e.status <> 'rejected'`+cond+` ORDER BY e.start_date IS NULL, e.start_date DESC, e.id DESC LIMIT ?`, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("search events: %w", err)
	}
	rows, err := d.db.QueryContext(ctx, `SELECT `+prefixed("a.", articleColumns)+` FROM search_index s JOIN articles a ON a.id = s.ref_id
WHERE s.doc = 'article'`+cond+` ORDER BY a.id DESC LIMIT ?`, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("search articles: %w", err)
	}
	defer rows.Close()
	var arts []domain.Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, nil, fmt.Errorf("search articles: %w", err)
		}
		arts = append(arts, a)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("search articles: %w", err)
	}
	return events, arts, nil
}

// prefixed qualifies every column of a column list with a table alias.
func prefixed(alias, columns string) string {
	parts := strings.Split(columns, ",")
	for i, p := range parts {
		parts[i] = alias + strings.TrimSpace(p)
	}
	return strings.Join(parts, ", ")
}
