package main

// The JSON dump ("ruydad export --json", "ruydad import --json") carries all
// of an installation's data from one database to another. The format and
// the rules of a load are internal/app's (see app.WriteDump and
// app.LoadDump); this file opens the database, writes the file whole or
// not at all, and reports what was done.

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/sqlite"
)

// exportJSON writes every occasion, article and event of the database at
// dbPath to file (- for stdout) in the dump format. A file is written
// whole or not at all.
func exportJSON(ctx context.Context, dbPath, file string, stdout, stderr io.Writer) error {
	if _, err := os.Stat(dbPath); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	if file == "-" {
		if _, err := app.WriteDump(ctx, db, stdout); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), filepath.Base(file)+".tmp-*")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer os.Remove(tmp.Name())
	n, err := app.WriteDump(ctx, db, tmp)
	if cerr := tmp.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := os.Rename(tmp.Name(), file); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %d occasions, %d Hijri month corrections, %d articles and %d events to %s\n",
		n.Occasions, n.HijriCorrections, n.Articles, n.Events, file)
	if n.Preparations > 0 {
		fmt.Fprintf(stdout, "and %d occasions prepared for, with their lead times\n", n.Preparations)
	}
	if n.Sources > 0 {
		fmt.Fprintf(stdout, "and %d news sources (without their polling status)\n", n.Sources)
	}
	return nil
}

// importJSON adds the data of a dump file to the database at dbPath, all or
// nothing. A new database gets only what the file holds (not the built-in
// occasions).
func importJSON(ctx context.Context, dbPath, file string, stdout, stderr io.Writer) error {
	f, err := os.Open(file)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer f.Close()
	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	st, err := app.LoadDump(ctx, db, f)
	if err != nil {
		return fmt.Errorf("import %s: %w; nothing was imported", file, err)
	}
	fmt.Fprintf(stdout, "imported from %s: %d occasions, %d Hijri month corrections, %d articles, %d events; "+
		"already stored and kept: %d occasions, %d Hijri month corrections, %d articles, %d events\n",
		file, st.Occasions, st.HijriCorrections, st.Articles, st.Events,
		st.SkippedOccasions, st.SkippedHijriCorrections, st.SkippedArticles, st.SkippedEvents)
	if st.Sources+st.SkippedSources+st.Links+st.SkippedLinks > 0 {
		fmt.Fprintf(stdout, "news sources: %d added, %d already stored; articles' links: %d added, %d already stored\n",
			st.Sources, st.SkippedSources, st.Links, st.SkippedLinks)
	}
	if st.Preparations+st.SkippedPreparations > 0 {
		fmt.Fprintf(stdout, "occasions prepared for: %d added, %d already chosen here and kept\n", st.Preparations, st.SkippedPreparations)
	}
	if st.UpdatedOccasions > 0 {
		fmt.Fprintf(stdout, "%d built-in occasions took the file's edited versions\n", st.UpdatedOccasions)
	}
	return nil
}
