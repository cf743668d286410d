package sqlite

import (
	"math/bits"
	"strconv"
	"strings"

	"github.com/ruydad/ruydad/internal/jalali"
)

// The lookback: the one-off events of several days that start before a
// range and reach into it. They were read back to the longest span stored
// (one event of a year made every month read a year of them); now by span
// class (migration 0022): an event's class is the bit length of the days
// it lasts beyond its first, so one of class c that reaches the range
// starts at most 2^c - 1 days before it, and each class is read only that
// far back (lookbackQuery), its ends compared in the index.

// spanClass is an event's span class, word for word the expression of the
// indexes events_spans_by_class, _by_province and _by_organization: a
// query must repeat it so for SQLite to use them.
const spanClass = `(CASE WHEN julianday(end_date) - julianday(start_date) < 2 THEN 1 WHEN julianday(end_date) - julianday(start_date) < 4 THEN 2 WHEN julianday(end_date) - julianday(start_date) < 8 THEN 3 WHEN julianday(end_date) - julianday(start_date) < 16 THEN 4 WHEN julianday(end_date) - julianday(start_date) < 32 THEN 5 WHEN julianday(end_date) - julianday(start_date) < 64 THEN 6 WHEN julianday(end_date) - julianday(start_date) < 128 THEN 7 WHEN julianday(end_date) - julianday(start_date) < 256 THEN 8 ELSE 9 END)`

// spanClasses is the last class, that of every event of 256 days and more.
const spanClasses = 9

// severalDays is the condition of those indexes: the one-off events that
// last more than a day, the only ones that can start before a range and
// reach into it.
const severalDays = `repeat = '' AND end_date > start_date`

// classOf returns the span class of an event lasting n days beyond its
// first (0 for one of a day).
func classOf(n int) int {
	if n < 1 {
		return 0
	}
	return min(bits.Len(uint(n)), spanClasses)
}

// lookbackWith is the WITH clause of a query reading the lookback of
// classes 1 to k: each class and the earliest start it is read from
// (lookbackArgs, bound first).
func lookbackWith(k int) string {
	var b strings.Builder
	b.WriteString(`WITH lookback(class, earliest) AS (VALUES `)
	for c := 1; c <= k; c++ {
		if c > 1 {
			b.WriteString(", ")
		}
		b.WriteString("(" + strconv.Itoa(c) + ", ?)")
	}
	b.WriteString(")\n")
	return b.String()
}

// lookbackClasses is how many classes a range's lookback reads when no
// event lasts more than longest days beyond its first: up to the longest's
// class, one at least (the statement's shape).
func lookbackClasses(longest int) int { return max(classOf(longest), 1) }

// lookbackArgs are the arguments of lookbackWith for a range starting on
// from: for each class c of lookbackClasses(longest), the earliest start
// of its events that can reach from, 2^c - 1 days before it, no earlier
// than the longest span stored (the only bound of the last class).
func lookbackArgs(from jalali.Date, longest int) []any {
	k := lookbackClasses(longest)
	out := make([]any, k)
	for c := 1; c <= k; c++ {
		back := longest
		if c < spanClasses {
			back = min(1<<c-1, longest)
		}
		out[c-1] = from.AddDays(-back).ISO()
	}
	return out
}

// lookbackFrom is the FROM and WHERE of the lookback's events matching
// where: each class's starts from its earliest to the range's first day
// (excluded), ending on or after it (both bound after where's arguments),
// from the index of where's organization or province, or of every place.
func lookbackFrom(where string) string {
	return `lookback CROSS JOIN events INDEXED BY ` + lookbackIndex(where) + ` WHERE ` + where + ` AND ` + severalDays +
		` AND ` + spanClass + ` = lookback.class AND start_date >= lookback.earliest AND start_date < ? AND end_date >= ?`
}

// lookbackIndex is the index lookbackFrom reads for where.
func lookbackIndex(where string) string {
	switch {
	case strings.Contains(where, "organization_key = ?"):
		return "events_spans_by_organization"
	case strings.Contains(where, "province_key = ?"):
		return "events_spans_by_province"
	}
	return "events_spans_by_class"
}
