package loadtest

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestRunCountsAndMeasures(t *testing.T) {
	var served atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		if r.URL.Path == "/slow" {
			time.Sleep(20 * time.Millisecond)
		}
		if r.URL.Path == "/missing" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte("hello"))
	}))
	defer srv.Close()
	ctx := context.Background()

	res, err := Run(ctx, Route{Name: "ok", Next: func(int, int) Request { return Request{Method: http.MethodGet, URL: srv.URL + "/"} }},
		Options{Conns: 4, Duration: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if res.Requests == 0 || res.Failures != 0 || res.Bytes != int64(5*res.Requests) {
		t.Errorf("ok route: %+v", res)
	}
	if int64(res.Requests) > served.Load() {
		t.Errorf("%d requests counted, %d served", res.Requests, served.Load())
	}
	if !(res.P50 > 0 && res.P50 <= res.P99 && res.P99 <= res.Max) || res.Throughput() <= 0 {
		t.Errorf("latencies p50 %v p99 %v max %v, throughput %v", res.P50, res.P99, res.Max, res.Throughput())
	}

	res, err = Run(ctx, Route{Name: "slow", Next: func(int, int) Request { return Request{Method: http.MethodGet, URL: srv.URL + "/slow"} }},
		Options{Conns: 2, Duration: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if res.P50 < 20*time.Millisecond || res.Requests > 2*10+2 {
		t.Errorf("slow route: %d requests, p50 %v", res.Requests, res.P50)
	}

	res, err = Run(ctx, Route{Name: "missing", Next: func(int, int) Request { return Request{Method: http.MethodGet, URL: srv.URL + "/missing"} }},
		Options{Conns: 2, Duration: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if res.Requests == 0 || res.Failures != res.Requests || !strings.Contains(res.FirstFailure, "status 404") {
		t.Errorf("404 route: %d requests, %d failures, first %q", res.Requests, res.Failures, res.FirstFailure)
	}
}

func TestRunSetupAndBody(t *testing.T) {
	var bodies atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			http.SetCookie(w, &http.Cookie{Name: "k", Value: "v"})
			return
		}
		if c, err := r.Cookie("k"); err != nil || c.Value != "v" || r.FormValue("x") != "1" {
			http.Error(w, "no cookie or form", http.StatusBadRequest)
			return
		}
		bodies.Add(1)
		http.Redirect(w, r, "/done", http.StatusSeeOther)
	}))
	defer srv.Close()
	route := Route{
		Name: "post",
		OK:   func(s int) bool { return s == http.StatusSeeOther },
		Setup: func(ctx context.Context, _ int, c *http.Client) error {
			resp, err := c.Get(srv.URL + "/form")
			if err == nil {
				resp.Body.Close()
			}
			return err
		},
		Next: func(int, int) Request {
			return Request{Method: http.MethodPost, URL: srv.URL + "/", Body: []byte("x=1"),
				Header: http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}}
		},
	}
	res, err := Run(context.Background(), route, Options{Conns: 3, Duration: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if res.Requests == 0 || res.Failures != 0 || bodies.Load() < int64(res.Requests) {
		t.Errorf("post route: %+v (first failure %q), %d bodies", res, res.FirstFailure, bodies.Load())
	}

	bad := errors.New("no form")
	route.Setup = func(context.Context, int, *http.Client) error { return bad }
	if _, err := Run(context.Background(), route, Options{Conns: 1, Duration: time.Millisecond}); !errors.Is(err, bad) {
		t.Errorf("failed setup: %v", err)
	}
	if _, err := Run(context.Background(), route, Options{}); err == nil {
		t.Error("no connections: no error")
	}
}

func TestQuantile(t *testing.T) {
	var d []time.Duration
	for i := 1; i <= 100; i++ {
		d = append(d, time.Duration(i))
	}
	if q := quantile(d, 0.5); q != 50 {
		t.Errorf("p50 of 1..100 = %d", q)
	}
	if q := quantile(d, 0.99); q != 99 {
		t.Errorf("p99 of 1..100 = %d", q)
	}
	if q := quantile(d[:1], 0.99); q != 1 {
		t.Errorf("p99 of one = %d", q)
	}
}

// TestRunAtLeast: a route slower than the whole run is measured when each
// worker must complete a request, and reported as 0 requests otherwise.
func TestRunAtLeast(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(100 * time.Millisecond)
		w.Write([]byte("slow"))
	}))
	defer srv.Close()
	route := Route{Name: "slow", Next: func(int, int) Request { return Request{Method: http.MethodGet, URL: srv.URL + "/"} }}
	res, err := Run(context.Background(), route, Options{Conns: 3, Duration: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if res.Requests != 0 {
		t.Errorf("without AtLeast, a request cut short by the run's end was counted: %+v", res)
	}
	res, err = Run(context.Background(), route, Options{Conns: 3, Duration: time.Millisecond, AtLeast: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Requests != 3 || res.Failures != 0 || res.Bytes != 12 || res.P50 < 100*time.Millisecond {
		t.Errorf("with AtLeast 1, want one whole request a worker: %+v", res)
	}
}
