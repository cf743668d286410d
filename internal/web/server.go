// Package web is ruydad's HTTP server: one routes list, handlers that return
// errors, one error handler that turns them into Persian pages, and the
// forms. It calls the use cases of internal/app; it holds no SQL.
package web

import (
	"crypto/rand"
	"log/slog"
	"net"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/jalali"
)

// Config is what the server needs besides the use cases.
type Config struct {
	Logger *slog.Logger
	Now    func() time.Time // the clock; time.Now when nil
	// SecureCookies marks cookies Secure (when served over TLS).
	SecureCookies bool
	// BaseURL is where visitors reach the server: scheme and host, no
	// path (https://cal.example.ir). Absolute links (feeds, webcal://, a
	// user's secret feed URL) are built on it, never on a request's Host
	// header, which a client can forge. Empty: http://localhost.
	BaseURL string
	// Private makes every page need a signed-in user; calendar apps then
	// subscribe through each user's secret feed URL.
	Private bool
	// FeedIdle is how long a feed's download may take nothing before it
	// is cut off; 20 s when zero. One that keeps taking is never cut off.
	FeedIdle time.Duration
	// SetupToken, when set, is the one-time secret that lets its holder
	// create the first administrator at /setup, as long as no account has
	// ever existed (app.AccountsState.FirstRun). The command prints it on
	// the server's console at start.
	SetupToken string
	// Feeds is the folder rendered feeds are kept in (OpenFeedDir), and
	// with it the feeds are rendered ahead when the data changes
	// (warmFeeds); nil: unlinked files in the temporary folder, rendered
	// when asked for.
	Feeds *FeedDir
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names
	// the client: a request that comes from one of them is the client's
	// that the header names (the nearest address in it not itself a
	// trusted proxy); any other request is its connection's, whatever
	// headers it sends. Empty: always the connection's address.
	TrustedProxies []netip.Prefix
}

// Server holds the handlers' dependencies.
type Server struct {
	app    *app.App
	log    *slog.Logger
	now    func() time.Time
	secure bool
	base   string // Config.BaseURL without a trailing slash

	private bool
	logins  *loginGuard // failed logins, per account and address
	csrfKey []byte      // the key CSRF tokens are signed with, new at every start

	kept       *keptBodies   // rendered month and year bodies
	feeds      *feedBodies   // rendered feeds
	feedIdle   time.Duration // Config.FeedIdle
	accounts   atomic.Pointer[accountsReading]
	accountsMu sync.Mutex  // one reading of accounts at a time (accountsState)
	setupToken string      // Config.SetupToken
	setupUsed  atomic.Bool // the setup token has made the first administrator

	searchGate    *searchGate   // the searches' turns
	searchWait    time.Duration // how long a search waits for a turn
	searchTimeout time.Duration // how long a search may run
	searchCache   searchCache   // what the last searches found
}

// New returns the echo instance serving ruydad's use cases.
func New(a *app.App, cfg Config) *echo.Echo {
	_, e := newServer(a, cfg)
	return e
}

// newServer is New, returning the Server too (for tests).
func newServer(a *app.App, cfg Config) (*Server, *echo.Echo) {
	s := &Server{app: a, log: cfg.Logger, now: cfg.Now, secure: cfg.SecureCookies}
	s.base = strings.TrimRight(cfg.BaseURL, "/")
	if s.base == "" {
		s.base = "http://localhost"
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.now == nil {
		s.now = time.Now
	}
	s.private = cfg.Private
	s.setupToken = cfg.SetupToken
	s.kept = newKeptBodies(keptLimit)
	s.feeds = newFeedBodies(feedMemLimit, feedDiskLimit, feedRenders, s.log)
	if cfg.Feeds != nil {
		s.feeds.dir, s.feeds.gzip, s.feeds.stopped = cfg.Feeds.path, true, cfg.Feeds.ctx
		cfg.Feeds.renders = &s.feeds.renders
		s.startWarming(cfg.Feeds)
	}
	s.feedIdle = cfg.FeedIdle
	if s.feedIdle <= 0 {
		s.feedIdle = feedIdle
	}
	s.logins = newLoginGuard(s.now, maxEntries)
	s.csrfKey = make([]byte, 32)
	if _, err := rand.Read(s.csrfKey); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	s.searchGate, s.searchWait, s.searchTimeout = newSearchGate(searchTurns()), searchWait, searchTimeout
	e := echo.New()
	e.IPExtractor = ipExtractor(cfg.TrustedProxies)
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = s.handleError
	s.routes(e)
	return s, e
}

// ipExtractor returns how the server tells a request's client address
// (which the login limits key on): the connection's, or, from a trusted
// proxy, the one its X-Forwarded-For names (see Config.TrustedProxies).
// echo trusts loopback, link-local and private addresses by default: here
// only the proxies named are.
func ipExtractor(proxies []netip.Prefix) echo.IPExtractor {
	if len(proxies) == 0 {
		return echo.ExtractIPDirect()
	}
	trust := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, p := range proxies {
		_, n, err := net.ParseCIDR(p.Masked().String())
		if err != nil {
			panic(err) // a netip.Prefix always prints as a CIDR
		}
		trust = append(trust, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(trust...)
}

// today is the current Jalali date in Tehran.
func (s *Server) today() jalali.Date { return jalali.FromTime(s.now()) }
