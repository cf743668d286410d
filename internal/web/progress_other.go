//go:build !linux

package web

import "net"

// acked returns 0: only Linux tells (see progress_linux.go); elsewhere a
// download's progress is what the server has written.
func acked(net.Conn) int64 { return 0 }
