package web

import (
	"net"
	"syscall"

	"golang.org/x/sys/unix"
)

// acked returns how many bytes the peer of a TCP connection has
// acknowledged (0 for another connection, or when the system does not
// tell).
func acked(c net.Conn) int64 {
	sc, ok := c.(syscall.Conn)
	if !ok {
		return 0
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return 0
	}
	var n int64
	raw.Control(func(fd uintptr) {
		if info, err := unix.GetsockoptTCPInfo(int(fd), unix.IPPROTO_TCP, unix.TCP_INFO); err == nil {
			n = int64(info.Bytes_acked)
		}
	})
	return n
}
