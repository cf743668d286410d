package web

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/views"
)

var keptDay = jalali.MustNew(1403, 2, 20)

func body(s string) func() ([]byte, error) { return func() ([]byte, error) { return []byte(s), nil } }

func TestKeptBodiesVersionAndDay(t *testing.T) {
	k := newKeptBodies(1 << 20)
	get := func(v int64, day jalali.Date, key string, r func() ([]byte, error)) string {
		t.Helper()
		b, err := k.get(v, day, key, r)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if got := get(1, keptDay, "m", body("one")); got != "one" {
		t.Fatalf("first get %q", got)
	}
	if got := get(1, keptDay, "m", body("other")); got != "one" {
		t.Errorf("same version: rendered again (%q)", got)
	}
	if got := get(2, keptDay, "m", body("two")); got != "two" {
		t.Errorf("new version: %q, want a new render", got)
	}
	// A request that read the version before the last write renders for
	// itself, but its body is not kept over the newer one.
	if got := get(1, keptDay, "m", body("stale")); got != "stale" {
		t.Errorf("older version: %q", got)
	}
	if got := get(2, keptDay, "m", body("x")); got != "two" {
		t.Errorf("after an older reading the kept body is %q, want two", got)
	}
	if got := get(2, keptDay.AddDays(1), "m", body("tomorrow")); got != "tomorrow" {
		t.Errorf("a new day: %q, want a new render", got)
	}
	fail := errors.New("render failed")
	if _, err := k.get(3, keptDay, "m", func() ([]byte, error) { return nil, fail }); !errors.Is(err, fail) {
		t.Errorf("render error: %v", err)
	}
	if got := get(3, keptDay, "m", body("ok")); got != "ok" {
		t.Errorf("after a failed render: %q", got)
	}
}

func TestKeptBodiesBounded(t *testing.T) {
	k := newKeptBodies(1000)
	page := bytes.Repeat([]byte("x"), 300)
	for i := range 20 {
		if _, err := k.get(1, keptDay, strconv.Itoa(i), func() ([]byte, error) { return page, nil }); err != nil {
			t.Fatal(err)
		}
		if k.size > k.limit || k.size != 300*len(k.bodies) {
			t.Fatalf("after %d bodies: %d bytes held in %d bodies, limit %d", i+1, k.size, len(k.bodies), k.limit)
		}
	}
	if len(k.bodies) != 3 {
		t.Errorf("%d bodies of 300 bytes held under a 1000-byte limit, want 3", len(k.bodies))
	}
	big := bytes.Repeat([]byte("y"), 2000)
	if b, err := k.get(1, keptDay, "big", func() ([]byte, error) { return big, nil }); err != nil || len(b) != 2000 {
		t.Fatalf("a body over the limit: %d bytes, %v", len(b), err)
	}
	if _, ok := k.bodies["big"]; ok {
		t.Error("a body larger than the limit was kept")
	}
}

// TestKeptBodiesRenderOnce: many requests missing the same body wait for
// one render.
func TestKeptBodiesRenderOnce(t *testing.T) {
	k := newKeptBodies(1 << 20)
	var renders atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	for range 32 {
		wg.Go(func() {
			b, err := k.get(7, keptDay, "month", func() ([]byte, error) {
				renders.Add(1)
				<-release
				return []byte("page"), nil
			})
			if err != nil || string(b) != "page" {
				t.Errorf("got %q, %v", b, err)
			}
		})
	}
	time.Sleep(200 * time.Millisecond) // let them all ask
	close(release)
	wg.Wait()
	if n := renders.Load(); n != 1 {
		t.Errorf("%d renders for 32 concurrent requests, want 1", n)
	}
}

// TestKeptBodiesWrap: a body wrapped in a shared layout is held once, as
// a slice of its page, and counted as the page; an entry no longer kept
// (the version moved on) is not wrapped.
func TestKeptBodiesWrap(t *testing.T) {
	k := newKeptBodies(1 << 20)
	e, err := k.entry(1, keptDay, "m", body("BODY"))
	if err != nil {
		t.Fatal(err)
	}
	page := []byte("<head>BODY<tail>")
	k.wrap(e, &keptPage{bytes: page, length: []string{"16"}}, len("<head>"))
	w, err := k.entry(1, keptDay, "m", body("other"))
	if err != nil {
		t.Fatal(err)
	}
	if w == e || w.page == nil || string(w.body) != "BODY" || &w.body[0] != &page[len("<head>")] || cap(w.body) != len(w.body) {
		t.Fatalf("after wrap: entry %+v", w)
	}
	if k.size != len(page) {
		t.Errorf("size %d after wrapping, want the page's %d", k.size, len(page))
	}
	k.wrap(e, &keptPage{bytes: []byte("<other>BODY</other>")}, len("<other>"))
	if got, _ := k.entry(1, keptDay, "m", body("x")); got != w {
		t.Error("an entry already replaced was wrapped again")
	}
	if _, err := k.entry(2, keptDay, "m", body("two")); err != nil {
		t.Fatal(err)
	}
	k.wrap(w, &keptPage{bytes: []byte("<h>BODY</h>")}, len("<h>"))
	if got, _ := k.entry(2, keptDay, "m", body("x")); got.page != nil || string(got.body) != "two" || k.size != 3 {
		t.Errorf("an entry of an older version was wrapped over the new one: %+v, size %d", got, k.size)
	}
}

// TestKeptPageAtSecondAnswer: a visitor's month page is the same bytes
// at every answer; the whole page (body and layout) is made and kept only
// once the body is asked for again, not for a body answered once.
func TestKeptPageAtSecondAnswer(t *testing.T) {
	s, e := newServer(app.Over(openStore(t, "kept.db"), app.Options{}), Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	srv := httptest.NewServer(e)
	defer srv.Close()
	pageOf := func() *keptPage {
		s.kept.mu.Lock()
		defer s.kept.mu.Unlock()
		for key, e := range s.kept.bodies {
			if strings.HasPrefix(key, "month /calendar/1403/2") {
				return e.page
			}
		}
		t.Fatal("the month's body is not kept")
		return nil
	}
	var answers [3]string
	for i := range answers {
		resp, err := http.Get(srv.URL + "/calendar/1403/2")
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK || resp.ContentLength != int64(len(b)) {
			t.Fatalf("answer %d: %d, %d bytes of %d said (%v)", i+1, resp.StatusCode, len(b), resp.ContentLength, err)
		}
		answers[i] = string(b)
		if kept := pageOf() != nil; kept != (i > 0) {
			t.Errorf("after answer %d the whole page is kept: %v", i+1, kept)
		}
	}
	if answers[0] != answers[1] || answers[1] != answers[2] {
		t.Error("the answers differ")
	}
}

// TestSharedLayoutsKept checks a shared layout is rendered once and kept,
// its parts around the body those the template writes, and that the
// layouts kept are bounded.
func TestSharedLayoutsKept(t *testing.T) {
	var k keptLayouts
	ctx := t.Context()
	for i := range keptLayoutsLimit + 10 {
		p := views.Page{Title: "اردیبهشت " + jalali.FaNum(1300+i), Nav: "calendar"}
		l, err := k.parts(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if err := views.KeptPage(p, "<p>body</p>").Render(ctx, &want); err != nil {
			t.Fatal(err)
		}
		if got := string(l.head) + "<p>body</p>" + string(l.tail); got != want.String() {
			t.Fatalf("%q: the kept layout around a body is\n%s\nwant\n%s", p.Title, got, want.String())
		}
		if again, err := k.parts(ctx, p); err != nil || again != l {
			t.Fatalf("%q: rendered again (%v)", p.Title, err)
		}
		if len(k.layouts) > keptLayoutsLimit {
			t.Fatalf("%d layouts kept, at most %d", len(k.layouts), keptLayoutsLimit)
		}
	}
}
