package main

import "testing"

// TestLimitArenas: the server caps glibc's malloc arenas, unless glibc's
// own settings (MALLOC_ARENA_MAX, arena_max in GLIBC_TUNABLES) say how
// many; where the C library is not glibc there is nothing to cap.
func TestLimitArenas(t *testing.T) {
	for _, env := range []map[string]string{
		{"MALLOC_ARENA_MAX": "2"},
		{"GLIBC_TUNABLES": "glibc.malloc.arena_max=2:glibc.malloc.trim_threshold=0"},
	} {
		if limitArenas(serveArenas, func(k string) string { return env[k] }) {
			t.Errorf("%v: the arenas were capped all the same", env)
		}
	}
	if got := limitArenas(serveArenas, func(string) string { return "" }); got != glibcArenas() {
		t.Errorf("arenas capped: %v, with glibc: %v", got, glibcArenas())
	}
}
