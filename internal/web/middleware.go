package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
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
)

// logRequests logs every request with log/slog.
func (s *Server) logRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err) // write the error page now so the status below is the real one
		}
		s.log.LogAttrs(c.Request().Context(), slog.LevelInfo, "request",
			slog.String("method", c.Request().Method), slog.String("path", c.Request().URL.Path),
			slog.Int("status", c.Response().Status), slog.Duration("took", time.Since(start)))
		return nil
	}
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
// script and no inline style, so the policy can be strict.
func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self' data:; script-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		return next(c)
	}
}

// readInput reads what a request brings: the body of a form post within its
// limit, then every form field and query parameter with any byte that is not
// UTF-8 replaced by U+FFFD. No browser sends such bytes, but the .ics and
// JSON writers would replace them anyway and the .ics reader refuses them:
// a record stored with them would not survive an export and import. It is
// done here once, for every field of every form.
func readInput(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if !utf8.ValidString(r.URL.RawQuery) || strings.Contains(r.URL.RawQuery, "%") {
			if q := r.URL.Query(); validUTF8(q) {
				r.URL.RawQuery = q.Encode()
			}
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			if err := parseForm(c.Response(), r); err != nil {
				return err
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

// reqState is what one request learns once and reads again: its CSRF token,
// whether it is a form shown again after a failed CSRF check and, once
// asked, the data version.
type reqState struct {
	csrf    string
	retry   bool
	version *dataVersion
}

// dataVersion is a reading of the store's data version.
type dataVersion struct {
	n       int64
	changed time.Time
}

const csrfCookie = "_csrf"

// csrf is a double-submit token check: every response has a token in an
// HttpOnly cookie, every form carries it in the hidden _csrf field, and every
// request that is not GET or HEAD must bring both, equal.
func (s *Server) csrf(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		token := ""
		if ck, err := r.Cookie(csrfCookie); err == nil && len(ck.Value) >= 32 {
			token = ck.Value
		}
		valid := true
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			sent := r.FormValue("_csrf")
			valid = token != "" && sent != "" && subtle.ConstantTimeCompare([]byte(token), []byte(sent)) == 1
		}
		if token == "" {
			var b [32]byte
			if _, err := rand.Read(b[:]); err != nil {
				return err
			}
			token = base64.RawURLEncoding.EncodeToString(b[:])
			c.SetCookie(&http.Cookie{Name: csrfCookie, Value: token, Path: "/", HttpOnly: true,
				SameSite: http.SameSiteLaxMode, Secure: s.secure, MaxAge: 7 * 24 * 3600})
		}
		c.SetRequest(r.WithContext(context.WithValue(r.Context(), reqKey{}, &reqState{csrf: token})))
		if !valid {
			if retry := s.csrfRetry(c); retry != nil {
				return retry(c)
			}
			return errCSRF
		}
		return next(c)
	}
}

// Body limits: an article may be 2 MB of text, an .ics upload 5 MB, any
// other form far less.
const (
	maxFormBytes    = 256 << 10
	maxArticleBytes = 3 << 20
	maxUploadBytes  = 6 << 20
)

func bodyLimit(path string) int64 {
	switch path {
	case "/articles":
		return maxArticleBytes
	case "/import":
		return maxUploadBytes
	}
	return maxFormBytes
}

// parseForm reads a request body within its limit (too large is a 413, a
// Persian page; malformed a 400) and replaces invalid UTF-8 in its fields.
func parseForm(w http.ResponseWriter, r *http.Request) error {
	limit := bodyLimit(r.URL.Path)
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
		return errBadRequest
	}
	validUTF8(r.Form)
	validUTF8(r.PostForm)
	if r.MultipartForm != nil {
		validUTF8(r.MultipartForm.Value)
	}
	return nil
}

// csrfToken returns the request's CSRF token for forms.
func csrfToken(c echo.Context) string {
	if st, ok := c.Request().Context().Value(reqKey{}).(*reqState); ok {
		return st.csrf
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
		files.ServeHTTP(w, r)
	})
}
