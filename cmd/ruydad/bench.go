package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/ruydad/ruydad/internal/loadtest"
)

// benchConfig is the shape of a 'ruydad bench' run.
type benchConfig struct {
	events, articles int
	large            int // articles of 2 MB stored besides, for the search route
	conns            int
	duration         time.Duration
	routes           []string
	corpus           string // Fars News JSONL for article texts; "" for the seed articles
	server           string // the ruydad binary to serve with
	dir              string // where the database goes; a temporary folder when ""
	keep             bool
	// National size (national.go, nationalbench.go).
	national, growth, extras      bool
	users, provinces, orgs, years int
	seed                          uint64
	keepPath                      string // --keep FILE: the filled database kept there, and reused
	profile                       string // folder for the server's CPU profile of each route; "" for none
}

// benchRoutes are the routes 'ruydad bench' knows, in the order it runs them.
// healthz, kept and nginx run one after the other, so that the side-by-side
// comparison sees the machine as alike as it can.
var benchRoutes = []string{"static", "healthz", "kept", "nginx", "month", "event", "feed-304", "feed", "article", "search",
	"province-month", "org-month", "year", "day", "words", "review", "province-feed", "nginx-province-feed", "province-feed-plain"}

const defaultCorpus = "../shared/corpus/farsnews/farsnews.jsonl"

func parseBench(args []string, getenv func(string) string, stderr io.Writer) (benchConfig, error) {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	c := benchConfig{}
	fs.IntVar(&c.events, "events", 20000, "confirmed events to store before the load")
	fs.IntVar(&c.articles, "articles", 2000, "articles to mine and store before the load")
	fs.IntVar(&c.large, "large-articles", 0, "articles of 2 MB (the largest accepted) to store besides, for the search route")
	fs.IntVar(&c.conns, "conns", 64, "concurrent connections")
	fs.DurationVar(&c.duration, "duration", 10*time.Second, "load time per route")
	routes := fs.String("routes", strings.Join(benchRoutes, ","), "routes to load, in order (of: "+strings.Join(benchRoutes, ", ")+")")
	fs.StringVar(&c.corpus, "corpus", "", "Fars News JSONL to take article texts from (default "+defaultCorpus+" when present, else the seed articles)")
	fs.StringVar(&c.server, "server", "", "ruydad binary to start as the server (default: this one)")
	fs.StringVar(&c.dir, "dir", "", "folder for the database (default: a temporary folder, removed afterwards)")
	finish := nationalFlags(fs, &c, routes)
	fs.StringVar(&c.profile, "profile", "", "folder to write the server's CPU profile of each route to (ROUTE.pprof, ROUTE-EVENTS.pprof with --national; taken during its load\n"+
		"through serve --pprof; read with go tool pprof)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: ruydad bench [--events N] [--articles N] [--large-articles N] [--conns N] [--duration D] [--routes a,b]")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return c, err
	}
	if rest, err := finish(); err != nil || len(rest) > 0 {
		return c, errors.Join(err, unexpected(rest))
	}
	if c.events < 1 || c.articles < 1 || c.large < 0 || c.conns < 1 || c.duration <= 0 {
		return c, errors.New("bench: --events, --articles and --conns must be at least 1, --large-articles not negative, --duration positive")
	}
	for _, r := range strings.Split(*routes, ",") {
		if r = strings.TrimSpace(r); r == "" {
			continue
		}
		known := false
		for _, k := range benchRoutes {
			known = known || k == r
		}
		if !known {
			return c, fmt.Errorf("bench: unknown route %q (known: %s)", r, strings.Join(benchRoutes, ", "))
		}
		c.routes = append(c.routes, r)
	}
	if len(c.routes) == 0 {
		return c, errors.New("bench: no routes to load")
	}
	if c.corpus == "" {
		if _, err := os.Stat(defaultCorpus); err == nil {
			c.corpus = defaultCorpus
		}
	}
	if c.server == "" {
		exe, err := os.Executable()
		if err != nil {
			return c, fmt.Errorf("bench: find this binary: %w", err)
		}
		c.server = exe
	}
	return c, nil
}

// runBench fills a fresh database, starts the real server on it as its own
// process on loopback, loads each route in turn and prints a table of
// throughput and latency, with the static route as the ceiling.
func runBench(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, err := parseBench(args, getenv, stderr)
	if err != nil {
		return err
	}
	if cfg.national || cfg.growth || cfg.keepPath != "" {
		return runNational(ctx, cfg, stdout)
	}
	dir := cfg.dir
	if dir == "" {
		if dir, err = os.MkdirTemp("", "ruydad-bench-"); err != nil {
			return fmt.Errorf("bench: %w", err)
		}
		if !cfg.keep {
			defer os.RemoveAll(dir)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	dbPath := filepath.Join(dir, "bench.db")
	if _, err := os.Stat(dbPath); err == nil {
		return fmt.Errorf("bench: %s already exists; give an empty --dir", dbPath)
	}
	fmt.Fprintf(stdout, "filling %s with %d events and %d articles…\n", dbPath, cfg.events, cfg.articles)
	data, err := fillBenchDB(ctx, dbPath, cfg)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "stored %d confirmed events and %d articles (%d of 2 MB; %.1f MB of text, %d proposed events mined) in %s\n",
		data.events, data.articles, cfg.large, float64(data.textBytes)/1e6, data.mined, data.took.Round(time.Millisecond))

	logf, err := os.Create(filepath.Join(dir, "server.log"))
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	defer logf.Close()
	var extra []string
	pprofAddr := ""
	if cfg.profile != "" {
		if pprofAddr, err = profileAddr(cfg.profile); err != nil {
			return err
		}
		extra = []string{"--pprof", pprofAddr}
	}
	srv, err := startServer(ctx, cfg.server, dbPath, logf, extra...)
	if err != nil {
		return err
	}
	defer srv.stop()
	fmt.Fprintf(stdout, "server pid %d at %s; %d connections, %s per route; %s\n\n", srv.cmd.Process.Pid, srv.base, cfg.conns, cfg.duration, machine())

	var results []benchResult
	side := sideBySide{page: keptPath(data)}
	for _, name := range cfg.routes {
		if isNginxRoute(name) {
			r, err := runNginxRoute(ctx, name, cfg, srv.base, data, &side)
			if err != nil {
				return err
			}
			if r != nil {
				results = append(results, *r)
			}
			continue
		}
		route, err := benchRoute(ctx, name, srv.base, data)
		if err != nil {
			return err
		}
		rss := watchRSS(srv.cmd.Process.Pid)
		profiled := profileDuring(ctx, pprofAddr, cfg.duration, filepath.Join(cfg.profile, name+".pprof"))
		cpu := startCPU(srv.cmd.Process.Pid)
		r, err := loadtest.Run(ctx, route, loadtest.Options{Conns: cfg.conns, Duration: cfg.duration, AtLeast: 1})
		res := benchResult{Result: r}
		cpu.stop(&res)
		res.PeakRSS = rss()
		if perr := profiled(); perr != nil {
			fmt.Fprintf(stderr, "bench: %s: no profile: %v\n", name, perr)
		}
		if err != nil {
			return fmt.Errorf("bench: %w", err)
		}
		results = append(results, res)
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	for i := range results {
		switch results[i].Route {
		case keptRouteName:
			side.kept = &results[i]
		case healthzRouteName:
			side.healthz = &results[i]
		case nginxRouteName:
			side.nginx = &results[i]
		}
	}
	printBench(stdout, results, srv.peakRSS())
	printSideBySide(stdout, side)
	if n := data.refused.Load(); n > 0 {
		fmt.Fprintf(stdout, "searches told to come back (503: they waited too long for a turn): %d\n", n)
	}
	if cfg.keep {
		fmt.Fprintf(stdout, "\ndatabase and server log kept in %s\n", dir)
	}
	for _, r := range results {
		if r.Failures > 0 {
			return fmt.Errorf("bench: %s: %d of %d requests failed; first: %s", r.Route, r.Failures, r.Requests, r.FirstFailure)
		}
	}
	return srv.stop()
}

// benchServer is the ruydad server process under load.
type benchServer struct {
	cmd     *exec.Cmd
	base    string
	stopped bool
	err     error
}

var serveURL = regexp.MustCompile(`http://\S+`)

// startServer starts bin serving dbPath on a free loopback port, with
// serve's extra flags, its logs going to logs, and returns once it has
// printed its address.
func startServer(ctx context.Context, bin, dbPath string, logs io.Writer, extra ...string) (*benchServer, error) {
	cmd := exec.CommandContext(ctx, bin, append([]string{"serve", "--addr", "127.0.0.1:0", "--db", dbPath}, extra...)...)
	cmd.Stderr = logs
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("bench: start server: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("bench: start server: %w", err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	base := serveURL.FindString(line)
	if err != nil || base == "" {
		cmd.Process.Kill()
		cmd.Wait()
		return nil, fmt.Errorf("bench: the server printed no address (%q, %v); see its log", line, err)
	}
	go io.Copy(io.Discard, out)
	return &benchServer{cmd: cmd, base: base}, nil
}

// stop ends the server gracefully (SIGTERM) and waits for it, once.
func (s *benchServer) stop() error {
	if s.stopped {
		return s.err
	}
	s.stopped = true
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		s.err = fmt.Errorf("bench: stop server: %w", err)
		return s.err
	}
	if err := s.cmd.Wait(); err != nil {
		s.err = fmt.Errorf("bench: server exited: %w", err)
	}
	return s.err
}

// peakRSS returns the server's peak resident memory so far, in bytes (0
// where /proc does not tell).
func (s *benchServer) peakRSS() int64 { return procStatus(s.cmd.Process.Pid, "VmHWM") }

// watchRSS samples the resident memory of pid every 50 ms until the
// returned function is called, which returns the largest sample.
func watchRSS(pid int) func() int64 {
	done := make(chan struct{})
	peak := make(chan int64, 1)
	go func() {
		var m int64
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			m = max(m, procStatus(pid, "VmRSS"))
			select {
			case <-done:
				peak <- m
				return
			case <-t.C:
			}
		}
	}()
	return func() int64 { close(done); return <-peak }
}

// machine describes where the bench runs: CPU model, cores, Go version.
func machine() string {
	model := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if name, ok := strings.CutPrefix(line, "model name"); ok {
				model = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), ":"))
				break
			}
		}
	}
	return fmt.Sprintf("%s, %d cores, %s %s/%s", model, runtime.NumCPU(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// procStatus reads a "kB" field of /proc/PID/status, in bytes.
func procStatus(pid int, field string) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			var kb int64
			fmt.Sscanf(strings.TrimSpace(rest), "%d", &kb)
			return kb << 10
		}
	}
	return 0
}

// profileAddr makes the folder the profiles go to and returns a free
// loopback address for the server's --pprof.
func profileAddr(folder string) (string, error) {
	if err := os.MkdirAll(folder, 0o755); err != nil {
		return "", fmt.Errorf("bench: %w", err)
	}
	port, err := freePort()
	if err != nil {
		return "", fmt.Errorf("bench: %w", err)
	}
	return "127.0.0.1:" + strconv.Itoa(port), nil
}

// profileDuring takes the CPU profile of the server serving its profiles
// at addr for the next d (a second at least) into file, while the caller
// loads a route; the returned function waits for it. Nothing is taken
// when addr is "".
func profileDuring(ctx context.Context, addr string, d time.Duration, file string) (wait func() error) {
	if addr == "" {
		return func() error { return nil }
	}
	done := make(chan error, 1)
	go func() {
		secs := max(1, int(d/time.Second))
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/debug/pprof/profile?seconds="+strconv.Itoa(secs), nil)
		if err != nil {
			done <- err
			return
		}
		c := &http.Client{Timeout: time.Duration(secs)*time.Second + 30*time.Second}
		resp, err := c.Do(req)
		if err != nil {
			done <- err
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err == nil && resp.StatusCode != http.StatusOK {
			err = fmt.Errorf("status %d: %s", resp.StatusCode, b)
		}
		if err == nil {
			err = os.WriteFile(file, b, 0o644)
		}
		done <- err
	}()
	return func() error { return <-done }
}
