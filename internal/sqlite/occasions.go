package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/ruydad/ruydad/internal/domain"
)

const occasionColumns = `id, key, name, month, day, length, holiday, aliases, description, sequence, updated_at`

// SeedOccasions stores the built-in catalogue the first time it is called
// on a database; later calls do nothing, so an occasion a user deleted or
// edited stays as the user left it. It reports whether it loaded them.
func (d *DB) SeedOccasions(ctx context.Context, catalogue []domain.Occasion) (bool, error) {
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("seed occasions: %w", err)
	}
	defer tx.Rollback()
	done, err := getMeta(ctx, tx, "occasions_seeded")
	if err != nil || done != "" {
		return false, err
	}
	for i := range catalogue {
		if err := insertOccasion(ctx, tx, &catalogue[i], d.stamp()); err != nil {
			return false, fmt.Errorf("seed occasions: %s: %w", catalogue[i].Key, err)
		}
	}
	if err := setMeta(ctx, tx, "occasions_seeded", d.stamp()); err != nil {
		return false, fmt.Errorf("seed occasions: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("seed occasions: %w", err)
	}
	return true, nil
}

func insertOccasion(ctx context.Context, q querier, o *domain.Occasion, now string) error {
	if err := o.Validate(); err != nil {
		return err
	}
	aliases, err := json.Marshal(nonNil(o.Aliases))
	if err != nil {
		return err
	}
	res, err := q.ExecContext(ctx, `INSERT INTO occasions (key, name, month, day, length, holiday, aliases, description, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, o.Key, o.Name, o.Month, o.Day, o.Length, o.Holiday, string(aliases), o.Description, now)
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE constraint failed") {
			return fmt.Errorf("occasion key %q: %w", o.Key, domain.ErrConflict)
		}
		return err
	}
	o.ID, _ = res.LastInsertId()
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// CreateOccasion validates and stores a new occasion.
func (d *DB) CreateOccasion(ctx context.Context, o *domain.Occasion) error {
	if err := insertOccasion(ctx, d.w, o, d.stamp()); err != nil {
		return fmt.Errorf("create occasion: %w", err)
	}
	return nil
}

// UpdateOccasion validates and stores an occasion's editable fields.
func (d *DB) UpdateOccasion(ctx context.Context, o domain.Occasion) error {
	if err := o.Validate(); err != nil {
		return fmt.Errorf("update occasion %d: %w", o.ID, err)
	}
	aliases, err := json.Marshal(nonNil(o.Aliases))
	if err != nil {
		return fmt.Errorf("update occasion %d: %w", o.ID, err)
	}
	res, err := d.w.ExecContext(ctx, `UPDATE occasions SET name = ?, month = ?, day = ?, length = ?, holiday = ?,
    aliases = ?, description = ?, sequence = sequence + 1, updated_at = ? WHERE id = ?`,
		o.Name, o.Month, o.Day, o.Length, o.Holiday, string(aliases), o.Description, d.stamp(), o.ID)
	if err != nil {
		return fmt.Errorf("update occasion %d: %w", o.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("update occasion %d: %w", o.ID, domain.ErrNotFound)
	}
	return nil
}

// DeleteOccasion removes an occasion.
func (d *DB) DeleteOccasion(ctx context.Context, id int64) error {
	res, err := d.w.ExecContext(ctx, `DELETE FROM occasions WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("delete occasion %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("delete occasion %d: %w", id, domain.ErrNotFound)
	}
	return nil
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

// Occasions returns every occasion in calendar order.
func (d *DB) Occasions(ctx context.Context) ([]domain.Occasion, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+occasionColumns+` FROM occasions ORDER BY month, day, id`)
	if err != nil {
		return nil, fmt.Errorf("occasions: %w", err)
	}
	defer rows.Close()
	var out []domain.Occasion
	for rows.Next() {
		o, err := scanOccasion(rows)
		if err != nil {
			return nil, fmt.Errorf("occasions: %w", err)
		}
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("occasions: %w", err)
	}
	return out, nil
}

func scanOccasion(r rowScanner) (domain.Occasion, error) {
	var o domain.Occasion
	var aliases, updated string
	if err := r.Scan(&o.ID, &o.Key, &o.Name, &o.Month, &o.Day, &o.Length, &o.Holiday, &aliases, &o.Description, &o.Sequence, &updated); err != nil {
		return o, err
	}
	o.UpdatedAt = parseStamp(updated)
	if err := json.Unmarshal([]byte(aliases), &o.Aliases); err != nil {
		return o, err
	}
	return o, nil
}
