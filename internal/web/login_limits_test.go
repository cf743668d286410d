package web_test

import (
	"context"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	usecases "github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/sqlite"
	"github.com/ruydad/ruydad/internal/web"
)

// countingAccounts counts the password comparisons the use cases make:
// app.Authenticate looks the name up once and compares one password for
// each lookup (a dummy hash for an unknown name).
type countingAccounts struct {
	usecases.AccountStore
	compared atomic.Int64
}

func (c *countingAccounts) UserByName(ctx context.Context, name string) (domain.User, error) {
	c.compared.Add(1)
	return c.AccountStore.UserByName(ctx, name)
}

// newCountingApp is newAppWith whose password comparisons are counted.
func newCountingApp(t *testing.T, cfg web.Config) (*app, *countingAccounts) {
	counter := &countingAccounts{}
	a := newAppOver(t, cfg, func(db *sqlite.DB) *usecases.App {
		st := usecases.StoresOf(db)
		counter.AccountStore = db
		st.Accounts = counter
		return usecases.New(st, usecases.Options{Logger: discardLogger(), PasswordCost: bcrypt.MinCost})
	}, nil)
	return a, counter
}

// loopback is the address every test request comes from.
var loopback = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32"), netip.MustParsePrefix("::1/128")}

// loginFrom posts a login as name with password, the client being at
// client (sent in X-Forwarded-For; "" sends none), and returns the status.
func (a *app) loginFrom(client, name, password string) *http.Response {
	a.t.Helper()
	_, doc := a.get("/login")
	tok, _ := doc.Find(`input[name="_csrf"]`).Attr("value")
	return a.postLogin(tok, client, name, password)
}

func (a *app) postLogin(tok, client, name, password string) *http.Response {
	form := url.Values{"_csrf": {tok}, "username": {name}, "password": {password}}
	req, err := http.NewRequest(http.MethodPost, a.srv.URL+"/login", strings.NewReader(form.Encode()))
	if err != nil {
		a.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if client != "" {
		req.Header.Set("X-Forwarded-For", client)
	}
	resp, err := a.http.Do(req)
	if err != nil {
		a.t.Error(err)
		return &http.Response{}
	}
	resp.Body.Close()
	return resp
}

// Issue 14, item 2: the per-account limit was checked before bcrypt and
// counted after, so guesses sent at once were all compared (29 of 29; 200
// from 8 addresses). Each attempt is now reserved before its comparison.
func TestParallelGuessesAreCountedBeforeComparing(t *testing.T) {
	a, counter := newCountingApp(t, web.Config{TrustedProxies: loopback})
	withUsers(t, a)
	_, doc := a.get("/login")
	tok, _ := doc.Find(`input[name="_csrf"]`).Attr("value")
	guess := func(clients []string, each int) (compared int64, statuses map[int]int) {
		counter.compared.Store(0)
		var mu sync.Mutex
		statuses = map[int]int{}
		var wg sync.WaitGroup
		start := make(chan struct{})
		for _, client := range clients {
			for range each {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					st := a.postLogin(tok, client, "editor", "a-wrong-guess-"+client).StatusCode
					mu.Lock()
					statuses[st]++
					mu.Unlock()
				}()
			}
		}
		close(start)
		wg.Wait()
		return counter.compared.Load(), statuses
	}

	// 50 guesses at once from one address: the pair's 5 free attempts.
	if n, st := guess([]string{"203.0.113.1"}, 50); n > 5 || st[http.StatusUnauthorized] != int(n) || st[http.StatusTooManyRequests] != 50-int(n) {
		t.Errorf("50 parallel guesses from one address: %d compared (want at most 5), statuses %v", n, st)
	} else {
		t.Logf("50 parallel guesses from one address: %d compared", n)
	}
	// 200 at once from 8 more addresses: one first guess at each, then the
	// account's own limit over every address.
	var clients []string
	for i := range 8 {
		clients = append(clients, "198.51.100."+itoa(int64(10+i)))
	}
	if n, st := guess(clients, 25); n > 8+10 {
		t.Errorf("200 parallel guesses from 8 addresses: %d compared (want at most 18), statuses %v", n, st)
	} else {
		t.Logf("200 parallel guesses from 8 addresses: %d compared", n)
	}
	// The real user, from an address that has not failed, gets in.
	if resp := a.loginFrom("192.0.2.7", "editor", pw); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the right password from a clean address during the attack: %d", resp.StatusCode)
	}
}

// Issue 14, item 3: five wrong passwords from anywhere locked the real user
// out for 15 minutes, renewably. Failures now slow down the (account,
// address) pair that made them, doubling the wait; the right password from
// another address goes through at once.
func TestLoginThrottleSlowsDownAndSparesOtherAddresses(t *testing.T) {
	var clock atomic.Int64
	clock.Store(fixedNow.UnixNano())
	advance := func(d time.Duration) { clock.Add(int64(d)) }
	a := newAppWith(t, web.Config{TrustedProxies: loopback, Now: func() time.Time { return time.Unix(0, clock.Load()) }})
	withUsers(t, a)
	const attacker, office = "203.0.113.9", "192.0.2.20"
	for i := range 5 {
		if r := a.loginFrom(attacker, "editor", "wrong-password-x"); r.StatusCode != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i+1, r.StatusCode)
		}
	}
	r := a.loginFrom(attacker, "editor", "wrong-password-x")
	if r.StatusCode != http.StatusTooManyRequests || r.Header.Get("Retry-After") != "1" {
		t.Errorf("the sixth attempt at once: %d, Retry-After %q; want 429 and 1", r.StatusCode, r.Header.Get("Retry-After"))
	}
	if r := a.loginFrom(office, "editor", pw); r.StatusCode != http.StatusSeeOther {
		t.Errorf("the real user from another address: %d, want 303", r.StatusCode)
	}
	// The attacker's waits double: 1 s, 2 s, 4 s, 8 s.
	for _, wait := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second} {
		advance(wait - time.Millisecond)
		if r := a.loginFrom(attacker, "editor", "wrong-password-x"); r.StatusCode != http.StatusTooManyRequests {
			t.Errorf("%v after the last failure, less than the %v wait: %d", wait-time.Millisecond, wait, r.StatusCode)
		}
		advance(time.Millisecond)
		if r := a.loginFrom(attacker, "editor", "wrong-password-x"); r.StatusCode != http.StatusUnauthorized {
			t.Errorf("after the %v wait: %d, want the attempt compared (401)", wait, r.StatusCode)
		}
	}
	// The wait is never a lock: once it has passed, the right password
	// works from that address too, and clears the pair.
	advance(16 * time.Second)
	if r := a.loginFrom(attacker, "editor", pw); r.StatusCode != http.StatusSeeOther {
		t.Errorf("the right password once the wait is over: %d", r.StatusCode)
	}
	if r := a.loginFrom(attacker, "editor", "wrong-password-x"); r.StatusCode != http.StatusUnauthorized {
		t.Errorf("after a good login, a typo: %d, want 401, not a wait", r.StatusCode)
	}
	// An hour without failures forgets them all.
	for range 10 {
		a.loginFrom(attacker, "viewer", "wrong-password-x")
	}
	advance(time.Hour + 15*time.Minute)
	if r := a.loginFrom(attacker, "viewer", pw); r.StatusCode != http.StatusSeeOther {
		t.Errorf("an hour after the last failure: %d", r.StatusCode)
	}
}

// Issue 14, item 3: the per-address limit counted successful logins, so an
// office behind one NAT was locked out at its 31st login in ten minutes.
func TestSuccessfulLoginsDoNotCount(t *testing.T) {
	a := newApp(t)
	withUsers(t, a)
	for i := range 40 {
		name := []string{"admin", "editor", "viewer"}[i%3]
		if r := a.login(name, pw); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("login %d from one address: %d", i+1, r.StatusCode)
		}
	}
	// Failures from one address for many accounts are slowed down after 30.
	for i := range 30 {
		if r := a.login("nobody-"+itoa(int64(i)), "wrong-password-x"); r.StatusCode != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i+1, r.StatusCode)
		}
	}
	if r := a.login("admin", pw); r.StatusCode != http.StatusTooManyRequests {
		t.Errorf("after 30 failures from one address, at once: %d, want 429", r.StatusCode)
	}
}

// Issue 14, item 3: X-Forwarded-For names the client only when the
// connection comes from a proxy --trusted-proxy names; otherwise, and by
// default, the connection's address counts (echo itself would trust any
// loopback or private address).
func TestForwardedForOnlyFromTrustedProxies(t *testing.T) {
	for _, tt := range []struct {
		name    string
		proxies []netip.Prefix
		honored bool
	}{
		{"no trusted proxy", nil, false},
		{"another proxy", []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}, false},
		{"this proxy", loopback, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := newAppWith(t, web.Config{TrustedProxies: tt.proxies})
			withUsers(t, a)
			// Five failures, each claiming another client.
			for i := range 5 {
				a.loginFrom("203.0.113."+itoa(int64(i)), "editor", "wrong-password-x")
			}
			r := a.loginFrom("203.0.113.99", "editor", "wrong-password-x")
			if honored := r.StatusCode == http.StatusUnauthorized; honored != tt.honored {
				t.Errorf("a sixth failure claiming a sixth client: %d (header honored: %v, want %v)", r.StatusCode, honored, tt.honored)
			}
		})
	}
}

// Issue 14, item 6: failed logins with 250 KB user names grew the limiter
// by 256 KB each. A name longer than maxLoginName is refused before
// anything else: not compared, not counted.
func TestHugeUserNameRefusedAtOnce(t *testing.T) {
	a, counter := newCountingApp(t, web.Config{})
	withUsers(t, a)
	huge := strings.Repeat("a", 250_000)
	for range 20 {
		if r := a.login(huge, "wrong-password-x"); r.StatusCode != http.StatusUnauthorized {
			t.Fatalf("a 250 KB name: %d", r.StatusCode)
		}
	}
	if n := counter.compared.Load(); n != 0 {
		t.Errorf("%d comparisons for names longer than any account's", n)
	}
	if r := a.login(strings.Repeat("ن", 65), "wrong-password-x"); r.StatusCode != http.StatusUnauthorized || counter.compared.Load() != 0 {
		t.Errorf("a 65-letter name: %d, %d compared", r.StatusCode, counter.compared.Load())
	}
	if r := a.login("editor", pw); r.StatusCode != http.StatusSeeOther {
		t.Errorf("a real login afterwards: %d", r.StatusCode)
	}
}
