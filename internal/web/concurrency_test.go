package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/sqlite"
	"github.com/ruydad/ruydad/internal/web"
	"github.com/ruydad/ruydad/seeds"
)

// syncBuffer is a bytes.Buffer that many goroutines may write.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// stressTally is one client's record: requests by kind, 5xx answers,
// anything else unexpected, and the writes the server acknowledged.
type stressTally struct {
	requests   map[string]int
	fiveXX     int
	unexpected []string
	live       map[int64]string // created and not deleted: id → last acknowledged title
	deleted    []int64
	writes     int
}

var (
	csrfRE     = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)
	eventIDRE  = regexp.MustCompile(`^/events/([0-9]+)\?`)
	lockedText = "database is locked"
)

// stressClient is one browser: its own cookie jar, CSRF token and events.
type stressClient struct {
	base  string
	http  *http.Client
	token string
	n     int
	id    int
	rnd   *rand.Rand
	tally stressTally
}

// do sends a request and returns the status, the body and the Location.
func (c *stressClient) do(kind string, req *http.Request) (int, string, string) {
	c.tally.requests[kind]++
	resp, err := c.http.Do(req)
	if err != nil {
		c.tally.unexpected = append(c.tally.unexpected, fmt.Sprintf("%s %s: %v", kind, req.URL.Path, err))
		return 0, "", ""
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode >= 500 {
		c.tally.fiveXX++
	}
	if strings.Contains(string(body), lockedText) {
		c.tally.unexpected = append(c.tally.unexpected, kind+" "+req.URL.Path+": the answer says "+lockedText)
	}
	return resp.StatusCode, string(body), resp.Header.Get("Location")
}

func (c *stressClient) get(kind, path string) (int, string) {
	req, _ := http.NewRequest(http.MethodGet, c.base+path, nil)
	status, body, _ := c.do(kind, req)
	if status != http.StatusOK {
		c.tally.unexpected = append(c.tally.unexpected, fmt.Sprintf("%s %s: %d", kind, path, status))
	}
	return status, body
}

// post submits a form and returns the redirect target of a 303, or "".
func (c *stressClient) post(kind, path string, form url.Values) string {
	form.Set("_csrf", c.token)
	req, _ := http.NewRequest(http.MethodPost, c.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	status, _, loc := c.do(kind, req)
	if status != http.StatusSeeOther {
		c.tally.unexpected = append(c.tally.unexpected, fmt.Sprintf("%s %s: %d", kind, path, status))
		return ""
	}
	c.tally.writes++
	return loc
}

func (c *stressClient) eventForm(title string) url.Values {
	day := 1 + c.rnd.IntN(31)
	f := url.Values{"title": {title}, "kind": {"meeting"}, "start": {fmt.Sprintf("۱۴۰۴/۰۲/%02d", day)}}
	if c.rnd.IntN(2) == 0 {
		f.Set("start_time", "09:30")
		f.Set("location", "تهران")
	}
	return f
}

// ownEvent returns one of this client's live events, or 0.
func (c *stressClient) ownEvent() int64 {
	for id := range c.tally.live {
		return id
	}
	return 0
}

// step does one random thing, as a person at a browser would.
func (c *stressClient) step() {
	switch r := c.rnd.IntN(100); {
	case r < 20:
		c.get("month", "/calendar/1404/2")
	case r < 30:
		c.get("feed", "/calendar.ics")
	case r < 40:
		c.get("search", "/search?q="+url.QueryEscape("رویداد"))
	case r < 55:
		id := c.ownEvent()
		if id == 0 {
			id = 1 + int64(c.rnd.IntN(50))
			req, _ := http.NewRequest(http.MethodGet, c.base+"/events/"+strconv.FormatInt(id, 10), nil)
			c.do("event", req) // someone else's: it may be gone (404)
			return
		}
		c.get("event", "/events/"+strconv.FormatInt(id, 10))
	case r < 80:
		c.n++
		title := fmt.Sprintf("رویداد %d-%d", c.id, c.n)
		if m := eventIDRE.FindStringSubmatch(c.post("create", "/events", c.eventForm(title))); m != nil {
			id, _ := strconv.ParseInt(m[1], 10, 64)
			c.tally.live[id] = title
		}
	case r < 92:
		id := c.ownEvent()
		if id == 0 {
			return
		}
		c.n++
		title := fmt.Sprintf("رویداد %d-%d ویرایش‌شده", c.id, c.n)
		if c.post("edit", "/events/"+strconv.FormatInt(id, 10), c.eventForm(title)) != "" {
			c.tally.live[id] = title
		}
	default:
		id := c.ownEvent()
		if id == 0 {
			return
		}
		if c.post("delete", "/events/"+strconv.FormatInt(id, 10)+"/delete", url.Values{}) != "" {
			delete(c.tally.live, id)
			c.tally.deleted = append(c.tally.deleted, id)
		}
	}
}

// TestConcurrentClients drives 32 clients at a real server over a real
// SQLite file for a few seconds (RUYDAD_STRESS_SECONDS for longer) and
// checks that no request failed and that the database holds exactly the
// writes the server acknowledged.
func TestConcurrentClients(t *testing.T) {
	const clients = 32
	duration := 3 * time.Second
	if s := os.Getenv("RUYDAD_STRESS_SECONDS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			t.Fatalf("RUYDAD_STRESS_SECONDS=%q is not a number of seconds", s)
		}
		duration = time.Duration(n) * time.Second
	}
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "stress.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cat, err := domain.ParseCatalogue(seeds.Occasions, seeds.OfficialOccasions)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SeedOccasions(ctx, cat); err != nil {
		t.Fatal(err)
	}
	var logs syncBuffer
	srv := httptest.NewServer(web.New(uc(db), web.Config{Logger: slog.New(slog.NewTextHandler(&logs, nil))}))
	defer srv.Close()
	// Every client is an editor of its own session.
	editor := domain.User{Name: "editor", Role: domain.RoleEditor, PasswordHash: "-", FeedTokenHash: "-"}
	if err := db.CreateUser(ctx, &editor); err != nil {
		t.Fatal(err)
	}
	srvURL, _ := url.Parse(srv.URL)
	transport := &http.Transport{MaxIdleConnsPerHost: clients}
	defer transport.CloseIdleConnections()

	deadline := time.Now().Add(duration)
	all := make([]*stressClient, clients)
	var wg sync.WaitGroup
	for i := range all {
		jar, _ := cookiejar.New(nil)
		session, err := db.CreateSession(ctx, editor.ID)
		if err != nil {
			t.Fatal(err)
		}
		jar.SetCookies(srvURL, []*http.Cookie{{Name: "ruydad_session", Value: session, Path: "/"}})
		c := &stressClient{base: srv.URL, id: i, rnd: rand.New(rand.NewPCG(uint64(i), 1404)),
			http:  &http.Client{Jar: jar, Transport: transport, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }},
			tally: stressTally{requests: map[string]int{}, live: map[int64]string{}}}
		all[i] = c
		wg.Go(func() {
			_, body := c.get("form", "/events/new")
			m := csrfRE.FindStringSubmatch(body)
			if m == nil {
				c.tally.unexpected = append(c.tally.unexpected, "the event form has no _csrf field")
				return
			}
			c.token = m[1]
			for time.Now().Before(deadline) {
				c.step()
			}
		})
	}
	wg.Wait()
	checkStress(t, db, all, logs.String(), duration)
}

func checkStress(t *testing.T, db *sqlite.DB, all []*stressClient, logs string, duration time.Duration) {
	t.Helper()
	requests, fiveXX, writes, deleted := map[string]int{}, 0, 0, 0
	want := map[int64]string{}
	var unexpected []string
	for _, c := range all {
		for k, n := range c.tally.requests {
			requests[k] += n
			requests["all"] += n
		}
		fiveXX += c.tally.fiveXX
		writes += c.tally.writes
		deleted += len(c.tally.deleted)
		unexpected = append(unexpected, c.tally.unexpected...)
		for id, title := range c.tally.live {
			want[id] = title
		}
	}
	stored, err := db.EventsBetween(context.Background(), jalali.MustNew(1300, 1, 1), jalali.MustNew(1500, 1, 1),
		domain.EventFilter{Statuses: []domain.Status{domain.StatusConfirmed, domain.StatusProposed, domain.StatusRejected}})
	if err != nil {
		t.Fatal(err)
	}
	got := map[int64]string{}
	for _, e := range stored {
		got[e.ID] = e.Title
	}
	lost, extra := 0, 0
	for id, title := range want {
		if got[id] != title {
			lost++
			t.Errorf("event %d: acknowledged title %q, stored %q", id, title, got[id])
		}
	}
	for id, title := range got {
		if _, ok := want[id]; !ok {
			extra++
			t.Errorf("event %d (%q) is stored but was never acknowledged, or was deleted", id, title)
		}
	}
	t.Logf("%d clients for %s: %d requests %v; %d acknowledged writes (%d events live, %d deleted); %d 5xx; %d lost writes; %d extra events",
		len(all), duration, requests["all"], requests, writes, len(want), deleted, fiveXX, lost, extra)
	if writes == 0 || requests["month"] == 0 {
		t.Error("the clients did no writes or no reads")
	}
	if fiveXX > 0 {
		t.Errorf("%d answers were 5xx", fiveXX)
	}
	for i, u := range unexpected {
		if i == 20 {
			t.Errorf("… and %d more", len(unexpected)-20)
			break
		}
		t.Errorf("unexpected: %s", u)
	}
	if n := strings.Count(logs, lockedText); n > 0 {
		i := strings.Index(logs, lockedText)
		t.Errorf("the log says %q %d times, first: …%s…", lockedText, n, logs[max(0, i-300):min(len(logs), i+100)])
	}
}
