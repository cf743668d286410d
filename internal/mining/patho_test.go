package mining

import (
	"runtime"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/jalali"
)

// TestPathologicalInputsAreLinear mines long one-line inputs built from
// repeated date-like and trigger-like fragments and checks that none takes
// quadratic work. Work is counted as the allocations a Mine and a
// DateSpans call make (a count, not a timing, so a busy machine does not
// fail it); BenchmarkMine measures the speed.
func TestPathologicalInputsAreLinear(t *testing.T) {
	m := testMiner(t)
	for _, frag := range []string{"۱۲ مه ", "1/2/3/", "روز ", "هفته دولت ", "همایش ", "و ", "بیست و ", "1398/02/24 ", "این همایش برگزار شد ", "هر ", "این همایش ۱ مهر برگزار شد، ", "روزی سه بار "} {
		small := strings.Repeat(frag, 2000)
		big := strings.Repeat(frag, 20000)
		as, bs := workMine(m, small)
		ab, bb := workMine(m, big)
		// Quadratic work would allocate about 100 times as much.
		if ab > 15*max(as, 1) || bb > 15*max(bs, 1) {
			t.Errorf("%q: 10× the input made %d allocations of %d bytes against %d of %d", frag, ab, bb, as, bs)
		}
		t.Logf("%q: %d bytes: %d allocations, %d bytes; %d bytes: %d allocations, %d bytes", frag, len(small), as, bs, len(big), ab, bb)
	}
}

// workMine returns the allocations and allocated bytes of mining s.
func workMine(m *Miner, s string) (allocs, bytes uint64) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	m.Mine(Input{Text: s, Published: jalali.MustNew(1403, 2, 24)})
	m.DateSpans(s)
	runtime.ReadMemStats(&after)
	return after.Mallocs - before.Mallocs, after.TotalAlloc - before.TotalAlloc
}
