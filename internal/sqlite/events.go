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

const eventColumns = `id, uid, title, description, kind, start_date, end_date, start_time, end_time,
    location, province, organization, yearly, status, article_id, evidence_start, evidence_end,
    precision, confidence, review_note, occasion_key, sequence, created_at, updated_at`

// NewUID returns a fresh, random event UID.
func NewUID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return hex.EncodeToString(b[:]) + "@ruydad"
}

type rowScanner interface{ Scan(dest ...any) error }

func scanEvent(r rowScanner) (domain.Event, error) {
	var e domain.Event
	var start, end sql.NullString
	var article, evStart, evEnd sql.NullInt64
	var kind, status, precision, created, updated string
	err := r.Scan(&e.ID, &e.UID, &e.Title, &e.Description, &kind, &start, &end, &e.StartTime, &e.EndTime,
		&e.Location, &e.Province, &e.Organization, &e.Yearly, &status, &article, &evStart, &evEnd,
		&precision, &e.Confidence, &e.ReviewNote, &e.Occasion, &e.Sequence, &created, &updated)
	if err != nil {
		return e, err
	}
	e.Kind, e.Status, e.Precision = domain.Kind(kind), domain.Status(status), domain.Precision(precision)
	if start.Valid {
		if e.Start, err = jalali.ParseISO(start.String); err != nil {
			return e, err
		}
		if e.End, err = jalali.ParseISO(end.String); err != nil {
			return e, err
		}
	}
	e.ArticleID, e.EvidenceStart, e.EvidenceEnd = article.Int64, int(evStart.Int64), int(evEnd.Int64)
	e.CreatedAt, e.UpdatedAt = parseStamp(created), parseStamp(updated)
	return e, nil
}

// eventArgs returns the stored values of e's editable columns, in the order
// of insertEvent's and updateEvent's placeholders.
func eventArgs(e *domain.Event) []any {
	var start, end, article, evStart, evEnd any
	if e.Dated() {
		if e.End.IsZero() {
			e.End = e.Start
		}
		start, end = e.Start.ISO(), e.End.ISO()
	}
	if e.ArticleID != 0 {
		article, evStart, evEnd = e.ArticleID, e.EvidenceStart, e.EvidenceEnd
	}
	if e.Precision == "" {
		e.Precision = domain.PrecisionDay
	}
	return []any{e.Title, e.Description, string(e.Kind), start, end, e.StartTime, e.EndTime,
		e.Location, e.Province, e.Organization, e.Yearly, string(e.Status), article, evStart, evEnd,
		string(e.Precision), e.Confidence, e.ReviewNote, e.Occasion}
}

const insertEvent = `INSERT INTO events (title, description, kind, start_date, end_date, start_time, end_time,
    location, province, organization, yearly, status, article_id, evidence_start, evidence_end,
    precision, confidence, review_note, occasion_key, uid, sequence, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`

// CreateEvent validates and stores e, filling in its ID, UID (unless set)
// and times.
func (d *DB) CreateEvent(ctx context.Context, e *domain.Event) error {
	if err := d.inTx(ctx, func(tx *sql.Tx) error { return createEvent(ctx, tx, e, d.stamp()) }); err != nil {
		return fmt.Errorf("create event: %w", err)
	}
	return nil
}

func createEvent(ctx context.Context, q querier, e *domain.Event, now string) error {
	if e.Status == "" {
		e.Status = domain.StatusConfirmed
	}
	if e.Confidence == 0 && e.ArticleID == 0 {
		e.Confidence = 1
	}
	if err := e.Validate(); err != nil {
		return err
	}
	if e.UID == "" {
		e.UID = NewUID()
	}
	args := append(eventArgs(e), e.UID, now, now)
	res, err := q.ExecContext(ctx, insertEvent, args...)
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE constraint failed: events.uid") {
			return fmt.Errorf("uid %s: %w", e.UID, domain.ErrConflict)
		}
		return err
	}
	e.ID, _ = res.LastInsertId()
	e.Sequence = 0
	e.CreatedAt, e.UpdatedAt = parseStamp(now), parseStamp(now)
	return indexDoc(ctx, q, "event", e.ID, eventKey(e))
}

// UpdateEvent validates and stores e's editable fields, bumping its sequence.
func (d *DB) UpdateEvent(ctx context.Context, e *domain.Event) error {
	if err := e.Validate(); err != nil {
		return fmt.Errorf("update event %d: %w", e.ID, err)
	}
	now := d.stamp()
	args := append(eventArgs(e), now, e.ID)
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("update event %d: %w", e.ID, err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `UPDATE events SET title = ?, description = ?, kind = ?, start_date = ?,
    end_date = ?, start_time = ?, end_time = ?, location = ?, province = ?, organization = ?, yearly = ?,
    status = ?, article_id = ?, evidence_start = ?, evidence_end = ?, precision = ?, confidence = ?,
    review_note = ?, occasion_key = ?, sequence = sequence + 1, updated_at = ?
WHERE id = ?`, args...)
	if err != nil {
		return fmt.Errorf("update event %d: %w", e.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("update event %d: %w", e.ID, domain.ErrNotFound)
	}
	if err := indexDoc(ctx, tx, "event", e.ID, eventKey(e)); err != nil {
		return fmt.Errorf("update event %d: %w", e.ID, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("update event %d: %w", e.ID, err)
	}
	updated, err := d.Event(ctx, e.ID)
	if err != nil {
		return fmt.Errorf("update event %d: %w", e.ID, err)
	}
	*e = updated
	return nil
}

// DeleteEvent removes the event with id.
func (d *DB) DeleteEvent(ctx context.Context, id int64) error {
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("delete event %d: %w", id, err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `DELETE FROM events WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("delete event %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("delete event %d: %w", id, domain.ErrNotFound)
	}
	if err := unindexDoc(ctx, tx, "event", id); err != nil {
		return fmt.Errorf("delete event %d: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("delete event %d: %w", id, err)
	}
	return nil
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
		// spaces) does not matter; the index range on status and dates
		// comes first, so the key is computed for a month's rows only.
		if key := persian.SearchKey(place.value); key != "" {
			b.WriteString(" AND search_key(" + place.column + ") = ?")
			args = append(args, key)
		} else {
			b.WriteString(" AND " + place.column + " = ?")
			args = append(args, place.value)
		}
	}
	return b.String(), args
}

// EventsBetween returns the events that touch any day from..to (inclusive),
// yearly events included whatever their first year, ordered by start.
//
// An event touches the range when it starts by its last day and ends on or
// after its first; no event is longer than the longest span stored, so it
// also starts no earlier than that span before the first day. That bound
// keeps the index range (events_by_status) about as wide as the range
// asked for. Yearly events recur on Jalali days, which SQL cannot place:
// their dates alone are read first, and only the ones that touch the range
// are read whole (reading a row's 24 columns costs ten times its id).
func (d *DB) EventsBetween(ctx context.Context, from, to jalali.Date, f domain.EventFilter) ([]domain.Event, error) {
	where, args := filterSQL(f)
	var span sql.NullFloat64
	if err := d.db.QueryRowContext(ctx, longestSpan).Scan(&span); err != nil {
		return nil, fmt.Errorf("events between %v and %v: %w", from, to, err)
	}
	yearly, err := d.yearlyTouching(ctx, where, args, from, to)
	if err != nil {
		return nil, fmt.Errorf("events between %v and %v: %w", from, to, err)
	}
	query, qargs := monthQuery(where, args, from.AddDays(-int(span.Float64)), from, to, yearly)
	events, err := d.queryEvents(ctx, query, qargs...)
	if err != nil {
		return nil, fmt.Errorf("events between %v and %v: %w", from, to, err)
	}
	return events, nil
}

// longestSpan is the most days any dated event lasts beyond its first,
// read from one end of events_by_span.
const longestSpan = `SELECT max(julianday(end_date) - julianday(start_date)) FROM events WHERE start_date IS NOT NULL`

// yearlyQuery selects the dates of the yearly events matching where. Without
// statistics the planner would read them through events_by_status (every
// confirmed event), hence INDEXED BY.
func yearlyQuery(where string) string {
	return `SELECT id, start_date, end_date FROM events INDEXED BY events_yearly WHERE ` + where + ` AND yearly = 1 AND start_date IS NOT NULL`
}

// yearlyTouching returns the ids of the yearly events matching where whose
// occurrence in some year touches from..to.
func (d *DB) yearlyTouching(ctx context.Context, where string, args []any, from, to jalali.Date) ([]any, error) {
	rows, err := d.db.QueryContext(ctx, yearlyQuery(where), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []any
	for rows.Next() {
		var id int64
		var start, end string
		if err := rows.Scan(&id, &start, &end); err != nil {
			return nil, err
		}
		e := domain.Event{Yearly: true}
		if e.Start, err = jalali.ParseISO(start); err != nil {
			return nil, err
		}
		if e.End, err = jalali.ParseISO(end); err != nil {
			return nil, err
		}
		if yearlyTouches(e, from, to) {
			ids = append(ids, id)
		}
	}
	return ids, rows.Err()
}

// monthQuery returns the query of EventsBetween: the one-off events
// matching where that start between lo and to and end on or after from, and
// the yearly events with the given ids.
func monthQuery(where string, args []any, lo, from, to jalali.Date, yearly []any) (string, []any) {
	q := `SELECT ` + eventColumns + ` FROM events WHERE ` + where + ` AND yearly = 0 AND start_date BETWEEN ? AND ? AND end_date >= ?`
	all := append(append(make([]any, 0, len(args)+3+len(yearly)), args...), lo.ISO(), to.ISO(), from.ISO())
	if len(yearly) > 0 {
		q += "\nUNION ALL\nSELECT " + eventColumns + " FROM events WHERE id IN (?" + strings.Repeat(", ?", len(yearly)-1) + ")"
		all = append(all, yearly...)
	}
	return q + "\nORDER BY start_date, start_time, id", all
}

// yearlyTouches reports whether any occurrence of yearly event e touches
// from..to. Yearly events recur on Jalali days, which need no Hijri month
// starts: the official calendar places them as any other would.
func yearlyTouches(e domain.Event, from, to jalali.Date) bool {
	return len(calendar.Official().EventSpans(e, from, to)) > 0
}

func (d *DB) queryEvents(ctx context.Context, query string, args ...any) ([]domain.Event, error) {
	return queryEventsTx(ctx, d.db, query, args...)
}

func queryEventsTx(ctx context.Context, q querier, query string, args ...any) ([]domain.Event, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
