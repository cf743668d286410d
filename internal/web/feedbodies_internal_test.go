package web

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
)

// feedOf returns a render writing b, counting its calls in n.
func feedOf(b []byte, n *atomic.Int32) func(context.Context, io.Writer) error {
	return func(_ context.Context, w io.Writer) error {
		n.Add(1)
		for len(b) > 0 { // in pieces, as the iCal writer writes
			k := min(len(b), 10_000)
			if _, err := w.Write(b[:k]); err != nil {
				return err
			}
			b = b[k:]
		}
		return nil
	}
}

// readBody waits for b whole and reads it.
func readBody(t *testing.T, b *feedBody) []byte {
	t.Helper()
	size, err := b.whole(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(io.NewSectionReader(b, 0, size))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestFeedBodiesRenderOncePerVersion: many requests for one feed wait for
// one render; a new data version renders again; a large body goes to a
// file, which is closed once the last holder lets go.
func TestFeedBodiesRenderOncePerVersion(t *testing.T) {
	f := newFeedBodies(1<<20, 64<<20, 2, nil)
	large := bytes.Repeat([]byte("BEGIN:VEVENT\r\nEND:VEVENT\r\n"), 40_000) // 1 MB: spooled to a file
	var renders atomic.Int32
	var wg sync.WaitGroup
	bodies := make([]*feedBody, 20)
	for i := range bodies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b := f.get(context.Background(), 1, "full", feedOf(large, &renders))
			if _, err := b.whole(context.Background()); err != nil {
				t.Error(err)
			}
			bodies[i] = b
		}()
	}
	wg.Wait()
	if n := renders.Load(); n != 1 {
		t.Errorf("20 requests for one feed: %d renders, want 1", n)
	}
	b := bodies[0]
	if b.inMemory() {
		t.Fatalf("a %d-byte feed is held in memory, want a file", b.size())
	}
	if got := readBody(t, b); !bytes.Equal(got, large) {
		t.Fatalf("the body read back differs (%d bytes, want %d)", len(got), len(large))
	}
	if mem, disk := f.held(); mem != 0 || disk != int64(len(large)) {
		t.Errorf("held %d in memory, %d on disk; want 0, %d", mem, disk, len(large))
	}
	// A write moves the data version: the old body is dropped, but stays
	// readable until its downloads end.
	small := []byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
	b2 := f.get(context.Background(), 2, "full", feedOf(small, &renders))
	if !b2.inMemory() || !bytes.Equal(readBody(t, b2), small) {
		t.Errorf("a small feed: in memory %v, %q", b2.inMemory(), readBody(t, b2))
	}
	f.release(b2)
	if got := readBody(t, b); !bytes.Equal(got, large) {
		t.Fatal("a dropped body still read by downloads changed")
	}
	for _, b := range bodies {
		f.release(b)
	}
	if b.file != nil {
		t.Error("the file of a dropped body is still open after its last download")
	}
	// A request that read the data version before the write renders for
	// itself, but its body is not kept.
	b1 := f.get(context.Background(), 1, "full", feedOf(large, &renders))
	readBody(t, b1)
	f.release(b1)
	if b1.file != nil {
		t.Error("a stale body, not kept, is still open after its download")
	}
	if _, disk := f.held(); disk != 0 {
		t.Errorf("a stale body is kept (%d bytes on disk)", disk)
	}
}

// TestFeedBodiesBounded: the kept bodies stay within their bounds, in
// memory and on disk; a body larger than the bound is served, not kept.
func TestFeedBodiesBounded(t *testing.T) {
	f := newFeedBodies(600<<10, 3<<20, 2, nil)
	var renders atomic.Int32
	for i, key := range []string{"a", "b", "c", "d", "e"} {
		for _, size := range []int{200 << 10, 1 << 20} {
			b := f.get(context.Background(), 1, key+string(rune('0'+size>>20)), feedOf(bytes.Repeat([]byte{'x'}, size), &renders))
			readBody(t, b)
			f.release(b)
		}
		if mem, disk := f.held(); mem > 600<<10 || disk > 3<<20 {
			t.Fatalf("after %d feeds: %d bytes held in memory, %d on disk", 2*(i+1), mem, disk)
		}
	}
	huge := f.get(context.Background(), 1, "huge", feedOf(bytes.Repeat([]byte{'x'}, 4<<20), &renders))
	if n := len(readBody(t, huge)); n != 4<<20 {
		t.Errorf("a feed larger than the bound: %d bytes", n)
	}
	f.release(huge)
	if huge.file != nil {
		t.Error("a feed larger than the bound is kept open")
	}
}

// TestFeedBodiesErrorsAndLeaving: a failed render is not kept; a request
// that leaves while its render runs lets the render finish and be kept.
func TestFeedBodiesErrorsAndLeaving(t *testing.T) {
	f := newFeedBodies(1<<20, 1<<20, 1, nil)
	fail := errors.New("render failed")
	failed := f.get(context.Background(), 1, "k", func(context.Context, io.Writer) error { return fail })
	if _, err := failed.whole(context.Background()); !errors.Is(err, fail) {
		t.Fatalf("a failed render: %v", err)
	}
	f.release(failed)
	ctx, cancel := context.WithCancel(context.Background())
	release := make(chan struct{})
	var renders atomic.Int32
	slow := func(ctx context.Context, w io.Writer) error {
		<-release
		return feedOf([]byte("feed"), &renders)(ctx, w)
	}
	done := make(chan error)
	go func() {
		b := f.get(ctx, 1, "k", slow)
		_, err := b.whole(ctx)
		f.release(b)
		done <- err
	}()
	time.Sleep(10 * time.Millisecond)
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("a request that left: %v", err)
	}
	close(release)
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		if mem, _ := f.held(); mem == 4 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the render of a request that left was not kept")
		}
	}
	b := f.get(context.Background(), 1, "k", feedOf([]byte("other"), &renders))
	defer f.release(b)
	if got := string(readBody(t, b)); got != "feed" || renders.Load() != 1 {
		t.Errorf("after the request left: %q in %d renders, want the kept feed", got, renders.Load())
	}
}

// TestFeedBodiesReadWhileRendering: a download reads a body as its render
// writes it, before the render ends, and reads it whole once it has.
func TestFeedBodiesReadWhileRendering(t *testing.T) {
	f := newFeedBodies(1<<20, 64<<20, 1, nil)
	first := bytes.Repeat([]byte("BEGIN:VEVENT\r\nEND:VEVENT\r\n"), 20_000) // 520 KB: past spoolMemory
	rest := []byte("END:VCALENDAR\r\n")
	more := make(chan struct{})
	var renders atomic.Int32
	b := f.get(context.Background(), 1, "full", func(ctx context.Context, w io.Writer) error {
		if err := feedOf(first, &renders)(ctx, w); err != nil {
			return err
		}
		<-more
		_, err := w.Write(rest)
		return err
	})
	defer f.release(b)
	n, done, err := b.next(context.Background(), 0)
	if err != nil || done || n == 0 {
		t.Fatalf("while the render waits: %d bytes readable, done %v, %v; want its first part", n, done, err)
	}
	got := make([]byte, n)
	if k, err := b.ReadAt(got, 0); int64(k) != n || (err != nil && !errors.Is(err, io.EOF)) || !bytes.Equal(got, first[:n]) {
		t.Fatalf("read %d of %d bytes (%v) while rendering, or other bytes", k, n, err)
	}
	close(more)
	var out bytes.Buffer
	if _, err := b.copyTo(context.Background(), &out); err != nil {
		t.Fatal(err)
	}
	if want := append(first, rest...); !bytes.Equal(out.Bytes(), want) {
		t.Fatalf("copied %d bytes, want the %d rendered", out.Len(), len(want))
	}
}

// TestFeedBodiesRenderFailsWhileRead: a download reading a render that
// fails gets an error wrapping errRenderFailed, after the bytes it had.
func TestFeedBodiesRenderFailsWhileRead(t *testing.T) {
	f := newFeedBodies(1<<20, 64<<20, 1, nil)
	fail := errors.New("the database went away")
	var renders atomic.Int32
	b := f.get(context.Background(), 1, "full", func(ctx context.Context, w io.Writer) error {
		if err := feedOf(bytes.Repeat([]byte{'x'}, 1<<20), &renders)(ctx, w); err != nil {
			return err
		}
		return fail
	})
	defer f.release(b)
	n, err := b.copyTo(context.Background(), io.Discard)
	if !errors.Is(err, errRenderFailed) || !errors.Is(err, fail) {
		t.Fatalf("after %d bytes: %v, want the render's failure", n, err)
	}
	if _, disk := f.held(); disk != 0 {
		t.Errorf("a failed render is kept (%d bytes)", disk)
	}
}

// TestFeedBodiesUnwantedRenderEnds: a render past the bound on disk that
// nobody reads any more (it could not be kept) ends instead of writing
// the rest of its body for nobody.
func TestFeedBodiesUnwantedRenderEnds(t *testing.T) {
	f := newFeedBodies(1<<20, 1<<20, 1, nil)
	start, ended := make(chan struct{}), make(chan int64)
	b := f.get(context.Background(), 1, "full", func(ctx context.Context, w io.Writer) error {
		<-start
		var n int64
		defer func() { ended <- n }()
		piece := bytes.Repeat([]byte{'x'}, 10_000)
		for n < 64<<20 {
			if err := ctx.Err(); err != nil {
				return err
			}
			k, err := w.Write(piece)
			n += int64(k)
			if err != nil {
				return err
			}
		}
		return nil
	})
	f.release(b) // its download leaves before the render writes
	close(start)
	if n := <-ended; n > 2<<20 {
		t.Errorf("the render wrote %d bytes for nobody, past the %d bytes it could keep", n, 1<<20)
	}
	if _, disk := f.held(); disk != 0 {
		t.Errorf("an unwanted render is kept (%d bytes)", disk)
	}
}

// TestFeedBodiesIdleRenderEnds: a render that writes nothing for its idle
// time is ended, and its downloads told why.
func TestFeedBodiesIdleRenderEnds(t *testing.T) {
	f := newFeedBodies(1<<20, 64<<20, 1, nil)
	f.idle = 20 * time.Millisecond
	b := f.get(context.Background(), 1, "stuck", func(ctx context.Context, w io.Writer) error {
		w.Write([]byte("BEGIN:VCALENDAR\r\n"))
		<-ctx.Done()
		return ctx.Err()
	})
	defer f.release(b)
	if _, err := b.whole(context.Background()); !errors.Is(err, errRenderIdle) {
		t.Fatalf("a render writing nothing: %v, want %v", err, errRenderIdle)
	}
}

// TestFeedCutWhenItsRenderFails: a feed sent while it renders, whose
// render then fails, reaches its client as a broken download (no last
// chunk), never as a shorter calendar.
func TestFeedCutWhenItsRenderFails(t *testing.T) {
	s := &Server{log: slog.New(slog.DiscardHandler), feedIdle: 10 * time.Second, feeds: newFeedBodies(1<<20, 64<<20, 1, nil)}
	fail := make(chan struct{})
	var renders atomic.Int32
	e := echo.New()
	e.GET("/calendar.ics", func(c echo.Context) error {
		body := s.feeds.get(c.Request().Context(), 1, "k", func(ctx context.Context, w io.Writer) error {
			if err := feedOf(bytes.Repeat([]byte("BEGIN:VEVENT\r\nEND:VEVENT\r\n"), 40_000), &renders)(ctx, w); err != nil {
				return err
			}
			<-fail
			return errors.New("the database went away")
		})
		defer s.feeds.release(body)
		return s.sendFeed(c, body, time.Time{})
	})
	srv := httptest.NewServer(e)
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/calendar.ics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.ContentLength != -1 {
		t.Fatalf("a feed still rendering: %d, length %d; want 200 without a length", resp.StatusCode, resp.ContentLength)
	}
	first := make([]byte, 1000)
	if _, err := io.ReadFull(resp.Body, first); err != nil {
		t.Fatal(err)
	}
	close(fail)
	rest, err := io.ReadAll(resp.Body)
	if err == nil {
		t.Fatalf("the download of a failed render ended as if whole, after %d bytes", len(first)+len(rest))
	}
}
