package web_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/sqlite"
	"github.com/ruydad/ruydad/internal/web"
)

// damageRowPage writes garbage over the page of the closed database file at
// path that holds the table row with marker in it.
func damageRowPage(t *testing.T, path, marker string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	size := int(binary.BigEndian.Uint16(b[16:18]))
	for off := 0; ; {
		i := bytes.Index(b[off:], []byte(marker))
		if i < 0 {
			t.Fatalf("%q is in no table page of %s", marker, path)
		}
		if page := (off + i) / size; page > 0 && b[page*size] == 0x0D { // a table's leaf page
			garbage := make([]byte, size)
			r := rand.New(rand.NewPCG(1, 2))
			for j := range garbage {
				garbage[j] = byte(r.IntN(256))
			}
			if err := os.WriteFile(path, append(append(b[:page*size:page*size], garbage...), b[(page+1)*size:]...), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		off += i + len(marker)
	}
}

// TestHealthReportsDamage: a server over a database file with a damaged
// page (opened unchecked, as if the damage came after the start) answers
// /healthz 200 "ok" until a request meets the damage; that request is a
// 500, and from then on /healthz answers 503 and says the database is
// damaged.
func TestHealthReportsDamage(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "damaged.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	const marker = "damaged-page-marker@ruydad.test"
	evs := make([]domain.Event, 3000)
	for i := range evs {
		d := jalali.MustNew(1403, 1, 1).AddDays(i % 300)
		evs[i] = domain.Event{UID: sqlite.NewUID(), Title: "نشست خبری " + jalali.FaNum(i), Kind: domain.KindMeeting,
			Start: d, End: d, Description: strings.Repeat("شرح برنامه ", 20)}
	}
	evs[1500].UID = marker
	if _, err := uc(db).ImportEvents(ctx, evs); err != nil {
		t.Fatal(err)
	}
	db.Close()
	damageRowPage(t, path, marker)
	if db, err = sqlite.Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	srv := httptest.NewServer(web.New(uc(db), web.Config{Logger: discardLogger()}))
	defer srv.Close()
	get := func(path string) (int, string) {
		t.Helper()
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if status, body := get("/healthz"); status != http.StatusOK || body != "ok" {
		t.Fatalf("/healthz before the damage is met: %d %q", status, body)
	}
	if status, _ := get("/calendar.ics"); status != http.StatusInternalServerError {
		t.Fatalf("the feed through a damaged page: %d, want 500", status)
	}
	status, body := get("/healthz")
	if status != http.StatusServiceUnavailable || !strings.Contains(body, "damaged") || len(body) > 100 {
		t.Errorf("/healthz once the damage is met: %d %q, want 503 and a short line saying damaged", status, body)
	}
}
