package sqlite

import "strconv"

// A LIMIT given as a bare parameter (LIMIT ?) costs a statement a second
// preparation each time it runs: SQLite (3.47 and later) reads the bound
// value when it plans the statement, to size its result, and marks the
// statement to be planned again whenever that parameter is bound anew,
// which database/sql does on every run. For a search's query of the
// events' columns that doubled its cost (98 µs a run prepared once, 14.5
// µs with the limit written out; 176 µs against 97 prepared each time).
// So a statement prepared for one run writes its limit out (limitSQL), and
// one kept across runs (see stmt), whose limits vary, binds it as +?
// (limitArg): a unary plus SQLite computes when the statement runs, and
// does not read when it plans it. TestNoBareLimits keeps both.

// limitSQL returns the LIMIT clause of n rows, written out.
func limitSQL(n int) string { return " LIMIT " + strconv.Itoa(n) }

// limitArg is the LIMIT clause of a kept statement: the limit its next
// argument, read when it runs.
const limitArg = " LIMIT +?"
