package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/locale"
	"github.com/ruydad/ruydad/views"
)

func (s *Server) handleLoginPage(c echo.Context) error {
	return s.renderLogin(c, http.StatusOK, "", "")
}

// loginForm is the sign-in form as sent.
type loginForm struct{ username, password string }

// readLoginForm reads the sign-in form, the name trimmed.
func readLoginForm(c echo.Context) loginForm {
	return loginForm{username: strings.TrimSpace(c.FormValue("username")), password: c.FormValue("password")}
}

// handleLogin signs a user in: a new session (the old one, if any, ends),
// then 303 to where they were going. A name longer than any account's is
// refused before anything else; then the login guard reserves the attempt
// (or says how long to wait) before the password is compared.
func (s *Server) handleLogin(c echo.Context) error {
	f := readLoginForm(c)
	name, password := f.username, f.password
	if len(name) > 4*maxLoginName || utf8.RuneCountInString(name) > maxLoginName {
		return s.renderLogin(c, http.StatusUnauthorized, "", locale.LoginRefused)
	}
	attempt, wait := s.logins.begin(name, c.RealIP())
	if attempt == nil {
		secs := int((wait + time.Second - 1) / time.Second)
		c.Response().Header().Set("Retry-After", strconv.Itoa(secs))
		return s.renderLogin(c, http.StatusTooManyRequests, name, locale.LoginWait(secs))
	}
	ctx := c.Request().Context()
	u, err := s.app.Authenticate(ctx, name, password)
	if errors.Is(err, domain.ErrBadCredentials) {
		attempt.failed()
		return s.renderLogin(c, http.StatusUnauthorized, name, locale.LoginRefused)
	}
	if err != nil {
		attempt.undone()
		return err
	}
	attempt.succeeded()
	if ck, err := c.Cookie(sessionCookie); err == nil && ck.Value != "" {
		if err := s.app.DeleteSession(ctx, ck.Value); err != nil {
			return err
		}
	}
	token, err := s.app.CreateSession(ctx, u.ID)
	if err != nil {
		return err
	}
	s.setSessionCookie(c, token)
	if err := s.rotateCSRF(c, token); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, safeNext(c.FormValue("next")))
}

func (s *Server) handleLogout(c echo.Context) error {
	if ck, err := c.Cookie(sessionCookie); err == nil && ck.Value != "" {
		if err := s.app.DeleteSession(c.Request().Context(), ck.Value); err != nil {
			return err
		}
	}
	s.clearSessionCookie(c) // and with the session go its CSRF tokens
	return c.Redirect(http.StatusSeeOther, views.HomeURL)
}

func (s *Server) renderLogin(c echo.Context, status int, name, problem string) error {
	v := views.LoginView{Username: name, Error: problem, Next: safeNext(c.FormValue("next"))}
	if c.Request().Method == http.MethodGet {
		v.Next = safeNext(c.QueryParam("next"))
	}
	v.Page = s.page(c, "ورود", "login")
	return s.render(c, status, views.LoginPage(v))
}
