package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/domain"
)

// The handlers below show a form again after its post failed the CSRF
// check: the same form with what was typed, a fresh token and
// locale.FormExpired, status 403. Nothing is stored. routes names each form
// post's own (formPost.again); posts with nothing typed worth keeping get
// the 403 page instead.

// eventFormAgain shows the form of a new event, or of event :id.
func (s *Server) eventFormAgain(c echo.Context) error {
	id := formID(c)
	e := domain.Event{ID: id}
	if id != 0 {
		// For the sentence an "edit, then confirm" form shows; the form
		// itself comes back as typed.
		if stored, err := s.app.Event(c.Request().Context(), id); err == nil {
			e = stored
		}
	}
	return s.renderEventForm(c, http.StatusForbidden, readEventForm(c), nil, e)
}

// articleFormAgain shows the article form.
func (s *Server) articleFormAgain(c echo.Context) error {
	return s.renderArticleForm(c, http.StatusForbidden, readArticleForm(c), nil)
}

// occasionFormAgain shows the form of a new occasion, or of occasion :id.
func (s *Server) occasionFormAgain(c echo.Context) error {
	return s.renderOccasionForm(c, http.StatusForbidden, readOccasionForm(c), nil, formID(c))
}

// loginFormAgain shows the login form with the name typed.
func (s *Server) loginFormAgain(c echo.Context) error {
	return s.renderLogin(c, http.StatusForbidden, c.FormValue("username"), "")
}

// formID is the record a form edits: :id, or 0 for a new one.
func formID(c echo.Context) int64 {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id < 0 {
		return 0
	}
	return id
}
