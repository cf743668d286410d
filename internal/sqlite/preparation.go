package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/ruydad/ruydad/internal/domain"
)

// Preparations returns the occasions the office prepares for
// (db/migrations/0014), by occasion key.
func (d *DB) Preparations(ctx context.Context) ([]domain.Preparation, error) {
	return queryPreparations(ctx, d.db)
}

// queryPreparations reads every preparation through q, in key order.
func queryPreparations(ctx context.Context, q querier) ([]domain.Preparation, error) {
	rows, err := q.QueryContext(ctx, `SELECT occasion_key, lead_days, updated_at FROM occasion_preparation ORDER BY occasion_key`)
	if err != nil {
		return nil, fmt.Errorf("preparations: %w", err)
	}
	defer rows.Close()
	var out []domain.Preparation
	for rows.Next() {
		var p domain.Preparation
		if err := rows.Scan(&p.Occasion, &p.LeadDays, (*stampCol)(&p.UpdatedAt)); err != nil {
			return nil, fmt.Errorf("preparations: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("preparations: %w", err)
	}
	return out, nil
}

// SetPreparation stores p (checked by the app), in place of the occasion's
// earlier lead time if it had one, changed now.
func (d *DB) SetPreparation(ctx context.Context, p domain.Preparation) error {
	p.UpdatedAt = d.now().UTC()
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO occasion_preparation (occasion_key, lead_days, updated_at) VALUES (?, ?, ?)
ON CONFLICT (occasion_key) DO UPDATE SET lead_days = excluded.lead_days, updated_at = excluded.updated_at`,
			p.Occasion, p.LeadDays, storedValue(&p.UpdatedAt, false))
		return err
	})
	if err != nil {
		return fmt.Errorf("set preparation %q: %w", p.Occasion, err)
	}
	return nil
}

// DeletePreparation stops preparing for the occasion key (nothing when it
// was not prepared for).
func (d *DB) DeletePreparation(ctx context.Context, key string) error {
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM occasion_preparation WHERE occasion_key = ?`, key)
		return err
	})
	if err != nil {
		return fmt.Errorf("delete preparation %q: %w", key, err)
	}
	return nil
}
