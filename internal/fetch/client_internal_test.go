package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
)

// problem returns err's FetchProblem, failing the test when err is not a
// *domain.FetchError.
func problem(t *testing.T, err error) domain.FetchProblem {
	t.Helper()
	var fe *domain.FetchError
	if !errors.As(err, &fe) {
		t.Fatalf("error %v (%T) is not a *domain.FetchError", err, err)
	}
	return fe.Problem
}

func wantProblem(t *testing.T, err error, want domain.FetchProblem) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %s", want)
	}
	if got := problem(t, err); got != want {
		t.Fatalf("problem %s (%v), want %s", got, err, want)
	}
}

// wantProblems fetches origin+path with fetch for each path, and checks the
// problem each fails with.
func wantProblems(t *testing.T, origin string, want map[string]domain.FetchProblem, fetch func(string) error) {
	t.Helper()
	for path, problem := range want {
		err := fetch(origin + path)
		t.Run(path, func(t *testing.T) { wantProblem(t, err, problem) })
	}
}

func testClient(o Options) *Client {
	o.AllowPrivate = true
	return New(o)
}

func serve(t testing.TB, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func TestGetRefusesOtherSchemes(t *testing.T) {
	c := testClient(Options{})
	for _, u := range []string{"file:///etc/passwd", "ftp://example.com/feed.xml", "gopher://example.com/", "javascript:alert(1)"} {
		_, err := c.get(context.Background(), u, "*/*", domain.Validators{})
		wantProblem(t, err, domain.FetchScheme)
	}
}

func TestGetRefusesARedirectToAnotherScheme(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	_, err := testClient(Options{}).get(context.Background(), srv.URL, "*/*", domain.Validators{})
	wantProblem(t, err, domain.FetchScheme)
}

func TestGetStopsAtTooManyRedirectsAndLoops(t *testing.T) {
	var hops atomic.Int32
	chain := serve(t, func(w http.ResponseWriter, r *http.Request) {
		hops.Add(1)
		var n int
		fmt.Sscanf(r.URL.Path, "/%d", &n)
		http.Redirect(w, r, fmt.Sprintf("/%d", n+1), http.StatusFound)
	})
	_, err := testClient(Options{MaxRedirects: 3}).get(context.Background(), chain.URL+"/0", "*/*", domain.Validators{})
	wantProblem(t, err, domain.FetchRedirects)
	if got := hops.Load(); got != 4 {
		t.Errorf("%d requests made, want 4 (the first and 3 redirects)", got)
	}

	loop := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/a" {
			http.Redirect(w, r, "/b", http.StatusMovedPermanently)
			return
		}
		http.Redirect(w, r, "/a", http.StatusMovedPermanently)
	})
	_, err = testClient(Options{}).get(context.Background(), loop.URL+"/a", "*/*", domain.Validators{})
	wantProblem(t, err, domain.FetchRedirects)

	// Within the limit, the final URL is where the body came from.
	ok := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/news/1" {
			http.Redirect(w, r, "/news/1", http.StatusFound)
			return
		}
		io.WriteString(w, "ok")
	})
	r, err := testClient(Options{}).get(context.Background(), ok.URL+"/n/1", "*/*", domain.Validators{})
	if err != nil {
		t.Fatal(err)
	}
	if r.url.Path != "/news/1" || string(r.body) != "ok" {
		t.Errorf("got %s %q", r.url, r.body)
	}
}

func TestGetBlocksPrivateAddresses(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "secret") })
	port := srv.URL[strings.LastIndex(srv.URL, ":"):]
	c := New(Options{}) // private sources not allowed
	for _, u := range []string{srv.URL, "http://localhost" + port, "http://[::ffff:127.0.0.1]" + port} {
		_, err := c.get(context.Background(), u, "*/*", domain.Validators{})
		wantProblem(t, err, domain.FetchBlocked)
	}
	_, err := c.Feed(context.Background(), srv.URL+"/rss", domain.Validators{})
	wantProblem(t, err, domain.FetchBlocked)
	_, err = c.Page(context.Background(), srv.URL+"/news/1")
	wantProblem(t, err, domain.FetchBlocked)
}

// A host the check lets through (standing for a public site) redirects to
// 127.0.0.1: the redirect's dial is checked too and refused.
func TestGetBlocksARedirectToLoopback(t *testing.T) {
	var reached atomic.Bool
	inside := serve(t, func(w http.ResponseWriter, r *http.Request) {
		reached.Store(true)
		io.WriteString(w, "metadata")
	})
	outside := serve(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, inside.URL+"/latest/meta-data/", http.StatusFound)
	})
	allowed := addrPort(t, outside.URL)
	c := New(Options{})
	c.permit = func(ap netip.AddrPort) bool { return ap == allowed }

	_, err := c.get(context.Background(), outside.URL, "*/*", domain.Validators{})
	wantProblem(t, err, domain.FetchBlocked)
	if reached.Load() {
		t.Error("the loopback server was reached")
	}
}

func addrPort(t *testing.T, raw string) netip.AddrPort {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	ap, err := netip.ParseAddrPort(u.Host)
	if err != nil {
		t.Fatal(err)
	}
	return ap
}

func TestPublic(t *testing.T) {
	for _, s := range []string{
		"127.0.0.1", "127.9.9.9", "::1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
		"fc00::1", "fd12:3456::1", "169.254.169.254", "169.254.0.1", "fe80::1", "0.0.0.0", "::",
		"224.0.0.1", "239.255.255.250", "ff02::1", "100.64.0.1", "100.127.255.254", "255.255.255.255",
		"::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe", "0.1.2.3", "::7f00:1",
	} {
		if Public(netip.MustParseAddr(s)) {
			t.Errorf("Public(%s) = true", s)
		}
	}
	for _, s := range []string{"8.8.8.8", "185.143.233.1", "2.188.21.1", "2a01:5ec0::1", "100.128.0.1", "172.32.0.1", "::ffff:8.8.8.8"} {
		if !Public(netip.MustParseAddr(s)) {
			t.Errorf("Public(%s) = false", s)
		}
	}
}

// A 50 MB body is refused once the limit is passed, not read whole: with a
// declared length before any of it, without one after MaxBytes+1 bytes.
func TestGetRefusesTooBigBodies(t *testing.T) {
	const fifty = 50 << 20
	chunk := []byte(strings.Repeat("<item>خبر</item>\n", 1024))
	for _, declared := range []bool{false, true} {
		var written atomic.Int64
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml")
			if declared {
				w.Header().Set("Content-Length", fmt.Sprint(fifty))
			}
			for written.Load() < fifty {
				n, err := w.Write(chunk)
				written.Add(int64(n))
				if err != nil {
					return
				}
			}
		}))
		_, err := testClient(Options{MaxBytes: 1 << 20}).get(context.Background(), srv.URL, "*/*", domain.Validators{})
		srv.Close() // waits for the handler
		wantProblem(t, err, domain.FetchTooBig)
		if got := written.Load(); got >= fifty {
			t.Errorf("declared %v: the server wrote all %d bytes", declared, got)
		}
	}
}

// A small gzip body that inflates past the limit is refused too: the limit
// counts the bytes read after decompression.
func TestGetRefusesACompressedBomb(t *testing.T) {
	var zipped bytes.Buffer
	zw := gzip.NewWriter(&zipped)
	zw.Write(bytes.Repeat([]byte("<item>"), 8<<20/6))
	zw.Close()
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(zipped.Bytes())
	})
	_, err := testClient(Options{MaxBytes: 1 << 20}).get(context.Background(), srv.URL, "*/*", domain.Validators{})
	wantProblem(t, err, domain.FetchTooBig)
	if zipped.Len() >= 1<<20 {
		t.Fatalf("the compressed body is %d bytes, not under the limit", zipped.Len())
	}
}

// A server that never answers, or stops in the middle of its body, is a
// timeout for the whole fetch.
func TestGetTimesOut(t *testing.T) {
	release := make(chan struct{})
	silent := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	stalled := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, "<html><body><p>آغاز")
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer func() {
		close(release)
		silent.Close()
		stalled.Close()
	}()
	c := testClient(Options{Timeout: 100 * time.Millisecond})
	for _, u := range []string{silent.URL, stalled.URL} {
		_, err := c.get(context.Background(), u, "*/*", domain.Validators{})
		wantProblem(t, err, domain.FetchTimeout)
	}
}

func TestGetStatusAndNetwork(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		http.Error(w, "not here", http.StatusNotFound)
	})
	c := testClient(Options{})
	_, err := c.get(context.Background(), srv.URL, "*/*", domain.Validators{})
	wantProblem(t, err, domain.FetchStatus)
	var fe *domain.FetchError
	if errors.As(err, &fe); fe.Status != http.StatusNotFound {
		t.Errorf("status %d, want 404", fe.Status)
	}
	r, err := c.get(context.Background(), srv.URL, "*/*", domain.Validators{ETag: `"v1"`})
	if err != nil || r.status != http.StatusNotModified {
		t.Fatalf("conditional GET: %v, %v", r, err)
	}

	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	_, err = c.get(context.Background(), closed.URL, "*/*", domain.Validators{})
	wantProblem(t, err, domain.FetchNetwork)
}

func TestContentTypes(t *testing.T) {
	rss := []byte(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>خبر</title></channel></rss>`)
	html := []byte(`<!DOCTYPE html><html><head><title>خبر</title></head><body><p>متن</p></body></html>`)
	for _, tc := range []struct {
		ct   string
		body []byte
		feed bool
		page bool
	}{
		{"application/rss+xml; charset=utf-8", rss, true, false},
		{"application/atom+xml", rss, true, false},
		{"application/rdf+xml", rss, true, false},
		{"text/xml; charset=windows-1256", rss, true, false},
		{"application/xml", rss, true, false},
		{"text/html; charset=utf-8", rss, true, true},
		{"text/html; charset=utf-8", html, false, true},
		{"application/xhtml+xml", html, false, true},
		{"", html, false, true},
		{"application/json", rss, false, false},
		{"image/png", html, false, false},
		{"application/pdf", rss, false, false},
	} {
		if got := isFeedType(tc.ct, tc.body); got != tc.feed {
			t.Errorf("isFeedType(%q, %.20q) = %v", tc.ct, tc.body, got)
		}
		if got := isPageType(tc.ct, tc.body); got != tc.page {
			t.Errorf("isPageType(%q, %.20q) = %v", tc.ct, tc.body, got)
		}
	}
}
