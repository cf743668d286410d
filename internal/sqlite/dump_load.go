package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
)

var (
	_ app.DumpTarget = (*DB)(nil)
	_ app.DumpTx     = loadTx{}
)

// LoadTx calls fn with a write transaction for loading a dump, committed
// when fn returns nil and rolled back when it does not.
//
// The quads' sets (quads.go) are added to row by row, some tens of
// milliseconds an article and about a millisecond an event in a large
// file; a load of more than loadQuadsAdded articles (or events) leaves
// their sets to be built at its end.
func (d *DB) LoadTx(ctx context.Context, fn func(app.DumpTx) error) error {
	return d.inTx(ctx, func(tx *sql.Tx) error {
		l := loadTx{d: d, tx: tx, articles: new(int), events: new(int)}
		if err := fn(l); err != nil {
			return err
		}
		for t, n := range map[quadTable]int{articleQuads: *l.articles, eventQuads: *l.events} {
			if n <= loadQuadsAdded {
				continue
			}
			if err := buildQuadTable(ctx, tx, t); err != nil {
				return err
			}
		}
		return nil
	})
}

// loadQuadsAdded is how many articles (and how many events) a load adds
// to the quads' sets one by one (see LoadTx).
var loadQuadsAdded = 2_000

// loadTx writes inside LoadTx's transaction.
type loadTx struct {
	d                *DB
	tx               *sql.Tx
	articles, events *int // inserted so far
}

// added counts a row of t's kind inserted (n counts them): past
// loadQuadsAdded, its sets are no longer added to, but built at the load's
// end.
func (l loadTx) added(ctx context.Context, t quadTable, n *int) error {
	if *n++; *n == loadQuadsAdded+1 {
		if adds := txAdds(l.tx); adds != nil {
			adds.stop(t)
		}
		_, err := l.tx.ExecContext(ctx, `UPDATE `+t.state+` SET built = 0`)
		return err
	}
	return nil
}

// OccasionByKey returns the stored occasion with key.
func (l loadTx) OccasionByKey(ctx context.Context, key string) (domain.Occasion, error) {
	o, err := scanOccasion(l.tx.QueryRowContext(ctx, `SELECT `+occasionColumns+` FROM occasions WHERE key = ?`, key))
	if errors.Is(err, sql.ErrNoRows) {
		return o, fmt.Errorf("occasion %q: %w", key, domain.ErrNotFound)
	}
	if err != nil {
		return o, fmt.Errorf("occasion %q: %w", key, err)
	}
	return o, nil
}

// InsertOccasion stores o with its edited mark, sequence and last change.
func (l loadTx) InsertOccasion(ctx context.Context, o domain.Occasion) error {
	if err := insertOccasion(ctx, l.tx, &o, o.UpdatedAt); err != nil {
		return fmt.Errorf("insert occasion: %w", err)
	}
	return nil
}

// ReplaceOccasion stores o over the occasion o.ID, bumping its sequence.
func (l loadTx) ReplaceOccasion(ctx context.Context, o domain.Occasion) error {
	if err := updateOccasion(ctx, l.tx, &o, o.UpdatedAt); err != nil {
		return fmt.Errorf("replace occasion %d: %w", o.ID, err)
	}
	return nil
}

// AddCatalogueKey records that the database was given the built-in
// occasion key.
func (l loadTx) AddCatalogueKey(ctx context.Context, key string) error {
	if _, err := l.tx.ExecContext(ctx, `INSERT INTO occasion_seeds (key, seeded_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`,
		key, l.d.stamp()); err != nil {
		return fmt.Errorf("add catalogue key: %w", err)
	}
	return nil
}

// HasHijriCorrection reports whether the start of Hijri month year/month
// is set.
func (l loadTx) HasHijriCorrection(ctx context.Context, year, month int) (bool, error) {
	var n int
	if err := l.tx.QueryRowContext(ctx, `SELECT count(*) FROM hijri_corrections WHERE year = ? AND month = ?`,
		year, month).Scan(&n); err != nil {
		return false, fmt.Errorf("hijri correction %d/%d: %w", year, month, err)
	}
	return n > 0, nil
}

// InsertHijriCorrection stores c.
func (l loadTx) InsertHijriCorrection(ctx context.Context, c domain.HijriCorrection) error {
	if _, err := l.tx.ExecContext(ctx, hijriCorrections.insert, hijriCorrections.values(&c)...); err != nil {
		return fmt.Errorf("insert hijri correction: %w", err)
	}
	return nil
}

// HasPreparation reports whether the office prepares for the occasion key.
func (l loadTx) HasPreparation(ctx context.Context, key string) (bool, error) {
	var n int
	if err := l.tx.QueryRowContext(ctx, `SELECT count(*) FROM occasion_preparation WHERE occasion_key = ?`, key).Scan(&n); err != nil {
		return false, fmt.Errorf("preparation %q: %w", key, err)
	}
	return n > 0, nil
}

// InsertPreparation stores p with its last change.
func (l loadTx) InsertPreparation(ctx context.Context, p domain.Preparation) error {
	_, err := l.tx.ExecContext(ctx, `INSERT INTO occasion_preparation (occasion_key, lead_days, updated_at) VALUES (?, ?, ?)`,
		p.Occasion, p.LeadDays, storedValue(&p.UpdatedAt, false))
	if err != nil {
		return fmt.Errorf("insert preparation %q: %w", p.Occasion, err)
	}
	return nil
}

// HijriCorrections returns every Hijri month start set, what the database
// had and what was loaded.
func (l loadTx) HijriCorrections(ctx context.Context) ([]domain.HijriCorrection, error) {
	out, err := queryHijriCorrections(ctx, l.tx)
	if err != nil {
		return nil, fmt.Errorf("hijri corrections: %w", err)
	}
	return out, nil
}

// ArticleIDByHash returns the id of the article with content hash.
func (l loadTx) ArticleIDByHash(ctx context.Context, hash string) (int64, error) {
	var id int64
	err := l.tx.QueryRowContext(ctx, `SELECT id FROM articles WHERE content_hash = ?`, hash).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("article %q: %w", hash, domain.ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("article %q: %w", hash, err)
	}
	return id, nil
}

// InsertArticle stores a, created at a.CreatedAt, and the occasions it
// names, and indexes it for search.
func (l loadTx) InsertArticle(ctx context.Context, a *domain.Article, occasions []domain.ArticleOccasion) error {
	res, err := l.tx.ExecContext(ctx, articles.insert, articles.values(a)...)
	if err != nil {
		return fmt.Errorf("insert article: %w", err)
	}
	a.ID, _ = res.LastInsertId()
	if err := l.added(ctx, articleQuads, l.articles); err != nil {
		return fmt.Errorf("insert article: %w", err)
	}
	for i := range occasions {
		occasions[i].ArticleID = a.ID
		if err := insertArticleOccasion(ctx, l.tx, &occasions[i]); err != nil {
			return fmt.Errorf("insert article: %w", err)
		}
	}
	if err := indexArticle(ctx, l.tx, a); err != nil {
		return fmt.Errorf("insert article: %w", err)
	}
	return nil
}

// SourceIDByURL returns the id of the source with URL u.
func (l loadTx) SourceIDByURL(ctx context.Context, u string) (int64, error) {
	var id int64
	err := l.tx.QueryRowContext(ctx, `SELECT id FROM sources WHERE url = ?`, u).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("source %q: %w", u, domain.ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("source %q: %w", u, err)
	}
	return id, nil
}

// InsertSource stores s as given, with no status.
func (l loadTx) InsertSource(ctx context.Context, s *domain.Source) error {
	if err := insertSource(ctx, l.tx, s); err != nil {
		return fmt.Errorf("insert source: %w", err)
	}
	return nil
}

// InsertArticleLink stores link a unless its URL is stored.
func (l loadTx) InsertArticleLink(ctx context.Context, a *domain.ArticleLink) (bool, error) {
	added, err := insertArticleLink(ctx, l.tx, a)
	if err != nil {
		return false, fmt.Errorf("insert link: %w", err)
	}
	return added, nil
}

// HasEvent reports whether an event with uid is stored.
func (l loadTx) HasEvent(ctx context.Context, uid string) (bool, error) {
	var n int
	if err := l.tx.QueryRowContext(ctx, `SELECT count(*) FROM events WHERE uid = ?`, uid).Scan(&n); err != nil {
		return false, fmt.Errorf("event %q: %w", uid, err)
	}
	return n > 0, nil
}

// InsertEvent stores e with its uid, sequence and times, and indexes it
// for search.
func (l loadTx) InsertEvent(ctx context.Context, e *domain.Event) error {
	if err := l.added(ctx, eventQuads, l.events); err != nil {
		return fmt.Errorf("insert event: %w", err)
	}
	if err := insertEvent(ctx, l.tx, e); err != nil {
		return fmt.Errorf("insert event: %w", err)
	}
	return nil
}

// MarkSeeded records, unless recorded already, that the database has its
// built-in occasions and seed articles.
func (l loadTx) MarkSeeded(ctx context.Context) error {
	for _, key := range []string{"occasions_seeded", "articles_seeded"} {
		v, err := getMeta(ctx, l.tx, key)
		if err == nil && v == "" {
			err = setMeta(ctx, l.tx, key, "loaded from a dump")
		}
		if err != nil {
			return fmt.Errorf("mark seeded: %w", err)
		}
	}
	return nil
}
