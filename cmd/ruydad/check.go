package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/sqlite"
)

// runCheck checks the database file for damage, without changing it.
func runCheck(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := dbFlag(fs, getenv)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: ruydad check [--db FILE]")
		fmt.Fprintln(stderr, "Checks the database file for damage (SQLite's integrity check) without changing it, even while")
		fmt.Fprintln(stderr, "the server runs. Exits non-zero when the file is damaged or is not a ruydad database.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("check: unexpected argument %q", fs.Arg(0))
	}
	if _, err := os.Stat(*path); err != nil {
		return fmt.Errorf("check: %w", err)
	}
	info, err := sqlite.CheckBackup(ctx, *path)
	if errors.Is(err, app.ErrDamaged) {
		fmt.Fprintf(stdout, "%s: DAMAGED\n", *path)
		return restoreAdvice(*path, err)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: ok (integrity check passed): %d events, %d articles, %d occasions\n",
		*path, info.Events, info.Articles, info.Occasions)
	return nil
}

// refuseDamaged is serve's answer to a damaged database file.
func refuseDamaged(path string, err error) error {
	return restoreAdvice(path, fmt.Errorf("serve: refusing to serve %s: %w", path, err))
}

// restoreAdvice adds to err, which found the database at path damaged,
// what to do about it.
func restoreAdvice(path string, err error) error {
	return fmt.Errorf("%w\n\nSome of what it holds cannot be read. Stop every process using %s, then restore the latest backup:\n\n"+
		"    ruydad restore --db %s BACKUP-FILE\n\n"+
		"The damaged file is kept beside the restored one. 'ruydad check --db %s' checks a file again.", err, path, path, path)
}
