package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// briefColumn is a Brief's row as one text: its numbers and short fields
// each followed by a space (none of them holds one: kinds, statuses and
// times are checked), the byte length of its occasion key, then the key
// and the title, whatever they hold. The driver gives every column read a
// string and an interface of its own, and a call into C for each: one
// column instead of nine makes a month of 500 events read in a fifth of
// the time and the allocations (issue 18). Its days are day numbers
// (jalali.Date.Ordinal: days from 1970-01-01), which SQLite computes from
// the stored ISO dates.
const briefColumn = `printf('%d %d %d %s %s %s %s %d ', id, unixepoch(start_date) / 86400,
unixepoch(coalesce(end_date, start_date)) / 86400, kind, status, start_time, end_time,
length(CAST(occasion_key AS BLOB))) || occasion_key || title`

// BriefsBetween returns the events that touch any day from..to (inclusive)
// as a month grid shows them, in the order of EventsBetween: by start, start
// time and number. It reads one index range for the one-off events and the
// repeating ones (their rules, a few) through events_repeating, placed in
// Go, as EventsBetween does.
func (d *DB) BriefsBetween(ctx context.Context, from, to jalali.Date, f domain.EventFilter) ([]domain.Brief, error) {
	out, err := d.briefsBetween(ctx, from, to, f)
	if err != nil {
		return nil, fmt.Errorf("briefs between %v and %v: %w", from, to, err)
	}
	return out, nil
}

func (d *DB) briefsBetween(ctx context.Context, from, to jalali.Date, f domain.EventFilter) ([]domain.Brief, error) {
	where, args := filterSQL(f)
	var span sql.NullFloat64
	if err := d.db.QueryRowContext(ctx, longestSpan).Scan(&span); err != nil {
		return nil, err
	}
	qargs := append(append(make([]any, 0, len(args)+3), args...), from.AddDays(-int(span.Float64)).ISO(), to.ISO(), from.ISO())
	var n int
	var all sql.NullString
	if err := d.db.QueryRowContext(ctx, briefsQuery(where), qargs...).Scan(&n, &all); err != nil {
		return nil, err
	}
	out := make([]domain.Brief, 0, n)
	for rest := all.String; rest != ""; {
		size, row, ok := strings.Cut(rest, " ")
		k, err := strconv.Atoi(size)
		if !ok || err != nil || k > len(row) {
			return nil, fmt.Errorf("briefs: a row of %q bytes in %d", size, len(row))
		}
		b, err := parseBrief(row[:k])
		if err != nil {
			return nil, err
		}
		out, rest = append(out, b), row[k:]
	}
	series, err := d.seriesBriefs(ctx, where, args, from, to, int(span.Float64))
	if err != nil || len(series) == 0 {
		return out, err
	}
	out = append(out, series...)
	slices.SortFunc(out, func(a, b domain.Brief) int {
		return cmp.Or(cmp.Compare(a.From, b.From), strings.Compare(a.StartTime, b.StartTime), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// ruleColumn is a series' rule as one text, as briefColumn is its row:
// kind, interval, weekdays, nth, until (an ISO date or nothing), count,
// then the skipped and the moved days (JSON arrays of ISO dates, which hold
// no space).
const ruleColumn = `printf('%s %d %d %d %s %d ', repeat, repeat_interval, repeat_days, repeat_nth, coalesce(repeat_until, ''),
repeat_count) || repeat_skipped || ' ' || repeat_moved`

// seriesBriefs returns the repeating events matching where some occurrence
// of which touches from..to, with their rules. Those that start after the
// range, or end before it, are left to SQL; the official calendar places
// the others (seriesTouches). span is the longest any event lasts.
func (d *DB) seriesBriefs(ctx context.Context, where string, args []any, from, to jalali.Date, span int) ([]domain.Brief, error) {
	qargs := append(append(make([]any, 0, len(args)+2), args...), to.AddDays(hijriSlack).ISO(), from.AddDays(-span-hijriSlack).ISO())
	rows, err := d.db.QueryContext(ctx, seriesBriefsQuery(where), qargs...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Brief
	var row, rule string
	for rows.Next() {
		if err := rows.Scan(&row, &rule); err != nil {
			return nil, err
		}
		b, err := parseBrief(row)
		if err != nil {
			return nil, err
		}
		r, err := parseRule(rule)
		if err != nil {
			return nil, fmt.Errorf("event %d: %w", b.ID, err)
		}
		b.Repeat = &r
		if seriesTouches(b.Event(), from, to) {
			out = append(out, b)
		}
	}
	return out, rows.Err()
}

// parseRule reads a row of ruleColumn.
func parseRule(row string) (domain.Repeat, error) {
	var r domain.Repeat
	var f [7]string
	rest := row
	for i := range f {
		var ok bool
		if f[i], rest, ok = strings.Cut(rest, " "); !ok {
			return r, fmt.Errorf("rule %q: %d fields, want 8", row, i)
		}
	}
	interval, err1 := strconv.Atoi(f[1])
	days, err2 := strconv.Atoi(f[2])
	nth, err3 := strconv.Atoi(f[3])
	count, err4 := strconv.Atoi(f[5])
	if err := cmp.Or(err1, err2, err3, err4); err != nil {
		return r, fmt.Errorf("rule %q: %w", row, err)
	}
	r = domain.Repeat{Kind: domain.RepeatKind(f[0]), Interval: interval, Days: domain.Weekdays(days), Nth: nth, Count: count}
	if f[4] != "" {
		until, err := jalali.ParseISO(f[4])
		if err != nil {
			return r, fmt.Errorf("rule %q: %w", row, err)
		}
		r.Until = until
	}
	for _, l := range []struct {
		to   *domain.Dates
		json string
	}{{&r.Skipped, f[6]}, {&r.Moved, rest}} {
		if l.json == "[]" { // most series: nothing to decode
			continue
		}
		if err := (*dateList)(l.to).Scan(l.json); err != nil {
			return r, fmt.Errorf("rule %q: %w", row, err)
		}
	}
	return r, nil
}

// briefsQuery selects the one-off events matching where that start between
// its first two arguments and end on or after its third: how many, and
// their rows (briefColumn) in one text, in order, each after its length
// in bytes and a space. Read so, a month of 500 events crosses from C to
// Go once, not 500 times, each a string and an interface.
func briefsQuery(where string) string {
	return `SELECT count(*), group_concat(length(CAST(b AS BLOB)) || ' ' || b, '' ORDER BY start_date, start_time, id)
FROM (SELECT ` + briefColumn + ` AS b, start_date, start_time, id FROM events WHERE ` + where +
		` AND repeat = '' AND start_date BETWEEN ? AND ? AND end_date >= ?)`
}

// seriesBriefsQuery selects the repeating events matching where that start
// by its first argument and end (repeat_until) on or after its second.
// Without statistics the planner would read them through events_by_status
// (every confirmed event), hence INDEXED BY.
func seriesBriefsQuery(where string) string {
	return `SELECT ` + briefColumn + `, ` + ruleColumn + ` FROM events INDEXED BY events_repeating WHERE ` + where +
		` AND repeat <> '' AND repeat > '' AND start_date <= ? AND (repeat_until IS NULL OR repeat_until >= ?)`
}

// parseBrief reads a row of briefColumn. The strings it returns share the
// row's memory.
func parseBrief(row string) (domain.Brief, error) {
	var b domain.Brief
	var fields [8]string
	rest := row
	for i := range fields {
		var ok bool
		fields[i], rest, ok = strings.Cut(rest, " ")
		if !ok {
			return b, fmt.Errorf("brief %q: %d fields, want 8 and the title", row, i)
		}
	}
	id, err1 := strconv.ParseInt(fields[0], 10, 64)
	from, err2 := strconv.Atoi(fields[1])
	to, err3 := strconv.Atoi(fields[2])
	n, err4 := strconv.Atoi(fields[7])
	if err := cmp.Or(err1, err2, err3, err4); err != nil || n > len(rest) {
		return b, fmt.Errorf("brief %q: %v", row, err)
	}
	b.ID, b.From, b.To = id, from, to
	b.Kind, b.Status, b.StartTime, b.EndTime = domain.Kind(fields[3]), domain.Status(fields[4]), fields[5], fields[6]
	b.Occasion, b.Title = rest[:n], rest[n:]
	return b, nil
}
