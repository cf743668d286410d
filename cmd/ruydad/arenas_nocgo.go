//go:build !cgo

package main

// serveArenas: see arenas_cgo.go (ruydad is built with cgo: SQLite).
const serveArenas = 4

// limitArenas does nothing without cgo.
func limitArenas(int, func(string) string) bool { return false }
