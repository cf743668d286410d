package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/sqlite"
)

// TestForgedHostKeepsNoOtherBody: month and year pages are kept once
// whatever Host the requests name, so a client cannot fill the kept bodies
// by naming new hosts, nor get a body made for another host.
func TestForgedHostKeepsNoOtherBody(t *testing.T) {
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "host.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Date(2024, 5, 9, 10, 0, 0, 0, time.UTC)
	s, e := newServer(app.Over(db, app.Options{}), Config{BaseURL: "https://cal.example.ir/", Now: func() time.Time { return now },
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	for _, host := range []string{"cal.example.ir", "evil.example", "evil.example:8443", "127.0.0.1:8080"} {
		for _, path := range []string{"/calendar/1403/2", "/calendar/1403"} {
			r := httptest.NewRequest(http.MethodGet, path, nil)
			r.Host = host
			w := httptest.NewRecorder()
			e.ServeHTTP(w, r)
			if w.Code != http.StatusOK || strings.Contains(w.Body.String(), "evil") ||
				!strings.Contains(w.Body.String(), "webcal://cal.example.ir/calendar.ics") {
				t.Errorf("%s with Host %s: %d, or the subscribe link does not name the base URL", path, host, w.Code)
			}
		}
	}
	s.kept.mu.Lock()
	defer s.kept.mu.Unlock()
	if n := len(s.kept.bodies); n != 2 {
		keys := make([]string, 0, n)
		for k := range s.kept.bodies {
			keys = append(keys, k)
		}
		t.Errorf("%d kept bodies for one month and one year asked under 4 hosts, want 2: %q", n, keys)
	}
}
