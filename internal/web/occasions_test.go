package web_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// TestOccasionFormMarksTheWrongField: a day the month does not have marks
// the day field, a month not in the list marks the month field.
func TestOccasionFormMarksTheWrongField(t *testing.T) {
	a := newApp(t)
	for _, tt := range []struct {
		month, day, field, other string
	}{
		{"7", "31", "day", "month"},
		{"13", "1", "month", "day"},
		{"x", "1", "month", "day"},
	} {
		resp, doc := a.post("/occasions", url.Values{"name": {"روز کتاب"}, "month": {tt.month}, "day": {tt.day}, "length": {"1"}})
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s/%s: %d, want 422", tt.month, tt.day, resp.StatusCode)
			continue
		}
		if doc.Find(`[data-testid="error-`+tt.field+`"]`).Length() != 1 || doc.Find(`#f-`+tt.field).AttrOr("aria-invalid", "") != "true" {
			t.Errorf("%s/%s: the %s field is not marked", tt.month, tt.day, tt.field)
		}
		if doc.Find(`#f-`+tt.other).AttrOr("aria-invalid", "") == "true" {
			t.Errorf("%s/%s: the %s field is marked too", tt.month, tt.day, tt.other)
		}
	}
}

// TestDeleteAsksFirst: the delete links of events, occasions and users open
// a page that says what will go; only its form deletes.
func TestDeleteAsksFirst(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	e := domain.Event{Title: "نشست خبری", Kind: domain.KindPressConference, Start: jalali.MustNew(1403, 2, 25)}
	if err := a.db.CreateEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	occasions, _ := a.db.Occasions(ctx)
	withUsers(t, a)
	a.login("admin", pw)
	users, _ := a.db.Users(ctx)
	var viewer domain.User
	for _, u := range users {
		if u.Name == "viewer" {
			viewer = u
		}
	}
	for _, tt := range []struct {
		list, item, title string
		gone              func() bool
	}{
		{"/events/" + itoa(e.ID), "/events/" + itoa(e.ID) + "/delete", "نشست خبری", func() bool {
			_, err := a.db.Event(ctx, e.ID)
			return errors.Is(err, domain.ErrNotFound)
		}},
		{"/occasions?month=all", "/occasions/" + itoa(occasions[0].ID) + "/delete", occasions[0].Name, func() bool {
			_, err := a.db.Occasion(ctx, occasions[0].ID)
			return errors.Is(err, domain.ErrNotFound)
		}},
		{"/users", "/users/" + itoa(viewer.ID) + "/delete", "viewer", func() bool {
			_, err := a.db.User(ctx, viewer.ID)
			return errors.Is(err, domain.ErrNotFound)
		}},
	} {
		_, doc := a.get(tt.list)
		if doc.Find(`a[data-testid="delete"][href="`+tt.item+`"]`).Length() != 1 || doc.Find(`form[action="`+tt.item+`"]`).Length() != 0 {
			t.Errorf("%s deletes in one click, not through a link to %s", tt.list, tt.item)
		}
		status, page := a.get(tt.item)
		form := page.Find(`form[action="` + tt.item + `"][method="post"]`)
		if status != http.StatusOK || form.Find(`[data-testid="confirm-delete"]`).Length() != 1 || form.Find(`input[name="_csrf"]`).Length() != 1 ||
			!strings.Contains(page.Find("main").Text(), tt.title) {
			t.Errorf("%s: %d, no confirmation naming %q", tt.item, status, tt.title)
		}
		if tt.gone() {
			t.Fatalf("opening %s deleted it", tt.item)
		}
		if resp := a.resubmit(page, `[data-testid="confirm-delete-page"] form`); resp.StatusCode != http.StatusSeeOther || !tt.gone() {
			t.Errorf("confirming %s: %d, deleted %v", tt.item, resp.StatusCode, tt.gone())
		}
	}
}
