package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
)

var (
	_ app.DumpSource   = (*DB)(nil)
	_ app.DumpSnapshot = snapshot{}
)

// ReadSnapshot calls read with a view of the whole database as of one
// moment: a deferred read transaction, which does not block writers.
func (d *DB) ReadSnapshot(ctx context.Context, read func(app.DumpSnapshot) error) error {
	conn, err := d.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	defer conn.Close()
	// The DSN makes BeginTx take the write lock; a plain BEGIN only reads.
	if _, err := conn.ExecContext(ctx, `BEGIN DEFERRED`); err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `ROLLBACK`)
	return read(snapshot{conn})
}

// snapshot reads inside ReadSnapshot's transaction.
type snapshot struct{ conn *sql.Conn }

// Occasions returns every occasion, in the order they were stored.
func (s snapshot) Occasions(ctx context.Context) ([]domain.Occasion, error) {
	out, err := queryOccasions(ctx, s.conn)
	if err != nil {
		return nil, fmt.Errorf("snapshot occasions: %w", err)
	}
	return out, nil
}

// CatalogueKeys returns the key of every built-in occasion the database
// was ever given, in key order.
func (s snapshot) CatalogueKeys(ctx context.Context) ([]string, error) {
	rows, err := s.conn.QueryContext(ctx, `SELECT key FROM occasion_seeds ORDER BY key`)
	if err != nil {
		return nil, fmt.Errorf("snapshot catalogue keys: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, fmt.Errorf("snapshot catalogue keys: %w", err)
		}
		out = append(out, k)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("snapshot catalogue keys: %w", err)
	}
	return out, nil
}

// HijriCorrections returns every Hijri month start set, in month order.
func (s snapshot) HijriCorrections(ctx context.Context) ([]domain.HijriCorrection, error) {
	out, err := queryHijriCorrections(ctx, s.conn)
	if err != nil {
		return nil, fmt.Errorf("snapshot hijri corrections: %w", err)
	}
	return out, nil
}

// Sources returns every news source, in the order they were stored.
func (s snapshot) Sources(ctx context.Context) ([]domain.Source, error) {
	out, err := querySources(ctx, s.conn, "id")
	if err != nil {
		return nil, fmt.Errorf("snapshot sources: %w", err)
	}
	return out, nil
}

// Preparations returns the occasions the office prepares for.
func (s snapshot) Preparations(ctx context.Context) ([]domain.Preparation, error) {
	return queryPreparations(ctx, s.conn)
}

// EachArticle calls fn with every article, in the order they were stored,
// with the occasions it names as stored (the names they were mined with)
// and its links, each with its source's URL.
func (s snapshot) EachArticle(ctx context.Context, fn func(app.DumpedArticle) error) error {
	if err := s.eachArticle(ctx, fn); err != nil {
		return fmt.Errorf("snapshot articles: %w", err)
	}
	return nil
}

func (s snapshot) eachArticle(ctx context.Context, fn func(app.DumpedArticle) error) error {
	occasions := map[int64][]domain.ArticleOccasion{}
	err := articleOccasionRows(ctx, s.conn, func(article int64, o domain.ArticleOccasion) error {
		occasions[article] = append(occasions[article], o)
		return nil
	})
	if err != nil {
		return err
	}
	links, err := s.links(ctx)
	if err != nil {
		return err
	}
	rows, err := s.conn.QueryContext(ctx, `SELECT `+articleColumns+`, created_at FROM articles ORDER BY id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var a app.DumpedArticle
		if a.Article, err = scanArticle(scanPlus{rows, []any{&a.Created}}); err != nil {
			return err
		}
		a.Occasions, a.Links = occasions[a.Article.ID], links[a.Article.ID]
		if err := fn(a); err != nil {
			return err
		}
	}
	return rows.Err()
}

// links returns every article's links, by article, each with its
// source's URL.
func (s snapshot) links(ctx context.Context) (map[int64][]app.DumpedLink, error) {
	rows, err := s.conn.QueryContext(ctx, `SELECT `+prefixed("l.", articleLinks.list)+`, coalesce(s.url, '')
FROM article_links l LEFT JOIN sources s ON s.id = l.source_id ORDER BY l.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]app.DumpedLink{}
	for rows.Next() {
		var d app.DumpedLink
		if d.Link, err = articleLinks.scan(rows, &d.SourceURL); err != nil {
			return nil, err
		}
		out[d.Link.ArticleID] = append(out[d.Link.ArticleID], d)
	}
	return out, rows.Err()
}

// EachEvent calls fn with every event, in the order they were stored, with
// the hash of the article it names.
func (s snapshot) EachEvent(ctx context.Context, fn func(app.DumpedEvent) error) error {
	if err := s.eachEvent(ctx, fn); err != nil {
		return fmt.Errorf("snapshot events: %w", err)
	}
	return nil
}

// eachEvent passes every event to fn, the series before the events that
// stand in for their occurrences (a series split by "this and following"
// is newer than the moved occurrences it took over), so that a load finds
// each one's series already stored.
func (s snapshot) eachEvent(ctx context.Context, fn func(app.DumpedEvent) error) error {
	rows, err := s.conn.QueryContext(ctx, `SELECT `+prefixed("e.", eventColumns)+`, a.content_hash, e.created_at, e.updated_at
FROM events e LEFT JOIN articles a ON a.id = e.article_id ORDER BY e.series_id IS NOT NULL, e.id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var e app.DumpedEvent
		var hash sql.NullString
		if e.Event, err = scanEvent(scanPlus{rows, []any{&hash, &e.Created, &e.Updated}}); err != nil {
			return err
		}
		e.ArticleHash = hash.String
		if err := fn(e); err != nil {
			return err
		}
	}
	return rows.Err()
}

// scanPlus scans a row through a scan function written for its leading
// columns, into that function's destinations and then into extra.
type scanPlus struct {
	r     rowScanner
	extra []any
}

func (s scanPlus) Scan(dest ...any) error { return s.r.Scan(append(dest, s.extra...)...) }
