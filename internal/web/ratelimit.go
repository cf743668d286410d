package web

import (
	"sync"
	"time"
)

// limiter counts events per key in fixed windows: at most max per window.
// Login uses two: attempts per client IP and failures per account name.
type limiter struct {
	mu     sync.Mutex
	max    int
	window time.Duration
	now    func() time.Time
	hits   map[string]*bucket
}

type bucket struct {
	n     int
	reset time.Time
}

func newLimiter(max int, window time.Duration, now func() time.Time) *limiter {
	return &limiter{max: max, window: window, now: now, hits: map[string]*bucket{}}
}

// blocked reports whether key has used up its window.
func (l *limiter) blocked(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.hits[key]
	return b != nil && l.now().Before(b.reset) && b.n >= l.max
}

// add counts one event for key.
func (l *limiter) add(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b := l.hits[key]
	if b == nil || !now.Before(b.reset) {
		if len(l.hits) > 100000 { // bound memory under a flood of keys
			for k, old := range l.hits {
				if !now.Before(old.reset) {
					delete(l.hits, k)
				}
			}
		}
		b = &bucket{reset: now.Add(l.window)}
		l.hits[key] = b
	}
	b.n++
}

// forget clears key (an account's failures after a good login).
func (l *limiter) forget(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.hits, key)
}
