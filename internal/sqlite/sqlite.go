// Package sqlite stores ruydad's data in an SQLite file through plain SQL.
// It owns the migrations runner (over db/migrations) and the connection
// settings; it turns sql.ErrNoRows into domain.ErrNotFound.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mattn/go-sqlite3" // the "sqlite3" driver (and its error codes), for the plain connections of backups

	"github.com/ruydad/ruydad/db"
	"github.com/ruydad/ruydad/internal/app"
)

// DB is an open ruydad database. It reads through a bounded pool of
// read-only connections and writes through one connection of its own.
type DB struct {
	db  *sql.DB // readers: query_only, readConns at most
	w   *sql.DB // the writer: one connection, so writes queue in Go
	now func() time.Time

	versionStmt *sql.Stmt  // DataVersion's query
	eventStmt   *sql.Stmt  // Event's: preparing its 24 columns took a third of an event page
	keptStmts   sync.Map   // the statements kept prepared, by text: months', review pages', searches' (DB.stmt)
	series      seriesMemo // the series read at the data version (allSeries)
	seriesDays  seriesDays // the series placed on blocks of days (seriesOn)
	review      reviewMemo // the review queue's count and articles at the data version
	quads       quadCache  // the events' quads' sets searches read lately, at the data version
	// articleQuadSets are the articles' (a budget of their own: an
	// event's common quad is 168 KB of bitmaps, and in one budget the
	// events' sets pushed the articles' out).
	articleQuadSets quadCache
	ranks           eventRanks  // every event's rank by id, for the searches by the quads' sets
	counts          countsMemo  // the pieces' counts of the terms searched lately, at the data version
	articles        articleMemo // what checking articles' keys for terms found lately, at the data version
	// quadSearches counts the article searches the quads' sets served
	// (articlesByQuads), for tests.
	quadSearches atomic.Int64
	// eventQuadSearches counts the event searches the events' quads'
	// sets served (tests).
	eventQuadSearches atomic.Int64
	// eventRankSearches counts the event searches that the ranks held
	// served (eventsByRanks; tests).
	eventRankSearches atomic.Int64
	// eventRankRetries counts the event searches by the ranks held made
	// again because a rank moved meanwhile (tests).
	eventRankRetries atomic.Int64
	// eventNewestByCount counts the event searches that read the newest
	// keys because the sets counted many events holding the terms
	// (newestHolding; tests).
	eventNewestByCount atomic.Int64
	// quadSetReads counts the queries of quads' sets that the cache did
	// not serve (quadSetsOf; tests).
	quadSetReads atomic.Int64
	writes       atomic.Int64
	version      atomic.Pointer[versionReading]

	path            string
	opt             options
	stopCheckpoints func()                 // ends the checkpointer (see checkpoints)
	damage          atomic.Pointer[string] // why the file is known damaged (see Failed)

	fullCheck string        // why OpenChecked checked the whole file at open ("": it did not; see OpenCheck)
	stopCheck func()        // stops the check in the background (see checkInBackground)
	checkDone chan struct{} // closed when the check in the background ends
	checkErr  error         // what it found, once checkDone is closed
	// markOnClose: Close records the clean close (the file was checked,
	// or opened with the mark standing; see cleanCloseKey).
	markOnClose bool
}

// readConns bounds the readers. SQLite in WAL mode lets any number read
// while one writes, but each connection keeps its own page cache (memory
// the server holds) and two cores gain nothing from more than a few
// readers: without a bound, 64 concurrent requests opened 64 connections
// and the server grew past 230 MB.
const readConns = 8

// busyTimeout is how long a connection waits for a lock another holds.
const busyTimeout = 10 * time.Second

// DSN returns the connection string for path. Pragmas are per connection, so
// they live in the DSN where database/sql applies them to every pooled one
// (journal_size_limit, which the driver does not take there, is set by the
// connectors).
func DSN(path string) string {
	q := url.Values{}
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", strconv.FormatInt(busyTimeout.Milliseconds(), 10))
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "NORMAL")
	q.Set("_txlock", "immediate")
	return "file:" + path + "?" + q.Encode()
}

// The write-ahead log. SQLite appends every commit to it and copies it back
// into the database (a checkpoint) after each 1,000 pages, but only as far
// as the oldest reader still reading needs, and it starts the log over only
// when no reader uses it: under continuous reads it grew without bound
// (296 MB beside a 30 MB database after the load tests). So a checkpointer
// looks every checkpointEvery: after writes, a passive checkpoint (it
// waits for nobody); when the log has grown past walLimit, or nothing was
// written since the last look, a truncating one, which waits (at most
// checkpointWait, holding back writes meanwhile) for readers to move to
// the latest data, then copies it all back and empties the log. And
// journal_size_limit cuts the log back to walLimit whenever SQLite starts
// it over. Beside Litestream the checkpointer runs passive checkpoints
// only (see Replicated).
const (
	checkpointEvery = 5 * time.Second
	checkpointWait  = time.Second
	walLimit        = 32 << 20
)

// options are Open's settings (tests shorten the checkpointer's).
type options struct {
	checkpointEvery time.Duration
	walLimit        int64
	quickCheck      bool // quickCheck before anything else
	replicated      bool // Litestream replicates the file (see Replicated)
	// checkpointed, when set, is told each checkpoint the checkpointer
	// ran: its mode and whether readers or a writer kept it from finishing
	// (tests).
	checkpointed func(mode string, busy bool)
}

var defaults = options{checkpointEvery: checkpointEvery, walLimit: walLimit}

// An Option changes how Open and OpenChecked open a database.
type Option func(*options)

// Replicated opens a database file that Litestream replicates beside the
// server (serve --litestream). Litestream (v0.5) keeps a read transaction
// open on the file at all times but while it checkpoints, so that nobody
// else can start the write-ahead log over before it has copied every
// frame, and it checkpoints the log itself (passively after 1,000 pages
// and after a minute without a change, holding the write lock meanwhile;
// truncating it after about 121,000). So the checkpointer runs passive
// checkpoints only, which wait for nobody and never start the log over:
// a truncating one would wait for Litestream's reader, holding back the
// server's writes for checkpointWait at each look and failing, and, were
// it to win in the moment Litestream lets its reader go, would start the
// log over behind Litestream's back, which then loses its place and
// uploads a whole new snapshot. The log is then
// bounded by Litestream's checkpoints, not by walLimit.
func Replicated() Option { return func(o *options) { o.replicated = true } }

// Open opens (creating if needed) the database at path and applies every
// pending migration.
// An error that shows the file damaged wraps app.ErrDamaged.
func Open(ctx context.Context, path string, opts ...Option) (*DB, error) {
	opt := defaults
	for _, o := range opts {
		o(&opt)
	}
	return openWith(ctx, path, opt)
}

// OpenChecked is Open after a check of the file. After an unclean stop (a
// crash, a kill), or when the file changed since ruydad closed it, or at
// its first open, the check is PRAGMA quick_check, table by table (see
// quickCheck), before anything is written: a damaged file is refused,
// with an error wrapping app.ErrDamaged. After a clean close, with the
// file as ruydad left it, it is a check of the schema and the ends of
// each table, and the caller runs the full quick_check in the background
// once it is ready (CheckInBackground; see cleanCloseKey, OpenCheck,
// Checked).
func OpenChecked(ctx context.Context, path string, opts ...Option) (*DB, error) {
	opt := defaults
	opt.quickCheck = true
	for _, o := range opts {
		o(&opt)
	}
	return openWith(ctx, path, opt)
}

func openWith(ctx context.Context, path string, opt options) (*DB, error) {
	d, err := openDB(ctx, path, opt)
	if err != nil {
		return nil, damaged(err)
	}
	return d, nil
}

func openDB(ctx context.Context, path string, opt options) (*DB, error) {
	d := &DB{now: time.Now, path: path, opt: opt}
	seen := lookAtFile(path)
	if opt.quickCheck {
		if err := d.checkAtOpen(ctx, seen); err != nil {
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
		d.markOnClose = true
	}
	w, err := openPool(ctx, path, d.writerConnector(DSN(path)), 1)
	if err != nil {
		return nil, err
	}
	d.w = w
	if !opt.quickCheck {
		// Unchecked, the file closes with the mark only if it opened with
		// it: so the next checked open still checks the whole of a file a
		// kill left, whatever opened it in between.
		why := needsFullCheck(ctx, w, seen, opt.replicated)
		d.markOnClose = why == "" || why == newFile
	}
	// The clean-close mark goes before anything else is written.
	if err := clearCleanClose(ctx, w); err != nil {
		w.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := d.Migrate(ctx); err != nil {
		w.Close()
		return nil, err
	}
	// Readers open after the migrations, so that the first one never meets
	// a file that is not yet in WAL mode.
	if d.db, err = openPool(ctx, path, d.readerConnector(DSN(path)+"&_query_only=true"), readConns); err != nil {
		w.Close()
		return nil, err
	}
	if err := d.prepare(ctx); err != nil {
		d.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := d.ensureSearchIndex(ctx); err != nil {
		d.Close()
		return nil, fmt.Errorf("open %s: search index: %w", path, err)
	}
	if err := d.ensureQuads(ctx); err != nil {
		d.Close()
		return nil, fmt.Errorf("open %s: quads' sets: %w", path, err)
	}
	d.stopCheckpoints = d.checkpoints(opt.checkpointEvery, opt.walLimit)
	return d, nil
}

// checkpointMode is the checkpoint the checkpointer runs when the log is
// size bytes long, limit its bound, idle whether nothing was written
// since the last look: none ("") for an empty log; PASSIVE after writes,
// and always when Litestream replicates the file (see Replicated);
// TRUNCATE when idle or past the limit.
func checkpointMode(size, limit int64, idle, replicated bool) string {
	switch {
	case size == 0:
		return ""
	case replicated:
		return "PASSIVE"
	case idle || size > limit:
		return "TRUNCATE"
	}
	return "PASSIVE"
}

// checkpoints runs the checkpointer (see checkpointEvery) until the
// returned function is called.
func (d *DB) checkpoints(every time.Duration, limit int64) (stop func()) {
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(every)
		defer t.Stop()
		writes := d.writes.Load()
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			idle := d.writes.Load() == writes
			writes = d.writes.Load()
			mode := checkpointMode(d.walSize(), limit, idle, d.opt.replicated)
			if mode == "" {
				continue
			}
			// A failure (the database busy, or closing) is tried again at
			// the next look.
			busy, err := d.Checkpoint(context.Background(), mode)
			if d.opt.checkpointed != nil {
				d.opt.checkpointed(mode, busy || err != nil)
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}

// walSize returns the size of the write-ahead log file (0 when there is
// none).
func (d *DB) walSize() int64 {
	st, err := os.Stat(d.path + "-wal")
	if err != nil {
		return 0
	}
	return st.Size()
}

// Checkpoint runs PRAGMA wal_checkpoint(mode) (PASSIVE, FULL, RESTART or
// TRUNCATE) on the writer connection, so that it queues with the writes.
// The modes that wait for readers wait checkpointWait at most. It returns
// whether readers or a writer kept it from finishing.
func (d *DB) Checkpoint(ctx context.Context, mode string) (busy bool, err error) {
	switch mode {
	case "PASSIVE", "FULL", "RESTART", "TRUNCATE":
	default:
		return false, fmt.Errorf("checkpoint: unknown mode %q", mode)
	}
	conn, err := d.w.Conn(ctx)
	if err != nil {
		return false, fmt.Errorf("checkpoint: %w", err)
	}
	defer conn.Close()
	if mode != "PASSIVE" {
		if _, err := conn.ExecContext(ctx, `PRAGMA busy_timeout = `+strconv.FormatInt(checkpointWait.Milliseconds(), 10)); err != nil {
			return false, fmt.Errorf("checkpoint: %w", err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA busy_timeout = `+strconv.FormatInt(busyTimeout.Milliseconds(), 10))
	}
	var blocked, logged, copied int
	if err := conn.QueryRowContext(ctx, `PRAGMA wal_checkpoint(`+mode+`)`).Scan(&blocked, &logged, &copied); err != nil {
		return false, fmt.Errorf("checkpoint: %w", err)
	}
	return blocked != 0, nil
}

// openPool opens a pool of at most n connections to path, kept open (each
// connection's page cache stays warm).
func openPool(ctx context.Context, path string, c connector, n int) (*sql.DB, error) {
	sqldb := sql.OpenDB(c)
	sqldb.SetMaxOpenConns(n)
	sqldb.SetMaxIdleConns(n)
	if err := sqldb.PingContext(ctx); err != nil {
		sqldb.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return sqldb, nil
}

// prepare prepares the statements every page asks (database/sql keeps one
// per reader connection).
func (d *DB) prepare(ctx context.Context) error {
	var err error
	if d.versionStmt, err = d.db.PrepareContext(ctx, `SELECT n, calendar_n, changed_at,
    `+rankLogEndSQL+` FROM data_version WHERE id = 1`); err != nil {
		return err
	}
	d.eventStmt, err = d.db.PrepareContext(ctx, `SELECT `+eventColumns+` FROM events WHERE id = ?`)
	return err
}

// Close closes the database, and records the clean close (see
// cleanCloseKey) unless the file is known damaged.
func (d *DB) Close() error {
	d.ranks.stopReadingRanks()
	if d.stopCheck != nil {
		d.stopCheck()
	}
	if d.stopCheckpoints != nil {
		d.stopCheckpoints()
	}
	if d.db != nil {
		d.waitReaders(closeWait)
	}
	var err error
	var cleanAt time.Time
	marked := false
	if d.db != nil && d.markOnClose && d.damage.Load() == nil {
		cleanAt, err = d.markCleanClose(context.Background())
		marked = err == nil
	}
	for _, st := range []*sql.Stmt{d.versionStmt, d.eventStmt} {
		if st != nil {
			err = errors.Join(err, st.Close())
		}
	}
	d.keptStmts.Range(func(_, st any) bool {
		err = errors.Join(err, st.(*sql.Stmt).Close())
		return true
	})
	if d.db != nil {
		err = errors.Join(err, d.db.Close())
	}
	if err = errors.Join(err, d.w.Close()); err != nil || !marked {
		return err
	}
	return setCleanTime(d.path, cleanAt)
}

// closeWait is how long Close waits for the readers still at work.
const closeWait = 5 * time.Second

// waitReaders waits until no reader connection is in use, wait at most. A
// reader still at work when the writer closes (a goroutine whose context
// its caller canceled, about to return: the server's recount of the
// search pieces, a feed's render) holds its connection past it, so that
// the write-ahead log is neither copied back nor removed, and the next
// start checks the whole file before serving (9 s for the national file).
func (d *DB) waitReaders(wait time.Duration) {
	for deadline := time.Now().Add(wait); d.db.Stats().InUse > 0 && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
}

// SetClock replaces the clock used for created/updated times (tests).
func (d *DB) SetClock(now func() time.Time) { d.now = now }

// Migrate applies, in name order, every migration not yet recorded in
// schema_migrations, each in its own transaction.
func (d *DB) Migrate(ctx context.Context) error {
	if err := d.exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
    name       TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	names, err := fs.Glob(db.Migrations, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := d.migrateOne(ctx, name); err != nil {
			return fmt.Errorf("migrate %s: %w", name, err)
		}
	}
	return nil
}

// foreignKeysOff, as a migration's first line, applies it with foreign key
// enforcement off, as SQLite's way of rebuilding a table asks: dropping the
// old table then deletes nothing that refers to it (ON DELETE CASCADE)
// and sets nothing to NULL. The keys are checked before it commits.
const foreignKeysOff = "-- ruydad: foreign keys off\n"

func (d *DB) migrateOne(ctx context.Context, name string) error {
	body, err := fs.ReadFile(db.Migrations, name)
	if err != nil {
		return err
	}
	conn, err := d.w.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	keysOff := strings.HasPrefix(string(body), foreignKeysOff)
	if keysOff {
		if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
			return err
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA foreign_keys = ON`)
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE name = ?`, name).Scan(&n); err != nil || n > 0 {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	if keysOff {
		if err := foreignKeysHold(ctx, tx); err != nil {
			return err
		}
	}
	if _, err = tx.ExecContext(ctx, `INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)`,
		name, d.now().UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	return tx.Commit()
}

// foreignKeysHold returns an error naming the first row whose foreign key
// points at nothing.
func foreignKeysHold(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return err
	}
	defer rows.Close()
	if rows.Next() {
		var table, parent string
		var row sql.NullInt64
		var fk int
		if err := rows.Scan(&table, &row, &parent, &fk); err != nil {
			return err
		}
		return fmt.Errorf("row %d of %s refers to a missing row of %s", row.Int64, table, parent)
	}
	return rows.Err()
}

// Schema returns the SQL of every table and index, in a stable order, as
// compared with the committed db/schema.sql.
func (d *DB) Schema(ctx context.Context) (string, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type DESC, name`)
	if err != nil {
		return "", fmt.Errorf("schema: %w", err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return "", fmt.Errorf("schema: %w", err)
		}
		b.WriteString(s)
		b.WriteString(";\n\n")
	}
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("schema: %w", err)
	}
	return b.String(), nil
}

// inTx runs fn in a write transaction on the writer connection and commits
// when fn succeeds. Every write goes through it.
// Once the file is known damaged, it refuses (an error wrapping
// app.ErrDamaged).
func (d *DB) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	if err := d.refusedWrite(); err != nil {
		return err
	}
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// The quads' sets are written once, at the end (see quadAdds).
	adds := quadAdds{}
	pendingAdds.Store(tx, adds)
	defer pendingAdds.Delete(tx)
	if err := fn(tx); err != nil {
		return err
	}
	if err := adds.flush(ctx, tx); err != nil {
		return err
	}
	return tx.Commit()
}

// exec runs one statement in a write transaction of its own.
func (d *DB) exec(ctx context.Context, query string, args ...any) error {
	return d.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, query, args...)
		return err
	})
}

// Ping checks the database answers and is not known to be damaged (for
// /healthz): once an error has shown it damaged (see Failed), Ping returns
// an error wrapping app.ErrDamaged.
func (d *DB) Ping(ctx context.Context) error {
	if why := d.damage.Load(); why != nil {
		return fmt.Errorf("%w: %s", app.ErrDamaged, *why)
	}
	return d.db.PingContext(ctx)
}

// Failed is told of an error a use case met: if it is SQLite finding the
// file damaged (a page that is not what it should be), the database is
// known damaged from then on. It reports whether this error was the first
// to show it.
func (d *DB) Failed(err error) bool {
	if err == nil || !isDamage(err) {
		return false
	}
	why := err.Error()
	return d.damage.CompareAndSwap(nil, &why)
}

// isDamage reports whether err shows the database file damaged: SQLite's
// SQLITE_CORRUPT or SQLITE_NOTADB, or app.ErrDamaged.
func isDamage(err error) bool {
	var se sqlite3.Error
	return errors.Is(err, app.ErrDamaged) || errors.As(err, &se) && (se.Code == sqlite3.ErrCorrupt || se.Code == sqlite3.ErrNotADB)
}

// damaged wraps err in app.ErrDamaged when it shows the file damaged.
func damaged(err error) error {
	if err != nil && isDamage(err) && !errors.Is(err, app.ErrDamaged) {
		return fmt.Errorf("%w: %w", app.ErrDamaged, err)
	}
	return err
}

func (d *DB) stamp() string { return d.now().UTC().Format(time.RFC3339Nano) }

func parseStamp(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

// getMeta returns the value of key, or "" when unset.
func getMeta(ctx context.Context, q querier, key string) (string, error) {
	var v string
	err := q.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return v, err
}

func setMeta(ctx context.Context, q querier, key, value string) error {
	_, err := q.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES (?, ?)
ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}

// querier is what *sql.DB and *sql.Tx share.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Meta returns the value recorded under key, or "" when there is none.
func (d *DB) Meta(ctx context.Context, key string) (string, error) {
	v, err := getMeta(ctx, d.db, key)
	if err != nil {
		return "", fmt.Errorf("meta %s: %w", key, err)
	}
	return v, nil
}

// SetMeta records value under key.
func (d *DB) SetMeta(ctx context.Context, key, value string) error {
	if err := d.inTx(ctx, func(tx *sql.Tx) error { return setMeta(ctx, tx, key, value) }); err != nil {
		return fmt.Errorf("set meta %s: %w", key, err)
	}
	return nil
}

// isUnique reports whether err is SQLite refusing a duplicate of a UNIQUE
// column or primary key.
func isUnique(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.ExtendedCode == sqlite3.ErrConstraintUnique || se.ExtendedCode == sqlite3.ErrConstraintPrimaryKey)
}

// The roles the database plays for the use cases, checked at compile time.
var (
	_ app.EventStore    = (*DB)(nil)
	_ app.TrashStore    = (*DB)(nil)
	_ app.SettingsStore = (*DB)(nil)
	_ app.ReviewReader  = (*DB)(nil)
	_ app.ArticleStore  = (*DB)(nil)
	_ app.OccasionStore = (*DB)(nil)
	_ app.CalendarStore = (*DB)(nil)
	_ app.SearchStore   = (*DB)(nil)
	_ app.AccountStore  = (*DB)(nil)
	_ app.Pinger        = (*DB)(nil)
)
