package web

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/views"
)

// TestPlanBarsAsRowBars: the week's all-day row laid out from briefs, a
// bounded number of pieces (planBars, fewPieces), is the row laid out from
// every event on every day (rowBars): the same bars in the same lanes, the
// same counts left out, for weeks of a few events to hundreds covering the
// same days.
func TestPlanBarsAsRowBars(t *testing.T) {
	cal := calendar.Official()
	first := jalali.MustNew(1403, 2, 15) // a Saturday
	last := first.AddDays(6)
	cut := 0 // rounds where fewPieces left some pieces out
	for round := range 60 {
		rng := rand.New(rand.NewPCG(uint64(round), 18))
		n := 1 + rng.IntN(3+round*8)
		events := make([]domain.Event, n)
		for i := range events {
			start := first.AddDays(rng.IntN(9) - 2)
			e := domain.Event{ID: int64(i + 1), Title: "رویداد", Kind: domain.Kinds[rng.IntN(4)], Start: start,
				End: start.AddDays([]int{0, 0, 1, 2, 6}[rng.IntN(5)]), Status: domain.StatusConfirmed}
			if rng.IntN(4) == 0 {
				e.StartTime = "10:00"
			}
			events[i] = e
		}
		briefs := make([]domain.Brief, n)
		for i, e := range events {
			briefs[i] = domain.BriefOf(e)
		}
		want, wantMore := rowBars(cal.Days(first, last, events, nil), allDay)
		m := newMonthPlan(cal, briefs, cal.Days(first, last, nil, nil), first.Ordinal(), first, last)
		got, gotMore := planBars(m)
		same := map[[2]int]int{}
		for _, o := range m.occs {
			if !isTimed(o) {
				same[[2]int{max(o.from, m.first), min(o.to, m.first+6)}]++
			}
		}
		for _, k := range same {
			if k > barLanes+1 {
				cut++
				break
			}
		}
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotMore, wantMore) {
			t.Fatalf("round %d, %d events: bars\n%v (more %v), want\n%v (more %v)", round, n, got, gotMore, want, wantMore)
		}
	}
	if cut < 10 {
		t.Errorf("fewPieces left pieces out in %d rounds only", cut)
	}
}

// TestPlanTimeGridAsBuildTimeGrid: a week whose days hold timedCap timed
// events or fewer draws its hours from briefs (planTimeGrid) as it drew
// them from every event on every day (buildTimeGrid): the same hours, the
// same blocks in the same places, none left out.
func TestPlanTimeGridAsBuildTimeGrid(t *testing.T) {
	cal := calendar.Official()
	first := jalali.MustNew(1403, 2, 15)
	last := first.AddDays(6)
	for round := range 40 {
		rng := rand.New(rand.NewPCG(uint64(round), 24))
		var events []domain.Event
		for d := range 7 {
			for i := range rng.IntN(timedCap + 1) {
				h := 6 + rng.IntN(14)
				e := domain.Event{ID: int64(100*d + i + 1), Title: "جلسه", Kind: domain.KindMeeting, Start: first.AddDays(d),
					StartTime: clock(h*60 + 30*rng.IntN(2)),
					Status:    domain.StatusConfirmed}
				e.End = e.Start
				if rng.IntN(2) == 0 {
					e.EndTime = clock(min(h+1+rng.IntN(4), 23) * 60)
				}
				events = append(events, e)
			}
		}
		briefs := make([]domain.Brief, len(events))
		for i, e := range events {
			briefs[i] = domain.BriefOf(e)
		}
		days := cal.Days(first, last, events, nil)
		want := buildTimeGrid(days, make([]views.DayCell, 7))
		m := newMonthPlan(cal, briefs, cal.Days(first, last, nil, nil), first.Ordinal(), first, last)
		got := planTimeGrid(m, make([]views.DayCell, 7))
		if got.More != nil || !reflect.DeepEqual(got.Timed, want.Timed) || !reflect.DeepEqual(got.Hours, want.Hours) || got.Slots != want.Slots {
			t.Fatalf("round %d: hours %v, slots %d, more %v, timed\n%v\nwant hours %v, slots %d, timed\n%v", round, got.Hours, got.Slots, got.More, got.Timed,
				want.Hours, want.Slots, want.Timed)
		}
	}
}
