package sqlite

import (
	"context"
	"database/sql/driver"
	"fmt"
	"strconv"
	"time"

	"github.com/mattn/go-sqlite3"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/persian"
)

// versionTTL is how long a reading of the data version serves without
// asking the database again, unless this DB writes meanwhile. It bounds
// how late the server sees a write another process made ('ruydad import'
// beside it); its own writes it sees at once.
const versionTTL = 100 * time.Millisecond

// versionReading is one reading of the data version.
type versionReading struct {
	n        int64
	calendar int64 // the calendar version (db/migrations/0007)
	ranks    int64 // the last entry of event_rank_log (0034; see eventRanks)
	changed  time.Time
	writes   int64     // d.writes when it was read
	at       time.Time // when it was read
}

// DataVersion returns the data version (db/migrations/0004): a number that
// every change to events, occasions, articles or accounts, made by any
// process, moves forward, and the time of the latest such change.
//
// Every page asks for it, so a reading is kept for versionTTL. It is kept
// only while nothing was written through this DB: a commit hook on the
// writer connection counts commits, and a reading taken while the writer
// was busy (between a commit's hook and its return) is not kept.
func (d *DB) DataVersion(ctx context.Context) (int64, time.Time, error) {
	r, err := d.versions(ctx)
	if err != nil {
		return 0, time.Time{}, err
	}
	return r.n, r.changed, nil
}

// CalendarVersion returns the calendar version (db/migrations/0007): a
// number that every change to the occasions or the Hijri month starts, by
// any process, moves forward (and nothing else does), read and kept as
// DataVersion is.
func (d *DB) CalendarVersion(ctx context.Context) (int64, error) {
	r, err := d.versions(ctx)
	if err != nil {
		return 0, err
	}
	return r.calendar, nil
}

func (d *DB) versions(ctx context.Context) (*versionReading, error) {
	writes := d.writes.Load()
	idle := d.w.Stats().InUse == 0
	if r := d.version.Load(); idle && r != nil && r.writes == writes && time.Since(r.at) < versionTTL {
		return r, nil
	}
	r := &versionReading{writes: writes, at: time.Now()}
	var changed string
	if err := d.versionStmt.QueryRowContext(ctx).Scan(&r.n, &r.calendar, &changed, &r.ranks); err != nil {
		return nil, fmt.Errorf("data version: %w", err)
	}
	r.changed = parseStamp(changed)
	if idle && d.w.Stats().InUse == 0 && d.writes.Load() == writes {
		d.version.Store(r)
	}
	return r, nil
}

// connector opens SQLite connections to dsn with driver (database/sql's
// driver.Connector), so that a pool can have hooks of its own; its
// connections step a query's rows after the first in the caller's
// goroutine (see stepConn).
type connector struct {
	dsn    string
	driver *sqlite3.SQLiteDriver
}

func (c connector) Connect(context.Context) (driver.Conn, error) {
	dc, err := c.driver.Open(c.dsn)
	if err != nil {
		return nil, err
	}
	return stepConn{dc.(*sqlite3.SQLiteConn)}, nil
}

func (c connector) Driver() driver.Driver { return c.driver }

// writerConnector returns the connector of d's writer: its connections
// count every commit in d.writes.
func (d *DB) writerConnector(dsn string) connector {
	return connector{dsn: dsn, driver: &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		c.RegisterCommitHook(func() int {
			d.writes.Add(1)
			return 0 // let the commit go on
		})
		if err := limitJournal(c, d.opt.walLimit); err != nil {
			return err
		}
		if d.opt.replicated {
			// Beside Litestream, SQLite's own checkpoint after each
			// 1,000 pages, run by whichever commit crosses the mark, is
			// turned off: Litestream checkpoints when it has copied the
			// frames (its guidance for busy writers), and the passive
			// look of the checkpointer stays the only other one.
			if _, err := c.Exec(`PRAGMA wal_autocheckpoint = 0`, nil); err != nil {
				return err
			}
		}
		return registerFuncs(c)
	}}}
}

// readerConnector returns the connector of d's readers.
func (d *DB) readerConnector(dsn string) connector {
	return connector{dsn: dsn, driver: &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		if err := limitJournal(c, d.opt.walLimit); err != nil {
			return err
		}
		return registerFuncs(c)
	}}}
}

// limitJournal sets a connection's journal_size_limit: the size SQLite cuts
// the write-ahead log back to when it starts it over (see walLimit).
func limitJournal(c *sqlite3.SQLiteConn, limit int64) error {
	if limit <= 0 {
		return nil
	}
	_, err := c.Exec(`PRAGMA journal_size_limit = `+strconv.FormatInt(limit, 10), nil)
	return err
}

// registerFuncs adds the SQL functions the queries use to a connection:
// search_key(text), persian.SearchKey, which filters compare places by
// (so "كرمانشاه" finds "کرمانشاه", whichever way a row came in);
// search_grams(key), the pieces of a search key that the FTS4 index of
// search holds (migration 0017, whose views and triggers call it);
// quad_union(a, b, bits), the union of two sets of article_quads or
// event_quads (chunks of 2^bits ids; migrations 0027 and 0030, quads.go);
// and
// token_hash(text), domain.HashToken, with which a migration replaced the
// stored feed tokens by their hashes (db/migrations/0012).
func registerFuncs(c *sqlite3.SQLiteConn) error {
	if err := c.RegisterFunc("search_key", persian.SearchKey, true); err != nil {
		return err
	}
	if err := c.RegisterFunc("search_grams", searchGrams, true); err != nil {
		return err
	}
	if err := c.RegisterFunc("quad_union", quadUnionSQL, true); err != nil {
		return err
	}
	return c.RegisterFunc("token_hash", domain.HashToken, true)
}
