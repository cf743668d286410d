package web_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/web"
)

// fillFeed stores n confirmed events with long texts: about 1 KB each in
// the feed.
func fillFeed(t *testing.T, a *app, n int) {
	t.Helper()
	evs := make([]domain.Event, n)
	for i := range evs {
		d := jalali.MustNew(1403, 1, 1).AddDays(i % 700)
		evs[i] = domain.Event{Title: strings.Repeat("نشست خبری روابط عمومی استانداری ", 3) + jalali.FaNum(i), Kind: domain.KindPressConference,
			Start: d, End: d, Description: strings.Repeat("شرح برنامه برای آزمون خوراک کند. ", 8)}
	}
	if _, err := uc(a.db).ImportEvents(context.Background(), evs); err != nil {
		t.Fatal(err)
	}
}

// getFeed downloads path in full with client and checks that it is a whole
// feed: status 200, as long as its Content-Length or, sent while it was
// rendered, chunked to its last chunk, ending the calendar.
func getFeed(t *testing.T, client *http.Client, url string) []byte {
	t.Helper()
	resp, err := client.Get(url)
	if err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s: reading the body: %v", url, err)
	}
	checkWholeFeed(t, url, resp, b)
	return b
}

func checkWholeFeed(t *testing.T, url string, resp *http.Response, b []byte) {
	t.Helper()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: %d", url, resp.StatusCode)
	}
	switch want := resp.Header.Get("Content-Length"); {
	case want == "" && slices.Equal(resp.TransferEncoding, []string{"chunked"}):
		// io.ReadAll read it to its last chunk: whole.
	case want != strconv.Itoa(len(b)):
		t.Fatalf("%s: %d bytes, Content-Length %q, Transfer-Encoding %q", url, len(b), want, resp.TransferEncoding)
	}
	if !bytes.HasSuffix(b, []byte("END:VCALENDAR\r\n")) {
		t.Fatalf("%s: the feed does not end the calendar", url)
	}
}

// TestSlowFeedDownloadsDoNotStarveThePages: sixteen calendar apps that ask
// for a large feed and then read nothing (a slow phone, a stalled proxy)
// hold no database connection and no turn: pages, the feed's cheap
// revalidation and the feed itself still answer at once.
func TestSlowFeedDownloadsDoNotStarveThePages(t *testing.T) {
	a := newApp(t)
	fillFeed(t, a, 6000)
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
	// Another feed, full or small, is written beside them.
	getFeed(t, client, a.srv.URL+"/calendar.ics")
	getFeed(t, client, small)
	// A subscriber whose copy is current needs no render.
	req, _ := http.NewRequest(http.MethodGet, small, nil)
	req.Header.Set("If-None-Match", etag)
	if resp, err = client.Do(req); err != nil {
		t.Fatalf("revalidation while 16 feeds stall: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation while 16 feeds stall: %d, want 304", resp.StatusCode)
	}
}

// slowReader is a calendar app on a very slow link: it asks for a feed
// on a connection with a small receive buffer, then takes a few bytes a
// second.
type slowReader struct {
	conn net.Conn
	got  atomic.Int64
	end  atomic.Value // the error that ended its reading
}

func startSlowReader(t *testing.T, addr, path string) *slowReader {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	c.(*net.TCPConn).SetReadBuffer(4 << 10)
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\n\r\n", path, addr)
	r := &slowReader{conn: c}
	// The status line comes at once: the download has begun.
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	line := make([]byte, len("HTTP/1.1 200"))
	if _, err := io.ReadFull(c, line); err != nil || string(line) != "HTTP/1.1 200" {
		t.Fatalf("a slow reader's download did not begin: %q, %v", line, err)
	}
	c.SetReadDeadline(time.Time{})
	go func() {
		b := make([]byte, 8)
		for {
			n, err := c.Read(b)
			r.got.Add(int64(n))
			if err != nil {
				r.end.Store(err)
				return
			}
			time.Sleep(time.Second)
		}
	}()
	return r
}

// TestSlowFeedReadersDoNotDelayOthers: four subscribers taking a few bytes
// a second of the full feed (which used to hold the four feed turns until
// they were cut off, 20 s later) do not delay a fifth's full feed: it
// comes whole while they are still reading.
func TestSlowFeedReadersDoNotDelayOthers(t *testing.T) {
	a := newApp(t)
	fillFeed(t, a, 6000)
	addr := strings.TrimPrefix(a.srv.URL, "http://")
	var slow []*slowReader
	for range 4 {
		slow = append(slow, startSlowReader(t, addr, "/calendar.ics"))
	}
	start := time.Now()
	b := getFeed(t, &http.Client{Timeout: 15 * time.Second}, a.srv.URL+"/calendar.ics")
	t.Logf("a full feed (%d bytes) beside 4 slow readers: %s", len(b), time.Since(start).Round(time.Millisecond))
	for i, r := range slow {
		if err := r.end.Load(); err != nil {
			t.Errorf("slow reader %d stopped after %d bytes: %v", i, r.got.Load(), err)
		}
		if r.got.Load() >= int64(len(b)) {
			t.Errorf("slow reader %d has the whole feed already", i)
		}
	}
}

// throttled reads at most rate bytes a second from r.
type throttled struct {
	r     io.Reader
	rate  int
	start time.Time
	n     int
}

func (t *throttled) Read(p []byte) (int, error) {
	if len(p) > t.rate/50 {
		p = p[:t.rate/50]
	}
	n, err := t.r.Read(p)
	t.n += n
	if due := t.start.Add(time.Duration(float64(t.n) / float64(t.rate) * float64(time.Second))); time.Until(due) > 0 {
		time.Sleep(time.Until(due))
	}
	return n, err
}

// TestSteadySlowFeedReaderCompletes: a subscriber that downloads a feed
// slowly but steadily gets all of it, however long it takes beyond the
// server's read and write timeouts and the feed's idle time (here 1 s
// each; the download about 4 s). It used to be cut off: the write deadline
// moved only when a write returned, and the kernel lets a write into a
// full socket buffer (megabytes, on a fast link) only once the reader has
// drained a good part of it, which takes a slow reader longer than that.
func TestSteadySlowFeedReaderCompletes(t *testing.T) {
	const timeout = time.Second
	a := newAppServer(t, web.Config{FeedIdle: timeout}, func(s *httptest.Server) {
		s.Config.ReadTimeout, s.Config.WriteTimeout = timeout, timeout
	})
	fillFeed(t, a, 1500)
	const path = "/calendar.ics"
	want := getFeed(t, &http.Client{Timeout: 5 * time.Second}, a.srv.URL+path)
	addr := strings.TrimPrefix(a.srv.URL, "http://")
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.(*net.TCPConn).SetReadBuffer(256 << 10)
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\n\r\n", path, addr)
	start := time.Now()
	in := &throttled{r: c, rate: len(want) / 4, start: start}
	resp, err := http.ReadResponse(bufio.NewReaderSize(in, 4<<10), nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(resp.Body)
	took := time.Since(start)
	if err != nil {
		t.Fatalf("the steady download was cut off after %d of %d bytes, %s: %v", len(b), len(want), took.Round(time.Millisecond), err)
	}
	checkWholeFeed(t, path, resp, b)
	t.Logf("%d bytes at %d KB/s in %s", len(b), in.rate>>10, took.Round(time.Millisecond))
	if took < 3*timeout {
		t.Errorf("the download took %s: too fast to show that the timeouts (%s) move with progress", took, timeout)
	}
}
