package app

import (
	"context"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// cursorStore is a memStore that records how its feed is read: through
// EachEvent's cursor, and how much of the feed had reached its writer when
// each event was given.
type cursorStore struct {
	*memStore
	out    *countingWriter
	cursor int     // EachEvent calls
	lists  int     // calls that return events as a list
	given  []int64 // bytes written when each event was given
}

func (s *cursorStore) EachEvent(ctx context.Context, f domain.EventFilter, sources bool, fn func(domain.Event, string) error) error {
	s.cursor++
	return s.memStore.EachEvent(ctx, f, sources, func(e domain.Event, source string) error {
		s.given = append(s.given, s.out.n)
		return fn(e, source)
	})
}

func (s *cursorStore) EventsBetween(ctx context.Context, from, to jalali.Date, f domain.EventFilter) ([]domain.Event, error) {
	s.lists++
	return s.memStore.EventsBetween(ctx, from, to, f)
}

type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// TestFeedStreamsFromTheStore: a feed is read from its store through one
// cursor and written as it is read: when the store gives its last event,
// nearly all the feed has gone out already (what the writer buffers, not
// the feed, stays in memory), however many events it holds.
func TestFeedStreamsFromTheStore(t *testing.T) {
	ctx := context.Background()
	mem := newMemStore()
	day := jalali.MustNew(1403, 1, 1)
	for i := range 5000 {
		d := day.AddDays(i % 700)
		e := domain.Event{Title: "نشست خبری روابط عمومی " + jalali.FaNum(i), Kind: domain.KindPressConference, Start: d, End: d,
			Status: domain.StatusConfirmed, UID: "e" + jalali.FaNum(i) + "@ruydad", Description: "شرح برنامه برای آزمون خوراک"}
		if err := mem.CreateEvent(ctx, &e); err != nil {
			t.Fatal(err)
		}
	}
	s := &cursorStore{memStore: mem, out: &countingWriter{}}
	a := New(Stores{Events: s, Accounts: mem, Calendar: mem, Occasions: mem}, Options{Now: func() time.Time { return time.Unix(1.7e9, 0) }})
	feed, err := a.Feed(ctx, FeedSpec{FromYear: 1400, ToYear: 1410})
	if err != nil {
		t.Fatal(err)
	}
	if err := feed.Write(ctx, s.out, nil); err != nil {
		t.Fatal(err)
	}
	if s.cursor != 1 || s.lists != 0 || len(s.given) != 5000 || feed.Events != 5000 {
		t.Fatalf("read through %d cursors and %d lists, %d events given, %d written; want one cursor, no list, 5000",
			s.cursor, s.lists, len(s.given), feed.Events)
	}
	last := s.given[len(s.given)-1]
	if held := s.out.n - last; held > s.out.n/50 {
		t.Errorf("when the store gave its last event, %d of the feed's %d bytes had not gone out", held, s.out.n)
	}
}
