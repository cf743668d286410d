package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// The side-by-side comparison of 'ruydad bench': nginx serving a kept
// month page's exact bytes as a file, loaded in the same run and with the
// same connections as ruydad's routes, is the physical limit of this
// machine for that answer; the report gives ruydad's kept page and
// /healthz as shares of it.

// nginxInstall is the command the report gives when nginx is missing.
const nginxInstall = "sudo apt-get install nginx"

// nginxPaths are where nginx is looked for when it is not on PATH (Debian
// installs it in /usr/sbin, which a user's PATH often leaves out).
var nginxPaths = []string{"/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx"}

// findNginx returns the nginx binary to run: the one on PATH, else the
// first of nginxPaths that exists; "" when there is none.
func findNginx(lookPath func(string) (string, error), exists func(string) bool) string {
	if p, err := lookPath("nginx"); err == nil {
		return p
	}
	for _, p := range nginxPaths {
		if exists(p) {
			return p
		}
	}
	return ""
}

// isExecutable reports whether path is a regular file someone may run.
func isExecutable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o111 != 0
}

// nginxPage is the file nginx serves, under its root.
const nginxPage = "page.html"

// nginxGzip is the folder, under nginx's root, of the calendars nginx
// sends as they are with "Content-Encoding: gzip" (the kept feeds' gzip
// copies, as ruydad sends them to calendar apps that ask for gzip), and
// nginxCalendars of those it sends as they are without (the feeds ruydad
// keeps in memory, small enough not to be compressed).
const (
	nginxGzip      = "gz"
	nginxCalendars = "ics"
)

// nginxConfig is the whole configuration of the bench's nginx: in the
// foreground (its master is the bench's child), two workers (the machine's
// cores, as Debian's "auto" would give on two), loopback only, every path
// it writes (pid, logs, temporary bodies) under dir, so that it runs as
// any user; no "user" directive, which only root may use (as root, the
// workers are nginx's default user, which is why dir must be readable by
// all). It serves dir/www, each response with the headers given (ruydad's
// security headers, so that both answers carry the same), the files under
// nginxGzip as gzip-encoded calendars, and logs every request as ruydad
// does, as Debian's nginx does by default.
func nginxConfig(dir string, port, conns int, headers [][2]string) string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	p("# Written by 'ruydad bench' for one run; removed with its folder.")
	p("daemon off;")
	p("master_process on;")
	p("worker_processes 2;")
	p("pid %s;", filepath.Join(dir, "nginx.pid"))
	p("error_log %s warn;", filepath.Join(dir, "error.log"))
	p("events {")
	p("    worker_connections %d;", max(1024, 2*conns+64))
	p("}")
	p("http {")
	p("    access_log %s;", filepath.Join(dir, "access.log"))
	p("    sendfile on;")
	p("    tcp_nopush on;")
	p("    keepalive_timeout 65;")
	p("    keepalive_requests 100000000;") // ruydad closes no kept-alive connection either
	p("    types { text/html html; text/calendar ics; }")
	p("    default_type application/octet-stream;")
	p("    charset utf-8;")
	p("    server_tokens off;")
	for _, t := range []string{"client_body", "proxy", "fastcgi", "uwsgi", "scgi"} {
		p("    %s_temp_path %s;", t, filepath.Join(dir, "tmp", t))
	}
	p("    server {")
	p("        listen 127.0.0.1:%d;", port)
	p("        root %s;", filepath.Join(dir, "www"))
	for _, h := range headers {
		p("        add_header %s \"%s\";", h[0], h[1])
	}
	p("        location /%s/ {", nginxCalendars)
	p("            charset_types text/calendar;")
	p("        }")
	// A location with add_header of its own inherits none of the
	// server's: they are given again.
	p("        location /%s/ {", nginxGzip)
	p("            charset_types text/calendar;")
	p("            add_header Content-Encoding gzip;")
	p("            add_header Vary Accept-Encoding;")
	for _, h := range headers {
		p("            add_header %s \"%s\";", h[0], h[1])
	}
	p("        }")
	p("    }")
	p("}")
	return b.String()
}

// sameHeaders are the headers of ruydad's answer that nginx is given too.
var sameHeaders = []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"}

// nginxHeaders picks sameHeaders from h, those nginx can take quoted as
// they are (no quote, backslash or variable).
func nginxHeaders(h http.Header) [][2]string {
	var out [][2]string
	for _, k := range sameHeaders {
		v := h.Get(k)
		if v != "" && !strings.ContainsAny(v, "\"\\$\n\r") {
			out = append(out, [2]string{k, v})
		}
	}
	return out
}

// benchNginx is the nginx process of a run.
type benchNginx struct {
	cmd     *exec.Cmd
	dir     string
	base    string // http://127.0.0.1:PORT
	version string
	exited  chan struct{}
	waitErr error
	stopped bool
}

// startNginx writes files (named by their paths under nginx's root) and a
// configuration (with headers) into a new folder of its own, starts bin on
// a free loopback port and returns once nginx serves each file's exact
// bytes.
func startNginx(ctx context.Context, bin string, files map[string][]byte, headers [][2]string, conns int) (*benchNginx, error) {
	dir, err := os.MkdirTemp("", "ruydad-nginx-")
	if err != nil {
		return nil, fmt.Errorf("bench: nginx: %w", err)
	}
	n := &benchNginx{dir: dir, exited: make(chan struct{})}
	fail := func(err error) (*benchNginx, error) {
		if n.cmd != nil {
			n.stop()
		}
		os.RemoveAll(dir)
		return nil, fmt.Errorf("bench: nginx: %w", err)
	}
	// As root, nginx's workers run as its default user: the page and
	// the folders above it must be readable by everyone.
	for _, d := range []string{dir, filepath.Join(dir, "www"), filepath.Join(dir, "tmp")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return fail(err)
		}
		if err := os.Chmod(d, 0o755); err != nil {
			return fail(err)
		}
	}
	names := slices.Sorted(maps.Keys(files))
	for _, name := range names {
		path := filepath.Join(dir, "www", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return fail(err)
		}
		if err := os.Chmod(filepath.Dir(path), 0o755); err != nil {
			return fail(err)
		}
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			return fail(err)
		}
	}
	if len(names) == 0 {
		return fail(errors.New("no file to serve"))
	}
	port, err := freePort()
	if err != nil {
		return fail(err)
	}
	conf := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(conf, []byte(nginxConfig(dir, port, conns, headers)), 0o644); err != nil {
		return fail(err)
	}
	if v, err := exec.CommandContext(ctx, bin, "-v").CombinedOutput(); err == nil {
		n.version = strings.TrimPrefix(strings.TrimSpace(string(v)), "nginx version: ")
	}
	// -e: the error log before the configuration is read, which is
	// otherwise /var/log/nginx/error.log, not writable but by root.
	n.cmd = exec.Command(bin, "-p", dir, "-c", conf, "-e", filepath.Join(dir, "error.log"))
	n.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // its workers with it, to end them all
	var out bytes.Buffer
	n.cmd.Stdout, n.cmd.Stderr = &out, &out
	if err := n.cmd.Start(); err != nil {
		n.cmd = nil
		return fail(err)
	}
	go func() { n.waitErr = n.cmd.Wait(); close(n.exited) }()
	n.base = "http://127.0.0.1:" + strconv.Itoa(port)
	deadline := time.Now().Add(10 * time.Second)
	for {
		got, err := fetchBody(ctx, n.base+"/"+names[0])
		if err == nil && bytes.Equal(got, files[names[0]]) {
			for _, name := range names[1:] {
				if got, err := fetchBody(ctx, n.base+"/"+name); err != nil || !bytes.Equal(got, files[name]) {
					return fail(fmt.Errorf("serves %d bytes (%v) as %s, not its %d", len(got), err, name, len(files[name])))
				}
			}
			return n, nil
		}
		if err == nil {
			return fail(fmt.Errorf("serves %d bytes as %s, not its %d", len(got), names[0], len(files[names[0]])))
		}
		select {
		case <-n.exited:
			log, _ := os.ReadFile(filepath.Join(dir, "error.log"))
			return fail(fmt.Errorf("exited (%v): %s%s", n.waitErr, out.String(), log))
		case <-ctx.Done():
			return fail(ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fail(fmt.Errorf("does not answer at %s: %v", n.base, err))
		}
	}
}

// stop ends nginx (a fast shutdown: SIGTERM to its master, which ends its
// workers), kills its process group if it has not gone within five
// seconds, and removes its folder; once.
func (n *benchNginx) stop() error {
	if n.stopped {
		return nil
	}
	n.stopped = true
	defer os.RemoveAll(n.dir)
	pid := n.cmd.Process.Pid
	n.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-n.exited: // its master waits for its workers before it exits
		return nil
	case <-time.After(5 * time.Second):
		syscall.Kill(-pid, syscall.SIGKILL) // the master and its workers: their group is the master's pid
		<-n.exited
		return errors.New("bench: nginx did not stop within 5 s, and was killed")
	}
}

// freePort returns a loopback TCP port nothing listens on now.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// fetchBody GETs u as a new visitor would and returns its body, an error
// unless 200.
func fetchBody(ctx context.Context, u string) ([]byte, error) {
	b, _, err := fetchPage(ctx, u)
	return b, err
}

// fetchPage GETs u with a client of its own (no cookie) and returns the
// body and headers of its 200: the bytes as sent (a client that asks for
// no compression, and decodes none), with the request's headers h.
func fetchPage(ctx context.Context, u string, h ...[2]string) ([]byte, http.Header, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, nil, err
	}
	for _, kv := range h {
		req.Header.Set(kv[0], kv[1])
	}
	c := &http.Client{Timeout: time.Minute, Transport: &http.Transport{DisableKeepAlives: true, DisableCompression: true}}
	resp, err := c.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, nil, fmt.Errorf("%s: status %d", u, resp.StatusCode)
	}
	return b, resp.Header, nil
}

// sideBySide is what the report compares: nginx on the kept page's bytes,
// ruydad's kept page and its /healthz, each nil when not loaded.
type sideBySide struct {
	page          string // the kept page's path on ruydad
	bytes         int    // its length
	nginx         *benchResult
	nginxVersion  string
	nginxMissing  bool
	kept, healthz *benchResult
}

// printSideBySide writes the comparison: each of ruydad's answers as a
// share of nginx's throughput on the same machine in the same run, or why
// there is none.
func printSideBySide(w io.Writer, s sideBySide) {
	if s.nginxMissing {
		fmt.Fprintf(w, "\nnginx: not found (on PATH or in %s), so the side-by-side run against the physical limit was skipped; "+
			"install it with:\n\n    %s\n", strings.Join(nginxPaths, ", "), nginxInstall)
		return
	}
	if s.nginx == nil {
		return
	}
	fmt.Fprintf(w, "\nside by side, same connections, same run: nginx %s (2 workers) serving the bytes of %s (%d bytes) as a file\n\n",
		s.nginxVersion, s.page, s.bytes)
	fmt.Fprintln(w, "| answer | req/s | p50 | p99 | of nginx | server CPU/req | bench CPU/req | req/s on idle cores (est.) | of nginx (est.) |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|")
	ceiling, idleCeiling := s.nginx.Throughput(), idleThroughput(s.nginx)
	share := func(v, of float64) string {
		if v <= 0 || of <= 0 {
			return "–"
		}
		return fmt.Sprintf("%.2f", v/of)
	}
	for _, r := range []*benchResult{s.nginx, s.kept, s.healthz} {
		if r == nil {
			continue
		}
		idle := "n/a"
		if t := idleThroughput(r); t > 0 {
			idle = fmt.Sprintf("%.0f", t)
		}
		fmt.Fprintf(w, "| %s | %.0f | %s | %s | %s | %s | %s | %s | %s |\n", r.Route, r.Throughput(), ms(r.P50), ms(r.P99),
			share(r.Throughput(), ceiling), perRequest(r.ServerCPU, r), perRequest(r.ClientCPU, r), idle, share(idleThroughput(r), idleCeiling))
	}
	fmt.Fprintf(w, "\n(CPU per request: the server's, nginx's with its workers, and the load generator's; the estimate divides\n"+
		"the machine's %d cores by their sum, as if nothing else ran: on a shared machine it, not req/s, compares the servers.)\n", runtime.NumCPU())
}
