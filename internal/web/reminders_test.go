package web_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/ical"
	"github.com/ruydad/ruydad/internal/ical/icaljs"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/locale"
)

// alarmSeconds returns the TRIGGER of each VALARM of the first VEVENT of
// an .ics body whose UID starts with uid, as ical.js reads them.
func alarmSeconds(t *testing.T, body []byte, uid string) []int64 {
	t.Helper()
	for _, g := range icaljs.Parse(t, body) {
		if !strings.HasPrefix(g.UID, uid) {
			continue
		}
		var out []int64
		for _, a := range g.Alarms {
			if a.Action != "DISPLAY" || a.Related != "START" || a.TriggerSeconds == nil || a.Description != g.Summary {
				t.Errorf("%s: VALARM %+v", g.UID, a)
				continue
			}
			out = append(out, *a.TriggerSeconds)
		}
		return out
	}
	t.Fatalf("no VEVENT %s…", uid)
	return nil
}

func secondsString(s []int64) string {
	var parts []string
	for _, n := range s {
		parts = append(parts, itoa(n))
	}
	return strings.Join(parts, ",")
}

// TestEventRemindersFormPageAndICS: reminders ticked in the event form are
// stored, shown on the event's page, ticked again in its edit form and
// written to its .ics as VALARMs that ical.js reads; an edit changes them;
// a forged or out-of-range value is refused beside the reminders and
// nothing is stored.
func TestEventRemindersFormPageAndICS(t *testing.T) {
	a := newApp(t)
	_, form := a.get("/events/new")
	var offered []string
	form.Find(`[data-testid="reminders"] input[name="reminders"]`).Each(func(_ int, s *goquery.Selection) {
		offered = append(offered, s.AttrOr("value", ""))
	})
	if strings.Join(offered, " ") != "10080 1440 60 15" {
		t.Errorf("the form offers reminders %q", offered)
	}
	if labels := form.Find(`[data-testid="reminders"] label`).Text(); !strings.Contains(labels, "۱ هفته قبل") || !strings.Contains(labels, "۱۵ دقیقه قبل") {
		t.Errorf("reminder labels %q", labels)
	}
	resp, _ := a.post("/events", url.Values{
		"title": {"نشست خبری استاندار"}, "kind": {"press_conference"}, "start": {"۱۴۰۳/۲/۲۷"}, "start_time": {"۱۰:۰۰"},
		"reminders": {"60", "1440"},
	})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: status %d", resp.StatusCode)
	}
	path := strings.SplitN(resp.Header.Get("Location"), "?", 2)[0]
	_, page := a.get(path)
	if dd := page.Find(`dt:contains("یادآوری") + dd`).Text(); dd != "۱ روز قبل، ۱ ساعت قبل" {
		t.Errorf("the event page shows reminders %q", dd)
	}
	_, edit := a.get(path + "/edit")
	var ticked []string
	edit.Find(`input[name="reminders"][checked]`).Each(func(_ int, s *goquery.Selection) {
		ticked = append(ticked, s.AttrOr("value", ""))
	})
	if strings.Join(ticked, " ") != "1440 60" {
		t.Errorf("the edit form ticks %q", ticked)
	}
	_, body := fetch(t, a, path+".ics")
	if got := secondsString(alarmSeconds(t, body, "")); got != "-86400,-3600" {
		t.Errorf("the .ics's VALARMs trigger at %s s", got)
	}

	resp, _ = a.post(path, url.Values{
		"title": {"نشست خبری استاندار"}, "kind": {"press_conference"}, "start": {"۱۴۰۳/۲/۲۷"}, "start_time": {"۱۰:۰۰"},
		"reminders": {"10080"},
	})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: status %d", resp.StatusCode)
	}
	_, body = fetch(t, a, path+".ics")
	if got := secondsString(alarmSeconds(t, body, "")); got != "-604800" {
		t.Errorf("after the edit the VALARMs trigger at %s s", got)
	}

	n := a.countEvents()
	for _, bad := range [][]string{{"60", "soon"}, {"50000"}, {"-15"}, {"1", "2", "3", "4", "5", "6"}} {
		resp, doc := a.post("/events", url.Values{"title": {"جلسه"}, "kind": {"meeting"}, "start": {"۱۴۰۳/۲/۲۸"}, "reminders": bad})
		msg := doc.Find(`[data-testid="error-reminders"]`).Text()
		if resp.StatusCode != http.StatusUnprocessableEntity || msg == "" {
			t.Errorf("reminders %q: status %d, message %q", bad, resp.StatusCode, msg)
		}
	}
	if a.countEvents() != n {
		t.Error("an event with bad reminders was stored")
	}
}

// TestImportKeepsRelativeAlarms: an imported VEVENT's relative VALARMs
// become the event's reminders; the absolute one is left out and the page
// after the import says so, and why.
func TestImportKeepsRelativeAlarms(t *testing.T) {
	a := newApp(t)
	resp, _ := uploadPage(t, a, vcal("UID:remind@google.com\r\nSUMMARY:جلسه با یادآوری\r\nDTSTART;VALUE=DATE:20240516\r\n"+
		"BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:x\r\nTRIGGER:-P1D\r\nEND:VALARM\r\n"+
		"BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:x\r\nTRIGGER:-PT30M\r\nEND:VALARM\r\n"+
		"BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:x\r\nTRIGGER;VALUE=DATE-TIME:20240515T050000Z\r\nEND:VALARM\r\n"))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("import: status %d", resp.StatusCode)
	}
	_, page := a.get(resp.Header.Get("Location"))
	if msg := page.Find("main").Text(); !strings.Contains(msg, "۱ یادآوری (VALARM) فایل نگه داشته نشد، زیرا زمانش ساعتی معین بود") {
		t.Errorf("the import page does not say the absolute alarm was left out:\n%s", msg)
	}
	day := jalali.MustNew(1403, 2, 27) // 2024-05-16
	events, err := a.db.EventsBetween(context.Background(), day, day, domain.EventFilter{})
	if err != nil || len(events) != 1 || events[0].Reminders != domain.RemindersOf(domain.ReminderDay, 30) {
		t.Fatalf("imported %+v, %v", events, err)
	}
}

// TestEveryAlarmProblemIsWorded: each reason ical gives for leaving a
// VALARM out has its Persian words.
func TestEveryAlarmProblemIsWorded(t *testing.T) {
	for _, p := range ical.AlarmProblems {
		if !locale.KnowsAlarmProblem(string(p)) {
			t.Errorf("no words for %q", p)
		}
	}
}

// TestPreparationFormAgendaAndFeed: an editor chooses an occasion to
// prepare for, with its lead time, on the occasion's page; the agenda then
// opens with it under «برای آماده‌سازی» once the window has begun, and the
// feed asked for reminders (?reminders=1, its own ETag) gives its VEVENTs a
// VALARM that long before, following a change of the lead time at once. A
// lead time that is no number or out of range is refused beside its input,
// nothing stored; stopping takes it off the agenda.
func TestPreparationFormAgendaAndFeed(t *testing.T) {
	a := newApp(t) // today is 1403/02/20; روز ملی ارتباطات و روابط عمومی is 1403/02/27
	id := a.occasionID("pr-day")
	editURL := "/occasions/" + itoa(id) + "/edit"
	postURL := "/occasions/" + itoa(id) + "/preparation"
	if _, page := a.get(editURL); page.Find(`[data-testid="preparation-form"] [data-testid="stop-preparing"]`).Length() != 0 ||
		page.Find(`[data-testid="preparation-form"][action="`+postURL+`"]`).Length() != 1 {
		t.Fatal("the occasion's page has no preparation form, or one that says it is chosen")
	}
	if _, agenda := a.get("/agenda"); agenda.Find(`[data-testid="preparing"]`).Length() != 0 {
		t.Error("the agenda lists occasions to prepare for before any is chosen")
	}
	_, plain := fetch(t, a, "/calendar.ics?reminders=1&from=1403&to=1403")
	if strings.Contains(string(plain), "BEGIN:VALARM") {
		t.Error("a VALARM in the feed before any occasion is prepared for")
	}

	for _, bad := range []string{"", "یک هفته", "0", "181"} {
		resp, doc := a.post(postURL, url.Values{"act": {"save"}, "lead_days": {bad}})
		msg := doc.Find(`[data-testid="error-lead_days"]`).Text()
		if resp.StatusCode != http.StatusUnprocessableEntity || msg == "" || doc.Find(`#f-lead_days`).AttrOr("value", "") != bad {
			t.Errorf("lead time %q: status %d, message %q", bad, resp.StatusCode, msg)
		}
	}
	if preps, _ := a.db.Preparations(context.Background()); len(preps) != 0 {
		t.Fatalf("refused lead times stored: %+v", preps)
	}

	resp, _ := a.post(postURL, url.Values{"act": {"save"}, "lead_days": {"۷"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != editURL+"?done=preparing" {
		t.Fatalf("prepare: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, page := a.get(editURL + "?done=preparing")
	if v := page.Find(`#f-lead_days`).AttrOr("value", ""); v != "۷" || page.Find(`[data-testid="stop-preparing"]`).Length() != 1 {
		t.Errorf("after choosing it the form shows %q days, stop button %d", v, page.Find(`[data-testid="stop-preparing"]`).Length())
	}
	_, agenda := a.get("/agenda")
	items := agenda.Find(`[data-testid="preparing"] [data-testid="preparing-item"]`)
	if items.Length() != 1 || !strings.Contains(items.Text(), "روز ملی ارتباطات و روابط عمومی") ||
		!strings.Contains(items.Text(), "۲۷ اردیبهشت ۱۴۰۳") || !strings.Contains(items.Text(), "۷ روز مانده") {
		t.Errorf("the agenda's preparation list: %q", items.Text())
	}
	if h := agenda.Find(`[data-testid="preparing"] h2`).Text(); h != "برای آماده‌سازی" {
		t.Errorf("its heading %q", h)
	}
	_, list := a.get("/occasions")
	if mark := list.Find(`tr[data-occasion-id="` + itoa(id) + `"] [data-testid="preparing-mark"]`).Text(); mark != "آماده‌سازی از ۷ روز قبل" ||
		list.Find(`[data-testid="preparing-mark"]`).Length() != 1 {
		t.Errorf("the occasions list marks it %q (%d marks)", mark, list.Find(`[data-testid="preparing-mark"]`).Length())
	}

	withResp, with := fetch(t, a, "/calendar.ics?reminders=1&from=1403&to=1403")
	if got := secondsString(alarmSeconds(t, with, "occasion-pr-day-1403@")); got != "-604800" {
		t.Errorf("the PR day's VALARMs in the feed with reminders: %s s", got)
	}
	withoutResp, without := fetch(t, a, "/calendar.ics?from=1403&to=1403")
	if strings.Contains(string(without), "BEGIN:VALARM") {
		t.Error("a VALARM in the feed without ?reminders=1")
	}
	if withResp.Header.Get("ETag") == withoutResp.Header.Get("ETag") {
		t.Error("the feeds with and without reminders share an ETag")
	}

	if resp, _ := a.post(postURL, url.Values{"act": {"save"}, "lead_days": {"10"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("change: %d", resp.StatusCode)
	}
	_, again := fetch(t, a, "/calendar.ics?reminders=1&from=1403&to=1403")
	if got := secondsString(alarmSeconds(t, again, "occasion-pr-day-1403@")); got != "-864000" {
		t.Errorf("after a change to 10 days the feed still reminds at %s s", got)
	}

	if resp, _ := a.post(postURL, url.Values{"act": {"stop"}}); resp.StatusCode != http.StatusSeeOther ||
		resp.Header.Get("Location") != editURL+"?done=not-preparing" {
		t.Fatalf("stop: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, agenda := a.get("/agenda"); agenda.Find(`[data-testid="preparing"]`).Length() != 0 {
		t.Error("the agenda still lists the occasion after stopping")
	}
}

// occasionID returns the id of the stored occasion with key.
func (a *app) occasionID(key string) int64 {
	a.t.Helper()
	all, err := a.db.Occasions(context.Background())
	if err != nil {
		a.t.Fatal(err)
	}
	if i := slices.IndexFunc(all, func(o domain.Occasion) bool { return o.Key == key }); i >= 0 {
		return all[i].ID
	}
	a.t.Fatalf("no occasion %q", key)
	return 0
}
