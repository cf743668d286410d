package sqlite

import (
	"context"
	"errors"
	"testing"
	"time"
)

// countRows reads the n rows of a counting query through d's readers with
// ctx.
func countRows(t *testing.T, d *DB, ctx context.Context, n int) {
	t.Helper()
	rows, err := d.db.QueryContext(ctx, `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ?) SELECT x FROM c`, n)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := 0
	for rows.Next() {
		var x int
		if err := rows.Scan(&x); err != nil {
			t.Fatal(err)
		}
		got++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if got != n {
		t.Fatalf("read %d rows, want %d", got, n)
	}
}

// A request's context can be cancelled: the rows after a query's first
// are stepped in the caller's goroutine all the same, which the
// allocations show (the driver's goroutine, channel and closure a row
// would be three a row).
func TestRowsAfterTheFirstStepInTheCallersGoroutine(t *testing.T) {
	d := open(t)
	const n = 2000
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	background := testing.AllocsPerRun(20, func() { countRows(t, d, context.Background(), n) })
	cancellable := testing.AllocsPerRun(20, func() { countRows(t, d, ctx, n) })
	if extra := cancellable - background; extra > n/20 {
		t.Errorf("%d rows read with a context that can be cancelled allocated %.0f more than without (%.0f against %.0f): rows are stepped in goroutines of their own",
			n, extra, cancellable, background)
	}
}

// The first step of a query is still interrupted when its context ends.
func TestFirstStepInterrupted(t *testing.T) {
	d := open(t)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		var n int64
		done <- d.db.QueryRowContext(ctx, `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1e12) SELECT count(*) FROM c`).Scan(&n)
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("a count of 10¹² rows with a deadline of 100 ms: %v, want the deadline's error", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("a count of 10¹² rows with a deadline of 100 ms was not interrupted within a minute")
	}
}

// Rows whose context ends after the first stop: database/sql closes them
// between two rows when it sees the context end (soon, not at once: its
// goroutine has to run).
func TestRowsStopWhenTheirContextEnds(t *testing.T) {
	d := open(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rows, err := d.db.QueryContext(ctx, `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	read := 0
	for rows.Next() {
		if read++; read == 100 {
			cancel()
		}
		if read > 10_000_000 {
			t.Fatal("the rows of an endless query went on after their context was cancelled")
		}
	}
	if !errors.Is(rows.Err(), context.Canceled) {
		t.Fatalf("rows.Err() = %v after their context was cancelled, want context.Canceled", rows.Err())
	}
}
