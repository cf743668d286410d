package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/ruydad/ruydad/internal/app"
)

// How OpenChecked checks a file without reading all of it at every start
// (PRAGMA quick_check took 12 s over a file of 6 GB, warm).
//
// Every Open deletes the clean-close mark (meta's cleanCloseKey) before it
// writes anything else, and a Close that wrote the mark last (only when
// the file was checked at open, or opened with the mark standing), and was
// the file's last user (SQLite then copies the write-ahead log back and
// deletes it), sets the file's modification time to the one the mark
// names: so the mark stands, with the file's size and time as it names
// them and no write-ahead log beside it, only when ruydad closed the file
// cleanly and nothing changed the file since. A crash or a kill leaves no
// mark (or a log), another program's write (sqlite3, a copy over it, an
// editor) a different time or size, and a copy taken while a server ran
// no mark.
//
// With the mark standing, OpenChecked checks what every read goes through
// first (the schema, with quick_check, and the first and last rows of
// each table), and leaves the whole file to CheckInBackground, which the
// server starts once it listens: damage found then is reported by Ping
// (/healthz), and every write is refused. Without the mark, it runs the
// full quick_check before anything is written to the file, through a
// read-only connection, and refuses a damaged one.
//
// The check at start after a clean close trusts SQLite to leave a sound
// file sound; what it does not see at start (a disk failing under a file
// nobody wrote) the check beside the server finds, seconds to minutes
// later (1.5 s for 100,000 events, 106 s for a million on two busy cores).
//
// Beside Litestream (Replicated) the file's time, size and log are not
// ruydad's alone: Litestream keeps the file open, so ruydad's close is
// never the last and the log stays, and its own checkpoints and its
// _litestream_seq table write to the file after ruydad closed it. Every
// start would then check the whole file (80 s for a million events).
// So a replicated close writes a mark of its own (replicatedMark) that
// names the file's identity (its inode) instead of its time and size, and
// a replicated open trusts it when the file is the same one: a kill still
// leaves no mark, and a file restored from the replica, or copied in, is
// another file, checked whole. What is lost is the detection of another
// program writing into the very file between two runs, which the check
// beside the server still catches when it damaged the file.
const cleanCloseKey = "clean_close"

// newFile is why a file not there before is "checked whole" (there is
// nothing to check).
const newFile = "a new file"

// fileSeen is what the database file looked like before Open touched it.
type fileSeen struct {
	size    int64
	mtime   time.Time
	id      uint64 // the file's inode, 0 where the system has none (fileID)
	exists  bool
	walUsed bool // a write-ahead log with frames beside it
}

func lookAtFile(path string) fileSeen {
	st, err := os.Stat(path)
	if err != nil {
		return fileSeen{}
	}
	s := fileSeen{size: st.Size(), mtime: st.ModTime(), id: fileID(st), exists: true}
	if wal, err := os.Stat(path + "-wal"); err == nil && wal.Size() > 0 {
		s.walUsed = true
	}
	return s
}

// cleanMark is the mark's value: the file's modification time (Unix
// seconds) and size, fixed in width so that writing the real value over
// the first one changes no page count.
func cleanMark(mtime time.Time, size int64) string {
	return fmt.Sprintf("%020d %020d", mtime.Unix(), size)
}

// replicatedMark is the mark of a close beside Litestream (see
// cleanCloseKey): the close's time, and the identity of the file closed.
func replicatedMark(at time.Time, id uint64) string {
	return fmt.Sprintf("replicated %020d %020d", at.Unix(), id)
}

// replicatedMarkID returns the file identity a replicatedMark names.
func replicatedMarkID(mark string) (uint64, bool) {
	var at int64
	var id uint64
	if n, err := fmt.Sscanf(mark, "replicated %d %d", &at, &id); err != nil || n != 2 {
		return 0, false
	}
	return id, true
}

// needsFullCheck returns why the file seen needs the full check at open,
// or "" when the clean-close mark stands (see cleanCloseKey). replicated
// is whether Litestream replicates the file (Replicated): then a mark a
// replicated close left stands on the file's identity alone.
func needsFullCheck(ctx context.Context, q querier, seen fileSeen, replicated bool) string {
	if !seen.exists {
		return newFile
	}
	if seen.walUsed && !replicated {
		return "the write-ahead log was not empty: the last program to use the file did not close it, or one still does"
	}
	var tables int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'meta'`).Scan(&tables); err != nil || tables == 0 {
		return "no clean close recorded"
	}
	mark, err := getMeta(ctx, q, cleanCloseKey)
	if err != nil || mark == "" {
		return "no clean close recorded: the last program to use the file stopped without closing it"
	}
	if id, ok := replicatedMarkID(mark); ok {
		switch {
		case !replicated:
			return "the file was last closed beside Litestream, which may have written to it since"
		case id == 0 || id != seen.id:
			return "the file is not the one ruydad closed (restored or copied since)"
		}
		return ""
	}
	if seen.walUsed {
		return "the write-ahead log was not empty: the last program to use the file did not close it, or one still does"
	}
	if mark != cleanMark(seen.mtime, seen.size) || seen.mtime.Nanosecond() != 0 {
		return "the file changed after ruydad closed it"
	}
	return ""
}

// checkAtOpen checks the file seen (see cleanCloseKey) through a
// read-only connection of its own, which writes nothing, not even the
// write-ahead log back into a damaged file when it closes.
func (d *DB) checkAtOpen(ctx context.Context, seen fileSeen) error {
	if !seen.exists {
		d.fullCheck = newFile
		return nil
	}
	raw, err := openRaw(d.path, "ro", busyTimeout)
	if err != nil {
		return err
	}
	defer raw.Close()
	check := boundedCheck
	if d.fullCheck = needsFullCheck(ctx, raw, seen, d.opt.replicated); d.fullCheck != "" {
		check = quickCheck
	}
	return check(ctx, raw)
}

// clearCleanClose deletes the clean-close mark, when the file has a meta
// table to hold one.
func clearCleanClose(ctx context.Context, q querier) error {
	var tables int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'meta'`).Scan(&tables); err != nil || tables == 0 {
		return err
	}
	_, err := q.ExecContext(ctx, `DELETE FROM meta WHERE key = ?`, cleanCloseKey)
	return err
}

// markCleanClose writes the clean-close mark as the last write, and
// returns the modification time it names.
func (d *DB) markCleanClose(ctx context.Context) (time.Time, error) {
	at := time.Now().Truncate(time.Second)
	if d.opt.replicated {
		id := lookAtFile(d.path).id
		if id == 0 { // no identity on this system: no mark (see fileID)
			return at, nil
		}
		return at, d.inTx(ctx, func(tx *sql.Tx) error { return setMeta(ctx, tx, cleanCloseKey, replicatedMark(at, id)) })
	}
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		if err := setMeta(ctx, tx, cleanCloseKey, cleanMark(at, 0)); err != nil {
			return err
		}
		var pages, size int64
		if err := tx.QueryRowContext(ctx, `SELECT page_count, page_size FROM pragma_page_count(), pragma_page_size()`).Scan(&pages, &size); err != nil {
			return err
		}
		return setMeta(ctx, tx, cleanCloseKey, cleanMark(at, pages*size))
	})
	return at, err
}

// boundedCheck checks what every read goes through first, in a few pages
// whatever the file's size: the header and the schema (quick_check of
// sqlite_schema), and the first and last rows of each table.
func boundedCheck(ctx context.Context, q querier) error {
	if err := checkPages(ctx, q, "quick_check('sqlite_schema')"); err != nil {
		return err
	}
	type table struct{ name, sql string }
	var tables []table
	rows, err := q.QueryContext(ctx, `SELECT name, sql FROM sqlite_schema
WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name`)
	if err != nil {
		return checkFailed("bounded check", err)
	}
	for rows.Next() {
		var t table
		if err := rows.Scan(&t.name, &t.sql); err != nil {
			rows.Close()
			return checkFailed("bounded check", err)
		}
		tables = append(tables, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return checkFailed("bounded check", err)
	}
	for _, t := range tables {
		name := `"` + strings.ReplaceAll(t.name, `"`, `""`) + `"`
		reads := []string{`SELECT * FROM ` + name + ` LIMIT 1`}
		if !strings.Contains(strings.ToUpper(t.sql), "WITHOUT ROWID") {
			reads = append(reads, `SELECT * FROM `+name+` ORDER BY rowid DESC LIMIT 1`)
		}
		for _, read := range reads {
			if err := readAll(ctx, q, read); err != nil {
				return checkFailed("bounded check of "+t.name, err)
			}
		}
	}
	return nil
}

// readAll runs a query and reads every value of its rows.
func readAll(ctx context.Context, q querier, query string) error {
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	vals := make([]any, len(cols))
	for i := range vals {
		vals[i] = new(any)
	}
	for rows.Next() {
		if err := rows.Scan(vals...); err != nil {
			return err
		}
	}
	return rows.Err()
}

// OpenCheck tells how OpenChecked checked the file: the whole of it
// before opening (full), and why; or its first pages, the rest left to
// CheckInBackground.
func (d *DB) OpenCheck() (full bool, why string) { return d.fullCheck != "", d.fullCheck }

// CheckInBackground starts the full quick_check that OpenChecked left
// for later (after a clean close), on a reader connection, until it ends
// or Close stops it: damage it finds marks the file damaged (see Failed:
// Ping reports it, and writes are refused). Checked waits for it. It does
// nothing when OpenChecked checked the whole file, or when the database
// was opened unchecked, or the second time.
func (d *DB) CheckInBackground() {
	if !d.opt.quickCheck || d.fullCheck != "" || d.checkDone != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	d.checkDone = done
	d.stopCheck = func() {
		cancel()
		<-done
	}
	go func() {
		defer close(done)
		err := quickCheck(ctx, d.db)
		switch {
		case ctx.Err() != nil:
			err = errCheckStopped
		case err != nil && errors.Is(err, app.ErrDamaged):
			why := err.Error()
			d.damage.CompareAndSwap(nil, &why)
		}
		d.checkErr = err
	}()
}

// errCheckStopped is Checked's answer when Close stopped the check.
var errCheckStopped = errors.New("the check of the whole file was stopped before it ended")

// Checked waits for the check of the whole file CheckInBackground runs,
// and returns what it found: nil for a sound file, an error wrapping
// app.ErrDamaged for a damaged one (Ping then reports it, and writes are
// refused). It returns nil at once when no check runs in the background
// (see CheckInBackground).
func (d *DB) Checked(ctx context.Context) error {
	if d.checkDone == nil {
		return nil
	}
	select {
	case <-d.checkDone:
		return d.checkErr
	case <-ctx.Done():
		return ctx.Err()
	}
}

// refusedWrite is inTx's answer once the file is known damaged.
func (d *DB) refusedWrite() error {
	if why := d.damage.Load(); why != nil {
		return fmt.Errorf("%w: writes are refused until a backup is restored (%s)", app.ErrDamaged, *why)
	}
	return nil
}

// setCleanTime sets the file's modification time to the one the
// clean-close mark names, when Close was the file's last user: SQLite
// has then copied the write-ahead log back and deleted it.
func setCleanTime(path string, at time.Time) error {
	if _, err := os.Stat(path + "-wal"); !errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return os.Chtimes(path, at, at)
}
