package sqlite

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// TestDayCountsAreTheYearsBriefs checks that DayCounts finds the events of
// BriefsBetween, the one-day ones counted by day and the others (several
// days, naming an occasion, series) as briefs, with and without filters.
func TestDayCountsAreTheYearsBriefs(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	fill(t, d, 600)
	day := jalali.MustNew(1403, 5, 10)
	named := []domain.Event{{Title: "روز خبرنگار", Kind: domain.KindOccasion, Occasion: "journalists-day", Start: day, End: day, Province: "همدان"}}
	if _, err := uc(d).ImportEvents(ctx, named); err != nil {
		t.Fatal(err)
	}
	from, to := jalali.MustNew(1403, 1, 1), jalali.MustNew(1403, 12, 30)
	for _, f := range []domain.EventFilter{{}, {Province: "همدان"}, {Kind: domain.KindMeeting},
		{Statuses: []domain.Status{domain.StatusConfirmed, domain.StatusProposed}}} {
		briefs, err := d.BriefsBetween(ctx, from, to, f)
		if err != nil {
			t.Fatal(err)
		}
		counts, others, err := d.DayCounts(ctx, from, to, f)
		if err != nil {
			t.Fatal(err)
		}
		if len(counts) != to.Ordinal()-from.Ordinal()+1 {
			t.Fatalf("%+v: %d counts for %d days", f, len(counts), to.Ordinal()-from.Ordinal()+1)
		}
		want, got := make([]int, len(counts)), slices.Clone(counts)
		var wantSeries, gotSeries []int64
		for _, list := range []struct {
			briefs []domain.Brief
			counts []int
			series *[]int64
		}{{briefs, want, &wantSeries}, {others, got, &gotSeries}} {
			for _, b := range list.briefs {
				if b.Repeats() {
					*list.series = append(*list.series, b.ID)
					continue
				}
				for n := max(b.From, from.Ordinal()); n <= min(b.To, to.Ordinal()); n++ {
					list.counts[n-from.Ordinal()]++
				}
			}
		}
		slices.Sort(wantSeries)
		slices.Sort(gotSeries)
		total := 0
		for _, n := range counts {
			total += n
		}
		if !slices.Equal(got, want) || !slices.Equal(gotSeries, wantSeries) || total == 0 {
			t.Errorf("%+v: day counts differ from the briefs' (%d counted by SQL; series %v, want %v)", f, total, gotSeries, wantSeries)
		}
		if f.Kind == "" && !slices.ContainsFunc(others, func(b domain.Brief) bool { return b.Occasion == "journalists-day" }) {
			t.Errorf("%+v: the event naming an occasion is not among the briefs", f)
		}
	}
}

// TestDayCountsPlans checks that the year's counts read the partial
// indexes of migration 0020 (the one-day events' without the table), or a
// filter's own index, never the whole events table nor a sort.
func TestDayCountsPlans(t *testing.T) {
	d := open(t)
	fill(t, d, 300)
	for _, tt := range []struct {
		f    domain.EventFilter
		want []string
	}{
		{domain.EventFilter{}, []string{"COVERING INDEX events_one_day (status=? AND start_date>? AND start_date<?)",
			"INDEX events_spans (status=? AND start_date>? AND start_date<?)",
			"INDEX events_spans_by_class (status=? AND <expr>=? AND start_date>? AND start_date<?)"}},
		{domain.EventFilter{Statuses: []domain.Status{domain.StatusConfirmed, domain.StatusProposed}},
			[]string{"COVERING INDEX events_one_day (status=? AND start_date>? AND start_date<?)", "INDEX events_spans"}},
		{domain.EventFilter{Province: "همدان"}, []string{"COVERING INDEX events_province_month (province_key=? AND status=? AND start_date>? AND start_date<?)",
			"INDEX events_spans_by_province (province_key=? AND status=? AND <expr>=? AND start_date>? AND start_date<?)"}},
	} {
		where, args := filterSQL(tt.f)
		indexed := tt.f.Province == ""
		got := plan(t, d, oneDayCountsQuery(where, indexed), append(slices.Clone(args), "2024-03-20", "2025-03-20")...) + "\n" +
			plan(t, d, spanningBriefsQuery(where, indexed, 3), rangeArgs(args, jalali.MustNew(1403, 1, 1), jalali.MustNew(1403, 12, 30), 5)...)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%+v: plan lacks %q:\n%s", tt.f, w, got)
			}
		}
		if strings.Contains(got, "SCAN events") || strings.Contains(got, "TEMP B-TREE") {
			t.Errorf("%+v: plan scans or sorts:\n%s", tt.f, got)
		}
	}
}
