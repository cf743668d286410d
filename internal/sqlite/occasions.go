package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

const occasionColumns = `id, key, name, calendar, rule, month, day, weekday, nth, offset_days, length, year, from_year,
    to_year, holiday, province, grp, hidden, edited, aliases, description, sequence, updated_at`

// occasionArgs returns the stored values of o's defining columns, in the
// order of insertOccasionSQL's and updateOccasionSQL's placeholders (after
// key for an insert).
func occasionArgs(o *domain.Occasion) ([]any, error) {
	aliases, err := json.Marshal(nonNil(o.Aliases))
	if err != nil {
		return nil, err
	}
	return []any{o.Name, string(o.Calendar), string(o.Rule), o.Month, o.Day, int(o.Weekday), o.Nth, o.Offset, o.Length,
		o.Year, o.FromYear, o.ToYear, o.Holiday, o.Province, o.Group, o.Hidden, string(aliases), o.Description}, nil
}

const insertOccasionSQL = `INSERT INTO occasions (key, name, calendar, rule, month, day, weekday, nth, offset_days, length,
    year, from_year, to_year, holiday, province, grp, hidden, aliases, description, edited, sequence, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

const updateOccasionSQL = `UPDATE occasions SET name = ?, calendar = ?, rule = ?, month = ?, day = ?, weekday = ?, nth = ?,
    offset_days = ?, length = ?, year = ?, from_year = ?, to_year = ?, holiday = ?, province = ?, grp = ?, hidden = ?,
    aliases = ?, description = ?, edited = ?, sequence = sequence + 1, updated_at = ? WHERE id = ?`

func insertOccasion(ctx context.Context, q querier, o *domain.Occasion, now string) error {
	args, err := occasionArgs(o)
	if err != nil {
		return err
	}
	args = append(append([]any{o.Key}, args...), o.Edited, o.Sequence, now)
	res, err := q.ExecContext(ctx, insertOccasionSQL, args...)
	if err != nil {
		if isUnique(err) {
			return fmt.Errorf("occasion key %q: %w", o.Key, domain.ErrConflict)
		}
		return err
	}
	o.ID, _ = res.LastInsertId()
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// CreateOccasion stores a new occasion as given.
func (d *DB) CreateOccasion(ctx context.Context, o *domain.Occasion) error {
	if err := insertOccasion(ctx, d.w, o, d.stamp()); err != nil {
		return fmt.Errorf("create occasion: %w", err)
	}
	return nil
}

// UpdateOccasion stores an occasion's editable fields as given, moving
// its sequence on.
func (d *DB) UpdateOccasion(ctx context.Context, o domain.Occasion) error {
	if err := updateOccasion(ctx, d.w, &o, d.stamp()); err != nil {
		return fmt.Errorf("update occasion %d: %w", o.ID, err)
	}
	return nil
}

func updateOccasion(ctx context.Context, q querier, o *domain.Occasion, now string) error {
	args, err := occasionArgs(o)
	if err != nil {
		return err
	}
	res, err := q.ExecContext(ctx, updateOccasionSQL, append(args, o.Edited, now, o.ID)...)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return domain.ErrNotFound
	}
	return nil
}

// SetOccasionsHidden shows (hidden false) or hides the occasions with ids;
// an office choosing what its calendar shows is not an edit of them.
func (d *DB) SetOccasionsHidden(ctx context.Context, ids []int64, hidden bool) error {
	if len(ids) == 0 {
		return nil
	}
	err := d.inTx(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, `UPDATE occasions SET hidden = ?, sequence = sequence + 1, updated_at = ?
WHERE id = ? AND hidden <> ?`, hidden, d.stamp(), id, hidden); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("set occasions hidden: %w", err)
	}
	return nil
}

// DeleteOccasion removes an occasion.
func (d *DB) DeleteOccasion(ctx context.Context, id int64) error {
	return d.inTx(ctx, func(tx *sql.Tx) error {
		return execOne(ctx, tx, fmt.Sprintf("delete occasion %d", id), `DELETE FROM occasions WHERE id = ?`, id)
	})
}

// Occasion returns the occasion with id.
func (d *DB) Occasion(ctx context.Context, id int64) (domain.Occasion, error) {
	o, err := scanOccasion(d.db.QueryRowContext(ctx, `SELECT `+occasionColumns+` FROM occasions WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return o, fmt.Errorf("occasion %d: %w", id, domain.ErrNotFound)
	}
	if err != nil {
		return o, fmt.Errorf("occasion %d: %w", id, err)
	}
	return o, nil
}

// Occasions returns every occasion, hidden ones included, in the order they
// were stored (the catalogue's).
func (d *DB) Occasions(ctx context.Context) ([]domain.Occasion, error) {
	out, err := queryOccasions(ctx, d.db)
	if err != nil {
		return nil, fmt.Errorf("occasions: %w", err)
	}
	return out, nil
}

func queryOccasions(ctx context.Context, q querier) ([]domain.Occasion, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+occasionColumns+` FROM occasions ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Occasion
	for rows.Next() {
		o, err := scanOccasion(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

func scanOccasion(r rowScanner) (domain.Occasion, error) {
	var o domain.Occasion
	var calendar, rule, aliases, updated string
	var weekday int
	if err := r.Scan(&o.ID, &o.Key, &o.Name, &calendar, &rule, &o.Month, &o.Day, &weekday, &o.Nth, &o.Offset,
		&o.Length, &o.Year, &o.FromYear, &o.ToYear, &o.Holiday, &o.Province, &o.Group, &o.Hidden, &o.Edited,
		&aliases, &o.Description, &o.Sequence, &updated); err != nil {
		return o, err
	}
	o.Calendar, o.Rule, o.Weekday = domain.CalendarSystem(calendar), domain.RuleKind(rule), jalali.Weekday(weekday)
	o.UpdatedAt = parseStamp(updated)
	if err := json.Unmarshal([]byte(aliases), &o.Aliases); err != nil {
		return o, err
	}
	return o, nil
}
