package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/views"
)

// routes lists every route, one a line.
func (s *Server) routes(e *echo.Echo) {
	e.Use(s.logRequests, s.recoverPanics, securityHeaders, s.csrf, s.loadSession, s.privateCalendar)
	editor, admin := s.require(domain.RoleEditor), s.require(domain.RoleAdmin)

	e.GET("/", s.handleRoot)
	e.GET("/login", s.handleLoginPage)
	e.POST("/login", s.handleLogin)
	e.POST("/logout", s.handleLogout)
	e.GET("/account", s.handleAccount, s.require(domain.RoleViewer))
	e.POST("/account/feed", s.handleResetMyFeed, s.require(domain.RoleViewer))
	e.GET("/users", s.handleUsers, admin)
	e.POST("/users", s.handleCreateUser, admin)
	e.POST("/users/:id/role", s.handleSetRole, admin)
	e.POST("/users/:id/delete", s.handleDeleteUser, admin)
	e.GET("/healthz", s.handleHealth)
	e.GET("/robots.txt", handleRobots)
	e.GET("/static/*", echo.WrapHandler(staticHandler(views.Static)))

	e.GET("/calendar", s.handleJump)
	e.GET("/calendar/:year", s.handleYear)
	e.GET("/calendar/:year/:month", s.handleMonth)
	e.GET("/calendar/:year/:month/:day", s.handleDay)
	e.GET("/agenda", s.handleAgenda)
	e.GET("/search", s.handleSearch)
	e.GET("/picker", s.handlePicker)
	e.GET("/picker/:year/:month", s.handlePicker)

	e.GET("/calendar.ics", s.handleFeed)
	e.GET("/feeds/:token/calendar.ics", s.handleUserFeed)
	e.GET("/events/new", s.handleNewEvent, editor)
	e.POST("/events", s.handleCreateEvent, editor)
	e.GET("/events/:id", s.handleEvent) // and /events/{id}.ics: handleEventFeed
	e.GET("/events/:id/edit", s.handleEditEvent, editor)
	e.POST("/events/:id", s.handleUpdateEvent, editor)
	e.POST("/events/:id/delete", s.handleDeleteEvent, editor)

	e.GET("/articles", s.handleArticles)
	e.GET("/articles/new", s.handleNewArticle, editor)
	e.POST("/articles", s.handleCreateArticle, editor)
	e.GET("/articles/:id", s.handleArticle)
	e.GET("/review", s.handleReview)
	e.POST("/review", s.handleReviewAction, editor)

	e.GET("/import", s.handleImportPage, editor)
	e.POST("/import", s.handleImportICS, editor)

	e.GET("/occasions", s.handleOccasions)
	e.GET("/occasions/new", s.handleNewOccasion, editor)
	e.POST("/occasions", s.handleCreateOccasion, editor)
	e.GET("/occasions/:id/edit", s.handleEditOccasion, editor)
	e.POST("/occasions/:id", s.handleUpdateOccasion, editor)
	e.POST("/occasions/:id/delete", s.handleDeleteOccasion, editor)
}

// robots is the whole of /robots.txt: the calendar is public reading, but
// its forms, feeds and search are no use to crawlers. It is also the
// trivial handler 'ruydad bench' measures as the ceiling.
var robots = []byte("User-agent: *\nDisallow: /events/new\nDisallow: /articles/new\nDisallow: /search\nDisallow: /picker\nDisallow: /feeds/\n")

func handleRobots(c echo.Context) error {
	return c.Blob(http.StatusOK, "text/plain; charset=utf-8", robots)
}

func (s *Server) handleHealth(c echo.Context) error {
	if err := s.store.Ping(c.Request().Context()); err != nil {
		return err
	}
	return c.String(http.StatusOK, "ok")
}
