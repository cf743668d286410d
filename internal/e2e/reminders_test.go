package e2e

import (
	"context"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/ical/icaljs"
)

// TestReminderJourney: an editor ticks two reminders in the event form;
// the event's page lists them, and its .ics carries them as VALARMs that
// ical.js reads: a DISPLAY alarm with the title, a day and an hour before
// the start.
func TestReminderJourney(t *testing.T) {
	s := newSession(t)
	s.open("/events/new")
	const title = "نشست خبری مدیرکل ارشاد"
	s.typeInto("#f-title", title)
	s.typeInto("#f-start", "1403/02/27")
	s.typeInto("#f-start_time", "10:00")
	for _, v := range []string{"1440", "60"} {
		box := `input[name="reminders"][value="` + v + `"]`
		s.click(box, box+":checked")
	}
	if n := s.count(`input[name="reminders"]:checked`); n != 2 {
		t.Fatalf("%d reminders ticked, want 2", n)
	}
	s.shoot("event-form-reminders", `[data-testid="reminders"]`)
	checkAxe(t, s, "the event form with reminders ticked")
	m := s.mark()
	s.click(`[data-testid="submit"]`, `[data-testid="event-title"]`)
	s.expectStatus(m, "/events", 303)
	s.waitText(`[data-testid="event-title"]`, title)
	id := s.attr(`article.event`, "data-event-id")
	var reminders string
	s.run(chromedp.Evaluate(`[...document.querySelectorAll("dl.facts dt")].find(dt => dt.textContent.trim() === "یادآوری")?.nextElementSibling?.textContent.trim() ?? ""`, &reminders))
	if reminders != "۱ روز قبل، ۱ ساعت قبل" {
		t.Errorf("the event page lists reminders %q", reminders)
	}

	resp, body := s.get("/events/" + id + ".ics")
	if resp.StatusCode != 200 {
		t.Fatalf("the .ics: %d", resp.StatusCode)
	}
	got := icaljs.Parse(t, []byte(body))
	if len(got) != 1 {
		t.Fatalf("ical.js read %d VEVENTs", len(got))
	}
	var triggers []string
	for _, a := range got[0].Alarms {
		if a.Action != "DISPLAY" || a.Description != title || a.Related != "START" || a.TriggerSeconds == nil {
			t.Errorf("VALARM %+v", a)
			continue
		}
		triggers = append(triggers, strconv.FormatInt(*a.TriggerSeconds, 10))
	}
	if strings.Join(triggers, " ") != "-86400 -3600" {
		t.Errorf("the .ics's VALARMs trigger at %v s, want a day and an hour before", triggers)
	}
}

// TestPreparationJourney: an editor chooses, on روز ملی ارتباطات و روابط
// عمومی's page, to prepare for it from 7 days before; today being 7 days
// before it, the agenda opens with it under «برای آماده‌سازی».
func TestPreparationJourney(t *testing.T) {
	s := newSession(t) // today is 1403/02/20
	occasions, err := s.db.Occasions(context.Background())
	i := slices.IndexFunc(occasions, func(o domain.Occasion) bool { return o.Key == "pr-day" })
	if err != nil || i < 0 {
		t.Fatalf("no PR day among the occasions (%v)", err)
	}
	id := occasions[i].ID
	s.open("/occasions/" + strconv.FormatInt(id, 10) + "/edit")
	s.typeInto("#f-lead_days", "۷")
	m := s.mark()
	s.click(`[data-testid="prepare"]`, `[data-testid="stop-preparing"]`)
	s.expectStatus(m, "/occasions/"+strconv.FormatInt(id, 10)+"/preparation", 303)
	if v := s.value("#f-lead_days"); v != "۷" {
		t.Errorf("the form shows %q days after saving", v)
	}
	checkAxe(t, s, "an occasion's page with its preparation form")

	s.open("/agenda")
	s.waitText(`[data-testid="preparing"] h2`, "برای آماده‌سازی")
	item := s.text(`[data-testid="preparing-item"]`)
	for _, want := range []string{"روز ملی ارتباطات و روابط عمومی", "۲۷ اردیبهشت ۱۴۰۳", "۷ روز مانده"} {
		if !strings.Contains(item, want) {
			t.Errorf("the agenda's preparation item %q lacks %q", item, want)
		}
	}
	var first bool
	s.run(chromedp.Evaluate(`document.querySelector('[data-testid="preparing"]').compareDocumentPosition(document.querySelector(".agenda-week")) === Node.DOCUMENT_POSITION_FOLLOWING`, &first))
	if !first {
		t.Error("the agenda's weeks come before «برای آماده‌سازی»")
	}
	s.shoot("agenda-preparing", `[data-testid="preparing"]`)
	checkAxe(t, s, "the agenda with «برای آماده‌سازی»")
}

// checkAxe fails t on any axe-core finding on the page but a minor one, as
// TestAccessibility does for the main pages.
func checkAxe(t *testing.T, s *session, what string) {
	t.Helper()
	if _, err := os.Stat(axePath); err != nil {
		missing(t, "axe-core not installed in internal/e2e/testdata/axe: run ./scripts/test, which installs it")
	}
	for _, v := range s.axe() {
		if v.Impact != "minor" {
			t.Errorf("%s: %s", what, v)
		}
	}
}
