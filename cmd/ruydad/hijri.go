package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

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
// holiday of that month on the pages and in the feeds.
func runHijri(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, hijriUsage)
		return errors.New("hijri: missing subcommand")
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("hijri "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := dbFlag(fs, getenv)
	year := fs.String("year", "", "Hijri year to list (default: this one)")
	note := fs.String("note", "", "where the month's start was announced")
	var pos []string
	for len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		pos, args = append(pos, args[0]), args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	pos = append(pos, fs.Args()...)
	db, err := openDB(ctx, *path, slog.New(slog.NewTextHandler(stderr, nil)))
	if err != nil {
		return err
	}
	defer db.Close()
	switch {
	case sub == "list" && len(pos) == 0:
		return hijriList(ctx, db, *year, stdout, stderr)
	case sub == "set" && len(pos) == 2:
		return hijriSet(ctx, db, pos[0], pos[1], *note, stdout)
	case sub == "unset" && len(pos) == 1:
		return hijriUnset(ctx, db, pos[0], stdout)
	}
	fmt.Fprintln(stderr, hijriUsage)
	return fmt.Errorf("hijri: bad arguments to %q", sub)
}

func hijriList(ctx context.Context, db *sqlite.DB, year string, stdout, stderr io.Writer) error {
	cal, err := dbCalendar(ctx, db, stderr)
	if err != nil {
		return err
	}
	h := cal.Hijri()
	today, _ := h.FromJalali(jalali.FromTime(time.Now()))
	y := today.Year
	if year != "" {
		if _, err := fmt.Sscan(jalali.LatinDigits(year), &y); err != nil {
			return fmt.Errorf("hijri list: --year %q is not a Hijri year such as 1448", year)
		}
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

func hijriSet(ctx context.Context, db *sqlite.DB, month, start, note string, stdout io.Writer) error {
	m, err := hijri.ParseMonth(month)
	if err != nil {
		return fmt.Errorf("hijri set: %q is not a Hijri month such as 1448/10", month)
	}
	d, err := parseDay(start)
	if err != nil {
		return fmt.Errorf("hijri set: %q is not a Jalali date such as 1405/12/19 (or a Gregorian one such as 2027-03-10)", start)
	}
	c := domain.HijriCorrection{Year: m.Year, Month: m.Month, Start: d, Note: strings.TrimSpace(note)}
	if err := db.SetHijriCorrection(ctx, c, calendar.Check); err != nil {
		return fmt.Errorf("hijri set: %w", err)
	}
	fmt.Fprintf(stdout, "%s now begins on %s (%s); its lunar occasions moved with it\n", m, d, d.ISO())
	return nil
}

func hijriUnset(ctx context.Context, db *sqlite.DB, month string, stdout io.Writer) error {
	m, err := hijri.ParseMonth(month)
	if err != nil {
		return fmt.Errorf("hijri unset: %q is not a Hijri month such as 1448/10", month)
	}
	err = db.DeleteHijriCorrection(ctx, m.Year, m.Month, calendar.Check)
	if errors.Is(err, domain.ErrNotFound) {
		return fmt.Errorf("hijri unset: %s has no correction", m)
	}
	if err != nil {
		return fmt.Errorf("hijri unset: %w", err)
	}
	fmt.Fprintf(stdout, "%s follows the official table (or the prediction) again\n", m)
	return nil
}

// parseDay reads a Jalali date (1405/12/19, any digits) or a Gregorian
// one written YYYY-MM-DD with a year after 1700.
func parseDay(s string) (jalali.Date, error) {
	s = strings.TrimSpace(jalali.LatinDigits(s))
	if len(s) == 10 && s[4] == '-' && s[:4] > "1700" {
		d, err := jalali.ParseISO(s)
		if err == nil && !d.Valid() {
			err = jalali.ErrInvalid
		}
		return d, err
	}
	return jalali.Parse(s)
}
