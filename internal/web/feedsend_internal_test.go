//go:build linux

package web

import (
	"bytes"
	"context"
	"io"
	"sync/atomic"
	"testing"
)

// TestWholeFileBodyReopens: a whole body held in a file opens again with
// an offset of its own (what sendfile reads from), holding exactly the
// body's bytes, twice at once; a body in memory does not.
func TestWholeFileBodyReopens(t *testing.T) {
	f := newFeedBodies(1<<20, 64<<20, 1, nil)
	f.dir = t.TempDir()
	large := bytes.Repeat([]byte("BEGIN:VEVENT\r\nEND:VEVENT\r\n"), 40_000)
	var renders atomic.Int32
	b := f.get(context.Background(), 1, "full", feedOf(large, &renders))
	defer f.release(b)
	if _, err := b.whole(context.Background()); err != nil {
		t.Fatal(err)
	}
	one, two := b.reopen(), b.reopen()
	if one == nil || two == nil {
		t.Fatal("a whole body in a file does not open again")
	}
	defer one.Close()
	defer two.Close()
	if _, err := one.Seek(100, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(two)
	if err != nil || !bytes.Equal(got, large) {
		t.Fatalf("the file opened again holds %d bytes (%v), want the body's %d", len(got), err, len(large))
	}
	small := f.get(context.Background(), 1, "small", feedOf([]byte("BEGIN:VCALENDAR\r\n"), &renders))
	defer f.release(small)
	if _, err := small.whole(context.Background()); err != nil {
		t.Fatal(err)
	}
	if small.reopen() != nil {
		t.Fatal("a body in memory opened as a file")
	}
}
