// Package web is ruydad's HTTP server: one routes list, handlers that return
// errors, one error handler that turns them into Persian pages, and the
// forms. It declares the Store it needs; it holds no SQL.
package web

import (
	"context"
	"log/slog"
	"strings"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// Store is the storage the handlers use.
type Store interface {
	EventsBetween(ctx context.Context, from, to jalali.Date, f domain.EventFilter) ([]domain.Event, error)
	Event(ctx context.Context, id int64) (domain.Event, error)
	CreateEvent(ctx context.Context, e *domain.Event) error
	UpdateEvent(ctx context.Context, e *domain.Event) error
	DeleteEvent(ctx context.Context, id int64) error

	Occasions(ctx context.Context) ([]domain.Occasion, error)
	Occasion(ctx context.Context, id int64) (domain.Occasion, error)
	CreateOccasion(ctx context.Context, o *domain.Occasion) error
	UpdateOccasion(ctx context.Context, o domain.Occasion) error
	SetOccasionsHidden(ctx context.Context, ids []int64, hidden bool) error
	DeleteOccasion(ctx context.Context, id int64) error

	HijriCorrections(ctx context.Context) ([]domain.HijriCorrection, error)
	SetHijriCorrection(ctx context.Context, c domain.HijriCorrection, fits func([]domain.HijriCorrection) error) error
	DeleteHijriCorrection(ctx context.Context, year, month int, fits func([]domain.HijriCorrection) error) error

	CreateArticle(ctx context.Context, a *domain.Article, events []domain.Event, occasions []domain.ArticleOccasion) (bool, error)
	Article(ctx context.Context, id int64) (domain.Article, error)
	Articles(ctx context.Context, limit, offset int) ([]domain.ArticleSummary, error)
	ArticleEvents(ctx context.Context, articleID int64) ([]domain.Event, error)
	ArticleOccasions(ctx context.Context, articleID int64) ([]domain.ArticleOccasion, error)
	ArticleTitles(ctx context.Context, ids []int64) (map[int64]string, error)
	ProposedEvents(ctx context.Context, f domain.ReviewFilter, limit, offset int) ([]domain.Event, int, error)
	NextProposed(ctx context.Context, f domain.ReviewFilter, after domain.Event) (domain.Event, error)
	ProposedArticles(ctx context.Context) ([]domain.ArticleSummary, error)
	ReviewEvents(ctx context.Context, ids []int64, status domain.Status) (domain.ReviewOutcome, error)

	EachEvent(ctx context.Context, f domain.EventFilter, fn func(domain.Event) error) error
	DataVersion(ctx context.Context) (int64, time.Time, error)
	CalendarVersion(ctx context.Context) (int64, error)
	SourceTitles(ctx context.Context) (map[int64]string, error)
	ImportEvents(ctx context.Context, events []domain.Event) (created, skipped int, err error)
	Search(ctx context.Context, terms []string, limit int) ([]domain.Event, []domain.Article, error)

	CountUsers(ctx context.Context) (int, error)
	Users(ctx context.Context) ([]domain.User, error)
	User(ctx context.Context, id int64) (domain.User, error)
	CreateUser(ctx context.Context, name string, role domain.Role, password string) (domain.User, error)
	SetUserRole(ctx context.Context, id int64, role domain.Role) error
	DeleteUser(ctx context.Context, id int64) error
	ResetFeedToken(ctx context.Context, id int64) (string, error)
	UserByFeedToken(ctx context.Context, token string) (domain.User, error)
	Authenticate(ctx context.Context, name, password string) (domain.User, error)
	CreateSession(ctx context.Context, userID int64) (string, error)
	SessionUser(ctx context.Context, token string, idle, maxAge time.Duration) (domain.User, error)
	DeleteSession(ctx context.Context, token string) error

	Ping(ctx context.Context) error
}

// Config is what the server needs besides its store.
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
	store  Store
	log    *slog.Logger
	now    func() time.Time
	secure bool
	base   string // Config.BaseURL without a trailing slash

	private     bool
	loginByIP   *limiter // login attempts per client address
	loginByName *limiter // failed logins per account

	kept      *keptBodies // rendered month and year bodies
	states    stateCache  // the calendar as of the newest data version
	open      atomic.Pointer[openState]
	feedTurns chan struct{} // a token for each full feed being written
}

// New returns the echo instance serving ruydad over store.
func New(store Store, cfg Config) *echo.Echo {
	_, e := newServer(store, cfg)
	return e
}

// newServer is New, returning the Server too (for tests).
func newServer(store Store, cfg Config) (*Server, *echo.Echo) {
	s := &Server{store: store, log: cfg.Logger, now: cfg.Now, secure: cfg.SecureCookies}
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
