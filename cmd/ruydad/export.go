package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/ical"
	"github.com/ruydad/ruydad/internal/jalali"
)

// exportOptions are the flags of 'ruydad export --ics'.
type exportOptions struct {
	db, out    string
	spec       app.FeedSpec
	now        time.Time
	jsonOut    string
	positional int
}

const exportUsage = "usage: ruydad export --ics FILE [--kind K] [--province P] [--organization O] [--occasions | --no-occasions] [--from-year Y] [--to-year Y] [--rscale] [--reminders] [--base-url URL] [--db FILE] | ruydad export --json FILE [--db FILE]"

// parseExport reads the flags of 'ruydad export' and checks them.
func parseExport(args []string, getenv func(string) string, now time.Time, stderr io.Writer) (exportOptions, error) {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := dbFlag(fs, getenv)
	out := fs.String("ics", "", "write an iCalendar file here (- for standard output)")
	kind := fs.String("kind", "", "only events of this kind (e.g. press_conference); leaves the occasions out unless --occasions")
	province := fs.String("province", "", "only events of this province (and its provincial occasions)")
	organization := fs.String("organization", "", "only events of this organization")
	withOcc := fs.Bool("occasions", false, "write the occasions even with --kind")
	noOcc := fs.Bool("no-occasions", false, "leave the occasions out")
	rscale := fs.Bool("rscale", false, "write yearly items as RFC 7529 RSCALE=PERSIAN rules instead of one VEVENT a year")
	reminders := fs.Bool("reminders", false, "remind of each occasion the office prepares for, its lead time before (a VALARM), as /calendar.ics?reminders=1")
	base := fs.String("base-url", "", "link each event to BASE-URL/events/{id} (the address people open ruydad at, e.g. https://ruydad.example.ir); without it the file has no URL properties")
	years := addWindowFlags(fs, "yearly items are written out")
	jsonOut := fs.String("json", "", "write all data (events, articles, occasions) as JSON to this file instead")
	if err := parseFlags(fs, args); err != nil {
		return exportOptions{}, err
	}
	o := exportOptions{db: *path, out: *out, jsonOut: *jsonOut, positional: fs.NArg(), now: now}
	if o.jsonOut != "" {
		return o, nil
	}
	if o.out == "" || o.positional > 0 {
		return o, errors.New(exportUsage)
	}
	o.spec.Filter = domain.EventFilter{Kind: domain.Kind(*kind), Province: strings.TrimSpace(*province),
		Organization: strings.TrimSpace(*organization)}
	if o.spec.Filter.Kind != "" && !o.spec.Filter.Kind.Valid() {
		return o, fmt.Errorf("export: unknown kind %q", *kind)
	}
	if *withOcc && *noOcc {
		return o, errors.New("export: give --occasions or --no-occasions, not both")
	}
	o.spec.Occasions = feedHasOccasions(o.spec.Filter.Kind, *withOcc, *noOcc)
	from, to, err := years.window(now)
	if err != nil {
		return o, fmt.Errorf("export: %w", err)
	}
	if err := checkBaseURL(*base); err != nil {
		return o, fmt.Errorf("export: %w", err)
	}
	o.spec.FromYear, o.spec.ToYear, o.spec.RScale, o.spec.BaseURL, o.spec.Now = from, to, *rscale, *base, now
	o.spec.Reminders = *reminders
	o.spec.Sources = true // the whole database is the operator's
	return o, nil
}

// feedHasOccasions reports whether the feed carries the occasions: as
// ical.OccasionsByDefault says for its kind, unless told.
func feedHasOccasions(kind domain.Kind, withOcc, noOcc bool) bool {
	switch {
	case noOcc:
		return false
	case withOcc:
		return true
	}
	return ical.OccasionsByDefault(kind)
}

// checkBaseURL accepts "" or an absolute http(s) address without query or
// fragment.
func checkBaseURL(s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return fmt.Errorf("--base-url %q is not an http:// or https:// address such as https://ruydad.example.ir", s)
	}
	return nil
}

// runExport writes the calendar as iCal: confirmed events (optionally one
// kind or province) and the occasions.
func runExport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	o, err := parseExport(args, getenv, time.Now(), stderr)
	if err != nil {
		return err
	}
	if o.jsonOut != "" {
		if o.out != "" || o.positional > 0 {
			return errors.New("export: give either --ics FILE or --json FILE")
		}
		return exportJSON(ctx, o.db, o.jsonOut, stdout, stderr)
	}
	db, a, err := open(ctx, o.db, cliLog(stderr))
	if err != nil {
		return err
	}
	defer db.Close()
	// The DTSTAMP is when the data last changed, as the web's feeds write
	// it (the same data, the same bytes), not the clock.
	_, changed, err := a.DataVersion(ctx)
	if err != nil {
		return err
	}
	if !changed.IsZero() {
		o.spec.Now = changed
	}
	feed, err := a.Feed(ctx, o.spec)
	if err != nil {
		return err
	}
	skipped := func(e domain.Event, err error) {
		fmt.Fprintf(stderr, "ruydad export: event %d left out: %v\n", e.ID, err)
	}
	write := func(w io.Writer) error { return feed.Write(ctx, w, skipped) }
	if o.out == "-" {
		if err := write(stdout); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		return nil
	}
	if err := writeAtomically(o.out, write); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %d events and %d occasions (yearly items over %d..%d) to %s\n", feed.Events, feed.Occasions(),
		o.spec.FromYear, o.spec.ToYear, o.out)
	return nil
}

// writeAtomically writes a file whole or not at all: into a temporary file
// beside it, renamed over it once written and closed.
func writeAtomically(name string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), filepath.Base(name)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	err = write(tmp)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}

// windowFlags are --from-year and --to-year.
type windowFlags struct{ from, to *string }

// addWindowFlags adds --from-year and --to-year to fs; what says what the
// window is for.
func addWindowFlags(fs *flag.FlagSet, what string) windowFlags {
	return windowFlags{
		from: fs.String("from-year", "", fmt.Sprintf("first Jalali year over which %s (default: %d years before this year)", what, ical.YearsBack)),
		to:   fs.String("to-year", "", fmt.Sprintf("last Jalali year over which %s (default: %d years after this year; at most %d years in all)", what, ical.YearsAhead, ical.MaxWindowYears)),
	}
}

// window checks the flags and returns the window they give.
func (w windowFlags) window(now time.Time) (from, to int, err error) {
	for _, f := range []struct {
		name, val string
		dst       *int
	}{{"--from-year", *w.from, &from}, {"--to-year", *w.to, &to}} {
		v := jalali.LatinDigits(strings.TrimSpace(f.val))
		if v == "" {
			continue
		}
		if *f.dst, err = strconv.Atoi(v); err != nil || *f.dst <= 0 {
			return 0, 0, fmt.Errorf("%s %q is not a Jalali year such as 1404", f.name, f.val)
		}
	}
	if from, to, err = ical.Window(now, from, to); err != nil {
		return 0, 0, fmt.Errorf("--from-year/--to-year: %w", err)
	}
	return from, to, nil
}

// importICS adds the events of an .ics file to the database, all or none;
// opt is the window over which recurring events without an end are
// expanded.
func importICS(ctx context.Context, dbPath, name string, opt ical.Options, stdout, stderr io.Writer) error {
	f, err := os.Open(name)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer f.Close()
	opt.SkipFaulty = true
	parsed, err := ical.ParseWith(f, opt)
	if err != nil {
		return fmt.Errorf("import %s: nothing was imported: %w", name, err)
	}
	db, a, err := open(ctx, dbPath, cliLog(stderr))
	if err != nil {
		return err
	}
	defer db.Close()
	got, err := a.ImportEvents(ctx, parsed.Events)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "imported %d events from %s; %d updated (a later SEQUENCE or LAST-MODIFIED than the stored one), %d unchanged (stored as new or newer)\n",
		got.Imported, name, got.Updated, got.Unchanged)
	if got.Merged > 0 {
		fmt.Fprintf(stdout, "%d one-off events an earlier import made of a series' instances moved to the trash: the series is now kept whole and shows those days\n", got.Merged)
	}
	if got.Dropped > 0 {
		fmt.Fprintf(stdout, "%d events that stood in for an occurrence of an updated series moved to the trash: the new revision no longer moves that occurrence\n", got.Dropped)
	}
	if len(parsed.Skipped) > 0 {
		fmt.Fprintf(stdout, "%d VEVENTs skipped (could not be read), each made no event:\n", len(parsed.Skipped))
		for _, e := range parsed.Skipped {
			fmt.Fprintf(stdout, "  skipped %v\n", e)
		}
	}
	if len(parsed.Refused) > 0 {
		fmt.Fprintf(stdout, "%d VEVENTs refused (read, but against ruydad's rules, or cancelled), each made no event:\n", len(parsed.Refused))
		for _, e := range parsed.Refused {
			fmt.Fprintf(stdout, "  refused %v\n", e)
		}
	}
	if parsed.CancelledInstances > 0 {
		fmt.Fprintf(stdout, "%d cancelled instances (STATUS:CANCELLED) taken out of their series\n", parsed.CancelledInstances)
	}
	for _, e := range parsed.Adjusted {
		fmt.Fprintf(stdout, "adjusted %v\n", e)
	}
	if parsed.Tasks+parsed.Journals > 0 {
		fmt.Fprintf(stdout, "%d tasks (VTODO) and %d journal entries (VJOURNAL) left out: ruydad keeps events only\n", parsed.Tasks, parsed.Journals)
	}
	for _, c := range parsed.Copies {
		fmt.Fprintln(stdout, c)
	}
	for _, a := range parsed.IgnoredAlarms {
		fmt.Fprintln(stdout, a)
	}
	if parsed.Kept > 0 {
		fmt.Fprintf(stdout, "%d recurring events were imported as one series each (their EXDATEs skipped, their RECURRENCE-ID instances moved)\n", parsed.Kept)
	}
	for _, e := range parsed.Expanded {
		fmt.Fprintf(stdout, "expanded %v\n", e)
	}
	if parsed.Series > 0 {
		fmt.Fprintf(stdout, "%d recurring events became %d events", parsed.Series, parsed.Occurrences)
		if parsed.Endless > 0 {
			fmt.Fprintf(stdout, "; %d of them have no end (or more than %d instances) and were expanded over %d..%d only (--from-year/--to-year)", parsed.Endless, ical.MaxOccurrences, parsed.FromYear, parsed.ToYear)
		}
		fmt.Fprintln(stdout)
	}
	return nil
}
