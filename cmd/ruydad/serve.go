package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/digest"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/sqlite"
	"github.com/ruydad/ruydad/internal/web"
)

// config is the settings of serve, from flags and the environment.
type config struct {
	addr    string
	db      string
	private bool
	baseURL string         // "": http:// and the address listened on
	secure  bool           // cookies marked Secure
	proxies []netip.Prefix // reverse proxies whose X-Forwarded-For names the client
	digest  digest.Config  // the daily digest by e-mail; none when not Enabled
	// allowPrivate lets news sources and pasted links reach private
	// addresses (--allow-private-sources).
	allowPrivate bool
	// litestream: Litestream replicates the database file beside the
	// server, and checkpoints it (--litestream; see sqlite.Replicated).
	litestream bool
	pprof      string // loopback address to serve Go's profiles on; "" for none
	// feedDir is the folder rendered feeds are kept in (--feed-dir;
	// default: beside the database, web.DefaultFeedDir).
	feedDir string
}

const defaultDB = "ruydad.db"

// defaultAddr is where serve listens unless told: loopback only, so that
// a fresh install is reached from this machine until someone decides
// otherwise (--addr :8080).
const defaultAddr = "127.0.0.1:8080"

// dbFlag adds --db (default $RUYDAD_DB, else ruydad.db in the working
// directory) to fs.
func dbFlag(fs *flag.FlagSet, getenv func(string) string) *string {
	def := getenv("RUYDAD_DB")
	if def == "" {
		def = defaultDB
	}
	return fs.String("db", def, "SQLite database file (env RUYDAD_DB)")
}

func parseServe(args []string, getenv func(string) string, stderr io.Writer) (config, error) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := getenv("RUYDAD_ADDR")
	if addr == "" {
		addr = defaultAddr
	}
	var c config
	fs.StringVar(&c.addr, "addr", addr, "address to listen on (env RUYDAD_ADDR); the default is this machine only:\n"+
		"--addr :8080 listens on every interface, for other machines to reach")
	db := dbFlag(fs, getenv)
	fs.BoolVar(&c.private, "private", getenv("RUYDAD_PRIVATE") == "1" || getenv("RUYDAD_PRIVATE") == "true",
		"private calendar: every page needs a signed-in user (env RUYDAD_PRIVATE=1)")
	fs.StringVar(&c.baseURL, "base-url", getenv("RUYDAD_BASE_URL"),
		"the server's public URL, scheme and host, as visitors reach it (e.g. https://cal.example.ir behind a proxy):\n"+
			"feeds, calendar subscriptions and secret feed URLs link to it, never to a request's Host header\n"+
			"(env RUYDAD_BASE_URL; default http:// and the listen address, localhost for all interfaces: http://localhost:8080)")
	secure, err := envBool(getenv, "RUYDAD_SECURE_COOKIES")
	if err != nil {
		return c, err
	}
	fs.BoolVar(&c.secure, "secure-cookies", secure,
		"mark cookies Secure, for a server reached over HTTPS (env RUYDAD_SECURE_COOKIES=1;\n"+
			"default on when --base-url is https, else off)")
	proxies := fs.String("trusted-proxy", getenv("RUYDAD_TRUSTED_PROXY"),
		"reverse proxies, as addresses or CIDR ranges separated by commas (e.g. 127.0.0.1,10.0.0.0/8):\n"+
			"a request coming from one of them is its X-Forwarded-For client's, for the login limits\n"+
			"(env RUYDAD_TRUSTED_PROXY; default none: the connection's address, whatever headers say)")
	litestream, err := envBool(getenv, "RUYDAD_LITESTREAM")
	if err != nil {
		return c, err
	}
	fs.BoolVar(&c.litestream, "litestream", litestream,
		"Litestream replicates the database file beside the server: leave the write-ahead log's restarts to it\n"+
			"(passive checkpoints only; env RUYDAD_LITESTREAM=1)")
	fs.StringVar(&c.pprof, "pprof", "", "serve Go's profiles (net/http/pprof) on this loopback address, apart from the site\n"+
		"(e.g. 127.0.0.1:6060; for measuring the server under load: go tool pprof http://127.0.0.1:6060/debug/pprof/profile)")
	fs.StringVar(&c.feedDir, "feed-dir", getenv("RUYDAD_FEED_DIR"), "folder the rendered feeds are kept in, up to 2 GB, and listed\n"+
		"for the next start to render them again (env RUYDAD_FEED_DIR; default: beside the database, FILE.feeds)")
	digestTo := digestFlags(fs, getenv, &c.digest)
	allowPrivate, err := allowPrivateFlag(fs, getenv)
	if err != nil {
		return c, fmt.Errorf("serve: %w", err)
	}
	if err := parseFlags(fs, args); err != nil {
		return c, err
	}
	c.allowPrivate = *allowPrivate
	if fs.NArg() > 0 {
		return c, fmt.Errorf("serve: unexpected argument %q", fs.Arg(0))
	}
	if err := checkDigest(&c.digest, *digestTo); err != nil {
		return c, err
	}
	c.db = *db
	if c.feedDir == "" {
		c.feedDir = web.DefaultFeedDir(c.db)
	}
	if err := checkPprofAddr(c.pprof); err != nil {
		return c, fmt.Errorf("serve: %w", err)
	}
	if c.proxies, err = parseProxies(*proxies); err != nil {
		return c, fmt.Errorf("serve: --trusted-proxy: %w", err)
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if c.baseURL != "" {
		name := "--base-url"
		if !set["base-url"] {
			name = "RUYDAD_BASE_URL"
		}
		if c.baseURL, err = parseBaseURL(c.baseURL); err != nil {
			return c, fmt.Errorf("serve: %s: %w", name, err)
		}
	}
	if !set["secure-cookies"] && getenv("RUYDAD_SECURE_COOKIES") == "" {
		c.secure = strings.HasPrefix(c.baseURL, "https://")
	}
	return c, nil
}

// parseBaseURL checks serve's public URL and returns it as scheme and
// host: http or https, a host, nothing else (the app is served from the
// root of its host, so no path, unlike export's checkBaseURL, which
// writes links only; no query, fragment or user).
func parseBaseURL(raw string) (string, error) {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return "", fmt.Errorf("%q is not a URL", raw)
	case u.Scheme != "http" && u.Scheme != "https":
		return "", fmt.Errorf("%q must be an absolute http:// or https:// URL", raw)
	case u.Host == "" || u.Hostname() == "":
		return "", fmt.Errorf("%q names no host", raw)
	case u.User != nil:
		return "", fmt.Errorf("%q must not hold a user name or password", raw)
	case u.RawQuery != "" || u.ForceQuery:
		return "", fmt.Errorf("%q must not have a query", raw)
	case u.Fragment != "" || strings.Contains(raw, "#"):
		return "", fmt.Errorf("%q must not have a fragment", raw)
	case u.Path != "" && u.Path != "/":
		return "", fmt.Errorf("%q must not have a path: ruydad is served from the root of its host", raw)
	}
	return u.Scheme + "://" + u.Host, nil
}

// parseProxies reads --trusted-proxy: addresses and CIDR ranges separated
// by commas (an address is a range of one).
func parseProxies(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(list, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("%q is neither an IP address nor a CIDR range (10.0.0.0/8)", f)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}

// envBool reads a yes-or-no environment variable: unset is false, else
// 1, 0, true, false (as strconv.ParseBool reads them).
func envBool(getenv func(string) string, name string) (bool, error) {
	v := getenv(name)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("serve: %s=%q: want 1 or 0 (true or false)", name, v)
	}
	return b, nil
}

// openDB opens the database and brings its occasions up to the built-in
// catalogue (all of it on first use; on an upgrade, what it lacks, leaving
// what a person edited or deleted as it is).
func openDB(ctx context.Context, path string, log *slog.Logger) (*sqlite.DB, error) {
	return openDBWith(ctx, path, log, sqlite.Open)
}

// openDBWith is openDB, opening the file with open and opts.
func openDBWith(ctx context.Context, path string, log *slog.Logger, open func(context.Context, string, ...sqlite.Option) (*sqlite.DB, error),
	opts ...sqlite.Option) (*sqlite.DB, error) {
	db, err := open(ctx, path, opts...)
	if err != nil {
		return nil, err
	}
	cat, err := catalogue()
	if err != nil {
		db.Close()
		return nil, err
	}
	rep, err := db.SeedOccasions(ctx, cat)
	if err != nil {
		db.Close()
		return nil, err
	}
	if rep.Added+rep.Updated+rep.Kept > 0 {
		log.Info("brought the occasions up to the built-in catalogue", "added", rep.Added, "updated", rep.Updated,
			"already_there", rep.Kept)
	}
	return db, nil
}

func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, err := parseServe(args, getenv, stderr)
	if err != nil {
		return err
	}
	logs := newLogBuffer(stderr, flushEvery)
	defer logs.Close()
	log := slog.New(flushOnWarn{slog.NewTextHandler(logs, nil), logs})
	// Before SQLite's first call: the C memory in a few arenas.
	limitArenas(serveArenas, getenv)
	// A damaged file is refused before anything is written to it: served,
	// it would answer some pages and fail others. After a clean stop, with
	// the file as ruydad left it, only its first pages are checked before
	// serving, and the whole of it beside the server (checkBeside).
	var opts []sqlite.Option
	if cfg.litestream {
		opts = append(opts, sqlite.Replicated())
	}
	db, err := openDBWith(ctx, cfg.db, log, sqlite.OpenChecked, opts...)
	if errors.Is(err, app.ErrDamaged) {
		return refuseDamaged(cfg.db, err)
	}
	if err != nil {
		return err
	}
	defer db.Close()
	fetch := fetcher(cfg.allowPrivate)
	a := app.Over(db, app.Options{Logger: log, Fetcher: fetch})
	if err := seedArticles(ctx, db, a, log); err != nil {
		return startFailed(db, cfg.db, err)
	}
	// Deleted events past their 30 days go for good at start, then while
	// serving (their numbers stay taken).
	purged, err := a.PurgeTrash(ctx)
	if err != nil {
		return startFailed(db, cfg.db, err)
	}
	if purged > 0 {
		log.Info("purged deleted events for good", "events", purged)
	}
	keepTrash, stopKeeping := context.WithCancel(ctx)
	defer stopKeeping()
	go a.KeepTrash(keepTrash, trashEvery)
	accounts, err := a.AccountsState(ctx)
	if err != nil {
		return err
	}
	// The first run: a one-time token for /setup, printed below on the
	// console only (not in the log), as Jupyter and Grafana do.
	setupToken := ""
	if accounts.FirstRun() {
		setupToken = domain.NewToken()
	}

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	if cfg.pprof != "" {
		_, stop, err := servePprof(cfg.pprof, log)
		if err != nil {
			ln.Close()
			return err
		}
		defer stop()
	}
	feeds, err := web.OpenFeedDir(cfg.feedDir, log)
	if err != nil {
		ln.Close()
		return fmt.Errorf("serve: --feed-dir: %w", err)
	}
	defer feeds.Close()
	base := cfg.baseURL
	if base == "" {
		base = "http://" + displayAddr(ln.Addr())
	}
	srv := &http.Server{
		Handler: web.New(a, web.Config{Logger: log, Private: cfg.private, BaseURL: base, SecureCookies: cfg.secure,
			TrustedProxies: cfg.proxies, SetupToken: setupToken, Feeds: feeds}),
		ConnContext:       web.ConnContext, // feeds read their downloads' progress from the connection
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	log.Info("serving", "addr", ln.Addr().String(), "db", cfg.db, "base_url", base, "secure_cookies", cfg.secure,
		"trusted_proxies", fmt.Sprint(cfg.proxies), "litestream", cfg.litestream)
	fmt.Fprintf(stdout, "ruydad: serving on http://%s (database %s)\n", displayAddr(ln.Addr()), cfg.db)
	if cfg.baseURL != "" {
		fmt.Fprintf(stdout, "ruydad: public URL %s\n", base)
	}
	switch {
	case setupToken != "":
		log.Warn("no administrator yet: nobody can write until the first one is made at /setup, with the link printed on standard output")
		fmt.Fprintf(stdout, "ruydad: no administrator yet. Open this link to create the first one (it works once, and only\n"+
			"ruydad: until then; whoever has it can make themselves administrator):\n\n    %s/setup?token=%s\n\n", base, setupToken)
	case accounts.Admins == 0:
		log.Warn("no administrator: nobody can manage accounts; create one with 'ruydad user add NAME --role admin'", "db", cfg.db)
		fmt.Fprintf(stdout, "ruydad: no administrator: create one with  ruydad user add NAME --role admin --db %s\n", cfg.db)
	}

	if cfg.digest.Enabled() {
		cfg.digest.BaseURL = base
		log.Info("daily digest", "smtp", cfg.digest.SMTPAddr, "to", strings.Join(cfg.digest.To, ","), "at", cfg.digest.At+" Tehran time")
		go digest.Run(ctx, a, cfg.digest, time.Now, time.After, log)
	}

	if fetch != nil {
		// The news sources are polled beside the pages, never in their way.
		go a.PollSources(ctx, pollEvery, time.After)
	} else {
		log.Info("this build fetches no news: the news sources are not polled")
	}

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	checkBeside(ctx, db, cfg.db, log)
	go recountSearch(ctx, db, log, recountEvery)
	db.ReadSearchRanks()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	return nil
}

// startFailed is serve's answer to err, met before serving: a refusal
// naming the restore when it shows the file damaged (only its first pages
// were checked after a clean stop).
func startFailed(db *sqlite.DB, path string, err error) error {
	if db.Failed(err) || errors.Is(err, app.ErrDamaged) {
		return refuseDamaged(path, err)
	}
	return err
}

// checkBeside logs how the database file was checked at start and, when
// the check of the whole file was left for later (after a clean stop),
// runs it beside the server and logs what it finds.
func checkBeside(ctx context.Context, db *sqlite.DB, path string, log *slog.Logger) {
	if full, why := db.OpenCheck(); full {
		log.Info("checked the whole database file before serving", "why", why)
		return
	}
	log.Info("the database file was closed cleanly and has not changed since: checked its schema and the ends of its tables; " +
		"checking the whole file beside the server")
	db.CheckInBackground()
	go func() {
		start := time.Now()
		err := db.Checked(ctx)
		switch {
		case errors.Is(err, app.ErrDamaged):
			log.Error("the database file is damaged: /healthz now says so and writes are refused; stop the server and restore "+
				"the latest backup (ruydad restore --db "+path+" BACKUP); 'ruydad check --db "+path+"' lists the damage", "err", err)
		case err == nil:
			log.Info("checked the whole database file: sound", "took", time.Since(start).Round(time.Millisecond).String())
		case ctx.Err() == nil:
			log.Error("the check of the whole database file did not end", "err", err)
		}
	}()
}

// trashEvery is how often the server purges the deleted events past their
// 30 days.
const trashEvery = time.Hour

// displayAddr turns a wildcard listen address into one a browser can open.
func displayAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || tcp.IP.IsUnspecified() {
		if ok {
			return fmt.Sprintf("localhost:%d", tcp.Port)
		}
	}
	return a.String()
}

func runMigrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := dbFlag(fs, getenv)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	db, err := openDB(ctx, *path, slog.New(slog.NewTextHandler(stderr, nil)))
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(stdout, "ruydad: %s is up to date\n", *path)
	return nil
}
