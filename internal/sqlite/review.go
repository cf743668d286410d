package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/ruydad/ruydad/internal/domain"
)

// queueKey is the review queue's order as a row value: the newest article
// first, its dated events before its undated ones, each in text order.
const queueKey = `(-coalesce(article_id, 0), start_date IS NULL, coalesce(evidence_start, -1), id)`

// queueOrder sorts by queueKey.
const queueOrder = `coalesce(article_id, 0) DESC, start_date IS NULL, coalesce(evidence_start, -1), id`

// reviewWhere is the condition of the queue narrowed by f, and its
// arguments.
func reviewWhere(f domain.ReviewFilter) (string, []any) {
	where, args := `status = 'proposed'`, []any{}
	if f.ArticleID != 0 {
		where, args = where+` AND article_id = ?`, append(args, f.ArticleID)
	}
	if f.Kind != "" {
		where, args = where+` AND kind = ?`, append(args, string(f.Kind))
	}
	if f.Below > 0 {
		where, args = where+` AND confidence < ?`, append(args, f.Below)
	}
	if f.Undated {
		where += ` AND start_date IS NULL`
	}
	return where, args
}

// ProposedEvents returns a page of the review queue narrowed by f (limit
// events from offset), grouped by article, the newest article first, its
// dated events before its undated ones; and how many the whole queue so
// narrowed holds.
func (d *DB) ProposedEvents(ctx context.Context, f domain.ReviewFilter, limit, offset int) ([]domain.Event, int, error) {
	where, args := reviewWhere(f)
	var total int
	if err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM events WHERE `+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("proposed events: %w", err)
	}
	out, err := d.queryEvents(ctx, `SELECT `+eventColumns+` FROM events WHERE `+where+` ORDER BY `+queueOrder+` LIMIT ? OFFSET ?`,
		append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("proposed events: %w", err)
	}
	return out, total, nil
}

// NextProposed returns the proposed event that follows after in the queue
// narrowed by f, where after stood as given (it may have been confirmed or
// changed since): the next one in the queue's order, else the first one
// (the queue has events before it), never after itself. It returns
// domain.ErrNotFound when no other event is left.
func (d *DB) NextProposed(ctx context.Context, f domain.ReviewFilter, after domain.Event) (domain.Event, error) {
	where, args := reviewWhere(f)
	undated, evidence := 0, -1
	if !after.Dated() {
		undated = 1
	}
	if after.ArticleID != 0 {
		evidence = after.EvidenceStart
	}
	args = append(args, after.ID, -after.ArticleID, undated, evidence, after.ID)
	e, err := scanEvent(d.db.QueryRowContext(ctx, `SELECT `+eventColumns+` FROM events WHERE `+where+` AND id <> ?
ORDER BY `+queueKey+` > (?, ?, ?, ?) DESC, `+queueOrder+` LIMIT 1`, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("next proposed event after %d: %w", after.ID, domain.ErrNotFound)
	}
	if err != nil {
		return e, fmt.Errorf("next proposed event after %d: %w", after.ID, err)
	}
	return e, nil
}

// ProposedArticles returns the articles that have events awaiting review,
// newest first, with how many each has (Proposed).
func (d *DB) ProposedArticles(ctx context.Context) ([]domain.ArticleSummary, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT a.id, a.title, count(*) FROM events e JOIN articles a ON a.id = e.article_id
WHERE e.status = 'proposed' GROUP BY a.id ORDER BY a.id DESC`)
	if err != nil {
		return nil, fmt.Errorf("articles awaiting review: %w", err)
	}
	defer rows.Close()
	var out []domain.ArticleSummary
	for rows.Next() {
		var s domain.ArticleSummary
		if err := rows.Scan(&s.ID, &s.Title, &s.Proposed); err != nil {
			return nil, fmt.Errorf("articles awaiting review: %w", err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("articles awaiting review: %w", err)
	}
	return out, nil
}

// ReviewEvents moves each of the events ids to status, in one transaction,
// and says what became of each: an undated event is not confirmed (it
// needs a date first) and stays as it was, and an id no longer stored is
// passed over; the others move (an event already in status stays).
func (d *DB) ReviewEvents(ctx context.Context, ids []int64, status domain.Status) (domain.ReviewOutcome, error) {
	var out domain.ReviewOutcome
	if !status.Valid() {
		return out, fmt.Errorf("review: %w", domain.ValidationError{{Field: domain.FieldStatus, Code: domain.CodeStatusUnknown}})
	}
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		now := d.stamp()
		for _, id := range ids {
			var dated bool
			err := tx.QueryRowContext(ctx, `SELECT start_date IS NOT NULL FROM events WHERE id = ?`, id).Scan(&dated)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				out.Missing = append(out.Missing, id)
				continue
			case err != nil:
				return fmt.Errorf("event %d: %w", id, err)
			case status == domain.StatusConfirmed && !dated:
				out.Undated = append(out.Undated, id)
				continue
			}
			if _, err := tx.ExecContext(ctx, `UPDATE events SET status = ?, sequence = sequence + 1, updated_at = ?
WHERE id = ? AND status <> ?`, string(status), now, id, string(status)); err != nil {
				return fmt.Errorf("event %d: %w", id, err)
			}
			out.Done = append(out.Done, id)
		}
		return nil
	})
	if err != nil {
		return domain.ReviewOutcome{}, fmt.Errorf("review: %w", err)
	}
	return out, nil
}
