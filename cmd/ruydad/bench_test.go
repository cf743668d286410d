package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var built struct {
	once sync.Once
	dir  string
	err  error
	out  []byte
}

// binary builds this command once per test run and returns its path.
func binary(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		if built.dir, built.err = os.MkdirTemp("", "ruydad-bin-"); built.err != nil {
			return
		}
		built.out, built.err = exec.Command("go", "build", "-o", filepath.Join(built.dir, "ruydad"), ".").CombinedOutput()
	})
	if built.err != nil {
		t.Fatalf("go build: %v\n%s", built.err, built.out)
	}
	return filepath.Join(built.dir, "ruydad")
}

func TestMain(m *testing.M) {
	code := m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// TestBenchDrivesEveryRoute runs 'ruydad bench' small: every route is
// loaded through the real binary and reported, and nothing fails.
func TestBenchDrivesEveryRoute(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and loads it: not in -short")
	}
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"bench", "--events", "400", "--articles", "12", "--large-articles", "1", "--conns", "4", "--duration", "300ms",
		"--server", binary(t), "--corpus", ""}, func(string) string { return "" }, strings.NewReader(""), &out, &errOut)
	if err != nil {
		t.Fatalf("bench: %v\n%s\n%s", err, out.String(), errOut.String())
	}
	t.Log("\n" + out.String())
	routes := []string{"static /robots.txt (ceiling)", healthzRouteName, keptRouteName, "month pages (24 months)", "event pages",
		"feed revalidation (304)", "full feed /calendar.ics", "article submissions (mined, stored)", "searches (anonymous)"}
	if benchFindNginx() != "" {
		routes = append(routes, nginxRouteName)
		if !strings.Contains(out.String(), "| "+keptRouteName+" |") || !strings.Contains(out.String(), " | 1.00 |") {
			t.Errorf("no side-by-side comparison with nginx:\n%s", out.String())
		}
	} else if !strings.Contains(out.String(), nginxInstall) {
		t.Errorf("no nginx, and the report does not say how to install it:\n%s", out.String())
	}
	for _, route := range routes {
		line := ""
		for _, l := range strings.Split(out.String(), "\n") {
			if strings.HasPrefix(l, "| "+route+" |") && line == "" { // the first table's: the side-by-side one follows
				line = l
			}
		}
		cells := strings.Split(line, "|")
		if len(cells) < 11 {
			t.Errorf("no row for %q", route)
			continue
		}
		if reqs, failed := strings.TrimSpace(cells[2]), strings.TrimSpace(cells[9]); reqs == "0" || failed != "0" {
			t.Errorf("%s: %s requests, %s failed", route, reqs, failed)
		}
	}
	if !strings.Contains(out.String(), "stored 400 confirmed events and 13 articles (1 of 2 MB;") {
		t.Errorf("the fill is not reported:\n%s", out.String())
	}
}

func TestBenchFlags(t *testing.T) {
	for _, args := range [][]string{
		{"--routes", "month,nope"},
		{"--routes", ","},
		{"--conns", "0"},
		{"--large-articles", "-1"},
		{"--duration", "-1s"},
		{"extra"},
	} {
		var out, errOut bytes.Buffer
		err := run(context.Background(), append([]string{"bench"}, args...), func(string) string { return "" }, strings.NewReader(""), &out, &errOut)
		if err == nil {
			t.Errorf("bench %v: no error", args)
		}
	}
}
