package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/domain"
)

// csrfRetry returns, for a post that failed the CSRF check, the handler
// that shows the same form again with what was typed, a fresh token and
// locale.FormExpired, status 403; nil for posts with nothing typed worth
// keeping, which get the 403 page. Nothing is stored either way; the role
// the form needs is still checked.
func (s *Server) csrfRetry(c echo.Context) echo.HandlerFunc {
	if st, ok := c.Request().Context().Value(reqKey{}).(*reqState); ok {
		st.retry = true
	}
	editor := s.require(domain.RoleEditor)
	id, err := strconv.ParseInt(c.Param("id"), 10, 64) // 0: a new record
	if err != nil || id < 0 {
		id = 0
	}
	switch c.Path() {
	case "/events", "/events/:id":
		return editor(func(c echo.Context) error {
			e := domain.Event{ID: id}
			if id != 0 {
				// For the sentence an "edit, then confirm" form shows; the form
				// itself comes back as typed.
				if stored, err := s.app.Event(c.Request().Context(), id); err == nil {
					e = stored
				}
			}
			return s.renderEventForm(c, http.StatusForbidden, readEventForm(c), nil, e)
		})
	case "/articles":
		return editor(func(c echo.Context) error {
			return s.renderArticleForm(c, http.StatusForbidden, readArticleForm(c), nil)
		})
	case "/occasions", "/occasions/:id":
		return editor(func(c echo.Context) error {
			return s.renderOccasionForm(c, http.StatusForbidden, readOccasionForm(c), nil, id)
		})
	case "/login":
		return func(c echo.Context) error {
			return s.renderLogin(c, http.StatusForbidden, c.FormValue("username"), "")
		}
	}
	return nil
}
