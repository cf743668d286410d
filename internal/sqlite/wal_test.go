package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// TestWALStaysBounded: under continuous reads (four readers scanning every
// event, back to back) and writes (1,200 new events, about 50 MB of log:
// without the checkpointer the log grew past 60 MB and never shrank), the
// write-ahead log stays within a few times its limit, and once writing
// stops it is emptied.
func TestWALStaysBounded(t *testing.T) {
	const limit = 2 << 20
	ctx := context.Background()
	d, err := openWith(ctx, filepath.Join(t.TempDir(), "wal.db"), options{checkpointEvery: 200 * time.Millisecond, walLimit: limit})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	for _, q := range []*DB{{db: d.db}, {db: d.w}} {
		var n int64
		if err := q.db.QueryRowContext(ctx, `PRAGMA journal_size_limit`).Scan(&n); err != nil || n != limit {
			t.Errorf("journal_size_limit: %d, %v; want %d", n, err, limit)
		}
	}
	evs := make([]domain.Event, 2000)
	for i := range evs {
		day := jalali.MustNew(1403, 1, 1).AddDays(i % 300)
		evs[i] = domain.Event{UID: NewUID(), Title: "نشست خبری " + jalali.FaNum(i), Kind: domain.KindMeeting, Status: domain.StatusConfirmed,
			Start: day, End: day, Precision: domain.PrecisionDay, Description: strings.Repeat("شرح برنامه ", 40)}
	}
	if _, err := d.ImportEvents(ctx, evs, nil); err != nil {
		t.Fatal(err)
	}

	stop := make(chan struct{})
	var readers sync.WaitGroup
	for range 4 {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if err := d.EachEvent(ctx, domain.EventFilter{}, func(domain.Event) error { return nil }); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	var peak int64
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		for {
			peak = max(peak, d.walSize())
			select {
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}()
	start := time.Now()
	for i := range 1200 {
		e := evs[i]
		e.ID, e.UID = 0, NewUID()
		if err := d.CreateEvent(ctx, &e); err != nil {
			t.Fatal(err)
		}
	}
	took := time.Since(start)
	close(stop)
	readers.Wait()
	<-sampled
	t.Logf("1,200 writes beside 4 readers in %s; the log peaked at %.1f MB (limit %d MB)", took.Round(time.Millisecond), float64(peak)/(1<<20), limit>>20)
	if peak > 8*limit {
		t.Errorf("the write-ahead log grew to %.1f MB under reads and writes, limit %d MB", float64(peak)/(1<<20), limit>>20)
	}
	// Idle: the next looks empty the log.
	for deadline := time.Now().Add(5 * time.Second); d.walSize() > 0; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the write-ahead log is still %d bytes after the writes stopped", d.walSize())
		}
	}
	var n int
	if err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM events`).Scan(&n); err != nil || n != 3200 {
		t.Errorf("%d events (%v), want 3200", n, err)
	}
}

// TestCheckpointModes: Checkpoint takes SQLite's four modes and no other.
func TestCheckpointModes(t *testing.T) {
	d := open(t)
	for _, mode := range []string{"PASSIVE", "FULL", "RESTART", "TRUNCATE"} {
		if busy, err := d.Checkpoint(context.Background(), mode); err != nil || busy {
			t.Errorf("%s: busy %v, %v", mode, busy, err)
		}
	}
	if _, err := d.Checkpoint(context.Background(), "TRUNCATE); DROP TABLE events; --"); err == nil {
		t.Error("an unknown mode was run")
	}
	if _, err := os.Stat(d.path + "-wal"); err != nil {
		t.Errorf("after TRUNCATE: %v (the log is emptied, not removed)", err)
	}
	if s := d.walSize(); s != 0 {
		t.Errorf("after TRUNCATE the log is %d bytes", s)
	}
}
