package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
)

// TestFlashAfterEachRedirect: every change that redirects names what it
// did, and the page it lands on confirms it in the words it always has,
// through the one flash mechanism (?done= resolved by the page).
func TestFlashAfterEachRedirect(t *testing.T) {
	a := newApp(t)
	withUsers(t, a)
	a.login("admin", pw)
	ctx := context.Background()
	// follow posts form to path and fetches where the redirect leads.
	follow := func(path string, form url.Values) string {
		t.Helper()
		resp, _ := a.post(path, form)
		loc := resp.Header.Get("Location")
		if resp.StatusCode != http.StatusSeeOther || !strings.Contains(loc, "done=") {
			t.Fatalf("POST %s: %d to %q, want 303 with a flash", path, resp.StatusCode, loc)
		}
		_, doc := a.get(loc)
		return strings.TrimSpace(doc.Find(`[data-testid="flash"]`).Text())
	}
	event := url.Values{"title": {"نشست خبری"}, "kind": {"meeting"}, "start": {"1403/02/27"}}
	if got := follow("/events", event); got != "رویداد ذخیره شد." {
		t.Errorf("event created: %q", got)
	}
	occasion := url.Values{"name": {"روز دفتر"}, "month": {"jalali-2"}, "rule": {"date"}, "day": {"۲۸"}, "length": {"۱"}, "offset": {"0"}}
	if got := follow("/occasions", occasion); got != "مناسبت ذخیره شد." {
		t.Errorf("occasion saved: %q", got)
	}
	occasions, err := a.db.Occasions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	id := itoa(occasions[0].ID)
	for _, tt := range []struct {
		path string
		form url.Values
		want string
	}{
		{"/occasions/" + id + "/visibility", url.Values{"hidden": {"1"}}, "مناسبت‌ها از تقویم و خوراک‌ها پنهان شدند."},
		{"/occasions/" + id + "/visibility", url.Values{"hidden": {"0"}}, "مناسبت‌ها در تقویم و خوراک‌ها نشان داده می‌شوند."},
		{"/occasions/" + id + "/delete", url.Values{}, "مناسبت حذف شد."},
		{"/users", url.Values{"username": {"reza"}, "role": {"editor"}, "password": {pw}}, "کاربر افزوده شد."},
	} {
		if got := follow(tt.path, tt.form); got != tt.want {
			t.Errorf("POST %s: flash %q, want %q", tt.path, got, tt.want)
		}
	}
	reza, err := a.db.UserByName(ctx, "reza")
	if err != nil {
		t.Fatal(err)
	}
	if got := follow("/users/"+itoa(reza.ID)+"/role", url.Values{"role": {string(domain.RoleViewer)}}); got != "نقش تغییر کرد." {
		t.Errorf("role changed: %q", got)
	}
	if got := follow("/users/"+itoa(reza.ID)+"/delete", url.Values{}); got != "کاربر حذف شد." {
		t.Errorf("user deleted: %q", got)
	}
	// A new feed URL is shown on the post's own answer, the one time it is
	// seen (only its hash is kept), with its flash.
	resp, doc := a.post("/account/feed", url.Values{})
	if got := strings.TrimSpace(doc.Find(`[data-testid="flash"]`).Text()); resp.StatusCode != http.StatusOK ||
		got != "نشانی تازه ساخته شد؛ نشانی قبلی دیگر کار نمی‌کند. این نشانی را همین حالا بردارید: دوباره نشان داده نمی‌شود." {
		t.Errorf("POST /account/feed: %d, flash %q", resp.StatusCode, got)
	}
	// An unknown key shows nothing.
	if _, doc := a.get("/users?done=party"); doc.Find(`[data-testid="flash"]`).Length() != 0 {
		t.Errorf("an unknown flash key shows %q", doc.Find(`[data-testid="flash"]`).Text())
	}
}
