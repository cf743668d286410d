package app_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/sqlite"
)

// overSQLite returns the use cases over a fresh database built by the real
// migrations, on the clock *now.
func overSQLite(t *testing.T, now *time.Time) *app.App {
	a, _ := overDB(t, now)
	return a
}

// overDB is overSQLite, with the database.
func overDB(t *testing.T, now *time.Time) (*app.App, *sqlite.DB) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "app.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return app.Over(db, app.Options{Now: func() time.Time { return *now }, PasswordCost: bcrypt.MinCost}), db
}

// A JSON dump carries what the calendar holds: a deleted event stays in
// the trash of the installation that deleted it, and a load elsewhere
// does not bring it.
func TestTheDumpLeavesTheTrashBehind(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2024, 5, 9, 8, 0, 0, 0, time.UTC)
	a, db := overDB(t, &now)
	kept := domain.Event{Title: "همایش", Kind: domain.KindConference, Start: jalali.MustNew(1403, 2, 27)}
	deleted := domain.Event{Title: "نشست حذف‌شده", Kind: domain.KindMeeting, Start: jalali.MustNew(1403, 2, 28)}
	for _, e := range []*domain.Event{&kept, &deleted} {
		if err := a.SaveEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.DeleteEvent(ctx, deleted.ID); err != nil {
		t.Fatal(err)
	}
	var dump strings.Builder
	n, err := app.WriteDump(ctx, db, &dump)
	if err != nil || n.Events != 1 || !strings.Contains(dump.String(), kept.UID) || strings.Contains(dump.String(), deleted.UID) {
		t.Fatalf("dumped %+v, %v; holds the deleted UID: %v", n, err, strings.Contains(dump.String(), deleted.UID))
	}
	_, other := overDB(t, &now)
	if stats, err := app.LoadDump(ctx, other, strings.NewReader(dump.String())); err != nil || stats.Events != 1 {
		t.Errorf("loaded %+v, %v", stats, err)
	}
	if got, err := a.RestoreEvent(ctx, deleted.ID); err != nil || got.UID != deleted.UID {
		t.Errorf("the deleted event after the dump: %+v, %v", got, err)
	}
}

// Deleting, restoring and purging follow the app's clock: an event can be
// restored, exactly as it was and its sequence moved on, until 30 days
// after it was deleted; then it is gone, and purged, its number answering
// that it was deleted.
func TestTrashFollowsTheAppClock(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2024, 5, 9, 8, 0, 0, 0, time.UTC)
	a := overSQLite(t, &now)
	e := domain.Event{Title: "همایش روابط عمومی", Kind: domain.KindConference, Start: jalali.MustNew(1403, 2, 27),
		End: jalali.MustNew(1403, 2, 28), StartTime: "09:00", Location: "تالار وحدت", Province: "تهران", Owner: "مریم"}
	if err := a.SaveEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	created := e

	now = now.Add(time.Hour)
	deleted := now
	if err := a.DeleteEvent(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	var gone *domain.GoneError
	if _, err := a.EventFor(ctx, e.ID, true); !errors.As(err, &gone) || !gone.Deleted.Deleted.Equal(deleted) || gone.Deleted.Event != created {
		t.Fatalf("the deleted event: %v", err)
	}
	if !gone.Deleted.Restorable(now) || !gone.Deleted.RestorableUntil().Equal(deleted.Add(30*24*time.Hour)) {
		t.Errorf("restorable until %v", gone.Deleted.RestorableUntil())
	}

	now = deleted.Add(29 * 24 * time.Hour)
	if list, err := a.Trash(ctx); err != nil || len(list) != 1 || list[0].ID != e.ID {
		t.Errorf("the trash after 29 days: %+v, %v", list, err)
	}
	back, err := a.RestoreEvent(ctx, e.ID)
	want := created
	want.Sequence, want.UpdatedAt = created.Sequence+1, now
	if err != nil || back != want {
		t.Fatalf("restored %+v, %v\nwant %+v", back, err, want)
	}
	if got, err := a.EventFor(ctx, e.ID, false); err != nil || got != want {
		t.Errorf("the restored event: %+v, %v", got, err)
	}

	deleted = now
	if err := a.DeleteEvent(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	now = deleted.Add(30*24*time.Hour - time.Second)
	if n, err := a.PurgeTrash(ctx); err != nil || n != 0 {
		t.Errorf("purged %d, %v a second before 30 days", n, err)
	}
	now = deleted.Add(30 * 24 * time.Hour)
	if list, _ := a.Trash(ctx); len(list) != 0 {
		t.Errorf("the trash after 30 days still offers %+v", list)
	}
	if _, err := a.RestoreEvent(ctx, e.ID); !errors.Is(err, domain.ErrGone) {
		t.Errorf("restoring after 30 days: %v", err)
	}
	if n, err := a.PurgeTrash(ctx); err != nil || n != 1 {
		t.Errorf("purged %d, %v after 30 days", n, err)
	}
	if _, err := a.EventFor(ctx, e.ID, true); !errors.As(err, &gone) || !gone.Deleted.Purged.Equal(now) || gone.Deleted.Event.Title != "" {
		t.Errorf("the purged event: %v (%+v)", err, gone)
	}
	if _, err := a.RestoreEvent(ctx, e.ID); !errors.Is(err, domain.ErrGone) {
		t.Errorf("restoring a purged event: %v", err)
	}
	if err := a.DeleteEvent(ctx, e.ID); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("deleting a purged event: %v", err)
	}
	if _, err := a.EventFor(ctx, e.ID+1, true); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("a number never used: %v", err)
	}
}

// Who sees the drafts: everyone while no account has ever existed; then
// editors and administrators, and everyone once an administrator makes
// them public. A draft asked for by one who may not see it is not found.
func TestWhoSeesTheDrafts(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2024, 5, 9, 8, 0, 0, 0, time.UTC)
	a := overSQLite(t, &now)
	sees := func(when string, want map[domain.Role]bool) {
		t.Helper()
		st, err := a.AccountsState(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for role, w := range want {
			if got := st.SeesDrafts(role); got != w {
				t.Errorf("%s, role %q: sees drafts %v, want %v", when, role, got, w)
			}
		}
	}
	sees("no account yet", map[domain.Role]bool{"": true})
	if _, err := a.CreateUser(ctx, "maryam", domain.RoleViewer, "a long enough password"); err != nil {
		t.Fatal(err)
	}
	sees("accounts exist", map[domain.Role]bool{"": false, domain.RoleViewer: false, domain.RoleEditor: true, domain.RoleAdmin: true})
	if err := a.SetDraftsPublic(ctx, true); err != nil {
		t.Fatal(err)
	}
	sees("drafts made public", map[domain.Role]bool{"": true, domain.RoleViewer: true, domain.RoleEditor: true})
	if err := a.SetDraftsPublic(ctx, false); err != nil {
		t.Fatal(err)
	}
	sees("drafts made private again", map[domain.Role]bool{"": false, domain.RoleEditor: true})

	p := domain.Event{Title: "نشست پیشنهادی", Kind: domain.KindMeeting, Status: domain.StatusProposed}
	if err := a.SaveEvent(ctx, &p); err != nil {
		t.Fatal(err)
	}
	if _, err := a.EventFor(ctx, p.ID, false); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("a proposed event, without drafts: %v", err)
	}
	if got, err := a.EventFor(ctx, p.ID, true); err != nil || got.ID != p.ID {
		t.Errorf("a proposed event, with drafts: %+v, %v", got, err)
	}
	// Deleted, it is gone for those who saw it, and still unknown to others.
	if err := a.DeleteEvent(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := a.EventFor(ctx, p.ID, false); !errors.Is(err, domain.ErrNotFound) || errors.Is(err, domain.ErrGone) {
		t.Errorf("a deleted proposed event, without drafts: %v", err)
	}
	if _, err := a.EventFor(ctx, p.ID, true); !errors.Is(err, domain.ErrGone) {
		t.Errorf("a deleted proposed event, with drafts: %v", err)
	}
}
