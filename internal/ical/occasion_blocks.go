package ical

import (
	"sync"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
)

// Every feed of a calendar carries the same occasions over the same
// window: some 7,000 VEVENTs, written again for each province's feed (a
// sixth of a province's feed's render at national size). The bytes an
// occasion's VEVENTs make are kept (occasionBlocks), keyed by everything
// they are made of, and written again as they are.

// occasionKey is everything Writer.Occasion writes for an occasion from:
// the feed's calendar (its Hijri month starts and corrections; a new
// correction makes a new one), DTSTAMP, window, RSCALE and the occasion's
// reminder, and the occasion's fields the VEVENTs name.
type occasionKey struct {
	cal                              *calendar.Calendar
	stamp                            string
	from, to                         int
	rscale                           bool
	lead                             int
	reminds                          bool
	key, name, description, province string
	recurrence                       domain.Recurrence
	holiday                          bool
	sequence                         int
	updated                          int64
	updatedZero                      bool
}

// occasionBlocks are the kept bytes of occasions' VEVENTs, of one calendar
// and DTSTAMP at a time (a feed of another starts them afresh), at most
// maxOccasionBytes of them.
type occasionBlocks struct {
	mu    sync.Mutex
	cal   *calendar.Calendar
	stamp string
	m     map[occasionKey][]byte
	size  int
}

const maxOccasionBytes = 16 << 20

var keptOccasions occasionBlocks

func (w *Writer) occasionKey(o *domain.Occasion) occasionKey {
	lead, reminds := w.f.OccasionLeads[o.Key]
	return occasionKey{cal: w.cal, stamp: w.stamp, from: w.f.FromYear, to: w.f.ToYear, rscale: w.f.RScale,
		lead: lead, reminds: reminds, key: o.Key, name: o.Name, description: o.Description, province: o.Province,
		recurrence: o.Recurrence, holiday: o.Holiday, sequence: o.Sequence,
		updated: o.UpdatedAt.UnixNano(), updatedZero: o.UpdatedAt.IsZero()}
}

// get returns the bytes kept under k.
func (b *occasionBlocks) get(k occasionKey) ([]byte, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.cal != k.cal || b.stamp != k.stamp {
		return nil, false
	}
	v, ok := b.m[k]
	return v, ok
}

// put keeps v under k, forgetting the blocks of another calendar or
// DTSTAMP.
func (b *occasionBlocks) put(k occasionKey, v []byte) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.m == nil || b.cal != k.cal || b.stamp != k.stamp {
		b.cal, b.stamp, b.m, b.size = k.cal, k.stamp, map[occasionKey][]byte{}, 0
	}
	if _, ok := b.m[k]; ok || b.size+len(v) > maxOccasionBytes {
		return
	}
	b.m[k] = v
	b.size += len(v)
}
