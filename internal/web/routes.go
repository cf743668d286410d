package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/views"
)

// routes lists every route, one a line.
func (s *Server) routes(e *echo.Echo) {
	e.Use(s.logRequests, s.recoverPanics, securityHeaders, s.csrf)

	e.GET("/", s.handleRoot)
	e.GET("/healthz", s.handleHealth)
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
	e.GET("/events/new", s.handleNewEvent)
	e.POST("/events", s.handleCreateEvent)
	e.GET("/events/:id", s.handleEvent) // and /events/{id}.ics: handleEventFeed
	e.GET("/events/:id/edit", s.handleEditEvent)
	e.POST("/events/:id", s.handleUpdateEvent)
	e.POST("/events/:id/delete", s.handleDeleteEvent)

	e.GET("/articles", s.handleArticles)
	e.GET("/articles/new", s.handleNewArticle)
	e.POST("/articles", s.handleCreateArticle)
	e.GET("/articles/:id", s.handleArticle)
	e.GET("/review", s.handleReview)
	e.POST("/review", s.handleReviewAction)

	e.GET("/import", s.handleImportPage)
	e.POST("/import", s.handleImportICS)

	e.GET("/occasions", s.handleOccasions)
	e.GET("/occasions/new", s.handleNewOccasion)
	e.POST("/occasions", s.handleCreateOccasion)
	e.GET("/occasions/:id/edit", s.handleEditOccasion)
	e.POST("/occasions/:id", s.handleUpdateOccasion)
	e.POST("/occasions/:id/delete", s.handleDeleteOccasion)
}

func (s *Server) handleHealth(c echo.Context) error {
	if err := s.store.Ping(c.Request().Context()); err != nil {
		return err
	}
	return c.String(http.StatusOK, "ok")
}
