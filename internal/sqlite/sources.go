package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/ruydad/ruydad/internal/domain"
)

// sources is the sources table's one column list (db/migrations/0016).
// The status columns are written by their own update (SetSourceStatus),
// never by an edit of the source's settings.
var sources = newTable("sources",
	col("id", func(s *domain.Source) any { return &s.ID }).rowID(),
	col("url", func(s *domain.Source) any { return &s.URL }),
	col("name", func(s *domain.Source) any { return &s.Name }),
	col("province", func(s *domain.Source) any { return &s.Province }),
	col("organization", func(s *domain.Source) any { return &s.Organization }),
	col("enabled", func(s *domain.Source) any { return &s.Enabled }),
	col("interval_seconds", func(s *domain.Source) any { return (*seconds)(&s.Interval) }),
	col("created_at", func(s *domain.Source) any { return &s.CreatedAt }).once(),
	col("last_fetch", func(s *domain.Source) any { return (*optStamp)(&s.Status.LastFetch) }).once(),
	col("new_items", func(s *domain.Source) any { return &s.Status.NewItems }).once(),
	col("skipped_items", func(s *domain.Source) any { return &s.Status.Skipped }).once(),
	col("problem", func(s *domain.Source) any { return &s.Status.Problem }).once(),
	col("http_status", func(s *domain.Source) any { return &s.Status.HTTPStatus }).once(),
	col("etag", func(s *domain.Source) any { return &s.Status.Validators.ETag }).once(),
	col("last_modified", func(s *domain.Source) any { return &s.Status.Validators.LastModified }).once(),
	col("next_due", func(s *domain.Source) any { return (*optStamp)(&s.Status.NextDue) }).once(),
	col("failures", func(s *domain.Source) any { return &s.Status.Failures }).once(),
)

// statusColumns are the sources' columns of a domain.SourceStatus.
var statusColumns = []string{"last_fetch", "new_items", "skipped_items", "problem", "http_status", "etag",
	"last_modified", "next_due", "failures"}

// CreateSource stores s as given and sets its ID; a URL already stored is
// domain.ErrConflict.
func (d *DB) CreateSource(ctx context.Context, s *domain.Source) error {
	err := d.inTx(ctx, func(tx *sql.Tx) error { return insertSource(ctx, tx, s) })
	return sourceError("create source", s.URL, err)
}

// insertSource stores s as given and sets its ID.
func insertSource(ctx context.Context, q querier, s *domain.Source) error {
	res, err := q.ExecContext(ctx, sources.insert, sources.values(s)...)
	if err != nil {
		return err
	}
	s.ID, _ = res.LastInsertId()
	return nil
}

// UpdateSource stores s's settings (URL, name, defaults, on/off,
// interval), leaving its status as stored; domain.ErrNotFound when s.ID is
// not stored, domain.ErrConflict when another source has its URL.
func (d *DB) UpdateSource(ctx context.Context, s domain.Source) error {
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		return oneRow(tx.ExecContext(ctx, sources.update, sources.updateValues(&s, s.ID)...))
	})
	return sourceError("update source", s.URL, err)
}

// SetSourceStatus stores what the last poll of source id did.
func (d *DB) SetSourceStatus(ctx context.Context, id int64, st domain.SourceStatus) error {
	s := domain.Source{Status: st}
	query, args := sources.updateOnly(&s, id, statusColumns...)
	err := d.inTx(ctx, func(tx *sql.Tx) error { return oneRow(tx.ExecContext(ctx, query, args...)) })
	if err != nil {
		return fmt.Errorf("source %d status: %w", id, err)
	}
	return nil
}

// DeleteSource removes source id; its articles and their links stay.
func (d *DB) DeleteSource(ctx context.Context, id int64) error {
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		return oneRow(tx.ExecContext(ctx, `DELETE FROM sources WHERE id = ?`, id))
	})
	if err != nil {
		return fmt.Errorf("delete source %d: %w", id, err)
	}
	return nil
}

// oneRow turns an update or delete that touched no row into
// domain.ErrNotFound.
func oneRow(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return domain.ErrNotFound
	}
	return nil
}

func sourceError(what, url string, err error) error {
	switch {
	case err == nil:
		return nil
	case isUnique(err):
		return fmt.Errorf("%s %s: %w", what, url, domain.ErrConflict)
	}
	return fmt.Errorf("%s %s: %w", what, url, err)
}

// Sources returns every source, by name then id.
func (d *DB) Sources(ctx context.Context) ([]domain.Source, error) {
	return querySources(ctx, d.db, "name, id")
}

// querySources returns every source, in order (an ORDER BY list).
func querySources(ctx context.Context, q querier, order string) ([]domain.Source, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+sources.list+` FROM sources ORDER BY `+order)
	if err != nil {
		return nil, fmt.Errorf("sources: %w", err)
	}
	defer rows.Close()
	var out []domain.Source
	for rows.Next() {
		s, err := sources.scan(rows)
		if err != nil {
			return nil, fmt.Errorf("sources: %w", err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sources: %w", err)
	}
	return out, nil
}

// Source returns source id.
func (d *DB) Source(ctx context.Context, id int64) (domain.Source, error) {
	return d.sourceWhere(ctx, `id = ?`, id)
}

// SourceByURL returns the source of URL u, as stored.
func (d *DB) SourceByURL(ctx context.Context, u string) (domain.Source, error) {
	return d.sourceWhere(ctx, `url = ?`, u)
}

func (d *DB) sourceWhere(ctx context.Context, where string, arg any) (domain.Source, error) {
	s, err := sources.scan(d.db.QueryRowContext(ctx, `SELECT `+sources.list+` FROM sources WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return s, fmt.Errorf("source %v: %w", arg, domain.ErrNotFound)
	}
	if err != nil {
		return s, fmt.Errorf("source %v: %w", arg, err)
	}
	return s, nil
}

// articleLinks is the article_links table's one column list.
var articleLinks = newTable("article_links",
	col("id", func(l *domain.ArticleLink) any { return &l.ID }).rowID(),
	col("article_id", func(l *domain.ArticleLink) any { return &l.ArticleID }),
	col("url", func(l *domain.ArticleLink) any { return &l.URL }),
	col("source_id", func(l *domain.ArticleLink) any { return &l.SourceID }).orNull(),
	col("title", func(l *domain.ArticleLink) any { return &l.Title }),
	col("found_at", func(l *domain.ArticleLink) any { return &l.FoundAt }),
)

// AddArticleLink stores link l (its URL canonical) and sets its ID, unless
// its URL is stored: then added is false and nothing changes.
func (d *DB) AddArticleLink(ctx context.Context, l *domain.ArticleLink) (added bool, err error) {
	err = d.inTx(ctx, func(tx *sql.Tx) (err error) {
		added, err = insertArticleLink(ctx, tx, l)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("add link %s: %w", l.URL, err)
	}
	return added, nil
}

// insertArticleLink stores l unless its URL is stored, and sets its ID.
func insertArticleLink(ctx context.Context, q querier, l *domain.ArticleLink) (added bool, err error) {
	res, err := q.ExecContext(ctx, articleLinks.insert+` ON CONFLICT (url) DO NOTHING`, articleLinks.values(l)...)
	if err != nil {
		return false, err
	}
	if n, _ := res.RowsAffected(); n == 1 {
		l.ID, _ = res.LastInsertId()
		added = true
	}
	return added, nil
}

// maxArgs is how many values one query binds at most (SQLite's limit is
// far above it).
const maxArgs = 500

// LinkedArticles returns, of the canonical URLs urls, those stored, each
// with its article's id.
func (d *DB) LinkedArticles(ctx context.Context, urls []string) (map[string]int64, error) {
	out := make(map[string]int64)
	for len(urls) > 0 {
		n := min(len(urls), maxArgs)
		args := make([]any, n)
		for i, u := range urls[:n] {
			args[i] = u
		}
		rows, err := d.db.QueryContext(ctx, `SELECT url, article_id FROM article_links WHERE url IN (?`+strings.Repeat(", ?", n-1)+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("linked articles: %w", err)
		}
		for rows.Next() {
			var u string
			var id int64
			if err := rows.Scan(&u, &id); err != nil {
				rows.Close()
				return nil, fmt.Errorf("linked articles: %w", err)
			}
			out[u] = id
		}
		if err := rows.Close(); err != nil {
			return nil, fmt.Errorf("linked articles: %w", err)
		}
		urls = urls[n:]
	}
	return out, nil
}

// ArticleLinks returns the links of the articles ids, each article's the
// first found first, each with its source's name.
func (d *DB) ArticleLinks(ctx context.Context, ids ...int64) (map[int64][]domain.ArticleLink, error) {
	out := make(map[int64][]domain.ArticleLink, len(ids))
	for len(ids) > 0 {
		n := min(len(ids), maxArgs)
		args := make([]any, n)
		for i, id := range ids[:n] {
			args[i] = id
		}
		rows, err := d.db.QueryContext(ctx, `SELECT `+prefixed("l.", articleLinks.list)+`, coalesce(s.name, '')
FROM article_links l LEFT JOIN sources s ON s.id = l.source_id
WHERE l.article_id IN (?`+strings.Repeat(", ?", n-1)+`) ORDER BY l.id`, args...)
		if err != nil {
			return nil, fmt.Errorf("article links: %w", err)
		}
		for rows.Next() {
			var name string
			l, err := articleLinks.scan(rows, &name)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("article links: %w", err)
			}
			l.Source = name
			out[l.ArticleID] = append(out[l.ArticleID], l)
		}
		if err := rows.Close(); err != nil {
			return nil, fmt.Errorf("article links: %w", err)
		}
		ids = ids[n:]
	}
	return out, nil
}
