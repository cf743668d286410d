package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/loadtest"
)

// benchResult is one route's figures with the server's memory during it.
type benchResult struct {
	loadtest.Result
	PeakRSS int64
	// ServerCPU and ClientCPU are the CPU time the server (with its
	// children) and the load generator spent during the load; 0 unknown.
	ServerCPU, ClientCPU time.Duration
}

func status(want int) func(int) bool { return func(s int) bool { return s == want } }

var csrfInput = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// benchRoute returns the load of one named route against base.
func benchRoute(ctx context.Context, name, base string, data benchData) (loadtest.Route, error) {
	get := func(u string) loadtest.Request { return loadtest.Request{Method: http.MethodGet, URL: base + u} }
	switch name {
	case "static":
		return loadtest.Route{Name: "static /robots.txt (ceiling)", OK: status(http.StatusOK),
			Next: func(int, int) loadtest.Request { return get("/robots.txt") }}, nil
	case "healthz":
		return loadtest.Route{Name: healthzRouteName, OK: status(http.StatusOK),
			Next: func(int, int) loadtest.Request { return get("/healthz") }}, nil
	case "kept":
		path := keptPath(data)
		return loadtest.Route{Name: keptRouteName, OK: status(http.StatusOK),
			Next: func(int, int) loadtest.Request { return get(path) }}, nil
	case "month":
		return loadtest.Route{Name: fmt.Sprintf("month pages (%d months)", len(data.months)), OK: status(http.StatusOK),
			Next: func(w, n int) loadtest.Request {
				m := data.months[(w*7+n)%len(data.months)]
				return get("/calendar/" + strconv.Itoa(m[0]) + "/" + strconv.Itoa(m[1]))
			}}, nil
	case "event":
		return loadtest.Route{Name: "event pages", OK: status(http.StatusOK),
			Next: func(w, n int) loadtest.Request {
				id := data.eventIDs[(w*7919+n*104729)%len(data.eventIDs)]
				return get("/events/" + strconv.FormatInt(id, 10))
			}}, nil
	case "feed-304":
		etag, err := feedETag(ctx, base)
		if err != nil {
			return loadtest.Route{}, err
		}
		return loadtest.Route{Name: "feed revalidation (304)", OK: status(http.StatusNotModified),
			Next: func(int, int) loadtest.Request {
				r := get("/calendar.ics")
				r.Header = http.Header{"If-None-Match": {etag}}
				return r
			}}, nil
	case "feed":
		return loadtest.Route{Name: "full feed /calendar.ics", OK: status(http.StatusOK),
			Next: func(int, int) loadtest.Request { return get("/calendar.ics") }}, nil
	case "article":
		return articleRoute(base, data), nil
	case "search":
		// A search that waited too long for its turn is told to come back
		// (503): the server's answer to more searches than it runs at once,
		// counted apart.
		ok := func(s int) bool {
			if s == http.StatusServiceUnavailable {
				data.refused.Add(1)
			}
			return s == http.StatusOK || s == http.StatusServiceUnavailable
		}
		return loadtest.Route{Name: "searches (anonymous)", OK: ok,
			Next: func(w, n int) loadtest.Request {
				return get("/search?q=" + url.QueryEscape(benchSearches[(w+n)%len(benchSearches)]))
			}}, nil
	}
	if r, ok := nationalRoute(name, base, data); ok {
		return r, nil
	}
	return loadtest.Route{}, fmt.Errorf("bench: unknown route %q", name)
}

// The names of the routes the side-by-side comparison reports.
const (
	healthzRouteName = "health check /healthz"
	keptRouteName    = "kept month page (one month)"
	nginxRouteName   = "nginx: the kept month page's bytes as a file"
	// nginxFeedsRouteName is nginx serving what the province-feed route
	// gets from ruydad.
	nginxFeedsRouteName = "nginx: the province feeds' gzip bytes as files"
)

// keptPath is the month page the kept route asks for over and over, and
// whose bytes nginx serves: the first of the month route's months.
func keptPath(data benchData) string {
	m := data.months[0]
	return "/calendar/" + strconv.Itoa(m[0]) + "/" + strconv.Itoa(m[1])
}

// benchFindNginx finds the nginx of the side-by-side run (a variable, for
// the test of a machine without one).
var benchFindNginx = func() string { return findNginx(exec.LookPath, isExecutable) }

// isNginxRoute reports whether the route name is loaded on nginx, not
// on ruydad (runNginxRoute).
func isNginxRoute(name string) bool { return name == "nginx" || name == "nginx-province-feed" }

// runNginxRoute loads the nginx route name: nginx on the kept month
// page's bytes, or on the province feeds'.
func runNginxRoute(ctx context.Context, name string, cfg benchConfig, base string, data benchData, side *sideBySide) (*benchResult, error) {
	if name == "nginx-province-feed" {
		return runNginxFeeds(ctx, cfg, base, data, side)
	}
	return runNginx(ctx, cfg, base, side)
}

// runNginx loads nginx serving the kept month page's exact bytes (fetched
// from ruydad at base) with the run's connections, and stops it; with no
// nginx on the machine it notes so in side and returns no result.
func runNginx(ctx context.Context, cfg benchConfig, base string, side *sideBySide) (*benchResult, error) {
	bin := benchFindNginx()
	if bin == "" {
		side.nginxMissing = true
		return nil, nil
	}
	page, header, err := fetchPage(ctx, base+side.page)
	if err != nil {
		return nil, fmt.Errorf("bench: the kept page for nginx: %w", err)
	}
	side.bytes = len(page)
	ng, err := startNginx(ctx, bin, map[string][]byte{nginxPage: page}, nginxHeaders(header), cfg.conns)
	if err != nil {
		return nil, err
	}
	defer ng.stop() // always, whatever happens to the load
	side.nginxVersion = ng.version
	u := ng.base + "/" + nginxPage
	cpu := startCPU(ng.cmd.Process.Pid)
	r, err := loadtest.Run(ctx, loadtest.Route{Name: nginxRouteName, OK: status(http.StatusOK),
		Next: func(int, int) loadtest.Request { return loadtest.Request{Method: http.MethodGet, URL: u} }},
		loadtest.Options{Conns: cfg.conns, Duration: cfg.duration, AtLeast: 1})
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	res := &benchResult{Result: r}
	cpu.stop(res)
	if err := ng.stop(); err != nil {
		return nil, err
	}
	return res, nil
}

// runNginxFeeds loads nginx serving the province feeds as ruydad sends
// them to the province-feed route (fetched from ruydad at base after that
// route, asking for gzip: the gzip copies of those kept in files, the
// others as they are) as files, asked for in the same order as that route
// asks ruydad: the limit of this machine for those bytes, which the feed
// of a large province (tens of megabytes, a few once compressed) takes to
// cross loopback to 64 readers at once. With no nginx on the machine it
// notes so in side and returns no result.
func runNginxFeeds(ctx context.Context, cfg benchConfig, base string, data benchData, side *sideBySide) (*benchResult, error) {
	bin := benchFindNginx()
	if bin == "" {
		side.nginxMissing = true
		return nil, nil
	}
	if len(data.provinces) == 0 {
		return nil, errors.New("bench: nginx's province feeds: the fill names no province")
	}
	files := make(map[string][]byte, len(data.provinces))
	paths := make([]string, len(data.provinces))
	var header http.Header
	for i, p := range data.provinces {
		body, h, err := fetchPage(ctx, base+provinceFeedPath(p), [2]string{"Accept-Encoding", "gzip"})
		if err != nil {
			return nil, fmt.Errorf("bench: the province feed for nginx: %w", err)
		}
		dir := nginxCalendars
		if h.Get("Content-Encoding") == "gzip" {
			dir = nginxGzip
		}
		paths[i] = dir + "/" + strconv.Itoa(i) + ".ics"
		files[paths[i]] = body
		header = h
	}
	ng, err := startNginx(ctx, bin, files, nginxHeaders(header), cfg.conns)
	if err != nil {
		return nil, err
	}
	defer ng.stop()
	cpu := startCPU(ng.cmd.Process.Pid)
	gz := http.Header{"Accept-Encoding": {"gzip"}}
	r, err := loadtest.Run(ctx, loadtest.Route{Name: nginxFeedsRouteName, OK: status(http.StatusOK),
		Next: func(w, n int) loadtest.Request {
			return loadtest.Request{Method: http.MethodGet, URL: ng.base + "/" + paths[provinceFeedPick(w, n, len(paths))], Header: gz}
		}},
		loadtest.Options{Conns: cfg.conns, Duration: cfg.duration, AtLeast: 1})
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	res := &benchResult{Result: r}
	cpu.stop(res)
	return res, ng.stop()
}

// benchSearches are what the search route asks for, in turn: words in
// every article, rarer words, the words that close each large article, and
// words in none.
var benchSearches = []string{"روابط عمومی", "استانداری همدان", "تنگه هرمز", "زلزله بم", "نشست خبری", "کهکشان"}

// articleRoute submits articles through the form, each a new one, as an
// editor would paste them: the first worker signs in as the bench's editor
// (once: every worker shares its session), then every worker opens the
// form for its CSRF cookie and token. The form gives no publication date and ticks «تاریخ
// انتشار را نمی‌دانم», so that every submission is mined and stored, its
// date read from its dateline when it has one (a text without one would
// otherwise come back asking for it).
func articleRoute(base string, data benchData) loadtest.Route {
	var tokens sync.Map // worker → CSRF token
	var seq atomic.Int64
	var session *http.Cookie
	return loadtest.Route{
		Name: "article submissions (mined, stored)",
		OK:   status(http.StatusSeeOther),
		Setup: func(ctx context.Context, w int, c *http.Client) error {
			if session == nil { // the setups run one after the other
				var err error
				if session, err = benchSignIn(ctx, c, base, data.user, data.password); err != nil {
					return err
				}
			}
			u, _ := url.Parse(base)
			c.Jar.SetCookies(u, []*http.Cookie{session})
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/articles/new", nil)
			if err != nil {
				return err
			}
			resp, err := c.Do(req)
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			m := csrfInput.FindSubmatch(body)
			if err != nil || resp.StatusCode != http.StatusOK || m == nil {
				return fmt.Errorf("the article form (status %d) has no CSRF token", resp.StatusCode)
			}
			tokens.Store(w, string(m[1]))
			return nil
		},
		Next: func(w, n int) loadtest.Request {
			tok, _ := tokens.Load(w)
			k := seq.Add(1)
			form := url.Values{
				"text":      {data.texts[int(k)%len(data.texts)] + "\n\n(بار " + jalali.FaNum(int(k)) + "ام در آزمون بار)"},
				"published": {""},
				"no_date":   {"1"},
				"source":    {"ruydad bench"},
				"_csrf":     {tok.(string)},
			}
			return loadtest.Request{Method: http.MethodPost, URL: base + "/articles",
				Header: http.Header{"Content-Type": {"application/x-www-form-urlencoded"}},
				Body:   []byte(form.Encode())}
		},
	}
}

// benchSignIn signs c in at base and returns the session cookie.
func benchSignIn(ctx context.Context, c *http.Client, base, user, password string) (*http.Cookie, error) {
	get := func(u string) (string, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return "", err
		}
		resp, err := c.Do(req)
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return string(b), err
	}
	page, err := get(base + "/login")
	m := csrfInput.FindStringSubmatch(page)
	if err != nil || m == nil {
		return nil, fmt.Errorf("bench: the login form has no CSRF token (%v)", err)
	}
	form := url.Values{"_csrf": {m[1]}, "username": {user}, "password": {password}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/login", strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.Do(req)
	if err != nil {
		return nil, fmt.Errorf("bench: sign in: %w", err)
	}
	resp.Body.Close()
	for _, ck := range resp.Cookies() {
		if ck.Name == "ruydad_session" && ck.Value != "" {
			return &http.Cookie{Name: ck.Name, Value: ck.Value, Path: "/"}, nil
		}
	}
	return nil, fmt.Errorf("bench: sign in as %s: status %d, no session", user, resp.StatusCode)
}

// feedETag asks for the full feed's headers once (HEAD) and returns its
// ETag, with the workers' own client: the default client would ask for
// gzip, and a kept feed's gzip copy has an ETag of its own, which a
// revalidation without gzip rightly does not match.
func feedETag(ctx context.Context, base string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, base+"/calendar.ics", nil)
	if err != nil {
		return "", err
	}
	resp, err := loadtest.NewClient(time.Minute).Do(req)
	if err != nil {
		return "", fmt.Errorf("bench: feed: %w", err)
	}
	defer resp.Body.Close()
	etag := resp.Header.Get("ETag")
	if resp.StatusCode != http.StatusOK || etag == "" {
		return "", fmt.Errorf("bench: feed: status %d, ETag %q", resp.StatusCode, etag)
	}
	return etag, nil
}

// printBench writes the results as a Markdown table, each route's
// throughput also as a share of the first (static) route's.
func printBench(w io.Writer, results []benchResult, peak int64) {
	fmt.Fprintln(w, "| route | requests | req/s | of static | p50 | p99 | max | MB/s | failed | server RSS | server CPU/req | bench CPU/req |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	var ceiling float64
	for _, r := range results {
		share := "–"
		if r.Route == "static /robots.txt (ceiling)" {
			ceiling = r.Throughput()
		} else if ceiling > 0 {
			share = fmt.Sprintf("%.0f%%", 100*r.Throughput()/ceiling)
		}
		fmt.Fprintf(w, "| %s | %d | %.0f | %s | %s | %s | %s | %.1f | %d | %s | %s | %s |\n", r.Route, r.Requests, r.Throughput(), share,
			ms(r.P50), ms(r.P99), ms(r.Max), float64(r.Bytes)/1e6/r.Elapsed.Seconds(), r.Failures, mb(r.PeakRSS),
			perRequest(r.ServerCPU, &r), perRequest(r.ClientCPU, &r))
	}
	fmt.Fprintf(w, "\nserver peak RSS over the whole run (VmHWM): %s\n", mb(peak))
	fmt.Fprintln(w, "(CPU per request: the server's, or nginx's with its workers, and the load generator's, over each route's run)")
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond)) }

func mb(b int64) string {
	if b == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.1f MB", float64(b)/(1<<20))
}
