package sqlite

// prefixEnd is the least string greater than every string that begins
// with prefix (SQLite compares text byte by byte): its last byte below
// 0xFF raised by one, the bytes after it dropped.
func prefixEnd(prefix string) string {
	b := []byte(prefix)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < 0xFF {
			b[i]++
			return string(b[:i+1])
		}
	}
	return "\U0010FFFF\U0010FFFF"
}
