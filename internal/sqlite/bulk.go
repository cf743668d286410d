package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/ruydad/ruydad/internal/domain"
)

// Bulk writes many rows at once, for 'ruydad bench' to fill a database of
// national size (a million events) in minutes: through the store's own
// insert and index functions (insertEvent, insertArticle, createUser), so
// that every derived table (search_index, article_passages, the data
// version's triggers) is kept as the use cases keep it, but in large
// transactions of statements prepared once per transaction. The server
// never uses it: the rows are written as given, unchecked (the caller has
// filled and validated them as the use cases would).
type Bulk struct {
	ctx   context.Context
	conn  *sql.Conn
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
	rows  int // rows written in the open transaction
	total int
}

// bulkRows is how many rows a Bulk writes per transaction: large enough
// that commits cost nothing, small enough that the write-ahead log
// (checkpointed at each commit) stays a few hundred MB.
const bulkRows = 20000

// bulkCacheKiB is the writer's page cache during a bulk fill: the events'
// indexes (by date, by status) take rows in random order, and with the
// default 2 MB cache each insert would read their pages back from disk.
const bulkCacheKiB = 256 << 10

// BulkFill runs fill with a Bulk on the writer connection (other writes
// wait), committing every bulkRows rows and once more when fill returns;
// an error from fill rolls back the open transaction only (what was
// committed stays).
func (d *DB) BulkFill(ctx context.Context, fill func(*Bulk) error) error {
	conn, err := d.w.Conn(ctx)
	if err != nil {
		return fmt.Errorf("bulk fill: %w", err)
	}
	defer conn.Close()
	var cache int64
	if err := conn.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&cache); err != nil {
		return fmt.Errorf("bulk fill: %w", err)
	}
	if _, err := conn.ExecContext(ctx, `PRAGMA cache_size = -`+strconv.Itoa(bulkCacheKiB)); err != nil {
		return fmt.Errorf("bulk fill: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA cache_size = `+strconv.FormatInt(cache, 10))
	b := &Bulk{ctx: ctx, conn: conn}
	if err := b.begin(); err != nil {
		return fmt.Errorf("bulk fill: %w", err)
	}
	defer b.rollback()
	// The quads' sets are not added to row by row (a thousand rows an
	// article, hundreds an event) but built at the end, or at the next
	// open if the fill stops short (see ensureQuads).
	for _, t := range quadTables {
		if _, err := b.tx.ExecContext(ctx, `UPDATE `+t.state+` SET built = 0`); err != nil {
			return fmt.Errorf("bulk fill: %w", err)
		}
	}
	if err := fill(b); err != nil {
		return fmt.Errorf("bulk fill: %w", err)
	}
	if err := b.commit(); err != nil {
		return fmt.Errorf("bulk fill: %w", err)
	}
	// The search index's segments merged and its pieces counted, as
	// migration 0023 left them (see OptimizeSearch).
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("bulk fill: %w", err)
	}
	defer tx.Rollback()
	defer d.counts.drop()
	if err := optimizeSearch(ctx, tx); err != nil {
		return fmt.Errorf("bulk fill: %w", err)
	}
	if err := buildQuads(ctx, tx); err != nil {
		return fmt.Errorf("bulk fill: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("bulk fill: %w", err)
	}
	// The checkpointer would copy the log back later; a bench that
	// measures the file after the fill wants it copied now.
	if _, err := conn.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return fmt.Errorf("bulk fill: checkpoint: %w", err)
	}
	return nil
}

// Event stores e as given (its UID, times and status filled and checked)
// and sets its ID.
func (b *Bulk) Event(e *domain.Event) error {
	if err := insertEvent(b.ctx, b, e); err != nil {
		return fmt.Errorf("event %q: %w", e.Title, err)
	}
	return b.wrote(1)
}

// Article stores a, its mined events and the occasions it names as
// CreateArticle does (an article whose content hash is stored already is
// left, and created is false), and sets their IDs.
func (b *Bulk) Article(a *domain.Article, events []domain.Event, occasions []domain.ArticleOccasion) (created bool, err error) {
	created, err = insertArticle(b.ctx, b, a, events, occasions)
	if err != nil {
		return false, fmt.Errorf("article %q: %w", a.Title, err)
	}
	return created, b.wrote(1 + len(events) + len(occasions))
}

// User stores account u as given (its password already hashed) and sets
// its ID.
func (b *Bulk) User(u *domain.User) error {
	if err := createUser(b.ctx, b, u); err != nil {
		return err
	}
	return b.wrote(1)
}

// Rows returns how many rows (events, articles, accounts, occasions named)
// b has written.
func (b *Bulk) Rows() int { return b.total }

// wrote counts n rows written and commits when the transaction is full.
func (b *Bulk) wrote(n int) error {
	b.rows += n
	b.total += n
	if b.rows < bulkRows {
		return nil
	}
	if err := b.commit(); err != nil {
		return err
	}
	return b.begin()
}

func (b *Bulk) begin() error {
	tx, err := b.conn.BeginTx(b.ctx, nil)
	if err != nil {
		return err
	}
	b.tx, b.stmts, b.rows = tx, map[string]*sql.Stmt{}, 0
	return nil
}

// commit commits the open transaction, its statements closed first.
func (b *Bulk) commit() error {
	var err error
	for _, st := range b.stmts {
		err = errors.Join(err, st.Close())
	}
	b.stmts = nil
	if err != nil {
		return err
	}
	tx := b.tx
	b.tx = nil
	return tx.Commit()
}

func (b *Bulk) rollback() {
	for _, st := range b.stmts {
		st.Close()
	}
	if b.tx != nil {
		b.tx.Rollback()
	}
}

// stmt returns query prepared in the open transaction, once.
func (b *Bulk) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := b.stmts[query]; ok {
		return st, nil
	}
	st, err := b.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	b.stmts[query] = st
	return st, nil
}

// ExecContext, QueryContext and QueryRowContext make a Bulk the querier
// the store's functions write through: each query prepared once per
// transaction.
func (b *Bulk) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := b.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (b *Bulk) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := b.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func (b *Bulk) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := b.stmt(ctx, query)
	if err != nil {
		// A *sql.Row cannot be made with an error outside database/sql:
		// the unprepared query reports it.
		return b.tx.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}
