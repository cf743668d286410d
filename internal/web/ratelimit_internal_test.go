package web

import (
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"
)

// Issue 14, item 6: the limiter kept every failed name whole (up to 256 KB
// each, never freed). Keys are now 16-byte hashes and each table holds at
// most its bound, whatever is thrown at it.
func TestLoginGuardStaysBounded(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	g := newLoginGuard(func() time.Time { return now }, 1000)
	name := strings.Repeat("x", maxLoginName-8)
	for i := range 20_000 {
		a, _ := g.begin(name+strconv.Itoa(i), "198.51.100."+strconv.Itoa(i%200))
		if a != nil {
			a.failed()
		}
		now = now.Add(time.Millisecond)
	}
	pair, addr, account := g.size()
	if pair > 1000 || addr > 1000 || account > 1000 {
		t.Errorf("after 20,000 distinct failed names: %d pair, %d address, %d account records; want at most 1,000 each", pair, addr, account)
	}
	per := int(unsafe.Sizeof(guardKey{}) + unsafe.Sizeof(record{}))
	t.Logf("records: %d pair, %d address, %d account, %d bytes each before the map's own overhead", pair, addr, account, per)
	if per > 48 {
		t.Errorf("a record takes %d bytes, want a fixed 40 or so whatever the name", per)
	}

	// At the real bound, the tables cannot pass maxEntries.
	g = newLoginGuard(func() time.Time { return now }, maxEntries)
	for i := range maxEntries + 5000 {
		if a, _ := g.begin("u"+strconv.Itoa(i), "2001:db8:"+strconv.FormatInt(int64(i), 16)+"::1"); a != nil {
			a.failed()
		}
	}
	if pair, addr, account := g.size(); pair > maxEntries || addr > maxEntries || account > maxEntries {
		t.Errorf("%d, %d, %d records, want at most %d", pair, addr, account, maxEntries)
	}
}

// The waits double from the free count on, up to maxDelay, and a record
// is forgotten after an hour without failures.
func TestLoginGuardDelays(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	g := newLoginGuard(func() time.Time { return now }, maxEntries)
	fail := func() time.Duration {
		a, wait := g.begin("Maryam", "203.0.113.5")
		if a != nil {
			a.failed()
		}
		return wait
	}
	for i := range pairFree {
		if w := fail(); w != 0 {
			t.Fatalf("free attempt %d waits %v", i+1, w)
		}
	}
	var waits []time.Duration
	for range 14 {
		w := fail()
		waits = append(waits, w)
		now = now.Add(w)
		if w2 := fail(); w2 != 0 && w != 0 {
			t.Fatalf("after waiting %v: still %v", w, w2)
		}
	}
	want := []time.Duration{1, 2, 4, 8, 16, 32, 64, 128, 256, 512}
	for i, w := range want {
		if waits[i] != w*time.Second {
			t.Errorf("wait %d: %v, want %v (all: %v)", i+1, waits[i], w*time.Second, waits)
		}
	}
	if last := waits[len(waits)-1]; last != maxDelay {
		t.Errorf("the longest wait is %v, want %v", last, maxDelay)
	}
	// Names differ only in case: one account.
	if _, w := g.begin("MARYAM", "203.0.113.5"); w == 0 {
		t.Error("MARYAM is not maryam")
	}
	now = now.Add(maxDelay + forget)
	if a, w := g.begin("maryam", "203.0.113.5"); a == nil || w != 0 {
		t.Errorf("after an hour without failures: wait %v", w)
	}
}

// An IPv6 client is one /64: its other addresses share its count.
func TestAddressKey(t *testing.T) {
	for in, want := range map[string]string{
		"203.0.113.5":          "203.0.113.5",
		"::ffff:203.0.113.5":   "203.0.113.5",
		"2001:db8:1:2:3:4:5:6": "2001:db8:1:2::/64",
		"2001:db8:1:2:ffff::1": "2001:db8:1:2::/64",
		"not an address":       "not an address",
	} {
		if got := addressKey(in); got != want {
			t.Errorf("addressKey(%q) = %q, want %q", in, got, want)
		}
	}
}
