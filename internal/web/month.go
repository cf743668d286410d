package web

import (
	"bytes"
	"sync"

	"github.com/ruydad/ruydad/views"
)

// monthBody writes the body of month page v (views.AppendMonthBody) into a
// buffer kept from the last, and returns a copy of its length: the kept
// body costs one allocation, of its size, with nothing cleared first
// (before, a buffer an eighth larger than the last body, cleared).
func monthBody(v *views.MonthView) []byte {
	bp := monthBuffers.Get().(*[]byte)
	b := views.AppendMonthBody((*bp)[:0], v)
	out := bytes.Clone(b)
	*bp = b
	monthBuffers.Put(bp)
	return out
}

// monthBuffers are the buffers month bodies are written into.
var monthBuffers = sync.Pool{New: func() any { return new([]byte) }}
