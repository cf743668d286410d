package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/ical"
	"github.com/ruydad/ruydad/internal/sqlite"
	"github.com/ruydad/ruydad/seeds"
)

// runImport stores the articles of a folder with their mined events as
// proposed. Articles already stored are skipped.
func runImport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := dbFlag(fs, getenv)
	ics := fs.String("ics", "", "import the events of this iCalendar (.ics) file instead of a folder of articles")
	years := addWindowFlags(fs, "--ics expands recurring events that have no end")
	jsonIn := fs.String("json", "", "import the data of this 'ruydad export --json' file instead of a folder of articles")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: ruydad import [--db FILE] DIR | ruydad import [--db FILE] --ics FILE [--from-year Y] [--to-year Y] | ruydad import [--db FILE] --json FILE")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *jsonIn != "" {
		if *ics != "" || fs.NArg() > 0 {
			return errors.New("import: give one of --json FILE, --ics FILE or a folder")
		}
		return importJSON(ctx, *path, *jsonIn, stdout, stderr)
	}
	if (*years.from != "" || *years.to != "") && *ics == "" {
		return errors.New("import: --from-year and --to-year go with --ics")
	}
	if *ics != "" {
		if fs.NArg() > 0 {
			return errors.New("import: give either --ics FILE or a folder, not both")
		}
		now := time.Now()
		from, to, err := years.window(now)
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		return importICS(ctx, *path, *ics, ical.Options{Now: now, FromYear: from, ToYear: to}, stdout, stderr)
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("import: give one folder of articles")
	}
	dir := fs.Arg(0)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("import: %s is not a folder", dir)
	}
	db, a, err := open(ctx, *path, cliLog(stderr))
	if err != nil {
		return err
	}
	defer db.Close()
	st, err := a.Calendar(ctx)
	if err != nil {
		return err
	}
	results, err := a.ImportFS(ctx, os.DirFS(dir), ".", app.ImportOptions{Miner: st.Miner()})
	if err != nil {
		return err
	}
	failed, created, events := 0, 0, 0
	for _, r := range results {
		switch {
		case r.Err != nil:
			failed++
			fmt.Fprintf(stderr, "ruydad import: %s: %v\n", r.Name, r.Err)
		case !r.Created:
			fmt.Fprintf(stdout, "%s: already stored as article %d, skipped\n", r.Name, r.Article.ID)
		default:
			created++
			events += r.Events
			fmt.Fprintf(stdout, "%s: article %d, %d proposed events (%d dated)\n", r.Name, r.Article.ID, r.Events, r.Dated)
		}
	}
	fmt.Fprintf(stdout, "imported %d articles with %d proposed events; %d skipped, %d failed\n", created, events, len(results)-created-failed, failed)
	if failed > 0 {
		return fmt.Errorf("import: %d files failed", failed)
	}
	return nil
}

// seedArticles imports seeds/articles the first time the server starts on
// an empty database, so a newcomer sees mined events to review.
func seedArticles(ctx context.Context, db *sqlite.DB, a *app.App, log *slog.Logger) error {
	done, err := db.Meta(ctx, "articles_seeded")
	if err != nil || done != "" {
		return err
	}
	n, err := db.CountArticles(ctx)
	if err != nil {
		return err
	}
	if n == 0 {
		st, err := a.Calendar(ctx)
		if err != nil {
			return err
		}
		results, err := a.ImportFS(ctx, seeds.Articles, "articles", app.ImportOptions{Miner: st.Miner()})
		if err != nil {
			return err
		}
		for _, r := range results {
			if r.Err != nil {
				return fmt.Errorf("seed %s: %w", r.Name, r.Err)
			}
			n += r.Events
		}
		log.Info("imported the seed articles", "articles", len(results), "events", n)
	}
	return db.SetMeta(ctx, "articles_seeded", "yes")
}
