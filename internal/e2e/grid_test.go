package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// gridEvents are Ordibehesht 1403's events for the grid's journeys: one of
// every kind, a five-day fair inside a week, a five-day course across a
// Friday, a day of timed meetings (two of them overlapping) and a proposed
// event.
type gridEvents struct {
	fair, course, meeting, interview, proposed string
}

func (s *session) seedGrid() gridEvents {
	s.t.Helper()
	day := func(d int) jalali.Date { return jalali.MustNew(1403, 2, d) }
	add := func(e domain.Event) string {
		if e.Status == "" {
			e.Status = domain.StatusConfirmed
		}
		if err := uc(s.db).SaveEvent(context.Background(), &e); err != nil {
			s.t.Fatal(err)
		}
		return strconv.FormatInt(e.ID, 10)
	}
	var g gridEvents
	g.fair = add(domain.Event{Title: "نمایشگاه بزرگ دستاوردهای روابط عمومی دستگاه‌های اجرایی استان", Kind: domain.KindFestival,
		Start: day(8), End: day(12)})
	g.course = add(domain.Event{Title: "دورهٔ آموزش خبرنویسی برای کارشناسان", Kind: domain.KindTraining, Start: day(19), End: day(23)})
	g.meeting = add(domain.Event{Title: "جلسهٔ شورای اطلاع‌رسانی", Kind: domain.KindMeeting, Start: day(24), StartTime: "10:00", EndTime: "11:30"})
	g.interview = add(domain.Event{Title: "مصاحبهٔ مدیرکل با صداوسیما", Kind: domain.KindMediaTour, Start: day(24), StartTime: "11:00", EndTime: "12:00"})
	g.proposed = add(domain.Event{Title: "نشست خبری پیشنهادی دربارهٔ برنامه‌های هفتهٔ ارتباطات", Kind: domain.KindPressConference, Start: day(15), Status: domain.StatusProposed})
	for i, k := range domain.Kinds {
		if k == domain.KindOccasion {
			continue // a confirmed occasion-kind event without an occasion key is shown as any event
		}
		add(domain.Event{Title: k.Label() + " نمونه", Kind: k, Start: day(1 + i*2)})
	}
	return g
}

// rect is an element's box on the page, as getBoundingClientRect gives it.
type rect struct{ Left, Right, Top, Bottom, Width, Height float64 }

// rectOf returns the box of the first element matching sel.
func (s *session) rectOf(sel string) rect {
	s.t.Helper()
	var r rect
	s.run(chromedp.Evaluate(fmt.Sprintf(`(() => { const r = document.querySelector(%s).getBoundingClientRect();
		return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height}; })()`, js(sel)), &r))
	return r
}

// near reports whether a and b are within tolerance px of each other.
func near(a, b, tolerance float64) bool { return a-b <= tolerance && b-a <= tolerance }

// contrastJS measures, for each element matching the selector it is given,
// its text against its background and its background (or, for a white
// proposed bar, its dashed border) against the day cell behind it: the
// WCAG contrast ratios.
const contrastJS = `(sel => {
	const rgb = s => s.match(/[\d.]+/g).map(Number);
	const lum = c => { const f = v => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
	const ratio = (a, b) => { const x = lum(rgb(a)), y = lum(rgb(b)); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
	return [...document.querySelectorAll(sel)].map(el => {
		const cs = getComputedStyle(el);
		const cell = el.closest("td.day") ? getComputedStyle(el.closest("td.day").querySelector(".bg")).backgroundColor : "rgb(255, 255, 255)";
		const behind = rgb(cell)[3] === 0 ? "rgb(255, 255, 255)" : cell;
		const fill = el.classList.contains("proposed") ? cs.borderTopColor : cs.backgroundColor;
		return {name: el.textContent.trim().slice(0, 40), text: ratio(cs.color, cs.backgroundColor), against: ratio(fill, behind)};
	});
})`

// TestGridColoursAndBars: on the month, each kind has its own colour and
// shape, named in the legend; bars read 4.5:1 and stand 3:1 against their
// cells; a five-day event is one bar across its five days, or two when it
// crosses a Friday, marked where it goes on; the cut title is whole in the
// tooltip and to screen readers.
func TestGridColoursAndBars(t *testing.T) {
	s := newSession(t)
	g := s.seedGrid()
	s.open("/calendar/1403/2?proposed=1")
	s.run(s.fontsReady())
	s.shoot("month-grid", `td[data-date="1403/02/15"] .cell`)

	var legend []struct{ Label, Colour, Shape string }
	s.run(chromedp.Evaluate(`[...document.querySelectorAll('[data-testid="legend-kind"]')].map(li => ({
		label: li.textContent.trim(), colour: getComputedStyle(li, "::before").backgroundColor, shape: getComputedStyle(li, "::before").clipPath}))`, &legend))
	colours, shapes := map[string]bool{}, map[string]bool{}
	for _, k := range legend {
		colours[k.Colour], shapes[k.Shape] = true, true
	}
	if len(legend) != len(domain.Kinds) || len(colours) != len(legend) || len(shapes) != len(legend) {
		t.Errorf("the legend names %d kinds in %d colours and %d shapes, want %d of each: %+v", len(legend), len(colours), len(shapes), len(domain.Kinds), legend)
	}

	var contrasts []struct {
		Name          string
		Text, Against float64
	}
	s.run(chromedp.Evaluate(contrastJS+`("a.bar")`, &contrasts))
	if len(contrasts) < len(domain.Kinds) {
		t.Errorf("%d bars measured", len(contrasts))
	}
	for _, c := range contrasts {
		if c.Text < 4.5 || c.Against < 3 {
			t.Errorf("bar %q: text %.2f:1 (want 4.5), against its cell %.2f:1 (want 3)", c.Name, c.Text, c.Against)
		}
	}

	fair := fmt.Sprintf(`a.bar[data-event-id="%s"]`, g.fair)
	if n := s.count(fair); n != 1 {
		t.Fatalf("the five-day fair is %d bars, want 1", n)
	}
	bar, first, last := s.rectOf(fair), s.rectOf(`td[data-date="1403/02/08"] .bg`), s.rectOf(`td[data-date="1403/02/12"] .bg`)
	if !near(bar.Right, first.Right, 8) || !near(bar.Left, last.Left, 8) || bar.Top < first.Top || bar.Bottom > first.Bottom {
		t.Errorf("the fair's bar spans %.0f..%.0f, want the 8th to the 12th, %.0f..%.0f (right to left)", bar.Right, bar.Left, first.Right, last.Left)
	}
	title := "نمایشگاه بزرگ دستاوردهای روابط عمومی دستگاه‌های اجرایی استان"
	if tip := s.attr(fair, "title"); !strings.Contains(tip, title) || !strings.Contains(tip, "۸ تا ۱۲ اردیبهشت") {
		t.Errorf("the fair's tooltip reads %q", tip)
	}
	// A one-day event in a narrow cell is cut on the screen, never in its text.
	var cut struct {
		Cut  bool
		Text string
	}
	s.run(chromedp.Evaluate(`(() => { const b = [...document.querySelectorAll("a.bar.w1")].find(b => b.textContent.includes("نشست خبری پیشنهادی"));
		return {cut: b.scrollWidth > b.clientWidth, text: b.textContent.replace(/\s+/g, " ").trim()}; })()`, &cut))
	if !strings.Contains(cut.Text, "نشست خبری پیشنهادی") || !strings.Contains(cut.Text, "پیشنهادی") || !strings.Contains(cut.Text, "نشست خبری،") {
		t.Errorf("a bar's text (what a screen reader reads) is %q", cut.Text)
	}

	// The course, Wednesday the 19th to Sunday the 23rd: two rows.
	course := fmt.Sprintf(`a.bar[data-event-id="%s"]`, g.course)
	var parts []struct {
		Class, Clip string
		Top, Left   float64
		Right       float64
	}
	s.run(chromedp.Evaluate(fmt.Sprintf(`[...document.querySelectorAll(%s)].map(b => { const r = b.getBoundingClientRect();
		return {class: b.className, clip: getComputedStyle(b).clipPath, top: r.top, left: r.left, right: r.right}; })`, js(course)), &parts))
	if len(parts) != 2 {
		t.Fatalf("the course across a Friday is %d bars, want 2", len(parts))
	}
	fri, sat := s.rectOf(`td[data-date="1403/02/21"] .bg`), s.rectOf(`td[data-date="1403/02/22"] .bg`)
	if !strings.Contains(parts[0].Class, "after") || parts[0].Clip == "none" || !near(parts[0].Left, fri.Left, 2) ||
		!strings.Contains(parts[1].Class, "before") || parts[1].Clip == "none" || !near(parts[1].Right, sat.Right, 2) || parts[1].Top <= parts[0].Top {
		t.Errorf("the course's bars: %+v; want the first to run out of Friday the 21st (left %.0f) pointed, the second into Saturday the 22nd (right %.0f) notched, a row lower", parts, fri.Left, sat.Right)
	}
}

// TestWeekView: the week shows its timed events on the hours, from their
// start to their end, overlapping ones side by side, under their day's
// column of the all-day row, which holds the multi-day events; it links
// to the weeks around it, the month, the day and today.
func TestWeekView(t *testing.T) {
	s := newSession(t)
	g := s.seedGrid()
	s.open("/calendar/1403/2/22/week")
	s.run(s.fontsReady())
	if got := s.text(`[data-testid="week-title"]`); got != "۲۲ تا ۲۸ اردیبهشت ۱۴۰۳" {
		t.Errorf("the week is titled %q", got)
	}
	var ten, eleven rect
	s.run(chromedp.Evaluate(`(() => { const f = t => { const r = [...document.querySelectorAll(".axis .hour")].find(h => h.textContent.trim() === t).getBoundingClientRect();
		return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height}; }; return f("۱۰:۰۰"); })()`, &ten))
	s.run(chromedp.Evaluate(`(() => { const f = t => { const r = [...document.querySelectorAll(".axis .hour")].find(h => h.textContent.trim() === t).getBoundingClientRect();
		return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height}; }; return f("۱۱:۰۰"); })()`, &eleven))
	hour := eleven.Top - ten.Top
	meeting := s.rectOf(fmt.Sprintf(`[data-testid="hours"] a[data-event-id="%s"]`, g.meeting))
	interview := s.rectOf(fmt.Sprintf(`[data-testid="hours"] a[data-event-id="%s"]`, g.interview))
	if hour < 30 || !near(meeting.Top, ten.Top, 3) || !near(meeting.Height, 1.5*hour, 4) {
		t.Errorf("the 10:00–11:30 meeting is at %.0f, %.0f px high; the hour of 10 begins at %.0f and is %.0f px", meeting.Top, meeting.Height, ten.Top, hour)
	}
	if !near(interview.Top, eleven.Top, 3) || !near(interview.Height, hour, 4) || interview.Left < meeting.Right-1 && interview.Right > meeting.Left+1 {
		t.Errorf("the 11:00–12:00 interview is at %+v beside the meeting at %+v", interview, meeting)
	}
	var contrasts []struct {
		Name          string
		Text, Against float64
	}
	s.run(chromedp.Evaluate(contrastJS+`(".tb a.ev, .week-view a.bar")`, &contrasts))
	for _, c := range contrasts {
		if c.Text < 4.5 || c.Against < 3 {
			t.Errorf("%q on the week: text %.2f:1 (want 4.5), against the page %.2f:1 (want 3)", c.Name, c.Text, c.Against)
		}
	}
	if len(contrasts) < 4 {
		t.Errorf("%d events measured on the week", len(contrasts))
	}
	monday := s.rectOf(`[data-testid="all-day"] td[data-date="1403/02/24"] .bg`)
	for _, r := range []rect{meeting, interview} {
		if r.Left < monday.Left-1 || r.Right > monday.Right+1 {
			t.Errorf("a timed event at %.0f..%.0f is not under Monday the 24th's column %.0f..%.0f", r.Left, r.Right, monday.Left, monday.Right)
		}
	}
	if s.count(fmt.Sprintf(`[data-testid="all-day"] a.bar.before[data-event-id="%s"]`, g.course)) != 1 {
		t.Error("the course begun the week before is not in the all-day row, marked as going on")
	}

	s.shoot("week", `[data-testid="hours"] a[data-event-id="`+g.meeting+`"]`)
	s.open("/calendar/1403/2/24")
	if s.count(`[data-testid="hours"] a[data-event-id="`+g.meeting+`"]`) != 1 {
		t.Error("the day page does not show the meeting on its hours")
	}
	s.shoot("day-hours", `[data-testid="hours"]`)

	s.open("/calendar/1403/2/22/week")
	s.click(`[data-testid="next-week"]`, `[data-testid="week-title"]`)
	if p := s.path(); p != "/calendar/1403/2/29/week" {
		t.Errorf("the next week is %s", p)
	}
	s.click(`[data-testid="this-week"]`, `[data-testid="week-title"]`)
	if p := s.path(); p != "/calendar/1403/2/15/week" {
		t.Errorf("this week (today is 1403/02/20) is %s", p)
	}
	s.click(`[data-testid="views"] a[href^="/calendar/1403/2/15"]:not([aria-current])`, `[data-testid="day-title"]`)
	if p := s.path(); p != "/calendar/1403/2/15" {
		t.Errorf("the week's day link leads to %s", p)
	}
	s.click(`[data-testid="views"] a[href="/calendar/1403/2"]`, `[data-testid="month-title"]`)
	s.click(`[data-testid="views"] a[href$="/week"]`, `[data-testid="week-title"]`)
	if p := s.path(); p != "/calendar/1403/2/15/week" {
		t.Errorf("the month's week link leads to %s", p)
	}
}

// TestClickDayToAdd: a day's + opens the new event form starting that day,
// for those who may add events; a visitor without an account is given no
// link to it.
func TestClickDayToAdd(t *testing.T) {
	s := newSession(t)
	s.open("/calendar/1403/2")
	s.click(`td[data-date="1403/02/26"] [data-testid="add-on-day"]`, `[data-testid="event-form"]`)
	if got := s.value(`#f-start`); got != "۱۴۰۳/۰۲/۲۶" {
		t.Errorf("the form starts on %q, want ۱۴۰۳/۰۲/۲۶", got)
	}
	// The empty room under a day's number does the same.
	s.open("/calendar/1403/2")
	cell := s.rectOf(`td[data-date="1403/02/06"] .bg`)
	s.step("clicking the empty room of the 6th", chromedp.MouseClickXY((cell.Left+cell.Right)/2, cell.Bottom-6),
		chromedp.WaitVisible(`[data-testid="event-form"]`, chromedp.ByQuery))
	if got := s.value(`#f-start`); got != "۱۴۰۳/۰۲/۰۶" {
		t.Errorf("the form opened from the 6th's room starts on %q", got)
	}
	s.run(network.ClearBrowserCookies())
	s.open("/calendar/1403/2")
	// Signed out, the page has no link to the form at all (not hidden ones):
	// no «+», no day list's link, and a day's empty room is no link.
	if n := s.count(`[data-testid="add-on-day"], [data-testid="day-list-add"], [data-testid="new-event"], a[href^="/events/new"]`); n != 0 {
		t.Errorf("signed out, the month links the new event form %d times", n)
	}
	if n := s.count(`td[data-date="1403/02/06"] a.bg`); n != 0 || s.count(`td[data-date="1403/02/06"] .bg`) != 1 {
		t.Errorf("signed out, a day's empty room is a link (%d)", n)
	}
}

// TestPhoneGrid: at 390 px the header's links fold into a menu and the
// filters behind one button; the month shows each day's events as dots,
// and choosing a day lists its events under the grid; no calendar page
// scrolls sideways.
func TestPhoneGrid(t *testing.T) {
	s := newSession(t)
	g := s.seedGrid()
	s.open("/calendar/1403/2")
	s.setViewport(phoneW, phoneH)
	visible := func(sel string) bool {
		var n int
		s.run(chromedp.Evaluate(fmt.Sprintf(`[...document.querySelectorAll(%s)].filter(e => e.checkVisibility({visibilityProperty: true})).length`, js(sel)), &n))
		return n > 0
	}
	if visible(`header a[href="/agenda"]`) || !visible(`[data-testid="menu"] summary`) {
		t.Error("the header's links show on a phone before the menu is opened")
	}
	s.click(`[data-testid="menu"] summary`, `[data-testid="menu"] nav a[href="/agenda"]`)
	if visible(`#flt-kind`) {
		t.Error("the filters show before their button is pressed")
	}
	s.click(`[data-testid="filters-fold"] summary`, `#flt-kind`)
	if n := s.count(`td[data-date="1403/02/24"] .dots i`); n != 2 || !visible(`td[data-date="1403/02/24"] .dots i`) || visible(`td[data-date="1403/02/24"] a.bar`) {
		t.Errorf("the 24th shows %d dots (want 2) and its bars are hidden: %v", n, !visible(`td[data-date="1403/02/24"] a.bar`))
	}
	s.checkNoSidewaysScroll("the month with its menu and filters open")

	s.click(`td[data-date="1403/02/24"] [data-testid="pick-day"]`, `[data-testid="day-list"]`)
	if loc := s.location(); !strings.HasSuffix(loc, "/calendar/1403/2?day=24#day-list") {
		t.Errorf("choosing the 24th leads to %s", loc)
	}
	list := s.text(`[data-testid="day-list"]`)
	if !strings.Contains(list, "جلسهٔ شورای اطلاع‌رسانی") || !strings.Contains(list, "مصاحبهٔ مدیرکل با صداوسیما") || !strings.Contains(list, "دوشنبه ۲۴ اردیبهشت ۱۴۰۳") {
		t.Errorf("the 24th's list reads %q", list)
	}
	if !strings.Contains(s.attr(`td[data-date="1403/02/24"]`, "class"), "chosen") {
		t.Error("the chosen day is not marked")
	}
	s.run(chromedp.Evaluate(`document.querySelector("table.month").scrollIntoView()`, nil))
	s.shootPhone("month-day-list")
	for _, path := range []string{"/calendar/1403/2/22/week", "/calendar/1403/2/24", "/calendar/1403/2?day=19"} {
		s.open(path)
		s.checkNoSidewaysScroll(path)
	}
	s.open(fmt.Sprintf("/events/%s", g.meeting))
	s.checkNoSidewaysScroll("an event")
}

// checkNoSidewaysScroll fails the test when the page is wider than a
// phone's 390 px (a phone widens its layout viewport, innerWidth, to a page
// wider than the screen, so both are compared with the screen).
func (s *session) checkNoSidewaysScroll(what string) {
	s.t.Helper()
	var w struct{ Scroll, Inner int }
	s.run(s.fontsReady(), chromedp.Evaluate(`({scroll: document.scrollingElement.scrollWidth, inner: innerWidth})`, &w))
	if w.Scroll > phoneW || w.Inner != phoneW {
		s.t.Errorf("%s at %d px scrolls sideways: %d px wide, window %d px", what, phoneW, w.Scroll, w.Inner)
	}
}

// shootPhone writes docs/screenshots/NAME-390.png of the page as a phone
// shows it (RUYDAD_SCREENSHOTS=1).
func (s *session) shootPhone(name string) {
	s.t.Helper()
	if os.Getenv(screenshotsEnv) != "1" {
		return
	}
	var png []byte
	s.setViewport(phoneW, phoneH)
	s.run(s.fontsReady(), chromedp.CaptureScreenshot(&png))
	if err := os.WriteFile(filepath.Join(screenshotDir, fmt.Sprintf("%s-%d.png", name, phoneW)), png, 0o644); err != nil {
		s.t.Fatal(err)
	}
}
