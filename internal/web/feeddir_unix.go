//go:build unix

package web

import (
	"errors"
	"os"
	"syscall"
)

// lockFile takes f's exclusive advisory lock without waiting: false when
// another process (another server on the same folder) holds it. The lock
// goes with the process, however it ends.
func lockFile(f *os.File) (bool, error) {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return false, nil
	}
	return err == nil, err
}
