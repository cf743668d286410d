package main

import (
	"bytes"
	"context"
	be "encoding/binary"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/sqlite"
)

// damageMiddlePage writes garbage over the page in use nearest the middle
// of the closed database file at path (at or after it, off the freelist).
func damageMiddlePage(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	size := int(be.BigEndian.Uint16(b[16:18]))
	// A page in use: one on the freelist (trunks, then their leaves,
	// from the header's first trunk) holds nothing a check reads.
	free := map[int]bool{}
	for trunk := int(be.BigEndian.Uint32(b[32:36])); trunk != 0; {
		free[trunk] = true
		t := b[(trunk-1)*size:]
		for i := range int(be.BigEndian.Uint32(t[4:8])) {
			free[int(be.BigEndian.Uint32(t[8+4*i:]))] = true
		}
		trunk = int(be.BigEndian.Uint32(t[0:4]))
	}
	page := len(b) / size / 2 // from 0: page number page+1
	for free[page+1] {
		page++
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := page * size; i < (page+1)*size; i++ {
		b[i] = byte(r.IntN(256))
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCheckAndServeRefuseADamagedFile: 'ruydad check' passes a sound file
// and reports a damaged one (a page of garbage in the middle of the file)
// with a non-zero exit; 'ruydad serve' refuses the damaged file at once,
// naming the restore command, and writes nothing to it.
func TestCheckAndServeRefuseADamagedFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cal.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	evs := make([]domain.Event, 3000)
	for i := range evs {
		d := jalali.MustNew(1403, 1, 1).AddDays(i % 300)
		evs[i] = domain.Event{Title: "نشست خبری " + jalali.FaNum(i), Kind: domain.KindMeeting, Start: d, End: d,
			Description: strings.Repeat("شرح برنامه ", 20)}
	}
	if _, err := uc(db).ImportEvents(ctx, evs); err != nil {
		t.Fatal(err)
	}
	db.Close()

	out, err := cmd(t, "check", "--db", path)
	if err != nil || !strings.Contains(out, path+": ok") || !strings.Contains(out, "3000 events") {
		t.Fatalf("check of a sound file: %q, %v", out, err)
	}

	damageMiddlePage(t, path)
	before, _ := os.ReadFile(path)
	out, err = cmd(t, "check", "--db", path)
	if !errors.Is(err, app.ErrDamaged) || !strings.Contains(out, "DAMAGED") {
		t.Fatalf("check of a damaged file: %q, %v; want DAMAGED and an error", out, err)
	}
	for _, want := range []string{"damaged", "ruydad restore --db " + path + " BACKUP-FILE"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("check's error does not say %q:\n%v", want, err)
		}
	}

	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	var stdout strings.Builder
	err = run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", path}, func(string) string { return "" },
		strings.NewReader(""), &stdout, io.Discard)
	if ctx.Err() != nil {
		t.Fatalf("serve served a damaged file: %q", stdout.String())
	}
	if !errors.Is(err, app.ErrDamaged) {
		t.Fatalf("serve on a damaged file: %v, want a refusal", err)
	}
	for _, want := range []string{"refusing to serve " + path, "ruydad restore --db " + path + " BACKUP-FILE", "ruydad check --db " + path} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("serve's refusal does not say %q:\n%v", want, err)
		}
	}
	t.Logf("serve: %v", err)
	if stdout.Len() > 0 {
		t.Errorf("serve printed %q before refusing", stdout.String())
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("serve changed the damaged file")
	}
}

// TestServeFindsDamageAfterACleanStopInTheBackground: a file closed
// cleanly, then damaged on disk without its modification time moving (as a
// failing disk would), is served after a check of its first pages; the
// check of the whole file beside the server finds the damage and /healthz
// answers 503; the next start checks the whole file and refuses it.
func TestServeFindsDamageAfterACleanStopInTheBackground(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cal.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	evs := make([]domain.Event, 3000)
	for i := range evs {
		d := jalali.MustNew(1403, 1, 1).AddDays(i % 300)
		evs[i] = domain.Event{Title: "نشست خبری " + jalali.FaNum(i), Kind: domain.KindMeeting, Start: d, End: d,
			Description: strings.Repeat("شرح برنامه ", 20)}
	}
	if _, err := uc(db).ImportEvents(ctx, evs); err != nil {
		t.Fatal(err)
	}
	// A file a server has used: its seed articles are in.
	if err := db.SetMeta(ctx, "articles_seeded", "1"); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	damageMiddlePage(t, path)
	if err := os.Chtimes(path, st.ModTime(), st.ModTime()); err != nil {
		t.Fatal(err)
	}

	base, stop := startServe(t, nil, "--db", path)
	status := 0
	for range 600 {
		resp, err := http.Get(base + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if status = resp.StatusCode; status != http.StatusOK {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	stop()
	if status != http.StatusServiceUnavailable {
		t.Fatalf("/healthz of a server whose file the check beside it found damaged: %d, want 503", status)
	}

	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	var stdout strings.Builder
	err = run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", path}, func(string) string { return "" },
		strings.NewReader(""), &stdout, io.Discard)
	if !errors.Is(err, app.ErrDamaged) {
		t.Fatalf("the next start: %v, want a refusal", err)
	}
}
