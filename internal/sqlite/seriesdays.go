package sqlite

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// A day or week page asks which series touch its few days. seriesBriefs
// answers by placing each of a filter's series that has not ended (about
// 2,500 at national size) on the official calendar, on every page: 60% of
// a cold day page's time, and ten times more with ten times the data
// (issue 18). The answer changes only with the data, so it is kept per
// data version, by blocks of chunkDays days: for each day of a block, the
// series with an occurrence touching it (a Hijri series' widened by
// hijriSlack, as seriesTouches widens the range). A page then reads the
// series of its days alone, as many as take place on them; the first
// page of a block places the filter's series once for its chunkDays days.
const (
	chunkDays = 32
	// seriesDayChunks bounds the blocks kept (for all filters): about
	// 30 series a day at national size, a few kilobytes a block.
	seriesDayChunks = 2048
)

// seriesDays is the blocks placed at one data version, by filter and
// block (seriesChunk).
type seriesDays struct {
	mu      sync.Mutex
	version int64
	chunks  map[string]*seriesChunk
	builds  int // the blocks placed (tests)
}

// seriesChunk is one filter's series placed on the chunkDays days of a
// block: days[i] holds the places in all of those touching its day i.
// ready is closed when all, days and err are set.
type seriesChunk struct {
	ready chan struct{}
	all   []domain.Brief // the filter's series (allSeries), as placed
	days  [chunkDays][]int32
	err   error
}

// seriesOn returns what seriesBriefs returns (the series matching where
// some occurrence of which touches from..to, each with a rule of its own),
// from the blocks of days kept for the data version (seriesDays). span is
// the longest any event lasts beyond its first day.
func (d *DB) seriesOn(ctx context.Context, where string, args []any, from, to jalali.Date, span int) ([]domain.Brief, error) {
	lo, hi := from.Ordinal(), to.Ordinal()
	var out []domain.Brief
	var seen map[int64]bool
	for c := floorDiv(lo, chunkDays); c <= floorDiv(hi, chunkDays); c++ {
		ch, err := d.seriesChunk(ctx, where, args, c, span)
		if err != nil {
			return nil, err
		}
		first := c * chunkDays
		for n := max(lo, first); n <= min(hi, first+chunkDays-1); n++ {
			for _, i := range ch.days[n-first] {
				b := ch.all[i]
				if lo != hi { // a day's are distinct, a range's may repeat
					if seen == nil {
						seen = map[int64]bool{}
					}
					if seen[b.ID] {
						continue
					}
					seen[b.ID] = true
				}
				r := *b.Repeat // the memo's own stays unshared
				b.Repeat = &r
				out = append(out, b)
			}
		}
	}
	return out, nil
}

// seriesChunk returns block c (days c×chunkDays onwards) of the series
// matching where at the current data version: placed at most once per
// version, however many pages ask at once.
func (d *DB) seriesChunk(ctx context.Context, where string, args []any, c, span int) (*seriesChunk, error) {
	v, _, err := d.DataVersion(ctx)
	if err != nil {
		return nil, err
	}
	key := memoKey(c, where, args)
	m := &d.seriesDays
	m.mu.Lock()
	if m.version != v || m.chunks == nil || len(m.chunks) >= seriesDayChunks {
		m.version, m.chunks = v, map[string]*seriesChunk{}
	}
	ch, found := m.chunks[key]
	if !found {
		ch = &seriesChunk{ready: make(chan struct{})}
		m.chunks[key] = ch
		m.builds++
	}
	m.mu.Unlock()
	if found {
		select {
		case <-ch.ready:
			return ch, ch.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	ch.all, _, ch.err = d.allSeries(context.WithoutCancel(ctx), where, args)
	if ch.err == nil {
		ch.place(c, span)
	}
	close(ch.ready)
	if ch.err != nil {
		// Not kept: the next page reads again.
		m.mu.Lock()
		if m.chunks[key] == ch {
			delete(m.chunks, key)
		}
		m.mu.Unlock()
	}
	return ch, ch.err
}

// place sets the days of block c: for each series, its occurrences that
// touch the block (widened by hijriSlack for a Hijri series), each marking
// the days it touches. A series seriesBriefs would leave out by its
// numbers (starting after the range, ended before it) is left out of a
// day as it would be of a range of that one day.
func (ch *seriesChunk) place(c, span int) {
	first := c * chunkDays
	last := first + chunkDays - 1
	cal := calendar.Official()
	for i := range ch.all {
		b := &ch.all[i]
		if b.From > last+hijriSlack || !b.Repeat.Until.IsZero() && b.Repeat.Until.Ordinal() < first-span-hijriSlack {
			continue
		}
		slack := 0
		if b.Repeat.Kind == domain.RepeatYearlyHijri {
			slack = hijriSlack
		}
		for _, s := range cal.EventSpans(b.Event(), jalali.FromOrdinal(first-slack), jalali.FromOrdinal(last+slack)) {
			for n := max(s.Start.Ordinal()-slack, first); n <= min(s.End.Ordinal()+slack, last); n++ {
				// seriesBriefs' test by numbers, for a range of day n.
				if b.From > n+hijriSlack || !b.Repeat.Until.IsZero() && b.Repeat.Until.Ordinal() < n-span-hijriSlack {
					continue
				}
				if day := ch.days[n-first]; len(day) == 0 || day[len(day)-1] != int32(i) {
					ch.days[n-first] = append(day, int32(i))
				}
			}
		}
	}
	for i := range ch.days {
		ch.days[i] = slices.Clip(ch.days[i])
	}
}

// floorDiv is a÷b rounded down (day numbers before 1970 are negative).
func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// memoKey is the key of what a memo keeps for a query's condition where
// with args, and a number (a block of days, a bound).
func memoKey(n int, where string, args []any) string {
	var key strings.Builder
	fmt.Fprintf(&key, "%d\x00%s", n, where)
	for _, a := range args {
		fmt.Fprintf(&key, "\x00%v", a)
	}
	return key.String()
}
