package sqlite

import (
	"context"
	"database/sql"
	"errors"
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
// sequence and times included), in one transaction: all or nothing, and
// says what became of each (outcomes[i] of evs[i]). An event whose UID is
// stored replaces it, keeping its number, its article and its creation
// time, when replaces(i, stored) says so (nil: never); otherwise the
// stored one stays as it is.
func (d *DB) ImportEvents(ctx context.Context, evs []domain.Event, replaces func(i int, stored domain.Event) bool) (outcomes []domain.Imported, err error) {
	err = d.inTx(ctx, func(tx *sql.Tx) error {
		outcomes = make([]domain.Imported, len(evs))
		for i := range evs {
			e := &evs[i]
			stored, err := events.scan(tx.QueryRowContext(ctx, `SELECT `+eventColumns+` FROM events WHERE uid = ?`, e.UID))
			switch {
			case errors.Is(err, sql.ErrNoRows):
				if err := insertEvent(ctx, tx, e); err != nil {
					return fmt.Errorf("%q: %w", e.Title, err)
				}
				outcomes[i] = domain.ImportedNew
				continue
			case err != nil:
				return fmt.Errorf("%q: %w", e.Title, err)
			}
			if replaces == nil || !replaces(i, stored) {
				outcomes[i] = domain.ImportedUnchanged
				continue
			}
			e.ID, e.ArticleID, e.CreatedAt = stored.ID, stored.ArticleID, stored.CreatedAt
			if err := seriesOf(ctx, tx, e); err != nil {
				return fmt.Errorf("%q: %w", e.Title, err)
			}
			if _, err := tx.ExecContext(ctx, events.update, events.updateValues(e, e.ID)...); err != nil {
				return fmt.Errorf("%q: %w", e.Title, err)
			}
			if err := indexDoc(ctx, tx, "event", e.ID, eventKey(e)); err != nil {
				return fmt.Errorf("%q: %w", e.Title, err)
			}
			outcomes[i] = domain.ImportedUpdated
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("import events: %w", err)
	}
	return outcomes, nil
}
