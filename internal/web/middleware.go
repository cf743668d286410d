package web

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/persian"
)

// logRequests logs every request with log/slog. The record goes to the
// logger's handler straight, as Logger.LogAttrs would send it but without
// the caller's program counter, which Logger looks up on every record
// (a walk up the stack) for a source the request line never shows.
func (s *Server) logRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err) // write the error page now so the status below is the real one
		}
		r := c.Request()
		h := s.log.Handler()
		if !h.Enabled(r.Context(), slog.LevelInfo) {
			return nil
		}
		end := time.Now()
		rec := slog.NewRecord(end, slog.LevelInfo, "request", 0)
		rec.AddAttrs(slog.String("method", r.Method), slog.String("path", logPath(r)),
			slog.Int("status", c.Response().Status), slog.Duration("took", end.Sub(start)))
		_ = h.Handle(r.Context(), rec) // as Logger does, a log that fails is not the request's failure
		return nil
	}
}

// logPath is a request's path as the log shows it: without the secret of
// a private feed URL (/feeds/{token}/calendar.ics), which would otherwise
// open that user's calendar to whoever reads the log. Queries are never
// logged (a setup link's token is one).
func logPath(r *http.Request) string {
	rest, ok := strings.CutPrefix(r.URL.Path, "/feeds/")
	if !ok {
		return r.URL.Path
	}
	_, after, found := strings.Cut(rest, "/")
	if !found {
		return "/feeds/[secret]"
	}
	return "/feeds/[secret]/" + after
}

// recoverPanics turns a panic in a handler into a 500 page and a log line.
func (s *Server) recoverPanics(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("panic: %v", r)
			}
		}()
		return next(c)
	}
}

// securityHeaders sets the headers every response carries. Pages use no
// script and no inline style, so the policy can be strict. The values are
// made once and shared by every response (a header is replaced, never
// written into, by Set and by Add, which appends to a copy: each has room
// for one value only).
func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h["Content-Security-Policy"] = cspHeader
		h["X-Content-Type-Options"] = nosniffHeader
		h["Referrer-Policy"] = referrerHeader
		h["X-Frame-Options"] = frameHeader
		return next(c)
	}
}

var (
	cspHeader = []string{"default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self' data:; script-src 'self'; " +
		"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"}
	nosniffHeader  = []string{"nosniff"}
	referrerHeader = []string{"same-origin"}
	frameHeader    = []string{"DENY"}
)

// cleanQuery replaces any byte that is not UTF-8 in every query parameter
// by U+FFFD. No browser sends such bytes, but the .ics and JSON writers
// would replace them anyway and the .ics reader refuses them: a record
// stored with them would not survive an export and import. It is done
// here once, for every request; readForm does the same for the fields of
// every form post.
func cleanQuery(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if !utf8.ValidString(r.URL.RawQuery) || strings.Contains(r.URL.RawQuery, "%") {
			if q := r.URL.Query(); validUTF8(q) {
				r.URL.RawQuery = q.Encode()
			}
		}
		return next(c)
	}
}

// validUTF8 replaces invalid UTF-8 in every value of v and reports whether
// it changed any.
func validUTF8(v map[string][]string) bool {
	changed := false
	for k, vals := range v {
		for i, s := range vals {
			if !utf8.ValidString(s) {
				vals[i], changed = strings.ToValidUTF8(s, "\uFFFD"), true
			}
		}
		if !utf8.ValidString(k) {
			delete(v, k)
			changed = true
		}
	}
	return changed
}

// reqKey keys the request's own state in its context.
type reqKey struct{}

// reqState is what one request learns once and reads again: its CSRF token
// (made when first asked, from the browser id and session it names),
// whether it is a form shown again after a failed CSRF check and, once
// asked, the data version.
type reqState struct {
	csrfID, session string
	csrf            string
	retry           bool
	version         dataVersion
	versionRead     bool
}

// token returns the request's CSRF token, made on first use: most
// answers (a kept page to a visitor not signed in, a feed, a static file)
// carry no form.
func (s *Server) token(st *reqState) string {
	if st.csrf == "" {
		st.csrf = s.csrfToken(st.csrfID, st.session)
	}
	return st.csrf
}

// dataVersion is a reading of the store's data version.
type dataVersion struct {
	n       int64
	changed time.Time
}

const csrfCookie = "_csrf"

// csrf gives every response a CSRF token. The browser's HttpOnly _csrf
// cookie holds a random id of its own (set here when it has none, but
// for an .ics: see feedRequest); the
// token every form carries in its hidden _csrf field is an HMAC, under a
// key only this server process knows, of that id and the session's token
// (none for a visitor who is not signed in). readForm checks that every
// form post brings the token of its cookie and session: a cookie a third
// party managed to set (a sibling subdomain, a network attacker on plain
// HTTP) gives it nothing, since it cannot make the matching token. A
// login gives the browser a new id as well as a new session (rotateCSRF);
// a logout ends the session, and with it every token made for it.
func (s *Server) csrf(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		id := csrfCookieToken(r)
		if id == "" && !feedRequest(r) {
			var err error
			if id, err = s.newCSRFCookie(c); err != nil {
				return err
			}
		}
		c.SetRequest(r.WithContext(context.WithValue(r.Context(), reqKey{}, &reqState{csrfID: id, session: csrfSession(c)})))
		return next(c)
	}
}

// newCSRFCookie sets a new random browser id in the _csrf cookie and
// returns it.
func (s *Server) newCSRFCookie(c echo.Context) (string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	id := base64.RawURLEncoding.EncodeToString(b[:])
	c.SetCookie(&http.Cookie{Name: csrfCookie, Value: id, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.secure || c.IsTLS(), MaxAge: 7 * 24 * 3600})
	return id, nil
}

// csrfSession returns the session a request's CSRF token is made for: its
// session cookie's when it is signed in, else none.
func csrfSession(c echo.Context) string {
	if _, ok := currentUser(c); ok {
		if ck, err := c.Cookie(sessionCookie); err == nil {
			return ck.Value
		}
	}
	return ""
}

// csrfToken is the HMAC-SHA256 of a browser id and a session token.
func (s *Server) csrfToken(id, session string) string {
	m := hmac.New(sha256.New, s.csrfKey)
	m.Write([]byte("ruydad csrf\x00"))
	m.Write([]byte(id))
	m.Write([]byte{0})
	m.Write([]byte(session))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// rotateCSRF gives the browser a new id and the request the token of it
// in session, at a login.
func (s *Server) rotateCSRF(c echo.Context, session string) error {
	id, err := s.newCSRFCookie(c)
	if err != nil {
		return err
	}
	if st, ok := c.Request().Context().Value(reqKey{}).(*reqState); ok {
		st.csrfID, st.session, st.csrf = id, session, s.csrfToken(id, session)
	}
	return nil
}

// csrfCookieToken returns the browser id in the request's CSRF cookie, or "".
func csrfCookieToken(r *http.Request) string {
	if ck, err := r.Cookie(csrfCookie); err == nil && len(ck.Value) >= 32 {
		return ck.Value
	}
	return ""
}

// formPost is a form post's policy (routes gives each its own): the most
// its body may hold, and what it answers when its CSRF token fails: its
// form again, as typed (again, from retry.go), or the 403 page (again nil).
type formPost struct {
	limit int64
	again echo.HandlerFunc
}

// readForm reads the body of a form post within p.limit, with every field
// made valid UTF-8 (see cleanQuery), then checks its CSRF token: the _csrf
// field must be the token of the request's cookie and session (see csrf). A post that fails is answered by p.again
// through who, the route's own access check, or by the 403 page; either
// way nothing is stored. GET and HEAD bring no form.
func (s *Server) readForm(p formPost, who echo.MiddlewareFunc) echo.MiddlewareFunc {
	again := echo.HandlerFunc(nil)
	if p.again != nil {
		again = who(p.again)
	}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			r := c.Request()
			if r.Method == http.MethodGet || r.Method == http.MethodHead {
				return next(c)
			}
			if err := parseForm(c.Response(), r, p.limit); err != nil {
				return err
			}
			st, _ := r.Context().Value(reqKey{}).(*reqState)
			sent := r.FormValue("_csrf")
			if st != nil && csrfCookieToken(r) != "" && sent != "" && hmac.Equal([]byte(s.token(st)), []byte(sent)) {
				return next(c)
			}
			if st != nil {
				st.retry = true
			}
			if again == nil {
				return errCSRF
			}
			return again(c)
		}
	}
}

// parseForm reads a request body within limit (too large is a 413, a
// Persian page; malformed a 400) and replaces invalid UTF-8 in its fields.
func parseForm(w http.ResponseWriter, r *http.Request, limit int64) error {
	if r.ContentLength > limit {
		return echo.ErrStatusRequestEntityTooLarge
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	var err error
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		err = r.ParseMultipartForm(1 << 20)
	} else {
		err = r.ParseForm()
	}
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return echo.ErrStatusRequestEntityTooLarge
	case err != nil:
		return fmt.Errorf("%w: form: %w", errBadRequest, err)
	}
	for _, v := range []map[string][]string{r.Form, r.PostForm} {
		validUTF8(v)
		stripControls(v)
	}
	if r.MultipartForm != nil {
		validUTF8(r.MultipartForm.Value)
		stripControls(r.MultipartForm.Value)
	}
	return nil
}

// stripControls drops NUL, the other control characters and the bidi
// embeddings, overrides and isolates from every text a form sends
// (persian.StripControls), so that none is stored or shown; passwords are
// taken as typed.
func stripControls(v map[string][]string) {
	for k, vals := range v {
		if strings.Contains(k, "password") {
			continue
		}
		for i, s := range vals {
			vals[i] = persian.StripControls(s)
		}
	}
}

// formToken returns the request's CSRF token for forms.
func (s *Server) formToken(c echo.Context) string {
	if st, ok := c.Request().Context().Value(reqKey{}).(*reqState); ok {
		return s.token(st)
	}
	return ""
}

// staticHandler serves the embedded stylesheet and fonts.
func staticHandler(fsys fs.FS) http.Handler {
	sub, err := fs.Sub(fsys, "static")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder
	}
	files := http.StripPrefix("/static/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		if strings.HasSuffix(r.URL.Path, ".webmanifest") {
			// Not in Go's table of types, nor in every system's.
			w.Header().Set("Content-Type", "application/manifest+json")
		}
		files.ServeHTTP(w, r)
	})
}
