package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/sqlite"
)

// startServe runs "ruydad serve" on a free loopback port and returns its
// base URL and a function that stops it (SIGINT-like) and waits.
func startServe(t *testing.T, env map[string]string, args ...string) (string, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), func(k string) string { return env[k] }, strings.NewReader(""), pw, io.Discard)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		cancel()
		t.Fatalf("serve printed no address: %v (%v)", err, <-done)
	}
	go io.Copy(io.Discard, pr)
	m := regexp.MustCompile(`http://\S+`).FindString(line)
	if m == "" {
		t.Fatalf("no URL in %q", line)
	}
	return m, func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve returned %v after shutdown", err)
			}
		case <-time.After(15 * time.Second):
			t.Error("serve did not shut down")
		}
	}
}

func TestServeKeepsEventsAcrossRestart(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "cal.db")
	addAdmin(t, dbPath)
	base, stop := startServe(t, map[string]string{"RUYDAD_DB": dbPath})
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	signIn(t, c, base)

	resp, err := c.Get(base + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", resp, err)
	}
	resp.Body.Close()
	resp, err = c.Get(base + "/events/new")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	tok := regexp.MustCompile(`name="_csrf" value="([^"]+)"`).FindStringSubmatch(string(body))
	if tok == nil {
		t.Fatal("no CSRF token in the form")
	}
	resp, err = c.PostForm(base+"/events", url.Values{"_csrf": {tok[1]}, "title": {"همایش روز خبرنگار"}, "kind": {"conference"}, "start": {"1404/05/17"}})
	if err != nil || resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %v %v", resp.Status, err)
	}
	resp.Body.Close()
	loc := strings.SplitN(resp.Header.Get("Location"), "?", 2)[0]
	stop()

	base, stop = startServe(t, nil, "--db", dbPath)
	defer stop()
	resp, err = c.Get(base + loc)
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "همایش روز خبرنگار") {
		t.Fatalf("after restart %s: %d", loc, resp.StatusCode)
	}
}

func TestUnknownCommandAndBadFlags(t *testing.T) {
	var out strings.Builder
	if err := run(context.Background(), []string{"frobnicate"}, func(string) string { return "" }, nil, io.Discard, &out); err == nil || !strings.Contains(err.Error(), "unknown command") {
		t.Errorf("unknown command: %v", err)
	}
	if err := run(context.Background(), []string{"serve", "--nope"}, func(string) string { return "" }, nil, io.Discard, io.Discard); err == nil {
		t.Error("serve accepted an unknown flag")
	}
	if err := run(context.Background(), []string{"serve", "--addr", "256.0.0.1:1", "--db", filepath.Join(t.TempDir(), "x.db")}, func(string) string { return "" }, nil, io.Discard, io.Discard); err == nil {
		t.Error("serve accepted an impossible address")
	}
}

func TestMigrateCreatesDatabase(t *testing.T) {
	var out strings.Builder
	path := filepath.Join(t.TempDir(), "m.db")
	if err := run(context.Background(), []string{"migrate", "--db", path}, func(string) string { return "" }, nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "up to date") {
		t.Errorf("migrate printed %q", out.String())
	}
	if err := run(context.Background(), []string{"migrate", "--db", filepath.Join(t.TempDir(), "no", "such", "dir", "m.db")}, func(string) string { return "" }, nil, io.Discard, io.Discard); err == nil {
		t.Error("migrate into a missing folder succeeded")
	}
}

// uc returns the use cases over db, as the commands call them.
func uc(db *sqlite.DB) *app.App { return app.Over(db, app.Options{}) }
