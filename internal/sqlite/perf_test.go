package sqlite

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// fill stores n confirmed events spread over 1402..1407, a few of them
// multi-day and one in fifty yearly, as the bench calendar has them.
func fill(tb testing.TB, d *DB, n int) {
	tb.Helper()
	first := jalali.MustNew(1402, 1, 1)
	evs := make([]domain.Event, n)
	for i := range evs {
		start := first.AddDays((i * 7919) % 2190)
		evs[i] = domain.Event{Title: "جلسهٔ شورای هماهنگی " + jalali.FaNum(i), Kind: domain.Kinds[i%len(domain.Kinds)],
			Start: start, End: start.AddDays(i % 3), Province: []string{"همدان", "تهران", "فارس"}[i%3]}
		if i%50 == 0 {
			evs[i].Repeat.Kind = domain.RepeatYearly
		}
	}
	if _, err := uc(d).ImportEvents(context.Background(), evs); err != nil {
		tb.Fatal(err)
	}
}

// plan returns the EXPLAIN QUERY PLAN lines of query.
func plan(t *testing.T, d *DB, query string, args ...any) string {
	t.Helper()
	rows, err := d.db.Query(`EXPLAIN QUERY PLAN `+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(lines, "\n")
}

// TestQueryPlans checks that the hot queries read index ranges, not the
// whole events table: the month query (the events starting in the month,
// those of several days starting before it from their own index, and the
// series), the longest span, the data version and one event; and that a
// feed reads its events in the index's order, sorting only each day's
// (LAST 2 TERMS: a sort of the whole feed would hold every row before the
// first is written), and its stand-ins from their own index.
func TestQueryPlans(t *testing.T) {
	d := open(t)
	fill(t, d, 500)
	where, args := filterSQL(domain.EventFilter{})
	month, margs := monthQuery(where, args, jalali.MustNew(1403, 1, 31), jalali.MustNew(1403, 3, 1), 2, []any{1, 2})
	for _, tt := range []struct {
		name, query string
		args        []any
		want        []string
	}{
		{"month", month, margs, []string{"USING INDEX events_month (status=? AND start_date>? AND start_date<?)",
			"USING INDEX events_spans_by_class (status=? AND <expr>=? AND start_date>? AND start_date<?)", "USING INTEGER PRIMARY KEY"}},
		{"month briefs", briefsQuery(where, 5), rangeArgs(args, jalali.MustNew(1403, 1, 31), jalali.MustNew(1403, 3, 1), 18),
			[]string{"USING INDEX events_month (status=? AND start_date>? AND start_date<?)", "USING INDEX events_spans_by_class (status=? AND <expr>=? AND start_date>? AND start_date<?)"}},
		{"month of a province", briefsQuery(whereOf(domain.EventFilter{Province: "همدان"}), 5), rangeArgs(argsOf(domain.EventFilter{Province: "همدان"}), jalali.MustNew(1403, 1, 31), jalali.MustNew(1403, 3, 1), 18),
			[]string{"USING INDEX events_province_month (province_key=? AND status=? AND start_date>? AND start_date<?)",
				"USING INDEX events_spans_by_province (province_key=? AND status=? AND <expr>=? AND start_date>? AND start_date<?)"}},
		{"month of an organization", briefsQuery(whereOf(domain.EventFilter{Organization: "استانداری"}), 5), rangeArgs(argsOf(domain.EventFilter{Organization: "استانداری"}), jalali.MustNew(1403, 1, 31), jalali.MustNew(1403, 3, 1), 18),
			[]string{"USING INDEX events_by_organization (organization_key=? AND status=? AND start_date>? AND start_date<?)",
				"USING INDEX events_spans_by_organization (organization_key=? AND status=? AND <expr>=? AND start_date>? AND start_date<?)"}},
		{"month of a kind", briefsQuery(whereOf(domain.EventFilter{Kind: domain.KindMeeting}), 5), rangeArgs(argsOf(domain.EventFilter{Kind: domain.KindMeeting}), jalali.MustNew(1403, 1, 31), jalali.MustNew(1403, 3, 1), 18),
			[]string{"USING INDEX events_by_kind (kind=? AND status=? AND start_date>? AND start_date<?)"}},
		{"series briefs", seriesBriefsQuery(where), append(args, "2024-05-20", "2024-04-01"), []string{"USING COVERING INDEX events_series (status=? AND start_date<?)"}},
		{"series of a province", seriesBriefsQuery(whereOf(domain.EventFilter{Province: "همدان"})), append(argsOf(domain.EventFilter{Province: "همدان"}), "2024-05-20", "2024-04-01"),
			[]string{"USING COVERING INDEX events_series_by_province (province_key=? AND status=? AND start_date<?)"}},
		{"series of an organization", seriesBriefsQuery(whereOf(domain.EventFilter{Province: "همدان", Organization: "استانداری"})),
			append(argsOf(domain.EventFilter{Province: "همدان", Organization: "استانداری"}), "2024-05-20", "2024-04-01"),
			[]string{"INDEX events_series_by_organization (organization_key=? AND status=? AND start_date<?)"}},
		{"longest span", longestSpan, nil, []string{"USING INDEX events_by_span"}},
		{"feed", feedQuery(where, true), args, []string{"USING INDEX events_by_status (status=? AND start_date>?)", "USE TEMP B-TREE FOR LAST 2 TERMS OF ORDER BY",
			"SEARCH articles USING INTEGER PRIMARY KEY"}},
		{"feed of a province", feedQuery(whereOf(domain.EventFilter{Province: "همدان"}), false), argsOf(domain.EventFilter{Province: "همدان"}),
			[]string{"USING INDEX events_by_province (province_key=? AND status=? AND start_date>?)", "USE TEMP B-TREE FOR LAST 2 TERMS OF ORDER BY"}},
		{"stand-ins", standInsQuery, nil, []string{"USING INDEX events_by_series (series_id>?)"}},
		{"data version", `SELECT n, changed_at FROM data_version WHERE id = 1`, nil, []string{"USING INTEGER PRIMARY KEY"}},
		{"event", `SELECT ` + eventColumns + ` FROM events WHERE id = ?`, []any{1}, []string{"USING INTEGER PRIMARY KEY"}},
	} {
		got := plan(t, d, tt.query, tt.args...)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: plan lacks %q:\n%s", tt.name, w, got)
			}
		}
		if strings.Contains(got, "SCAN events") {
			t.Errorf("%s: plan scans the events table:\n%s", tt.name, got)
		}
	}
}

func whereOf(f domain.EventFilter) string { w, _ := filterSQL(f); return w }

func argsOf(f domain.EventFilter) []any { _, a := filterSQL(f); return a }

// TestDataVersionMoves checks that every write the pages show moves the
// data version, from this DB or from another connection, and that reading
// and signing in do not.
func TestDataVersionMoves(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v.db")
	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	last, _, err := d.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	moved := func(what string, want bool) {
		t.Helper()
		v, changed, err := d.DataVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if (v > last) != want {
			t.Errorf("%s: version %d → %d, moved=%v, want %v", what, last, v, v > last, want)
		}
		if changed.IsZero() || time.Since(changed) > time.Hour {
			t.Errorf("%s: changed_at %v", what, changed)
		}
		last = v
	}
	e := domain.Event{Title: "همایش", Kind: domain.KindConference, Start: jalali.MustNew(1403, 2, 27)}
	if err := uc(d).SaveEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	moved("create event", true)
	e.Title = "همایش ملی"
	if err := uc(d).SaveEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	moved("update event", true)
	if _, err := d.EventsBetween(ctx, e.Start, e.Start, domain.EventFilter{}); err != nil {
		t.Fatal(err)
	}
	moved("read events", false)
	if err := uc(d).DeleteEvent(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	moved("delete event", true)
	o := domain.Occasion{Key: "test", Name: "روز آزمون"}
	o.Recurrence = domain.Recurrence{Calendar: domain.CalJalali, Rule: domain.RuleDate, Month: 3, Day: 1, Length: 1}
	if err := uc(d).CreateOccasion(ctx, &o); err != nil {
		t.Fatal(err)
	}
	moved("create occasion", true)
	if _, err := uc(d).StoreArticle(ctx, &domain.Article{Text: "متن خبر", Hash: "h1"}, nil, nil); err != nil {
		t.Fatal(err)
	}
	moved("create article", true)
	u, err := uc(d).CreateUser(ctx, "editor", domain.RoleEditor, "a long enough password")
	if err != nil {
		t.Fatal(err)
	}
	moved("create user", true)
	if _, err := d.CreateSession(ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	moved("sign in", false)

	other, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	d.DataVersion(ctx) // a fresh reading, kept for versionTTL
	if err := uc(other).SaveEvent(ctx, &domain.Event{Title: "از فرایند دیگر", Kind: domain.KindOther, Start: jalali.MustNew(1403, 3, 1)}); err != nil {
		t.Fatal(err)
	}
	// Another process's write shows once the kept reading expires.
	if v, _, _ := d.DataVersion(ctx); v != last {
		t.Errorf("a reading younger than %v was not kept: %d, kept %d", versionTTL, v, last)
	}
	time.Sleep(versionTTL)
	moved("create event through another connection, after versionTTL", true)
}

// TestReadersDoNotWrite checks the read pool refuses writes, so that no
// write can bypass the one writer connection.
func TestReadersDoNotWrite(t *testing.T) {
	d := open(t)
	if _, err := d.db.Exec(`INSERT INTO meta (key, value) VALUES ('x', 'y')`); err == nil {
		t.Fatal("a reader connection wrote to the database")
	}
}

// TestEventsBetweenLongSpan checks the month query's span bound: an event
// lasting ten months shows in a month in its middle, and an event that
// ended the day before a month does not.
func TestEventsBetweenLongSpan(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	fill(t, d, 200)
	long := domain.Event{Title: "طرح ده‌ماهه", Kind: domain.KindOther, Start: jalali.MustNew(1402, 11, 1), End: jalali.MustNew(1403, 8, 15)}
	before := domain.Event{Title: "تا پایان فروردین", Kind: domain.KindOther, Start: jalali.MustNew(1403, 1, 20), End: jalali.MustNew(1403, 1, 31)}
	for _, e := range []*domain.Event{&long, &before} {
		if err := uc(d).SaveEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	got, err := d.EventsBetween(ctx, jalali.MustNew(1403, 2, 1), jalali.MustNew(1403, 2, 31), domain.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	has := map[int64]bool{}
	for _, e := range got {
		has[e.ID] = true
		if !e.Repeats() && (e.Start.After(jalali.MustNew(1403, 2, 31)) || e.End.Before(jalali.MustNew(1403, 2, 1))) {
			t.Errorf("%q (%v..%v) does not touch Ordibehesht 1403", e.Title, e.Start, e.End)
		}
	}
	if !has[long.ID] || has[before.ID] {
		t.Errorf("the ten-month event is there: %v (want true); the one ending 1403/01/31: %v (want false)", has[long.ID], has[before.ID])
	}
}

// BenchmarkEventsBetween is the month query: one month of a 20,000-event
// calendar (about 280 events and the yearly ones).
func BenchmarkEventsBetween(b *testing.B) {
	d := open(b)
	fill(b, d, 20000)
	ctx := context.Background()
	from, to := jalali.MustNew(1404, 7, 1), jalali.MustNew(1404, 7, 30)
	n := 0
	b.ReportAllocs()
	for b.Loop() {
		got, err := d.EventsBetween(ctx, from, to, domain.EventFilter{})
		if err != nil {
			b.Fatal(err)
		}
		n = len(got)
	}
	b.ReportMetric(float64(n), "events/op")
}

// BenchmarkDataVersion is what every page pays for the data version:
// "kept" a reading younger than versionTTL, "query" asking the database.
func BenchmarkDataVersion(b *testing.B) {
	d := open(b)
	ctx := context.Background()
	b.Run("kept", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := d.DataVersion(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("query", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			d.version.Store(nil)
			if _, _, err := d.DataVersion(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestDataVersionNeverStaleForOwnWrites races readers that keep the
// version reading warm against a writer: right after each write returns,
// DataVersion must already give the version the database holds.
func TestDataVersionNeverStaleForOwnWrites(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
					d.DataVersion(ctx)
				}
			}
		})
	}
	defer func() { close(stop); wg.Wait() }()
	for i := range 300 {
		e := domain.Event{Title: "رویداد " + jalali.FaNum(i), Kind: domain.KindOther, Start: jalali.MustNew(1403, 1, 1).AddDays(i)}
		if err := uc(d).SaveEvent(ctx, &e); err != nil {
			t.Fatal(err)
		}
		got, _, err := d.DataVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var want int64
		if err := d.db.QueryRowContext(ctx, `SELECT n FROM data_version`).Scan(&want); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Fatalf("write %d: DataVersion %d right after the write, the database holds %d", i, got, want)
		}
	}
}

// TestPlaceFiltersIgnoreSpelling: a province or organization filter finds
// events whatever way they were spelt when stored (imported, typed, mined).
func TestPlaceFiltersIgnoreSpelling(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	day := jalali.MustNew(1403, 2, 27)
	evs := []domain.Event{
		{Title: "الف", Kind: domain.KindMeeting, Start: day, Province: "كرمانشاه", Organization: "روابط عمومي استانداري"},
		{Title: "ب", Kind: domain.KindMeeting, Start: day, Province: "کرمانشاه", Organization: "روابط‌عمومی استانداری"},
		{Title: "پ", Kind: domain.KindMeeting, Start: day, Province: "کرمان", Organization: "استانداری"},
	}
	if _, err := uc(d).ImportEvents(ctx, evs); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		f    domain.EventFilter
		want int
	}{
		{domain.EventFilter{Province: "کرمانشاه"}, 2},
		{domain.EventFilter{Province: "كرمانشاه"}, 2},
		{domain.EventFilter{Province: "کرمان"}, 1},
		{domain.EventFilter{Organization: "روابطعمومی استانداری"}, 2},
		{domain.EventFilter{Province: "کرمانشاه", Organization: "استانداری"}, 0},
		{domain.EventFilter{Province: "؟"}, 0},
	} {
		got, err := d.EventsBetween(ctx, day, day, tt.f)
		if err != nil || len(got) != tt.want {
			t.Errorf("%+v: %d events (%v), want %d", tt.f, len(got), err, tt.want)
		}
		n := 0
		if err := d.EachEvent(ctx, tt.f, false, func(domain.Event, string) error { n++; return nil }); err != nil || n != tt.want {
			t.Errorf("feed %+v: %d events (%v), want %d", tt.f, n, err, tt.want)
		}
	}
}
