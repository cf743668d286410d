package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// outlineColumn is briefColumn without the end time and the title: what a
// month's layout needs of every event, all of it in the index events_month
// (migration 0022) but for the lookback's few rows, and written there
// (migration 0024, whose text must stay this one's: TestPackedIndexes).
const outlineColumn = `printf('%010d %s %s %s %s %s  %d 0 %s', id, start_date, coalesce(end_date, start_date), kind, status,
start_time, length(CAST(occasion_key AS BLOB)), occasion_key)`

// BriefsShown returns the events BriefsBetween returns, in its order, for a
// page that shows some of them whole and only counts the others (a month
// grid's cells show a few events and «+N»). shown is given every event
// without its title and end time (its days, start time, kind, status,
// occasion and rule), and returns the numbers of those the page shows,
// whose titles and end times are then read; the others keep none.
//
// Narrowed to a province or an organization, a month is a few hundred
// events, nearly all shown: it is read whole (BriefsBetween) and shown is
// not called. A national month without that filter is 8,300 events, of
// which its grid shows 200 or so: their outlines come from the index
// events_month alone, instead of 8,300 rows of the table (issue 18).
func (d *DB) BriefsShown(ctx context.Context, from, to jalali.Date, f domain.EventFilter, shown func([]domain.Brief) []int64) ([]domain.Brief, error) {
	return d.BriefsShownInto(ctx, nil, from, to, f, shown)
}

// BriefsShownInto is BriefsShown, the briefs written into dst's room
// (whatever dst holds is written over): pages built one after the other
// read each month into the last one's slice, instead of a new one each (a
// province's month is a few hundred briefs of 128 bytes, a national month
// 9,000).
func (d *DB) BriefsShownInto(ctx context.Context, dst []domain.Brief, from, to jalali.Date, f domain.EventFilter, shown func([]domain.Brief) []int64) ([]domain.Brief, error) {
	var out []domain.Brief
	var err error
	if f.Province != "" || f.Organization != "" {
		out, err = d.briefsBetween(ctx, dst[:0], from, to, f)
	} else {
		out, err = d.briefsShown(ctx, dst[:0], from, to, f, shown)
	}
	if err != nil {
		return nil, fmt.Errorf("briefs between %v and %v: %w", from, to, err)
	}
	return out, nil
}

func (d *DB) briefsShown(ctx context.Context, dst []domain.Brief, from, to jalali.Date, f domain.EventFilter, shown func([]domain.Brief) []int64) ([]domain.Brief, error) {
	where, args := filterSQL(f)
	longest, err := d.longest(ctx)
	if err != nil {
		return nil, err
	}
	series, err := d.seriesBriefs(ctx, where, args, from, to, longest)
	if err != nil {
		return nil, err
	}
	briefs, err := d.readBriefsInto(ctx, dst, outlinesQuery(where, lookbackClasses(longest)), rangeArgs(args, from, to, longest), len(series))
	if err != nil {
		return nil, err
	}
	// A series' brief is read whole (there are a few): its title and end
	// time are set aside, to be read again with the others, so that what
	// shown is given and what the page gets do not depend on whether an
	// event repeats.
	briefs = sortBriefs(append(briefs, series...))
	for i := range briefs {
		briefs[i].Title, briefs[i].EndTime = "", ""
	}
	if err := d.withTitles(ctx, briefs, shown(briefs)); err != nil {
		return nil, err
	}
	return briefs, nil
}

// readBriefs runs query, which selects a count and rows of briefColumn's
// form in one text, and returns the briefs, in no order, with room for
// spare more.
func (d *DB) readBriefs(ctx context.Context, query string, args []any, spare int) ([]domain.Brief, error) {
	return d.readBriefsInto(ctx, nil, query, args, spare)
}

// readBriefsInto is readBriefs, the briefs written into dst's room.
func (d *DB) readBriefsInto(ctx context.Context, dst []domain.Brief, query string, args []any, spare int) ([]domain.Brief, error) {
	st, err := d.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	var n int
	var all sql.NullString
	if err := st.QueryRowContext(ctx, args...).Scan(&n, &all); err != nil {
		return nil, err
	}
	out := slices.Grow(dst[:0], n+spare)
	for rest := all.String; rest != ""; {
		var b domain.Brief
		if b, rest, err = parseBrief(rest); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

// outlinesQuery is briefsQuery with outlineColumn: the events that start
// in the range from events_month alone, the lookback's by span class.
func outlinesQuery(where string, k int) string {
	return lookbackWith(k) + `SELECT count(*), group_concat(b, '') FROM (
` + startingIn(outlineColumn, "events INDEXED BY events_month", where) + `
UNION ALL
SELECT ` + outlineColumn + ` AS b FROM ` + lookbackFrom(where) + `)`
}

// titlesQuery reads the end times and titles of the events whose numbers
// its argument lists (a JSON array), each as its number, end time and the
// title's byte length, each followed by a space, then the title.
const titlesQuery = `SELECT group_concat(printf('%d %s %d ', id, end_time, length(CAST(title AS BLOB))) || title, '')
FROM events WHERE id IN (SELECT value FROM json_each(?))`

// parseTitle reads the first row of titlesQuery's text, and returns the
// rows after it.
func parseTitle(rows string) (id int64, end, title, rest string, err error) {
	var f [3]string
	rest = rows
	for i := range f {
		var ok bool
		if f[i], rest, ok = strings.Cut(rest, " "); !ok {
			return 0, "", "", "", fmt.Errorf("title %.80q: %d fields, want 3 and the title", rows, i)
		}
	}
	id, err1 := strconv.ParseInt(f[0], 10, 64)
	n, err2 := strconv.Atoi(f[2])
	if err1 != nil || err2 != nil || n < 0 || n > len(rest) {
		return 0, "", "", "", fmt.Errorf("title %.80q: bad fields", rows)
	}
	return id, f[1], rest[:n], rest[n:], nil
}
