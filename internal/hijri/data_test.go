package hijri

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/seeds"
)

// dataMonth is one line of the month tables, read by the tests' own parser.
type dataMonth struct {
	year, month int
	start       time.Time
}

// readData parses the *.txt month tables of fsys with code independent of
// the package's, sorted by month.
func readData(t *testing.T, fsys fs.FS) []dataMonth {
	t.Helper()
	names, err := fs.Glob(fsys, "*.txt")
	if err != nil || len(names) == 0 {
		t.Fatalf("no month tables: %v", err)
	}
	var out []dataMonth
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			f := strings.Fields(line)
			if len(f) < 2 || strings.HasPrefix(f[0], "#") {
				continue
			}
			ym := strings.Split(strings.TrimLeft(f[0], "*"), "/")
			y, err1 := strconv.Atoi(ym[0])
			m, err2 := strconv.Atoi(ym[1])
			day, err3 := time.Parse("2006-01-02", f[1])
			if err1 != nil || err2 != nil || err3 != nil {
				t.Fatalf("%s: bad line %q", name, line)
			}
			out = append(out, dataMonth{y, m, day})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].year*12+out[i].month < out[j].year*12+out[j].month })
	return out
}

func embeddedData(t *testing.T) []dataMonth {
	sub, err := fs.Sub(seeds.HijriMonths, "hijri")
	if err != nil {
		t.Fatal(err)
	}
	return readData(t, sub)
}

// sharedQamari returns ../shared/data/qamari beside the module root, or
// skips the test when it is not there.
func sharedQamari(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
	q := filepath.Join(dir, "..", "shared", "data", "qamari")
	if _, err := os.Stat(q); err != nil {
		t.Skipf("no shared data at %s", q)
	}
	return q
}

func TestEmbeddedEqualsShared(t *testing.T) {
	dir := sharedQamari(t)
	for _, name := range tableFiles {
		want, err := os.ReadFile(filepath.Join(dir, filepath.Base(name)))
		if err != nil {
			t.Fatal(err)
		}
		got, err := fs.ReadFile(seeds.HijriMonths, name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("embedded %s differs from %s", name, dir)
		}
	}
}

// TestTableAgainstData compares every month of the shared tables, read
// independently, with the Official calendar.
func TestTableAgainstData(t *testing.T) {
	data := readData(t, os.DirFS(sharedQamari(t)))
	c := Official()
	first, last := c.Table()
	if got := (Month{data[0].year, data[0].month}); got != first {
		t.Errorf("Table() first = %v, data starts at %v", first, got)
	}
	if got := (Month{data[len(data)-1].year, data[len(data)-1].month}); got != last {
		t.Errorf("Table() last = %v, data ends at %v", last, got)
	}
	for k, dm := range data {
		m := Month{dm.year, dm.month}
		mi, ok := c.Month(m)
		if !ok {
			t.Fatalf("Month(%v) missing", m)
		}
		if want := jalali.FromGregorian(dm.start.Date()); mi.Start != want || mi.Source != SourceTable {
			t.Errorf("%v starts %v (%v), data says %v", m, mi.Start, mi.Source, want)
		}
		if k+1 < len(data) {
			if want := int(data[k+1].start.Sub(dm.start).Hours() / 24); mi.Length != want {
				t.Errorf("%v has %d days, data says %d", m, mi.Length, want)
			}
		}
	}
	if len(data) != last.Index()-first.Index()+1 {
		t.Errorf("data has %d months, Table() spans %d", len(data), last.Index()-first.Index()+1)
	}
}

// TestKnownDays checks days whose Jalali and Gregorian dates are known,
// deriving each from the month table.
func TestKnownDays(t *testing.T) {
	starts := map[Month]time.Time{}
	for _, dm := range embeddedData(t) {
		starts[Month{dm.year, dm.month}] = dm.start
	}
	tests := []struct {
		h   Date
		j   jalali.Date
		iso string
	}{
		{Date{1445, 10, 1}, jalali.Date{Year: 1403, Month: 1, Day: 22}, "2024-04-10"},  // Eid al-Fitr
		{Date{1446, 1, 10}, jalali.Date{Year: 1403, Month: 4, Day: 26}, "2024-07-16"},  // Ashura
		{Date{1446, 10, 1}, jalali.Date{Year: 1404, Month: 1, Day: 11}, "2025-03-31"},  // Eid al-Fitr
		{Date{1447, 9, 1}, jalali.Date{Year: 1404, Month: 11, Day: 30}, "2026-02-19"},  // Ramadan
		{Date{1265, 1, 1}, jalali.Date{Year: 1227, Month: 9, Day: 7}, "1848-11-28"},    // the table's first day
		{Date{1448, 12, 10}, jalali.Date{Year: 1406, Month: 2, Day: 27}, "2027-05-17"}, // Eid al-Adha
	}
	c := Official()
	for _, tt := range tests {
		start, ok := starts[tt.h.MonthOf()]
		if !ok {
			t.Fatalf("%v not in the data", tt.h.MonthOf())
		}
		if got := start.AddDate(0, 0, tt.h.Day-1).Format(time.DateOnly); got != tt.iso {
			t.Errorf("data: %v is %s, want %s", tt.h, got, tt.iso)
		}
		if got := jalali.FromGregorian(start.AddDate(0, 0, tt.h.Day-1).Date()); got != tt.j {
			t.Errorf("data: %v is %v, want %v", tt.h, got, tt.j)
		}
		if got, src := c.FromJalali(tt.j); got != tt.h || src != SourceTable {
			t.Errorf("FromJalali(%v) = %v, %v; want %v, table", tt.j, got, src, tt.h)
		}
		if got, err := c.ToJalali(tt.h); err != nil || got != tt.j {
			t.Errorf("ToJalali(%v) = %v, %v; want %v", tt.h, got, err, tt.j)
		}
	}
}

func TestReadTableErrors(t *testing.T) {
	tests := []struct{ name, text string }{
		{"gap", "1446/1 2024-07-07\n1446/3 2024-09-04\n"},
		{"short month", "1446/1 2024-07-07\n1446/2 2024-08-04\n"},
		{"long month", "1446/1 2024-07-07\n1446/2 2024-08-07\n"},
		{"bad date", "1446/1 2024-13-07\n"},
		{"bad month", "1446/13 2024-07-07\n"},
		{"extra field", "1446/1 2024-07-07 x\n"},
	}
	for _, tt := range tests {
		var tb table
		if err := tb.parse("test.txt", tt.text); err == nil {
			t.Errorf("%s: parse(%q) succeeded", tt.name, tt.text)
		}
	}
	var tb table
	text := "# comment\n\n*1446/1 2024-07-07 # observed\n1446/2 2024-08-06 # x\n"
	if err := tb.parse("test.txt", text); err != nil || len(tb.starts) != 2 || tb.first != (Month{1446, 1}).Index() {
		t.Errorf("parse(%q) = %+v, %v", text, tb, err)
	}
}
