// Command ruydad is a Jalali-calendar event tracker for public-relations
// offices: it serves the calendar, mines news articles for dated events and
// exports iCal.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // imported .ics files may name any time zone; do not depend on the host's zone files
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "ruydad:", err)
		os.Exit(1)
	}
}

const usage = `usage: ruydad <command> [flags]

commands:
  serve     serve the calendar over HTTP (default command)
  migrate   create or upgrade the database and exit
  mine      print the dated events mined from article files (jsonl or text)
  import    store a folder of articles with their mined events, for review;
            with --ics FILE, add the events of an iCalendar file;
            with --json FILE, add the data of a 'ruydad export --json' file
  export    write the calendar as iCal (--ics FILE), or all data as JSON (--json FILE)
  backup    copy the database, even while the server runs (backup DEST)
  restore   replace the database with a backup; stop the server first (restore SRC)
  check     check the database file for damage; exits non-zero when it is damaged
  user      add, list and change accounts (viewer, editor, admin)
  sources   add, list and remove the news sources polled for articles
  fetch     poll the news sources once (for cron), printing a line a source
  hijri     list Iran's Hijri month starts, set the day a month began (hijri set 1448/10 1405/12/19)
  eval      score the miner against a labels file (precision and recall)
  bench     load-test the real server on a filled database and print the figures

Run 'ruydad <command> -h' for the flags of a command.
`

// run is the whole program, callable from tests.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return runServe(ctx, args, getenv, stdout, stderr)
	case "migrate":
		return runMigrate(ctx, args, getenv, stdout, stderr)
	case "mine":
		return runMine(ctx, args, stdout, stderr)
	case "import":
		return runImport(ctx, args, getenv, stdout, stderr)
	case "user":
		return runUser(ctx, args, getenv, stdin, stdout, stderr)
	case "sources":
		return runSources(ctx, args, getenv, stdout, stderr)
	case "fetch":
		return runFetch(ctx, args, getenv, stdout, stderr)
	case "hijri":
		return runHijri(ctx, args, getenv, stdout, stderr)
	case "export":
		return runExport(ctx, args, getenv, stdout, stderr)
	case "eval":
		return runEval(ctx, args, stdout, stderr)
	case "backup":
		return runBackup(ctx, args, getenv, stdout, stderr)
	case "restore":
		return runRestore(ctx, args, getenv, stdout, stderr)
	case "check":
		return runCheck(ctx, args, getenv, stdout, stderr)
	case "bench":
		return runBench(ctx, args, getenv, stdout, stderr)
	case "help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
}
