package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/ruydad/ruydad/internal/loadtest"
	"github.com/ruydad/ruydad/internal/sqlite"
)

// nationalRoutes are the routes a national run loads by default: the
// static ceiling first, then what readers and editors ask for, the full
// feed last (the heaviest).
var nationalRoutes = []string{"static", "month", "province-month", "org-month", "year", "day", "event", "words", "search",
	"review", "province-feed", "nginx-province-feed", "feed-304", "feed"}

// keepFlag is --keep: bare, the temporary folder is kept (as before);
// with a file (--keep FILE or --keep=FILE), the filled database is kept
// there, and a later run with the same fill reuses it instead of filling.
type keepFlag struct {
	keep *bool
	path *string
}

func (k keepFlag) String() string {
	if k.path == nil || *k.path == "" {
		return ""
	}
	return *k.path
}

func (k keepFlag) Set(v string) error {
	if b, err := strconv.ParseBool(v); err == nil {
		*k.keep = b
		return nil
	}
	*k.keep, *k.path = true, v
	return nil
}

func (k keepFlag) IsBoolFlag() bool { return true }

// nationalFlags registers --keep and the national flags on fs and returns
// what completes them once fs has parsed: the national defaults for the
// flags not given, and --keep's file when it came as the next argument.
// It returns the arguments left.
func nationalFlags(fs *flag.FlagSet, c *benchConfig, routes *string) (finish func() ([]string, error)) {
	fs.Var(keepFlag{&c.keep, &c.keepPath}, "keep", "keep the database afterwards; --keep FILE keeps the filled database in FILE and reuses it when it holds the same fill")
	fs.BoolVar(&c.national, "national", false, "fill at national size (1,000,000 events over 10 years, 31 provinces, 1,500 organizations, 300,000 articles, 2,000 accounts) through the bulk writer, then measure start-up, reopening, backup under load and the routes")
	fs.BoolVar(&c.growth, "growth", false, "measure the routes at a tenth of the size and at the full size (a national fill each), as a table route × size")
	fs.BoolVar(&c.extras, "extras", true, "with --national, also time reopening the file, the last migration on a copy of it and a backup under load (--extras=false: the routes only)")
	fs.IntVar(&c.users, "users", nationalUsers, "accounts of a national fill")
	fs.IntVar(&c.provinces, "provinces", nationalProvinces, "provinces of a national fill (the most populous first)")
	fs.IntVar(&c.orgs, "orgs", nationalOrgs, "organizations of a national fill")
	fs.IntVar(&c.years, "years", nationalYears, "Jalali years of a national fill, from "+strconv.Itoa(nationalFirstYear))
	fs.Uint64Var(&c.seed, "seed", 1403, "seed of a national fill's generator")
	return func() ([]string, error) {
		rest := fs.Args()
		if c.keep && c.keepPath == "" && len(rest) > 0 {
			c.keepPath, rest = rest[0], rest[1:]
		}
		given := map[string]bool{}
		fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
		if c.national || c.growth {
			if !given["events"] {
				c.events = nationalEvents
			}
			if !given["articles"] {
				c.articles = nationalArticles
			}
			if !given["routes"] {
				*routes = strings.Join(nationalRoutes, ",")
			}
		}
		if c.users < 1 {
			return rest, errors.New("bench: --users must be at least 1")
		}
		if (c.national || c.growth || c.keepPath != "") && c.large > 0 {
			return rest, errors.New("bench: --large-articles is not part of a national fill")
		}
		return rest, nil
	}
}

// unexpected is the error of arguments left after the flags, nil when none.
func unexpected(rest []string) error {
	if len(rest) == 0 {
		return nil
	}
	return fmt.Errorf("bench: unexpected argument %q", rest[0])
}

// runNational is 'ruydad bench --national' (and --growth, and any run
// with --keep FILE): fill (or reuse) a database of the given shape
// through the bulk writer, then measure it under load.
func runNational(ctx context.Context, cfg benchConfig, stdout io.Writer) error {
	dir, err := os.MkdirTemp("", "ruydad-national-")
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	if cfg.keep && cfg.keepPath == "" {
		defer fmt.Fprintf(stdout, "\ndatabase and server log kept in %s\n", dir)
	} else {
		defer os.RemoveAll(dir)
	}
	shape := nationalShape{Events: cfg.events, Articles: cfg.articles, Users: cfg.users, Provinces: cfg.provinces, Orgs: cfg.orgs,
		Years: cfg.years, FirstYear: nationalFirstYear, Seed: cfg.seed, Corpus: corpusName(cfg.corpus)}
	path := cfg.keepPath
	if path == "" {
		path = filepath.Join(dir, "national.db")
	}
	fmt.Fprintf(stdout, "%s; %d connections, %s per route\n", machine(), cfg.conns, cfg.duration)
	if !cfg.growth {
		_, err := measureNational(ctx, cfg, shape, path, dir, stdout, cfg.extras)
		return err
	}
	// The same routes at a tenth of the size, then at the full size.
	tenth := shape
	tenth.Events, tenth.Articles = max(1, shape.Events/10), max(1, shape.Articles/10)
	small := filepath.Join(dir, "tenth.db")
	if cfg.keepPath != "" {
		ext := filepath.Ext(cfg.keepPath)
		small = strings.TrimSuffix(cfg.keepPath, ext) + "-tenth" + ext
	}
	var runs [][]benchResult
	var sizes []string
	var failed error
	for _, s := range []struct {
		shape nationalShape
		path  string
	}{{tenth, small}, {shape, path}} {
		res, err := measureNational(ctx, cfg, s.shape, s.path, dir, stdout, false)
		if res == nil {
			return err
		}
		failed = errors.Join(failed, err) // failed requests: the table still shows the others
		runs = append(runs, res)
		sizes = append(sizes, fmt.Sprintf("%s events", count(s.shape.Events)))
	}
	printGrowth(stdout, sizes, runs)
	return failed
}

// measureNational fills or reuses path with shape and loads cfg's routes
// against a server on it; with extras, it also times reopening it, the
// server's start-up and a backup under load. It returns the routes'
// figures.
func measureNational(ctx context.Context, cfg benchConfig, shape nationalShape, path, dir string, stdout io.Writer, extras bool) ([]benchResult, error) {
	fmt.Fprintf(stdout, "\nnational fill of %s: %s events, %s articles, %s accounts, %d provinces, %s organizations, %d years from %d (seed %d)\n",
		path, count(shape.Events), count(shape.Articles), count(shape.Users), shape.Provinces, count(shape.Orgs), shape.Years, shape.FirstYear, shape.Seed)
	data, filled, err := fillNational(ctx, path, shape, cfg.corpus, stdout)
	if err != nil {
		return nil, err
	}
	size := fileSize(path) + fileSize(path+"-wal")
	if data.reused {
		fmt.Fprintf(stdout, "reused the fill (made in %s before): ", (time.Duration(filled.Seconds) * time.Second).String())
	} else {
		fmt.Fprintf(stdout, "filled in %s: ", data.took.Round(time.Second))
	}
	fmt.Fprintf(stdout, "%s events typed in and %s proposed events mined from %s articles (%.0f MB of text, %s occasions named); file %.2f GB\n",
		count(filled.Events), count(filled.Mined), count(filled.Articles), float64(filled.TextBytes)/1e6, count(filled.Occasions), float64(size)/1e9)
	if extras {
		if err := timeReopen(ctx, path, stdout); err != nil {
			return nil, err
		}
		if err := timeLastMigration(ctx, path, dir, stdout); err != nil {
			return nil, err
		}
	}

	logf, err := os.Create(filepath.Join(dir, "server.log"))
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	defer logf.Close()
	var extra []string
	pprofAddr := ""
	if cfg.profile != "" {
		if pprofAddr, err = profileAddr(cfg.profile); err != nil {
			return nil, err
		}
		extra = []string{"--pprof", pprofAddr}
	}
	started := time.Now()
	srv, err := startServer(ctx, cfg.server, path, logf, extra...)
	if err != nil {
		return nil, err
	}
	defer srv.stop()
	if err := waitHealthy(ctx, srv.base); err != nil {
		return nil, err
	}
	fmt.Fprintf(stdout, "server up (first /healthz 200) %s after it was started; pid %d at %s\n",
		time.Since(started).Round(time.Millisecond), srv.cmd.Process.Pid, srv.base)
	if err := waitPastStart(ctx, logf.Name(), path+".feeds", started, stdout); err != nil {
		return nil, err
	}
	fmt.Fprintln(stdout)

	var results []benchResult
	var side sideBySide
	for _, name := range cfg.routes {
		if isNginxRoute(name) {
			r, err := runNginxRoute(ctx, name, cfg, srv.base, data, &side)
			if err != nil {
				results = append(results, benchResult{Result: loadtest.Result{Route: name, Failures: 1, FirstFailure: err.Error()}})
			} else if r != nil {
				results = append(results, *r)
			}
			continue
		}
		route, err := benchRoute(ctx, name, srv.base, data)
		if err != nil {
			// A route whose setup failed (the full feed's first answer
			// for the revalidation's ETag, say) is a failed row: the
			// others are still measured.
			results = append(results, benchResult{Result: loadtest.Result{Route: name, Failures: 1, FirstFailure: err.Error()}})
			continue
		}
		rss := watchRSS(srv.cmd.Process.Pid)
		// By the fill's size too: --growth measures two.
		profiled := profileDuring(ctx, pprofAddr, cfg.duration, filepath.Join(cfg.profile, fmt.Sprintf("%s-%d.pprof", name, shape.Events)))
		cpu := startCPU(srv.cmd.Process.Pid)
		r, err := loadtest.Run(ctx, route, loadtest.Options{Conns: cfg.conns, Duration: cfg.duration, AtLeast: 1})
		res := benchResult{Result: r}
		cpu.stop(&res)
		res.PeakRSS = rss()
		if perr := profiled(); perr != nil {
			fmt.Fprintf(stdout, "bench: %s: no profile: %v\n", name, perr)
		}
		if err != nil {
			return nil, fmt.Errorf("bench: %w", err)
		}
		results = append(results, res)
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
	}
	if extras {
		r, err := backupUnderLoad(ctx, cfg, srv, path, dir, data, stdout)
		if err != nil {
			return nil, err
		}
		results = append(results, r)
	}
	printBench(stdout, results, srv.peakRSS())
	if side.nginxMissing {
		printSideBySide(stdout, side) // says there was none, and how to install it
	}
	var none []string
	for _, r := range results {
		if r.Requests == 0 && r.Failures == 0 {
			none = append(none, r.Route)
		}
	}
	if len(none) > 0 {
		fmt.Fprintf(stdout, "no request finished within the %s of: %s (a request the run's end cuts short is not counted)\n",
			cfg.duration, strings.Join(none, "; "))
	}
	if n := data.refused.Load(); n > 0 {
		fmt.Fprintf(stdout, "searches told to come back (503: they waited too long for a turn): %d\n", n)
	}
	if cfg.keepPath != "" {
		fmt.Fprintf(stdout, "database kept in %s\n", path)
	}
	var failed error
	for _, r := range results {
		if r.Failures > 0 {
			failed = errors.Join(failed, fmt.Errorf("bench: %s: %d of %d requests failed; first: %s", r.Route, r.Failures, r.Requests, r.FirstFailure))
		}
	}
	if failed != nil {
		fmt.Fprintf(stdout, "\nthe server's log ends:\n%s", logTail(logf.Name(), 15))
		return results, errors.Join(failed, srv.stop())
	}
	return results, srv.stop()
}

// timeReopen opens the database and closes it again, as every command
// does: the migrations' check (none pending), the search index's check,
// the statements prepared.
func timeReopen(ctx context.Context, path string, stdout io.Writer) error {
	start := time.Now()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return fmt.Errorf("bench: reopen: %w", err)
	}
	opened := time.Since(start)
	if err := db.Close(); err != nil {
		return fmt.Errorf("bench: reopen: %w", err)
	}
	fmt.Fprintf(stdout, "reopened (no migration pending) in %s\n", opened.Round(time.Millisecond))
	return nil
}

// waitHealthy waits until base/healthz answers 200 (a minute at most).
func waitHealthy(ctx context.Context, base string) error {
	deadline := time.Now().Add(time.Minute)
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/healthz", nil)
		if err != nil {
			return err
		}
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("bench: %s/healthz did not answer 200 within a minute (%v)", base, err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// backupUnderLoad runs 'ruydad backup' of the served database while month
// pages of provinces are loaded, and reports how long it took; the load's
// figures are returned as a route of their own.
func backupUnderLoad(ctx context.Context, cfg benchConfig, srv *benchServer, path, dir string, data benchData, stdout io.Writer) (benchResult, error) {
	route, err := benchRoute(ctx, "province-month", srv.base, data)
	if err != nil {
		return benchResult{}, err
	}
	route.Name = "province months during the backup"
	dest := filepath.Join(dir, "backup.db")
	defer os.Remove(dest)
	type outcome struct {
		took time.Duration
		out  []byte
		err  error
	}
	done := make(chan outcome, 1)
	// The load runs until the backup has finished, at least cfg.duration.
	lctx, stop := context.WithCancel(ctx)
	defer stop()
	go func() {
		start := time.Now()
		out, err := exec.CommandContext(ctx, cfg.server, "backup", "--db", path, dest).CombinedOutput()
		done <- outcome{time.Since(start), out, err}
	}()
	rss := watchRSS(srv.cmd.Process.Pid)
	var b outcome
	var results []loadtest.Result
	for finished := false; !finished; {
		r, err := loadtest.Run(lctx, route, loadtest.Options{Conns: cfg.conns, Duration: cfg.duration, AtLeast: 1})
		if err != nil && !errors.Is(err, context.Canceled) {
			rss()
			return benchResult{}, fmt.Errorf("bench: %w", err)
		}
		results = append(results, r)
		select {
		case b = <-done:
			finished = true
		default:
		}
	}
	peak := rss()
	if b.err != nil {
		return benchResult{}, fmt.Errorf("bench: backup under load: %v: %s", b.err, b.out)
	}
	fmt.Fprintf(stdout, "backup of the served database under load: finished in %s (%.2f GB); %s",
		b.took.Round(time.Millisecond), float64(fileSize(dest))/1e9, b.out)
	return benchResult{Result: mergeResults(results), PeakRSS: peak}, nil
}

// mergeResults adds up runs of one route: their requests, failures, bytes
// and time; the worst p50, p99 and max.
func mergeResults(rs []loadtest.Result) loadtest.Result {
	var m loadtest.Result
	for _, r := range rs {
		if m.Route == "" {
			m.Route, m.FirstFailure = r.Route, r.FirstFailure
		}
		m.Requests += r.Requests
		m.Failures += r.Failures
		m.Bytes += r.Bytes
		m.Elapsed += r.Elapsed
		m.P50, m.P99, m.Max = max(m.P50, r.P50), max(m.P99, r.P99), max(m.Max, r.Max)
	}
	return m
}

// printGrowth writes the routes' figures at each size side by side: a row
// per route, p50, p99 and req/s per size, and how p99 grew.
func printGrowth(w io.Writer, sizes []string, runs [][]benchResult) {
	fmt.Fprintln(w, "\ngrowth:")
	head, rule := "| route |", "|---|"
	for _, s := range sizes {
		head += " p50 at " + s + " | p99 | req/s |"
		rule += "---:|---:|---:|"
	}
	fmt.Fprintln(w, head+" p99 grew |")
	fmt.Fprintln(w, rule+"---:|")
	for i, r := range runs[0] {
		line := "| " + r.Route + " |"
		for _, run := range runs {
			switch {
			case i >= len(run):
			case run[i].Requests == 0: // none finished within the run
				line += " – | – | 0 |"
			default:
				line += fmt.Sprintf(" %s | %s | %.0f |", ms(run[i].P50), ms(run[i].P99), run[i].Throughput())
			}
		}
		last := runs[len(runs)-1]
		grew := "–"
		if i < len(last) && r.P99 > 0 && last[i].Requests > 0 {
			grew = fmt.Sprintf("×%.1f", float64(last[i].P99)/float64(r.P99))
		}
		fmt.Fprintln(w, line+" "+grew+" |")
	}
}

// logTail returns the last n lines of the file at path.
func logTail(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return err.Error() + "\n"
	}
	lines := strings.SplitAfter(strings.TrimRight(string(b), "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "") + "\n"
}

// count writes n with thousands separators.
func count(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func fileSize(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}

// nationalRoute returns the routes of a national fill (benchRoute's for
// the names it does not know itself). Each request picks its page from
// the worker and request numbers, scattered, so that most are pages no
// one asked for before (not kept).
func nationalRoute(name, base string, data benchData) (loadtest.Route, bool) {
	get := func(u string) loadtest.Request { return loadtest.Request{Method: http.MethodGet, URL: base + u} }
	ok := status(http.StatusOK)
	month := func(w, n int) [2]int { return data.months[scatter(w, n, 1)%len(data.months)] }
	monthURL := func(m [2]int) string { return "/calendar/" + strconv.Itoa(m[0]) + "/" + strconv.Itoa(m[1]) }
	switch name {
	case "province-month":
		return loadtest.Route{Name: fmt.Sprintf("province months (%d provinces × %d months)", len(data.provinces), len(data.months)), OK: ok,
			Next: func(w, n int) loadtest.Request {
				p := data.provinces[scatter(w, n, 2)%len(data.provinces)]
				return get(monthURL(month(w, n)) + "?province=" + url.QueryEscape(p))
			}}, true
	case "org-month":
		return loadtest.Route{Name: fmt.Sprintf("organization months (%d × %d months)", len(data.orgs), len(data.months)), OK: ok,
			Next: func(w, n int) loadtest.Request {
				o := data.orgs[scatter(w, n, 3)%len(data.orgs)]
				return get(monthURL(month(w, n)) + "?organization=" + url.QueryEscape(o))
			}}, true
	case "year":
		return loadtest.Route{Name: fmt.Sprintf("year pages (%d years)", data.years), OK: ok,
			Next: func(w, n int) loadtest.Request {
				return get("/calendar/" + strconv.Itoa(data.firstYear+scatter(w, n, 4)%data.years))
			}}, true
	case "day":
		return loadtest.Route{Name: "day pages", OK: ok,
			Next: func(w, n int) loadtest.Request {
				m := month(w, n)
				return get(monthURL(m) + "/" + strconv.Itoa(1+scatter(w, n, 5)%29))
			}}, true
	case "words":
		return loadtest.Route{Name: "searches of 1–3 words", OK: func(s int) bool {
			if s == http.StatusServiceUnavailable {
				data.refused.Add(1)
			}
			return s == http.StatusOK || s == http.StatusServiceUnavailable
		}, Next: func(w, n int) loadtest.Request {
			h := scatter(w, n, 6)
			words := make([]string, 1+h%3)
			for i := range words {
				words[i] = searchWords[scatter(w, n, 7+i)%len(searchWords)]
			}
			return get("/search?q=" + url.QueryEscape(strings.Join(words, " ")))
		}}, true
	case "review":
		return loadtest.Route{Name: "review queue (pages 1–20)", OK: ok,
			Next: func(w, n int) loadtest.Request {
				return get("/review?page=" + strconv.Itoa(1+scatter(w, n, 10)%20))
			}}, true
	case "province-feed", "province-feed-plain":
		// Calendar apps (Google's fetcher, Apple's, Thunderbird) ask for
		// gzip, and a kept feed has a gzip copy: province-feed asks as
		// they do, province-feed-plain for the bytes as they are.
		title, header := "province feeds (gzip, as calendar apps ask)", http.Header{"Accept-Encoding": {"gzip"}}
		if name == "province-feed-plain" {
			title, header = "province feeds (not compressed)", nil
		}
		return loadtest.Route{Name: title, OK: ok,
			Next: func(w, n int) loadtest.Request {
				r := get(provinceFeedPath(data.provinces[provinceFeedPick(w, n, len(data.provinces))]))
				r.Header = header
				return r
			}}, true
	}
	return loadtest.Route{}, false
}

// provinceFeedPick is which of n provinces the province feed routes (and
// nginx's, on the same bytes) ask for as worker w's n-th request.
func provinceFeedPick(w, n, provinces int) int { return scatter(w, n, 11) % provinces }

// provinceFeedPath is the path of a province's feed.
func provinceFeedPath(p string) string { return "/calendar.ics?province=" + url.QueryEscape(p) }

// searchWords are what the word searches combine: places, offices,
// subjects, words of the news and a few in nothing stored.
var searchWords = []string{"روابط عمومی", "نشست خبری", "استانداری", "هفته دولت", "خبرنگار", "مدیرکل", "جلسه", "افتتاح", "آموزش",
	"کرمان", "فارس", "همدان", "تبریز", "همایش", "سلامت", "محیط زیست", "زلزله", "انتخابات", "بازدید", "جشنواره", "کتاب", "آب",
	"گاز", "دانشگاه", "ورزش", "میراث فرهنگی", "شهرداری", "بهزیستی", "کشاورزی", "مجلس", "سیل", "نوروز", "کهکشان", "زیردریایی"}

// scatter mixes a worker's number, its request's and a salt into a
// number that jumps about (splitmix64), so that neighbouring requests ask
// for far-apart pages.
func scatter(w, n, salt int) int {
	x := uint64(w)<<40 ^ uint64(n)<<8 ^ uint64(salt)
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return int((x ^ x>>31) >> 1)
}

// waitPastStart waits until the server is past its start: the check of
// the whole file it runs beside itself after a clean stop (its log says
// "checked the whole database file"; about 100 s of a core for the
// national file), and, when the feed folder beside the database lists
// feeds a previous run kept, their render ahead ("feeds: rendered ahead").
// It says how long each took: the routes are measured on a server past its
// start, not beside a walk of 10 GB or renders of feeds of hundreds of
// megabytes.
func waitPastStart(ctx context.Context, logPath, feedDir string, started time.Time, stdout io.Writer) error {
	type wait struct{ what, logged string }
	var waits []wait
	// The server logs how it checked the file as it starts to listen.
	var logs []byte
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if logs, _ = os.ReadFile(logPath); bytes.Contains(logs, []byte("checking the whole file beside the server")) ||
			bytes.Contains(logs, []byte("checked the whole database file before serving")) {
			break
		}
	}
	if bytes.Contains(logs, []byte("checking the whole file beside the server")) {
		waits = append(waits, wait{"the check of the whole file beside the server", "checked the whole database file"})
	}
	if manifest, err := os.ReadFile(filepath.Join(feedDir, "feeds.json")); err == nil && len(bytes.TrimSpace(manifest)) > len("[]") {
		waits = append(waits, wait{"the render ahead of the feeds the last run kept", "feeds: rendered ahead"})
	}
	for _, w := range waits {
		for deadline := time.Now().Add(10 * time.Minute); ; {
			logs, err := os.ReadFile(logPath)
			if err != nil {
				return fmt.Errorf("bench: %w", err)
			}
			if i := bytes.Index(logs, []byte(w.logged)); i >= 0 {
				line, _, _ := bytes.Cut(logs[i:], []byte("\n"))
				fmt.Fprintf(stdout, "%s ended %s after the start (%s)\n", w.what, time.Since(started).Round(100*time.Millisecond), line)
				break
			}
			if time.Now().After(deadline) {
				fmt.Fprintf(stdout, "%s did not end within 10 minutes: measuring beside it\n", w.what)
				break
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(200 * time.Millisecond):
			}
		}
	}
	return nil
}
