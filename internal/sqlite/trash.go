package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
)

// The trash (migration 0015): a deleted event's row leaves events for
// event_trash, as one JSON member per column of events (whatever columns
// events has when it is deleted), so that every page, search, count and
// feed, which read events only, leave it out, and restoring puts back the
// same row under the same number. Purging empties the record and keeps the
// number and the time it was deleted.

// trashStamp is how trash times are stored: UTC, fixed width, so that they
// compare as text.
const trashStamp = "2006-01-02T15:04:05.000Z"

// trashedColumns selects a kept record of event_trash t as the columns of
// events.list, for events.scan.
var trashedColumns = func() string {
	var out []string
	for _, c := range events.cols {
		if c.key {
			out = append(out, "t.id")
			continue
		}
		out = append(out, `json_extract(t.record, '$."`+c.name+`"')`)
	}
	return strings.Join(out, ", ")
}()

// eventsColumns returns the names of events' columns, as the table has them.
func eventsColumns(ctx context.Context, q querier) ([]string, error) {
	return queryColumn[string](ctx, q, `SELECT name FROM pragma_table_info('events')`)
}

// TrashEvent moves the event with id to the trash, deleted at at: a series
// with the events that stand in for its occurrences, each under its own
// number at the same time, so that restoring the series brings them back.
func (d *DB) TrashEvent(ctx context.Context, id int64, at time.Time) error {
	err := d.inTx(ctx, func(tx *sql.Tx) error { return trashTx(ctx, tx, id, at) })
	if err != nil {
		return fmt.Errorf("event %d: %w", id, err)
	}
	return nil
}

// trashTx is TrashEvent inside tx.
func trashTx(ctx context.Context, tx *sql.Tx, id int64, at time.Time) error {
	cols, err := eventsColumns(ctx, tx)
	if err != nil {
		return err
	}
	members := make([]string, len(cols))
	for i, c := range cols {
		members[i] = `'` + c + `', "` + c + `"`
	}
	overrides, err := eventIDs(ctx, tx, `SELECT id FROM events WHERE series_id = ?`, id)
	if err != nil {
		return err
	}
	stamp := at.UTC().Format(trashStamp)
	// The overrides first: deleting the series would take them with it
	// (ON DELETE CASCADE).
	for _, o := range append(overrides, id) {
		err = execOne(ctx, tx, "trash", `INSERT INTO event_trash (id, deleted_at, record)
SELECT id, ?, json_object(`+strings.Join(members, ", ")+`) FROM events WHERE id = ?`, stamp, o)
		if err != nil {
			return err
		}
		if err := execOne(ctx, tx, "delete", `DELETE FROM events WHERE id = ?`, o); err != nil {
			return err
		}
		if err := unindexDoc(ctx, tx, "event", o); err != nil {
			return err
		}
	}
	return nil
}

// RestoreEvent puts the event with id back from the trash as it was
// deleted, passes it to fn (with when it was deleted) and stores it as fn
// left it, all in one transaction: fn's error undoes it. The events that
// stood in for a series' occurrences and went to the trash with it come
// back with it. An id never deleted is domain.ErrNotFound, one purged
// domain.ErrGone, one whose UID another event took since
// domain.ErrConflict, one that stood in for an occurrence of a series
// deleted since domain.ErrSeriesGone. An article the event was mined from
// and that is gone meanwhile is no longer named.
func (d *DB) RestoreEvent(ctx context.Context, id int64, fn func(e *domain.Event, deleted time.Time) error) (domain.Event, error) {
	var e domain.Event
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		var record sql.NullString
		var deleted string
		err := tx.QueryRowContext(ctx, `SELECT record, deleted_at FROM event_trash WHERE id = ?`, id).Scan(&record, &deleted)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return domain.ErrNotFound
		case err != nil:
			return err
		case !record.Valid:
			return domain.ErrGone
		}
		if err := restoreRow(ctx, tx, id); err != nil {
			return err
		}
		if e, err = events.scan(tx.QueryRowContext(ctx, `SELECT `+eventColumns+` FROM events WHERE id = ?`, id)); err != nil {
			return err
		}
		if err := fn(&e, parseStamp(deleted)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, events.update, events.updateValues(&e, id)...); err != nil {
			return err
		}
		if err := indexDoc(ctx, tx, "event", id, eventKey(&e)); err != nil {
			return err
		}
		overrides, err := eventIDs(ctx, tx, `SELECT id FROM event_trash WHERE purged_at IS NULL AND deleted_at = ?
AND json_extract(record, '$.series_id') = ? ORDER BY id`, deleted, id)
		if err != nil {
			return err
		}
		for _, o := range overrides {
			if err := restoreRow(ctx, tx, o); err != nil {
				return err
			}
			oe, err := events.scan(tx.QueryRowContext(ctx, `SELECT `+eventColumns+` FROM events WHERE id = ?`, o))
			if err != nil {
				return err
			}
			if err := indexDoc(ctx, tx, "event", o, eventKey(&oe)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return domain.Event{}, fmt.Errorf("restore event %d: %w", id, err)
	}
	return e, nil
}

// restoreRow puts the kept record of event id back into events, as it was,
// and takes it out of the trash.
func restoreRow(ctx context.Context, tx *sql.Tx, id int64) error {
	var series sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT json_extract(record, '$.series_id') FROM event_trash WHERE id = ?`, id).Scan(&series)
	if err != nil {
		return err
	}
	if series.Valid {
		n, err := queryColumn[int64](ctx, tx, `SELECT id FROM events WHERE id = ?`, series.Int64)
		if err != nil {
			return err
		}
		if len(n) == 0 {
			return domain.ErrSeriesGone
		}
	}
	cols, err := restoredColumns(ctx, tx, id)
	if err != nil {
		return err
	}
	values := make([]string, len(cols))
	for i, c := range cols {
		values[i] = `json_extract(record, '$."` + c + `"')`
		if c == "article_id" {
			values[i] = `(SELECT a.id FROM articles a WHERE a.id = ` + values[i] + `)`
		}
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO events (`+strings.Join(cols, ", ")+`)
SELECT `+strings.Join(values, ", ")+` FROM event_trash WHERE id = ?`, id)
	if isUnique(err) {
		return domain.ErrConflict
	}
	if err != nil {
		return err
	}
	// A record kept before the places' keys were stored has none.
	if _, err := tx.ExecContext(ctx, `UPDATE events SET province_key = search_key(province), organization_key = search_key(organization)
WHERE id = ?`, id); err != nil {
		return err
	}
	return execOne(ctx, tx, "restore", `DELETE FROM event_trash WHERE id = ?`, id)
}

// restoredColumns returns the columns of events that the kept record of
// event id holds: a column added to events since it was deleted takes its
// default.
func restoredColumns(ctx context.Context, tx *sql.Tx, id int64) ([]string, error) {
	cols, err := eventsColumns(ctx, tx)
	if err != nil {
		return nil, err
	}
	keys, err := queryColumn[string](ctx, tx, `SELECT j.key FROM event_trash t, json_each(t.record) j WHERE t.id = ?`, id)
	return slices.DeleteFunc(keys, func(k string) bool { return !slices.Contains(cols, k) }), err
}

// PurgeTrash purges, at at, the events deleted at or before before: their
// records go for good, their numbers and deletion times stay. It returns
// how many it purged.
func (d *DB) PurgeTrash(ctx context.Context, before, at time.Time) (int, error) {
	var n int64
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE event_trash SET record = NULL, purged_at = ? WHERE purged_at IS NULL AND deleted_at <= ?`,
			at.UTC().Format(trashStamp), before.UTC().Format(trashStamp))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("purge trash: %w", err)
	}
	return int(n), nil
}

// DeletedEvent returns the deleted event numbered id, its event as it was
// while it is kept; an id never deleted is domain.ErrNotFound.
func (d *DB) DeletedEvent(ctx context.Context, id int64) (domain.DeletedEvent, error) {
	out := domain.DeletedEvent{ID: id}
	var deleted string
	var purged sql.NullString
	err := d.db.QueryRowContext(ctx, `SELECT deleted_at, purged_at FROM event_trash WHERE id = ?`, id).Scan(&deleted, &purged)
	if errors.Is(err, sql.ErrNoRows) {
		return out, fmt.Errorf("deleted event %d: %w", id, domain.ErrNotFound)
	}
	if err != nil {
		return out, fmt.Errorf("deleted event %d: %w", id, err)
	}
	out.Deleted = parseStamp(deleted)
	if purged.Valid {
		out.Purged = parseStamp(purged.String)
		return out, nil
	}
	out.Event, err = events.scan(d.db.QueryRowContext(ctx, `SELECT `+trashedColumns+` FROM event_trash t WHERE t.id = ?`, id))
	if err != nil {
		return out, fmt.Errorf("deleted event %d: %w", id, err)
	}
	return out, nil
}

// Trash returns the deleted events still kept, the latest deleted first.
func (d *DB) Trash(ctx context.Context) ([]domain.DeletedEvent, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+trashedColumns+`, t.deleted_at FROM event_trash t
WHERE t.purged_at IS NULL ORDER BY t.deleted_at DESC, t.id DESC`)
	if err != nil {
		return nil, fmt.Errorf("trash: %w", err)
	}
	defer rows.Close()
	var out []domain.DeletedEvent
	for rows.Next() {
		var deleted string
		e, err := events.scan(rows, &deleted)
		if err != nil {
			return nil, fmt.Errorf("trash: %w", err)
		}
		out = append(out, domain.DeletedEvent{ID: e.ID, Deleted: parseStamp(deleted), Event: e})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("trash: %w", err)
	}
	return out, nil
}
