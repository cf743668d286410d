package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/ruydad/ruydad/db"
	"github.com/ruydad/ruydad/internal/sqlite"
)

// createdObject finds what a migration creates: its tables, indexes and
// triggers, by name.
var createdObject = regexp.MustCompile(`(?i)\bCREATE\s+(TABLE|UNIQUE\s+INDEX|INDEX|TRIGGER)\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)`)

// otherStatement finds a statement that changes what is stored, once
// triggerBody took the triggers' bodies out (a body's statements run on
// later writes, not when the migration does).
var otherStatement = regexp.MustCompile(`(?im)^\s*(ALTER|INSERT|UPDATE|DELETE|DROP|REPLACE)\b`)

// triggerBody finds a trigger's body, from its BEGIN to its END and
// semicolon (an END; inside it, of a CASE, leaves the rest to
// otherStatement: such a migration is not timed, the safe way).
var triggerBody = regexp.MustCompile(`(?is)\bBEGIN\b.*?\bEND\s*;`)

// timeLastMigration times applying the newest migration to a copy of the
// database at path taken back to the version before it: possible when
// that migration only creates tables, indexes and triggers (dropping them
// takes it back); otherwise it says why it was not timed.
func timeLastMigration(ctx context.Context, path, dir string, stdout io.Writer) error {
	names, err := fs.Glob(db.Migrations, "migrations/*.sql")
	if err != nil || len(names) == 0 {
		return fmt.Errorf("bench: migrations: %v", err)
	}
	slices.Sort(names)
	last := names[len(names)-1]
	body, err := fs.ReadFile(db.Migrations, last)
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	code, changes := migrationCode(string(body))
	if changes {
		fmt.Fprintf(stdout, "the last migration (%s) was not timed: it changes stored rows, which cannot be taken back on a copy\n", filepath.Base(last))
		return nil
	}
	objects := createdObject.FindAllStringSubmatch(code, -1)
	start := time.Now()
	cp := filepath.Join(dir, "migrate.db")
	defer os.Remove(cp)
	if err := copyFile(path, cp); err != nil {
		return fmt.Errorf("bench: copy for the migration: %w", err)
	}
	copied := time.Since(start)
	// The copy taken back: what the migration created dropped (triggers,
	// then indexes, then tables), its record removed.
	conn, err := sql.Open("sqlite3", "file:"+cp+"?_foreign_keys=off")
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	defer conn.Close()
	for _, kind := range []string{"TRIGGER", "INDEX", "TABLE"} {
		for i := len(objects) - 1; i >= 0; i-- {
			if strings.HasSuffix(strings.ToUpper(objects[i][1]), kind) {
				if _, err := conn.ExecContext(ctx, `DROP `+kind+` IF EXISTS `+objects[i][2]); err != nil {
					return fmt.Errorf("bench: take %s back: %w", last, err)
				}
			}
		}
	}
	if _, err := conn.ExecContext(ctx, `DELETE FROM schema_migrations WHERE name = ?`, last); err != nil {
		return fmt.Errorf("bench: take %s back: %w", last, err)
	}
	if err := conn.Close(); err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	start = time.Now()
	d, err := sqlite.Open(ctx, cp)
	if err != nil {
		return fmt.Errorf("bench: apply %s: %w", last, err)
	}
	applied := time.Since(start)
	if err := d.Close(); err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	fmt.Fprintf(stdout, "the last migration (%s) applied to a copy taken back before it: opened in %s (the copy took %s)\n",
		filepath.Base(last), applied.Round(time.Millisecond), copied.Round(time.Millisecond))
	return nil
}

// migrationCode returns a migration's statements without its comments,
// and whether any of them changes what is stored (outside the triggers'
// bodies).
func migrationCode(body string) (code string, changes bool) {
	var lines []string
	for _, l := range strings.Split(body, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "--") {
			lines = append(lines, l)
		}
	}
	code = strings.Join(lines, "\n")
	return code, otherStatement.MatchString(triggerBody.ReplaceAllString(code, ";"))
}

// copyFile copies the file src to the new file dst.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
