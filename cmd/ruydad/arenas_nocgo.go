//go:build !cgo || !linux

package main

// serveArenas: see arenas_cgo.go (glibc's arenas, on Linux with cgo).
const serveArenas = 2

// limitArenas does nothing here: no glibc arenas to cap.
func limitArenas(int, func(string) string) bool { return false }

// glibcArenas reports false here.
func glibcArenas() bool { return false }
