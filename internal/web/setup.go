package web

import (
	"context"
	"crypto/subtle"
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/locale"
	"github.com/ruydad/ruydad/views"
)

// The first run. A fresh install has no account, and nobody may write
// until it has an administrator. The server prints a one-time setup token
// (and a /setup link holding it) on its console at start; whoever holds it
// creates the first administrator at /setup, and is signed in as them. The
// page is there only while no account has ever existed, the server was
// given a token and it has not made an administrator yet: otherwise /setup
// is not found, and an administrator comes from 'ruydad user add'.

// setupOpen reports whether /setup may make the first administrator.
func (s *Server) setupOpen(ctx context.Context) (bool, error) {
	if s.setupToken == "" || s.setupUsed.Load() {
		return false, nil
	}
	st, err := s.accountsState(ctx)
	return st.FirstRun(), err
}

// setupForm is the setup form as sent.
type setupForm struct{ username, password, token string }

func readSetupForm(c echo.Context) setupForm {
	return setupForm{username: strings.TrimSpace(c.FormValue("username")), password: c.FormValue("password"),
		token: strings.TrimSpace(c.FormValue("token"))}
}

// values returns the form as its view shows it again: without the password.
func (f setupForm) values() map[string]string {
	return map[string]string{"username": f.username, "token": f.token}
}

// handleSetupPage shows the setup form, the token filled in from the link
// the server printed (?token=).
func (s *Server) handleSetupPage(c echo.Context) error {
	open, err := s.setupOpen(c.Request().Context())
	if err != nil {
		return err
	}
	if !open {
		return echo.ErrNotFound
	}
	return s.renderSetup(c, http.StatusOK, setupForm{token: c.QueryParam("token")}, nil)
}

// handleSetup makes the first administrator, for the holder of the setup
// token, and signs them in.
func (s *Server) handleSetup(c echo.Context) error {
	ctx := c.Request().Context()
	open, err := s.setupOpen(ctx)
	if err != nil {
		return err
	}
	if !open {
		return echo.ErrNotFound
	}
	f := readSetupForm(c)
	if subtle.ConstantTimeCompare([]byte(f.token), []byte(s.setupToken)) != 1 {
		return s.renderSetup(c, http.StatusForbidden, f, map[string]string{"token": locale.SetupTokenWrong})
	}
	u, err := s.app.CreateFirstAdmin(ctx, f.username, f.password)
	var verr domain.ValidationError
	switch {
	case errors.As(err, &verr):
		return s.renderSetup(c, http.StatusUnprocessableEntity, f, userInputs.messages(verr))
	case errors.Is(err, domain.ErrSetupDone): // someone was quicker
		s.setupUsed.Store(true)
		return c.Redirect(http.StatusSeeOther, views.LoginURL)
	case err != nil:
		return err
	}
	s.setupUsed.Store(true)
	s.log.Info("the first administrator was made at /setup", "name", u.Name)
	token, err := s.app.CreateSession(ctx, u.ID)
	if err != nil {
		return err
	}
	s.setSessionCookie(c, token)
	if err := s.rotateCSRF(c, token); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, views.UsersURL+"?done=setup")
}

// setupFormAgain shows the setup form again, as typed, after a failed CSRF
// check.
func (s *Server) setupFormAgain(c echo.Context) error {
	open, err := s.setupOpen(c.Request().Context())
	if err != nil {
		return err
	}
	if !open {
		return echo.ErrNotFound
	}
	return s.renderSetup(c, http.StatusForbidden, readSetupForm(c), nil)
}

func (s *Server) renderSetup(c echo.Context, status int, f setupForm, errs map[string]string) error {
	v := views.SetupView{Values: f.values(), Errors: errs}
	v.Page = s.page(c, "راه‌اندازی", "")
	v.Setup = "" // the page is what the notice points to
	return s.render(c, status, views.SetupPage(v))
}
