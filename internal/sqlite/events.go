package sqlite

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/persian"
)

// events is the events table's one column list.
var events = newTable("events", append(seriesColumns,
	col("uid", func(e *domain.Event) any { return &e.UID }).once(),
	col("title", func(e *domain.Event) any { return &e.Title }),
	col("description", func(e *domain.Event) any { return &e.Description }),
	col("kind", func(e *domain.Event) any { return &e.Kind }),
	col("start_time", func(e *domain.Event) any { return &e.StartTime }),
	col("end_time", func(e *domain.Event) any { return &e.EndTime }),
	col("location", func(e *domain.Event) any { return &e.Location }),
	col("province", func(e *domain.Event) any { return &e.Province }),
	col("organization", func(e *domain.Event) any { return &e.Organization }),
	col("status", func(e *domain.Event) any { return &e.Status }),
	col("article_id", func(e *domain.Event) any { return &e.ArticleID }).orNull(),
	col("evidence_start", func(e *domain.Event) any { return &e.EvidenceStart }).orNull(),
	col("evidence_end", func(e *domain.Event) any { return &e.EvidenceEnd }).orNull(),
	col("precision", func(e *domain.Event) any { return &e.Precision }),
	col("confidence", func(e *domain.Event) any { return &e.Confidence }),
	col("review_note", func(e *domain.Event) any { return &e.ReviewNote }),
	col("occasion_key", func(e *domain.Event) any { return &e.Occasion }),
	col("sequence", func(e *domain.Event) any { return &e.Sequence }),
	col("created_at", func(e *domain.Event) any { return &e.CreatedAt }).once(),
	col("updated_at", func(e *domain.Event) any { return &e.UpdatedAt }),
	col("owner", func(e *domain.Event) any { return &e.Owner }),
	col("series_id", func(e *domain.Event) any { return &e.Of.SeriesID }).orNull(),
	col("series_uid", func(e *domain.Event) any { return &e.Of.SeriesUID }),
	col("series_date", func(e *domain.Event) any { return &e.Of.Date }),
	col("series_time", func(e *domain.Event) any { return &e.Of.Time }),
	col("series_kind", func(e *domain.Event) any { return &e.Of.Kind }),
	col("reminders", func(e *domain.Event) any { return &e.Reminders }),
	col("province_key", func(e *domain.Event) any { return (*placeKey)(&e.Province) }),
	col("organization_key", func(e *domain.Event) any { return (*placeKey)(&e.Organization) }),
)...)

// placeKey stores a place (an event's province or organization) as its
// search key, which filters compare (filterSQL) through an index of their
// own (db/migrations/0018); reading it back leaves the place as read.
type placeKey string

func (k *placeKey) stored() any { return persian.SearchKey(string(*k)) }

func (k *placeKey) Scan(any) error { return nil }

// seriesColumns are the columns that place an event's occurrences: its id,
// days and repeat. The month queries read a series' rule as one text
// (ruleColumn), and the whole row only of those that touch the range.
var seriesColumns = []column[domain.Event]{
	col("id", func(e *domain.Event) any { return &e.ID }).rowID(),
	col("start_date", func(e *domain.Event) any { return &e.Start }),
	col("end_date", func(e *domain.Event) any { return &e.End }),
	col("repeat", func(e *domain.Event) any { return &e.Repeat.Kind }),
	col("repeat_interval", func(e *domain.Event) any { return &e.Repeat.Interval }),
	col("repeat_days", func(e *domain.Event) any { return &e.Repeat.Days }),
	col("repeat_nth", func(e *domain.Event) any { return &e.Repeat.Nth }),
	col("repeat_until", func(e *domain.Event) any { return &e.Repeat.Until }),
	col("repeat_count", func(e *domain.Event) any { return &e.Repeat.Count }),
	col("repeat_skipped", func(e *domain.Event) any { return (*dateList)(&e.Repeat.Skipped) }),
	col("repeat_moved", func(e *domain.Event) any { return (*dateList)(&e.Repeat.Moved) }),
}

// eventColumns is the events table's select list.
var eventColumns = events.list

// NewUID returns a fresh, random event UID.
func NewUID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return hex.EncodeToString(b[:]) + "@ruydad"
}

type rowScanner interface{ Scan(dest ...any) error }

func scanEvent(r rowScanner) (domain.Event, error) { return events.scan(r) }

// CreateEvent stores e as given (the app layer has filled in and checked
// every field, its UID and times included) and sets its ID.
func (d *DB) CreateEvent(ctx context.Context, e *domain.Event) error {
	if err := d.inTx(ctx, func(tx *sql.Tx) error { return insertEvent(ctx, tx, e) }); err != nil {
		return fmt.Errorf("create event: %w", err)
	}
	return nil
}

func insertEvent(ctx context.Context, q querier, e *domain.Event) error {
	if err := seriesOf(ctx, q, e); err != nil {
		return err
	}
	res, err := q.ExecContext(ctx, events.insert, events.values(e)...)
	if err != nil {
		if isUnique(err) {
			return fmt.Errorf("uid %s: %w", e.UID, domain.ErrConflict)
		}
		return err
	}
	e.ID, _ = res.LastInsertId()
	return indexDoc(ctx, q, "event", e.ID, eventKey(e))
}

// ModifyEvents reads each of the events ids in one write transaction,
// passes it to fn and stores it as fn left it when fn reports a change.
// The ids no longer stored are returned, fn not called for them.
func (d *DB) ModifyEvents(ctx context.Context, ids []int64, fn func(e *domain.Event) (changed bool, err error)) (missing []int64, err error) {
	err = d.inTx(ctx, func(tx *sql.Tx) error {
		missing = missing[:0]
		for _, id := range ids {
			e, err := events.scan(tx.QueryRowContext(ctx, `SELECT `+eventColumns+` FROM events WHERE id = ?`, id))
			if errors.Is(err, sql.ErrNoRows) {
				missing = append(missing, id)
				continue
			}
			if err != nil {
				return fmt.Errorf("event %d: %w", id, err)
			}
			changed, err := fn(&e)
			if err != nil || !changed {
				if err != nil {
					return err
				}
				continue
			}
			e.ID = id
			if _, err := tx.ExecContext(ctx, events.update, events.updateValues(&e, id)...); err != nil {
				if isUnique(err) {
					return fmt.Errorf("event %d: uid %s: %w", id, e.UID, domain.ErrConflict)
				}
				return fmt.Errorf("event %d: %w", id, err)
			}
			if err := indexDoc(ctx, tx, "event", id, eventKey(&e)); err != nil {
				return fmt.Errorf("event %d: %w", id, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("modify events: %w", err)
	}
	return missing, nil
}

// Event returns the event with id.
func (d *DB) Event(ctx context.Context, id int64) (domain.Event, error) {
	e, err := scanEvent(d.eventStmt.QueryRowContext(ctx, id))
	if errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("event %d: %w", id, domain.ErrNotFound)
	}
	if err != nil {
		return e, fmt.Errorf("event %d: %w", id, err)
	}
	return e, nil
}

// filterSQL returns the WHERE conditions and arguments of f.
func filterSQL(f domain.EventFilter) (string, []any) {
	statuses := f.Statuses
	if len(statuses) == 0 {
		statuses = []domain.Status{domain.StatusConfirmed}
	}
	var b strings.Builder
	args := make([]any, 0, len(statuses)+3)
	b.WriteString("status IN (?" + strings.Repeat(", ?", len(statuses)-1) + ")")
	for _, s := range statuses {
		args = append(args, string(s))
	}
	if f.Kind != "" {
		b.WriteString(" AND kind = ?")
		args = append(args, string(f.Kind))
	}
	for _, place := range []struct{ column, value string }{{"province", f.Province}, {"organization", f.Organization}} {
		if place.value == "" {
			continue
		}
		// Compared by search key, so that spelling (ي/ی, ك/ک, ZWNJ,
		// spaces) does not matter: the key stored with the event
		// (placeKey), indexed with status and dates.
		if key := persian.SearchKey(place.value); key != "" {
			b.WriteString(" AND " + place.column + "_key = ?")
			args = append(args, key)
		} else {
			b.WriteString(" AND " + place.column + " = ?")
			args = append(args, place.value)
		}
	}
	return b.String(), args
}

// EventsBetween returns the events that touch any day from..to (inclusive),
// repeating events (series) included whatever their first day, ordered by
// start.
//
// An event touches the range when it starts by its last day and ends on or
// after its first: those that start in the range are one index range
// (events_by_status), those that start before it are events of several
// days, read by span class (lookbackFrom), each class only as far back as
// its events can start and still reach the range. Series repeat on Jalali and Hijri days, which SQL cannot
// place: their rules alone are read first (events_repeating, as the month
// grid reads them: seriesBriefs), and only the ones that touch the range
// are read whole (reading a row's 30 columns costs ten times its id).
func (d *DB) EventsBetween(ctx context.Context, from, to jalali.Date, f domain.EventFilter) ([]domain.Event, error) {
	where, args := filterSQL(f)
	var span sql.NullFloat64
	if err := d.db.QueryRowContext(ctx, longestSpan).Scan(&span); err != nil {
		return nil, fmt.Errorf("events between %v and %v: %w", from, to, err)
	}
	series, err := d.seriesBriefs(ctx, where, args, from, to, int(span.Float64))
	if err != nil {
		return nil, fmt.Errorf("events between %v and %v: %w", from, to, err)
	}
	repeating := make([]any, len(series))
	for i, b := range series {
		repeating[i] = b.ID
	}
	query, qargs := monthQuery(where, args, from, to, int(span.Float64), repeating)
	events, err := d.queryEvents(ctx, query, qargs...)
	if err != nil {
		return nil, fmt.Errorf("events between %v and %v: %w", from, to, err)
	}
	return events, nil
}

// longestSpan is the most days any dated event lasts beyond its first,
// read from one end of events_by_span.
const longestSpan = `SELECT max(julianday(end_date) - julianday(start_date)) FROM events WHERE start_date IS NOT NULL`

// monthQuery returns the query of EventsBetween: the one-off events
// matching where that touch from..to when no event lasts more than longest
// days beyond its first, and the repeating events with the given ids.
//
// As briefsQuery, those that start before from are read by span class
// (lookbackFrom).
func monthQuery(where string, args []any, from, to jalali.Date, longest int, repeating []any) (string, []any) {
	q := lookbackWith(lookbackClasses(longest)) + `SELECT ` + eventColumns + ` FROM events WHERE ` + where + ` AND repeat = '' AND start_date BETWEEN ? AND ?
UNION ALL
SELECT ` + eventColumns + ` FROM ` + lookbackFrom(where)
	all := rangeArgs(args, from, to, longest)
	if len(repeating) > 0 {
		q += "\nUNION ALL\nSELECT " + eventColumns + " FROM events WHERE id IN (?" + strings.Repeat(", ?", len(repeating)-1) + ")"
		all = append(all, repeating...)
	}
	return q + "\nORDER BY start_date, start_time, id", all
}

// seriesTouches reports whether any occurrence of repeating event e may
// touch from..to. The official calendar places them: a Hijri series by the
// table's month starts, which an administrator's correction moves by two
// days at most, hence the range widened by hijriSlack days for those.
func seriesTouches(e domain.Event, from, to jalali.Date) bool {
	if e.Repeat.Kind == domain.RepeatYearlyHijri {
		from, to = from.AddDays(-hijriSlack), to.AddDays(hijriSlack)
	}
	return len(calendar.Official().EventSpans(e, from, to)) > 0
}

// hijriSlack is how many days a correction may move a Hijri month's start
// from the table's, and one more.
const hijriSlack = 3

func (d *DB) queryEvents(ctx context.Context, query string, args ...any) ([]domain.Event, error) {
	return queryEventsTx(ctx, d.db, query, args...)
}

func queryEventsTx(ctx context.Context, q querier, query string, args ...any) ([]domain.Event, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return scanEvents(rows)
}

// eventResults are the columns of an event that a search's result shows
// (SearchEach): its id, title, kind and status, its days and times, and
// whether it repeats. A search reads these alone: every column of a row
// read is a call into SQLite and a conversion (the 40 of a whole event
// were a fifth of the event searches' CPU at national size).
var eventResults = events.only("id", "start_date", "end_date", "repeat", "title", "kind", "start_time", "end_time", "status")

// queryResultsKept runs a search's query of events (selecting
// eventResults.list), its statement kept (see queryKept).
func (d *DB) queryResultsKept(ctx context.Context, keep bool, query string, args ...any) ([]domain.Event, error) {
	rows, err := d.queryKept(ctx, keep, query, args...)
	if err != nil {
		return nil, err
	}
	return scanEventsOf(rows, eventResults)
}

// scanEvents reads the events of rows (eventColumns) and closes them.
func scanEvents(rows *sql.Rows) ([]domain.Event, error) { return scanEventsOf(rows, events) }

// scanEventsOf reads the events of rows (the columns of t) and closes
// them.
func scanEventsOf(rows *sql.Rows, t *table[domain.Event]) ([]domain.Event, error) {
	defer rows.Close()
	var out []domain.Event
	for rows.Next() {
		e, err := t.scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// eventIDs returns the ids query selects.
func eventIDs(ctx context.Context, q querier, query string, args ...any) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// ChangeSeries reads event id in one write transaction, passes it to fn,
// stores what fn left, and creates add (when not nil) with it, setting
// add's ID: a series and the override of one of its occurrences, or the
// series that follows it, are stored together or not at all.
func (d *DB) ChangeSeries(ctx context.Context, id int64, fn func(e *domain.Event) error, add *domain.Event) error {
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		e, err := events.scan(tx.QueryRowContext(ctx, `SELECT `+eventColumns+` FROM events WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return domain.ErrNotFound
		}
		if err != nil {
			return err
		}
		if err := fn(&e); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, events.update, events.updateValues(&e, id)...); err != nil {
			return err
		}
		if err := indexDoc(ctx, tx, "event", id, eventKey(&e)); err != nil {
			return err
		}
		if add == nil {
			return nil
		}
		return insertEvent(ctx, tx, add)
	})
	if err != nil {
		return fmt.Errorf("change series %d: %w", id, err)
	}
	return nil
}

// standInsQuery is StandIns' query. It reads events_by_series, which holds
// only the events standing in for an occurrence: left to itself, the
// planner took events_by_status for its status and read every confirmed
// event, for none or a few, in every feed.
var standInsQuery = `SELECT ` + eventColumns + ` FROM events INDEXED BY events_by_series
WHERE series_id IS NOT NULL AND status = 'confirmed' ORDER BY series_id, start_date, id`

// seriesOf sets the series id of an event that stands in for an
// occurrence and names its series by UID alone (read from a file or a
// dump): the stored event with that UID, or none (the event stays, on its
// own, when its series is not stored).
func seriesOf(ctx context.Context, q querier, e *domain.Event) error {
	if e.Of.SeriesID != 0 || e.Of.SeriesUID == "" {
		return nil
	}
	err := q.QueryRowContext(ctx, `SELECT id FROM events WHERE uid = ?`, e.Of.SeriesUID).Scan(&e.Of.SeriesID)
	if errors.Is(err, sql.ErrNoRows) {
		e.Of = domain.Override{}
		return nil
	}
	return err
}

// StandIns returns the confirmed events that stand in for occurrences of a
// series, by the series' id, each series' by date.
func (d *DB) StandIns(ctx context.Context) (map[int64][]domain.Event, error) {
	evs, err := d.queryEvents(ctx, standInsQuery)
	if err != nil {
		return nil, fmt.Errorf("stand-ins: %w", err)
	}
	out := map[int64][]domain.Event{}
	for _, e := range evs {
		out[e.Of.SeriesID] = append(out[e.Of.SeriesID], e)
	}
	return out, nil
}

// Overrides returns the events that stand in for occurrences of series
// id, by date (events_by_series).
func (d *DB) Overrides(ctx context.Context, id int64) ([]domain.Event, error) {
	evs, err := d.queryEvents(ctx, `SELECT `+eventColumns+` FROM events WHERE series_id = ? ORDER BY start_date, id`, id)
	if err != nil {
		return nil, fmt.Errorf("overrides of event %d: %w", id, err)
	}
	return evs, nil
}
