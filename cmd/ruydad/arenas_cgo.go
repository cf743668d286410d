//go:build cgo && linux

package main

/*
#include <malloc.h>

// ruydad_arena_max caps the C library's malloc arenas at n, where it has
// them (glibc), and returns 1 when it did.
static int ruydad_arena_max(int n) {
#if defined(__GLIBC__) && defined(M_ARENA_MAX)
	return mallopt(M_ARENA_MAX, n);
#else
	return 0;
#endif
}

// ruydad_glibc reports whether the C library is glibc.
static int ruydad_glibc(void) {
#ifdef __GLIBC__
	return 1;
#else
	return 0;
#endif
}
*/
import "C"

import "strings"

// serveArenas is how many malloc arenas the server's C memory (SQLite's)
// is kept in. glibc gives a thread that contends for one an arena of its
// own, up to eight for each core, and an arena keeps what was freed in it:
// the threads Go runs SQLite's calls on (dozens under 64 connections) held
// 18-24 MB more at national size (170-173 MB of RSS against 146-155 with
// four arenas, over searches, review pages and months), for no CPU the
// measurements could tell apart (BENCHMARKS.md, stop 27); two arenas held
// 7-15 MB less than four again, over searches, province months and review
// pages, for the same CPU a request (stop 30).
const serveArenas = 2

// limitArenas caps the C library's malloc arenas at n, unless glibc's
// own settings say how many (MALLOC_ARENA_MAX, or arena_max in
// GLIBC_TUNABLES), and reports whether it did (not where the C library
// has no arenas, as musl).
func limitArenas(n int, getenv func(string) string) bool {
	if getenv("MALLOC_ARENA_MAX") != "" || strings.Contains(getenv("GLIBC_TUNABLES"), "arena_max") {
		return false
	}
	return C.ruydad_arena_max(C.int(n)) == 1
}

// glibcArenas reports whether the C library is glibc, whose arenas
// limitArenas caps.
func glibcArenas() bool { return C.ruydad_glibc() == 1 }
