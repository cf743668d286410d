package e2e

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/jalali"
)

// Issue 15: a deleted event goes to the trash. Its page then answers 410
// and says so; an editor restores it from the trash, linked from the menu,
// and it is back on its month under the same number.
func TestTrashJourney(t *testing.T) {
	s := newSession(t)
	const title = "نشست خبری حذف‌شدنی"
	id := s.addEvent(title, jalali.MustNew(1403, 2, 27), jalali.MustNew(1403, 2, 27))
	chip := fmt.Sprintf(`td[data-date="1403/02/27"] [data-event-id="%s"]`, id)

	s.open("/calendar/1403/2")
	s.click(chip, `[data-testid="delete"]`)
	s.click(`[data-testid="delete"]`, `[data-testid="confirm-delete"]`)
	if undo := s.text(`[data-testid="delete-undo"]`); !strings.Contains(undo, "۳۰ روز") {
		t.Errorf("the delete page does not say it can be undone: %q", undo)
	}
	m := s.mark()
	s.click(`[data-testid="confirm-delete"]`, `[data-testid="month"]`)
	s.expectStatus(m, "/events/"+id+"/delete", 303)
	if n := s.count(chip); n != 0 {
		t.Errorf("the deleted event still shows %d times on its month", n)
	}

	if status := s.open("/events/" + id); status != 410 {
		t.Errorf("the deleted event's page answers %d, want 410", status)
	}
	s.waitText(`[data-testid="gone"] h1`, "این رویداد حذف شده است")
	s.waitText(`[data-testid="gone-title"]`, title)
	if s.count(`[data-testid="gone"] [data-testid="restore"]`) != 1 {
		t.Error("the 410 page offers the editor no restore button")
	}
	s.checkAxe("the 410 page")

	s.click(`header nav a[href="/trash"]`, `[data-testid="trash"]`)
	s.checkAxe("the trash")
	item := fmt.Sprintf(`[data-testid="trash"] [data-event-id="%s"]`, id)
	if got := s.text(item + " strong"); got != title {
		t.Errorf("the trash lists %q", got)
	}
	m = s.mark()
	s.click(item+` [data-testid="restore"]`, `[data-testid="event-title"]`)
	s.expectStatus(m, "/events/"+id+"/restore", 303)
	s.expectStatus(m, "/events/"+id, 200)
	s.waitText(`[data-testid="event-title"]`, title)
	s.waitText(`[data-testid="flash"]`, "رویداد با همان شماره و همان نشانی بازگردانده شد.")

	s.click(`article.event a[href^="/calendar/"]`, `[data-testid="month"]`)
	s.waitText(`[data-testid="month-title"]`, "اردیبهشت ۱۴۰۳")
	if n := s.count(chip); n != 1 {
		t.Errorf("the restored event shows %d times on 27 Ordibehesht, want 1", n)
	}
}

// checkAxe fails the test on any axe-core finding on the page shown but a
// minor one, as TestAccessibility does on the main pages.
func (s *session) checkAxe(page string) {
	s.t.Helper()
	if _, err := os.Stat(axePath); err != nil {
		missing(s.t, "axe-core not installed in internal/e2e/testdata/axe: run ./scripts/test, which installs it")
	}
	for _, v := range s.axe() {
		if v.Impact != "minor" {
			s.t.Errorf("%s: %s", page, v)
		}
	}
}
