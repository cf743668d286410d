package e2e

import (
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/chromedp/chromedp"
)

func TestEventJourney(t *testing.T) {
	s := newSession(t)
	s.open("/")
	s.click(`header nav a[href="/events/new"]`, `[data-testid="event-form"]`)

	// An impossible date: 1404 is not a leap year, so Esfand has 29 days.
	const title = "نشست خبری استانداری قزوین"
	s.typeInto("#f-title", title)
	s.typeInto("#f-start", "1404/12/30")
	m := s.mark()
	s.click(`[data-testid="submit"]`, `[data-testid="error-start"]`)
	s.expectStatus(m, "/events", 422)
	checkStartError(t, s)
	if got := s.value("#f-title"); got != title {
		t.Errorf("title kept as %q, want %q", got, title)
	}
	if got := s.value("#f-start"); got != "۱۴۰۴/۱۲/۳۰" {
		t.Errorf("start kept as %q, want the typed 1404/12/30 in Persian digits", got)
	}
	s.shoot("event-form-error", `[data-testid="error-start"]`)

	// A three-day range, 27 to 29 Ordibehesht 1403.
	s.typeInto("#f-start", "1403/02/27")
	s.typeInto("#f-end", "۱۴۰۳/۰۲/۲۹")
	m = s.mark()
	s.click(`[data-testid="submit"]`, `[data-testid="event-title"]`)
	s.expectStatus(m, "/events", 303)
	id := s.attr(`article.event`, "data-event-id")
	s.expectStatus(m, "/events/"+id, 200)
	s.waitText(`[data-testid="event-title"]`, title)

	s.click(`article.event a[href^="/calendar/"]`, `[data-testid="month"]`)
	s.waitText(`[data-testid="month-title"]`, "اردیبهشت ۱۴۰۳")
	// Thursday the 27th to Saturday the 29th: a bar over Thursday and
	// Friday going on, and one on Saturday, in the next week row.
	chip := fmt.Sprintf(`[data-event-id="%s"]`, id)
	for sel, want := range map[string]int{chip: 2, `td[data-date="1403/02/27"] a.bar.w2.after` + chip: 1, `td[data-date="1403/02/29"] a.bar.w1.before` + chip: 1} {
		if got := s.count(sel); got != want {
			t.Errorf("%s: %d on the month, want %d", sel, got, want)
		}
	}

	// Edit: open it from its first bar and change the title.
	const renamed = "نشست خبری سالانهٔ استانداری قزوین"
	s.click(`td[data-date="1403/02/27"] `+chip, `[data-testid="event-title"]`)
	s.click(`[data-testid="edit"]`, `[data-testid="event-form"]`)
	if got := s.value("#f-title"); got != title {
		t.Errorf("the edit form shows title %q, want %q", got, title)
	}
	s.typeInto("#f-title", renamed)
	m = s.mark()
	s.click(`[data-testid="submit"]`, `[data-testid="event-title"]`)
	s.waitText(`[data-testid="event-title"]`, renamed)
	s.expectStatus(m, "/events/"+id, 303)
	s.click(`article.event a[href^="/calendar/"]`, `[data-testid="month"]`)
	if got := s.text(`td[data-date="1403/02/27"] ` + chip); !strings.HasPrefix(got, renamed+"،") {
		t.Errorf("the renamed event's bar reads %q", got)
	}

	// Delete it from its page: the button asks first, and cancelling keeps it.
	s.click(`td[data-date="1403/02/29"] `+chip, `[data-testid="delete"]`)
	s.click(`[data-testid="delete"]`, `[data-testid="confirm-delete"]`)
	s.click(`[data-testid="cancel-delete"]`, `[data-testid="event-title"]`)
	s.waitText(`[data-testid="event-title"]`, renamed)
	s.click(`[data-testid="delete"]`, `[data-testid="confirm-delete"]`)
	m = s.mark()
	s.click(`[data-testid="confirm-delete"]`, `[data-testid="month"]`)
	s.expectStatus(m, "/events/"+id+"/delete", 303)
	s.waitText(`[data-testid="month-title"]`, "اردیبهشت ۱۴۰۳")
	if n := s.count(chip); n != 0 {
		t.Errorf("the deleted event still shows %d times on its month", n)
	}
	if status := s.open("/events/" + id); status != 410 {
		t.Errorf("the deleted event's page answers %d, want 410", status)
	}
}

// checkStartError checks the start field shows a Persian message beside it
// and is marked invalid.
func checkStartError(t *testing.T, s *session) {
	t.Helper()
	var msg string
	var beside bool
	s.run(
		chromedp.Evaluate(`document.querySelector('[data-testid="error-start"]').textContent.trim()`, &msg),
		chromedp.Evaluate(`!!document.querySelector('#f-start').closest('.field').querySelector('[data-testid="error-start"]')`, &beside),
	)
	if !beside {
		t.Error("the start date's error is not inside the start field's group")
	}
	if !isPersian(msg) {
		t.Errorf("start error %q is not a Persian message", msg)
	}
	if got := s.attr("#f-start", "aria-invalid"); got != "true" {
		t.Errorf(`#f-start aria-invalid=%q, want "true"`, got)
	}
	if got := s.attr("#f-start", "aria-describedby"); got != s.attr(`[data-testid="error-start"]`, "id") {
		t.Errorf("#f-start is described by %q, not by its error message", got)
	}
}

// isPersian reports whether s has letters and they are all Arabic-script.
func isPersian(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.Is(unicode.Arabic, r) {
				return false
			}
			letters++
		}
	}
	return letters > 0
}
