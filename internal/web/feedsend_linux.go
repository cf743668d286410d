package web

import (
	"os"
	"strconv"
)

// reopen opens the file of a whole body held in a file again, with an
// offset of its own (the body's is shared by its downloads, which read it
// with ReadAt): the system can then copy it to a connection itself
// (sendfile), without the server reading it into a buffer and writing it
// out. The file is unlinked, so it is opened through /proc. nil when the
// body is in memory or cannot be opened so; the caller closes it.
func (b *feedBody) reopen() *os.File {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.file == nil || !b.done || b.err != nil {
		return nil
	}
	return reopenFile(b.file, b.written)
}

// reopenFile opens file again (see reopen), when it holds size bytes.
func reopenFile(file *os.File, size int64) *os.File {
	f, err := os.Open("/proc/self/fd/" + strconv.FormatUint(uint64(file.Fd()), 10))
	if err != nil {
		return nil
	}
	if st, err := f.Stat(); err != nil || st.Size() != size {
		f.Close()
		return nil
	}
	return f
}
