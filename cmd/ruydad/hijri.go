package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/hijri"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/sqlite"
)

const hijriUsage = `usage:
  ruydad hijri list [--year 1448]                 (the months of a Hijri year: first day, length, source)
  ruydad hijri set 1448/10 1405/12/19 [--note N]  (the month began on that Jalali day; 2027-03-10 works too)
  ruydad hijri unset 1448/10                      (follow the official table or the prediction again)
all take --db FILE (env RUYDAD_DB).`

// runHijri lists Iran's Hijri month starts and sets or removes an
// administrator's correction of one, which moves every lunar occasion and
// holiday of that month on the pages and in the feeds. The subcommand and
// its arguments are checked before the database is opened (and created).
func runHijri(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, hijriUsage)
		return errors.New("hijri: missing subcommand")
	}
	sub, args := args[0], args[1:]
	switch sub {
	case "-h", "-help", "--help", "help":
		fmt.Fprintln(stdout, hijriUsage)
		return nil
	}
	fs := flag.NewFlagSet("hijri "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := dbFlag(fs, getenv)
	year := fs.String("year", "", "Hijri year to list (default: this one)")
	note := fs.String("note", "", "where the month's start was announced")
	if err := parseFlags(fs, args); errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(stdout, hijriUsage)
		return nil
	} else if err != nil {
		return err
	}
	do, err := hijriCommand(sub, fs.Args(), *year, *note)
	if err != nil {
		fmt.Fprintln(stderr, hijriUsage)
		return err
	}
	db, err := openDB(ctx, *path, slog.New(slog.NewTextHandler(stderr, nil)))
	if err != nil {
		return err
	}
	defer db.Close()
	return do(ctx, db, stdout, stderr)
}

// hijriCommand reads subcommand sub's arguments into the work it does on
// the database, or says in English what is wrong with them.
func hijriCommand(sub string, pos []string, year, note string) (func(context.Context, *sqlite.DB, io.Writer, io.Writer) error, error) {
	switch {
	case sub == "list" && len(pos) == 0:
		y, err := hijriYear(year)
		if err != nil {
			return nil, err
		}
		return func(ctx context.Context, db *sqlite.DB, stdout, stderr io.Writer) error {
			return hijriList(ctx, db, y, stdout, stderr)
		}, nil
	case sub == "set" && len(pos) == 2:
		m, err := hijri.ParseMonth(pos[0])
		if err != nil {
			return nil, fmt.Errorf("hijri set: %q is not a Hijri month such as 1448/10", pos[0])
		}
		d, err := parseDay(pos[1])
		if err != nil {
			return nil, fmt.Errorf("hijri set: %q is not a Jalali date such as 1405/12/19 (or a Gregorian one such as 2027-03-10)", pos[1])
		}
		c := domain.HijriCorrection{Year: m.Year, Month: m.Month, Start: d, Note: strings.TrimSpace(note)}
		return func(ctx context.Context, db *sqlite.DB, stdout, _ io.Writer) error {
			return hijriSet(ctx, db, c, stdout)
		}, nil
	case sub == "unset" && len(pos) == 1:
		m, err := hijri.ParseMonth(pos[0])
		if err != nil {
			return nil, fmt.Errorf("hijri unset: %q is not a Hijri month such as 1448/10", pos[0])
		}
		return func(ctx context.Context, db *sqlite.DB, stdout, _ io.Writer) error {
			return hijriUnset(ctx, db, m, stdout)
		}, nil
	case sub == "list" || sub == "set" || sub == "unset":
		return nil, fmt.Errorf("hijri %s: wrong number of arguments", sub)
	}
	return nil, fmt.Errorf("hijri: unknown subcommand %q", sub)
}

// hijriYear reads list's --year (any digits): 0 for this year when empty.
// A year the calendar does not know is refused here, before the database
// is opened.
func hijriYear(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	y, err := strconv.Atoi(jalali.LatinDigits(strings.TrimSpace(s)))
	if err != nil {
		return 0, fmt.Errorf("hijri list: --year %q is not a Hijri year such as 1448", s)
	}
	if first, last := hijri.Official().Range(); y < first.Year || y > last.Year {
		return 0, fmt.Errorf("hijri list: year %d is outside %d..%d", y, first.Year, last.Year)
	}
	return y, nil
}

// hijriList prints the months of Hijri year y (this year when 0).
func hijriList(ctx context.Context, db *sqlite.DB, y int, stdout, stderr io.Writer) error {
	st, err := app.Over(db, app.Options{Logger: cliLog(stderr)}).Calendar(ctx)
	if err != nil {
		return err
	}
	h := st.Cal.Hijri()
	if y == 0 {
		today, _ := h.FromJalali(jalali.FromTime(time.Now()))
		y = today.Year
	}
	found := false
	for m := 1; m <= 12; m++ {
		info, ok := h.Month(hijri.Month{Year: y, Month: m})
		if !ok {
			continue
		}
		found = true
		gy, gm, gd := info.Start.Gregorian()
		fmt.Fprintf(stdout, "%-8s %s (%04d-%02d-%02d)  %d days  %s\n", info.Month, info.Start, gy, gm, gd, info.Length, info.Source)
	}
	if !found {
		first, last := h.Range()
		return fmt.Errorf("hijri list: year %d is outside %d..%d", y, first.Year, last.Year)
	}
	return nil
}

func hijriSet(ctx context.Context, db *sqlite.DB, c domain.HijriCorrection, stdout io.Writer) error {
	m := hijri.Month{Year: c.Year, Month: c.Month}
	if err := db.SetHijriCorrection(ctx, c, calendar.Check); err != nil {
		return fmt.Errorf("hijri set: %w", err)
	}
	fmt.Fprintf(stdout, "%s now begins on %s (%s); its lunar occasions moved with it\n", m, c.Start, c.Start.ISO())
	return nil
}

func hijriUnset(ctx context.Context, db *sqlite.DB, m hijri.Month, stdout io.Writer) error {
	err := db.DeleteHijriCorrection(ctx, m.Year, m.Month, calendar.Check)
	if errors.Is(err, domain.ErrNotFound) {
		return fmt.Errorf("hijri unset: %s has no correction", m)
	}
	if err != nil {
		return fmt.Errorf("hijri unset: %w", err)
	}
	fmt.Fprintf(stdout, "%s follows the official table (or the prediction) again\n", m)
	return nil
}

// parseDay reads a Jalali date as people type it (1405/12/19, ۱۹ اسفند
// ۱۴۰۵, ۱۹ اسفند for this year: jalali.ParseTypedAt) or a Gregorian one
// written YYYY-MM-DD with a year after 1700.
func parseDay(s string) (jalali.Date, error) {
	s = strings.TrimSpace(jalali.LatinDigits(s))
	if len(s) == 10 && s[4] == '-' && s[:4] > "1700" {
		d, err := jalali.ParseISO(s)
		if err == nil && !d.Valid() {
			err = jalali.ErrInvalid
		}
		return d, err
	}
	return jalali.ParseTypedAt(s, jalali.FromTime(time.Now()))
}
