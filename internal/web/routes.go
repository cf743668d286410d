package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/views"
)

// Body limits: an article may be 2 MB of text, an .ics upload 5 MB, any
// other form far less.
const (
	maxFormBytes    = 256 << 10
	maxArticleBytes = 3 << 20
	maxUploadBytes  = 6 << 20
)

// routes lists every route, one a line, with its whole policy: who may use
// it and, for a form post, what its form may send. The middleware every
// request goes through, routed or not, is the first line.
func (s *Server) routes(e *echo.Echo) {
	e.Use(s.logRequests, s.countOthers, s.recoverPanics, securityHeaders, cleanQuery, s.loadSession, s.csrf)

	// Who may come. public: anyone, even when the calendar is private
	// (--private): what signing in needs, the first-run setup, the health
	// check, the static files, the secret per-user feeds. reader: anyone,
	// or only a signed-in user when the calendar is private. drafts: a
	// reader who may see the drafts (articles, the review queue): an
	// editor, or anyone while no account has ever existed or once an
	// administrator has made them public. The others also need a
	// signed-in user of a role (see require).
	public := func(next echo.HandlerFunc) echo.HandlerFunc { return next }
	reader := s.reader
	drafts := both(reader, s.draftReader)
	viewer := both(reader, s.require(domain.RoleViewer))
	editor := both(reader, s.require(domain.RoleEditor))
	admin := both(reader, s.require(domain.RoleAdmin))

	// What a form post may send, and what it shows when its CSRF token has
	// gone stale: its form again, as typed (retry.go), or the 403 page.
	form, upload := formPost{limit: maxFormBytes}, formPost{limit: maxUploadBytes}
	eventPost, occasionPost := formPost{maxFormBytes, s.eventFormAgain}, formPost{maxFormBytes, s.occasionFormAgain}
	articlePost, loginPost := formPost{maxArticleBytes, s.articleFormAgain}, formPost{maxFormBytes, s.loginFormAgain}
	setupPost := formPost{maxFormBytes, s.setupFormAgain}

	// get registers a page or file for GET and HEAD: echo v4 answers HEAD only
	// where a route asks for it (net/http then sends the headers alone).
	// A route's policy wraps its handler here, once: echo would wrap it
	// again on every request.
	get := func(path string, h echo.HandlerFunc, who echo.MiddlewareFunc) {
		e.Match([]string{http.MethodGet, http.MethodHead}, path, who(h))
	}
	// post registers a form post: its form is read and its CSRF token
	// checked before who is asked.
	post := func(path string, h echo.HandlerFunc, who echo.MiddlewareFunc, f formPost) {
		e.POST(path, s.readForm(f, who)(who(h)))
	}

	get("/", s.handleRoot, reader)
	get("/setup", s.handleSetupPage, public)
	post("/setup", s.handleSetup, public, setupPost)
	get("/login", s.handleLoginPage, public)
	post("/login", s.handleLogin, public, loginPost)
	post("/logout", s.handleLogout, public, form)
	get("/account", s.handleAccount, viewer)
	post("/account/feed", s.handleResetMyFeed, viewer, form)
	get("/users", s.handleUsers, admin)
	post("/users", s.handleCreateUser, admin, form)
	post("/users/:id/role", s.handleSetRole, admin, form)
	get("/users/:id/delete", s.handleConfirmDeleteUser, admin)
	post("/users/:id/delete", s.handleDeleteUser, admin, form)
	post("/settings/drafts", s.handleDraftsPublic, admin, form)
	get("/healthz", s.handleHealth, public)
	get("/robots.txt", handleRobots, reader)
	get("/static/*", echo.WrapHandler(staticHandler(views.Static)), public)

	get("/calendar", s.handleJump, reader)
	get("/calendar/:year", s.handleYear, reader)
	get("/calendar/:year/:month", s.handleMonth, reader)
	get("/calendar/:year/:month/:day", s.handleDay, reader)
	get("/calendar/:year/:month/:day/week", s.handleWeek, reader)
	get("/agenda", s.handleAgenda, reader)
	get("/search", s.handleSearch, reader)
	get("/picker", s.handlePicker, reader)
	get("/picker/:year/:month", s.handlePicker, reader)

	get("/calendar.ics", s.handleFeed, reader)
	get("/feeds/:token/calendar.ics", s.handleUserFeed, public)
	get("/events/new", s.handleNewEvent, editor)
	post("/events", s.handleCreateEvent, editor, eventPost)
	get("/events/:id", s.handleEvent, reader) // and /events/{id}.ics: handleEventFeed
	get("/events/:id/edit", s.handleEditEvent, editor)
	post("/events/:id", s.handleUpdateEvent, editor, eventPost)
	get("/events/:id/delete", s.handleConfirmDeleteEvent, editor)
	post("/events/:id/delete", s.handleDeleteEvent, editor, form)
	post("/events/:id/restore", s.handleRestoreEvent, editor, form)
	get("/trash", s.handleTrash, editor)

	get("/articles", s.handleArticles, drafts)
	get("/articles/new", s.handleNewArticle, editor)
	post("/articles", s.handleCreateArticle, editor, articlePost)
	get("/articles/:id", s.handleArticle, drafts)
	get("/review", s.handleReview, drafts)
	post("/review", s.handleReviewAction, editor, form)

	get("/sources", s.handleSources, editor)
	post("/sources", s.handleAddSource, editor, form)
	post("/sources/:id/enabled", s.handleSourceEnabled, editor, form)
	post("/sources/:id/fetch", s.handleFetchSource, editor, form)
	get("/sources/:id/delete", s.handleConfirmDeleteSource, editor)
	post("/sources/:id/delete", s.handleDeleteSource, editor, form)

	get("/import", s.handleImportPage, editor)
	post("/import", s.handleImportICS, editor, upload)

	get("/occasions", s.handleOccasions, reader)
	get("/occasions/new", s.handleNewOccasion, editor)
	post("/occasions", s.handleCreateOccasion, editor, occasionPost)
	post("/occasions/visibility", s.handleOccasionVisibility, editor, form)
	get("/occasions/:id/edit", s.handleEditOccasion, editor)
	post("/occasions/:id", s.handleUpdateOccasion, editor, occasionPost)
	post("/occasions/:id/visibility", s.handleOccasionVisibility, editor, form)
	post("/occasions/:id/preparation", s.handlePrepare, editor, form)
	get("/occasions/:id/delete", s.handleConfirmDeleteOccasion, editor)
	post("/occasions/:id/delete", s.handleDeleteOccasion, editor, form)

	get("/hijri", s.handleHijri, reader)
	post("/hijri", s.handleSetHijri, admin, form)
	post("/hijri/:year/:month/unset", s.handleUnsetHijri, admin, form)

	// A request no route takes (a 404 or 405, whatever its method) gets
	// the checks of a page, and a post those of a form, before its error
	// page.
	e.Use(unrouted(both(s.readForm(form, reader), reader)))
}

// both is middleware a, then b.
func both(a, b echo.MiddlewareFunc) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc { return a(b(next)) }
}

// unrouted applies policy to the requests that no route takes: the router
// has matched no path (c.Path() is "") or no method of the path it matched
// (then it names the path's methods for the 405's Allow header).
func unrouted(policy echo.MiddlewareFunc) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if c.Path() != "" && c.Get(echo.ContextKeyHeaderAllow) == nil {
				return next(c)
			}
			return policy(next)(c)
		}
	}
}

// robots is the whole of /robots.txt: the calendar is public reading, but
// its forms, feeds and search are no use to crawlers. It is also the
// trivial handler 'ruydad bench' measures as the ceiling.
var robots = []byte("User-agent: *\nDisallow: /events/new\nDisallow: /articles/new\nDisallow: /search\nDisallow: /picker\nDisallow: /feeds/\n")

func handleRobots(c echo.Context) error {
	return c.Blob(http.StatusOK, "text/plain; charset=utf-8", robots)
}

// handleHealth answers /healthz, for monitors: 200 "ok" when the database
// answers and is sound; 503 and a line saying why when it is damaged (a
// page SQLite refused while serving) or does not answer.
func (s *Server) handleHealth(c echo.Context) error {
	err := s.app.Ping(c.Request().Context())
	switch {
	case err == nil:
		return c.String(http.StatusOK, "ok")
	case errors.Is(err, app.ErrDamaged):
		return c.String(http.StatusServiceUnavailable, "database damaged: restore a backup (ruydad restore)\n")
	default:
		s.log.Error("health check", "err", err)
		return c.String(http.StatusServiceUnavailable, "database unavailable\n")
	}
}
