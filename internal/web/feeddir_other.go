//go:build !unix

package web

import "os"

// lockFile reports the lock taken by another process: without flock,
// every server keeps its feeds in a folder of its own (see OpenFeedDir).
func lockFile(*os.File) (bool, error) { return false, nil }
