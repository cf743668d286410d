//go:build !unix

package sqlite

import "os"

// fileID is 0 where the system names no inode: a replicated close then
// leaves no mark, and every replicated start checks the whole file.
func fileID(os.FileInfo) uint64 { return 0 }
