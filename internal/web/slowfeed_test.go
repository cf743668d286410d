package web_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// TestSlowFeedDownloadsDoNotStarveThePages: sixteen calendar apps that ask
// for a large feed and then read nothing (a slow phone, a stalled proxy)
// must not hold every database connection: pages and the feed's cheap
// revalidation still answer at once.
func TestSlowFeedDownloadsDoNotStarveThePages(t *testing.T) {
	a := newApp(t)
	evs := make([]domain.Event, 6000)
	for i := range evs {
		d := jalali.MustNew(1403, 1, 1).AddDays(i % 700)
		evs[i] = domain.Event{Title: strings.Repeat("نشست خبری روابط عمومی استانداری ", 3) + jalali.FaNum(i), Kind: domain.KindPressConference,
			Start: d, End: d, Description: strings.Repeat("شرح برنامه برای آزمون خوراک کند. ", 8)}
	}
	if _, _, err := uc(a.db).ImportEvents(context.Background(), evs); err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Timeout: 5 * time.Second}
	small := a.srv.URL + "/calendar.ics?occasions=0&kind=award"
	resp, err := client.Get(small)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	etag := resp.Header.Get("ETag")
	addr := strings.TrimPrefix(a.srv.URL, "http://")
	var stalled []net.Conn
	defer func() {
		for _, c := range stalled {
			c.Close()
		}
	}()
	for range 16 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		stalled = append(stalled, c)
		fmt.Fprintf(c, "GET /calendar.ics HTTP/1.1\r\nHost: %s\r\n\r\n", addr)
	}
	time.Sleep(500 * time.Millisecond) // the feeds start and fill their sockets

	for _, path := range []string{"/calendar/1403/3", "/calendar/1403/7?kind=press_conference", "/events/17", "/agenda", "/search?q=نشست"} {
		start := time.Now()
		resp, err = client.Get(a.srv.URL + path)
		if err != nil {
			t.Fatalf("%s while 16 feeds stall: %v", path, err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s while 16 feeds stall: %d", path, resp.StatusCode)
		}
		t.Logf("%s: %d in %s", path, resp.StatusCode, time.Since(start).Round(time.Millisecond))
	}
	// Feeds take turns: the stalled ones hold them all, so another waits.
	if resp, err := (&http.Client{Timeout: time.Second}).Get(small); err == nil {
		resp.Body.Close()
		t.Errorf("a 17th feed was written beside 16 stalled ones (%d): the turns do not bound them", resp.StatusCode)
	}
	// A subscriber whose copy is current needs no turn.
	req, _ := http.NewRequest(http.MethodGet, small, nil)
	req.Header.Set("If-None-Match", etag)
	if resp, err = client.Do(req); err != nil {
		t.Fatalf("revalidation while 16 feeds stall: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation while 16 feeds stall: %d, want 304", resp.StatusCode)
	}
	// Once the stalled subscribers go, the turns come back.
	for _, c := range stalled {
		c.Close()
	}
	if resp, err = client.Get(small); err != nil {
		t.Fatalf("a feed after the stalled downloads went: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("a feed after the stalled downloads went: %d", resp.StatusCode)
	}
}
