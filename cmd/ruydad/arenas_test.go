package main

import (
	"runtime"
	"testing"
)

// TestLimitArenas: the server caps glibc's malloc arenas, unless
// MALLOC_ARENA_MAX is set, which glibc then reads itself.
func TestLimitArenas(t *testing.T) {
	if limitArenas(serveArenas, func(k string) string { return map[string]string{"MALLOC_ARENA_MAX": "2"}[k] }) {
		t.Error("MALLOC_ARENA_MAX set: the arenas were capped all the same")
	}
	if runtime.GOOS == "linux" && !limitArenas(serveArenas, func(string) string { return "" }) {
		t.Error("glibc's arenas were not capped (mallopt refused M_ARENA_MAX)")
	}
}
