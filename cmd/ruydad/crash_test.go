package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/sqlite"
)

// server is the real ruydad binary serving on a free port.
type server struct {
	cmd  *exec.Cmd
	base string
	logs *strings.Builder
}

func startBinary(t *testing.T, bin, dbPath string) *server {
	t.Helper()
	logs := &strings.Builder{}
	s, err := startServer(context.Background(), bin, dbPath, logs)
	if err != nil {
		t.Fatalf("%v\n%s", err, logs)
	}
	return &server{cmd: s.cmd, base: s.base, logs: logs}
}

// crashWrites is what the writers saw: every acknowledged create.
type crashWrites struct {
	mu    sync.Mutex
	acked map[int64]string // event id → title
	tried int
}

// crashSession is a signed-in session and its form's CSRF token, taken
// before the kill timer starts: a sign-in cut short by the kill would fail
// the test from a writer's goroutine, where t.Fatal cannot stop it.
type crashSession struct {
	cookies []*http.Cookie
	csrf    string
}

func openSession(t *testing.T, base string) crashSession {
	t.Helper()
	first := noRedirects()
	signIn(t, first, base)
	u, _ := url.Parse(base)
	resp, err := first.Get(base + "/events/new")
	if err != nil {
		t.Fatalf("form: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	tok := regexp.MustCompile(`name="_csrf" value="([^"]+)"`).FindStringSubmatch(string(body))
	if tok == nil {
		t.Fatal("no CSRF token in the form")
	}
	// The session and the CSRF cookie the token goes with.
	s := crashSession{csrf: tok[1]}
	for _, ck := range first.Jar.Cookies(u) {
		s.cookies = append(s.cookies, &http.Cookie{Name: ck.Name, Value: ck.Value, Path: "/"})
	}
	return s
}

// hammer creates events from several clients, sharing one session, until
// stop is closed (or the server dies under them).
func hammer(t *testing.T, base string, s crashSession, round int, w *crashWrites, stop <-chan struct{}) {
	u, _ := url.Parse(base)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			c := noRedirects()
			c.Jar.SetCookies(u, s.cookies)
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				title := fmt.Sprintf("رویداد دور %d کارگر %d شماره %d", round, g, i)
				w.mu.Lock()
				w.tried++
				w.mu.Unlock()
				resp, err := c.PostForm(base+"/events", url.Values{"_csrf": {s.csrf}, "title": {title}, "kind": {"meeting"},
					"start": {"1404/02/27"}, "description": {strings.Repeat("متن ", 50)}})
				if err != nil {
					return // the server was killed mid-request: not acknowledged
				}
				resp.Body.Close()
				m := regexp.MustCompile(`^/events/([0-9]+)\?`).FindStringSubmatch(resp.Header.Get("Location"))
				if resp.StatusCode != http.StatusSeeOther || m == nil {
					t.Errorf("create answered %d %q", resp.StatusCode, resp.Header.Get("Location"))
					return
				}
				id, _ := strconv.ParseInt(m[1], 10, 64)
				w.mu.Lock()
				w.acked[id] = title
				w.mu.Unlock()
			}
		})
	}
	wg.Wait()
}

// TestSurvivesKill runs the real binary, SIGKILLs it while clients create
// events, restarts it on the same database and checks that the database is
// intact and holds every acknowledged write. Three rounds.
func TestSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and kills it: not in -short")
	}
	bin, dbPath := binary(t), filepath.Join(t.TempDir(), "crash.db")
	addAdmin(t, dbPath)
	w := &crashWrites{acked: map[int64]string{}}
	for round := range 3 {
		srv := startBinary(t, bin, dbPath)
		stop := make(chan struct{})
		done := make(chan struct{})
		session := openSession(t, srv.base)
		go func() { hammer(t, srv.base, session, round, w, stop); close(done) }()
		// Kill mid-stream: once some creates are acknowledged (a count, so
		// a busy machine does not kill before the first), and a moment
		// later, so that others are in flight.
		for wait := time.Now().Add(time.Minute); time.Now().Before(wait); time.Sleep(20 * time.Millisecond) {
			w.mu.Lock()
			n := len(w.acked)
			w.mu.Unlock()
			if n >= 10*(round+1) {
				break
			}
		}
		time.Sleep(time.Duration(100+100*round) * time.Millisecond)
		if err := srv.cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		srv.cmd.Wait()
		close(stop)
		<-done
		wal, _ := os.Stat(dbPath + "-wal")
		walSize := int64(0)
		if wal != nil {
			walSize = wal.Size()
		}
		w.mu.Lock()
		t.Logf("round %d: killed the server; %d creates tried so far, %d acknowledged; write-ahead log left: %d bytes",
			round, w.tried, len(w.acked), walSize)
		w.mu.Unlock()
	}

	srv := startBinary(t, bin, dbPath)
	checkAfterCrash(t, srv, dbPath, w)
	if err := srv.cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if err := srv.cmd.Wait(); err != nil {
		t.Errorf("the restarted server did not stop cleanly: %v\n%s", err, srv.logs)
	}
}

func checkAfterCrash(t *testing.T, srv *server, dbPath string, w *crashWrites) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.IntegrityCheck(ctx); err != nil {
		t.Fatalf("after the kills: %v", err)
	}
	found := 0
	for id, title := range w.acked {
		e, err := db.Event(ctx, id)
		if err != nil || e.Title != title {
			t.Errorf("acknowledged event %d %q: stored %q, %v", id, title, e.Title, err)
			continue
		}
		found++
	}
	day := jalali.MustNew(1404, 2, 27)
	stored, err := db.EventsBetween(ctx, day, day, domain.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	ours := 0
	for _, e := range stored {
		if strings.HasPrefix(e.Title, "رویداد دور ") {
			ours++
		}
	}
	// A create the kill cut off may or may not have committed.
	if ours < len(w.acked) || ours > w.tried {
		t.Errorf("%d events stored; %d acknowledged, %d tried", ours, len(w.acked), w.tried)
	}
	t.Logf("after restart: integrity ok; %d acknowledged writes, %d found; %d stored of %d tried",
		len(w.acked), found, ours, w.tried)
	if len(w.acked) == 0 {
		t.Fatal("no write was acknowledged before the kills")
	}
	// The restarted server serves what was written before the kills.
	for id, title := range w.acked {
		resp, err := http.Get(srv.base + "/events/" + strconv.FormatInt(id, 10))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), title) {
			t.Errorf("GET /events/%d after restart: %d", id, resp.StatusCode)
		}
		break
	}
}
