package web

import (
	"bytes"
	"context"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/sqlite"
	"github.com/ruydad/ruydad/views"
)

// TestMonthShownPagesSame fills months far past what their cells show
// (forty events a day, of one to nine days, timed or not, proposed ones,
// a series, events repeating an official occasion) and checks that the
// month body built from BriefsShown, which reads the titles of the events
// the page shows only, is byte for byte the body built from every event
// read whole (BriefsBetween), for each filter and several chosen days; and
// that most titles were indeed left unread.
func TestMonthShownPagesSame(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "shown.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	first := jalali.MustNew(1403, 1, 20)
	var evs []domain.Event
	for i := range 1800 {
		start := first.AddDays(i % 45)
		e := domain.Event{Title: "رویداد شلوغ " + jalali.FaNum(i), Kind: domain.Kinds[i%len(domain.Kinds)], Start: start,
			End: start.AddDays([]int{0, 0, 0, 1, 2, 4, 8}[i%7]), Province: []string{"همدان", "فارس"}[i%2], Status: domain.StatusConfirmed}
		if i%3 == 0 {
			e.StartTime, e.EndTime = "09:30", "11:00"
		}
		if i%5 == 0 {
			e.Status = domain.StatusProposed
		}
		evs = append(evs, e)
	}
	evs = append(evs,
		domain.Event{Title: "روز ملی ارتباطات", Kind: domain.KindOccasion, Occasion: "pr-day", Start: jalali.MustNew(1403, 2, 27), Status: domain.StatusConfirmed},
		domain.Event{Title: "جلسهٔ هفتگی", Kind: domain.KindMeeting, Start: jalali.MustNew(1403, 1, 4), Status: domain.StatusConfirmed,
			Repeat: domain.Repeat{Kind: domain.RepeatWeekly, Interval: 1, Days: domain.WeekdaysOf(jalali.Saturday, jalali.Tuesday)}})
	a := app.Over(db, app.Options{})
	if _, err := a.ImportEvents(ctx, evs); err != nil {
		t.Fatal(err)
	}
	st, err := a.Calendar(ctx)
	if err != nil {
		t.Fatal(err)
	}
	today := jalali.MustNew(1403, 2, 10)
	skipped, taken := 0, 0
	for _, m := range [][2]int{{1403, 1}, {1403, 2}} {
		g, err := monthGrid(m[0], m[1])
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []calFilter{{}, {proposed: true, drafts: true, write: true}, {kind: domain.KindMeeting}, {province: "همدان"}} {
			for _, day := range []int{1, 10, 27} {
				chosen := jalali.MustNew(m[0], m[1], day)
				render := func(events []domain.Brief, laid *monthLayout) []byte {
					var b bytes.Buffer
					if err := views.MonthBody(buildMonth(g, events, st, today, chosen, f, laid)).Render(ctx, &b); err != nil {
						t.Fatal(err)
					}
					return b.Bytes()
				}
				whole, err := db.BriefsBetween(ctx, g.First(), g.Last(), f.events())
				if err != nil {
					t.Fatal(err)
				}
				shown, err := db.BriefsShown(ctx, g.First(), g.Last(), f.events(), monthShown(g, st, chosen, nil))
				if err != nil {
					t.Fatal(err)
				}
				if len(shown) != len(whole) {
					t.Fatalf("%v %+v: %d events shown, %d whole", m, f, len(shown), len(whole))
				}
				for i := range shown {
					if shown[i].Title == "" {
						skipped++
						shown[i].Title, shown[i].EndTime = whole[i].Title, whole[i].EndTime
					}
					if shown[i].Repeats() != whole[i].Repeats() || shown[i].Repeats() && *shown[i].Repeat != *whole[i].Repeat {
						t.Fatalf("%v %+v: event %d: rule %+v, want %+v", m, f, whole[i].ID, shown[i].Repeat, whole[i].Repeat)
					}
					shown[i].Repeat, whole[i].Repeat = nil, nil
					if shown[i] != whole[i] {
						t.Fatalf("%v %+v: event %d:\n got %+v\nwant %+v", m, f, i, shown[i], whole[i])
					}
				}
				// The page as handleMonth builds it: from the events
				// shown, with the placing monthShown made of them.
				var laid monthLayout
				shown, err = db.BriefsShown(ctx, g.First(), g.Last(), f.events(), monthShown(g, st, chosen, &laid))
				if err != nil {
					t.Fatal(err)
				}
				whole, err = db.BriefsBetween(ctx, g.First(), g.Last(), f.events())
				if err != nil {
					t.Fatal(err)
				}
				if got, want := render(shown, &laid), render(whole, nil); !bytes.Equal(got, want) {
					t.Errorf("%v %+v, day %d: the page from the events shown differs from the page from all of them", m, f, day)
				}
				// Taken when the grid's days replaced the plan's (the
				// month's occasion repeated by an event makes buildMonth
				// place a copy of the briefs anew).
				if laid.plan != nil && !laid.plan.days[len(laid.plan.days)/2].Date.IsZero() {
					taken++
				}
			}
		}
	}
	if skipped < 5000 || taken < 12 {
		t.Errorf("only %d titles left unread, %d placings taken again", skipped, taken)
	}
}

// TestLayBarsKeepsShownLanes checks layBars, which keeps only the lanes
// shown, lays out rows as keeping every lane did (layBarsEveryLane): the
// same lanes for the bars shown, the same bars hidden, the same counts,
// over rows of a few to two hundred random pieces.
func TestLayBarsKeepsShownLanes(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 2026))
	for n := range 400 {
		cols := 7
		ps := make([]piece, 1+n/2)
		for i := range ps {
			from := rng.IntN(cols)
			ps[i] = piece{i: i, from: from, to: min(from+rng.IntN(4)*rng.IntN(2), cols-1)}
		}
		want := slices.Clone(ps)
		wantHidden, wantMore := layBarsEveryLane(want, cols)
		hidden, more := layBars(ps, cols)
		if !slices.Equal(hidden, wantHidden) || !slices.Equal(more, wantMore) {
			t.Fatalf("%d pieces: hidden %v more %v, want %v %v", len(ps), hidden, more, wantHidden, wantMore)
		}
		for i := range ps {
			if ps[i].i != want[i].i || !hidden[i] && ps[i].lane != want[i].lane {
				t.Fatalf("%d pieces: piece %d: %+v, want %+v", len(ps), i, ps[i], want[i])
			}
		}
	}
}

// TestRowPiecesInOrder checks a month plan's rows are made in layBars'
// order (so that it has nothing to sort): the pieces of each row, random
// occurrences over and across it, as sorting them (stably, by first
// column, the longer first) from the occurrences' order gives them.
func TestRowPiecesInOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 2027))
	for n := range 200 {
		m := &monthPlan{first: 1000}
		for range n * 3 {
			from := 990 + rng.IntN(50)
			b := &domain.Brief{ID: int64(len(m.occs))}
			m.occs = append(m.occs, occurrence{b: b, from: from, to: from + rng.IntN(3)*rng.IntN(6)})
		}
		for w := range 6 {
			start := m.first + 7*w
			var want []piece
			for i, o := range m.occs {
				if o.to >= start && o.from <= start+6 {
					want = append(want, piece{i: i, from: max(o.from-start, 0), to: min(o.to-start, 6)})
				}
			}
			slices.SortStableFunc(want, byFirstColumn)
			ps := m.rowPieces(w)
			if len(ps) != len(want) {
				t.Fatalf("%d occurrences, row %d: %d pieces, want %d", len(m.occs), w, len(ps), len(want))
			}
			for i := range ps {
				if ps[i].i != want[i].i || ps[i].from != want[i].from || ps[i].to != want[i].to {
					t.Fatalf("%d occurrences, row %d: piece %d is %+v, want %+v", len(m.occs), w, i, ps[i], want[i])
				}
			}
		}
	}
}

// layBarsEveryLane is layBars as it was, every lane kept.
func layBarsEveryLane(ps []piece, cols int) (hidden []bool, more []int) {
	slices.SortStableFunc(ps, func(a, b piece) int {
		if a.from != b.from {
			return a.from - b.from
		}
		return (b.to - b.from) - (a.to - a.from)
	})
	var used [][]bool
	for i := range ps {
		p := &ps[i]
		p.lane = len(used)
		for l, row := range used {
			if !slices.Contains(row[p.from:p.to+1], true) {
				p.lane = l
				break
			}
		}
		if p.lane == len(used) {
			used = append(used, make([]bool, cols))
		}
		for c := p.from; c <= p.to; c++ {
			used[p.lane][c] = true
		}
	}
	more = make([]int, cols)
	hidden = make([]bool, len(ps))
	if len(used) > barLanes {
		full := make([]bool, cols)
		for i, p := range ps {
			if p.lane >= barLanes {
				hidden[i] = true
				for c := p.from; c <= p.to; c++ {
					full[c] = true
				}
			}
		}
		for i, p := range ps {
			if p.lane == barLanes-1 && slices.Contains(full[p.from:p.to+1], true) {
				hidden[i] = true
			}
		}
		for i, p := range ps {
			if hidden[i] {
				for c := p.from; c <= p.to; c++ {
					more[c]++
				}
			}
		}
	}
	return hidden, more
}
