package web_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/web"
)

// testClock is a clock that a test moves.
type testClock struct{ t atomic.Int64 }

func newTestClock(t time.Time) *testClock {
	c := &testClock{}
	c.set(t)
	return c
}

func (c *testClock) set(t time.Time) { c.t.Store(t.UnixNano()) }
func (c *testClock) now() time.Time  { return time.Unix(0, c.t.Load()) }

// plainGet fetches url with a client that keeps no cookies (a calendar
// app's), sending header's pairs.
func plainGet(t *testing.T, url string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

var hashETag = regexp.MustCompile(`^"[0-9a-f]{24}"$`)

// TestFeedSameBytesAtAnotherClock: an unchanged feed rendered at two
// testClock times (by two servers over the same database, so that neither
// serves the other's kept copy) is the same bytes under the same strong
// ETag; so is an event's .ics read at two testClock times. The ETags are
// hashes, naming no UID, and the body has no METHOD.
func TestFeedSameBytesAtAnotherClock(t *testing.T) {
	clk := newTestClock(fixedNow)
	a := newBareAppWith(t, web.Config{Now: clk.now})
	events := feedEvents(t, a)
	other := httptest.NewUnstartedServer(web.New(uc(a.db), web.Config{BaseURL: a.srv.URL, Logger: discardLogger(),
		Now: func() time.Time { return fixedNow.Add(3 * time.Hour) }}))
	other.Config.ConnContext = web.ConnContext
	other.Start()
	defer other.Close()

	for _, q := range []string{"", "?kind=meeting", "?reminders=1", "?province=همدان&rscale=1"} {
		r1, b1 := plainGet(t, a.srv.URL+"/calendar.ics"+q)
		r2, b2 := plainGet(t, other.URL+"/calendar.ics"+q)
		if r1.StatusCode != 200 || r2.StatusCode != 200 {
			t.Fatalf("%s: %d and %d", q, r1.StatusCode, r2.StatusCode)
		}
		if !bytes.Equal(b1, b2) {
			t.Errorf("%s: the bodies differ at another testClock time", q)
		}
		if e1, e2 := r1.Header.Get("ETag"), r2.Header.Get("ETag"); e1 != e2 || !hashETag.MatchString(e1) {
			t.Errorf("%s: ETags %s and %s, want the same strong hash", q, e1, e2)
		}
		if l1, l2 := r1.Header.Get("Last-Modified"), r2.Header.Get("Last-Modified"); l1 != l2 || l1 == "" {
			t.Errorf("%s: Last-Modified %q and %q", q, l1, l2)
		}
		if bytes.Contains(b1, []byte("METHOD:")) {
			t.Errorf("%s: the feed has a METHOD its Content-Type does not match", q)
		}
		if ct := r1.Header.Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
			t.Errorf("%s: Content-Type %q", q, ct)
		}
	}

	for _, e := range events {
		path := "/events/" + strconv.FormatInt(e.ID, 10) + ".ics"
		r1, b1 := plainGet(t, a.srv.URL+path)
		clk.set(fixedNow.Add(90 * time.Minute))
		r2, b2 := plainGet(t, a.srv.URL+path)
		clk.set(fixedNow)
		if r1.StatusCode != 200 || !bytes.Equal(b1, b2) {
			t.Errorf("%s: %d, the bodies differ at another testClock time", path, r1.StatusCode)
		}
		e1, e2 := r1.Header.Get("ETag"), r2.Header.Get("ETag")
		if e1 != e2 || !hashETag.MatchString(e1) {
			t.Errorf("%s: ETags %s and %s, want the same strong hash", path, e1, e2)
		}
		if bytes.Contains(b1, []byte("METHOD:")) || r1.Header.Get("Content-Type") != "text/calendar; charset=utf-8" {
			t.Errorf("%s: a METHOD, or Content-Type %q", path, r1.Header.Get("Content-Type"))
		}
		// Its DTSTAMP is the event's last change.
		if want := "DTSTAMP:" + e.UpdatedAt.UTC().Format("20060102T150405Z"); !bytes.Contains(b1, []byte(want)) {
			t.Errorf("%s: no %s in\n%s", path, want, b1)
		}
	}

	// An edit moves the event's ETag and DTSTAMP.
	path := "/events/" + strconv.FormatInt(events[0].ID, 10) + ".ics"
	before, _ := plainGet(t, a.srv.URL+path)
	e := events[0]
	e.Title += " (تغییر)"
	if err := uc(a.db).SaveEvent(context.Background(), &e); err != nil {
		t.Fatal(err)
	}
	if after, _ := plainGet(t, a.srv.URL+path, "If-None-Match", before.Header.Get("ETag")); after.StatusCode != 200 || after.Header.Get("ETag") == before.Header.Get("ETag") {
		t.Errorf("after an edit: %d, ETag %s (was %s)", after.StatusCode, after.Header.Get("ETag"), before.Header.Get("ETag"))
	}
}

// TestFeedNotModifiedHeaders: a 304 carries the 200's ETag and
// Cache-Control and no cookie, and no feed answer sets one (a calendar
// app keeps none), even to a request with a stale session; a page still
// gets its CSRF cookie.
func TestFeedNotModifiedHeaders(t *testing.T) {
	a := newBareApp(t)
	events := feedEvents(t, a)
	viewer := domain.User{Name: "viewer", Role: domain.RoleViewer, PasswordHash: "-", FeedTokenHash: "-", CreatedAt: fixedNow}
	if err := a.db.CreateUser(context.Background(), &viewer); err != nil {
		t.Fatal(err)
	}
	token, err := a.db.ResetFeedToken(context.Background(), viewer.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/calendar.ics", "/calendar.ics?from=1400&to=1405", "/feeds/" + token + "/calendar.ics",
		"/events/" + strconv.FormatInt(events[2].ID, 10) + ".ics", "/events/" + strconv.FormatInt(events[0].ID, 10) + ".ics"} {
		ok, _ := plainGet(t, a.srv.URL+path, "Cookie", "ruydad_session=stale")
		if ok.StatusCode != 200 || ok.Header.Get("Cache-Control") == "" || len(ok.Cookies()) != 0 {
			t.Errorf("%s: %d, Cache-Control %q, cookies %v", path, ok.StatusCode, ok.Header.Get("Cache-Control"), ok.Cookies())
		}
		for _, cond := range [][]string{{"If-None-Match", ok.Header.Get("ETag")}, {"If-Modified-Since", ok.Header.Get("Last-Modified")}} {
			nm, b := plainGet(t, a.srv.URL+path, cond...)
			if nm.StatusCode != http.StatusNotModified || len(b) != 0 {
				t.Errorf("%s, %s: %d with %d bytes, want 304", path, cond[0], nm.StatusCode, len(b))
			}
			if nm.Header.Get("Cache-Control") != ok.Header.Get("Cache-Control") || nm.Header.Get("ETag") != ok.Header.Get("ETag") {
				t.Errorf("%s, %s: 304 with Cache-Control %q ETag %q, the 200's %q %q", path, cond[0],
					nm.Header.Get("Cache-Control"), nm.Header.Get("ETag"), ok.Header.Get("Cache-Control"), ok.Header.Get("ETag"))
			}
			if len(nm.Header.Values("Set-Cookie")) != 0 {
				t.Errorf("%s, %s: the 304 sets %v", path, cond[0], nm.Header.Values("Set-Cookie"))
			}
		}
	}
	if page, _ := plainGet(t, a.srv.URL+"/agenda"); len(page.Cookies()) == 0 {
		t.Error("a page without a cookie got no CSRF cookie")
	}
}

// TestFeedIfModifiedSinceWindow: If-Modified-Since sees what the ETag
// sees. The default window moves at Nowruz while the data stays, so a copy
// from the old year is not current (and Last-Modified moves to Nowruz);
// a window given whole does not move, and its copy stays current. The
// testClock is a year or two ahead of the real one, which stamps the data
// version.
func TestFeedIfModifiedSinceWindow(t *testing.T) {
	y := jalali.FromTime(time.Now()).Year + 1
	esfand, farvardin := jalali.MustNew(y, 12, 25).Time().Add(10*time.Hour), jalali.MustNew(y+1, 1, 2).Time().Add(10*time.Hour)
	clk := newTestClock(esfand)
	a := newBareAppWith(t, web.Config{Now: clk.now})
	yearly := domain.Event{Title: "سالگرد", Kind: domain.KindCeremony, Start: jalali.MustNew(1401, 3, 10), Repeat: domain.Repeat{Kind: domain.RepeatYearly}}
	if err := uc(a.db).SaveEvent(context.Background(), &yearly); err != nil {
		t.Fatal(err)
	}
	event := "/events/" + strconv.FormatInt(yearly.ID, 10) + ".ics"
	whole := "/calendar.ics?from=" + strconv.Itoa(y-2) + "&to=" + strconv.Itoa(y+2)
	old := map[string]*http.Response{}
	for _, path := range []string{"/calendar.ics", event, whole, whole + "&occasions=0"} {
		old[path], _ = plainGet(t, a.srv.URL+path)
	}
	clk.set(farvardin)
	for path, r := range old {
		last := r.Header.Get("Last-Modified")
		now, b := plainGet(t, a.srv.URL+path, "If-Modified-Since", last)
		moves := path == "/calendar.ics" || path == event
		if moves {
			if now.StatusCode != 200 || now.Header.Get("ETag") == r.Header.Get("ETag") {
				t.Errorf("%s, the window moved: %d, ETag %s (was %s)", path, now.StatusCode, now.Header.Get("ETag"), r.Header.Get("ETag"))
			}
			if lm, _ := http.ParseTime(now.Header.Get("Last-Modified")); !lm.Equal(jalali.MustNew(y+1, 1, 1).Time()) {
				t.Errorf("%s: Last-Modified %s, want Nowruz %d", path, now.Header.Get("Last-Modified"), y+1)
			}
			if want := "-" + strconv.Itoa(y+1+10) + "@"; !bytes.Contains(b, []byte(want)) {
				t.Errorf("%s: the new window's last year (UIDs with %s) is missing", path, want)
			}
			again, _ := plainGet(t, a.srv.URL+path, "If-Modified-Since", now.Header.Get("Last-Modified"))
			if again.StatusCode != http.StatusNotModified {
				t.Errorf("%s with the new Last-Modified: %d, want 304", path, again.StatusCode)
			}
		} else if now.StatusCode != http.StatusNotModified || now.Header.Get("Last-Modified") != last {
			t.Errorf("%s, a window given whole: %d, Last-Modified %s (was %s), want 304", path, now.StatusCode, now.Header.Get("Last-Modified"), last)
		}
	}
}
