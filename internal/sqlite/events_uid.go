package sqlite

import (
	"context"
	"fmt"

	"github.com/ruydad/ruydad/internal/domain"
)

// EventsByUIDPrefix returns the events whose UID begins with prefix, read
// as a range of the UID's index (every UID with the prefix sorts between
// it and the prefix with its last byte raised), never a scan.
func (d *DB) EventsByUIDPrefix(ctx context.Context, prefix string) ([]domain.Event, error) {
	if prefix == "" {
		return nil, fmt.Errorf("events by UID prefix: empty prefix")
	}
	evs, err := d.queryEvents(ctx, `SELECT `+eventColumns+` FROM events WHERE uid >= ? AND uid < ? ORDER BY uid`, prefix, prefixEnd(prefix))
	if err != nil {
		return nil, fmt.Errorf("events by UID prefix: %w", err)
	}
	return evs, nil
}

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
