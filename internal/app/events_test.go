package app

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

var clock = time.Date(2025, 5, 17, 6, 30, 0, 0, time.UTC)

func TestSaveEventFillsInANewEvent(t *testing.T) {
	s := newMemStore()
	a := memApp(s, clock)
	e := domain.Event{Title: "نشست خبری", Kind: domain.KindPressConference, Start: jalali.MustNew(1404, 2, 27)}
	if err := a.SaveEvent(context.Background(), &e); err != nil {
		t.Fatal(err)
	}
	stored := s.events[e.ID]
	if stored != e {
		t.Errorf("stored %+v, caller has %+v", stored, e)
	}
	if e.ID == 0 || e.UID == "" || e.Status != domain.StatusConfirmed || e.Confidence != 1 || e.Precision != domain.PrecisionDay ||
		e.End != e.Start || e.Sequence != 0 || !e.CreatedAt.Equal(clock) || !e.UpdatedAt.Equal(clock) {
		t.Errorf("a new event's defaults: %+v", e)
	}
}

func TestSaveEventRefusesWhatIsInvalidAndStoresNothing(t *testing.T) {
	s := newMemStore()
	a := memApp(s, clock)
	for _, e := range []domain.Event{
		{Kind: domain.KindMeeting, Start: jalali.MustNew(1404, 1, 1)},           // no title
		{Title: "بی‌تاریخ", Kind: domain.KindMeeting},                           // confirmed without a date
		{Title: "نوع نادرست", Kind: "party", Start: jalali.MustNew(1404, 1, 1)}, // unknown kind
		{Title: "وارونه", Kind: domain.KindMeeting, Start: jalali.MustNew(1404, 1, 5), End: jalali.MustNew(1404, 1, 1)},
	} {
		err := a.SaveEvent(context.Background(), &e)
		var v domain.ValidationError
		if !errors.As(err, &v) {
			t.Errorf("%q: %v, want a validation error", e.Title, err)
		}
	}
	if len(s.events) != 0 || s.writes != 0 {
		t.Errorf("%d events stored after refusals", len(s.events))
	}
}

func TestSaveEventKeepsIdentityAndMovesTheSequence(t *testing.T) {
	s := newMemStore()
	a := memApp(s, clock)
	ctx := context.Background()
	e := domain.Event{Title: "جلسه", Kind: domain.KindMeeting, Start: jalali.MustNew(1404, 3, 1)}
	if err := a.SaveEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	first := e
	later := memApp(s, clock.Add(time.Hour))
	edit := e
	edit.Title, edit.UID, edit.CreatedAt, edit.Sequence = "جلسهٔ شورا", "forged@example", time.Time{}, 99
	if err := later.SaveEvent(ctx, &edit); err != nil {
		t.Fatal(err)
	}
	got := s.events[e.ID]
	if got.Title != "جلسهٔ شورا" || got.UID != first.UID || !got.CreatedAt.Equal(first.CreatedAt) || got.Sequence != 1 ||
		!got.UpdatedAt.Equal(clock.Add(time.Hour)) || got != edit {
		t.Errorf("after an edit: %+v (caller %+v); want the UID and creation kept, sequence 1, updated now", got, edit)
	}
	gone := edit
	gone.ID = 4040
	if err := a.SaveEvent(ctx, &gone); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("editing a missing event: %v, want ErrNotFound", err)
	}
}

func TestReviewConfirmsOnlyDatedEventsInOneGo(t *testing.T) {
	s := newMemStore()
	a := memApp(s, clock)
	ctx := context.Background()
	dated := domain.Event{Title: "همایش", Kind: domain.KindConference, Start: jalali.MustNew(1404, 5, 1), Status: domain.StatusProposed}
	undated := domain.Event{Title: "بی‌تاریخ", Kind: domain.KindConference, Status: domain.StatusProposed}
	done := domain.Event{Title: "تأییدشده", Kind: domain.KindMeeting, Start: jalali.MustNew(1404, 5, 2)}
	for _, e := range []*domain.Event{&dated, &undated, &done} {
		if err := a.SaveEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	writes := s.writes
	out, err := a.Review(ctx, []int64{dated.ID, undated.ID, done.ID, 999}, domain.StatusConfirmed)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(out.Done, []int64{dated.ID, done.ID}) || !slices.Equal(out.Undated, []int64{undated.ID}) || !slices.Equal(out.Missing, []int64{999}) {
		t.Errorf("outcome %+v", out)
	}
	if s.writes != writes+1 {
		t.Errorf("%d transactions written, want one", s.writes-writes)
	}
	if e := s.events[dated.ID]; e.Status != domain.StatusConfirmed || e.Sequence != 1 {
		t.Errorf("confirmed event %+v: want confirmed, sequence 1", e)
	}
	if e := s.events[done.ID]; e.Sequence != 0 {
		t.Errorf("an event already confirmed moved its sequence to %d", e.Sequence)
	}
	if e := s.events[undated.ID]; e.Status != domain.StatusProposed {
		t.Errorf("the undated event became %s", e.Status)
	}
	// An undated event may be rejected.
	out, err = a.Review(ctx, []int64{undated.ID}, domain.StatusRejected)
	if err != nil || !slices.Equal(out.Done, []int64{undated.ID}) || s.events[undated.ID].Status != domain.StatusRejected {
		t.Errorf("rejecting the undated event: %+v, %v", out, err)
	}
	if _, err := a.Review(ctx, []int64{dated.ID}, "archived"); err == nil {
		t.Error("an unknown status was accepted")
	}
}

// A later revision of an imported event (a higher SEQUENCE, or the same
// SEQUENCE and a later LAST-MODIFIED) replaces it under its number; an
// older or equal one leaves it as it is.
func TestImportEventsUpdatesByRevision(t *testing.T) {
	s := newMemStore()
	a := memApp(s, clock)
	then := clock.Add(-48 * time.Hour)
	first := domain.Event{UID: "u@outlook", Title: "نسخه ۱", Kind: domain.KindMeeting, Start: jalali.MustNew(1404, 2, 1), Sequence: 1, CreatedAt: then, UpdatedAt: then}
	if _, err := a.ImportEvents(context.Background(), []domain.Event{first}); err != nil {
		t.Fatal(err)
	}
	var id int64
	for k := range s.events {
		id = k
	}
	for _, tc := range []struct {
		name  string
		seq   int
		mod   time.Time
		title string
		want  domain.Imported
	}{
		{"older sequence", 0, clock, "کهنه", domain.ImportedUnchanged},
		{"same revision", 1, then, "همان", domain.ImportedUnchanged},
		{"same sequence, later LAST-MODIFIED", 1, then.Add(time.Hour), "نسخه ۱ب", domain.ImportedUpdated},
		{"same sequence, no LAST-MODIFIED", 1, time.Time{}, "بی‌زمان", domain.ImportedUnchanged},
		{"higher sequence", 4, then, "نسخه ۴", domain.ImportedUpdated},
	} {
		e := first
		e.Title, e.Sequence, e.UpdatedAt, e.Start = tc.title, tc.seq, tc.mod, jalali.MustNew(1404, 2, 3)
		got, err := a.ImportEvents(context.Background(), []domain.Event{e})
		if err != nil || len(got.Outcomes) != 1 || got.Outcomes[0] != tc.want {
			t.Fatalf("%s: %+v, %v", tc.name, got, err)
		}
		if len(s.events) != 1 {
			t.Fatalf("%s: %d events stored", tc.name, len(s.events))
		}
		stored := s.events[id]
		if (tc.want == domain.ImportedUpdated) != (stored.Title == tc.title) || !stored.CreatedAt.Equal(then) {
			t.Errorf("%s: stored %q (created %v)", tc.name, stored.Title, stored.CreatedAt)
		}
	}
}

func TestImportEventsKeepsTheFilesHistory(t *testing.T) {
	s := newMemStore()
	a := memApp(s, clock)
	then := clock.Add(-48 * time.Hour)
	evs := []domain.Event{
		{UID: "a@google", Title: "جلسه", Kind: domain.KindMeeting, Start: jalali.MustNew(1404, 1, 20), Sequence: 3, CreatedAt: then, UpdatedAt: then},
		{Title: "بی‌شناسه", Kind: domain.KindOther, Start: jalali.MustNew(1404, 1, 21), ArticleID: 7},
	}
	got, err := a.ImportEvents(context.Background(), slices.Clone(evs))
	if err != nil || got.Imported != 2 || got.Updated+got.Unchanged != 0 {
		t.Fatalf("import: %+v, %v", got, err)
	}
	for _, e := range s.events {
		switch e.Title {
		case "جلسه":
			if e.UID != "a@google" || e.Sequence != 3 || !e.CreatedAt.Equal(then) || e.Status != domain.StatusConfirmed {
				t.Errorf("kept history: %+v", e)
			}
		default:
			if e.UID == "" || e.ArticleID != 0 || !e.CreatedAt.Equal(clock) {
				t.Errorf("a file's event without UID: %+v", e)
			}
		}
	}
	got, err = a.ImportEvents(context.Background(), slices.Clone(evs[:1]))
	if err != nil || got.Imported+got.Updated != 0 || got.Unchanged != 1 {
		t.Errorf("again: %+v, %v", got, err)
	}
	bad := []domain.Event{{Title: "", Kind: domain.KindMeeting, Start: jalali.MustNew(1404, 1, 1)}}
	if _, err := a.ImportEvents(context.Background(), bad); err == nil || len(s.events) != 2 {
		t.Errorf("an invalid event: %v, %d stored", err, len(s.events))
	}
}
