package sqlite

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// openCheck opens path checked, and returns the database and how it was
// checked.
func openCheck(t *testing.T, path string) (*DB, bool, string) {
	t.Helper()
	d, err := OpenChecked(context.Background(), path)
	if err != nil {
		t.Fatalf("OpenChecked: %v", err)
	}
	full, why := d.OpenCheck()
	d.CheckInBackground()
	return d, full, why
}

// TestCleanCloseSkipsTheFullCheck: a file ruydad closed cleanly opens
// checked without the full check, which then runs in the background and
// finds it sound; the first open of a file, and one whose time changed
// after ruydad closed it, are checked whole at once.
func TestCleanCloseSkipsTheFullCheck(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "clean.db")
	d, full, why := openCheck(t, path)
	if !full || why != "a new file" {
		t.Errorf("a new file: full %v (%s)", full, why)
	}
	d.Close()
	fillForDamage(t, path)
	for range 2 {
		d, full, why = openCheck(t, path)
		if full {
			t.Fatalf("after a clean close: the full check at open (%s)", why)
		}
		if err := d.Checked(ctx); err != nil {
			t.Errorf("the check in the background: %v", err)
		}
		if err := d.Ping(ctx); err != nil {
			t.Error(err)
		}
		if err := d.Close(); err != nil {
			t.Fatal(err)
		}
	}
	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(path, later, later); err != nil {
		t.Fatal(err)
	}
	d, full, why = openCheck(t, path)
	defer d.Close()
	if !full || !strings.Contains(why, "changed after ruydad closed it") {
		t.Errorf("a file whose time changed after the clean close: full %v (%s)", full, why)
	}
}

// TestDamageAfterACleanCloseIsFoundInTheBackground: a page damaged on
// disk after a clean close, without its modification time moving (as a
// failing disk would), passes the check at open (which reads a few pages)
// and is found by the check in the background: Ping reports it, writes
// are refused with app.ErrDamaged, Close records no clean close, and the
// next checked open refuses the file.
func TestDamageAfterACleanCloseIsFoundInTheBackground(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "rot.db")
	fillForDamage(t, path)
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	damageRowPage(t, path, damagedMarker)
	if err := os.Chtimes(path, st.ModTime(), st.ModTime()); err != nil {
		t.Fatal(err)
	}

	d, full, why := openCheck(t, path)
	if full {
		t.Fatalf("the check at open was the full one (%s)", why)
	}
	err = d.Checked(ctx)
	if !errors.Is(err, app.ErrDamaged) {
		t.Fatalf("the check in the background: %v, want app.ErrDamaged", err)
	}
	t.Logf("found in the background: %v", err)
	if err := d.Ping(ctx); !errors.Is(err, app.ErrDamaged) {
		t.Errorf("Ping after the check in the background found damage: %v", err)
	}
	day := jalali.MustNew(1404, 1, 20)
	e := domain.Event{Title: "نشست", Kind: domain.KindMeeting, Start: day, End: day}
	if err := uc(d).SaveEvent(ctx, &e); !errors.Is(err, app.ErrDamaged) || !strings.Contains(err.Error(), "writes are refused") {
		t.Errorf("a write to the damaged file: %v, want a refusal wrapping app.ErrDamaged", err)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenChecked(ctx, path); !errors.Is(err, app.ErrDamaged) {
		t.Errorf("the next checked open: %v, want app.ErrDamaged", err)
	}
}

// TestUncleanStopChecksAtStart: a file as a kill leaves it (its
// write-ahead log beside it, no clean close recorded) is checked whole at
// open: with a page damaged, it is refused, unchanged; sound, it opens
// with its last write, even after a command opened and closed it
// unchecked in between. So is a copy of the file taken while a server had
// it open (no clean close recorded in it).
func TestUncleanStopChecksAtStart(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "live.db")
	fillForDamage(t, path)
	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.SetMeta(ctx, "note", "written before the kill"); err != nil {
		t.Fatal(err)
	}
	// What a kill leaves: the file and its log as they are now.
	killed, damaged := filepath.Join(dir, "killed.db"), filepath.Join(dir, "killed-damaged.db")
	for _, to := range []string{killed, damaged} {
		for _, suffix := range []string{"", "-wal"} {
			copyFile(t, path+suffix, to+suffix)
		}
	}
	// A copy taken while the server runs, its log copied back.
	if _, err := d.Checkpoint(ctx, "TRUNCATE"); err != nil {
		t.Fatal(err)
	}
	copied := filepath.Join(dir, "copied.db")
	copyFile(t, path, copied)
	d.Close()
	if st, err := os.Stat(killed + "-wal"); err != nil || st.Size() == 0 {
		t.Fatalf("no write-ahead log beside the killed file: %v", err)
	}

	damageRowPage(t, damaged, damagedMarker)
	damageRowPage(t, copied, damagedMarker)
	for _, p := range []string{damaged, copied} {
		before, _ := os.ReadFile(p)
		_, err = OpenChecked(ctx, p)
		if !errors.Is(err, app.ErrDamaged) {
			t.Fatalf("OpenChecked of %s: %v, want app.ErrDamaged", filepath.Base(p), err)
		}
		t.Logf("refused at start: %v", err)
		if after, _ := os.ReadFile(p); !bytes.Equal(before, after) {
			t.Errorf("OpenChecked changed %s", filepath.Base(p))
		}
	}

	// A command opening the file in between (unchecked) does not hide
	// the kill.
	between, err := Open(ctx, killed)
	if err != nil {
		t.Fatal(err)
	}
	if err := between.Close(); err != nil {
		t.Fatal(err)
	}
	sound, full, why := openCheck(t, killed)
	defer sound.Close()
	if !full || !strings.Contains(why, "no clean close recorded") {
		t.Errorf("after a kill and an unchecked open: full %v (%s)", full, why)
	}
	if v, err := sound.Meta(ctx, "note"); err != nil || v != "written before the kill" {
		t.Errorf("the last write before the kill: %q, %v", v, err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	src, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestReplicatedCleanCloseSkipsTheFullCheck: beside Litestream, which
// keeps the file open (here a reader holding a transaction), ruydad's
// close leaves the write-ahead log and is not the file's last; the next
// replicated start still skips the full check, on the same file only. A
// kill leaves no mark, a copy (as a restore from the replica makes) is
// another file, and a start without Litestream checks the whole file.
func TestReplicatedCleanCloseSkipsTheFullCheck(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "replicated.db")
	fillForDamage(t, path)

	// Litestream's stand-in: a connection with a read transaction open.
	litestream, err := openRaw(path, "rw", busyTimeout)
	if err != nil {
		t.Fatal(err)
	}
	defer litestream.Close()
	conn, err := litestream.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN`); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM events`).Scan(&n); err != nil {
		t.Fatal(err)
	}

	openReplicated := func(p string) (*DB, bool, string) {
		t.Helper()
		d, err := OpenChecked(ctx, p, Replicated())
		if err != nil {
			t.Fatalf("OpenChecked(%s): %v", filepath.Base(p), err)
		}
		full, why := d.OpenCheck()
		d.CheckInBackground()
		return d, full, why
	}
	// The first replicated start after a plain close trusts the plain mark
	// (no log was left then).
	d, full, why := openReplicated(path)
	if full {
		t.Fatalf("after a plain clean close: the full check (%s)", why)
	}
	if err := d.SetMeta(ctx, "note", "written beside Litestream"); err != nil {
		t.Fatal(err)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path + "-wal"); err != nil || st.Size() == 0 {
		t.Fatalf("no write-ahead log left beside the file while Litestream holds it: %v", err)
	}
	restored := filepath.Join(dir, "restored.db")
	for _, suffix := range []string{"", "-wal"} {
		copyFile(t, path+suffix, restored+suffix)
	}

	for i := range 2 {
		d, full, why = openReplicated(path)
		if full {
			t.Fatalf("replicated start %d after a replicated clean close: the full check (%s)", i+1, why)
		}
		if err := d.Checked(ctx); err != nil {
			t.Errorf("the check in the background: %v", err)
		}
		if v, err := d.Meta(ctx, "note"); err != nil || v != "written beside Litestream" {
			t.Errorf("note: %q, %v", v, err)
		}
		if i == 1 {
			break
		}
		if err := d.Close(); err != nil {
			t.Fatal(err)
		}
	}
	// d is still open: a second server opening the file now is what a
	// start after a kill sees (the open deleted the mark).
	killed, full, why := openReplicated(path)
	if !full || !strings.Contains(why, "no clean close recorded") {
		t.Errorf("after a kill: full %v (%s)", full, why)
	}
	killed.Close()
	d.Close()

	copied, full, why := openReplicated(restored)
	if !full || !strings.Contains(why, "not the one ruydad closed") {
		t.Errorf("a copy of the file: full %v (%s)", full, why)
	}
	if err := copied.Close(); err != nil {
		t.Fatal(err)
	}
	// Copied again with the mark a replicated close leaves, then opened
	// without Litestream.
	d, _, _ = openReplicated(path)
	d.Close()
	plain := filepath.Join(dir, "plain.db")
	for _, suffix := range []string{"", "-wal"} {
		copyFile(t, path+suffix, plain+suffix)
	}
	for _, p := range []string{path, plain} {
		d, full, why = openCheck(t, p)
		if !full {
			t.Errorf("%s opened without Litestream after a replicated close: no full check", filepath.Base(p))
		}
		t.Logf("%s: %s", filepath.Base(p), why)
		d.Close()
	}
}

// TestCloseWaitsForReaders: a reader still holding its connection a
// moment after the database's close began (a goroutine whose context was
// canceled, about to return) does not keep the write-ahead log past the
// close: a process that ends then leaves no log, and the next start finds
// the clean close and does not check the whole file before serving.
func TestCloseWaitsForReaders(t *testing.T) {
	path := filepath.Join(t.TempDir(), "readers.db")
	d, _, _ := openCheck(t, path)
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	d, full, why := openCheck(t, path)
	if full {
		t.Fatalf("after a clean close the whole file was checked: %s", why)
	}
	storeArticle(t, d, "خبر", "متن خبر") // the log holds frames
	reading, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		// A reader's connection held a moment past the close begun.
		conn, err := d.db.Conn(context.Background())
		if err != nil {
			close(reading)
			return
		}
		var n int
		conn.QueryRowContext(context.Background(), `SELECT count(*) FROM articles`).Scan(&n)
		close(reading)
		time.Sleep(100 * time.Millisecond)
		conn.Close()
	}()
	<-reading
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	// As a process that ends now finds it: the log copied back and gone.
	if st, err := os.Stat(path + "-wal"); err == nil && st.Size() > 0 {
		t.Errorf("the file closed with %d bytes of log left", st.Size())
	}
	<-done
	if d, full, why = openCheck(t, path); full {
		t.Errorf("a reader at work when the file closed: the next open checked the whole file (%s)", why)
	}
	d.Close()
}
