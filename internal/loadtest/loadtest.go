// Package loadtest drives an HTTP server with a fixed number of concurrent
// connections for a bounded time and measures throughput and latency. It is
// the load generator of 'ruydad bench': written in Go so that the command
// needs nothing installed, and closed-loop like wrk (each connection sends
// its next request when the previous answer has been read in full).
package loadtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"slices"
	"sync"
	"time"
)

// Request is one request a worker is to send. Body may be nil.
type Request struct {
	Method string
	URL    string
	Header http.Header
	Body   []byte
}

// Route is a named stream of requests. Next returns the request a worker
// sends for its n-th request; it is called concurrently by all workers with
// their own worker number. OK decides whether a response is a success; nil
// accepts any 2xx or 3xx status.
type Route struct {
	Name string
	Next func(worker, n int) Request
	OK   func(status int) bool
	// Setup, when set, runs once per worker before the clock starts, with
	// the worker's client (which keeps cookies): to fetch a form's CSRF
	// token, say. Its result is handed to Next through the Request it builds.
	Setup func(ctx context.Context, worker int, c *http.Client) error
}

// Options are the load's shape.
type Options struct {
	Conns    int           // concurrent connections (workers)
	Duration time.Duration // how long to send requests
	Timeout  time.Duration // per request; 0 means 30 s
	// AtLeast is how many requests each worker completes whatever the
	// duration (within Timeout each): a route slower than the run, or a
	// machine too busy for it, is then measured, not reported as 0
	// requests. The run lasts as long as they take.
	AtLeast int
}

// Result is what one route's run measured.
type Result struct {
	Route    string
	Requests int           // completed, successful or not
	Failures int           // transport errors and statuses OK refused
	Bytes    int64         // response bodies read
	Elapsed  time.Duration // wall time of the run
	P50, P99 time.Duration // over every completed request
	Max      time.Duration
	// FirstFailure describes one failure, for the report.
	FirstFailure string
}

// Throughput returns completed requests per second.
func (r Result) Throughput() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Elapsed.Seconds()
}

// NewClient returns a client for one worker: its own connection (kept
// alive), its own cookie jar, redirects not followed (a 303 after a form is
// the answer being measured).
func NewClient(timeout time.Duration) *http.Client {
	jar, _ := cookiejar.New(nil) // cookiejar.New never fails without options
	tr := &http.Transport{
		Proxy:               nil,
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        1,
		MaxIdleConnsPerHost: 1,
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true,
		// Pages are 100 KB and feeds megabytes: read them in large pieces,
		// so that the generator's own reading takes less of the cores it
		// shares with the server.
		ReadBufferSize: 64 << 10,
	}
	return &http.Client{
		Transport: tr,
		Jar:       jar,
		Timeout:   timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// worker is one connection's share of a run.
type worker struct {
	latencies []time.Duration
	failures  int
	bytes     int64
	failure   string
}

// Run drives route with opts.Conns workers for opts.Duration and returns
// what it measured. It fails only when a worker's setup fails.
func Run(ctx context.Context, route Route, opts Options) (Result, error) {
	if opts.Conns < 1 || opts.Duration <= 0 {
		return Result{}, errors.New("loadtest: need at least one connection and a positive duration")
	}
	if opts.Timeout == 0 {
		opts.Timeout = 30 * time.Second
	}
	clients := make([]*http.Client, opts.Conns)
	for i := range clients {
		clients[i] = NewClient(opts.Timeout)
		if route.Setup != nil {
			if err := route.Setup(ctx, i, clients[i]); err != nil {
				return Result{}, fmt.Errorf("loadtest: %s: setup of worker %d: %w", route.Name, i, err)
			}
		}
	}
	defer func() {
		for _, c := range clients {
			c.CloseIdleConnections()
		}
	}()
	ok := route.OK
	if ok == nil {
		ok = func(s int) bool { return s >= 200 && s < 400 }
	}
	runCtx, cancel := context.WithTimeout(ctx, opts.Duration)
	defer cancel()
	workers := make([]worker, opts.Conns)
	start := time.Now()
	var wg sync.WaitGroup
	for i := range workers {
		wg.Go(func() { workers[i].loop(ctx, runCtx, opts.AtLeast, i, clients[i], route, ok) })
	}
	wg.Wait()
	res := Result{Route: route.Name, Elapsed: time.Since(start)}
	var all []time.Duration
	for _, w := range workers {
		all = append(all, w.latencies...)
		res.Failures += w.failures
		res.Bytes += w.bytes
		if res.FirstFailure == "" {
			res.FirstFailure = w.failure
		}
	}
	res.Requests = len(all)
	if len(all) > 0 {
		slices.Sort(all)
		res.P50, res.P99, res.Max = quantile(all, 0.50), quantile(all, 0.99), all[len(all)-1]
	}
	return res, nil
}

// loop sends requests until run ends, the first atLeast under ctx (the
// caller's) alone. A request cut short by the end of the run is not
// counted: it did not complete.
func (w *worker) loop(ctx, run context.Context, atLeast, id int, c *http.Client, route Route, ok func(int) bool) {
	for n := 0; n < atLeast || run.Err() == nil; n++ {
		rctx := run
		if n < atLeast {
			rctx = ctx
		}
		if ctx.Err() != nil {
			return
		}
		r := route.Next(id, n)
		t0 := time.Now()
		status, size, err := send(rctx, c, r)
		took := time.Since(t0)
		if rctx.Err() != nil {
			return
		}
		w.latencies = append(w.latencies, took)
		w.bytes += size
		switch {
		case err != nil:
			w.fail(fmt.Sprintf("%s %s: %v", r.Method, r.URL, err))
		case !ok(status):
			w.fail(fmt.Sprintf("%s %s: status %d", r.Method, r.URL, status))
		}
	}
}

func (w *worker) fail(msg string) {
	w.failures++
	if w.failure == "" {
		w.failure = msg
	}
}

// send performs r and reads the whole body.
func send(ctx context.Context, c *http.Client, r Request) (status int, size int64, err error) {
	var body io.Reader
	if r.Body != nil {
		body = bytes.NewReader(r.Body)
	}
	req, err := http.NewRequestWithContext(ctx, r.Method, r.URL, body)
	if err != nil {
		return 0, 0, err
	}
	for k, v := range r.Header {
		req.Header[k] = v
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, 0, err
	}
	defer resp.Body.Close()
	size, err = discard(resp.Body)
	return resp.StatusCode, size, err
}

var readBuffers = sync.Pool{New: func() any { return new([64 << 10]byte) }}

// discard reads r to its end in 64 KB pieces and returns how much it read.
func discard(r io.Reader) (int64, error) {
	buf := readBuffers.Get().(*[64 << 10]byte)
	defer readBuffers.Put(buf)
	var n int64
	for {
		m, err := r.Read(buf[:])
		n += int64(m)
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
	}
}

// quantile returns the q-quantile of sorted durations (nearest rank).
func quantile(sorted []time.Duration, q float64) time.Duration {
	i := int(q*float64(len(sorted))+0.5) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}
