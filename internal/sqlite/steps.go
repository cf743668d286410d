package sqlite

import (
	"context"
	"database/sql/driver"
	"sync/atomic"

	"github.com/mattn/go-sqlite3"
)

// go-sqlite3 steps a statement in a goroutine of its own, and waits for it
// or for the context, whenever the context of the query can be cancelled
// (SQLiteRows.Next): a goroutine, a channel and two switches a row. A
// search reads hundreds of rows (its sets', its keys'), a month page
// hundreds of events, a feed every event of its calendar, all with the
// request's context. The connections here hand the driver a context that
// can be cancelled until the first row is read, and then no more: the
// first step, where SQLite sorts, counts or checks the whole file before
// a first row (PRAGMA quick_check), is interrupted as before when the
// context ends, and database/sql, which watches the caller's context,
// closes the rows between two rows after that. A step after the first row
// runs to its row: the queries that stream rows (a search's sets after
// their head row, its scans of at most a thousand keys, its checks of a
// batch of candidates) are bounded in what one step reads.
//
// go-sqlite3 is held at v1.14.36 (SQLite 3.51.3, the first with the fix of
// the WAL-reset bug). From v1.14.51 it watches the context with
// context.AfterFunc, which would make this wrapper needless, but v1.14.53
// bundles SQLite 3.54.1, which marks an "x = ?" term's parameter as one
// whose value may change the plan, and the driver clears a statement's
// bindings before each run (as v1.14.36 does), which expires a statement
// with any parameter so marked: a month page's kept statement was then
// compiled again at each run, and the organization months route took
// 350-363 → 582-646 µs of server CPU a page (BENCHMARKS, stop 31).

// stepConn is a connection of the pools here.
type stepConn struct{ *sqlite3.SQLiteConn }

// stepStmt is a prepared statement of a stepConn.
type stepStmt struct{ *sqlite3.SQLiteStmt }

// stepRows are the rows of a query of a stepConn.
type stepRows struct {
	*sqlite3.SQLiteRows
	ctx *firstStep
}

// firstStep is a query's context as the driver sees it: the caller's
// until its first row has been read, then one that cannot be cancelled.
type firstStep struct {
	context.Context
	read atomic.Bool
}

// Done returns the caller's Done until the first row has been read, then
// nil, which the driver takes for a context that cannot be cancelled.
func (c *firstStep) Done() <-chan struct{} {
	if c.read.Load() {
		return nil
	}
	return c.Context.Done()
}

// QueryContext implements driver.QueryerContext.
func (c stepConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	step := &firstStep{Context: ctx}
	r, err := c.SQLiteConn.QueryContext(step, query, args)
	return wrapRows(r, step), err
}

// PrepareContext implements driver.ConnPrepareContext.
func (c stepConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	s, err := c.SQLiteConn.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	return stepStmt{s.(*sqlite3.SQLiteStmt)}, nil
}

// Prepare implements driver.Conn.
func (c stepConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

// QueryContext implements driver.StmtQueryContext.
func (s stepStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	step := &firstStep{Context: ctx}
	r, err := s.SQLiteStmt.QueryContext(step, args)
	return wrapRows(r, step), err
}

func wrapRows(r driver.Rows, step *firstStep) driver.Rows {
	if sr, ok := r.(*sqlite3.SQLiteRows); ok {
		return &stepRows{SQLiteRows: sr, ctx: step}
	}
	return r
}

// Next implements driver.Rows: the first row is read as the driver reads
// it with a context that can be cancelled, the next ones in this
// goroutine.
func (r *stepRows) Next(dest []driver.Value) error {
	err := r.SQLiteRows.Next(dest)
	r.ctx.read.Store(true)
	return err
}
