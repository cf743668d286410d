package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// briefColumn is a Brief's row as one text: its number, its first and last
// days (ISO dates), kind, status and times, each followed by a space (none
// of them holds one: kinds, statuses and times are checked), the byte
// lengths of its occasion key and its title, then the key and the title,
// whatever they hold. The driver gives every column read a string and an
// interface of its own, and a call into C for each: one column instead of
// nine, and a month's rows in one text (briefsQuery), make a month of 500
// events cost a few allocations instead of 19,000 (issue 18). One printf
// costs SQLite half what as many || do, and a province's month takes it
// written from events_province_month (migration 0024, whose text must stay
// this one's: TestPackedIndexes). The number is written in ten digits, so
// that rows of one day and start time order as texts as by number.
const briefColumn = `printf('%010d %s %s %s %s %s %s %d %d %s%s', id, start_date, coalesce(end_date, start_date), kind, status,
start_time, end_time, length(CAST(occasion_key AS BLOB)), length(CAST(title AS BLOB)), occasion_key, title)`

// BriefsBetween returns the events that touch any day from..to (inclusive)
// as a month grid shows them, in the order of EventsBetween: by start, start
// time and number. It reads one index range for the one-off events and the
// repeating ones (their rules, a few) through events_repeating, placed in
// Go, as EventsBetween does.
func (d *DB) BriefsBetween(ctx context.Context, from, to jalali.Date, f domain.EventFilter) ([]domain.Brief, error) {
	out, err := d.briefsBetween(ctx, nil, from, to, f)
	if err != nil {
		return nil, fmt.Errorf("briefs between %v and %v: %w", from, to, err)
	}
	return out, nil
}

// briefsBetween is BriefsBetween, the briefs written over dst's room.
func (d *DB) briefsBetween(ctx context.Context, dst []domain.Brief, from, to jalali.Date, f domain.EventFilter) ([]domain.Brief, error) {
	where, args := filterSQL(f)
	longest, err := d.longest(ctx)
	if err != nil {
		return nil, err
	}
	series, err := d.seriesBriefs(ctx, where, args, from, to, longest)
	if err != nil {
		return nil, err
	}
	out, err := d.readBriefsInto(ctx, dst, briefsQuery(where, lookbackClasses(longest)), rangeArgs(args, from, to, longest), len(series))
	if err != nil {
		return nil, err
	}
	return sortBriefs(append(out, series...)), nil
}

// sortBriefs sorts briefs in the order of EventsBetween, by start, start
// time and number, and returns them. It sorts their places, then moves
// each brief once: a brief is 128 bytes holding pointers, and moving 500
// of them about in a sort cost a cold month page a tenth of its time. The
// places are compared by a number each (briefKey) where all have one. The
// month's indexes give a range's rows in this order (migration 0024): the
// places of the first run are kept, the others (of several days begun
// before the range, the series, another status's) sorted and merged in.
func sortBriefs(briefs []domain.Brief) []domain.Brief {
	kept := places.Get().(*[]place)
	defer places.Put(kept)
	order := slices.Grow((*kept)[:0], 2*len(briefs))[:len(briefs)]
	*kept = order
	keyed := true
	for i := range order {
		k, ok := briefKey(&briefs[i])
		order[i] = place{k, int32(i)}
		keyed = keyed && ok
	}
	compare := func(a, b place) int { return cmp.Compare(a.key, b.key) }
	if !keyed {
		compare = func(a, b place) int { return compareBriefs(&briefs[a.i], &briefs[b.i]) }
	}
	run := 1
	for run < len(order) && compare(order[run-1], order[run]) <= 0 {
		run++
	}
	if run >= len(order) {
		return briefs
	}
	rest := order[run:]
	slices.SortFunc(rest, compare)
	merged := order[len(order) : len(order) : 2*len(order)]
	first := order[:run]
	for len(first) > 0 && len(rest) > 0 {
		if compare(rest[0], first[0]) < 0 {
			merged, rest = append(merged, rest[0]), rest[1:]
		} else {
			merged, first = append(merged, first[0]), first[1:]
		}
	}
	order = append(append(merged, first...), rest...)
	// Place i takes brief order[i]: each cycle of the permutation is
	// followed once, each brief moved once.
	for i := range order {
		if order[i].i < 0 {
			continue
		}
		held := briefs[i]
		j := i
		for {
			k := int(order[j].i)
			order[j].i = -1
			if k == i {
				briefs[j] = held
				break
			}
			briefs[j] = briefs[k]
			j = k
		}
	}
	return briefs
}

// places are the slices sortBriefs orders in, kept from one sort to the
// next: a national month sorts 9,000 briefs.
var places = sync.Pool{New: func() any { return new([]place) }}

// place is a brief's place in a slice, and its key (briefKey).
type place struct {
	key uint64
	i   int32
}

// briefKey is b's place in compareBriefs' order as one number: its first
// day (21 bits, the day numbers of the years the calendar knows being
// within ±2^20), its start time in minutes plus one (11 bits, 0 for none)
// and its number (32 bits). False when b's start time is not HH:MM or its
// number needs more bits.
func briefKey(b *domain.Brief) (uint64, bool) {
	minutes := 0
	if t := b.StartTime; t != "" {
		h, ok1 := digits(t[:min(2, len(t))])
		m, ok2 := digits(t[min(3, len(t)):])
		if len(t) != len("10:30") || t[2] != ':' || !ok1 || !ok2 || h > 23 || m > 59 {
			return 0, false
		}
		minutes = h*60 + m + 1
	}
	day := b.From + 1<<20
	if day < 0 || day >= 1<<21 || b.ID < 0 || b.ID >= 1<<32 {
		return 0, false
	}
	return uint64(day)<<43 | uint64(minutes)<<32 | uint64(b.ID), true
}

func compareBriefs(a, b *domain.Brief) int {
	if a.From != b.From {
		return cmp.Compare(a.From, b.From)
	}
	if a.StartTime != b.StartTime {
		return strings.Compare(a.StartTime, b.StartTime)
	}
	return cmp.Compare(a.ID, b.ID)
}

// stmt returns the statement of query, prepared on its first use and kept
// until Close. The month queries are a few texts (one for each shape of
// filter), and preparing them on each request cost a cold month page a
// tenth of its time; a search's are a few more (see queryKept). Only
// texts of a bounded number come here: each is kept on every reader
// connection that runs it.
func (d *DB) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := d.keptStmts.Load(query); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := d.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if kept, loaded := d.keptStmts.LoadOrStore(query, st); loaded {
		return kept.(*sql.Stmt), st.Close()
	}
	return st, nil
}

// queryKept runs query with args through its kept statement (stmt) when
// keep, else prepared for this run alone. A search's statements of the
// events' columns took 85 µs each to prepare against 14 µs to run, and its
// sets' queries 40 µs; the caller keeps those whose texts are of a bounded
// number (keptTerms, keptQuads), so that a query of many words, whose
// text is one of many, is not kept.
func (d *DB) queryKept(ctx context.Context, keep bool, query string, args ...any) (*sql.Rows, error) {
	if !keep {
		return d.db.QueryContext(ctx, query, args...)
	}
	st, err := d.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// The most terms checked in SQL, and quads whose sets are read, of a
// search whose statements are kept (queryKept): a few texts each.
const (
	keptTerms = 4
	keptQuads = 12
)

// ruleColumn is a series' rule as one text, as briefColumn is its row:
// kind, interval, weekdays, nth, until (an ISO date or nothing), count,
// then the skipped and the moved days (JSON arrays of ISO dates, which hold
// no space).
const ruleColumn = `printf('%s %d %d %d %s %d ', repeat, repeat_interval, repeat_days, repeat_nth, coalesce(repeat_until, ''),
repeat_count) || repeat_skipped || ' ' || repeat_moved`

// seriesBriefs returns the repeating events matching where some occurrence
// of which touches from..to, with their rules: of the filter's series, read
// once per data version (allSeries), those that start after the range or
// end before it are left out by their numbers, and the official calendar
// places the others (seriesTouches). span is the longest any event lasts.
func (d *DB) seriesBriefs(ctx context.Context, where string, args []any, from, to jalali.Date, span int) ([]domain.Brief, error) {
	all, last, err := d.allSeries(ctx, where, args)
	if err != nil {
		return nil, err
	}
	// Those that start after the range, or end before it, as the query
	// would leave them out; the official calendar places the others.
	hi, lo := to.AddDays(hijriSlack).Ordinal(), from.AddDays(-span-hijriSlack).Ordinal()
	var touching []int
	for i := range all {
		b := &all[i]
		if b.From > hi || !b.Repeat.Until.IsZero() && b.Repeat.Until.Ordinal() < lo {
			continue
		}
		if yes, known := touchesQuickly(b, from.Ordinal(), to.Ordinal(), last[i]); yes || !known && seriesTouches(b.Event(), from, to) {
			touching = append(touching, i)
		}
	}
	out := make([]domain.Brief, len(touching))
	rules := make([]domain.Repeat, len(touching)) // the memo's own stay unshared
	for j, i := range touching {
		out[j], rules[j] = all[i], *all[i].Repeat
		out[j].Repeat = &rules[j]
	}
	return out, nil
}

// touchesQuickly tells, when it can without placing any of its
// occurrences (seriesTouches, a microsecond a series, on every month page
// for each of a province's hundreds), whether series b has one that
// touches the days from..to (day numbers): known is false when it cannot.
// last is the start of a counted series' last occurrence (lastStart), 0
// when not known. It knows the series with no occurrence left out and not
// on the Hijri calendar (most of them): a weekly, monthly or monthly-by-
// weekday one of every k weeks or months has an occurrence starting in any
// 7k, 31k or 31k+6 days (35 for k = 1: a month's nth weekday and the
// next's are four or five weeks apart; a monthly one's day is its month's
// last when the month is shorter) between its first day and its end; a
// yearly one's are its day of each k-th year that has it.
func touchesQuickly(b *domain.Brief, from, to, last int) (yes, known bool) {
	r := b.Repeat
	if len(r.Skipped) > 0 || len(r.Moved) > 0 || r.Count > 0 && last == 0 || to >= lastSureDay || from-(b.To-b.From) < firstSureDay {
		return false, false
	}
	until := to
	if !r.Until.IsZero() {
		until = min(to, r.Until.Ordinal())
	}
	if r.Count > 0 {
		until = min(until, last)
	}
	k := r.Every()
	var gap int // the most days from an occurrence's first day to the next's
	switch {
	case r.Kind == domain.RepeatWeekly && r.Days != 0:
		gap = 7 * k
	case r.Kind == domain.RepeatMonthly:
		gap = 31 * k
	case r.Kind == domain.RepeatMonthlyWeekday && k == 1:
		gap = 35
	case r.Kind == domain.RepeatMonthlyWeekday:
		gap = 31*k + 6
	case r.Kind == domain.RepeatYearly:
		// Its occurrences start on its day of every k-th year from its
		// first (none in a year without that day, 30 Esfand) up to
		// until, and last as long as its first.
		first, length := jalali.FromOrdinal(b.From), b.To-b.From
		for y := max(jalali.FromOrdinal(from-length).Year, first.Year); y <= jalali.FromOrdinal(until).Year; y++ {
			if (y-first.Year)%k != 0 {
				continue
			}
			if d, err := jalali.New(y, first.Month, first.Day); err == nil && d.Ordinal() <= until && d.Ordinal()+length >= from {
				return true, true
			}
		}
		return false, true
	default:
		return false, false
	}
	return until-max(from, b.From) >= gap-1, until-max(from, b.From) >= gap-1
}

// lastStart returns the day number the last occurrence of counted series
// b starts on, placed by the official calendar once per data version (the
// series memo): 0 for a series not counted, one touchesQuickly does not
// know, or one whose last it cannot find.
func lastStart(b *domain.Brief) int {
	r := b.Repeat
	if r.Count == 0 || len(r.Skipped) > 0 || len(r.Moved) > 0 || r.Kind == domain.RepeatYearlyHijri {
		return 0
	}
	// Its count-th occurrence starts at most this many days after its
	// first (touchesQuickly's gaps; a year is 366 days at most).
	var span int
	switch r.Kind {
	case domain.RepeatWeekly:
		span = 7
	case domain.RepeatMonthly:
		span = 31
	case domain.RepeatMonthlyWeekday:
		span = 37
	case domain.RepeatYearly:
		span = 366
	}
	span *= r.Every() * r.Count
	first := jalali.FromOrdinal(b.From)
	to := jalali.FromOrdinal(min(b.From+span, lastSureDay))
	spans := calendar.Official().EventStarting(b.Event(), first, to)
	if span == 0 || len(spans) != r.Count {
		return 0
	}
	return spans[len(spans)-1].Start.Ordinal()
}

// lastSureDay is a day past which touchesQuickly says nothing: near the
// end of the years the calendar knows, occurrences stop.
var lastSureDay = jalali.Date{Year: jalali.MaxYear, Month: 1, Day: 1}.Ordinal()

// firstSureDay is a day before which touchesQuickly says nothing.
var firstSureDay = jalali.Date{Year: jalali.MinYear + 1, Month: 1, Day: 1}.Ordinal()

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

// briefsQuery selects the one-off events matching where that touch a
// range (rangeArgs, with k the lookback's classes): how many, and their
// rows (briefColumn) in one text, in no order (sortBriefs orders them: an
// ORDER BY within group_concat costs SQLite more than the rest of the
// query). Read so, a month of 500 events crosses from C to Go once, not
// 500 times, each a string and an interface.
//
// Those that start in the range are one index range; those that start
// before it and end in it are events of several days, read by span class
// (lookbackFrom, migration 0022): each class only as far back as its
// events can start and still reach the range.
//
// A province's events that start in the range are read from
// events_province_month, which holds their rows written (migration 0024).
func briefsQuery(where string, k int) string {
	from := "events"
	if strings.Contains(where, "province_key = ?") && !strings.Contains(where, "organization_key = ?") {
		from = "events INDEXED BY events_province_month"
	}
	return lookbackWith(k) + `SELECT count(*), group_concat(b, '') FROM (
` + startingIn(briefColumn, from, where) + `
UNION ALL
SELECT ` + briefColumn + ` AS b FROM ` + lookbackFrom(where) + `)`
}

// startingIn selects column, as b, of the one-off events of from matching
// where that start in a range (its two arguments, after where's).
func startingIn(column, from, where string) string {
	return `SELECT ` + column + ` AS b FROM ` + from + ` WHERE ` + where + ` AND repeat = '' AND start_date BETWEEN ? AND ?`
}

// rangeArgs are the arguments of briefsQuery and monthQuery for the days
// from..to when no event lasts more than longest days beyond its first:
// the lookback's earliest starts (lookbackArgs), then where's args and the
// range (the events that start in it), then where's args again and the
// range's first day twice (those that start before it and end in it).
func rangeArgs(args []any, from, to jalali.Date, longest int) []any {
	out := append(make([]any, 0, spanClasses+2*len(args)+4), lookbackArgs(from, longest)...)
	out = append(append(out, args...), from.ISO(), to.ISO())
	return append(append(out, args...), from.ISO(), from.ISO())
}

// seriesBriefsQuery selects the repeating events matching where that start
// by its first argument and end (repeat_until) on or after its second,
// from the index that holds all a month needs of them (migration 0022):
// the series of where's organization or province from their own, the
// others from events_series. INDEXED BY, as the planner, without
// statistics, would read them through events_by_status (every confirmed
// event).
func seriesBriefsQuery(where string) string {
	index := "events_series"
	switch {
	case strings.Contains(where, "organization_key = ?"):
		index = "events_series_by_organization"
	case strings.Contains(where, "province_key = ?"):
		index = "events_series_by_province"
	}
	return `SELECT ` + briefColumn + `, ` + ruleColumn + ` FROM events INDEXED BY ` + index + ` WHERE ` + where +
		` AND repeat <> '' AND start_date <= ? AND (repeat_until IS NULL OR repeat_until >= ?)`
}

// parseBrief reads the first row of briefColumn in rows, and returns the
// rows after it. The strings it returns share the rows' memory. It reads
// each field where it stands, with no copy and no conversion through
// strconv: a province's month is hundreds of rows.
func parseBrief(rows string) (domain.Brief, string, error) {
	var b domain.Brief
	var ok bool
	var k, n int
	rest := rows
	if b.ID, rest, ok = cutNumber[int64](rest); !ok {
		return b, "", briefError(rows, "its number")
	}
	if b.From, rest, ok = cutDay(rest); !ok {
		return b, "", briefError(rows, "its first day")
	}
	if b.To, rest, ok = cutDay(rest); !ok {
		return b, "", briefError(rows, "its last day")
	}
	var f [4]string // kind, status, start and end times
	for i := range f {
		if f[i], rest, ok = strings.Cut(rest, " "); !ok {
			return b, "", briefError(rows, "its kind, status and times")
		}
	}
	if k, rest, ok = cutNumber[int](rest); ok {
		n, rest, ok = cutNumber[int](rest)
	}
	if !ok || k+n > len(rest) {
		return b, "", briefError(rows, "the lengths of its texts")
	}
	b.Kind, b.Status, b.StartTime, b.EndTime = domain.Kind(f[0]), domain.Status(f[1]), f[2], f[3]
	b.Occasion, b.Title = rest[:k], rest[k:k+n]
	return b, rest[k+n:], nil
}

func briefError(rows, what string) error {
	return fmt.Errorf("brief %.80q: cannot read %s", rows, what)
}

// cutNumber reads the number (decimal digits) s begins with, and returns
// it and what follows the space after it.
func cutNumber[N int | int64](s string) (N, string, bool) {
	var n N
	i := 0
	for ; i < len(s) && s[i] != ' '; i++ {
		c := s[i] - '0'
		if c > 9 || i == 18 {
			return 0, "", false
		}
		n = n*10 + N(c)
	}
	if i == 0 || i == len(s) {
		return 0, "", false
	}
	return n, s[i+1:], true
}

// cutDay reads the date (isoDay) s begins with, and returns its day number
// and what follows the space after it.
func cutDay(s string) (int, string, bool) {
	if len(s) <= len("2024-05-16") || s[len("2024-05-16")] != ' ' {
		return 0, "", false
	}
	d, err := isoDay(s[:len("2024-05-16")])
	return d, s[len("2024-05-16 "):], err == nil
}

// isoDay reads a stored YYYY-MM-DD Gregorian date as its day number (days
// from 1970-01-01, jalali.Date.Ordinal), by arithmetic
// (jalali.GregorianOrdinal): cheaper than
// SQLite's date functions on each row, and than a conversion through the
// Jalali calendar (jalali.ParseISO).
func isoDay(s string) (int, error) {
	if len(s) != len("2024-05-16") || s[4] != '-' || s[7] != '-' {
		return 0, fmt.Errorf("date %q is not YYYY-MM-DD", s)
	}
	y, ok1 := digits(s[:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > 31 {
		return 0, fmt.Errorf("date %q is not YYYY-MM-DD", s)
	}
	return jalali.GregorianOrdinal(y, time.Month(m), d), nil
}

// digits reads s, decimal digits only.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i] - '0'
		if c > 9 {
			return 0, false
		}
		n = n*10 + int(c)
	}
	return n, true
}
