package hijri

import (
	"bufio"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/seeds"
)

// tableFiles are the embedded month tables, in order; together they run
// contiguously.
var tableFiles = []string{"hijri/consolidated.txt", "hijri/official-1405.txt"}

// table is the embedded month starts: starts[i] is the day number (see
// jalali.Date.Ordinal) on which month first+i began.
type table struct {
	first  int // Month.Index of starts[0]
	starts []int32
}

// readTable parses the embedded tables.
func readTable(fsys fs.FS) (table, error) {
	var t table
	for _, name := range tableFiles {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return table{}, fmt.Errorf("read Hijri table: %w", err)
		}
		if err := t.parse(name, string(b)); err != nil {
			return table{}, err
		}
	}
	if len(t.starts) == 0 {
		return table{}, fmt.Errorf("read Hijri table: no months")
	}
	return t, nil
}

// parse appends the months of one file, checking that each follows the
// previous one 29 or 30 days later.
func (t *table) parse(name, text string) error {
	sc := bufio.NewScanner(strings.NewReader(text))
	for line := 1; sc.Scan(); line++ {
		m, day, ok, err := parseLine(sc.Text())
		if err != nil {
			return fmt.Errorf("read Hijri table %s:%d: %w", name, line, err)
		}
		if !ok {
			continue
		}
		if n := len(t.starts); n == 0 {
			t.first = m.Index()
		} else if m.Index() != t.first+n {
			return fmt.Errorf("read Hijri table %s:%d: %s does not follow %s", name, line, m, MonthAt(t.first+n-1))
		} else if l := day - int(t.starts[n-1]); l != 29 && l != 30 {
			return fmt.Errorf("read Hijri table %s:%d: %s has %d days", name, line, MonthAt(t.first+n-1), l)
		}
		t.starts = append(t.starts, int32(day))
	}
	return sc.Err()
}

// parseLine reads "1446/1 2024-07-07 # source", with an optional leading *
// (an observed start that differed from the published one: still a table
// month). ok is false for blank and comment lines.
func parseLine(line string) (m Month, day int, ok bool, err error) {
	line, _, _ = strings.Cut(line, "#")
	fields := strings.Fields(strings.TrimPrefix(strings.TrimSpace(line), "*"))
	if len(fields) == 0 {
		return Month{}, 0, false, nil
	}
	if len(fields) != 2 {
		return Month{}, 0, false, fmt.Errorf("%q is not month and date", line)
	}
	m, err = ParseMonth(fields[0])
	if err != nil {
		return Month{}, 0, false, err
	}
	g, err := time.Parse(time.DateOnly, fields[1])
	if err != nil {
		return Month{}, 0, false, err
	}
	return m, int(g.Unix() / 86400), true, nil
}

// embeddedTable is the table of seeds.HijriMonths; the data is part of the
// program, so a parse error is a bug (a test reads it).
func embeddedTable() table {
	t, err := readTable(seeds.HijriMonths)
	if err != nil {
		panic(err)
	}
	return t
}

// meanMonth is the mean synodic month in days, to size the predictions.
const meanMonth = 29.530588853

// margin is how far (in days) a start may move from the base start: the
// correction typo guard; a cascade never moves a month further.
const margin = 2

// build returns the uncorrected Calendar: table t, and the months before
// and after it predicted with threshold q0 over the supported Jalali years.
func build(t table, q0 float64) *Calendar {
	minDay := jalali.Date{Year: jalali.MinYear, Month: 1, Day: 1}.Ordinal()
	maxDay := int(jalaliYears()[jalali.MaxYear-jalali.MinYear+1]) - 1
	n := len(t.starts)
	lo := t.first - int(float64(int(t.starts[0])-minDay)/meanMonth) - 3
	hi := t.first + n + int(float64(maxDay-int(t.starts[n-1]))/meanMonth) + 3
	s := append(predictMonths(lo, t.first, q0), t.starts...)
	s = append(s, predictMonths(t.first+n, hi, q0)...)
	// Keep the predictions next to the table 29 or 30 days apart from it.
	for i := t.first - lo - 1; i >= 0; i-- {
		s[i] = min(max(s[i], s[i+1]-30), s[i+1]-29)
	}
	for i := t.first - lo + n; i < len(s); i++ {
		s[i] = min(max(s[i], s[i-1]+29), s[i-1]+30)
	}
	first, last := 0, len(s)-2
	for first+1 < len(s) && int(s[first+1]) <= minDay-margin {
		first++
	}
	for last > 0 && int(s[last]) >= maxDay+margin+1 {
		last--
	}
	if int(s[first]) > minDay-margin || int(s[last+1]) < maxDay+margin+1 {
		panic("hijri: predictions do not cover the supported days")
	}
	c := &Calendar{first: lo + first, starts: s[first : last+2], table: [2]int{t.first, t.first + n - 1}}
	c.sources = make([]Source, len(c.starts)-1)
	for i := range c.sources {
		c.sources[i] = SourcePredicted
		if m := c.first + i; m >= t.first && m < t.first+n {
			c.sources[i] = SourceTable
		}
	}
	c.base = c
	return c
}
