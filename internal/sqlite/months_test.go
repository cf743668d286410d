package sqlite

import (
	"slices"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// TestPackedIndexes checks that a month's events that start in it are read
// as migration 0024 means: each row's text (briefColumn, outlineColumn)
// taken from its index, not written by printf, and nothing read from the
// table; and that the indexes hold those very texts.
func TestPackedIndexes(t *testing.T) {
	d := open(t)
	fill(t, d, 300)
	// Days of several events at several times, stored out of their order.
	var evs []domain.Event
	for i := range 120 {
		day := jalali.MustNew(1403, 1, 1+(i*7)%20)
		e := domain.Event{Title: "نشست " + jalali.FaNum(i), Kind: domain.Kinds[i%3], Start: day, End: day, Province: "همدان"}
		if i%4 != 0 {
			e.StartTime = []string{"16:30", "09:00", "11:15"}[i%3]
		}
		evs = append(evs, e)
	}
	if _, err := uc(d).ImportEvents(t.Context(), evs); err != nil {
		t.Fatal(err)
	}
	squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
	for _, tt := range []struct {
		index, column, from string
		f                   domain.EventFilter
	}{
		{"events_month", outlineColumn, "events INDEXED BY events_month", domain.EventFilter{}},
		{"events_month", outlineColumn, "events INDEXED BY events_month", domain.EventFilter{Kind: domain.KindMeeting}},
		{"events_month", outlineColumn, "events INDEXED BY events_month",
			domain.EventFilter{Statuses: []domain.Status{domain.StatusConfirmed, domain.StatusProposed}}},
		{"events_province_month", briefColumn, "events INDEXED BY events_province_month", domain.EventFilter{Province: "همدان"}},
		{"events_province_month", briefColumn, "events INDEXED BY events_province_month", domain.EventFilter{Province: "همدان", Kind: domain.KindMeeting}},
	} {
		var ddl string
		if err := d.db.QueryRow(`SELECT sql FROM sqlite_master WHERE name = ?`, tt.index).Scan(&ddl); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(squeeze(ddl), squeeze(tt.column)) {
			t.Errorf("%s does not hold the text its queries read:\n%s", tt.index, ddl)
		}
		where, args := filterSQL(tt.f)
		q := startingIn(tt.column, tt.from, where)
		args = append(args, "2024-03-20", "2024-04-20")
		printf, tableReads := bytecode(t, d, q, args...)
		if printf != 0 || tableReads != 0 {
			t.Errorf("%+v: %d calls of printf and %d reads of the table for each row, want none:\n%s", tt.f, printf, tableReads, q)
		}
		var n int
		if err := d.db.QueryRow(`SELECT count(*) FROM (`+q+`)`, args...).Scan(&n); err != nil || n == 0 {
			t.Errorf("%+v: %d rows, %v", tt.f, n, err)
		}
		// Of one status, the rows come in the order the pages list
		// them (sortBriefs then has nothing to sort).
		if len(tt.f.Statuses) > 1 {
			continue
		}
		briefs, err := d.readBriefs(t.Context(), `SELECT count(*), group_concat(b, '') FROM (`+q+`)`, args, 0)
		if err != nil || len(briefs) != n {
			t.Fatalf("%+v: %d briefs, %v", tt.f, len(briefs), err)
		}
		if !slices.IsSortedFunc(briefs, func(a, b domain.Brief) int { return compareBriefs(&a, &b) }) {
			t.Errorf("%+v: the index gives its rows out of order", tt.f)
		}
	}
	// An organization's month, from events_by_organization, reads its
	// rows from the table and writes them (what the count above sees).
	where, args := filterSQL(domain.EventFilter{Organization: "استانداری"})
	if printf, tableReads := bytecode(t, d, startingIn(briefColumn, "events", where), append(args, "2024-03-20", "2024-04-20")...); printf != 1 || tableReads == 0 {
		t.Errorf("an organization's month: %d calls of printf and %d reads of the table, want 1 and some", printf, tableReads)
	}
	// A province's month is read so by BriefsBetween, its events as the
	// table has them.
	where, _ = filterSQL(domain.EventFilter{Province: "همدان"})
	if q := briefsQuery(where, 3); !strings.Contains(q, startingIn(briefColumn, "events INDEXED BY events_province_month", where)) {
		t.Errorf("a province's month is not read from events_province_month:\n%s", q)
	}
	got, err := d.BriefsBetween(t.Context(), jalali.MustNew(1403, 1, 1), jalali.MustNew(1403, 1, 31), domain.EventFilter{Province: "همدان"})
	if err != nil || len(got) == 0 {
		t.Fatalf("%d briefs, %v", len(got), err)
	}
	for _, b := range got {
		e, err := d.Event(t.Context(), b.ID)
		if err != nil {
			t.Fatal(err)
		}
		if e.Title != b.Title || e.Kind != b.Kind || e.Start.Ordinal() != b.From || e.End.Ordinal() != b.To || e.StartTime != b.StartTime {
			t.Errorf("brief %+v of event %+v", b, e)
		}
	}
}

// bytecode returns how many times query's program calls printf and reads a
// column of the table (not of an index) for each row.
func bytecode(t *testing.T, d *DB, query string, args ...any) (printf, tableReads int) {
	t.Helper()
	rows, err := d.db.Query(`EXPLAIN `+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	type op struct {
		name       string
		p1, p2, p3 int
		p4         string
	}
	var ops []op
	for rows.Next() {
		var addr, p5 int
		var o op
		var p4, comment any
		if err := rows.Scan(&addr, &o.name, &o.p1, &o.p2, &o.p3, &p4, &p5, &comment); err != nil {
			t.Fatal(err)
		}
		if s, ok := p4.(string); ok {
			o.p4 = s
		}
		ops = append(ops, o)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	// The table's cursor is the one an index's DeferredSeek positions.
	table := map[int]bool{}
	for _, o := range ops {
		if o.name == "DeferredSeek" {
			table[o.p3] = true
		}
	}
	if len(table) == 0 {
		t.Fatalf("no index read in the program of %s", query)
	}
	for _, o := range ops {
		switch {
		case (o.name == "Function" || o.name == "PureFunc") && strings.HasPrefix(o.p4, "printf"):
			printf++
		case o.name == "Column" && table[o.p1]:
			tableReads++
		}
	}
	return printf, tableReads
}
