package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/app"
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

// loadSession puts the user of a live session cookie into the request. A
// request whose Cookie header does not name the session cookie (every
// visitor not signed in) has its cookies left unparsed.
func (s *Server) loadSession(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if !namesCookie(c.Request(), sessionCookie) {
			return next(c)
		}
		ck, err := c.Cookie(sessionCookie)
		if err != nil || ck.Value == "" {
			return next(c)
		}
		r := c.Request()
		u, err := s.app.SessionUser(r.Context(), ck.Value, sessionIdle, sessionMaxAge)
		switch {
		case errors.Is(err, domain.ErrNotFound):
			if !feedRequest(r) { // see feedRequest
				s.clearSessionCookie(c)
			}
		case err != nil:
			return err
		default:
			c.SetRequest(r.WithContext(context.WithValue(r.Context(), userKey{}, u)))
		}
		return next(c)
	}
}

// namesCookie reports whether any Cookie header of r holds name: without
// it, r has no cookie of that name.
func namesCookie(r *http.Request, name string) bool {
	for _, line := range r.Header["Cookie"] {
		if strings.Contains(line, name) {
			return true
		}
	}
	return false
}

// currentUser returns the signed-in user, if any.
func currentUser(c echo.Context) (domain.User, bool) {
	u, ok := c.Request().Context().Value(userKey{}).(domain.User)
	return u, ok
}

// accountsState returns where the accounts stand (app.AccountsState:
// how many administrators, whether an account has ever existed), for the
// pages' first-run notice and /setup. It is kept for the data version it
// was read at, which adding or deleting an account or changing a role
// moves.
func (s *Server) accountsState(ctx context.Context) (app.AccountsState, error) {
	v, err := s.dataVersion(ctx)
	if err != nil {
		return app.AccountsState{}, err
	}
	if kept := s.accounts.Load(); kept != nil && kept.version == v.n {
		return kept.state, nil
	}
	// One request reads it for a new version; the others wait for it
	// rather than all read it at once after every write.
	s.accountsMu.Lock()
	defer s.accountsMu.Unlock()
	if kept := s.accounts.Load(); kept != nil && kept.version == v.n {
		return kept.state, nil
	}
	st, err := s.app.AccountsState(ctx)
	if err != nil {
		return st, err
	}
	s.accounts.Store(&accountsReading{version: v.n, state: st})
	return st, nil
}

// accountsReading is accountsState's answer at a data version.
type accountsReading struct {
	version int64
	state   app.AccountsState
}

// require lets a request through only for a signed-in user whose role
// allows need. Nobody else writes, ever: not on a fresh install (its first
// administrator is made at /setup, with the token the server printed), not
// after every account was deleted. A page asks for a login; a form post
// gets 401.
func (s *Server) require(need domain.Role) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if u, ok := currentUser(c); ok {
				if u.Role.Allows(need) {
					return next(c)
				}
				return errRole
			}
			return s.askLogin(c)
		}
	}
}

// drafts reports whether the request may see the drafts: proposed and
// rejected events, articles, the review queue (app.AccountsState's
// SeesDrafts). When where the accounts stand cannot be read, it may not.
func (s *Server) drafts(c echo.Context) bool {
	st, err := s.accountsState(c.Request().Context())
	if err != nil {
		s.log.Error("read the accounts' state", "err", err)
		return false
	}
	u, _ := currentUser(c)
	return st.SeesDrafts(u.Role)
}

// writes reports whether the request is an editor's or an administrator's,
// who may write: the links to forms are shown to them only.
func writes(c echo.Context) bool {
	u, _ := currentUser(c)
	return u.Role.Allows(domain.RoleEditor)
}

// draftReader lets through a request that may see the drafts; anyone
// else is asked to sign in (a page) or refused, as require does.
func (s *Server) draftReader(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if s.drafts(c) {
			return next(c)
		}
		if _, ok := currentUser(c); ok {
			return errRole
		}
		return s.askLogin(c)
	}
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
