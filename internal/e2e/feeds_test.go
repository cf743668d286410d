package e2e

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// addEvent stores a confirmed event directly, for journeys about finding or
// exporting events rather than typing them.
func (s *session) addEvent(title string, start, end jalali.Date) string {
	s.t.Helper()
	e := domain.Event{Title: title, Kind: domain.KindPressConference, Start: start, End: end,
		Status: domain.StatusConfirmed, Province: "قزوین"}
	if err := uc(s.db).SaveEvent(context.Background(), &e); err != nil {
		s.t.Fatal(err)
	}
	return strconv.FormatInt(e.ID, 10)
}

func TestSearchJourney(t *testing.T) {
	s := newSession(t)
	id := s.addEvent("همایش روابط عمومی دیجیتال", jalali.MustNew(1403, 2, 27), jalali.MustNew(1403, 2, 27))
	other := s.addEvent("جشنوارهٔ رسانه‌های استان", jalali.MustNew(1403, 3, 5), jalali.MustNew(1403, 3, 5))

	s.open("/")
	// The header's search box leads to the search page.
	s.typeInto(`header [data-testid="header-search"] input[name="q"]`, "رسانه"+kb.Enter)
	s.waitLocation(func(u *url.URL) bool { return u.Path == "/search" && u.Query().Get("q") == "رسانه" })
	s.run(chromedp.WaitVisible(`[data-testid="search-form"]`, chromedp.ByQuery))
	// Typed with Arabic yeh and kaf, as many keyboards and pasted texts do.
	for _, q := range []string{"دیجیتال", "عمومي ديجيتال"} {
		box := `[data-testid="search-form"] input[name="q"]`
		s.typeInto(box, q+kb.Enter)
		// Wait for the results page of this query, not the page it was typed on.
		s.waitLocation(func(u *url.URL) bool { return u.Query().Get("q") == q })
		s.run(chromedp.WaitVisible(`[data-testid="search-summary"]`, chromedp.ByQuery))
		hit := fmt.Sprintf(`main [data-event-id="%s"]`, id)
		s.run(chromedp.WaitVisible(hit, chromedp.ByQuery))
		if n := s.count(fmt.Sprintf(`main [data-event-id="%s"]`, other)); n != 0 {
			t.Errorf("searching %q also found the festival", q)
		}
		if got := s.value(box); got != q {
			t.Errorf("the search box shows %q after searching %q", got, q)
		}
	}
	s.click(fmt.Sprintf(`main [data-event-id="%s"]`, id), `[data-testid="event-title"]`)
	s.waitText(`[data-testid="event-title"]`, "همایش روابط عمومی دیجیتال")
}

// TestSearchMoreJourney: a search that finds more events than a page
// shows says so, and its link shows 20 more, the list in view.
func TestSearchMoreJourney(t *testing.T) {
	s := newSession(t)
	for i := range 25 {
		s.addEvent("همایش شماره "+jalali.FaNum(i+1), jalali.MustNew(1403, 2, 1+i), jalali.MustNew(1403, 2, 1+i))
	}
	s.open("/search?q=" + url.QueryEscape("همایش"))
	s.run(chromedp.WaitVisible(`[data-testid="search-summary"]`, chromedp.ByQuery))
	if got := s.text(`[data-testid="search-summary"]`); !strings.Contains(got, "بیش از ۲۰ رویداد") {
		t.Errorf("the first page says %q", got)
	}
	if n := s.count(`main [data-event-id]`); n != 20 {
		t.Errorf("the first page shows %d events, want 20", n)
	}
	s.click(`[data-testid="search-more-events"]`, `[data-testid="search-summary"]`)
	s.waitLocation(func(u *url.URL) bool { return u.Query().Get("events") == "40" && u.Fragment == "events" })
	s.run(chromedp.WaitVisible(`#events`, chromedp.ByQuery))
	if n := s.count(`main [data-event-id]`); n != 25 {
		t.Errorf("the next page shows %d events, want all 25", n)
	}
	if n := s.count(`[data-testid="search-more-events"]`); n != 0 {
		t.Error("the page of all 25 still links to more")
	}
	if got := s.text(`[data-testid="search-summary"]`); !strings.Contains(got, "۲۵ رویداد") || strings.Contains(got, "بیش از") {
		t.Errorf("the next page says %q", got)
	}
}

func TestICSDownloadJourney(t *testing.T) {
	s := newSession(t)
	const title = "نشست خبری استاندار"
	id := s.addEvent(title, jalali.MustNew(1403, 2, 27), jalali.MustNew(1403, 2, 28))

	s.open("/")
	s.run(chromedp.WaitVisible(`[data-testid="ics-download"]`, chromedp.ByQuery))
	checkICS(t, "the month's feed", s.download(`[data-testid="ics-download"]`), title)

	s.click(fmt.Sprintf(`td[data-date="1403/02/27"] [data-event-id="%s"]`, id), `[data-testid="event-title"]`)
	link := `main a[href*=".ics"]`
	href := s.attr(link, "href")
	if u, err := url.Parse(href); err != nil || !strings.HasSuffix(u.Path, "/events/"+id+".ics") {
		t.Errorf("the event page links to %s for its .ics", href)
	}
	checkICS(t, "the event's file", s.download(link), title)
}

func checkICS(t *testing.T, what, body, title string) {
	t.Helper()
	if !strings.HasPrefix(body, "BEGIN:VCALENDAR\r\n") {
		t.Errorf("%s starts %q, want BEGIN:VCALENDAR", what, body[:min(len(body), 40)])
	}
	if !strings.Contains(body, "SUMMARY:"+title+"\r\n") || !strings.HasSuffix(body, "END:VCALENDAR\r\n") {
		t.Errorf("%s lacks the event or the calendar's end:\n%s", what, body)
	}
}

// download clicks the link sel as a user does, lets the browser save the
// file and returns its content.
func (s *session) download(sel string) string {
	s.t.Helper()
	dir := s.t.TempDir()
	done := make(chan string, 1)
	ctx, stop := context.WithCancel(s.ctx)
	defer stop()
	chromedp.ListenBrowser(ctx, func(ev any) {
		if ev, ok := ev.(*browser.EventDownloadProgress); ok && ev.State == browser.DownloadProgressStateCompleted {
			select {
			case done <- ev.GUID:
			default:
			}
		}
	})
	allow := chromedp.ActionFunc(func(ctx context.Context) error {
		return browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllowAndName).
			WithBrowserContextID(s.browserContext).WithDownloadPath(dir).WithEventsEnabled(true).
			Do(cdp.WithExecutor(ctx, chromedp.FromContext(ctx).Browser))
	})
	s.step("downloading "+sel, allow, chromedp.Click(sel, chromedp.ByQuery, chromedp.NodeVisible))
	select {
	case guid := <-done:
		b, err := os.ReadFile(filepath.Join(dir, guid))
		if err != nil {
			s.t.Fatal(err)
		}
		return string(b)
	case <-s.ctx.Done():
		s.t.Fatalf("clicking %s downloaded nothing", sel)
		return ""
	}
}
