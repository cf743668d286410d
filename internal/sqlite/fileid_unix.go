//go:build unix

package sqlite

import (
	"os"
	"syscall"
)

// fileID returns the inode of the file st describes: a file restored or
// copied in place of another has another one (see replicatedMark).
func fileID(st os.FileInfo) uint64 {
	if sys, ok := st.Sys().(*syscall.Stat_t); ok {
		return uint64(sys.Ino)
	}
	return 0
}
