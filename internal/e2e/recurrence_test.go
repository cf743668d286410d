package e2e

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ruydad/ruydad/internal/ical/icaljs"
)

// TestRecurrenceJourney: an editor creates a weekly meeting through the
// form (Saturdays and Tuesdays at 10:00 from Saturday 1403/02/22), skips
// one occurrence and moves another from its month page; the month page,
// the week view, the agenda and the series' .ics, read by ical.js as a
// calendar app reads it, all show the skipped one gone and the moved one on
// its new day.
func TestRecurrenceJourney(t *testing.T) {
	s := newSession(t)
	s.open("/events/new")
	checkRepeatPage(s, "the event form with its repeat section")
	const title = "جلسهٔ هماهنگی روابط عمومی"
	s.typeInto("#f-title", title)
	s.typeInto("#f-start", "1403/02/22")
	s.typeInto("#f-start_time", "10:00")
	s.typeInto("#f-end_time", "11:00")
	s.step("choosing a weekly repeat", chromedp.SetValue("#f-repeat", "weekly", chromedp.ByQuery))
	s.click(`[data-testid="repeat-day-0"]`, `[data-testid="repeat-day-0"]:checked`)
	s.click(`[data-testid="repeat-day-3"]`, `[data-testid="repeat-day-3"]:checked`)
	m := s.mark()
	s.click(`[data-testid="submit"]`, `[data-testid="event-recurrence"]`)
	s.expectStatus(m, "/events", 303)
	s.waitText(`[data-testid="event-recurrence"]`, "هر هفته شنبه و سه‌شنبه")
	id := s.attr(`article.event`, "data-event-id")
	chip := fmt.Sprintf(`[data-event-id="%s"]`, id)

	// Skip Saturday 1403/03/05, from its chip on the month page.
	s.open("/calendar/1403/3")
	s.click(`td[data-date="1403/03/05"] a`+chip, `[data-testid="occurrence-choices"]`)
	if got := s.text(`[data-testid="event-when"]`); !strings.Contains(got, "۵ خرداد ۱۴۰۳") {
		t.Errorf("the occurrence page reads %q", got)
	}
	s.click(`[data-testid="delete-one"]`, `[data-testid="confirm-delete"]`)
	m = s.mark()
	s.click(`[data-testid="confirm-delete"]`, `[data-testid="month"]`)
	s.expectStatus(m, "/events/"+id+"/delete", 303)

	// Move Tuesday 1403/03/01 alone to Wednesday 1403/03/02 at 12:00.
	s.click(`td[data-date="1403/03/01"] a`+chip, `[data-testid="occurrence-choices"]`)
	checkRepeatPage(s, "the occurrence page")
	s.click(`[data-testid="edit-one"]`, `[data-testid="event-form"]`)
	if s.count(`#f-repeat`) != 0 || s.value("#f-start") != "۱۴۰۳/۰۳/۰۱" {
		t.Errorf("the form of one occurrence: repeat inputs %d, start %q", s.count(`#f-repeat`), s.value("#f-start"))
	}
	s.typeInto("#f-start", "1403/03/02")
	s.typeInto("#f-start_time", "12:00")
	s.typeInto("#f-end_time", "13:00")
	s.click(`[data-testid="submit"]`, `[data-testid="override-of"]`)
	moved := s.attr(`article.event`, "data-event-id")
	movedChip := fmt.Sprintf(`[data-event-id="%s"]`, moved)

	s.open("/calendar/1403/3")
	for day, want := range map[string][2]int{ // the series' chips, the moved one's
		"1403/03/01": {0, 0}, "1403/03/02": {0, 1}, "1403/03/05": {0, 0}, "1403/03/08": {1, 0}, "1403/03/12": {1, 0},
	} {
		got := [2]int{s.count(`td[data-date="` + day + `"] ` + chip), s.count(`td[data-date="` + day + `"] ` + movedChip)}
		if got != want {
			t.Errorf("the month page on %s shows the series and the moved occurrence %v times, want %v", day, got, want)
		}
	}

	// The weeks on their hours: the meeting on Saturday, Tuesday's moved to
	// Wednesday noon; the next week without its skipped Saturday.
	for week, days := range map[string]map[string][2]int{ // the series' blocks, the moved one's
		"/calendar/1403/3/1/week": {"1403/02/29": {1, 0}, "1403/03/01": {0, 0}, "1403/03/02": {0, 1}},
		"/calendar/1403/3/5/week": {"1403/03/05": {0, 0}, "1403/03/08": {1, 0}},
	} {
		s.open(week)
		for day, want := range days {
			col := `[data-testid="hours"] ul.tcol[data-date="` + day + `"] `
			if got := [2]int{s.count(col + chip), s.count(col + movedChip)}; got != want {
				t.Errorf("the week %s shows on %s's hours the series and the moved occurrence %v times, want %v", week, day, got, want)
			}
		}
	}
	s.open("/calendar/1403/3/5/week")
	if got := s.attr(`[data-testid="hours"] a`+chip, "href"); got != "/events/"+id+"?on=1403/03/08" {
		t.Errorf("the week links the series' occurrence to %q", got)
	}

	s.open("/agenda")
	for link, want := range map[string]int{
		"/events/" + id + "?on=1403/02/22": 1, "/events/" + id + "?on=1403/02/25": 1, "/events/" + id + "?on=1403/03/01": 0,
		"/events/" + id + "?on=1403/03/05": 0, "/events/" + id + "?on=1403/03/08": 1, "/events/" + moved: 1,
	} {
		if got := s.count(`.agenda-day a[href="` + link + `"]`); got != want {
			t.Errorf("the agenda links %s %d times, want %d", link, got, want)
		}
	}
	if got := s.count(`.agenda-day:has(h3 a[href="/calendar/1403/3/2"]) a` + movedChip); got != 1 {
		t.Errorf("the agenda lists the moved occurrence on 1403/03/02 %d times", got)
	}

	// The series' .ics, as a calendar app reads it.
	resp, body := s.get("/events/" + id + ".ics?from=1403&to=1403")
	if resp.StatusCode != 200 {
		t.Fatalf("the .ics: %d", resp.StatusCode)
	}
	starts := map[string]bool{}
	for _, occ := range icaljs.Occurrences(t, []byte(body)) {
		for _, o := range occ {
			starts[o] = true
		}
	}
	for o, want := range map[string]bool{
		"2024-05-11T10:00:00": true,  // 1403/02/22, the first
		"2024-05-21T10:00:00": false, // 1403/03/01, moved
		"2024-05-22T12:00:00": true,  // 1403/03/02, where it went
		"2024-05-25T10:00:00": false, // 1403/03/05, skipped
		"2024-05-28T10:00:00": true,  // 1403/03/08
	} {
		if starts[o] != want {
			t.Errorf("ical.js: an occurrence at %s is %v, want %v", o, starts[o], want)
		}
	}
}

// checkRepeatPage checks the page s shows (one of those this part of the
// app added or grew) as TestAccessibility and
// TestPhoneLayoutHasNoHorizontalScroll check the others: no axe finding
// but minor ones at either size, and on a phone a window as wide as the
// phone (a mobile browser widens it for content that does not fit).
func checkRepeatPage(s *session, name string) {
	s.t.Helper()
	if _, err := os.Stat(axePath); err != nil {
		missing(s.t, "axe-core not installed in internal/e2e/testdata/axe: run ./scripts/test, which installs it")
	}
	defer s.run(chromedp.EmulateViewport(desktopW, desktopH))
	for _, size := range [][2]int64{{desktopW, desktopH}, {phoneW, phoneH}} {
		emulate := chromedp.EmulateViewport(size[0], size[1])
		if size[0] == phoneW {
			emulate = chromedp.EmulateViewport(size[0], size[1], chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)
		}
		// Polled on a timer: a tab in the background runs no animation frames.
		var inner int
		s.step("emulating a screen "+fmt.Sprint(size[0])+" px wide", emulate,
			chromedp.Poll(fmt.Sprintf(`(window.innerWidth < 1000) === %t`, size[0] < 1000), nil, chromedp.WithPollingInterval(20*time.Millisecond)),
			chromedp.Evaluate(`window.innerWidth`, &inner))
		if inner != int(size[0]) {
			s.t.Errorf("%s on a screen %d px wide: the window is %d px wide, some content does not fit", name, size[0], inner)
		}
		for _, v := range s.axe() {
			if v.Impact != "minor" {
				s.t.Errorf("%s at %d px: %s", name, size[0], v)
			}
		}
	}
}
