package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
)

// occasions is the occasions table's one column list.
var occasions = newTable("occasions",
	col("id", func(o *domain.Occasion) any { return &o.ID }).rowID(),
	col("key", func(o *domain.Occasion) any { return &o.Key }).once(),
	col("name", func(o *domain.Occasion) any { return &o.Name }),
	col("calendar", func(o *domain.Occasion) any { return &o.Calendar }),
	col("rule", func(o *domain.Occasion) any { return &o.Rule }),
	col("month", func(o *domain.Occasion) any { return &o.Month }),
	col("day", func(o *domain.Occasion) any { return &o.Day }),
	col("weekday", func(o *domain.Occasion) any { return &o.Weekday }),
	col("nth", func(o *domain.Occasion) any { return &o.Nth }),
	col("offset_days", func(o *domain.Occasion) any { return &o.Offset }),
	col("length", func(o *domain.Occasion) any { return &o.Length }),
	col("year", func(o *domain.Occasion) any { return &o.Year }),
	col("from_year", func(o *domain.Occasion) any { return &o.FromYear }),
	col("to_year", func(o *domain.Occasion) any { return &o.ToYear }),
	col("holiday", func(o *domain.Occasion) any { return &o.Holiday }),
	col("province", func(o *domain.Occasion) any { return &o.Province }),
	col("grp", func(o *domain.Occasion) any { return &o.Group }),
	col("hidden", func(o *domain.Occasion) any { return &o.Hidden }),
	col("edited", func(o *domain.Occasion) any { return &o.Edited }),
	col("aliases", func(o *domain.Occasion) any { return (*jsonStrings)(&o.Aliases) }),
	col("description", func(o *domain.Occasion) any { return &o.Description }),
	col("sequence", func(o *domain.Occasion) any { return &o.Sequence }).bumped(),
	col("updated_at", func(o *domain.Occasion) any { return &o.UpdatedAt }),
)

// occasionColumns is the occasions table's select list.
var occasionColumns = occasions.list

// insertOccasion stores o, last changed at at, and sets its ID.
func insertOccasion(ctx context.Context, q querier, o *domain.Occasion, at time.Time) error {
	o.UpdatedAt = at
	res, err := q.ExecContext(ctx, occasions.insert, occasions.values(o)...)
	if err != nil {
		if isUnique(err) {
			return fmt.Errorf("occasion key %q: %w", o.Key, domain.ErrConflict)
		}
		return err
	}
	o.ID, _ = res.LastInsertId()
	return nil
}

// CreateOccasion stores a new occasion as given.
func (d *DB) CreateOccasion(ctx context.Context, o *domain.Occasion) error {
	if err := d.inTx(ctx, func(tx *sql.Tx) error { return insertOccasion(ctx, tx, o, d.now().UTC()) }); err != nil {
		return fmt.Errorf("create occasion: %w", err)
	}
	return nil
}

// UpdateOccasion stores an occasion's fields as given, moving its
// sequence on.
func (d *DB) UpdateOccasion(ctx context.Context, o domain.Occasion) error {
	if err := d.inTx(ctx, func(tx *sql.Tx) error { return updateOccasion(ctx, tx, &o, d.now().UTC()) }); err != nil {
		return fmt.Errorf("update occasion %d: %w", o.ID, err)
	}
	return nil
}

// updateOccasion stores o over the occasion o.ID, last changed at at, its
// sequence moved on.
func updateOccasion(ctx context.Context, q querier, o *domain.Occasion, at time.Time) error {
	o.UpdatedAt = at
	res, err := q.ExecContext(ctx, occasions.update, occasions.updateValues(o, o.ID)...)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return domain.ErrNotFound
	}
	return nil
}

// SetOccasionsHidden shows (hidden false) or hides the occasions with ids;
// an office choosing what its calendar shows is not an edit of them.
func (d *DB) SetOccasionsHidden(ctx context.Context, ids []int64, hidden bool) error {
	if len(ids) == 0 {
		return nil
	}
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, `UPDATE occasions SET hidden = ?, sequence = sequence + 1, updated_at = ?
WHERE id = ? AND hidden <> ?`, hidden, d.stamp(), id, hidden); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("set occasions hidden: %w", err)
	}
	return nil
}

// DeleteOccasion removes an occasion.
func (d *DB) DeleteOccasion(ctx context.Context, id int64) error {
	return d.inTx(ctx, func(tx *sql.Tx) error {
		return execOne(ctx, tx, fmt.Sprintf("delete occasion %d", id), `DELETE FROM occasions WHERE id = ?`, id)
	})
}

// Occasion returns the occasion with id.
func (d *DB) Occasion(ctx context.Context, id int64) (domain.Occasion, error) {
	o, err := scanOccasion(d.db.QueryRowContext(ctx, `SELECT `+occasionColumns+` FROM occasions WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return o, fmt.Errorf("occasion %d: %w", id, domain.ErrNotFound)
	}
	if err != nil {
		return o, fmt.Errorf("occasion %d: %w", id, err)
	}
	return o, nil
}

// Occasions returns every occasion, hidden ones included, in the order they
// were stored (the catalogue's).
func (d *DB) Occasions(ctx context.Context) ([]domain.Occasion, error) {
	out, err := queryOccasions(ctx, d.db)
	if err != nil {
		return nil, fmt.Errorf("occasions: %w", err)
	}
	return out, nil
}

func queryOccasions(ctx context.Context, q querier) ([]domain.Occasion, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+occasionColumns+` FROM occasions ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Occasion
	for rows.Next() {
		o, err := scanOccasion(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

func scanOccasion(r rowScanner) (domain.Occasion, error) { return occasions.scan(r) }
