package sqlite

import (
	"context"
	"sync"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// TestSeriesReadOncePerVersion: the pages of many days, asked for at once,
// read a filter's series from the database once; a change to the data is
// seen by the next page (a new series placed, an ended one gone), and a
// filter has its own series.
func TestSeriesReadOncePerVersion(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	weekly := domain.Event{Title: "جلسه هفتگی", Kind: domain.KindMeeting, Start: jalali.MustNew(1403, 1, 4), Province: "همدان",
		Repeat: domain.Repeat{Kind: domain.RepeatWeekly, Days: domain.WeekdaysOf(jalali.Saturday)}}
	if _, err := uc(d).ImportEvents(ctx, []domain.Event{weekly}); err != nil {
		t.Fatal(err)
	}
	day := func(i int) jalali.Date { return jalali.MustNew(1403, 2, 1).AddDays(i) }
	seriesOn := func(f domain.EventFilter, on jalali.Date) int {
		t.Helper()
		briefs, err := d.BriefsBetween(ctx, on, on, f)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, b := range briefs {
			if b.Repeats() {
				n++
			}
		}
		return n
	}
	before := d.series.reads.Load()
	var wg sync.WaitGroup
	counts := make([]int, 60)
	for i := range counts {
		wg.Go(func() { counts[i] = seriesOn(domain.EventFilter{}, day(i)) })
	}
	wg.Wait()
	for i, n := range counts {
		want := 0
		if day(i).Weekday() == jalali.Saturday {
			want = 1
		}
		if n != want {
			t.Errorf("%v (%v): %d series, want %d", day(i), day(i).Weekday(), n, want)
		}
	}
	if reads := d.series.reads.Load() - before; reads != 1 {
		t.Errorf("60 days at once read the series %d times, want once", reads)
	}
	sat := day(0)
	for sat.Weekday() != jalali.Saturday {
		sat = sat.AddDays(1)
	}
	if n := seriesOn(domain.EventFilter{Province: "تهران"}, sat); n != 0 {
		t.Errorf("Tehran's Saturday: %d series, want none", n)
	}
	if n := seriesOn(domain.EventFilter{Province: "همدان"}, sat); n != 1 {
		t.Errorf("Hamedan's Saturday: %d series, want 1", n)
	}
	daily := domain.Event{Title: "سه‌شنبه‌ها", Kind: domain.KindMeeting, Start: jalali.MustNew(1403, 1, 7),
		Repeat: domain.Repeat{Kind: domain.RepeatWeekly, Days: domain.WeekdaysOf(jalali.Saturday, jalali.Tuesday)}}
	if _, err := uc(d).ImportEvents(ctx, []domain.Event{daily}); err != nil {
		t.Fatal(err)
	}
	if n := seriesOn(domain.EventFilter{}, sat); n != 2 {
		t.Errorf("after a new series: %d on a Saturday, want 2", n)
	}
}

// TestLongestSpanOncePerVersion: the longest span is read once per data
// version, and a longer event stored since is found by the next month's
// read (its lookback reaches back to it).
func TestLongestSpanOncePerVersion(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	short := domain.Event{Title: "نشست", Kind: domain.KindMeeting, Start: jalali.MustNew(1403, 1, 10), End: jalali.MustNew(1403, 1, 12)}
	if _, err := uc(d).ImportEvents(ctx, []domain.Event{short}); err != nil {
		t.Fatal(err)
	}
	month := func() []domain.Brief {
		t.Helper()
		briefs, err := d.BriefsBetween(ctx, jalali.MustNew(1403, 3, 1), jalali.MustNew(1403, 3, 31), domain.EventFilter{})
		if err != nil {
			t.Fatal(err)
		}
		return briefs
	}
	before := d.series.spanReads.Load()
	for range 5 {
		if got := month(); len(got) != 0 {
			t.Fatalf("Khordad: %d events, want none", len(got))
		}
	}
	if reads := d.series.spanReads.Load() - before; reads != 1 {
		t.Errorf("five months read the longest span %d times, want once", reads)
	}
	long := domain.Event{Title: "نمایشگاه", Kind: domain.KindFestival, Start: jalali.MustNew(1403, 1, 15), End: jalali.MustNew(1403, 3, 5)}
	if _, err := uc(d).ImportEvents(ctx, []domain.Event{long}); err != nil {
		t.Fatal(err)
	}
	if got := month(); len(got) != 1 || got[0].Title != long.Title {
		t.Errorf("Khordad after an event of two months: %+v, want it", got)
	}
	if reads := d.series.spanReads.Load() - before; reads != 2 {
		t.Errorf("the longest span read %d times, want twice", reads)
	}
}
