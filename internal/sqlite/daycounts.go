package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// oneDay and spanning split the one-off events as the partial indexes
// events_one_day and events_spans (migration 0020) do; a query names the
// condition in these very words for SQLite to use the index.
const (
	oneDay   = `repeat = '' AND occasion_key = '' AND end_date = start_date`
	spanning = `repeat = '' AND (end_date <> start_date OR occasion_key <> '')`
)

// oneDayCountsQuery counts the one-day events matching where on each day
// between its two arguments, by status (the order of the index, whatever
// the statuses asked for) and day.
func oneDayCountsQuery(where string, indexed bool) string {
	from := `events`
	if indexed {
		from = `events INDEXED BY events_one_day`
	}
	return `SELECT start_date, count(*) FROM ` + from + ` WHERE ` + where + ` AND ` + oneDay +
		` AND start_date BETWEEN ? AND ? GROUP BY status, start_date`
}

// spanningBriefsQuery is briefsQuery over the other one-off events, with k
// the lookback's classes: those that start in the range from events_spans
// (when indexed), and those that start before it and reach into it by
// span class (lookbackFrom).
func spanningBriefsQuery(where string, indexed bool, k int) string {
	from := `events`
	if indexed {
		from = `events INDEXED BY events_spans`
	}
	return lookbackWith(k) + `SELECT count(*), group_concat(b, '') FROM (
SELECT ` + briefColumn + ` AS b FROM ` + from + ` WHERE ` + where + ` AND ` + spanning + ` AND start_date BETWEEN ? AND ?
UNION ALL
SELECT ` + briefColumn + ` AS b FROM ` + lookbackFrom(where) + `)`
}

// DayCounts returns what a year page shows of the events from..to matching
// f (those of BriefsBetween): how many one-day one-off events without an
// occasion key are on each day, counted by SQL in the index events_one_day
// (counts[0] is from's), and the other events (of several days, naming an
// occasion, the series) as briefs, in no order. A national year is 100,000
// events; read as rows, they cost its page seconds (issue 18).
//
// A filter by place or kind reads that place's or kind's index, as the
// month does; without one, INDEXED BY names the partial indexes, which the
// planner, without statistics, would pass over for events_by_status.
func (d *DB) DayCounts(ctx context.Context, from, to jalali.Date, f domain.EventFilter) ([]int, []domain.Brief, error) {
	counts, briefs, err := d.dayCounts(ctx, from, to, f)
	if err != nil {
		return nil, nil, fmt.Errorf("day counts between %v and %v: %w", from, to, err)
	}
	return counts, briefs, nil
}

func (d *DB) dayCounts(ctx context.Context, from, to jalali.Date, f domain.EventFilter) ([]int, []domain.Brief, error) {
	where, args := filterSQL(f)
	indexed := f.Kind == "" && f.Province == "" && f.Organization == ""
	lo := from.Ordinal()
	counts := make([]int, to.Ordinal()-lo+1)
	st, err := d.stmt(ctx, oneDayCountsQuery(where, indexed))
	if err != nil {
		return nil, nil, err
	}
	rows, err := st.QueryContext(ctx, append(append(make([]any, 0, len(args)+2), args...), from.ISO(), to.ISO())...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var day string
	var n int
	for rows.Next() {
		if err := rows.Scan(&day, &n); err != nil {
			return nil, nil, err
		}
		o, err := isoDay(day)
		if err != nil {
			return nil, nil, err
		}
		if i := o - lo; i >= 0 && i < len(counts) {
			counts[i] += n
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}

	var span sql.NullFloat64
	spanStmt, err := d.stmt(ctx, longestSpan)
	if err != nil {
		return nil, nil, err
	}
	if err := spanStmt.QueryRowContext(ctx).Scan(&span); err != nil {
		return nil, nil, err
	}
	longest := int(span.Float64)
	st, err = d.stmt(ctx, spanningBriefsQuery(where, indexed, lookbackClasses(longest)))
	if err != nil {
		return nil, nil, err
	}
	var all sql.NullString
	if err := st.QueryRowContext(ctx, rangeArgs(args, from, to, longest)...).Scan(&n, &all); err != nil {
		return nil, nil, err
	}
	briefs := make([]domain.Brief, 0, n)
	for rest := all.String; rest != ""; {
		var b domain.Brief
		if b, rest, err = parseBrief(rest); err != nil {
			return nil, nil, err
		}
		briefs = append(briefs, b)
	}
	series, err := d.seriesBriefs(ctx, where, args, from, to, longest)
	if err != nil {
		return nil, nil, err
	}
	return counts, append(briefs, series...), nil
}
