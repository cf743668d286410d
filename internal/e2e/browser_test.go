package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/app"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/sqlite"
	"github.com/ruydad/ruydad/internal/web"
	"github.com/ruydad/ruydad/seeds"
)

// fixedNow is 1403/02/20 10:00 in Tehran, a week before PR Day.
var fixedNow = time.Date(2024, 5, 9, 10, 0, 0, 0, jalali.Tehran)

const (
	// requireBrowserEnv turns a missing Chromium or axe-core into a failure.
	requireBrowserEnv = "RUYDAD_REQUIRE_BROWSER"
	// screenshotsEnv makes the journeys write docs/screenshots/*.png.
	screenshotsEnv = "RUYDAD_SCREENSHOTS"

	desktopW, desktopH = 1280, 800
	phoneW, phoneH     = 390, 844

	// testTimeout bounds one test's whole browser session.
	testTimeout = 90 * time.Second
	// actionTimeout bounds one step: a click and the wait for its page.
	actionTimeout = 20 * time.Second
)

// chromiumPath returns the browser to drive, or "" when there is none.
func chromiumPath() string {
	if p := os.Getenv("RUYDAD_CHROMIUM"); p != "" {
		return p
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// missing skips the test, or fails it when the run requires the browser.
func missing(t *testing.T, msg string) {
	t.Helper()
	if os.Getenv(requireBrowserEnv) == "1" {
		t.Fatalf("%s (%s=1 forbids skipping)", msg, requireBrowserEnv)
	}
	t.Skip(msg)
}

// session is one user at one browser, talking to one fresh server.
type session struct {
	t    *testing.T
	ctx  context.Context
	base string
	db   *sqlite.DB
	// browserContext is the tab's own profile in the shared browser.
	browserContext cdp.BrowserContextID

	mu   sync.Mutex
	docs []docResponse
}

// docResponse is one top-level document response the browser received,
// redirects included.
type docResponse struct {
	path   string
	status int64
}

// newSession starts the real server (real SQLite file, migrations, built-in
// occasions, real miner) and a headless Chromium with a fresh profile on a
// 1280×800 window.
func newSession(t *testing.T) *session {
	t.Helper()
	return newSessionWith(t, app.Options{})
}

// newSessionWith is newSession with the use cases given o (a fetcher, for
// the news sources' journey); newSession's is the zero Options.
func newSessionWith(t *testing.T, o app.Options) *session {
	t.Helper()
	exe := chromiumPath()
	if exe == "" {
		missing(t, "chromium not installed: run ./scripts/test, which installs it")
	}
	s := &session{t: t, db: openDB(t)}
	srv := httptest.NewUnstartedServer(nil)
	srv.Config.Handler = web.New(app.Over(s.db, o), web.Config{
		Now:     func() time.Time { return fixedNow },
		Logger:  slog.New(slog.NewTextHandler(io.Discard, nil)),
		BaseURL: "http://" + srv.Listener.Addr().String(), // srv.URL, once started
	})
	srv.Start()
	t.Cleanup(srv.Close)
	s.base = srv.URL

	browserCtx, err := sharedBrowser(exe)
	if err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	tab, bc, closeTab, err := newTab(browserCtx)
	if err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	ctx, cancelTimeout := context.WithTimeout(tab, testTimeout)
	t.Cleanup(func() { cancelTimeout(); closeTab() })
	s.ctx, s.browserContext = ctx, bc
	// Attach to the tab under the test's own context: the first Run's context
	// owns the tab, so it must not be one of run's per-step timeouts.
	if err := chromedp.Run(ctx); err != nil {
		t.Fatalf("attaching to the tab: %v", err)
	}
	chromedp.ListenTarget(ctx, s.record)
	s.run(chromedp.EmulateViewport(desktopW, desktopH))
	s.signIn()
	return s
}

// signIn signs the browser in as an administrator, "office": nobody edits
// anonymously, so the journeys run as the office's administrator would.
// The account is stored as given (a password hash no password matches)
// and its session cookie set in the tab's own profile.
func (s *session) signIn() {
	s.t.Helper()
	ctx := context.Background()
	u := domain.User{Name: "office", Role: domain.RoleAdmin, PasswordHash: "-", FeedTokenHash: domain.HashToken(domain.NewToken()),
		CreatedAt: fixedNow}
	if err := s.db.CreateUser(ctx, &u); err != nil {
		s.t.Fatal(err)
	}
	token, err := s.db.CreateSession(ctx, u.ID)
	if err != nil {
		s.t.Fatal(err)
	}
	s.run(network.SetCookie("ruydad_session", token).WithURL(s.base).WithHTTPOnly(true).WithSameSite(network.CookieSameSiteLax))
}

// chromium is the one Chromium process the package's tests share, started by
// the first test that needs it and stopped by TestMain.
var chromium struct {
	once   sync.Once
	ctx    context.Context
	cancel context.CancelFunc
	dir    string
	err    error
}

// sharedBrowser starts Chromium headless on a fresh profile directory,
// once, and returns its context.
func sharedBrowser(exe string) (context.Context, error) {
	chromium.once.Do(func() {
		chromium.dir, chromium.err = os.MkdirTemp("", "ruydad-e2e-chromium-")
		if chromium.err != nil {
			return
		}
		opts := []chromedp.ExecAllocatorOption{
			chromedp.ExecPath(exe),
			chromedp.UserDataDir(chromium.dir),
			chromedp.NoFirstRun,
			chromedp.NoDefaultBrowserCheck,
			chromedp.Headless,
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("disable-extensions", true),
			chromedp.Flag("disable-dev-shm-usage", true),
			chromedp.Flag("hide-scrollbars", true),
			chromedp.Flag("mute-audio", true),
			chromedp.Flag("lang", "fa-IR"),
			chromedp.WindowSize(desktopW, desktopH),
			// A loaded machine (CI, fuzzing beside us) can be slow to start it.
			chromedp.WSURLReadTimeout(90 * time.Second),
		}
		alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancelCtx := chromedp.NewContext(alloc)
		chromium.ctx = ctx
		chromium.cancel = func() { cancelCtx(); cancelAlloc() }
		chromium.err = chromedp.Run(ctx)
	})
	return chromium.ctx, chromium.err
}

// newTab opens a tab in a new browser context of the shared browser: a
// fresh profile with its own cookies. (chromedp.WithNewBrowserContext asks
// for the tab without a window, which headless Chromium refuses with "no
// browser is open".)
func newTab(browserCtx context.Context) (context.Context, cdp.BrowserContextID, func(), error) {
	exec := cdp.WithExecutor(browserCtx, chromedp.FromContext(browserCtx).Browser)
	id, err := target.CreateBrowserContext().WithDisposeOnDetach(true).Do(exec)
	if err != nil {
		return nil, "", nil, err
	}
	tid, err := target.CreateTarget("about:blank").WithBrowserContextID(id).WithNewWindow(true).Do(exec)
	if err != nil {
		return nil, "", nil, err
	}
	tab, cancel := chromedp.NewContext(browserCtx, chromedp.WithTargetID(tid))
	return tab, id, func() {
		cancel()
		_ = target.DisposeBrowserContext(id).Do(exec) // closes what the tab left open
	}, nil
}

func TestMain(m *testing.M) {
	code := m.Run()
	if chromium.cancel != nil {
		chromium.cancel()
	}
	if chromium.dir != "" {
		os.RemoveAll(chromium.dir)
	}
	os.Exit(code)
}

func catalogue(t *testing.T) []domain.Occasion {
	t.Helper()
	cat, err := domain.ParseCatalogue(seeds.Occasions, seeds.OfficialOccasions)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func openDB(t *testing.T) *sqlite.DB {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "e2e.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.SeedOccasions(ctx, catalogue(t)); err != nil {
		t.Fatal(err)
	}
	return db
}

// record keeps the status of every top-level document response.
func (s *session) record(ev any) {
	var r docResponse
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		if ev.Type != network.ResourceTypeDocument || ev.RedirectResponse == nil {
			return
		}
		r = docResponse{pathOf(ev.RedirectResponse.URL), ev.RedirectResponse.Status}
	case *network.EventResponseReceived:
		if ev.Type != network.ResourceTypeDocument {
			return
		}
		r = docResponse{pathOf(ev.Response.URL), ev.Response.Status}
	default:
		return
	}
	s.mu.Lock()
	s.docs = append(s.docs, r)
	s.mu.Unlock()
}

func pathOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return u.Path
}

// mark returns a position in the response log for statusSince.
func (s *session) mark() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.docs)
}

// statuses returns the statuses the document at path answered after mark,
// in order, waiting up to five seconds for one that satisfies done.
func (s *session) statuses(mark int, path string, done func([]int64) bool) []int64 {
	deadline := time.Now().Add(5 * time.Second)
	for {
		var got []int64
		s.mu.Lock()
		for _, r := range s.docs[mark:] {
			if r.path == path {
				got = append(got, r.status)
			}
		}
		s.mu.Unlock()
		if done(got) || time.Now().After(deadline) {
			return got
		}
		time.Sleep(20 * time.Millisecond) // polling the listener's log, not waiting on the page
	}
}

// expectStatus fails the test unless path answered status after mark (a
// redirect to the same path answers twice).
func (s *session) expectStatus(mark int, path string, status int64) {
	s.t.Helper()
	got := s.statuses(mark, path, func(got []int64) bool { return slices.Contains(got, status) })
	if !slices.Contains(got, status) {
		s.t.Fatalf("%s answered %v, want %d", path, got, status)
	}
}

// run runs chromedp actions and fails the test on error or when they take
// longer than actionTimeout.
func (s *session) run(actions ...chromedp.Action) {
	s.t.Helper()
	s.step("", actions...)
}

// step is run with a description of the step for its failure message.
func (s *session) step(what string, actions ...chromedp.Action) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, actionTimeout)
	defer cancel()
	if err := chromedp.Run(ctx, actions...); err != nil {
		if what == "" {
			what = "browser"
		}
		s.t.Fatalf("%s (on %s): %v", what, s.location(), err)
	}
}

// location is the page's address, for failure messages.
func (s *session) location() string {
	ctx, cancel := context.WithTimeout(s.ctx, 2*time.Second)
	defer cancel()
	var u string
	if err := chromedp.Run(ctx, chromedp.Location(&u)); err != nil {
		return "an unknown page"
	}
	return u
}

// waitLocation waits until the page's address satisfies ok and the page
// has loaded (a navigation under way makes the page unreadable for a moment:
// those errors are waited out too).
func (s *session) waitLocation(ok func(*url.URL) bool) {
	s.t.Helper()
	deadline := time.Now().Add(actionTimeout)
	for {
		ctx, cancel := context.WithTimeout(s.ctx, 2*time.Second)
		var loc, state string
		err := chromedp.Run(ctx, chromedp.Location(&loc), chromedp.Evaluate(`document.readyState`, &state))
		cancel()
		if u, perr := url.Parse(loc); err == nil && perr == nil && ok(u) && state == "complete" {
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("the page stayed at %s (%v)", loc, err)
		}
		time.Sleep(20 * time.Millisecond) // polling the page's address, not waiting on an event
	}
}

// open navigates to path and waits for the page's main element.
func (s *session) open(path string) int64 {
	s.t.Helper()
	m := s.mark()
	s.step("opening "+path, chromedp.Navigate(s.base+path), chromedp.WaitReady("main", chromedp.ByQuery))
	got := s.statuses(m, pathOf(s.base+path), func(got []int64) bool { return len(got) > 0 })
	if len(got) == 0 {
		s.t.Fatalf("no response for %s", path)
	}
	return got[len(got)-1]
}

// click clicks sel and waits until waitFor is visible on the page that
// follows.
func (s *session) click(sel, waitFor string) {
	s.t.Helper()
	s.step(fmt.Sprintf("clicking %s, then waiting for %s", sel, waitFor),
		chromedp.Click(sel, chromedp.ByQuery, chromedp.NodeVisible), chromedp.WaitVisible(waitFor, chromedp.ByQuery))
}

// typeInto replaces the field's value by typing text into it.
func (s *session) typeInto(sel, text string) {
	s.t.Helper()
	s.step("typing into "+sel, chromedp.Clear(sel, chromedp.ByQuery), chromedp.SendKeys(sel, text, chromedp.ByQuery))
}

// js returns a Go value as a JavaScript literal.
func js(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// waitText waits until the element sel has exactly the text want.
func (s *session) waitText(sel, want string) {
	s.t.Helper()
	expr := fmt.Sprintf(`(document.querySelector(%s)?.textContent ?? "").trim() === %s`, js(sel), js(want))
	if err := chromedp.Run(s.ctx, chromedp.Poll(expr, nil, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		var got string
		_ = chromedp.Run(s.ctx, chromedp.Evaluate(fmt.Sprintf(`document.querySelector(%s)?.textContent ?? "<missing>"`, js(sel)), &got))
		s.t.Fatalf("%s reads %q, want %q", sel, got, want)
	}
}

// count returns how many elements match sel.
func (s *session) count(sel string) int {
	s.t.Helper()
	var n int
	s.run(chromedp.Evaluate(fmt.Sprintf(`document.querySelectorAll(%s).length`, js(sel)), &n))
	return n
}

// text returns the trimmed text of the first element matching sel ("" when
// none does).
func (s *session) text(sel string) string {
	s.t.Helper()
	var v string
	s.run(chromedp.Evaluate(fmt.Sprintf(`(document.querySelector(%s)?.textContent ?? "").trim()`, js(sel)), &v))
	return v
}

// attr returns an attribute of the first element matching sel.
func (s *session) attr(sel, name string) string {
	s.t.Helper()
	var v string
	var ok bool
	s.step("reading "+name+" of "+sel, chromedp.AttributeValue(sel, name, &v, &ok, chromedp.ByQuery))
	if !ok {
		s.t.Fatalf("%s has no %s attribute", sel, name)
	}
	return v
}

// value returns the current value of a form field.
func (s *session) value(sel string) string {
	s.t.Helper()
	var v string
	s.step("reading the value of "+sel, chromedp.Value(sel, &v, chromedp.ByQuery))
	return v
}

// path returns the page's current path.
func (s *session) path() string {
	s.t.Helper()
	var p string
	s.run(chromedp.Evaluate(`location.pathname`, &p))
	return p
}

// get fetches path outside the browser, for the status and body of
// non-page resources.
func (s *session) get(path string) (*http.Response, string) {
	s.t.Helper()
	resp, err := http.Get(s.base + path)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	return resp, string(b)
}

// awaitPromise makes chromedp.Evaluate wait for the promise the expression
// returns.
func awaitPromise(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }

// uc returns the use cases over db, as the server calls them.
func uc(db *sqlite.DB) *app.App { return app.Over(db, app.Options{}) }
