package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// datesPoll waits until the JavaScript expression expr is true, failing the
// test with what after ten seconds.
func (s *session) datesPoll(what, expr string) {
	s.t.Helper()
	if err := chromedp.Run(s.ctx, chromedp.Poll(expr, nil, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		s.t.Fatalf("waiting for %s: %v", what, err)
	}
}

// storedEvents returns the events the database holds in 1300..1500.
func (s *session) storedEvents() []domain.Event {
	s.t.Helper()
	all, err := s.db.EventsBetween(context.Background(), jalali.MustNew(1300, 1, 1), jalali.MustNew(1500, 1, 1),
		domain.EventFilter{Statuses: []domain.Status{domain.StatusConfirmed, domain.StatusProposed, domain.StatusRejected}})
	if err != nil {
		s.t.Fatal(err)
	}
	return all
}

// Dates and times typed in the event form as people write them are saved
// as the day and time they name (the server's clock is in 1403, so «۲۵ آذر»
// is 25 Azar 1403); an unreadable date and a day that does not exist are
// refused with two different messages.
func TestTypedDatesInTheEventForm(t *testing.T) {
	s := newSession(t)
	for _, tt := range []struct {
		start, startTime string
		want             jalali.Date
		wantTime, shown  string
	}{
		{"۲۵ آذر", "۱۲ و نیم", jalali.MustNew(1403, 9, 25), "12:30", "۲۵ آذر ۱۴۰۳"},
		{"1405.9.25", "۵ عصر", jalali.MustNew(1405, 9, 25), "17:00", "۲۵ آذر ۱۴۰۵"},
	} {
		s.open("/events/new")
		s.typeInto("#f-title", "جلسهٔ شورای روابط عمومی")
		s.typeInto("#f-start", tt.start)
		s.typeInto("#f-start_time", tt.startTime)
		m := s.mark()
		s.click(`[data-testid="submit"]`, `[data-testid="event-title"]`)
		s.expectStatus(m, "/events", 303)
		if when := s.text(`[data-testid="event-when"]`); !strings.Contains(when, tt.shown) {
			t.Errorf("%q: the event page says %q, want %q", tt.start, when, tt.shown)
		}
		id := s.attr(`article.event`, "data-event-id")
		var stored *domain.Event
		for _, e := range s.storedEvents() {
			if fmt.Sprint(e.ID) == id {
				stored = &e
			}
		}
		if stored == nil || stored.Start != tt.want || stored.StartTime != tt.wantTime {
			t.Errorf("%q %q stored as %+v, want %v %s", tt.start, tt.startTime, stored, tt.want, tt.wantTime)
		}
	}

	for _, tt := range []struct{ start, msg string }{
		{"۲۵ آذرر", "تاریخ خوانده نشد؛ مثلاً ۲۵ آذر ۱۴۰۵ بنویسید."},
		{"۳۱ مهر", "۳۱ مهر وجود ندارد؛ مهر ۳۰ روز دارد."},
		{"۳۰ اسفند ۱۴۰۴", "۱۴۰۴ کبیسه نیست؛ اسفند ۲۹ روز دارد."},
	} {
		s.open("/events/new")
		s.typeInto("#f-title", "جلسه")
		s.typeInto("#f-start", tt.start)
		m := s.mark()
		s.click(`[data-testid="submit"]`, `[data-testid="error-start"]`)
		s.expectStatus(m, "/events", 422)
		if got := s.text(`[data-testid="error-start"]`); got != tt.msg {
			t.Errorf("%q: message %q, want %q", tt.start, got, tt.msg)
		}
		if got := s.value("#f-start"); got != tt.start {
			t.Errorf("%q: the field shows %q again", tt.start, got)
		}
	}
	if n := len(s.storedEvents()); n != 2 {
		t.Errorf("%d events stored, want the 2 saved", n)
	}
}

// The picker opens from the date field itself, starts on the month page
// the form was opened from, jumps by year and month from its lists, puts
// the day clicked in the field, works from the keyboard (down arrow into
// the month, arrows between days, Enter to choose, Escape to close) and
// passes axe while open.
func TestDatePickerOpensFromTheField(t *testing.T) {
	s := newSession(t)
	s.open("/calendar/1403/7")
	s.click(`header nav a[href="/events/new"]`, `[data-testid="event-form"]`)

	// A click on the field opens it on the month the form came from.
	const startPicker = "#f-start ~ .picker"
	s.click("#f-start", startPicker+" .picker-day")
	s.waitText(startPicker+" .picker-head strong", "مهر ۱۴۰۳")
	if got := s.attr("#f-start", "aria-expanded"); got != "true" {
		t.Errorf("the open field's aria-expanded is %q", got)
	}
	// Open, it passes axe and, on a phone, fits the screen.
	for _, size := range [][2]int64{{desktopW, desktopH}, {phoneW, phoneH}} {
		s.setViewport(size[0], size[1])
		for _, v := range s.axe() {
			if v.Impact != "minor" {
				t.Errorf("axe, picker open at %d px: %s", size[0], v)
			}
		}
	}
	var sideways bool
	s.run(chromedp.Evaluate(`document.documentElement.scrollWidth > window.innerWidth`, &sideways))
	if sideways {
		t.Error("the open picker makes the phone page scroll sideways")
	}
	s.setViewport(desktopW, desktopH)

	// Jump a year, then a month, from the lists; pick a day.
	choose := func(sel, value string) {
		s.run(chromedp.Evaluate(fmt.Sprintf(`(() => { const l = document.querySelector(%s); l.value = %s;
			l.dispatchEvent(new Event("change", {bubbles: true})); return true })()`, js(sel), js(value)), nil))
	}
	choose(startPicker+" .picker-year", "1404")
	s.waitText(startPicker+" .picker-head strong", "مهر ۱۴۰۴")
	choose(startPicker+" .picker-month", "2")
	s.waitText(startPicker+" .picker-head strong", "اردیبهشت ۱۴۰۴")
	s.shoot("date-picker", startPicker)
	s.click(startPicker+` .picker-day[data-value="۱۴۰۴/۰۲/۱۷"]`, "#f-start")
	s.datesPoll("the picker to close", fmt.Sprintf(`document.querySelector(%s).hidden`, js(startPicker)))
	if got := s.value("#f-start"); got != "۱۴۰۴/۰۲/۱۷" {
		t.Errorf("the chosen day put %q in the field", got)
	}

	// The keyboard: focus opens the end date's picker on the start's day.
	const endPicker = "#f-end ~ .picker"
	s.run(chromedp.Focus("#f-end", chromedp.ByQuery))
	s.waitText(endPicker+" .picker-head strong", "اردیبهشت ۱۴۰۴")
	s.run(chromedp.KeyEvent(kb.Escape))
	s.datesPoll("Escape to close the picker", fmt.Sprintf(`document.querySelector(%s).hidden && document.activeElement.id === "f-end"`, js(endPicker)))
	s.run(chromedp.KeyEvent(kb.ArrowDown))
	s.datesPoll("the down arrow to reach the chosen day",
		`document.activeElement.classList.contains("picker-day") && document.activeElement.dataset.value === "۱۴۰۴/۰۲/۱۷"`)
	s.run(chromedp.KeyEvent(kb.ArrowLeft)) // right to left: the next day
	s.run(chromedp.KeyEvent(kb.Enter))
	s.datesPoll("Enter to fill the field", fmt.Sprintf(`document.querySelector("#f-end").value === "۱۴۰۴/۰۲/۱۸" && document.querySelector(%s).hidden`, js(endPicker)))

	s.typeInto("#f-title", "همایش استانی")
	m := s.mark()
	s.click(`[data-testid="submit"]`, `[data-testid="event-title"]`)
	s.expectStatus(m, "/events", 303)
	if got := s.storedEvents(); len(got) != 1 || got[0].Start != jalali.MustNew(1404, 2, 17) || got[0].End != jalali.MustNew(1404, 2, 18) {
		t.Errorf("stored %+v, want 17–18 Ordibehesht 1404", got)
	}
}

// Without JavaScript the date field is a plain text field (no picker, no
// button), and a date typed in it is saved.
func TestDateFieldWithoutJavaScript(t *testing.T) {
	s := newSession(t)
	s.run(emulation.SetScriptExecutionDisabled(true))
	s.open("/events/new")
	if n := s.count(".picker-wrap, .picker-open"); n != 0 {
		t.Errorf("%d picker parts without JavaScript", n)
	}
	if got := s.attr("#f-start", "type"); got != "text" {
		t.Errorf("the start field is %q, want text", got)
	}
	s.typeInto("#f-title", "بازدید رسانه‌ای")
	s.typeInto("#f-start", "۱۴۰۳/۹/۲۵")
	s.typeInto("#f-start_time", "۹ شب")
	m := s.mark()
	s.click(`[data-testid="submit"]`, `[data-testid="event-title"]`)
	s.expectStatus(m, "/events", 303)
	if got := s.storedEvents(); len(got) != 1 || got[0].Start != jalali.MustNew(1403, 9, 25) || got[0].StartTime != "21:00" {
		t.Errorf("stored %+v, want 25 Azar 1403 at 21:00", got)
	}
}
