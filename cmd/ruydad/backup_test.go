package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/sqlite"
)

// cmd runs the program with args and no environment, returning stdout.
func cmd(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut strings.Builder
	err := run(context.Background(), args, func(string) string { return "" }, strings.NewReader(""), &out, &errOut)
	return out.String(), err
}

// dbWith creates a database at path holding one event per title.
func dbWith(t *testing.T, path string, titles ...string) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, title := range titles {
		e := domain.Event{Title: title, Kind: domain.KindMeeting, Start: jalali.MustNew(1404, 2, 27)}
		if err := uc(db).SaveEvent(ctx, &e); err != nil {
			t.Fatal(err)
		}
	}
}

// titles returns the titles of every event in the database at path.
func titles(t *testing.T, path string) []string {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	events, err := db.EventsBetween(ctx, jalali.MustNew(1300, 1, 1), jalali.MustNew(1500, 1, 1), domain.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range events {
		out = append(out, e.Title)
	}
	return out
}

// postEvent creates an event through the server's form, as c (signed in or
// not), and returns the status of the answer.
func postEvent(t *testing.T, c *http.Client, base, title string) int {
	t.Helper()
	resp, err := c.Get(base + "/login") // a form anyone may open, for the client's token

	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	tok := regexp.MustCompile(`name="_csrf" value="([^"]+)"`).FindStringSubmatch(string(body))
	if tok == nil {
		t.Fatal("no CSRF token in the form")
	}
	resp, err = c.PostForm(base+"/events", url.Values{"_csrf": {tok[1]}, "title": {title}, "kind": {"meeting"}, "start": {"1404/02/27"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func noRedirects() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func TestBackupWhileServing(t *testing.T) {
	dir := t.TempDir()
	dbPath, dest := filepath.Join(dir, "live.db"), filepath.Join(dir, "copy.db")
	addAdmin(t, dbPath)
	base, stop := startServe(t, nil, "--db", dbPath)
	defer stop()
	c := noRedirects()
	signIn(t, c, base)
	if got := postEvent(t, c, base, "نشست خبری پیش از پشتیبان"); got != http.StatusSeeOther {
		t.Fatalf("create: %d", got)
	}
	live, err := sqlite.CheckBackup(context.Background(), dbPath) // the live database, as the server has it
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd(t, "backup", "--db", dbPath, dest)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("%d events, %d articles, %d occasions; integrity ok", live.Events, live.Articles, live.Occasions)
	if !strings.Contains(out, want) || live.Articles != 5 {
		t.Errorf("backup printed %q; the live database has %d events, %d articles (want the 5 seeds), %d occasions",
			out, live.Events, live.Articles, live.Occasions)
	}
	// The server keeps writing to the original while the copy stays as taken.
	if got := postEvent(t, c, base, "نشست خبری پس از پشتیبان"); got != http.StatusSeeOther {
		t.Fatalf("create after backup: %d", got)
	}
	if got := titles(t, dest); len(got) != 1 || got[0] != "نشست خبری پیش از پشتیبان" {
		t.Errorf("backup holds %q", got)
	}
	if _, err := cmd(t, "backup", "--db", dbPath, dest); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("backup over an existing file: %v", err)
	}
	if _, err := cmd(t, "backup", "--db", filepath.Join(dir, "none.db"), filepath.Join(dir, "x.db")); err == nil {
		t.Error("backup of a missing database succeeded")
	}
	if _, err := os.Stat(filepath.Join(dir, "none.db")); err == nil {
		t.Error("backup created the missing database")
	}
	if _, err := cmd(t, "backup", "--db", dbPath); err == nil {
		t.Error("backup without a destination succeeded")
	}
}

func TestRestoreReplacesAndKeepsThePrevious(t *testing.T) {
	dir := t.TempDir()
	dbPath, bak := filepath.Join(dir, "cal.db"), filepath.Join(dir, "bak.db")
	dbWith(t, dbPath, "رویداد قدیمی")
	if _, err := cmd(t, "backup", "--db", dbPath, bak); err != nil {
		t.Fatal(err)
	}
	dbWith(t, dbPath, "رویداد پس از پشتیبان")

	out, err := cmd(t, "restore", "--db", dbPath, bak)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`kept as (\S+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("restore did not say where the previous database went: %q", out)
	}
	if got := titles(t, dbPath); len(got) != 1 || got[0] != "رویداد قدیمی" {
		t.Errorf("restored database holds %q", got)
	}
	if got := titles(t, m[1]); len(got) != 2 {
		t.Errorf("the previous database holds %q, want both events", got)
	}
	for _, side := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(m[1] + side); err == nil {
			t.Errorf("%s%s left beside the previous database", m[1], side)
		}
	}

	fresh := filepath.Join(dir, "new", "cal.db")
	os.Mkdir(filepath.Dir(fresh), 0o755)
	out, err = cmd(t, "restore", "--db", fresh, bak)
	if err != nil || strings.Contains(out, "kept as") {
		t.Fatalf("restore into a new place: %q %v", out, err)
	}
	if got := titles(t, fresh); len(got) != 1 {
		t.Errorf("restored into a new place: %q", got)
	}
}

// TestRestoreRefusesAndChangesNothing feeds restore bad sources and a
// running server; the current database must stay byte for byte the same.
func TestRestoreRefusesAndChangesNothing(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "cal.db")
	dbWith(t, dbPath, "رویداد ارزشمند")

	garbage := filepath.Join(dir, "garbage.db")
	os.WriteFile(garbage, bytes.Repeat([]byte("not a database "), 1000), 0o644)
	truncated := filepath.Join(dir, "truncated.db")
	good, _ := os.ReadFile(dbPath)
	os.WriteFile(truncated, good[:len(good)/2], 0o644)
	foreign := filepath.Join(dir, "foreign.db")
	rawExec(t, foreign, `CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)`)
	newer := filepath.Join(dir, "newer.db")
	if _, err := cmd(t, "backup", "--db", dbPath, newer); err != nil {
		t.Fatal(err)
	}
	rawExec(t, newer, `INSERT INTO schema_migrations (name, applied_at) VALUES ('migrations/9999_future.sql', '2030-01-01T00:00:00Z')`)

	for _, tt := range []struct{ name, src, want string }{
		{"missing", filepath.Join(dir, "none.db"), "no such file"},
		{"garbage", garbage, "not a database"},
		{"truncated", truncated, "check"},
		{"foreign", foreign, "not a ruydad database"},
		{"newer", newer, "newer ruydad"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := os.ReadFile(dbPath)
			_, err := cmd(t, "restore", "--db", dbPath, tt.src)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "was not changed") {
				t.Fatalf("restore %s: %v, want an error about %q", tt.name, err, tt.want)
			}
			after, _ := os.ReadFile(dbPath)
			if !bytes.Equal(before, after) {
				t.Error("the database changed")
			}
			assertOnlyFiles(t, dir, "cal.db", "garbage.db", "truncated.db", "foreign.db", "newer.db")
		})
	}

	t.Run("server running", func(t *testing.T) {
		bak := filepath.Join(t.TempDir(), "bak.db")
		if _, err := cmd(t, "backup", "--db", dbPath, bak); err != nil {
			t.Fatal(err)
		}
		addAdmin(t, dbPath)
		base, stop := startServe(t, nil, "--db", dbPath)
		defer stop()
		c := noRedirects()
		signIn(t, c, base)
		if got := postEvent(t, c, base, "رویداد در حین کار"); got != http.StatusSeeOther {
			t.Fatalf("create: %d", got)
		}
		_, err := cmd(t, "restore", "--db", dbPath, bak)
		if err == nil || !strings.Contains(err.Error(), "stop the server") {
			t.Fatalf("restore under a running server: %v", err)
		}
		if got := postEvent(t, c, base, "رویداد پس از تلاش"); got != http.StatusSeeOther {
			t.Fatalf("the server stopped working after the refused restore: %d", got)
		}
	})
	if got := titles(t, dbPath); len(got) != 3 {
		t.Errorf("after the refusals the database holds %q", got)
	}
}

func rawExec(t *testing.T, path, query string) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(query); err != nil {
		t.Fatal(err)
	}
}

func assertOnlyFiles(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		ok := false
		for _, n := range names {
			ok = ok || e.Name() == n || strings.HasPrefix(e.Name(), n+"-")
		}
		if !ok {
			t.Errorf("restore left %s behind", e.Name())
		}
	}
}
