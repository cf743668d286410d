package main

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/sqlite"
)

// 'ruydad serve' purges at start the events deleted more than 30 days
// before: their pages still answer 410, now saying they are gone for
// good; an event deleted since stays restorable.
func TestServePurgesTheTrashAtStart(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "trash.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, title := range []string{"نشست قدیمی", "نشست تازه"} {
		e := domain.Event{Title: title, Kind: domain.KindMeeting, Start: jalali.MustNew(1403, 2, 20)}
		if err := uc(db).SaveEvent(ctx, &e); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, e.ID)
	}
	if err := db.TrashEvent(ctx, ids[0], time.Now().Add(-31*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := db.TrashEvent(ctx, ids[1], time.Now().Add(-29*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	db.Close()

	base, stop := startServe(t, nil, "--db", path)
	for i, want := range []string{"برای همیشه پاک شده", "نشست تازه"} {
		resp, err := http.Get(base + "/events/" + strconv.FormatInt(ids[i], 10))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusGone || !strings.Contains(string(body), want) {
			t.Errorf("event %d: %d, want 410 saying %q", ids[i], resp.StatusCode, want)
		}
	}
	stop()

	db, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if d, err := db.DeletedEvent(ctx, ids[0]); err != nil || d.Purged.IsZero() {
		t.Errorf("the event deleted 31 days ago: %+v, %v", d, err)
	}
	if d, err := db.DeletedEvent(ctx, ids[1]); err != nil || !d.Purged.IsZero() || d.Event.Title != "نشست تازه" {
		t.Errorf("the event deleted 29 days ago: %+v, %v", d, err)
	}
}
