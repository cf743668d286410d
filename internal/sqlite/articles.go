package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// articles is the articles table's one column list.
var articles = newTable("articles",
	col("id", func(a *domain.Article) any { return &a.ID }).rowID(),
	col("title", func(a *domain.Article) any { return &a.Title }),
	col("body", func(a *domain.Article) any { return &a.Text }),
	col("source", func(a *domain.Article) any { return &a.Source }),
	col("province", func(a *domain.Article) any { return &a.Province }),
	col("published", func(a *domain.Article) any { return &a.Published }),
	col("published_start", func(a *domain.Article) any { return (*spanStart)(&a.PublishedFrom) }),
	col("published_end", func(a *domain.Article) any { return (*spanEnd)(&a.PublishedFrom) }),
	col("content_hash", func(a *domain.Article) any { return &a.Hash }),
	col("created_at", func(a *domain.Article) any { return &a.CreatedAt }),
)

// articleColumns is the articles table's select list.
var articleColumns = articles.list

// CreateArticle stores a, its mined events and the calendar's occasions it
// names (occasions), each as given, in one transaction. When an article with the same
// content hash exists, nothing is written, a is filled from the stored one
// and created is false: importing the same article twice duplicates
// nothing.
func (d *DB) CreateArticle(ctx context.Context, a *domain.Article, events []domain.Event, occasions []domain.ArticleOccasion) (created bool, err error) {
	err = d.inTx(ctx, func(tx *sql.Tx) (err error) {
		created, err = insertArticle(ctx, tx, a, events, occasions)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("create article: %w", err)
	}
	return created, nil
}

// insertArticle is CreateArticle's work inside a write transaction (q):
// nothing is written when an article with a's content hash is stored.
func insertArticle(ctx context.Context, q querier, a *domain.Article, events []domain.Event, occasions []domain.ArticleOccasion) (created bool, err error) {
	existing, err := scanArticle(q.QueryRowContext(ctx, `SELECT `+articleColumns+` FROM articles WHERE content_hash = ?`, a.Hash))
	switch {
	case err == nil:
		*a = existing
		return false, nil
	case !errors.Is(err, sql.ErrNoRows):
		return false, err
	}
	res, err := q.ExecContext(ctx, articles.insert, articles.values(a)...)
	if err != nil {
		return false, err
	}
	a.ID, _ = res.LastInsertId()
	if err := indexArticle(ctx, q, a); err != nil {
		return false, err
	}
	for i := range events {
		events[i].ArticleID = a.ID
		if err := insertEvent(ctx, q, &events[i]); err != nil {
			return false, fmt.Errorf("event %q: %w", events[i].Title, err)
		}
	}
	for i := range occasions {
		occasions[i].ArticleID = a.ID
		if err := insertArticleOccasion(ctx, q, &occasions[i]); err != nil {
			return false, err
		}
	}
	return true, nil
}

func scanArticle(r rowScanner) (domain.Article, error) { return articles.scan(r) }

// Article returns the article with id.
func (d *DB) Article(ctx context.Context, id int64) (domain.Article, error) {
	a, err := scanArticle(d.db.QueryRowContext(ctx, `SELECT `+articleColumns+` FROM articles WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("article %d: %w", id, domain.ErrNotFound)
	}
	if err != nil {
		return a, fmt.Errorf("article %d: %w", id, err)
	}
	return a, nil
}

// Articles returns the newest articles first, with their event counts.
func (d *DB) Articles(ctx context.Context, limit, offset int) ([]domain.ArticleSummary, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT a.id, a.title, a.source, a.province, a.published, a.created_at,
    (SELECT count(*) FROM events e WHERE e.article_id = a.id),
    (SELECT count(*) FROM events e WHERE e.article_id = a.id AND e.status = 'proposed')
FROM articles a ORDER BY a.id DESC`+limitSQL(limit)+` OFFSET ?`, offset)
	if err != nil {
		return nil, fmt.Errorf("articles: %w", err)
	}
	defer rows.Close()
	var out []domain.ArticleSummary
	for rows.Next() {
		var s domain.ArticleSummary
		var published sql.NullString
		var created string
		if err := rows.Scan(&s.ID, &s.Title, &s.Source, &s.Province, &published, &created, &s.Events, &s.Proposed); err != nil {
			return nil, fmt.Errorf("articles: %w", err)
		}
		if published.Valid {
			s.Published, _ = jalali.ParseISO(published.String)
		}
		s.CreatedAt = parseStamp(created)
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("articles: %w", err)
	}
	return out, nil
}

// CountArticles returns how many articles are stored.
func (d *DB) CountArticles(ctx context.Context) (int, error) {
	var n int
	if err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM articles`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count articles: %w", err)
	}
	return n, nil
}

// ArticleEvents returns the events mined from an article, in text order.
func (d *DB) ArticleEvents(ctx context.Context, articleID int64) ([]domain.Event, error) {
	out, err := d.queryEvents(ctx, `SELECT `+eventColumns+` FROM events WHERE article_id = ? ORDER BY evidence_start, id`, articleID)
	if err != nil {
		return nil, fmt.Errorf("events of article %d: %w", articleID, err)
	}
	return out, nil
}

// ArticleTitles returns the titles of the given articles.
func (d *DB) ArticleTitles(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := make(map[int64]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := d.db.QueryContext(ctx, `SELECT id, title FROM articles WHERE id IN (?`+strings.Repeat(", ?", len(ids)-1)+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("article titles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var t string
		if err := rows.Scan(&id, &t); err != nil {
			return nil, fmt.Errorf("article titles: %w", err)
		}
		out[id] = t
	}
	return out, rows.Err()
}
