package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/views"
)

// Session lifetimes: a session ends after sessionIdle without a request,
// and in any case sessionMaxAge after login.
const (
	sessionCookie = "ruydad_session"
	sessionIdle   = 12 * time.Hour
	sessionMaxAge = 30 * 24 * time.Hour
)

var (
	errLoginNeeded = echo.NewHTTPError(http.StatusUnauthorized, "login needed")
	errRole        = echo.NewHTTPError(http.StatusForbidden, "role does not allow this")
)

type userKey struct{}

// loadSession puts the user of a live session cookie into the request.
func (s *Server) loadSession(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		ck, err := c.Cookie(sessionCookie)
		if err != nil || ck.Value == "" {
			return next(c)
		}
		r := c.Request()
		u, err := s.app.SessionUser(r.Context(), ck.Value, sessionIdle, sessionMaxAge)
		switch {
		case errors.Is(err, domain.ErrNotFound):
			s.clearSessionCookie(c)
		case err != nil:
			return err
		default:
			c.SetRequest(r.WithContext(context.WithValue(r.Context(), userKey{}, u)))
		}
		return next(c)
	}
}

// currentUser returns the signed-in user, if any.
func currentUser(c echo.Context) (domain.User, bool) {
	u, ok := c.Request().Context().Value(userKey{}).(domain.User)
	return u, ok
}

// openMode reports whether no account exists yet: then anyone may write,
// as on a fresh install, until the first account (ruydad user add) locks
// writing to editors.
// The answer is kept for the data version it was counted at, which any new
// or deleted account moves.
func (s *Server) openMode(ctx context.Context) (bool, error) {
	v, err := s.dataVersion(ctx)
	if err != nil {
		return false, err
	}
	if kept := s.open.Load(); kept != nil && kept.version == v.n {
		return kept.open, nil
	}
	n, err := s.app.CountUsers(ctx)
	if err != nil {
		return false, err
	}
	s.open.Store(&openState{version: v.n, open: n == 0})
	return n == 0, nil
}

// openState is openMode's answer at a data version.
type openState struct {
	version int64
	open    bool
}

// require lets a request through only for a user whose role allows need
// (or anyone in open mode). A page asks for a login; a form post gets 401.
func (s *Server) require(need domain.Role) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if u, ok := currentUser(c); ok {
				if u.Role.Allows(need) {
					return next(c)
				}
				return errRole
			}
			open, err := s.openMode(c.Request().Context())
			if err != nil {
				return err
			}
			if open && need == domain.RoleEditor {
				return next(c)
			}
			return s.askLogin(c)
		}
	}
}

// requireCalendarAdmin guards the Hijri month corrections: an admin's
// work, or anyone's while no account exists (open mode, like every other
// edit of a fresh install).
func (s *Server) requireCalendarAdmin(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		ok, err := s.mayCorrectCalendar(c)
		if err != nil {
			return err
		}
		if ok {
			return next(c)
		}
		if _, in := currentUser(c); in {
			return errRole
		}
		return s.askLogin(c)
	}
}

// mayCorrectCalendar reports whether the request may set Hijri month
// starts (see requireCalendarAdmin).
func (s *Server) mayCorrectCalendar(c echo.Context) (bool, error) {
	if u, ok := currentUser(c); ok {
		return u.Role.Allows(domain.RoleAdmin), nil
	}
	return s.openMode(c.Request().Context())
}

// askLogin sends a reader to the login page (back here afterwards) or
// refuses a write.
func (s *Server) askLogin(c echo.Context) error {
	r := c.Request()
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return c.Redirect(http.StatusSeeOther, views.LoginNextURL(r.URL.RequestURI()))
	}
	return errLoginNeeded
}

// reader lets anyone through, or, when the calendar is private, only a
// signed-in user: a page asks for a login, a calendar app asking for a
// feed (.ics) gets a 401, having no login page to follow. The routes open
// even on a private calendar (what signing in needs, the secret per-user
// feeds…) go without it: see routes.
func (s *Server) reader(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if !s.private {
			return next(c)
		}
		if _, ok := currentUser(c); ok {
			return next(c)
		}
		if strings.HasSuffix(c.Request().URL.Path, ".ics") {
			return errLoginNeeded
		}
		return s.askLogin(c)
	}
}

func (s *Server) setSessionCookie(c echo.Context, token string) {
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: s.secure || c.IsTLS(), MaxAge: int(sessionMaxAge / time.Second)})
}

func (s *Server) clearSessionCookie(c echo.Context) {
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: s.secure || c.IsTLS(), MaxAge: -1})
}

// safeNext keeps a post-login redirect on this site: next must be a path
// on this origin, as a browser reads a Location header (the WHATWG URL
// rules): it removes every tab and newline ("/\t/evil.example" becomes
// "//evil.example", another host) and reads "\" as "/" ("/\evil.example").
// So next must start with one "/" not followed by "/" or "\", hold no
// control character or "\" at all, and parse with no scheme and no host;
// anything else leads home.
func safeNext(next string) string {
	if len(next) == 0 || next[0] != '/' || len(next) > 1 && (next[1] == '/' || next[1] == '\\') {
		return "/"
	}
	for _, r := range next {
		if r < 0x20 || r == 0x7f || r == '\\' {
			return "/"
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return "/"
	}
	return next
}
