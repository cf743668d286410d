package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
)

// EachEvent calls fn for every dated event matching f, in date order,
// reading rows as it goes so that a feed of any size streams.
func (d *DB) EachEvent(ctx context.Context, f domain.EventFilter, fn func(domain.Event) error) error {
	where, args := filterSQL(f)
	rows, err := d.db.QueryContext(ctx, `SELECT `+eventColumns+` FROM events WHERE `+where+
		` AND start_date IS NOT NULL ORDER BY start_date, start_time, id`, args...)
	if err != nil {
		return fmt.Errorf("each event: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return fmt.Errorf("each event: %w", err)
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("each event: %w", err)
	}
	return nil
}

// SourceTitles returns the titles of the articles that confirmed events
// were mined from, for feed descriptions.
func (d *DB) SourceTitles(ctx context.Context) (map[int64]string, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT id, title FROM articles
WHERE id IN (SELECT article_id FROM events WHERE status = 'confirmed' AND article_id IS NOT NULL)`)
	if err != nil {
		return nil, fmt.Errorf("source titles: %w", err)
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var t string
		if err := rows.Scan(&id, &t); err != nil {
			return nil, fmt.Errorf("source titles: %w", err)
		}
		out[id] = t
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("source titles: %w", err)
	}
	return out, nil
}

// ImportEvents stores events from another calendar in one transaction: all
// or nothing. An event whose UID is already stored is skipped. Sequence and
// the created/updated times the file carries are kept, so that a feed
// exported, imported and exported again reads the same.
func (d *DB) ImportEvents(ctx context.Context, events []domain.Event) (created, skipped int, err error) {
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return 0, 0, fmt.Errorf("import events: %w", err)
	}
	defer tx.Rollback()
	now := d.stamp()
	for i := range events {
		orig, e := events[i], &events[i]
		if e.UID != "" {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM events WHERE uid = ?`, e.UID).Scan(&n); err != nil {
				return 0, 0, fmt.Errorf("import events: %w", err)
			}
			if n > 0 {
				skipped++
				continue
			}
		}
		e.ArticleID = 0
		if err := createEvent(ctx, tx, e, now); err != nil {
			return 0, 0, fmt.Errorf("import events: %q: %w", e.Title, err)
		}
		if err := keepHistory(ctx, tx, e, orig); err != nil {
			return 0, 0, fmt.Errorf("import events: %w", err)
		}
		created++
	}
	if err := tx.Commit(); err != nil {
		return 0, 0, fmt.Errorf("import events: %w", err)
	}
	return created, skipped, nil
}

// keepHistory gives a just-imported event the sequence and times its
// source file recorded (when it recorded them).
func keepHistory(ctx context.Context, q querier, stored *domain.Event, from domain.Event) error {
	if from.Sequence == 0 && from.CreatedAt.IsZero() && from.UpdatedAt.IsZero() {
		return nil
	}
	created, updated := stored.CreatedAt, stored.UpdatedAt
	if !from.CreatedAt.IsZero() {
		created = from.CreatedAt.UTC()
	}
	if !from.UpdatedAt.IsZero() {
		updated = from.UpdatedAt.UTC()
	}
	_, err := q.ExecContext(ctx, `UPDATE events SET sequence = ?, created_at = ?, updated_at = ? WHERE id = ?`,
		from.Sequence, created.Format(time.RFC3339Nano), updated.Format(time.RFC3339Nano), stored.ID)
	if err != nil {
		return err
	}
	stored.Sequence, stored.CreatedAt, stored.UpdatedAt = from.Sequence, created, updated
	return nil
}
