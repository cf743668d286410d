package sqlite

import (
	"database/sql"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/ruydad/ruydad/internal/domain"
)

// A series' columns (its repeat) and an occurrence's (the series an
// event stands in for) hold their defaults on nearly every row of a feed:
// thirteen columns the driver would read one by one, at two or three
// calls into SQLite each. A feed reads them as one (rareColumn): NULL
// when all are at their defaults, else all of them packed into one text
// (tN:bytes for a text, iN; for an integer, n for NULL), unpacked
// (unpackRare) into the same fields, converted as a scan converts them.

// rareName is one of those columns.
type rareName struct {
	name    string
	integer bool
	def     string // its default, as SQL compares it ("" for NULL)
}

// rareNames are those columns.
var rareNames = []rareName{
	{"repeat", false, "''"}, {"repeat_interval", true, "0"}, {"repeat_days", true, "0"}, {"repeat_nth", true, "0"},
	{"repeat_until", false, ""}, {"repeat_count", true, "0"}, {"repeat_skipped", false, "'[]'"}, {"repeat_moved", false, "'[]'"},
	{"series_id", true, ""}, {"series_uid", false, "''"}, {"series_date", false, ""}, {"series_time", false, "''"},
	{"series_kind", false, "''"},
}

// feedPlain are the columns a feed reads one by one (feedEvents' but the
// rare ones), and rareCols the rare ones, in rareNames' order.
var feedPlain, rareCols = func() (*table[domain.Event], []column[domain.Event]) {
	rare := make([]column[domain.Event], len(rareNames))
	for i, r := range rareNames {
		j := slices.IndexFunc(feedEvents.cols, func(c column[domain.Event]) bool { return c.name == r.name })
		if j < 0 {
			panic("sqlite: no events column " + r.name)
		}
		rare[i] = feedEvents.cols[j]
	}
	plain := slices.DeleteFunc(slices.Clone(feedEvents.cols), func(c column[domain.Event]) bool {
		return slices.ContainsFunc(rareNames, func(r rareName) bool { return r.name == c.name })
	})
	return newTable("events", plain...), rare
}()

// rareColumn is the SQL of the rare columns as one.
var rareColumn = func() string {
	var defaults, packed []string
	for _, r := range rareNames {
		if r.def == "" {
			defaults = append(defaults, r.name+" IS NULL")
		} else {
			defaults = append(defaults, r.name+" = "+r.def)
		}
		v := "'t' || length(CAST(" + r.name + " AS BLOB)) || ':' || " + r.name
		if r.integer {
			v = "'i' || " + r.name + " || ';'"
		}
		if r.def == "" {
			v = "CASE WHEN " + r.name + " IS NULL THEN 'n' ELSE " + v + " END"
		}
		packed = append(packed, v)
	}
	return "CASE WHEN " + strings.Join(defaults, " AND ") + " THEN NULL ELSE " + strings.Join(packed, " || ") + " END"
}()

// rareDefaultsZero reports whether the rare columns at their defaults scan
// into zero fields, so that a row whose rare column is NULL needs nothing
// done (checked once; a default that scans otherwise is unpacked on every
// row).
var rareDefaultsZero = func() bool {
	var e domain.Event
	for i, r := range rareNames {
		var v any
		switch {
		case r.def == "":
		case r.integer:
			v = int64(0)
		default:
			v = strings.Trim(r.def, "'")
		}
		if err := assignRare(&e, i, v); err != nil {
			panic(fmt.Sprintf("sqlite: the default of %s does not scan: %v", r.name, err))
		}
	}
	return reflect.DeepEqual(e, domain.Event{})
}()

// rareDefaults is the packed form of the rare columns at their defaults.
var rareDefaults = func() string {
	var b strings.Builder
	for _, r := range rareNames {
		switch {
		case r.def == "":
			b.WriteString("n")
		case r.integer:
			b.WriteString("i" + r.def + ";")
		default:
			v := strings.Trim(r.def, "'")
			b.WriteString("t" + strconv.Itoa(len(v)) + ":" + v)
		}
	}
	return b.String()
}()

// scanRare fills e's rare fields from the rare column's value.
func scanRare(e *domain.Event, rare sql.NullString) error {
	if !rare.Valid {
		if rareDefaultsZero {
			return nil
		}
		rare.String = rareDefaults
	}
	return unpackRare(e, rare.String)
}

// unpackRare fills e's rare fields from their packed form.
func unpackRare(e *domain.Event, s string) error {
	for i := range rareNames {
		if s == "" {
			return fmt.Errorf("the series columns end after %d of %d", i, len(rareNames))
		}
		var v any
		switch s[0] {
		case 'n':
			s = s[1:]
		case 'i':
			end := strings.IndexByte(s, ';')
			if end < 0 {
				return fmt.Errorf("%s: an unended integer", rareNames[i].name)
			}
			n, err := strconv.ParseInt(s[1:end], 10, 64)
			if err != nil {
				return fmt.Errorf("%s: %w", rareNames[i].name, err)
			}
			v, s = n, s[end+1:]
		case 't':
			colon := strings.IndexByte(s, ':')
			if colon < 0 {
				return fmt.Errorf("%s: an unended length", rareNames[i].name)
			}
			n, err := strconv.Atoi(s[1:colon])
			if err != nil || n < 0 || n > len(s)-colon-1 {
				return fmt.Errorf("%s: a bad length %q", rareNames[i].name, s[1:colon])
			}
			v, s = s[colon+1:colon+1+n], s[colon+1+n:]
		default:
			return fmt.Errorf("%s: an unknown mark %q", rareNames[i].name, s[0])
		}
		if err := assignRare(e, i, v); err != nil {
			return fmt.Errorf("%s: %w", rareNames[i].name, err)
		}
	}
	if s != "" {
		return fmt.Errorf("%d bytes after the series columns", len(s))
	}
	return nil
}

// assignRare stores v (int64, string or nil, as the driver gives a column)
// into the field of the i-th rare column, as a scan does.
func assignRare(e *domain.Event, i int, v any) error {
	switch d := scanDest(rareCols[i].field(e)).(type) {
	case sql.Scanner:
		return d.Scan(v)
	case *string:
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("%T into a text", v)
		}
		*d = s
		return nil
	case *int64:
		n, ok := v.(int64)
		if !ok {
			return fmt.Errorf("%T into an integer", v)
		}
		*d = n
		return nil
	default:
		return fmt.Errorf("no scan into %T", d)
	}
}
