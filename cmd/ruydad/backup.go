package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/ruydad/ruydad/internal/sqlite"
)

// runBackup copies the database to a new file. It is safe while the server
// runs: the copy is one consistent snapshot.
func runBackup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := dbFlag(fs, getenv)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: ruydad backup [--db FILE] DEST")
		fmt.Fprintln(stderr, "Copies the database to the new file DEST, even while the server runs, and checks the copy.")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("backup: give one destination file")
	}
	dest := fs.Arg(0)
	if err := sqlite.Backup(ctx, *path, dest); err != nil {
		return err
	}
	info, err := sqlite.CheckBackup(ctx, dest)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	fmt.Fprintf(stdout, "backed up %s to %s: %d events, %d articles, %d occasions; integrity ok\n",
		*path, dest, info.Events, info.Articles, info.Occasions)
	return nil
}

// runRestore replaces the database with a backup. The server must be
// stopped; the previous database is kept next to it.
func runRestore(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := dbFlag(fs, getenv)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: ruydad restore [--db FILE] SRC")
		fmt.Fprintln(stderr, "Replaces the database with the backup SRC. Stop the server first. The current")
		fmt.Fprintln(stderr, "database is kept as FILE.before-restore-TIMESTAMP.")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("restore: give one backup file")
	}
	aside, info, err := sqlite.Restore(ctx, *path, fs.Arg(0), time.Now())
	if errors.Is(err, sqlite.ErrInUse) {
		return fmt.Errorf("%w (a server is running on %s); nothing was changed", err, *path)
	}
	if err != nil {
		return fmt.Errorf("%w; %s was not changed", err, *path)
	}
	fmt.Fprintf(stdout, "restored %s from %s: %d events, %d articles, %d occasions\n",
		*path, fs.Arg(0), info.Events, info.Articles, info.Occasions)
	if aside != "" {
		fmt.Fprintf(stdout, "the previous database is kept as %s\n", aside)
	}
	return nil
}
