package web

import (
	"crypto/sha256"
	"net/netip"
	"strings"
	"sync"
	"time"
)

// The login guard slows password guessing down without locking the real
// user out (issue 14, items 2, 3 and 6). It counts failures only, never a
// successful login, in three tables:
//
//   - per (account, address) pair: the first pairFree failures pass at
//     once; after them each attempt waits twice as long as the one before
//     (1 s, 2 s, 4 s… up to maxDelay). A guesser at one address slows
//     down; the same account from any other address is untouched.
//   - per address, whatever the account: addrFree failures, then the same
//     doubling. An office behind one NAT or proxy signs in as often as it
//     likes, since successes do not count.
//   - per account, over every address: accountFree failures, then the same
//     doubling, but only for an address that has failed for that account
//     recently. A guesser spread over many addresses slows down after its
//     first guess at each, while a correct password from an address with no
//     recent failure for the account always goes through.
//
// An attempt is reserved (begin) before the password is compared, under one
// lock, and counted as a failure until it succeeds: guesses sent at once
// cannot all pass the check before any of them is counted.
//
// Memory is bounded: keys are 16 bytes of a SHA-256 (a user name is capped
// at maxLoginName before it gets here), a record is forgotten after forget
// without failures, and each table holds at most maxEntries records, the
// expired ones and then any dropped first when it is full.
const (
	pairFree    = 5
	addrFree    = 30
	accountFree = 10
	baseDelay   = time.Second
	maxDelay    = 15 * time.Minute
	forget      = time.Hour
	maxEntries  = 1 << 15

	// maxLoginName is the longest user name the login form looks up (an
	// account's name has at most 40 characters); a longer one is refused
	// before anything else.
	maxLoginName = 64
)

// guardKey is a table's key: the start of a SHA-256.
type guardKey [16]byte

func keyOf(parts ...string) guardKey {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	var k guardKey
	copy(k[:], h.Sum(nil))
	return k
}

// record is a key's count: failures and attempts still being checked, when
// the next attempt may start (once n has reached the table's free count),
// and when it last changed, as Unix nanoseconds.
type record struct {
	n          int32
	next, last int64
}

// throttle is one table.
type throttle struct {
	free    int32
	max     int // records kept at most
	records map[guardKey]record
}

func newThrottle(free int32, max int) *throttle {
	return &throttle{free: free, max: max, records: map[guardKey]record{}}
}

// get returns k's record, a zero one when it has none or its record is
// older than forget.
func (t *throttle) get(k guardKey, now int64) record {
	r, ok := t.records[k]
	if ok && now-r.last >= int64(forget) && now >= r.next {
		delete(t.records, k)
		return record{}
	}
	return r
}

// wait is how long k's next attempt must wait.
func (t *throttle) wait(r record, now int64) time.Duration {
	if r.n < t.free || now >= r.next {
		return 0
	}
	return time.Duration(r.next - now)
}

// take counts one attempt for k: from the free count on, the one after it
// must wait baseDelay, doubled for every attempt since.
func (t *throttle) take(k guardKey, now int64) {
	r := t.get(k, now)
	if _, ok := t.records[k]; !ok && len(t.records) >= t.max {
		t.evict(now)
	}
	r.n++
	r.last = now
	if over := r.n - t.free; over >= 0 {
		d := maxDelay
		if over < 20 {
			d = min(baseDelay<<over, maxDelay)
		}
		r.next = now + int64(d)
	}
	t.records[k] = r
}

// give takes back one attempt of k (one that did not fail).
func (t *throttle) give(k guardKey) {
	r, ok := t.records[k]
	if !ok {
		return
	}
	if r.n--; r.n <= 0 {
		delete(t.records, k)
		return
	}
	t.records[k] = r
}

// evict makes room in a full table: it drops the expired records and, if
// that frees less than an eighth of it, arbitrary ones (map order) until
// an eighth is free. A flood of new keys so sweeps the table once per
// eighth of it, not on every insert.
func (t *throttle) evict(now int64) {
	for k, r := range t.records {
		if now-r.last >= int64(forget) && now >= r.next {
			delete(t.records, k)
		}
	}
	for k := range t.records {
		if len(t.records) <= t.max-t.max/8 {
			break
		}
		delete(t.records, k)
	}
}

// loginGuard holds the three tables under one lock.
type loginGuard struct {
	mu                   sync.Mutex
	now                  func() time.Time
	pair, addr, accounts *throttle
}

func newLoginGuard(now func() time.Time, max int) *loginGuard {
	return &loginGuard{now: now, pair: newThrottle(pairFree, max), addr: newThrottle(addrFree, max),
		accounts: newThrottle(accountFree, max)}
}

// loginAttempt is an attempt begin let through: end it with failed,
// succeeded or undone.
type loginAttempt struct {
	g                     *loginGuard
	pair, addr, accountID guardKey
}

// begin reserves an attempt to sign in as account from address, or says
// how long to wait before one.
func (g *loginGuard) begin(account, address string) (*loginAttempt, time.Duration) {
	account, address = strings.ToLower(account), addressKey(address)
	a := &loginAttempt{g: g, pair: keyOf(account, address), addr: keyOf(address), accountID: keyOf(account)}
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now().UnixNano()
	pair := g.pair.get(a.pair, now)
	wait := max(g.pair.wait(pair, now), g.addr.wait(g.addr.get(a.addr, now), now))
	if pair.n > 0 { // this address has failed for this account lately
		wait = max(wait, g.accounts.wait(g.accounts.get(a.accountID, now), now))
	}
	if wait > 0 {
		return nil, wait
	}
	g.pair.take(a.pair, now)
	g.addr.take(a.addr, now)
	g.accounts.take(a.accountID, now)
	return a, 0
}

// failed leaves the attempt counted, as a failure.
func (a *loginAttempt) failed() {}

// succeeded takes the attempt back and forgets the pair's failures: a
// successful login does not count, and the user's next typo starts afresh.
func (a *loginAttempt) succeeded() {
	a.g.mu.Lock()
	defer a.g.mu.Unlock()
	delete(a.g.pair.records, a.pair)
	a.g.addr.give(a.addr)
	a.g.accounts.give(a.accountID)
}

// undone takes the attempt back: it was neither (the store failed).
func (a *loginAttempt) undone() {
	a.g.mu.Lock()
	defer a.g.mu.Unlock()
	a.g.pair.give(a.pair)
	a.g.addr.give(a.addr)
	a.g.accounts.give(a.accountID)
}

// size returns how many records each table holds (pair, address, account).
func (g *loginGuard) size() (int, int, int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.pair.records), len(g.addr.records), len(g.accounts.records)
}

// addressKey is the part of a client address that one client controls: an
// IPv4 address, or the /64 of an IPv6 one (a single host is routinely
// given a whole /64, and could otherwise try from each of its addresses).
func addressKey(address string) string {
	ip, err := netip.ParseAddr(address)
	if err != nil {
		return address
	}
	ip = ip.Unmap()
	if ip.Is4() {
		return ip.String()
	}
	p, _ := ip.Prefix(64)
	return p.String()
}
