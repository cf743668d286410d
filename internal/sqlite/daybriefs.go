package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// DayBriefs returns what BriefsBetween returns, for a range of a few days
// (a day, a week, the agenda's weeks): the one-off events read as
// BriefsBetween reads them, the series from the blocks of days kept for
// the data version (seriesOn) instead of all the filter's series placed
// on each page.
func (d *DB) DayBriefs(ctx context.Context, from, to jalali.Date, f domain.EventFilter) ([]domain.Brief, error) {
	return d.DayBriefsShown(ctx, from, to, f, nil)
}

// DayBriefsShown is BriefsShown for a few days (a day, a week, the
// agenda's weeks): shown is given every event without its title, and
// without its end time unless it is timed (one day, with a start time,
// which the hours place by both: events_timed, migration 0025), and
// returns the numbers of those the page shows, whose titles and end times
// are then read. A national day is 300 events, of which its page shows 75
// at most; a week 2,000, of which its hours show 170 at most (issue 18).
// The series come from the blocks of days (seriesOn). Narrowed to a
// province or an organization, a few days are a few events, read whole,
// as they are with shown nil (DayBriefs).
func (d *DB) DayBriefsShown(ctx context.Context, from, to jalali.Date, f domain.EventFilter, shown func([]domain.Brief) []int64) ([]domain.Brief, error) {
	out, err := d.dayBriefs(ctx, from, to, f, shown)
	if err != nil {
		return nil, fmt.Errorf("briefs between %v and %v: %w", from, to, err)
	}
	return out, nil
}

func (d *DB) dayBriefs(ctx context.Context, from, to jalali.Date, f domain.EventFilter, shown func([]domain.Brief) []int64) ([]domain.Brief, error) {
	whole := shown == nil || f.Province != "" || f.Organization != ""
	query := outlinesQuery
	if whole {
		query = briefsQuery
	}
	where, args := filterSQL(f)
	longest, err := d.longest(ctx)
	if err != nil {
		return nil, err
	}
	briefs, err := d.readBriefs(ctx, query(where, lookbackClasses(longest)), rangeArgs(args, from, to, longest), 0)
	if err != nil {
		return nil, err
	}
	series, err := d.seriesOn(ctx, where, args, from, to, longest)
	if err != nil || whole {
		return sortBriefs(append(briefs, series...)), err
	}
	if err := d.withTimedEnds(ctx, briefs, where, args, from, to); err != nil {
		return nil, err
	}
	// A series' title is set aside, as a one-off event's is not read, so
	// that what shown is given does not depend on whether an event
	// repeats; its end time is the one-off's (timed or not).
	for i := range series {
		series[i].Title = ""
		if series[i].StartTime == "" || series[i].From != series[i].To {
			series[i].EndTime = ""
		}
	}
	briefs = sortBriefs(append(briefs, series...))
	return briefs, d.withTitles(ctx, briefs, shown(briefs))
}

// timedEndsQuery reads the end times of the timed one-off events of one
// day matching where that start in a range (its two arguments after
// where's), from the index that holds them alone (events_timed, migration
// 0025), as their numbers and end times, each followed by a space.
func timedEndsQuery(where string) string {
	return `SELECT group_concat(id || ' ' || end_time || ' ', '') FROM events INDEXED BY events_timed WHERE ` + where +
		` AND repeat = '' AND start_time <> '' AND end_date = start_date AND start_date BETWEEN ? AND ?`
}

// withTitles sets the titles and end times of the briefs whose numbers
// ids lists, read in one query (titlesQuery).
func (d *DB) withTitles(ctx context.Context, briefs []domain.Brief, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	st, err := d.stmt(ctx, titlesQuery)
	if err != nil {
		return err
	}
	var all sql.NullString
	if err := st.QueryRowContext(ctx, string(list)).Scan(&all); err != nil {
		return err
	}
	type named struct{ end, title string }
	titles := make(map[int64]named, len(ids))
	for rest := all.String; rest != ""; {
		var id int64
		var n named
		if id, n.end, n.title, rest, err = parseTitle(rest); err != nil {
			return err
		}
		titles[id] = n
	}
	for i := range briefs {
		if n, ok := titles[briefs[i].ID]; ok {
			briefs[i].EndTime, briefs[i].Title = n.end, n.title
		}
	}
	return nil
}

// withTimedEnds sets the end times of the timed one-off events of one day
// among briefs, those matching where that start from..to
// (timedEndsQuery).
func (d *DB) withTimedEnds(ctx context.Context, briefs []domain.Brief, where string, args []any, from, to jalali.Date) error {
	st, err := d.stmt(ctx, timedEndsQuery(where))
	if err != nil {
		return err
	}
	var all sql.NullString
	if err := st.QueryRowContext(ctx, append(slices.Clip(args), from.ISO(), to.ISO())...).Scan(&all); err != nil {
		return err
	}
	ends := make(map[int64]string)
	for rest := all.String; rest != ""; {
		var id, end string
		var ok bool
		if id, rest, ok = strings.Cut(rest, " "); ok {
			end, rest, ok = strings.Cut(rest, " ")
		}
		n, err := strconv.ParseInt(id, 10, 64)
		if !ok || err != nil {
			return fmt.Errorf("end time %.40q: not a number and a time", rest)
		}
		ends[n] = end
	}
	for i := range briefs {
		if b := &briefs[i]; b.StartTime != "" && b.From == b.To {
			b.EndTime = ends[b.ID]
		}
	}
	return nil
}
