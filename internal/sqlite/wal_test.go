package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/app"
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
	if _, err := d.ImportEvents(ctx, evs, app.ImportRules{}); err != nil {
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
				if err := d.EachEvent(ctx, domain.EventFilter{}, false, func(domain.Event, string) error { return nil }); err != nil {
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

// TestReplicatedCheckpointsArePassive (issue 18): beside Litestream, which
// holds a read transaction open on the file (here a plain connection does,
// as Litestream v0.3 does: BEGIN, then a read), the checkpointer never
// runs a checkpoint that waits for readers or starts the log over, after
// writes or idle; without Replicated its idle look truncates, which that
// reader keeps from finishing.
func TestReplicatedCheckpointsArePassive(t *testing.T) {
	for _, replicated := range []bool{true, false} {
		t.Run(map[bool]string{true: "replicated", false: "alone"}[replicated], func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "replicated.db")
			type look struct {
				mode string
				busy bool
			}
			looks := make(chan look, 1000)
			opt := options{checkpointEvery: 20 * time.Millisecond, walLimit: 1 << 20, replicated: replicated,
				checkpointed: func(mode string, busy bool) {
					select {
					case looks <- look{mode, busy}:
					default:
					}
				}}
			d, err := openWith(ctx, path, opt)
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			// Litestream's reader, on a connection of its own.
			reader, err := openRaw(path, "ro", time.Second)
			if err != nil {
				t.Fatal(err)
			}
			defer reader.Close()
			rtx, err := reader.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer rtx.Rollback()
			var n int
			if err := rtx.QueryRowContext(ctx, `SELECT count(*) FROM events`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			day := jalali.MustNew(1403, 1, 1)
			for i := range 50 {
				e := domain.Event{UID: NewUID(), Title: "جلسه " + jalali.FaNum(i), Kind: domain.KindMeeting, Status: domain.StatusConfirmed,
					Start: day, End: day, Precision: domain.PrecisionDay, Description: strings.Repeat("شرح ", 200)}
				if err := d.CreateEvent(ctx, &e); err != nil {
					t.Fatal(err)
				}
			}
			// The writes are done: the looks from here on are idle ones
			// (the first may still count the last writes).
			for range len(looks) {
				<-looks
			}
			var seen []look
			for len(seen) < 3 {
				seen = append(seen, <-looks)
			}
			for _, l := range seen[1:] {
				switch {
				case replicated && l.mode != "PASSIVE":
					t.Errorf("beside Litestream the checkpointer ran %s", l.mode)
				case !replicated && (l.mode != "TRUNCATE" || !l.busy):
					t.Errorf("alone, an idle look ran %s (busy %v); want TRUNCATE, kept from finishing by the reader", l.mode, l.busy)
				}
			}
			if d.walSize() == 0 {
				t.Error("the log was emptied under a reader")
			}
		})
	}
}

// TestCheckpointMode: the checkpointer's choice.
func TestCheckpointMode(t *testing.T) {
	for _, tt := range []struct {
		size       int64
		idle, repl bool
		want       string
	}{
		{0, true, false, ""},
		{0, false, true, ""},
		{100, false, false, "PASSIVE"},
		{100, true, false, "TRUNCATE"},
		{2000, false, false, "TRUNCATE"},
		{100, true, true, "PASSIVE"},
		{2000, false, true, "PASSIVE"},
		{2000, true, true, "PASSIVE"},
	} {
		if got := checkpointMode(tt.size, 1000, tt.idle, tt.repl); got != tt.want {
			t.Errorf("size %d idle %v replicated %v: %q, want %q", tt.size, tt.idle, tt.repl, got, tt.want)
		}
	}
}

// TestReplicatedLeavesAutocheckpointsToLitestream: beside Litestream the
// writer never checkpoints on its own after 1,000 pages; alone it does.
func TestReplicatedLeavesAutocheckpointsToLitestream(t *testing.T) {
	for _, replicated := range []bool{true, false} {
		var opts []Option
		if replicated {
			opts = append(opts, Replicated())
		}
		d, err := Open(context.Background(), filepath.Join(t.TempDir(), "auto.db"), opts...)
		if err != nil {
			t.Fatal(err)
		}
		var pages int
		if err := d.w.QueryRowContext(context.Background(), `PRAGMA wal_autocheckpoint`).Scan(&pages); err != nil {
			t.Fatal(err)
		}
		d.Close()
		if want := map[bool]int{true: 0, false: 1000}[replicated]; pages != want {
			t.Errorf("replicated %v: wal_autocheckpoint %d, want %d", replicated, pages, want)
		}
	}
}
