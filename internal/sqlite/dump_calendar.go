package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
)

// DumpOccasion is an occasion in a dump: its catalogue entry (the rule in
// its calendar, group, province…), whether a person edited it, and its
// sequence and last change.
type DumpOccasion struct {
	domain.CatalogueEntry
	Edited   bool   `json:"edited,omitempty"`
	Sequence int    `json:"sequence,omitempty"`
	Updated  string `json:"updated"`
}

// DumpHijriCorrection is an administrator's Hijri month start in a dump.
type DumpHijriCorrection struct {
	Year    int    `json:"year"`
	Month   int    `json:"month"`
	Start   string `json:"start"` // Gregorian YYYY-MM-DD
	Note    string `json:"note"`
	Updated string `json:"updated"`
}

func dumpOccasions(ctx context.Context, conn *sql.Conn, sink DumpSink) error {
	occs, err := queryOccasions(ctx, conn)
	if err != nil {
		return err
	}
	for _, o := range occs {
		d := DumpOccasion{CatalogueEntry: domain.EntryOf(o), Edited: o.Edited, Sequence: o.Sequence,
			Updated: o.UpdatedAt.UTC().Format(time.RFC3339Nano)}
		if err := sink.Occasion(d); err != nil {
			return err
		}
	}
	return nil
}

func dumpCatalogueKeys(ctx context.Context, conn *sql.Conn, sink DumpSink) error {
	rows, err := conn.QueryContext(ctx, `SELECT key FROM occasion_seeds ORDER BY key`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return err
		}
		if err := sink.CatalogueKey(k); err != nil {
			return err
		}
	}
	return rows.Err()
}

func dumpHijriCorrections(ctx context.Context, conn *sql.Conn, sink DumpSink) error {
	cs, err := queryHijriCorrections(ctx, conn)
	if err != nil {
		return err
	}
	for _, c := range cs {
		d := DumpHijriCorrection{Year: c.Year, Month: c.Month, Start: c.Start.ISO(), Note: c.Note,
			Updated: c.UpdatedAt.UTC().Format(time.RFC3339Nano)}
		if err := sink.HijriCorrection(d); err != nil {
			return err
		}
	}
	return nil
}

// Occasion adds o unless an occasion with its key is stored. A stored
// built-in occasion nobody edited here gives way to the dump's copy when a
// person edited that one (the work moves with the data).
func (l *Load) Occasion(ctx context.Context, o DumpOccasion) error {
	dom := o.CatalogueEntry.Occasion()
	dom.Edited, dom.Sequence = o.Edited || l.v1 && o.Sequence > 0, o.Sequence
	if dom.Group == "" { // a version 1 dump: the office's own keys begin with user-
		dom.Group = domain.GroupOfficial
		if strings.HasPrefix(o.Key, "user-") {
			dom.Group = domain.GroupOffice
		}
	}
	if o.Key == "" {
		return fmt.Errorf("load occasion %q: no key", o.Name)
	}
	if err := dom.Validate(); err != nil {
		return fmt.Errorf("load occasion %q: %w", o.Key, err)
	}
	if o.Sequence < 0 {
		return fmt.Errorf("load occasion %q: negative sequence %d", o.Key, o.Sequence)
	}
	if _, err := parseDumpStamp(o.Updated); err != nil {
		return fmt.Errorf("load occasion %q: %w", o.Key, err)
	}
	stored, err := scanOccasion(l.tx.QueryRowContext(ctx, `SELECT `+occasionColumns+` FROM occasions WHERE key = ?`, o.Key))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if err := insertOccasion(ctx, l.tx, &dom, o.Updated); err != nil {
			return fmt.Errorf("load occasion %q: %w", o.Key, err)
		}
		l.stats.Occasions++
		return nil
	case err != nil:
		return fmt.Errorf("load occasion %q: %w", o.Key, err)
	case dom.Edited && !stored.Edited && stored.Group != domain.GroupOffice:
		dom.ID = stored.ID
		if err := updateOccasion(ctx, l.tx, &dom, o.Updated); err != nil {
			return fmt.Errorf("load occasion %q: %w", o.Key, err)
		}
		l.stats.UpdatedOccasions++
		return nil
	}
	l.stats.SkippedOccasions++
	return nil
}

// CatalogueKey records that the dumped database was given the built-in
// occasion key, so that the catalogue does not add it again here (it was
// deleted there when the dump holds no occasion with that key).
func (l *Load) CatalogueKey(ctx context.Context, key string) error {
	if key == "" {
		return errors.New("load catalogue key: empty")
	}
	if _, err := l.tx.ExecContext(ctx, `INSERT INTO occasion_seeds (key, seeded_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`,
		key, time.Now().UTC().Format(time.RFC3339Nano)); err != nil {
		return fmt.Errorf("load catalogue key %q: %w", key, err)
	}
	return nil
}

// FromFirstRelease says the dump is of version 1, which predates the
// record of keys and of edits: its database had the first catalogue (so a
// key of it that the dump lacks was deleted, and is recorded as given),
// and an occasion with a sequence was edited by a person.
func (l *Load) FromFirstRelease(ctx context.Context) error {
	l.v1 = true
	for _, k := range firstCatalogue {
		if err := l.CatalogueKey(ctx, k); err != nil {
			return err
		}
	}
	return nil
}

// firstCatalogue is the keys of the 25 occasions the first release built
// in (as migration 0007 records them for a database it upgrades).
var firstCatalogue = []string{"nowruz", "islamic-republic-day", "nature-day", "labour-day", "teacher-day", "ferdowsi-day",
	"pr-day", "khomeini-death", "khordad-15", "journalist-day", "physician-day", "government-week", "employee-day",
	"counter-terrorism-day", "sacred-defence-week", "hafez-day", "student-pupil-day", "book-day", "basij-week",
	"student-day", "fajr-decade", "revolution-day", "engineer-day", "tree-planting-day", "oil-nationalization-day"}

// HijriCorrection adds c unless that month's start is already set here.
// The caller checks afterwards that the corrections fit together (they
// came from one installation where they did).
func (l *Load) HijriCorrection(ctx context.Context, c DumpHijriCorrection) error {
	start, err := parseDumpDate("start", c.Start)
	if err != nil {
		return fmt.Errorf("load hijri correction %d/%d: %w", c.Year, c.Month, err)
	}
	if c.Month < 1 || c.Month > 12 || c.Year < 1000 || c.Year > 3200 {
		return fmt.Errorf("load hijri correction %d/%d: no such Hijri month", c.Year, c.Month)
	}
	if _, err := parseDumpStamp(c.Updated); err != nil {
		return fmt.Errorf("load hijri correction %d/%d: %w", c.Year, c.Month, err)
	}
	res, err := l.tx.ExecContext(ctx, `INSERT INTO hijri_corrections (year, month, start_date, note, updated_at)
VALUES (?, ?, ?, ?, ?) ON CONFLICT (year, month) DO NOTHING`, c.Year, c.Month, start.ISO(), c.Note, c.Updated)
	if err != nil {
		return fmt.Errorf("load hijri correction %d/%d: %w", c.Year, c.Month, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		l.stats.SkippedHijriCorrections++
		return nil
	}
	l.stats.HijriCorrections++
	return nil
}

// HijriCorrections returns the corrections the load's database holds now
// (what it had and what was loaded), for a check before Commit.
func (l *Load) HijriCorrections(ctx context.Context) ([]domain.HijriCorrection, error) {
	return queryHijriCorrections(ctx, l.tx)
}

// parseDumpStamp reads a dumped RFC 3339 time.
func parseDumpStamp(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return t, fmt.Errorf("bad time: %w", err)
	}
	return t, nil
}
