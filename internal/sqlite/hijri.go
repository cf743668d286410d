package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/ruydad/ruydad/internal/domain"
)

// HijriCorrections returns every Hijri month start an administrator set
// and, for each month whose setting was removed since (and not set again),
// a record of the removal with a zero Start and the time of the removal
// (domain.HijriCorrection.Removed), in month order. The removals let a
// feed tell that an occurrence moved back (see calendar.Calendar.Revised).
func (d *DB) HijriCorrections(ctx context.Context) ([]domain.HijriCorrection, error) {
	out, err := queryHijriCorrections(ctx, d.db)
	if err == nil {
		out, err = withRemovals(ctx, d.db, out)
	}
	if err != nil {
		return nil, fmt.Errorf("hijri corrections: %w", err)
	}
	return out, nil
}

// removalKey is the meta key that records when the setting of a Hijri
// month was removed.
func removalKey(year, month int) string { return fmt.Sprintf("hijri_unset:%04d-%02d", year, month) }

// withRemovals adds to the live corrections cs the records of removed ones.
func withRemovals(ctx context.Context, q querier, cs []domain.HijriCorrection) ([]domain.HijriCorrection, error) {
	rows, err := q.QueryContext(ctx, `SELECT key, value FROM meta WHERE key LIKE 'hijri\_unset:%' ESCAPE '\'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	live := map[[2]int]bool{}
	for _, c := range cs {
		live[[2]int{c.Year, c.Month}] = true
	}
	for rows.Next() {
		var key, value string
		if err := rows.Scan(&key, &value); err != nil {
			return nil, err
		}
		var y, m int
		if _, err := fmt.Sscanf(key, "hijri_unset:%d-%d", &y, &m); err != nil || live[[2]int{y, m}] {
			continue // set again since
		}
		cs = append(cs, domain.HijriCorrection{Year: y, Month: m, UpdatedAt: parseStamp(value)})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.SortStableFunc(cs, func(a, b domain.HijriCorrection) int { return (a.Year*12 + a.Month) - (b.Year*12 + b.Month) })
	return cs, nil
}

// hijriCorrections is the hijri_corrections table's one column list.
var hijriCorrections = newTable("hijri_corrections",
	col("year", func(c *domain.HijriCorrection) any { return &c.Year }).once(),
	col("month", func(c *domain.HijriCorrection) any { return &c.Month }).once(),
	col("start_date", func(c *domain.HijriCorrection) any { return &c.Start }),
	col("note", func(c *domain.HijriCorrection) any { return &c.Note }),
	col("updated_at", func(c *domain.HijriCorrection) any { return &c.UpdatedAt }),
)

func queryHijriCorrections(ctx context.Context, q querier) ([]domain.HijriCorrection, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+hijriCorrections.list+` FROM hijri_corrections ORDER BY year, month`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.HijriCorrection
	for rows.Next() {
		c, err := hijriCorrections.scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// SetHijriCorrection stores the first day of Hijri month c.Year/c.Month,
// replacing an earlier setting of that month, if fits accepts the whole set
// of corrections it makes (internal/calendar checks that every month stays
// 29 or 30 days long). The check and the write are one transaction, so two
// administrators correcting months at once cannot store a set that does not
// fit.
func (d *DB) SetHijriCorrection(ctx context.Context, c domain.HijriCorrection, fits func([]domain.HijriCorrection) error) error {
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		all, err := queryHijriCorrections(ctx, tx)
		if err != nil {
			return err
		}
		all = slices.DeleteFunc(all, func(x domain.HijriCorrection) bool { return x.Year == c.Year && x.Month == c.Month })
		if err := fits(append(all, c)); err != nil {
			return err
		}
		c.UpdatedAt = parseStamp(d.stamp())
		_, err = tx.ExecContext(ctx, hijriCorrections.upsert("year, month"), hijriCorrections.values(&c)...)
		return err
	})
	if err != nil {
		return fmt.Errorf("set hijri correction %d/%d: %w", c.Year, c.Month, err)
	}
	return nil
}

// DeleteHijriCorrection removes the setting of Hijri month year/month, so
// that it follows the table (or the prediction) again, if fits accepts the
// corrections left (see SetHijriCorrection).
func (d *DB) DeleteHijriCorrection(ctx context.Context, year, month int, fits func([]domain.HijriCorrection) error) error {
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		all, err := queryHijriCorrections(ctx, tx)
		if err != nil {
			return err
		}
		n := len(all)
		all = slices.DeleteFunc(all, func(x domain.HijriCorrection) bool { return x.Year == year && x.Month == month })
		if len(all) == n {
			return domain.ErrNotFound
		}
		if err := fits(all); err != nil {
			return err
		}
		if _, err = tx.ExecContext(ctx, `DELETE FROM hijri_corrections WHERE year = ? AND month = ?`, year, month); err != nil {
			return err
		}
		return setMeta(ctx, tx, removalKey(year, month), d.stamp())
	})
	if err != nil {
		return fmt.Errorf("delete hijri correction %d/%d: %w", year, month, err)
	}
	return nil
}
