package main

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
)

// memFetcher serves feeds from memory: nothing reaches the network.
type memFetcher struct {
	mu           sync.Mutex
	feeds        map[string][]domain.FeedItem // a URL missing: HTTP 503
	allowPrivate bool
	polled       chan string // told each feed URL polled, when not nil
}

func (m *memFetcher) Feed(_ context.Context, url string, _ domain.Validators) (domain.FetchedFeed, error) {
	if m.polled != nil {
		m.polled <- url
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	items, ok := m.feeds[url]
	if !ok {
		return domain.FetchedFeed{}, &domain.FetchError{Problem: domain.FetchStatus, URL: url, Status: 503}
	}
	return domain.FetchedFeed{Items: items}, nil
}

func (m *memFetcher) Page(_ context.Context, url string) (domain.FetchedPage, error) {
	return domain.FetchedPage{}, &domain.FetchError{Problem: domain.FetchUnreadable, URL: url}
}

// withFetcher makes the commands fetch through m (with the private
// addresses setting they were given recorded in it) for the test.
func withFetcher(t *testing.T, m *memFetcher) {
	old := newFetcher
	newFetcher = func(allowPrivate bool) app.Fetcher { m.allowPrivate = allowPrivate; return m }
	t.Cleanup(func() { newFetcher = old })
}

func TestSourcesCommands(t *testing.T) {
	ctx := context.Background()
	env := dbEnv(filepath.Join(t.TempDir(), "s.db"))
	var out strings.Builder
	for _, args := range [][]string{
		{"sources", "add", "https://www.irna.ir/rss/tp/8", "--name", "ایرنا همدان", "--province", "همدان", "--interval", "1h"},
		{"sources", "add", "--organization", "استانداری", "https://www.isna.ir/rss"},
	} {
		if err := run(ctx, args, env, nil, &out, io.Discard); err != nil {
			t.Fatalf("%v: %v", args, err)
		}
	}
	if !strings.Contains(out.String(), "added source 1: https://www.irna.ir/rss/tp/8, every 1h0m0s") {
		t.Errorf("add said %q", out.String())
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"sources", "add", "https://www.isna.ir/rss"}, "watched already"},
		{[]string{"sources", "add", "file:///etc/passwd"}, "http:// or https://"},
		{[]string{"sources", "add", "https://x.ir/rss", "--interval", "1m"}, "5m to 24h"},
		{[]string{"sources", "add"}, "bad use"},
		{[]string{"sources", "remove", "99"}, "no source 99"},
		{[]string{"sources"}, "missing subcommand"},
	} {
		if err := run(ctx, tc.args, env, nil, io.Discard, io.Discard); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: %v, want %q", tc.args, err, tc.want)
		}
	}
	out.Reset()
	if err := run(ctx, []string{"sources", "list"}, env, nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); strings.Count(got, "never fetched") != 2 || !strings.Contains(got, "ایرنا همدان") || strings.Contains(got, "x.ir") {
		t.Errorf("list:\n%s", got)
	}
	out.Reset()
	if err := run(ctx, []string{"sources", "remove", "https://www.isna.ir/rss"}, env, nil, &out, io.Discard); err != nil || !strings.Contains(out.String(), "removed source 2") {
		t.Errorf("remove by URL: %v, %q", err, out.String())
	}
}

// dbEnv is an environment naming only the database file.
func dbEnv(path string) func(string) string {
	return func(k string) string {
		if k == "RUYDAD_DB" {
			return path
		}
		return ""
	}
}

// fetch polls once, prints a line a source, and fails only when every
// source failed; without a fetcher built in it refuses, and with one but
// no source it has nothing to do.
func TestFetchCommand(t *testing.T) {
	ctx := context.Background()
	env := dbEnv(filepath.Join(t.TempDir(), "f.db"))
	built := newFetcher
	newFetcher = nil // a binary built without one
	err := run(ctx, []string{"fetch"}, env, nil, io.Discard, io.Discard)
	newFetcher = built
	if err == nil || !strings.Contains(err.Error(), "cannot fetch") {
		t.Errorf("without a fetcher: %v", err)
	}
	// The built one, with no source added: nothing to fetch, nothing reached.
	if err := run(ctx, []string{"fetch"}, env, nil, io.Discard, io.Discard); err != nil {
		t.Errorf("the built fetcher with no sources: %v", err)
	}
	m := &memFetcher{feeds: map[string][]domain.FeedItem{"https://good.example.ir/rss": {{Link: "https://good.example.ir/n/1",
		Title: "نشست", Content: "نشست خبری مدیرکل میراث فرهنگی استان همدان روز ۲۵ اردیبهشت ۱۴۰۳ برگزار می‌شود."}}}}
	withFetcher(t, m)
	for _, u := range []string{"https://bad.example.ir/rss", "https://good.example.ir/rss"} {
		if err := run(ctx, []string{"sources", "add", u}, env, nil, io.Discard, io.Discard); err != nil {
			t.Fatal(err)
		}
	}
	var out strings.Builder
	if err := run(ctx, []string{"fetch", "--allow-private-sources"}, env, nil, &out, io.Discard); err != nil {
		t.Fatalf("one source failing: %v\n%s", err, out.String())
	}
	if got := out.String(); !strings.Contains(got, "FAIL 1 https://bad.example.ir/rss: fetch https://bad.example.ir/rss: status (HTTP 503)") ||
		!strings.Contains(got, "ok   2 https://good.example.ir/rss: 1 new links, 1 new articles, 0 unreadable") || !m.allowPrivate {
		t.Errorf("fetch said:\n%s(private allowed: %v)", got, m.allowPrivate)
	}
	out.Reset()
	if err := run(ctx, []string{"fetch"}, env, nil, &out, io.Discard); err != nil || !strings.Contains(out.String(), "no source due") || m.allowPrivate {
		t.Errorf("nothing due: %v, %q", err, out.String())
	}
	delete(m.feeds, "https://good.example.ir/rss")
	out.Reset()
	err = run(ctx, []string{"fetch", "--all"}, func(k string) string {
		if k == "RUYDAD_ALLOW_PRIVATE_SOURCES" {
			return "1"
		}
		return env(k)
	}, nil, &out, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "every source failed (2)") || !m.allowPrivate {
		t.Errorf("every source failing: %v\n%s", err, out.String())
	}
	out.Reset()
	if err := run(ctx, []string{"sources", "list"}, env, nil, &out, io.Discard); err != nil || !strings.Contains(out.String(), "FAILED (status, HTTP 503), 2 in a row") {
		t.Errorf("list after failures: %v\n%s", err, out.String())
	}
}

func TestServeAllowPrivateSources(t *testing.T) {
	for _, tc := range []struct {
		args []string
		env  string
		want bool
	}{{nil, "", false}, {[]string{"--allow-private-sources"}, "", true}, {nil, "1", true}, {[]string{"--allow-private-sources=false"}, "1", false}} {
		c, err := parseServe(tc.args, func(k string) string {
			if k == "RUYDAD_ALLOW_PRIVATE_SOURCES" {
				return tc.env
			}
			return ""
		}, io.Discard)
		if err != nil || c.allowPrivate != tc.want {
			t.Errorf("%v, env %q: %v, %v; want %v", tc.args, tc.env, c.allowPrivate, err, tc.want)
		}
	}
	if _, err := parseServe(nil, func(k string) string {
		if k == "RUYDAD_ALLOW_PRIVATE_SOURCES" {
			return "maybe"
		}
		return ""
	}, io.Discard); err == nil || !strings.Contains(err.Error(), "RUYDAD_ALLOW_PRIVATE_SOURCES") {
		t.Errorf("a bad env value: %v", err)
	}
}

// serve polls the news sources beside the pages, and stops polling with
// the server.
func TestServePollsTheSources(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "p.db")
	if err := run(context.Background(), []string{"sources", "add", "https://news.example.ir/rss"}, dbEnv(dbPath), nil, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	m := &memFetcher{feeds: map[string][]domain.FeedItem{"https://news.example.ir/rss": nil}, polled: make(chan string, 1)}
	withFetcher(t, m)
	base, stop := startServe(t, map[string]string{"RUYDAD_DB": dbPath}, "--allow-private-sources")
	if u := <-m.polled; u != "https://news.example.ir/rss" {
		t.Errorf("polled %q", u)
	}
	if resp, err := http.Get(base + "/healthz"); err != nil {
		t.Errorf("pages while polling: %v", err)
	} else if resp.Body.Close(); resp.StatusCode != http.StatusOK {
		t.Errorf("pages while polling: %s", resp.Status)
	}
	stop()
	if !m.allowPrivate {
		t.Error("--allow-private-sources did not reach the fetcher")
	}
}

// The news sources and the articles' links go with an export to another
// installation.
func TestSourcesTravelInTheJSONExport(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src, dst, file := filepath.Join(dir, "src.db"), filepath.Join(dir, "dst.db"), filepath.Join(dir, "all.json")
	m := &memFetcher{feeds: map[string][]domain.FeedItem{"https://good.example.ir/rss": {{Link: "https://good.example.ir/n/1",
		Content: "نشست خبری مدیرکل میراث فرهنگی استان همدان روز ۲۵ اردیبهشت ۱۴۰۳ برگزار می‌شود."}}}}
	withFetcher(t, m)
	for _, args := range [][]string{{"sources", "add", "https://good.example.ir/rss", "--name", "خوب"}, {"fetch"}} {
		if err := run(ctx, args, dbEnv(src), nil, io.Discard, io.Discard); err != nil {
			t.Fatalf("%v: %v", args, err)
		}
	}
	var out strings.Builder
	if err := run(ctx, []string{"export", "--json", file}, dbEnv(src), nil, &out, io.Discard); err != nil || !strings.Contains(out.String(), "and 1 news sources") {
		t.Fatalf("export: %v, %q", err, out.String())
	}
	out.Reset()
	if err := run(ctx, []string{"import", "--json", file}, dbEnv(dst), nil, &out, io.Discard); err != nil ||
		!strings.Contains(out.String(), "news sources: 1 added, 0 already stored; articles' links: 1 added, 0 already stored") {
		t.Fatalf("import: %v, %q", err, out.String())
	}
	out.Reset()
	if err := run(ctx, []string{"sources", "list"}, dbEnv(dst), nil, &out, io.Discard); err != nil || !strings.Contains(out.String(), "خوب") || !strings.Contains(out.String(), "never fetched") {
		t.Errorf("sources there: %v\n%s", err, out.String())
	}
}
