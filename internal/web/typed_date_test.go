package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// A Gregorian ISO date typed in a Jalali field (copied from a spreadsheet)
// is read as the Gregorian day it is, not as the Jalali year 2025.
func TestGregorianDateTypedInTheEventForm(t *testing.T) {
	a := newApp(t)
	resp, _ := a.post("/events", url.Values{"title": {"جلسه"}, "kind": {"meeting"}, "start": {"2025-05-17"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: status %d", resp.StatusCode)
	}
	_, page := a.get(strings.SplitN(resp.Header.Get("Location"), "?", 2)[0])
	if w := page.Find(`[data-testid="event-when"]`).Text(); !strings.Contains(w, "۲۷ اردیبهشت ۱۴۰۴") {
		t.Errorf("2025-05-17 became %q, want 27 Ordibehesht 1404", w)
	}
	if resp, _ := a.post("/events", url.Values{"title": {"جلسه"}, "kind": {"meeting"}, "start": {"2025-02-30"}}); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("2025-02-30: status %d, want 422", resp.StatusCode)
	}
}

// NUL and bidi overrides typed or pasted into a form are stored nowhere:
// an unbalanced override would turn the rest of every line it is shown on.
func TestFormTextsLoseNULAndBidiOverrides(t *testing.T) {
	a := newApp(t)
	resp, _ := a.post("/events", url.Values{"title": {"جلسه\x00 \u202Eشورا"}, "kind": {"meeting"}, "start": {"1404/2/27"},
		"location": {"سالن\u2066 ۱\u2069"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: status %d", resp.StatusCode)
	}
	_, page := a.get(strings.SplitN(resp.Header.Get("Location"), "?", 2)[0])
	html, _ := page.Html()
	if strings.ContainsAny(html, "\x00\u202E\u2066\u2069") {
		t.Error("the event page shows a NUL or a bidi override")
	}
	if title := page.Find(`[data-testid="event-title"]`).Text(); title != "جلسه شورا" {
		t.Errorf("title %q, want «جلسه شورا»", title)
	}
}
