package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"

	"github.com/ruydad/ruydad/db"
	"github.com/ruydad/ruydad/internal/app"
)

// ErrInUse is returned by Restore when another connection (a running
// server) has the target database open.
var ErrInUse = errors.New("the database is in use; stop the server first")

// tables are the tables every ruydad database has, whatever its version.
var tables = []string{"articles", "events", "meta", "occasions", "schema_migrations"}

// openRaw opens path without migrating it. mode is "ro" or "rw": neither
// creates a missing file. busy is how long to wait for a lock.
func openRaw(path, mode string, busy time.Duration) (*sql.DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	q := url.Values{}
	q.Set("mode", mode)
	q.Set("_busy_timeout", fmt.Sprint(busy.Milliseconds()))
	// With the store's SQL functions: the search index's content is a view
	// that calls search_grams, which integrity checks read.
	sqldb := sql.OpenDB(connector{dsn: "file:" + path + "?" + q.Encode(), driver: &sqlite3.SQLiteDriver{ConnectHook: registerFuncs}})
	// One connection: the pragmas and transactions below must share it.
	sqldb.SetMaxOpenConns(1)
	return sqldb, nil
}

// Backup writes a consistent copy of the database at src to dest with
// VACUUM INTO, which reads one snapshot and so is safe while a server
// writes to src. It refuses an existing dest, and checks the copy's
// integrity (removing a copy that fails).
func Backup(ctx context.Context, src, dest string) error {
	if _, err := os.Lstat(dest); err == nil {
		return fmt.Errorf("backup: %s already exists; choose a new file name", dest)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("backup: %w", err)
	}
	sqldb, err := openRaw(src, "rw", 10*time.Second)
	if err != nil {
		return fmt.Errorf("backup: open %s: %w", src, err)
	}
	defer sqldb.Close()
	if _, err := sqldb.ExecContext(ctx, `VACUUM INTO ?`, dest); err != nil {
		return fmt.Errorf("backup %s to %s: %w", src, dest, err)
	}
	if err := syncFile(dest); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if _, err := CheckBackup(ctx, dest); err != nil {
		os.Remove(dest)
		return fmt.Errorf("backup: the copy failed its check and was removed: %w", err)
	}
	return nil
}

// Restore replaces the database at target with the backup at src, which
// must pass CheckBackup. The server must be stopped: a target another
// connection has open is refused with ErrInUse. It copies src next to
// target, checks the copy, moves the current database aside (complete in
// one file, its write-ahead log folded in) and renames the copy into place,
// so that on any failure target is left as it was. It returns where the
// previous database now is ("" when there was none).
func Restore(ctx context.Context, target, src string, now time.Time) (aside string, info BackupInfo, err error) {
	if info, err = CheckBackup(ctx, src); err != nil {
		return "", info, fmt.Errorf("restore: %w", err)
	}
	_, statErr := os.Stat(target)
	exists := statErr == nil
	if statErr != nil && !errors.Is(statErr, fs.ErrNotExist) {
		return "", info, fmt.Errorf("restore: %w", statErr)
	}
	if !exists {
		for _, side := range []string{"-wal", "-shm", "-journal"} {
			if _, err := os.Stat(target + side); err == nil {
				return "", info, fmt.Errorf("restore: %s does not exist but %s does; move it away first", target, target+side)
			}
		}
	}
	if exists {
		aside = target + ".before-restore-" + now.UTC().Format("20060102T150405Z")
		if _, err := os.Lstat(aside); err == nil {
			return "", info, fmt.Errorf("restore: %s already exists; try again in a second", aside)
		}
	}
	tmp, err := copyForRestore(ctx, target, src)
	if err != nil {
		return "", info, fmt.Errorf("restore: %w", err)
	}
	defer os.Remove(tmp) // a no-op once renamed into place
	if exists {
		if err := detach(ctx, target); err != nil {
			return "", info, fmt.Errorf("restore: %s: %w", target, err)
		}
		if err := os.Rename(target, aside); err != nil {
			return "", info, fmt.Errorf("restore: %w", err)
		}
	}
	if err := os.Rename(tmp, target); err != nil {
		if exists {
			if back := os.Rename(aside, target); back != nil {
				return "", info, fmt.Errorf("restore: %w; and moving %s back failed: %v", err, aside, back)
			}
		}
		return "", info, fmt.Errorf("restore: %w", err)
	}
	if err := syncDir(filepath.Dir(target)); err != nil {
		return aside, info, fmt.Errorf("restore: %w", err)
	}
	return aside, info, nil
}

// copyForRestore writes a consistent, checked copy of src to a new file in
// target's folder (so that renaming it over target is atomic) and returns
// its name. It takes target's permissions when target exists.
func copyForRestore(ctx context.Context, target, src string) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(target), filepath.Base(target)+".restore-*")
	if err != nil {
		return "", err
	}
	tmp := f.Name()
	f.Close()
	os.Remove(tmp) // VACUUM INTO writes a new file; the name was only reserved
	sqldb, err := openRaw(src, "ro", time.Second)
	if err != nil {
		return "", fmt.Errorf("open %s: %w", src, err)
	}
	_, err = sqldb.ExecContext(ctx, `VACUUM INTO ?`, tmp)
	sqldb.Close()
	if err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("copy %s: %w", src, err)
	}
	if st, err := os.Stat(target); err == nil {
		err = os.Chmod(tmp, st.Mode().Perm())
		if err != nil {
			os.Remove(tmp)
			return "", err
		}
	}
	if err := syncFile(tmp); err != nil {
		os.Remove(tmp)
		return "", err
	}
	if _, err := CheckBackup(ctx, tmp); err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("the copy failed its check: %w", err)
	}
	return tmp, nil
}

// detach makes the database at path one self-contained file: it leaves WAL
// mode, which folds the write-ahead log into the file and deletes it and
// the shared-memory file. SQLite allows that only when no other connection
// has the database open, so it also tells whether a server is running.
// The data is unchanged; the next Open returns the file to WAL mode.
func detach(ctx context.Context, path string) error {
	sqldb, err := openRaw(path, "rw", 250*time.Millisecond)
	if err != nil {
		return err
	}
	defer sqldb.Close()
	var mode string
	if err := sqldb.QueryRowContext(ctx, `PRAGMA journal_mode = DELETE`).Scan(&mode); err != nil {
		if strings.Contains(err.Error(), "locked") || strings.Contains(err.Error(), "busy") {
			return ErrInUse
		}
		return err
	}
	if mode != "delete" {
		return ErrInUse
	}
	if err := sqldb.Close(); err != nil {
		return err
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		return ErrInUse
	}
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// BackupInfo describes a checked backup file.
type BackupInfo struct {
	Migrations []string // applied, in name order
	Events     int
	Articles   int
	Occasions  int
}

// CheckBackup opens the database file at path read-only and checks that it
// is intact (PRAGMA integrity_check; damage is an error wrapping
// app.ErrDamaged), that it is a ruydad database, and that every migration
// it records is one this program knows (a newer program's database is
// refused). It checks a live database as well as a backup.
func CheckBackup(ctx context.Context, path string) (BackupInfo, error) {
	var info BackupInfo
	sqldb, err := openRaw(path, "ro", time.Second)
	if err != nil {
		return info, fmt.Errorf("check %s: %w", path, damaged(err))
	}
	defer sqldb.Close()
	if err := integrityCheck(ctx, sqldb); err != nil {
		return info, fmt.Errorf("check %s: %w", path, damaged(err))
	}
	for _, t := range tables {
		var n int
		if err := sqldb.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, t).Scan(&n); err != nil {
			return info, fmt.Errorf("check %s: %w", path, damaged(err))
		}
		if n == 0 {
			return info, fmt.Errorf("check %s: not a ruydad database (no %s table)", path, t)
		}
	}
	if info.Migrations, err = appliedMigrations(ctx, sqldb); err != nil {
		return info, fmt.Errorf("check %s: %w", path, damaged(err))
	}
	known, err := fs.Glob(db.Migrations, "migrations/*.sql")
	if err != nil {
		return info, fmt.Errorf("check %s: %w", path, damaged(err))
	}
	for _, m := range info.Migrations {
		if !contains(known, m) {
			return info, fmt.Errorf("check %s: it was written by a newer ruydad (migration %s is unknown to this one); upgrade ruydad first", path, m)
		}
	}
	err = sqldb.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM articles), (SELECT count(*) FROM occasions)`).
		Scan(&info.Events, &info.Articles, &info.Occasions)
	if err != nil {
		return info, fmt.Errorf("check %s: %w", path, damaged(err))
	}
	return info, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func appliedMigrations(ctx context.Context, q querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT name FROM schema_migrations ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		out = append(out, name)
	}
	return out, rows.Err()
}

// integrityCheck runs PRAGMA integrity_check: see checkPages.
func integrityCheck(ctx context.Context, q querier) error {
	return checkPages(ctx, q, "integrity_check")
}

// quickCheck runs PRAGMA quick_check table by table: the schema and every
// ordinary table with its indexes, the shadow tables that hold the pages
// of search's FTS4 indexes among them. A quick_check of the whole file
// would also run FTS4's own check of each index against search_index's
// keys, which cuts every key into its pieces again (8 of its 9.6 seconds
// over 100,000 events and 10,000 articles, against 1.3 for the rest);
// integrity_check (ruydad check, and every backup's check) runs it. The
// count of pages that no table uses is integrity_check's alone too.
func quickCheck(ctx context.Context, q querier) error {
	names, err := queryColumn[string](ctx, q, `SELECT name FROM sqlite_schema
WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name`)
	if err != nil {
		return checkFailed("quick_check", err)
	}
	for _, name := range append([]string{"sqlite_schema"}, names...) {
		if err := checkPages(ctx, q, "quick_check('"+strings.ReplaceAll(name, "'", "''")+"')"); err != nil {
			return err
		}
	}
	return nil
}

// checkPages runs PRAGMA integrity_check or quick_check (the same checks
// but those of indexes against their tables, in a fraction of the time)
// and returns its findings (the first few) as an error wrapping
// app.ErrDamaged unless the answer is the single row "ok". SQLite refusing
// to read a page is damage too.
func checkPages(ctx context.Context, q querier, pragma string) error {
	rows, err := q.QueryContext(ctx, `PRAGMA `+pragma)
	if err != nil {
		return checkFailed(pragma, err)
	}
	defer rows.Close()
	var found []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return checkFailed(pragma, err)
		}
		found = append(found, s)
	}
	if err := rows.Err(); err != nil {
		return checkFailed(pragma, err)
	}
	if len(found) == 1 && found[0] == "ok" {
		return nil
	}
	const shown = 5
	more := ""
	if len(found) > shown {
		more = fmt.Sprintf("; and %d more", len(found)-shown)
		found = found[:shown]
	}
	return fmt.Errorf("%w (%s: %s%s)", app.ErrDamaged, pragma, strings.Join(found, "; "), more)
}

func checkFailed(pragma string, err error) error {
	if isDamage(err) {
		return fmt.Errorf("%w (%s: %w)", app.ErrDamaged, pragma, err)
	}
	return fmt.Errorf("%s: %w", pragma, err)
}

// IntegrityCheck runs PRAGMA integrity_check on the open database.
func (d *DB) IntegrityCheck(ctx context.Context) error { return integrityCheck(ctx, d.db) }

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
