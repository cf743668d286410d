package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/views"
)

// routes lists every route, one a line.
func (s *Server) routes(e *echo.Echo) {
	e.Use(s.logRequests, s.recoverPanics, securityHeaders, readInput, s.loadSession, s.csrf, s.privateCalendar)
	editor, admin := s.require(domain.RoleEditor), s.require(domain.RoleAdmin)
	// get registers a page or file for GET and HEAD: echo v4 answers HEAD only
	// where a route asks for it (net/http then sends the headers alone).
	get := func(path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) {
		e.Match([]string{http.MethodGet, http.MethodHead}, path, h, m...)
	}

	get("/", s.handleRoot)
	get("/login", s.handleLoginPage)
	e.POST("/login", s.handleLogin)
	e.POST("/logout", s.handleLogout)
	get("/account", s.handleAccount, s.require(domain.RoleViewer))
	e.POST("/account/feed", s.handleResetMyFeed, s.require(domain.RoleViewer))
	get("/users", s.handleUsers, admin)
	e.POST("/users", s.handleCreateUser, admin)
	e.POST("/users/:id/role", s.handleSetRole, admin)
	get("/users/:id/delete", s.handleConfirmDeleteUser, admin)
	e.POST("/users/:id/delete", s.handleDeleteUser, admin)
	get("/healthz", s.handleHealth)
	get("/robots.txt", handleRobots)
	get("/static/*", echo.WrapHandler(staticHandler(views.Static)))

	get("/calendar", s.handleJump)
	get("/calendar/:year", s.handleYear)
	get("/calendar/:year/:month", s.handleMonth)
	get("/calendar/:year/:month/:day", s.handleDay)
	get("/agenda", s.handleAgenda)
	get("/search", s.handleSearch)
	get("/picker", s.handlePicker)
	get("/picker/:year/:month", s.handlePicker)

	get("/calendar.ics", s.handleFeed)
	get("/feeds/:token/calendar.ics", s.handleUserFeed)
	get("/events/new", s.handleNewEvent, editor)
	e.POST("/events", s.handleCreateEvent, editor)
	get("/events/:id", s.handleEvent) // and /events/{id}.ics: handleEventFeed
	get("/events/:id/edit", s.handleEditEvent, editor)
	e.POST("/events/:id", s.handleUpdateEvent, editor)
	get("/events/:id/delete", s.handleConfirmDeleteEvent, editor)
	e.POST("/events/:id/delete", s.handleDeleteEvent, editor)

	get("/articles", s.handleArticles)
	get("/articles/new", s.handleNewArticle, editor)
	e.POST("/articles", s.handleCreateArticle, editor)
	get("/articles/:id", s.handleArticle)
	get("/review", s.handleReview)
	e.POST("/review", s.handleReviewAction, editor)

	get("/import", s.handleImportPage, editor)
	e.POST("/import", s.handleImportICS, editor)

	get("/occasions", s.handleOccasions)
	get("/occasions/new", s.handleNewOccasion, editor)
	e.POST("/occasions", s.handleCreateOccasion, editor)
	e.POST("/occasions/visibility", s.handleOccasionVisibility, editor)
	get("/occasions/:id/edit", s.handleEditOccasion, editor)
	e.POST("/occasions/:id", s.handleUpdateOccasion, editor)
	e.POST("/occasions/:id/visibility", s.handleOccasionVisibility, editor)
	get("/occasions/:id/delete", s.handleConfirmDeleteOccasion, editor)
	e.POST("/occasions/:id/delete", s.handleDeleteOccasion, editor)

	get("/hijri", s.handleHijri)
	e.POST("/hijri", s.handleSetHijri, s.requireCalendarAdmin)
	e.POST("/hijri/:year/:month/unset", s.handleUnsetHijri, s.requireCalendarAdmin)
}

// robots is the whole of /robots.txt: the calendar is public reading, but
// its forms, feeds and search are no use to crawlers. It is also the
// trivial handler 'ruydad bench' measures as the ceiling.
var robots = []byte("User-agent: *\nDisallow: /events/new\nDisallow: /articles/new\nDisallow: /search\nDisallow: /picker\nDisallow: /feeds/\n")

func handleRobots(c echo.Context) error {
	return c.Blob(http.StatusOK, "text/plain; charset=utf-8", robots)
}

func (s *Server) handleHealth(c echo.Context) error {
	if err := s.app.Ping(c.Request().Context()); err != nil {
		return err
	}
	return c.String(http.StatusOK, "ok")
}
