package sqlite

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
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
	if err := createEvent(ctx, d.db, e, d.stamp()); err != nil {
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
	tx, err := d.db.BeginTx(ctx, nil)
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
	tx, err := d.db.BeginTx(ctx, nil)
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
	e, err := scanEvent(d.db.QueryRowContext(ctx, `SELECT `+eventColumns+` FROM events WHERE id = ?`, id))
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
	if f.Province != "" {
		b.WriteString(" AND province = ?")
		args = append(args, f.Province)
	}
	if f.Organization != "" {
		b.WriteString(" AND organization = ?")
		args = append(args, f.Organization)
	}
	return b.String(), args
}

// EventsBetween returns the events that touch any day from..to (inclusive),
// yearly events included whatever their first year, ordered by start.
func (d *DB) EventsBetween(ctx context.Context, from, to jalali.Date, f domain.EventFilter) ([]domain.Event, error) {
	where, args := filterSQL(f)
	query := `SELECT ` + eventColumns + ` FROM events WHERE ` + where +
		` AND start_date IS NOT NULL AND ((start_date <= ? AND end_date >= ?) OR yearly = 1)
ORDER BY start_date, start_time, id`
	args = append(args, to.ISO(), from.ISO())
	all, err := d.queryEvents(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("events between %v and %v: %w", from, to, err)
	}
	out := all[:0]
	for _, e := range all {
		if !e.Yearly || yearlyTouches(e, from, to) {
			out = append(out, e)
		}
	}
	return out, nil
}

// yearlyTouches reports whether any occurrence of yearly event e touches
// from..to.
func yearlyTouches(e domain.Event, from, to jalali.Date) bool {
	for y := from.Year - 1; y <= to.Year; y++ {
		s, end, ok := e.OccurrenceIn(y)
		if ok && !s.After(to) && !end.Before(from) {
			return true
		}
	}
	return false
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
