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

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/ical"
)

// runExport writes the calendar as iCal: confirmed events (optionally one
// kind or province) and the occasions.
func runExport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := dbFlag(fs, getenv)
	out := fs.String("ics", "", "write an iCalendar file here (- for standard output)")
	kind := fs.String("kind", "", "only events of this kind (e.g. press_conference)")
	province := fs.String("province", "", "only events of this province")
	noOcc := fs.Bool("no-occasions", false, "leave the occasions out")
	rscale := fs.Bool("rscale", false, "write yearly items as RFC 7529 RSCALE=PERSIAN rules instead of one VEVENT a year")
	base := fs.String("base-url", "", "link events to BASE-URL/events/{id}")
	jsonOut := fs.String("json", "", "write all data (events, articles, occasions) as JSON to this file instead")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *jsonOut != "" {
		if *out != "" || fs.NArg() > 0 {
			return errors.New("export: give either --ics FILE or --json FILE")
		}
		return exportJSON(ctx, *path, *jsonOut, stdout, stderr)
	}
	if *out == "" || fs.NArg() > 0 {
		return errors.New("usage: ruydad export --ics FILE [--kind K] [--province P] [--no-occasions] [--rscale] [--db FILE] | ruydad export --json FILE [--db FILE]")
	}
	f := domain.EventFilter{Kind: domain.Kind(*kind), Province: *province}
	if f.Kind != "" && !f.Kind.Valid() {
		return fmt.Errorf("export: unknown kind %q", *kind)
	}
	db, err := openDB(ctx, *path, slog.New(slog.NewTextHandler(stderr, nil)))
	if err != nil {
		return err
	}
	defer db.Close()
	var occ []domain.Occasion
	if !*noOcc {
		if occ, err = db.Occasions(ctx); err != nil {
			return err
		}
	}
	titles, err := db.SourceTitles(ctx)
	if err != nil {
		return err
	}
	w := stdout
	var file *os.File
	if *out != "-" {
		if file, err = os.Create(*out); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		w = file
	}
	n := 0
	feed := ical.Feed{Name: "رویداد · تقویم روابط عمومی", BaseURL: *base, Now: time.Now(), RScale: *rscale, ArticleTitles: titles}
	each := func(fn func(domain.Event) error) error {
		return db.EachEvent(ctx, f, func(e domain.Event) error { n++; return fn(e) })
	}
	skipped := func(e domain.Event, err error) {
		fmt.Fprintf(stderr, "ruydad export: event %d left out: %v\n", e.ID, err)
	}
	err = ical.Export(w, feed, each, occ, skipped)
	if file != nil {
		if cerr := file.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if *out != "-" {
		fmt.Fprintf(stdout, "wrote %d events and %d occasions to %s\n", n, len(occ), *out)
	}
	return nil
}

// importICS adds the events of an .ics file to the database, all or none.
func importICS(ctx context.Context, dbPath, name string, stdout, stderr io.Writer) error {
	f, err := os.Open(name)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer f.Close()
	events, err := ical.Parse(f)
	if err != nil {
		return fmt.Errorf("import %s: %w", name, err)
	}
	for _, e := range events {
		if err := e.Validate(); err != nil {
			return fmt.Errorf("import %s: event %q (%s): %w; nothing was imported", name, e.Title, e.Start, err)
		}
	}
	db, err := openDB(ctx, dbPath, slog.New(slog.NewTextHandler(stderr, nil)))
	if err != nil {
		return err
	}
	defer db.Close()
	created, skipped, err := db.ImportEvents(ctx, events)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "imported %d events from %s; %d already stored\n", created, name, skipped)
	return nil
}
