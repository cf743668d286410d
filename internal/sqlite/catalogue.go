package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/persian"
)

// SeedReport says what SeedOccasions did.
type SeedReport struct {
	Added   int // catalogue occasions stored for the first time
	Updated int // built-in occasions nobody edited, brought up to the catalogue
	Kept    int // occasions the office already had under another key, not added twice
}

// SeedOccasions brings the database up to the built-in catalogue, in one
// transaction, and may be called at every start:
//   - an occasion the catalogue offers for the first time is added, unless
//     the office already added the same one itself (same rule and day, same
//     name or alias whatever the spelling): the office's is kept;
//   - a built-in occasion that a person has not edited takes the
//     catalogue's definition (its shown/hidden choice stays);
//   - one a person edited, deleted or added stays as the person left it.
func (d *DB) SeedOccasions(ctx context.Context, catalogue []domain.Occasion) (SeedReport, error) {
	var rep SeedReport
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		seeded, err := seededKeys(ctx, tx)
		if err != nil {
			return err
		}
		stored, err := queryOccasions(ctx, tx)
		if err != nil {
			return err
		}
		byKey, same := map[string]domain.Occasion{}, map[string]bool{}
		for _, o := range stored {
			byKey[o.Key] = o
			if o.Group == domain.GroupOffice {
				for _, k := range sameKeys(o) {
					same[k] = true
				}
			}
		}
		at := d.now().UTC()
		now := at.Format(time.RFC3339Nano)
		for i := range catalogue {
			c := catalogue[i]
			c.Normalize()
			row, exists := byKey[c.Key]
			if !seeded[c.Key] {
				if _, err := tx.ExecContext(ctx, `INSERT INTO occasion_seeds (key, seeded_at) VALUES (?, ?)`, c.Key, now); err != nil {
					return fmt.Errorf("%s: %w", c.Key, err)
				}
				if !exists {
					if anyIn(same, sameKeys(c)) {
						rep.Kept++
						continue
					}
					if err := insertOccasion(ctx, tx, &c, at); err != nil {
						return fmt.Errorf("%s: %w", c.Key, err)
					}
					rep.Added++
					continue
				}
			}
			if !exists || row.Edited || sameDefinition(row, c) {
				continue
			}
			c.ID, c.Hidden, c.Edited = row.ID, row.Hidden, false
			if err := c.Validate(); err != nil {
				return fmt.Errorf("%s: %w", c.Key, err)
			}
			if err := updateOccasion(ctx, tx, &c, at); err != nil {
				return fmt.Errorf("%s: %w", c.Key, err)
			}
			rep.Updated++
		}
		return setMeta(ctx, tx, "occasions_seeded", now)
	})
	if err != nil {
		return rep, fmt.Errorf("seed occasions: %w", err)
	}
	return rep, nil
}

func seededKeys(ctx context.Context, tx *sql.Tx) (map[string]bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT key FROM occasion_seeds`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		out[k] = true
	}
	return out, rows.Err()
}

// sameKeys returns the keys under which o is the same occasion as another:
// its rule and day with its name, then with each alias, whatever the
// spelling (ی/ي, ZWNJ, spaces). Only the fields its rule reads count: a
// weekday stored beside a day of the month (as forms used to send) does
// not make it another occasion.
func sameKeys(o domain.Occasion) []string {
	r := o.Recurrence
	r.Normalize()
	rule := fmt.Sprintf("%s|%s|%d|%d|%d|%d|%d|", r.Calendar, r.Rule, r.Month, r.Day, r.Weekday, r.Nth, r.Year)
	out := []string{rule + persian.SearchKey(o.Name)}
	for _, a := range o.Aliases {
		out = append(out, rule+persian.SearchKey(a))
	}
	return out
}

// sameDefinition reports whether a stored occasion already is what the
// catalogue says (its shown/hidden choice aside).
func sameDefinition(row, c domain.Occasion) bool {
	row.Normalize()
	c.Normalize()
	a, b := domain.EntryOf(row), domain.EntryOf(c)
	a.Hidden, b.Hidden = false, false
	return reflect.DeepEqual(a, b)
}

func anyIn(set map[string]bool, keys []string) bool {
	for _, k := range keys {
		if set[k] {
			return true
		}
	}
	return false
}
