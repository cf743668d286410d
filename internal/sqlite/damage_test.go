package sqlite

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// damagedMarker is the UID of one event, found in the file to damage its
// page.
const damagedMarker = "damaged-page-marker@ruydad.test"

// fillForDamage stores 3,000 events with long descriptions in a new
// database at path (one with the UID damagedMarker) and closes it.
func fillForDamage(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	evs := make([]domain.Event, 3000)
	for i := range evs {
		day := jalali.MustNew(1403, 1, 1).AddDays(i % 300)
		evs[i] = domain.Event{UID: NewUID(), Title: "نشست خبری " + jalali.FaNum(i), Kind: domain.KindMeeting, Status: domain.StatusConfirmed,
			Start: day, End: day, Precision: domain.PrecisionDay, Description: strings.Repeat("شرح برنامه ", 20)}
	}
	evs[1500].UID = damagedMarker
	if _, err := d.ImportEvents(ctx, evs, app.ImportRules{}); err != nil {
		t.Fatal(err)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
}

// damageRowPage writes garbage over the page of the closed database file at
// path that holds the table row with marker in it.
func damageRowPage(t *testing.T, path, marker string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	size := int(binary.BigEndian.Uint16(b[16:18]))
	for off := 0; ; {
		i := bytes.Index(b[off:], []byte(marker))
		if i < 0 {
			t.Fatalf("%q is in no table page of %s", marker, path)
		}
		page := (off + i) / size
		if page > 0 && b[page*size] == 0x0D { // a table's leaf page
			garbage := make([]byte, size)
			r := rand.New(rand.NewPCG(1, 2))
			for j := range garbage {
				garbage[j] = byte(r.IntN(256))
			}
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if _, err := f.WriteAt(garbage, int64(page*size)); err != nil {
				t.Fatal(err)
			}
			return
		}
		off += i + len(marker)
	}
}

// TestDamagedFile: a page of events damaged on disk is found by the quick
// check OpenChecked runs (which then writes nothing), by CheckBackup, and,
// when the file was opened unchecked, by the first read that meets it:
// from then on Ping reports the damage.
func TestDamagedFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "damaged.db")
	fillForDamage(t, path)
	damageRowPage(t, path, damagedMarker)
	before, _ := os.ReadFile(path)

	if _, err := OpenChecked(ctx, path); !errors.Is(err, app.ErrDamaged) {
		t.Fatalf("OpenChecked on a damaged file: %v, want app.ErrDamaged", err)
	} else {
		t.Logf("OpenChecked: %v", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("OpenChecked changed the damaged file")
	}
	if _, err := CheckBackup(ctx, path); !errors.Is(err, app.ErrDamaged) {
		t.Errorf("CheckBackup on a damaged file: %v, want app.ErrDamaged", err)
	}

	d, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open (unchecked): %v", err)
	}
	defer d.Close()
	if err := d.Ping(ctx); err != nil {
		t.Fatalf("Ping before any read met the damage: %v", err)
	}
	if d.Failed(errors.New("some other failure")) {
		t.Error("an error that is not damage marked the file damaged")
	}
	err = d.EachEvent(ctx, domain.EventFilter{}, false, func(domain.Event, string) error { return nil })
	if err == nil {
		t.Fatal("reading every event through a damaged page: no error")
	}
	if !d.Failed(err) {
		t.Fatalf("Failed(%v) did not see damage", err)
	}
	if d.Failed(err) {
		t.Error("Failed reported the damage as new twice")
	}
	if err := d.Ping(ctx); !errors.Is(err, app.ErrDamaged) {
		t.Errorf("Ping after the damage was met: %v, want app.ErrDamaged", err)
	}
}

// TestCheckedOpenOfSoundFile: a sound file opens checked, and passes.
func TestCheckedOpenOfSoundFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sound.db")
	fillForDamage(t, path)
	d, err := OpenChecked(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := d.Ping(context.Background()); err != nil {
		t.Error(err)
	}
	if _, err := CheckBackup(context.Background(), path); err != nil {
		t.Error(err)
	}
}
