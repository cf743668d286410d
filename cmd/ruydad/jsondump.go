package main

// The JSON dump ("ruydad export --json", "ruydad import --json") carries all
// of an installation's data from one database to another. Version 3:
//
//	{"format": "ruydad", "version": 3,
//	 "occasions": [{"key", "name", "calendar", "rule", "month", "day", "weekday", "nth", "offset", "length",
//	                "year", "from_year", "to_year", "holiday", "province", "group", "hidden", "aliases",
//	                "description", "edited", "sequence", "updated"}, …],
//	 "catalogue_keys": ["nowruz", "pr-day", …],
//	 "hijri_corrections": [{"year", "month", "start", "note", "updated"}, …],
//	 "articles":  [{"hash", "title", "text", "source", "province", "published", "published_from", "created",
//	                "occasions": [{"occasion", "name", "start", "end", "evidence_start", "evidence_end",
//	                               "confidence", "review_note"}, …]}, …],
//	 "events":    [{"uid", "title", "description", "kind", "start", "end", "start_time", "end_time",
//	                "location", "province", "organization", "yearly", "status", "article",
//	                "evidence_start", "evidence_end", "precision", "confidence", "review_note",
//	                "occasion_key", "sequence", "created", "updated"}, …]}
//
// "format" and "version" come first; the sections follow in that order, one
// record a line, so that both ends can stream. An occasion's fields after
// "month" are left out when they hold their defaults (a plain yearly Jalali
// day: calendar "jalali", rule "date", length 1). "catalogue_keys" lists
// every built-in occasion the database was ever given, so that one deleted
// there is not added again by the receiving installation's catalogue. An
// article's "published_from" ([start, end) byte offsets into its text) is
// the dateline its publication date was read from, and its "occasions" are
// the calendar's occasions it names (by key, with the name they had when
// it was mined, the days it names and the span of its text that names
// them); both are left out when there is nothing to say. Version 2 files,
// from before they were kept, are read as they are. Version 1 files (from
// before lunar occasions and Hijri corrections) are read too: their
// occasions are yearly Jalali days, and their database had the first
// catalogue's 25 occasions. Dates are Gregorian YYYY-MM-DD as stored (null for an undated event or an unknown publication
// date), times RFC 3339 UTC. Row ids are not part of the format: occasions
// are identified by key, articles by content hash, events by uid, and an
// event names the article it was mined from by the article's hash, which
// import turns into that article's id in the receiving database. Import
// adds everything in one transaction, keeps records already stored (same
// key, hash or uid, Hijri month) and reports them as skipped, except that a
// built-in occasion nobody edited here takes the file's edited copy; the
// Hijri corrections must fit together afterwards. Unknown fields are
// refused.
// Users and sessions are not exported.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/sqlite"
)

const (
	dumpFormat  = "ruydad"
	dumpVersion = 3
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
		_, err := writeDump(ctx, db, stdout)
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), filepath.Base(file)+".tmp-*")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer os.Remove(tmp.Name())
	sink, err := writeDump(ctx, db, tmp)
	if cerr := tmp.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("export: %w", cerr)
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), file); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %d occasions, %d Hijri month corrections, %d articles and %d events to %s\n",
		sink.counts[0], sink.counts[2], sink.counts[3], sink.counts[4], file)
	return nil
}

func writeDump(ctx context.Context, db *sqlite.DB, w io.Writer) (*jsonSink, error) {
	bw := bufio.NewWriter(w)
	sink := &jsonSink{w: bw, section: -1}
	fmt.Fprintf(bw, "{\"format\": %q, \"version\": %d", dumpFormat, dumpVersion)
	if err := db.Dump(ctx, sink); err != nil {
		return sink, fmt.Errorf("export: %w", err)
	}
	if err := sink.open(len(dumpSections)); err != nil {
		return sink, fmt.Errorf("export: %w", err)
	}
	bw.WriteString("}\n")
	if err := bw.Flush(); err != nil {
		return sink, fmt.Errorf("export: %w", err)
	}
	return sink, nil
}

var dumpSections = []string{"occasions", "catalogue_keys", "hijri_corrections", "articles", "events"}

// jsonSink writes a dump's records, one a line, opening each section's
// array as its first record comes (or, for an empty one, as a later
// section's does).
type jsonSink struct {
	w       *bufio.Writer
	section int // index into dumpSections of the open array, -1 for none
	counts  [5]int
}

// open closes the open section and opens every section up to i; an i past
// the last closes them all.
func (s *jsonSink) open(i int) error {
	for s.section < i {
		if s.section >= 0 {
			if s.counts[s.section] > 0 {
				s.w.WriteString("\n")
			}
			s.w.WriteString("]")
		}
		s.section++
		if s.section < len(dumpSections) {
			fmt.Fprintf(s.w, ",\n%q: [", dumpSections[s.section])
		}
	}
	if s.section != i && i < len(dumpSections) {
		return fmt.Errorf("%s after %s", dumpSections[i], dumpSections[s.section])
	}
	return nil
}

func (s *jsonSink) record(i int, v any) error {
	if err := s.open(i); err != nil {
		return err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	if s.counts[i] > 0 {
		s.w.WriteString(",")
	}
	s.w.WriteString("\n")
	s.w.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	s.counts[i]++
	return nil
}

func (s *jsonSink) Occasion(o sqlite.DumpOccasion) error               { return s.record(0, o) }
func (s *jsonSink) CatalogueKey(k string) error                        { return s.record(1, k) }
func (s *jsonSink) HijriCorrection(c sqlite.DumpHijriCorrection) error { return s.record(2, c) }
func (s *jsonSink) Article(a sqlite.DumpArticle) error                 { return s.record(3, a) }
func (s *jsonSink) Event(e sqlite.DumpEvent) error                     { return s.record(4, e) }

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
	load, err := db.BeginLoad(ctx)
	if err != nil {
		return err
	}
	defer load.Rollback()
	if err := readDump(ctx, bufio.NewReader(f), load); err != nil {
		return fmt.Errorf("import %s: %w; nothing was imported", file, err)
	}
	cs, err := load.HijriCorrections(ctx)
	if err != nil {
		return fmt.Errorf("import %s: %w; nothing was imported", file, err)
	}
	if err := calendar.Check(cs); err != nil {
		return fmt.Errorf("import %s: the Hijri month corrections do not fit together: %w; nothing was imported", file, err)
	}
	st, err := load.Commit(ctx)
	if err != nil {
		return fmt.Errorf("import %s: %w; nothing was imported", file, err)
	}
	fmt.Fprintf(stdout, "imported from %s: %d occasions, %d Hijri month corrections, %d articles, %d events; "+
		"already stored and kept: %d occasions, %d Hijri month corrections, %d articles, %d events\n",
		file, st.Occasions, st.HijriCorrections, st.Articles, st.Events,
		st.SkippedOccasions, st.SkippedHijriCorrections, st.SkippedArticles, st.SkippedEvents)
	if st.UpdatedOccasions > 0 {
		fmt.Fprintf(stdout, "%d built-in occasions took the file's edited versions\n", st.UpdatedOccasions)
	}
	return nil
}

// readDump decodes a dump record by record into load.
func readDump(ctx context.Context, r io.Reader, load *sqlite.Load) error {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := expectDelim(dec, '{'); err != nil {
		return err
	}
	var format string
	version := 0
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return fmt.Errorf("bad JSON: %w", err)
		}
		key, _ := tok.(string)
		switch key {
		case "format":
			if err := dec.Decode(&format); err != nil || format != dumpFormat {
				return fmt.Errorf("not a ruydad export (format %q)", format)
			}
			continue
		case "version":
			if err := dec.Decode(&version); err != nil || version < 1 || version > dumpVersion {
				return fmt.Errorf("export version %d is not supported (this ruydad reads versions 1 to %d)", version, dumpVersion)
			}
			if version == 1 {
				if err := load.FromFirstRelease(ctx); err != nil {
					return err
				}
			}
			continue
		}
		if format == "" || version == 0 {
			return errors.New(`not a ruydad export: "format" and "version" must come first`)
		}
		var err2 error
		switch key {
		case "occasions":
			err2 = eachRecord(dec, key, func(o sqlite.DumpOccasion) error { return load.Occasion(ctx, o) })
		case "catalogue_keys":
			err2 = eachRecord(dec, key, func(k string) error { return load.CatalogueKey(ctx, k) })
		case "hijri_corrections":
			err2 = eachRecord(dec, key, func(c sqlite.DumpHijriCorrection) error { return load.HijriCorrection(ctx, c) })
		case "articles":
			err2 = eachRecord(dec, key, func(a sqlite.DumpArticle) error { return load.Article(ctx, a) })
		case "events":
			err2 = eachRecord(dec, key, func(e sqlite.DumpEvent) error { return load.Event(ctx, e) })
		default:
			return fmt.Errorf("unknown field %q", key)
		}
		if err2 != nil {
			return err2
		}
	}
	if format == "" {
		return errors.New("not a ruydad export (no format)")
	}
	if err := expectDelim(dec, '}'); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("bad JSON: data after the end")
	}
	return nil
}

func eachRecord[T any](dec *json.Decoder, section string, fn func(T) error) error {
	if err := expectDelim(dec, '['); err != nil {
		return fmt.Errorf("%s: %w", section, err)
	}
	for i := 0; dec.More(); i++ {
		var rec T
		if err := dec.Decode(&rec); err != nil {
			return fmt.Errorf("bad JSON in %s[%d]: %w", section, i, err)
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
	if err := expectDelim(dec, ']'); err != nil {
		return fmt.Errorf("%s: %w", section, err)
	}
	return nil
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return fmt.Errorf("bad JSON: %w", err)
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("bad JSON: expected %q, found %v", want, tok)
	}
	return nil
}
