package sqlite

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// TestLookbackBySpanClass stores one-off events of many lengths (one day
// to two years, on each side of every class's bounds), at two
// statuses, in two provinces and organizations, some naming an occasion,
// and checks that the month read (BriefsBetween), EventsBetween and the
// year's counts (DayCounts) give, for every month of four years and for
// each filter, exactly the events a naive read of the whole table gives:
// those that start by the range's last day and end on or after its first.
func TestLookbackBySpanClass(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	lengths := []int{0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 30, 31, 32, 33, 63, 64, 65, 100, 127, 128, 129, 200, 255, 256, 257, 300, 364}
	first := jalali.MustNew(1402, 1, 1)
	var evs []domain.Event
	for i := range 400 {
		start := first.AddDays((i * 37) % 1400)
		e := domain.Event{Title: "رویداد بلند " + jalali.FaNum(i), Kind: domain.Kinds[i%len(domain.Kinds)], Start: start,
			End: start.AddDays(lengths[i%len(lengths)]), Province: []string{"همدان", "فارس"}[i%2], Organization: []string{"استانداری", "شهرداری"}[i/2%2],
			Status: []domain.Status{domain.StatusConfirmed, domain.StatusProposed}[i/4%2]}
		if i%9 == 0 {
			e.StartTime = "09:30"
		}
		if i%11 == 0 {
			e.Kind, e.Occasion = domain.KindOccasion, "pr-day"
		}
		evs = append(evs, e)
	}
	if _, err := uc(d).ImportEvents(ctx, evs); err != nil {
		t.Fatal(err)
	}
	// The use cases refuse an event of more than a year; an older file
	// may hold some.
	if _, err := d.w.ExecContext(ctx, `UPDATE events SET end_date = date(start_date, '+700 days') WHERE id % 50 = 7`); err != nil {
		t.Fatal(err)
	}
	filters := []domain.EventFilter{{}, {Province: "همدان"}, {Organization: "شهرداری"}, {Kind: domain.KindMeeting},
		{Statuses: []domain.Status{domain.StatusConfirmed, domain.StatusProposed}},
		{Province: "فارس", Statuses: []domain.Status{domain.StatusProposed}}}
	naive := func(f domain.EventFilter, from, to jalali.Date) []int64 {
		where, args := filterSQL(f)
		ids, err := eventIDs(ctx, d.db, `SELECT id FROM events NOT INDEXED WHERE `+where+
			` AND repeat = '' AND start_date <= ? AND coalesce(end_date, start_date) >= ? ORDER BY start_date, start_time, id`,
			append(args, to.ISO(), from.ISO())...)
		if err != nil {
			t.Fatal(err)
		}
		return ids
	}
	reached := 0
	for _, f := range filters {
		for m := range 48 {
			y, mo := jalali.AddMonths(1402, 1, m)
			g, err := jalali.MonthGrid(y, mo)
			if err != nil {
				t.Fatal(err)
			}
			from, to := g.First(), g.Last()
			want := naive(f, from, to)
			briefs, err := d.BriefsBetween(ctx, from, to, f)
			if err != nil {
				t.Fatal(err)
			}
			got := make([]int64, len(briefs))
			for i, b := range briefs {
				got[i] = b.ID
				if b.From < from.Ordinal() {
					reached++
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("%+v %d/%d: briefs %v, want %v", f, y, mo, got, want)
			}
			events, err := d.EventsBetween(ctx, from, to, f)
			if err != nil {
				t.Fatal(err)
			}
			got = got[:0]
			for _, e := range events {
				got = append(got, e.ID)
			}
			if !slices.Equal(got, want) {
				t.Errorf("%+v %d/%d: events %v, want %v", f, y, mo, got, want)
			}
		}
		for y := 1402; y <= 1405; y++ {
			from, to := jalali.MustNew(y, 1, 1), jalali.MustNew(y, 12, 1).LastOfMonth()
			counts, others, err := d.DayCounts(ctx, from, to, f)
			if err != nil {
				t.Fatal(err)
			}
			n := len(others)
			for _, c := range counts {
				n += c
			}
			var got []int64
			for _, b := range others {
				got = append(got, b.ID)
			}
			want := naive(f, from, to)
			if n != len(want) || len(slices.DeleteFunc(got, func(id int64) bool { return slices.Contains(want, id) })) > 0 {
				t.Errorf("%+v %d: %d counted, want %d; briefs not in the naive read: %v", f, y, n, len(want), got)
			}
		}
	}
	if reached < 200 {
		t.Errorf("only %d events read from before their month", reached)
	}
}

// TestLookbackArgs checks each class is read back as far as its longest
// event can start and still reach the range, and no further than the
// longest event stored.
func TestLookbackArgs(t *testing.T) {
	from := jalali.MustNew(1404, 1, 1)
	for _, tt := range []struct {
		longest int
		back    []int
	}{
		{0, []int{0}}, {1, []int{1}}, {5, []int{1, 3, 5}}, {41, []int{1, 3, 7, 15, 31, 41}},
		{300, []int{1, 3, 7, 15, 31, 63, 127, 255, 300}}, {5000, []int{1, 3, 7, 15, 31, 63, 127, 255, 5000}},
	} {
		got := lookbackArgs(from, tt.longest)
		want := make([]any, len(tt.back))
		for i, b := range tt.back {
			want[i] = from.AddDays(-b).ISO()
		}
		if !slices.Equal(got, want) {
			t.Errorf("longest %d: %v, want %v", tt.longest, got, want)
		}
	}
	for n, c := range map[int]int{0: 0, 1: 1, 2: 2, 3: 2, 4: 3, 7: 3, 8: 4, 255: 8, 256: 9, 10000: 9} {
		if got := classOf(n); got != c {
			t.Errorf("class of %d days: %d, want %d", n, got, c)
		}
	}
}

// TestOutlinesPlan checks a month's outlines (BriefsShown) read the events
// that start in it from events_month (alone, never the table:
// TestPackedIndexes), and the lookback by class.
func TestOutlinesPlan(t *testing.T) {
	d := open(t)
	fill(t, d, 300)
	for _, f := range []domain.EventFilter{{}, {Kind: domain.KindMeeting}, {Statuses: []domain.Status{domain.StatusConfirmed, domain.StatusProposed}}} {
		where, args := filterSQL(f)
		got := plan(t, d, outlinesQuery(where, 3), rangeArgs(args, jalali.MustNew(1403, 1, 1), jalali.MustNew(1403, 2, 10), 5)...)
		for _, w := range []string{"USING INDEX events_month (status=? AND start_date>? AND start_date<?)",
			"USING INDEX events_spans_by_class (status=? AND <expr>=? AND start_date>? AND start_date<?)"} {
			if !strings.Contains(got, w) {
				t.Errorf("%+v: plan lacks %q:\n%s", f, w, got)
			}
		}
	}
}
