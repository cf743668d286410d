package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
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

	_ "github.com/mattn/go-sqlite3" // the "sqlite3" driver, to read the restored files as they are
)

// litestreamEnv names the litestream binary the replication test runs;
// scripts/test builds Litestream v0.5.18 and sets it. Without it, the
// litestream on PATH.
const litestreamEnv = "RUYDAD_LITESTREAM_BIN"

// litestreamBinary returns the litestream to run. Without one the test is
// skipped, or fails when RUYDAD_REQUIRE_BROWSER=1 (scripts/test, which
// builds it), as the other tests that need a tool of their own do.
func litestreamBinary(t *testing.T) string {
	t.Helper()
	p := os.Getenv(litestreamEnv)
	if p == "" {
		p, _ = exec.LookPath("litestream")
	}
	msg := ""
	if p == "" {
		msg = "litestream is not installed (neither " + litestreamEnv + " nor litestream on PATH); ./scripts/test builds it with " +
			"go install github.com/benbjohnson/litestream/cmd/litestream@v0.5.18"
	} else if out, err := exec.Command(p, "version").CombinedOutput(); err != nil {
		msg = strings.TrimSpace(fmt.Sprintf("%s does not run (%s version: %v) %s", p, p, err, out))
	}
	if msg != "" {
		if os.Getenv("RUYDAD_REQUIRE_BROWSER") == "1" {
			t.Fatalf("%s (RUYDAD_REQUIRE_BROWSER=1 forbids skipping)", msg)
		}
		t.Skip(msg)
	}
	return p
}

// syncBuffer collects a process's output, readable while it runs.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// replicaAck is one create the server acknowledged: what was sent, and
// when the answer came.
type replicaAck struct {
	title, description string
	at                 time.Time
}

// replicaWrites is what the writers saw.
type replicaWrites struct {
	mu    sync.Mutex
	acked map[int64]replicaAck
	tried int
}

// sessionCookies signs in at base and returns the session cookie, for
// clients of their own to share.
func sessionCookies(t *testing.T, base string) []*http.Cookie {
	t.Helper()
	c := noRedirects()
	signIn(t, c, base)
	u, _ := url.Parse(base)
	var session []*http.Cookie
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == "ruydad_session" {
			session = append(session, &http.Cookie{Name: ck.Name, Value: ck.Value, Path: "/"})
		}
	}
	if session == nil {
		t.Fatal("no session cookie after signing in")
	}
	return session
}

// eventClient is a client of its own in the session, with the CSRF token
// of its new-event form.
func eventClient(base string, session []*http.Cookie) (*http.Client, string, error) {
	c := noRedirects()
	u, _ := url.Parse(base)
	c.Jar.SetCookies(u, session)
	resp, err := c.Get(base + "/events/new")
	if err != nil {
		return nil, "", err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	tok := regexp.MustCompile(`name="_csrf" value="([^"]+)"`).FindStringSubmatch(string(body))
	if tok == nil {
		return nil, "", fmt.Errorf("no CSRF token in the form (%d)", resp.StatusCode)
	}
	return c, tok[1], nil
}

// ltxFiles counts the LTX files (Litestream v0.5's unit of replication: a
// snapshot, or the pages of a run of transactions) in the file replica at
// dir, at every level.
func ltxFiles(dir string) int {
	n := 0
	filepath.WalkDir(filepath.Join(dir, "ltx"), func(_ string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && strings.HasSuffix(e.Name(), ".ltx") {
			n++
		}
		return nil
	})
	return n
}

// errNoAnswer is a create the server never answered (it was killed).
var errNoAnswer = errors.New("no answer")

// createEvent posts the new-event form and returns the new event's number
// once the server has acknowledged it.
func createEvent(c *http.Client, base, tok, title, description string) (int64, error) {
	resp, err := c.PostForm(base+"/events", url.Values{"_csrf": {tok}, "title": {title}, "kind": {"meeting"},
		"start": {"1404/02/27"}, "description": {description}})
	if err != nil {
		return 0, fmt.Errorf("%w: %v", errNoAnswer, err)
	}
	resp.Body.Close()
	m := regexp.MustCompile(`^/events/([0-9]+)\?`).FindStringSubmatch(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusSeeOther || m == nil {
		return 0, fmt.Errorf("create answered %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	return strconv.ParseInt(m[1], 10, 64)
}

// replicaWriters creates events from four clients, each pausing pause
// after each create, until stop is closed or the server dies under them,
// recording every acknowledged create.
func replicaWriters(t *testing.T, base string, session []*http.Cookie, w *replicaWrites, pause time.Duration, stop <-chan struct{}) {
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			c, tok, err := eventClient(base, session)
			if err != nil {
				t.Errorf("writer %d: %v", g, err)
				return
			}
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				title := fmt.Sprintf("رویداد تکثیر کارگر %d شماره %d", g, i)
				description := fmt.Sprintf("شرح %s: %s", title, strings.TrimSpace(strings.Repeat("متن ", 60)))
				w.mu.Lock()
				w.tried++
				w.mu.Unlock()
				id, err := createEvent(c, base, tok, title, description)
				if errors.Is(err, errNoAnswer) {
					return // killed mid-request: not acknowledged
				}
				if err != nil {
					t.Errorf("writer %d: %v", g, err)
					return
				}
				at := time.Now()
				w.mu.Lock()
				w.acked[id] = replicaAck{title, description, at}
				w.mu.Unlock()
				if pause > 0 {
					select {
					case <-stop:
						return
					case <-time.After(pause):
					}
				}
			}
		})
	}
	wg.Wait()
}

// litestreamRestore restores the newest state of the file replica at dir
// into out, as on a new machine: from the replica's URL, with no
// configuration and no database beside it.
func litestreamRestore(ls, dir, out string) error {
	b, err := exec.Command(ls, "restore", "-o", out, "file://"+dir).CombinedOutput()
	if err != nil {
		return fmt.Errorf("litestream restore: %v\n%s", err, b)
	}
	return nil
}

// openFile opens an SQLite file as it is (no migration, no ruydad
// settings).
func openFile(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	return db
}

// TestLitestreamRestoresAcknowledgedWrites (issue 18): the real server,
// run with --litestream, and Litestream v0.5.18 beside it replicating the
// database to a file replica (as to another disk), looking and uploading
// every 100 ms and checkpointing the log after every 100 pages. Four
// clients create events through the forms, each every 50 ms (an office
// at its busiest: Litestream checkpoints under the writes many times) or
// as fast as the server answers (Litestream falls behind); a
// marker event is created; once a restore of the replica holds the
// marker, the machine dies: the server and Litestream are both killed
// (SIGKILL) while the clients are still writing. A restore on a "new
// machine" must then pass SQLite's integrity check, hold every create
// acknowledged before the marker was sent, title and text, and be served
// by ruydad (migrations, sign-in, /healthz, the marker's page). The
// creates acknowledged after it are counted, kept or lost, and the loss
// window logged.
func TestLitestreamRestoresAcknowledgedWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs Litestream beside it: not in -short")
	}
	ls := litestreamBinary(t)
	bin := binary(t)
	t.Run("every 50ms", func(t *testing.T) { litestreamKill(t, ls, bin, 50*time.Millisecond) })
	t.Run("flat out", func(t *testing.T) { litestreamKill(t, ls, bin, 0) })
}

// litestreamKill is TestLitestreamRestoresAcknowledgedWrites with writers
// pausing pause between creates.
func litestreamKill(t *testing.T, ls, bin string, pause time.Duration) {
	dir := t.TempDir()
	dbPath, replica := filepath.Join(dir, "live.db"), filepath.Join(dir, "replica")
	addAdmin(t, dbPath)

	logs := &syncBuffer{}
	srv, err := startServer(context.Background(), bin, dbPath, logs, "--litestream")
	if err != nil {
		t.Fatalf("%v\n%s", err, logs)
	}
	defer func() {
		srv.cmd.Process.Kill()
		srv.cmd.Wait()
	}()
	cfg := filepath.Join(dir, "litestream.yml")
	if err := os.WriteFile(cfg, fmt.Appendf(nil, `dbs:
  - path: %s
    monitor-interval: 100ms
    min-checkpoint-page-count: 100
    replica:
      type: file
      path: %s
      sync-interval: 100ms
`, dbPath, replica), 0o600); err != nil {
		t.Fatal(err)
	}
	lsLogs := &syncBuffer{}
	// At the debug level Litestream logs each checkpoint and each snapshot
	// it takes again, with the reason.
	rep := exec.Command(ls, "replicate", "-config", cfg)
	rep.Env = append(os.Environ(), "LOG_LEVEL=debug")
	rep.Stdout, rep.Stderr = lsLogs, lsLogs
	if err := rep.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		rep.Process.Kill()
		rep.Wait()
	}()

	session := sessionCookies(t, srv.base)
	w := &replicaWrites{acked: map[int64]replicaAck{}}
	stop, done := make(chan struct{}), make(chan struct{})
	started := time.Now()
	go func() { replicaWriters(t, srv.base, session, w, pause, stop); close(done) }()
	defer func() {
		select {
		case <-stop:
		default:
			close(stop)
		}
		<-done
	}()
	// A while of writes: enough for Litestream to checkpoint under them.
	time.Sleep(1500 * time.Millisecond)

	c, tok, err := eventClient(srv.base, session)
	if err != nil {
		t.Fatal(err)
	}
	markerTitle := "نشانهٔ تکثیر"
	markerSent := time.Now()
	markerID, err := createEvent(c, srv.base, tok, markerTitle, "رویدادی که پیش از خاموشی به نسخهٔ دوم رسیده است")
	if err != nil {
		t.Fatal(err)
	}
	markerAcked := time.Now()

	// Restore the replica, as a new machine would, until it holds the
	// marker; the writers go on meanwhile.
	probes := 0
	for deadline := time.Now().Add(60 * time.Second); ; {
		probes++
		probe := filepath.Join(t.TempDir(), "probe.db")
		if litestreamRestore(ls, replica, probe) == nil {
			db := openFile(t, probe)
			var n int
			err := db.QueryRow(`SELECT count(*) FROM events WHERE id = ? AND title = ?`, markerID, markerTitle).Scan(&n)
			db.Close()
			if err == nil && n == 1 {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("60 s after the marker was acknowledged, no restore of the replica holds it\n%s", lsLogs)
		}
		time.Sleep(100 * time.Millisecond)
	}
	replicated := time.Since(markerAcked)

	// The machine dies: the server and Litestream both, under the writers.
	killed := time.Now()
	for _, p := range []*os.Process{srv.cmd.Process, rep.Process} {
		if err := p.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
	}
	srv.cmd.Wait()
	rep.Wait()
	close(stop)
	<-done
	shipped := ltxFiles(replica)

	// A new machine: the replica only.
	fresh := filepath.Join(t.TempDir(), "ruydad.db")
	if err := litestreamRestore(ls, replica, fresh); err != nil {
		t.Fatal(err)
	}
	// SQLite's whole integrity check, through ruydad check: the search
	// index's own check needs the function the store registers.
	if out, err := exec.Command(bin, "check", "--db", fresh).CombinedOutput(); err != nil {
		t.Fatalf("the restored file: ruydad check: %v\n%s", err, out)
	}
	db := openFile(t, fresh)
	defer db.Close()
	before, kept, lost := 0, 0, 0
	var firstLost, lastKept time.Time // when the first lost create was acknowledged, and the last kept one
	for id, a := range w.acked {
		var title, description string
		err := db.QueryRow(`SELECT title, description FROM events WHERE id = ?`, id).Scan(&title, &description)
		switch {
		case a.at.Before(markerSent):
			before++
			if err != nil || title != a.title || description != a.description {
				t.Errorf("event %d, acknowledged before the marker was sent: restored %q (%v), want %q with its text", id, title, err, a.title)
			}
		case err == nil:
			kept++
			if a.at.After(lastKept) {
				lastKept = a.at
			}
			if title != a.title || description != a.description {
				t.Errorf("event %d, acknowledged after the marker: restored as %q, want %q with its text", id, title, a.title)
			}
		case errors.Is(err, sql.ErrNoRows):
			lost++
			if firstLost.IsZero() || a.at.Before(firstLost) {
				firstLost = a.at
			}
		default:
			t.Errorf("event %d: %v", id, err)
		}
	}
	var ours int
	if err := db.QueryRow(`SELECT count(*) FROM events WHERE title LIKE 'رویداد تکثیر %'`).Scan(&ours); err != nil {
		t.Fatal(err)
	}
	// A create the kill cut off may or may not have been shipped.
	if ours < before || ours > w.tried {
		t.Errorf("%d events restored; %d acknowledged before the marker, %d tried", ours, before, w.tried)
	}
	if before == 0 {
		t.Fatal("no create was acknowledged before the marker")
	}
	t.Logf("%d creates tried, %d acknowledged (%.0f a second): %d before the marker was sent, all restored; %d after it, "+
		"%d of them restored and %d lost; %d restored events of the writers in all (the rest tried but never acknowledged)",
		w.tried, len(w.acked), float64(len(w.acked))/killed.Sub(started).Seconds(), before, kept+lost, kept, lost, ours)
	t.Logf("the marker was in a restore %s after it was acknowledged (%d restores tried); %d LTX file(s) in the replica",
		replicated.Round(time.Millisecond), probes, shipped)
	if lost > 0 {
		t.Logf("lost: the creates acknowledged in the last %s before the kill (the last one kept was acknowledged %s before it)",
			killed.Sub(firstLost).Round(time.Millisecond), killed.Sub(lastKept).Round(time.Millisecond))
	}
	// Litestream's checkpoints under the writes, where v0.3.13 lost pages:
	// it checkpoints here after 100 pages (the default is 1,000, 4 MB). With
	// writers every 50 ms that came 16 or 17 times a run, and a run without
	// one would not test them; flat out, Litestream's checkpoint waits for
	// the write lock between the writers' commits, and came 0 to 4 times.
	// What it warned of, failed at, or took a snapshot again for is logged.
	checkpoints := 0
	for _, l := range strings.Split(lsLogs.String(), "\n") {
		switch {
		case strings.Contains(l, "msg=checkpoint "):
			checkpoints++
		case strings.Contains(l, "level=WARN"), strings.Contains(l, "level=ERROR"), strings.Contains(l, "reason="):
			t.Log(l)
		}
	}
	t.Logf("Litestream checkpointed the log %d time(s) while the writers wrote", checkpoints)
	if pause > 0 && checkpoints == 0 {
		t.Errorf("writers every %s, Litestream never checkpointed the log before the kill: its log\n%s", pause, lsLogs)
	}
	db.Close()

	// ruydad serves the restored file: the migrations run, the accounts
	// came along, the marker's page is there.
	again, err := startServer(context.Background(), bin, fresh, logs)
	if err != nil {
		t.Fatalf("serving the restored file: %v\n%s", err, logs)
	}
	defer func() {
		again.cmd.Process.Kill()
		again.cmd.Wait()
	}()
	resp, err := http.Get(again.base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || strings.TrimSpace(string(body)) != "ok" {
		t.Errorf("/healthz on the restored file: %d %q", resp.StatusCode, body)
	}
	signed := noRedirects()
	signIn(t, signed, again.base)
	resp, err = signed.Get(again.base + "/events/" + strconv.FormatInt(markerID, 10))
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), markerTitle) {
		t.Errorf("the marker's page on the restored file: %d", resp.StatusCode)
	}
	if err := again.stop(); err != nil {
		t.Errorf("the server on the restored file: %v\n%s", err, logs)
	}
}

// TestLitestreamRestartSkipsTheFullCheck (issue 18): beside Litestream,
// which keeps the database file open, a server stopped cleanly and started
// again serves at once, leaving the check of the whole file for beside the
// server, as without Litestream; after a kill it checks the whole file
// first.
func TestLitestreamRestartSkipsTheFullCheck(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs Litestream beside it: not in -short")
	}
	ls := litestreamBinary(t)
	bin := binary(t)
	dir := t.TempDir()
	dbPath, replica := filepath.Join(dir, "live.db"), filepath.Join(dir, "replica")
	addAdmin(t, dbPath)
	cfg := filepath.Join(dir, "litestream.yml")
	if err := os.WriteFile(cfg, fmt.Appendf(nil, "dbs:\n  - path: %s\n    monitor-interval: 100ms\n    replica:\n      type: file\n      path: %s\n      sync-interval: 100ms\n",
		dbPath, replica), 0o600); err != nil {
		t.Fatal(err)
	}
	lsLogs := &syncBuffer{}
	rep := exec.Command(ls, "replicate", "-config", cfg)
	rep.Stdout, rep.Stderr = lsLogs, lsLogs
	if err := rep.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		rep.Process.Kill()
		rep.Wait()
	}()

	// start serves the file beside Litestream, and returns the server and
	// what its log says of the check at start.
	start := func() (*benchServer, string) {
		t.Helper()
		logs := &syncBuffer{}
		srv, err := startServer(context.Background(), bin, dbPath, logs, "--litestream")
		if err != nil {
			t.Fatalf("%v\n%s", err, logs)
		}
		t.Cleanup(func() {
			srv.cmd.Process.Kill()
			srv.cmd.Wait()
		})
		for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
			switch s := logs.String(); {
			case strings.Contains(s, "checked the whole database file before serving"):
				return srv, "whole"
			case strings.Contains(s, "checking the whole file beside the server"):
				return srv, "beside"
			case time.Now().After(deadline):
				t.Fatalf("the server logged no check at start:\n%s", s)
			}
		}
	}
	create := func(srv *benchServer, title string) {
		t.Helper()
		c, tok, err := eventClient(srv.base, sessionCookies(t, srv.base))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := createEvent(c, srv.base, tok, title, "نوشته کنار لایت‌استریم"); err != nil {
			t.Fatal(err)
		}
	}

	srv, _ := start()
	create(srv, "پیش از توقف")
	// Litestream has taken the file: its replica holds a snapshot.
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if ltxFiles(replica) > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("Litestream shipped nothing to the replica in 30 s:\n%s", lsLogs)
		}
	}
	if err := srv.stop(); err != nil {
		t.Fatal(err)
	}
	srv, check := start()
	if check != "beside" {
		t.Errorf("after a clean stop beside Litestream: the check at start was %q, want the whole file beside the server", check)
	}
	create(srv, "پس از راه‌اندازی دوباره")
	if err := srv.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	srv.cmd.Wait()
	srv, check = start()
	if check != "whole" {
		t.Errorf("after a kill beside Litestream: the check at start was %q, want the whole file first", check)
	}
	if err := srv.stop(); err != nil {
		t.Fatal(err)
	}
	db := openFile(t, dbPath)
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM events WHERE title IN ('پیش از توقف', 'پس از راه‌اندازی دوباره')`).Scan(&n); err != nil || n != 2 {
		t.Errorf("events written across the restarts: %d, %v; want 2", n, err)
	}
}
