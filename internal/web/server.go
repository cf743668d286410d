// Package web is ruydad's HTTP server: one routes list, handlers that return
// errors, one error handler that turns them into Persian pages, and the
// forms. It calls the use cases of internal/app; it holds no SQL.
package web

import (
	"log/slog"
	"strings"
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
}

// Server holds the handlers' dependencies.
type Server struct {
	app    *app.App
	log    *slog.Logger
	now    func() time.Time
	secure bool
	base   string // Config.BaseURL without a trailing slash

	private     bool
	loginByIP   *limiter // login attempts per client address
	loginByName *limiter // failed logins per account

	kept      *keptBodies // rendered month and year bodies
	open      atomic.Pointer[openState]
	feedTurns chan struct{} // a token for each full feed being written

	searchTurns   chan struct{} // a token for each search running
	searchWait    time.Duration // how long a search waits for a turn
	searchTimeout time.Duration // how long a search may run
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
	s.kept = newKeptBodies(keptLimit)
	s.feedTurns = make(chan struct{}, feedTurns)
	s.searchTurns, s.searchWait, s.searchTimeout = make(chan struct{}, searchTurns()), searchWait, searchTimeout
	s.loginByIP = newLimiter(30, 10*time.Minute, s.now)
	s.loginByName = newLimiter(5, 15*time.Minute, s.now)
	e := echo.New()
	// Rate limits key on the client address: take it from the connection,
	// never from headers a client can forge.
	e.IPExtractor = echo.ExtractIPDirect()
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = s.handleError
	s.routes(e)
	return s, e
}

// today is the current Jalali date in Tehran.
func (s *Server) today() jalali.Date { return jalali.FromTime(s.now()) }
