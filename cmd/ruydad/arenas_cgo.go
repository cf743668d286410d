//go:build cgo

package main

/*
#include <malloc.h>

// ruydad_arena_max caps the C library's malloc arenas at n, where it has
// them (glibc), and returns 1 when it did.
static int ruydad_arena_max(int n) {
#ifdef M_ARENA_MAX
	return mallopt(M_ARENA_MAX, n);
#else
	return 0;
#endif
}
*/
import "C"

// serveArenas is how many malloc arenas the server's C memory (SQLite's)
// is kept in. glibc gives a thread that contends for one an arena of its
// own, up to eight for each core, and an arena keeps what was freed in it:
// the threads Go runs SQLite's calls on (dozens under 64 connections) held
// 18-24 MB more at national size (170-173 MB of RSS against 146-155 with
// four arenas, over searches, review pages and months), for no CPU the
// measurements could tell apart (BENCHMARKS.md, stop 27).
const serveArenas = 4

// limitArenas caps the C library's malloc arenas at n, unless
// MALLOC_ARENA_MAX (glibc's own setting) says otherwise, and reports
// whether it did (not where the C library has no arenas, as musl).
func limitArenas(n int, getenv func(string) string) bool {
	if getenv("MALLOC_ARENA_MAX") != "" {
		return false
	}
	return C.ruydad_arena_max(C.int(n)) == 1
}
