package sqlite

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// A table is the one column list of a stored type T: its select list, its
// insert and update statements and its scan all come from it, so that a new
// column is one line here (and a migration).
type table[T any] struct {
	name string
	cols []column[T]

	list, insert, update string // built by newTable
}

// A column maps one stored column to a field of T: field returns a pointer
// to it (into which rows are scanned, and from which values are written,
// converted by its type: a jalali.Date is stored as its Gregorian ISO date
// or NULL, a time.Time as RFC 3339 UTC, a string-based domain type as its
// string). nullZero stores a zero field as NULL (an article id of 0).
type column[T any] struct {
	name     string
	field    func(*T) any
	nullZero bool
	// key marks the row id: selected, never inserted or updated.
	key bool
	// bump makes an update move the stored value on by one (a sequence)
	// instead of writing the field's.
	bump bool
	// fixed marks a column written once, by the insert (a natural key).
	fixed bool
}

// col returns the column name holding the field that field points to.
func col[T any](name string, field func(*T) any) column[T] {
	return column[T]{name: name, field: field}
}

// rowID marks c as the row id.
func (c column[T]) rowID() column[T] { c.key = true; return c }

// once makes c written by the insert only.
func (c column[T]) once() column[T] { c.fixed = true; return c }

// bumped makes an update move c's stored value on by one.
func (c column[T]) bumped() column[T] { c.bump = true; return c }

// orNull makes c store a zero field as NULL.
func (c column[T]) orNull() column[T] { c.nullZero = true; return c }

func newTable[T any](name string, cols ...column[T]) *table[T] {
	t := &table[T]{name: name, cols: cols}
	var names, ins, marks, sets []string
	for _, c := range cols {
		names = append(names, c.name)
		if c.key {
			continue
		}
		ins, marks = append(ins, c.name), append(marks, "?")
		switch {
		case c.fixed:
		case c.bump:
			sets = append(sets, c.name+" = "+c.name+" + 1")
		default:
			sets = append(sets, c.name+" = ?")
		}
	}
	t.list = strings.Join(names, ", ")
	t.insert = `INSERT INTO ` + name + ` (` + strings.Join(ins, ", ") + `) VALUES (` + strings.Join(marks, ", ") + `)`
	t.update = `UPDATE ` + name + ` SET ` + strings.Join(sets, ", ") + ` WHERE id = ?`
	return t
}

// only returns the table of t's columns named (in t's order), for the
// reads of part of a row (its list and scan); it panics when t has no
// column of one of the names.
func (t *table[T]) only(names ...string) *table[T] {
	var cols []column[T]
	for _, c := range t.cols {
		if slices.Contains(names, c.name) {
			cols = append(cols, c)
		}
	}
	if len(cols) != len(names) {
		panic(fmt.Sprintf("table %s: %d of the columns %q", t.name, len(cols), names))
	}
	return newTable(t.name, cols...)
}

// upsert returns the insert that, when a row with the same conflict
// columns (the natural key, marked once) is stored, overwrites its other
// columns instead.
func (t *table[T]) upsert(conflict string) string {
	var sets []string
	for _, c := range t.cols {
		if !c.key && !c.fixed {
			sets = append(sets, c.name+" = excluded."+c.name)
		}
	}
	return t.insert + "\nON CONFLICT (" + conflict + ") DO UPDATE SET " + strings.Join(sets, ", ")
}

// values returns v's stored values, in insert order.
func (t *table[T]) values(v *T) []any {
	out := make([]any, 0, len(t.cols))
	for _, c := range t.cols {
		if !c.key {
			out = append(out, storedValue(c.field(v), c.nullZero))
		}
	}
	return out
}

// updateValues returns the arguments of t.update for v, row id id last.
func (t *table[T]) updateValues(v *T, id int64) []any {
	out := make([]any, 0, len(t.cols))
	for _, c := range t.cols {
		if !c.key && !c.bump && !c.fixed {
			out = append(out, storedValue(c.field(v), c.nullZero))
		}
	}
	return append(out, id)
}

// scan reads one row selected through t.list into a new T, and the columns
// selected after the list, if any, into extra.
func (t *table[T]) scan(r rowScanner, extra ...any) (T, error) {
	var v T
	dest := make([]any, len(t.cols), len(t.cols)+len(extra))
	for i, c := range t.cols {
		dest[i] = scanDest(c.field(&v))
	}
	err := r.Scan(append(dest, extra...)...)
	return v, err
}

// storedValue converts the field p points to into the value stored for it.
func storedValue(p any, nullZero bool) any {
	switch p := p.(type) {
	case interface{ stored() any }:
		return p.stored()
	case *string:
		return *p
	case *bool:
		return *p
	case *int:
		if nullZero && *p == 0 {
			return nil
		}
		return *p
	case *int64:
		if nullZero && *p == 0 {
			return nil
		}
		return *p
	case *float64:
		return *p
	case *jalali.Date:
		if p.IsZero() {
			return nil
		}
		return p.ISO()
	case *time.Time:
		return p.UTC().Format(time.RFC3339Nano)
	case *domain.Kind:
		return string(*p)
	case *domain.Status:
		return string(*p)
	case *domain.Precision:
		return string(*p)
	case *domain.Role:
		return string(*p)
	}
	// Other named types over a string or an int (a calendar system, a
	// weekday) are stored as what they are named over.
	switch v := reflect.ValueOf(p).Elem(); v.Kind() {
	case reflect.String:
		return v.String()
	case reflect.Int:
		return v.Int()
	}
	panic(fmt.Sprintf("sqlite: no stored form for %T", p))
}

// scanDest returns what database/sql scans the column of the field p
// points to into: p itself for the types it knows (a column that may be
// NULL, such as article_id, is stored from an int through nullZero and read
// back through intOrNull), else a pointer-shaped adapter (no allocation).
func scanDest(p any) any {
	switch p := p.(type) {
	case sql.Scanner:
		return p
	case *int64:
		return (*int64OrNull)(p)
	case *int:
		return (*intOrNull)(p)
	case *jalali.Date:
		return (*dateCol)(p)
	case *time.Time:
		return (*stampCol)(p)
	// The string-based domain types scan as the strings they are.
	case *domain.Kind:
		return (*string)(p)
	case *domain.Status:
		return (*string)(p)
	case *domain.Precision:
		return (*string)(p)
	case *domain.Role:
		return (*string)(p)
	}
	// Other named types over a string or an int scan as what they are
	// named over (a conversion of the pointer: no copy).
	switch v := reflect.ValueOf(p); v.Elem().Kind() {
	case reflect.String:
		if v.Type() != stringPtr {
			return v.Convert(stringPtr).Interface()
		}
	case reflect.Int:
		if v.Type() != intPtr {
			return (*intOrNull)(v.Convert(intPtr).Interface().(*int))
		}
	}
	return p
}

var stringPtr, intPtr = reflect.TypeFor[*string](), reflect.TypeFor[*int]()

// dateCol reads an ISO date, NULL being the zero date.
type dateCol jalali.Date

func (c *dateCol) Scan(src any) error {
	if src == nil { // most rows' optional dates (a series' end, an override's day)
		*c = dateCol{}
		return nil
	}
	var s sql.NullString
	if err := s.Scan(src); err != nil || !s.Valid {
		*c = dateCol{}
		return err
	}
	d, err := jalali.ParseISO(s.String)
	*c = dateCol(d)
	return err
}

// stampCol reads an RFC 3339 time.
type stampCol time.Time

func (c *stampCol) Scan(src any) error {
	var s sql.NullString
	err := s.Scan(src)
	*c = stampCol(parseStamp(s.String))
	return err
}

// int64OrNull and intOrNull read an integer, NULL being 0.
type (
	int64OrNull int64
	intOrNull   int
)

func (c *int64OrNull) Scan(src any) error {
	var n sql.NullInt64
	err := n.Scan(src)
	*c = int64OrNull(n.Int64)
	return err
}

func (c *intOrNull) Scan(src any) error {
	if v, ok := src.(int64); ok { // what SQLite gives an INTEGER column, read without conversion
		*c = intOrNull(v)
		return nil
	}
	var n sql.NullInt64
	err := n.Scan(src)
	*c = intOrNull(n.Int64)
	return err
}

// jsonStrings stores a list of strings as a JSON array ("[]" for none).
type jsonStrings []string

func (j *jsonStrings) stored() any {
	if *j == nil {
		return "[]"
	}
	b, err := json.Marshal([]string(*j))
	if err != nil {
		panic(err) // strings always marshal
	}
	return string(b)
}

func (j *jsonStrings) Scan(src any) error {
	var s sql.NullString
	if err := s.Scan(src); err != nil || !s.Valid {
		return err
	}
	return json.Unmarshal([]byte(s.String), (*[]string)(j))
}

// spanStart and spanEnd store a domain.Span as two columns, both NULL for
// no span (a span may start at offset 0).
type (
	spanStart domain.Span
	spanEnd   domain.Span
)

func (s *spanStart) stored() any {
	if domain.Span(*s).IsZero() {
		return nil
	}
	return s.Start
}

func (s *spanEnd) stored() any {
	if domain.Span(*s).IsZero() {
		return nil
	}
	return s.End
}

func (s *spanStart) Scan(src any) error { return (*intOrNull)(&s.Start).Scan(src) }
func (s *spanEnd) Scan(src any) error   { return (*intOrNull)(&s.End).Scan(src) }

// dateList stores a set of dates as a JSON array of Gregorian ISO dates
// ("[]" for none).
type dateList domain.Dates

func (l *dateList) stored() any {
	var iso jsonStrings
	for _, d := range domain.Dates(*l).List() {
		iso = append(iso, d.ISO())
	}
	return iso.stored()
}

func (l *dateList) Scan(src any) error {
	// Most events have none: no JSON to decode for every row read.
	if b, ok := src.([]byte); ok && string(b) == "[]" || src == "[]" {
		*l = ""
		return nil
	}
	var iso jsonStrings
	if err := iso.Scan(src); err != nil {
		return err
	}
	ds := make([]jalali.Date, len(iso))
	for i, s := range iso {
		d, err := jalali.ParseISO(s)
		if err != nil {
			return err
		}
		ds[i] = d
	}
	*l = dateList(domain.DatesOf(ds...))
	return nil
}

// updateOnly returns the update of the named columns of row id only (a
// part of a record its own use case writes, such as a source's status),
// with its arguments for v, the row id last.
func (t *table[T]) updateOnly(v *T, id int64, names ...string) (string, []any) {
	sets, args := make([]string, 0, len(names)), make([]any, 0, len(names)+1)
	for _, n := range names {
		i := slices.IndexFunc(t.cols, func(c column[T]) bool { return c.name == n })
		if i < 0 {
			panic("sqlite: table " + t.name + " has no column " + n)
		}
		c := t.cols[i]
		sets, args = append(sets, c.name+" = ?"), append(args, storedValue(c.field(v), c.nullZero))
	}
	return `UPDATE ` + t.name + ` SET ` + strings.Join(sets, ", ") + ` WHERE id = ?`, append(args, id)
}

// optStamp stores a time as RFC 3339 UTC, the zero time as ”.
type optStamp time.Time

func (s *optStamp) stored() any {
	if time.Time(*s).IsZero() {
		return ""
	}
	return time.Time(*s).UTC().Format(time.RFC3339Nano)
}

func (s *optStamp) Scan(src any) error { return (*stampCol)(s).Scan(src) }

// seconds stores a duration as whole seconds.
type seconds time.Duration

func (s *seconds) stored() any { return int64(time.Duration(*s) / time.Second) }

func (s *seconds) Scan(src any) error {
	var n int64OrNull
	err := n.Scan(src)
	*s = seconds(time.Duration(n) * time.Second)
	return err
}
