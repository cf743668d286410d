package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/loadtest"
)

// TestNginxConfig: the bench's nginx runs in the foreground with two
// workers on loopback only, writes nothing outside its folder (so that
// any user may run it), and sends ruydad's headers with the page.
func TestNginxConfig(t *testing.T) {
	dir := "/tmp/ruydad-nginx-test"
	conf := nginxConfig(dir, 41234, 64, [][2]string{{"X-Frame-Options", "DENY"}, {"Content-Security-Policy", "default-src 'none'; base-uri 'none'"}})
	for _, want := range []string{
		"daemon off;", "master_process on;", "worker_processes 2;",
		"pid " + dir + "/nginx.pid;", "error_log " + dir + "/error.log warn;", "access_log " + dir + "/access.log;",
		"listen 127.0.0.1:41234;", "root " + dir + "/www;", "worker_connections 1024;",
		"client_body_temp_path " + dir + "/tmp/client_body;", "proxy_temp_path " + dir + "/tmp/proxy;",
		"fastcgi_temp_path " + dir + "/tmp/fastcgi;", "uwsgi_temp_path " + dir + "/tmp/uwsgi;", "scgi_temp_path " + dir + "/tmp/scgi;",
		`add_header X-Frame-Options "DENY";`, `add_header Content-Security-Policy "default-src 'none'; base-uri 'none'";`,
	} {
		if !strings.Contains(conf, want) {
			t.Errorf("the configuration has no %q:\n%s", want, conf)
		}
	}
	for _, line := range strings.Split(conf, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "user ") || strings.HasPrefix(line, "include ") {
			t.Errorf("the configuration has %q (only root may name a user; nothing outside its folder is read)", line)
		}
		if strings.HasPrefix(line, "listen ") && line != "listen 127.0.0.1:41234;" {
			t.Errorf("it listens beyond loopback: %q", line)
		}
	}
	if strings.Count(conf, "{") != strings.Count(conf, "}") {
		t.Errorf("unbalanced braces:\n%s", conf)
	}
	if c := nginxConfig(dir, 1, 2000, nil); !strings.Contains(c, "worker_connections 4064;") {
		t.Error("worker_connections does not grow with the connections")
	}
	h := http.Header{}
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", `same"origin`)
	h.Set("X-Content-Type-Options", "no$sniff")
	if got := nginxHeaders(h); len(got) != 1 || got[0] != [2]string{"X-Frame-Options", "DENY"} {
		t.Errorf("headers for nginx: %q, want only X-Frame-Options (no quote or variable passed on)", got)
	}
}

// TestFindNginx: nginx on PATH comes first, then the usual places; none
// found is "".
func TestFindNginx(t *testing.T) {
	none := func(string) (string, error) { return "", exec.ErrNotFound }
	if got := findNginx(none, func(string) bool { return false }); got != "" {
		t.Errorf("no nginx anywhere: found %q", got)
	}
	if got := findNginx(none, func(p string) bool { return p == "/usr/sbin/nginx" }); got != "/usr/sbin/nginx" {
		t.Errorf("nginx only in /usr/sbin: found %q", got)
	}
	onPath := func(string) (string, error) { return "/opt/bin/nginx", nil }
	if got := findNginx(onPath, func(string) bool { return true }); got != "/opt/bin/nginx" {
		t.Errorf("nginx on PATH: found %q", got)
	}
}

// TestSideBySideReport: the ratio to nginx, and without nginx the reason
// and the command that installs it.
func TestSideBySideReport(t *testing.T) {
	var out bytes.Buffer
	printSideBySide(&out, sideBySide{nginxMissing: true})
	if !strings.Contains(out.String(), "nginx: not found") || !strings.Contains(out.String(), nginxInstall) {
		t.Errorf("the report without nginx:\n%s", out.String())
	}
	res := func(name string, n int) *benchResult {
		return &benchResult{Result: loadtest.Result{Route: name, Requests: n, Elapsed: time.Second, P50: time.Millisecond, P99: 2 * time.Millisecond}}
	}
	out.Reset()
	printSideBySide(&out, sideBySide{page: "/calendar/1404/1", bytes: 63000, nginx: res(nginxRouteName, 60000), nginxVersion: "nginx/1.22.1",
		kept: res(keptRouteName, 30000), healthz: res(healthzRouteName, 45000)})
	for _, want := range []string{"nginx/1.22.1", "/calendar/1404/1 (63000 bytes)", "| " + keptRouteName + " | 30000 | 1.00 ms | 2.00 ms | 0.50 |",
		"| " + healthzRouteName + " | 45000 | 1.00 ms | 2.00 ms | 0.75 |", "| " + nginxRouteName + " | 60000 | 1.00 ms | 2.00 ms | 1.00 |"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the report has no %q:\n%s", want, out.String())
		}
	}
}

// TestNginxServesThePage starts the machine's nginx (skipped without one)
// on a page, checks it serves those bytes with the headers given, and that
// stopping it ends it and removes its folder.
func TestNginxServesThePage(t *testing.T) {
	bin := findNginx(exec.LookPath, isExecutable)
	if bin == "" {
		t.Skip("no nginx on this machine")
	}
	page := bytes.Repeat([]byte("<p>رویداد</p>\n"), 5000)
	cal := []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n")
	var zipped bytes.Buffer
	zw := gzip.NewWriter(&zipped)
	zw.Write(cal)
	zw.Close()
	files := map[string][]byte{nginxPage: page, nginxGzip + "/0.ics": zipped.Bytes(), nginxCalendars + "/1.ics": cal}
	ng, err := startNginx(context.Background(), bin, files, [][2]string{{"X-Frame-Options", "DENY"}}, 8)
	if err != nil {
		t.Fatal(err)
	}
	defer ng.stop()
	got, h, err := fetchPage(context.Background(), ng.base+"/"+nginxPage)
	if err != nil || !bytes.Equal(got, page) {
		t.Fatalf("nginx served %d bytes (%v), want the page's %d", len(got), err, len(page))
	}
	if h.Get("X-Frame-Options") != "DENY" || h.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("nginx's headers: %v", h)
	}
	// The feeds: the gzip copy as it is, said to be gzip, and a calendar
	// as it is, both calendars in UTF-8 with ruydad's headers.
	for name, enc := range map[string]string{nginxGzip + "/0.ics": "gzip", nginxCalendars + "/1.ics": ""} {
		got, h, err := fetchPage(context.Background(), ng.base+"/"+name, [2]string{"Accept-Encoding", "gzip"})
		if err != nil || !bytes.Equal(got, files[name]) {
			t.Errorf("%s: nginx served %d bytes (%v), want its %d", name, len(got), err, len(files[name]))
		}
		if h.Get("Content-Encoding") != enc || h.Get("Content-Type") != "text/calendar; charset=utf-8" || h.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: nginx's headers: %v", name, h)
		}
	}
	if err := ng.stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(ng.dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("nginx's folder is left: %v", err)
	}
	if _, err := fetchBody(context.Background(), ng.base+"/"+nginxPage); err == nil {
		t.Error("nginx still answers after stop")
	}
	if ng.cmd.ProcessState == nil {
		t.Error("nginx's master was not waited for")
	}
	if err := syscall.Kill(-ng.cmd.Process.Pid, 0); !errors.Is(err, syscall.ESRCH) {
		t.Errorf("a process of nginx's group is left (%v)", err)
	}
}

// TestBenchWithoutNginx: on a machine without nginx the bench runs its
// routes and says why there is no side-by-side figure, and how to get one;
// with --profile it writes the server's profile of each route.
func TestBenchWithoutNginx(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and loads it: not in -short")
	}
	was := benchFindNginx
	benchFindNginx = func() string { return "" }
	defer func() { benchFindNginx = was }()
	var out, errOut bytes.Buffer
	profiles := t.TempDir()
	err := run(context.Background(), []string{"bench", "--events", "100", "--articles", "2", "--conns", "2", "--duration", "100ms",
		"--routes", "healthz,kept,nginx", "--server", binary(t), "--corpus", "", "--profile", profiles},
		func(string) string { return "" }, strings.NewReader(""), &out, &errOut)
	if err != nil {
		t.Fatalf("bench: %v\n%s\n%s", err, out.String(), errOut.String())
	}
	// --profile: the server's CPU profile of each route it served.
	for _, name := range []string{"healthz", "kept"} {
		if fi, err := os.Stat(filepath.Join(profiles, name+".pprof")); err != nil || fi.Size() == 0 {
			t.Errorf("no profile of the %s route: %v", name, err)
		}
	}
	if _, err := os.Stat(filepath.Join(profiles, "nginx.pprof")); err == nil {
		t.Error("a profile of nginx's route, which ruydad did not serve")
	}
	if !strings.Contains(out.String(), "| "+keptRouteName+" |") || strings.Contains(out.String(), "| "+nginxRouteName+" |") ||
		!strings.Contains(out.String(), nginxInstall) {
		t.Errorf("the report without nginx:\n%s", out.String())
	}
}

// TestCPUPerRequest: the estimate divides the cores by each request's CPU
// time, the server's and the generator's; /proc tells this process's own.
func TestCPUPerRequest(t *testing.T) {
	r := &benchResult{Result: loadtest.Result{Requests: 1000, Elapsed: time.Second}, ServerCPU: 600 * time.Millisecond, ClientCPU: 400 * time.Millisecond}
	if got, want := idleThroughput(r), float64(runtime.NumCPU())*1000; got < want*0.999 || got > want*1.001 {
		t.Errorf("estimate %.1f req/s, want %.1f", got, want)
	}
	if got := perRequest(r.ServerCPU, r); got != "600 µs" {
		t.Errorf("server CPU per request %q", got)
	}
	if idleThroughput(&benchResult{Result: loadtest.Result{Requests: 10}}) != 0 || perRequest(0, r) != "n/a" {
		t.Error("no CPU time known, yet an estimate")
	}
	var sink int
	for i := range 50_000_000 { // enough work for /proc's 10 ms ticks
		sink += i % 7
	}
	if procCPU(os.Getpid()) <= 0 || groupCPU(os.Getpid()) < procCPU(os.Getpid()) || selfCPU() <= 0 || sink == 0 {
		t.Errorf("CPU times of this process: /proc %v, with children %v, rusage %v", procCPU(os.Getpid()), groupCPU(os.Getpid()), selfCPU())
	}
	if procCPU(-1) != 0 {
		t.Error("a process that does not exist has CPU time")
	}
}
