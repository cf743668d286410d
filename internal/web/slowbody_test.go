package web_test

import (
	"bufio"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/web"
)

// TestSlowBodyIsADebugLine: a client that sends its form too slowly is cut
// off by the server's read timeout (slowloris). That is the client's doing,
// not the server's: it is answered 408 (not a 500) and logged as a debug
// line, never as an ERROR, whatever the route (a form, an upload, a form
// post to no route).
func TestSlowBodyIsADebugLine(t *testing.T) {
	var logs syncBuffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	a := newAppServer(t, web.Config{Logger: log}, func(s *httptest.Server) {
		s.Config.ReadTimeout = 300 * time.Millisecond
	})
	addr := strings.TrimPrefix(a.srv.URL, "http://")
	for _, post := range []struct{ path, ctype string }{
		{"/login", "application/x-www-form-urlencoded"},
		{"/events", "application/x-www-form-urlencoded"},
		{"/import", "multipart/form-data; boundary=xyz"},
		{"/nowhere", "application/x-www-form-urlencoded"},
	} {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(c, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: %s\r\nContent-Length: 1000\r\n\r\n_csrf=", post.path, addr, post.ctype)
		// ... and nothing more: the rest of the body never comes.
		c.SetReadDeadline(time.Now().Add(10 * time.Second))
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		c.Close()
		if err != nil {
			t.Errorf("POST %s with a stalled body: %v", post.path, err)
			continue
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestTimeout {
			t.Errorf("POST %s with a stalled body: %d, want 408", post.path, resp.StatusCode)
		}
	}
	out := logs.String()
	if strings.Contains(out, "level=ERROR") {
		t.Errorf("a stalled body logs an ERROR:\n%s", out)
	}
	if n := strings.Count(out, `level=DEBUG msg="request dropped"`); n != 4 {
		t.Errorf("%d debug lines for 4 stalled bodies:\n%s", n, out)
	}
}
