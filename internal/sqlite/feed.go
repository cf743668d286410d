package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
)

// EachEvent calls fn for every dated event matching f, in date order,
// reading rows as it goes so that a feed of any size streams: one index
// range (events_by_status, or the place's or kind's index), sorted only
// within a day. With sources, each comes with the title of the article it
// was mined from, read with its row ("" for none): a map of every source's
// title, read before, held 300,000 titles of a national calendar. Each
// event holds what a feed writes (feedEvents' columns), not what only the
// review reads: reading a column costs the driver two or three calls into
// SQLite and an allocation, a large part of a feed's render (which is also
// why the columns of series are read as one: see rareColumn).
func (d *DB) EachEvent(ctx context.Context, f domain.EventFilter, sources bool, fn func(e domain.Event, source string) error) error {
	where, args := filterSQL(f)
	rows, err := d.db.QueryContext(ctx, feedQuery(where, sources), args...)
	if err != nil {
		return fmt.Errorf("each event: %w", err)
	}
	defer rows.Close()
	var source, rare sql.NullString
	extra := []any{&rare}
	if sources {
		extra = append(extra, &source)
	}
	for rows.Next() {
		e, err := feedPlain.scan(rows, extra...)
		if err == nil {
			err = scanRare(&e, rare)
		}
		if err != nil {
			return fmt.Errorf("each event: %w", err)
		}
		if err := fn(e, source.String); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("each event: %w", err)
	}
	return nil
}

// feedEvents are the events table's columns a feed reads: all but the
// review's (the evidence, precision, confidence and review note) and the
// places' search keys (which only filters compare).
var feedEvents = newTable("events", slices.DeleteFunc(slices.Clone(events.cols), func(c column[domain.Event]) bool {
	switch c.name {
	case "evidence_start", "evidence_end", "precision", "confidence", "review_note", "province_key", "organization_key":
		return true
	}
	return false
})...)

// feedQuery is EachEvent's query of the events matching where, with their
// source articles' titles when sources.
func feedQuery(where string, sources bool) string {
	q := `SELECT ` + feedPlain.list + `, ` + rareColumn
	if sources {
		q += `, (SELECT title FROM articles WHERE id = events.article_id)`
	}
	return q + ` FROM events WHERE ` + where + ` AND start_date IS NOT NULL ORDER BY start_date, start_time, id`
}

// ImportEvents stores events from another calendar, each as given (UID,
// sequence and times included), in one transaction: all or nothing, and
// says what became of each (outcomes[i] of evs[i]). An event whose UID is
// stored replaces it, keeping its number, its article and its creation
// time, when rules.Replaces(i, stored) says so (nil: never); otherwise the
// stored one stays as it is. Then each event stored that repeats is given
// to rules.Retire with its related events (those standing in for its
// occurrences, and those whose UID begins with rules.RelatedPrefix of it,
// read by the UID's index), and the ones Retire names go to the trash,
// still in the transaction.
func (d *DB) ImportEvents(ctx context.Context, evs []domain.Event, rules app.ImportRules) (outcomes []domain.Imported, err error) {
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
			if rules.Replaces == nil || !rules.Replaces(i, stored) {
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
		return retireTx(ctx, tx, evs, outcomes, rules)
	})
	if err != nil {
		return nil, fmt.Errorf("import events: %w", err)
	}
	return outcomes, nil
}

// retireTx moves to the trash, in tx, what rules.Retire names among the
// events related to each repeating event an import stored (see
// ImportEvents).
func retireTx(ctx context.Context, tx *sql.Tx, evs []domain.Event, outcomes []domain.Imported, rules app.ImportRules) error {
	if rules.Retire == nil {
		return nil
	}
	for i := range evs {
		e := &evs[i]
		if outcomes[i] == domain.ImportedUnchanged || !e.Repeats() {
			continue
		}
		related, err := queryEventsTx(ctx, tx, `SELECT `+eventColumns+` FROM events WHERE series_id = ? ORDER BY id`, e.ID)
		if err != nil {
			return err
		}
		if rules.RelatedPrefix != nil {
			if prefix := rules.RelatedPrefix(*e); prefix != "" {
				named, err := queryEventsTx(ctx, tx, `SELECT `+eventColumns+` FROM events WHERE uid >= ? AND uid < ? ORDER BY uid`, prefix, prefixEnd(prefix))
				if err != nil {
					return err
				}
				for _, n := range named {
					if n.Of.SeriesID != e.ID {
						related = append(related, n)
					}
				}
			}
		}
		for _, id := range rules.Retire(i, *e, related) {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM events WHERE id = ?`, id).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				continue // gone already, with a series retired before it
			}
			if err := trashTx(ctx, tx, id, rules.At); err != nil {
				return fmt.Errorf("event %d: %w", id, err)
			}
		}
	}
	return nil
}
