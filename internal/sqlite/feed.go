package sqlite

import (
	"context"
	"database/sql"
	"fmt"

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

// ImportEvents stores events from another calendar, each as given (UID,
// sequence and times included), in one transaction: all or nothing. An
// event whose UID is already stored is skipped.
func (d *DB) ImportEvents(ctx context.Context, evs []domain.Event) (created, skipped int, err error) {
	err = d.inTx(ctx, func(tx *sql.Tx) error {
		created, skipped = 0, 0
		for i := range evs {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM events WHERE uid = ?`, evs[i].UID).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				skipped++
				continue
			}
			if err := insertEvent(ctx, tx, &evs[i]); err != nil {
				return fmt.Errorf("%q: %w", evs[i].Title, err)
			}
			created++
		}
		return nil
	})
	if err != nil {
		return 0, 0, fmt.Errorf("import events: %w", err)
	}
	return created, skipped, nil
}
