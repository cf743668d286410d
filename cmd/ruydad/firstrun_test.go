package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// serveOutput runs "ruydad serve" on a free loopback port and returns its
// base URL once it has printed its first lines, what it printed on
// standard output and its log, and a stop function.
func serveOutput(t *testing.T, dbPath string) (base string, stdout func() string, logs func() string, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	var mu sync.Mutex
	var out, errs strings.Builder
	logw := writerFunc(func(p []byte) (int, error) { mu.Lock(); defer mu.Unlock(); return errs.Write(p) })
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", dbPath}, func(string) string { return "" }, nil, pw, logw)
		pw.Close()
	}()
	first := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for i := 0; sc.Scan(); i++ {
			mu.Lock()
			out.WriteString(sc.Text() + "\n")
			mu.Unlock()
			if i == 0 {
				first <- sc.Text()
			}
		}
	}()
	var line string
	select {
	case line = <-first:
	case err := <-done:
		t.Fatalf("serve stopped: %v", err)
	}
	base = regexp.MustCompile(`http://\S+`).FindString(line)
	time.Sleep(100 * time.Millisecond) // the lines printed right after the first
	read := func(b *strings.Builder) func() string {
		return func() string { mu.Lock(); defer mu.Unlock(); return b.String() }
	}
	return base, read(&out), read(&errs), func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// First run (issue 14): a fresh install prints a one-time /setup link on
// its console (not in its log); the link makes the first administrator,
// signed in; a restart prints none. With every account deleted, it says
// how to make an administrator on the command line instead.
func TestFirstRunPrintsTheSetupLink(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "fresh.db")
	base, stdout, logs, stop := serveOutput(t, dbPath)
	link := regexp.MustCompile(regexp.QuoteMeta(base) + `/setup\?token=(\S+)`).FindStringSubmatch(stdout())
	if link == nil {
		stop()
		t.Fatalf("no setup link on standard output:\n%s", stdout())
	}
	token := link[1]
	if strings.Contains(logs(), token) {
		t.Error("the setup token is in the log")
	}
	c := noRedirects()
	// Nobody writes before the setup.
	if got := postEvent(t, c, base, "پیش از راه‌اندازی"); got != http.StatusUnauthorized {
		t.Errorf("an anonymous write on a fresh install: %d, want 401", got)
	}
	resp, err := c.Get(link[0])
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	tok := regexp.MustCompile(`name="_csrf" value="([^"]+)"`).FindStringSubmatch(string(body))
	if resp.StatusCode != http.StatusOK || tok == nil || !strings.Contains(string(body), `value="`+token+`"`) {
		t.Fatalf("the setup link: %d", resp.StatusCode)
	}
	resp, err = c.PostForm(base+"/setup", url.Values{"_csrf": {tok[1]}, "username": {"maryam"}, "password": {testPassword}, "token": {token}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the setup: %d", resp.StatusCode)
	}
	if got := postEvent(t, c, base, "پس از راه‌اندازی"); got != http.StatusSeeOther {
		t.Errorf("the first administrator writes: %d", got)
	}
	stop()

	base, stdout, _, stop = serveOutput(t, dbPath)
	if strings.Contains(stdout(), "/setup") {
		t.Errorf("a restart with an administrator prints a setup link:\n%s", stdout())
	}
	stop()

	if _, err := cmd(t, "user", "delete", "maryam", "--force", "--db", dbPath); err != nil {
		t.Fatal(err)
	}
	base, stdout, _, stop = serveOutput(t, dbPath)
	defer stop()
	if strings.Contains(stdout(), "/setup") || !strings.Contains(stdout(), "ruydad user add NAME --role admin") {
		t.Errorf("every account deleted, the console says:\n%s", stdout())
	}
	if got := postEvent(t, noRedirects(), base, "بی‌حساب"); got != http.StatusUnauthorized {
		t.Errorf("an anonymous write with every account deleted: %d, want 401", got)
	}
}

// serve listens on loopback unless told otherwise (issue 14, "First run").
func TestServeListensOnLoopbackByDefault(t *testing.T) {
	c, err := parseServe(nil, func(string) string { return "" }, io.Discard)
	if err != nil || c.addr != "127.0.0.1:8080" {
		t.Errorf("default address %q, %v; want 127.0.0.1:8080", c.addr, err)
	}
	c, _ = parseServe([]string{"--addr", ":8080"}, func(string) string { return "" }, io.Discard)
	if c.addr != ":8080" {
		t.Errorf("--addr :8080 gave %q", c.addr)
	}
}
