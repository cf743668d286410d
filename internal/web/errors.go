package web

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strconv"
	"sync"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/locale"
	"github.com/ruydad/ruydad/views"
)

// errCSRF rejects a state-changing request without a valid token.
var errCSRF = echo.NewHTTPError(http.StatusForbidden, "csrf token missing or invalid")

// errBadRequest marks malformed path or query parameters.
var errBadRequest = errors.New("bad request")

// handleError is the one place an error becomes a page: a status from the
// error's kind and a Persian message. Users never see the error's text;
// server errors are logged.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	if c.Request().Context().Err() != nil {
		// The client is gone, or its connection timed out (a body sent
		// too slowly, cut off by the server's read timeout): nothing went
		// wrong in the server, and no page would reach anyone.
		s.log.Debug("request dropped", "method", c.Request().Method, "path", c.Request().URL.Path, "err", err)
		c.Response().Header().Set(echo.HeaderConnection, "close")
		c.NoContent(http.StatusRequestTimeout)
		return
	}
	status := http.StatusInternalServerError
	var he *echo.HTTPError
	var verr domain.ValidationError
	switch {
	case errors.As(err, &he):
		status = he.Code
	case errors.Is(err, domain.ErrNotFound):
		status = http.StatusNotFound
	case errors.Is(err, domain.ErrGone):
		status = http.StatusGone
	case errors.Is(err, errBadRequest):
		status = http.StatusBadRequest
	case errors.As(err, &verr):
		status = http.StatusUnprocessableEntity
	case errors.Is(err, context.Canceled):
		return
	}
	if status >= 500 {
		s.log.Error("request failed", "method", c.Request().Method, "path", logPath(c.Request()), "err", err)
		if s.app.Failed(err) {
			s.log.Error("the database file is damaged, and /healthz now says so: stop the server and restore the latest backup "+
				"(ruydad restore --db FILE BACKUP); 'ruydad check --db FILE' lists the damage", "err", err)
		}
	}
	var gone *domain.GoneError
	if errors.As(err, &gone) {
		if err := s.renderGone(c, gone.Deleted); err != nil {
			s.log.Error("render gone page", "err", err)
		}
		return
	}
	text, ok := locale.ErrorPage(status)
	if errors.Is(err, errRole) {
		text = locale.RoleRefused
	}
	if !ok {
		text, _ = locale.ErrorPage(http.StatusInternalServerError)
		if status < 500 {
			text, _ = locale.ErrorPage(http.StatusBadRequest)
		}
	}
	v := views.ErrorView{Page: s.page(c, text.Heading, ""), Status: status, Heading: text.Heading, Message: text.Message}
	if err := s.render(c, status, views.ErrorPage(v)); err != nil {
		s.log.Error("render error page", "err", err)
		serverError, _ := locale.ErrorPage(http.StatusInternalServerError)
		c.String(http.StatusInternalServerError, serverError.Heading)
	}
}

// render renders comp into a buffer first, so a failed render is a clean
// 500 and not half a page, then writes it in one call with its length.
func (s *Server) render(c echo.Context, status int, comp templ.Component) error {
	return s.renderLeaving(c, status, comp, func() {})
}

// renderLeaving is render, calling leave (a page build's turn: pageBuilds)
// once the page is in its buffer, before it is sent.
func (s *Server) renderLeaving(c echo.Context, status int, comp templ.Component, leave func()) error {
	defer leave()
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer func() {
		if buf.Cap() <= 1<<20 {
			buffers.Put(buf)
		}
	}()
	if err := comp.Render(c.Request().Context(), buf); err != nil {
		return err
	}
	leave()
	c.Response().Header().Set(echo.HeaderContentLength, strconv.Itoa(buf.Len()))
	return c.HTMLBlob(status, buf.Bytes())
}

// buffers are render's page buffers, reused so that a 200 KB page does not
// grow a new one from nothing each time.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// page returns what every page needs.
func (s *Server) page(c echo.Context, title, nav string) views.Page {
	p := s.untokenedPage(c, title, nav)
	p.CSRF = s.formToken(c)
	return p
}

// untokenedPage is page without the CSRF token, for a page with no form
// (see keptLayout).
func (s *Server) untokenedPage(c echo.Context, title, nav string) views.Page {
	p := views.Page{Title: title, Nav: nav}
	if st, ok := c.Request().Context().Value(reqKey{}).(*reqState); ok && st.retry {
		p.Alert = locale.FormExpired
	}
	u, ok := currentUser(c)
	if ok {
		p.User, p.Admin, p.Writer = u.Name, u.Role == domain.RoleAdmin, writes(c)
	}
	if st, err := s.accountsState(c.Request().Context()); err == nil {
		p.Drafts = st.SeesDrafts(u.Role)
		if st.Admins == 0 {
			p.Setup = views.SetupNoAdmin
			if open, _ := s.setupOpen(c.Request().Context()); open {
				p.Setup = views.SetupFirstRun
			}
		}
	}
	// The one flash mechanism: a redirect after a change names what it did
	// (?done=key) and the page it lands on words it through the catalogue.
	if f := c.QueryParam("done"); f != "" {
		p.Flash = locale.Flash(f)
	}
	return p
}
