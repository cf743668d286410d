package web_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// TestForgedHostReachesNoLink: the absolute links of feeds, subscribe
// links and the account page's secret feed URL are built on the configured
// base URL; a request naming another host (in Host, or in the headers a
// proxy would add) changes none of them.
func TestForgedHostReachesNoLink(t *testing.T) {
	a := newApp(t)
	withUsers(t, a)
	e := domain.Event{Title: "نشست خبری", Kind: domain.KindPressConference, Start: jalali.MustNew(1403, 2, 27)}
	if err := uc(a.db).SaveEvent(context.Background(), &e); err != nil {
		t.Fatal(err)
	}
	viewer, err := a.db.UserByName(context.Background(), "viewer")
	if err != nil {
		t.Fatal(err)
	}
	token, err := a.db.ResetFeedToken(context.Background(), viewer.ID)
	if err != nil {
		t.Fatal(err)
	}
	a.login("viewer", pw)
	base, host := a.srv.URL, strings.TrimPrefix(a.srv.URL, "http://")
	for path, want := range map[string]string{
		"/calendar.ics":                          "URL:" + base + "/events/" + itoa(e.ID),
		"/events/" + itoa(e.ID) + ".ics":         "URL:" + base + "/events/" + itoa(e.ID),
		"/feeds/" + token + "/calendar.ics":      "URL:" + base + "/events/" + itoa(e.ID),
		"/calendar/1403/2":                       "webcal://" + host + "/calendar.ics",
		"/calendar/1403":                         "webcal://" + host + "/calendar.ics",
		"/agenda":                                "webcal://" + host + "/calendar.ics",
		"/calendar/1403/2?kind=press_conference": "webcal://" + host + "/calendar.ics?kind=press_conference",
	} {
		for _, forged := range []string{"", "evil.example", "evil.example:8443"} {
			req, _ := http.NewRequest(http.MethodGet, a.srv.URL+path, nil)
			if forged != "" {
				// The client's jar gives no cookies to a request for another host.
				for _, ck := range a.http.Jar.Cookies(req.URL) {
					req.AddCookie(ck)
				}
				req.Host = forged
				req.Header.Set("X-Forwarded-Host", forged)
				req.Header.Set("X-Forwarded-Proto", "https")
				req.Header.Set("Forwarded", "host="+forged+";proto=https")
			}
			resp, err := a.http.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			body := strings.ReplaceAll(string(b), "\r\n ", "") // unfold iCalendar lines
			if resp.StatusCode != http.StatusOK || strings.Contains(body, "evil") || !strings.Contains(body, want) {
				t.Errorf("%s with Host %q: %d, evil.example named %v, %q named %v", path, forged, resp.StatusCode,
					strings.Contains(body, "evil"), want, strings.Contains(body, want))
			}
		}
	}
	// The account page shows a new secret feed URL on the base URL too.
	tok := a.csrf()
	req, _ := http.NewRequest(http.MethodPost, a.srv.URL+"/account/feed", strings.NewReader("_csrf="+tok))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for _, ck := range a.http.Jar.Cookies(req.URL) {
		req.AddCookie(ck)
	}
	req.Host = "evil.example"
	req.Header.Set("X-Forwarded-Host", "evil.example")
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || strings.Contains(string(b), "evil") || !strings.Contains(string(b), base+"/feeds/") {
		t.Errorf("a new feed URL with Host evil.example: %d, evil named %v", resp.StatusCode, strings.Contains(string(b), "evil"))
	}
}
