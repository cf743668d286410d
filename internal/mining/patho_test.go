package mining

import (
	"strings"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/jalali"
)

// TestPathologicalInputsAreLinear mines long one-line inputs built from
// repeated date-like and trigger-like fragments and checks that none takes
// quadratic time.
func TestPathologicalInputsAreLinear(t *testing.T) {
	m := testMiner(t)
	for _, frag := range []string{"۱۲ مه ", "1/2/3/", "روز ", "هفته دولت ", "همایش ", "و ", "بیست و ", "1398/02/24 ", "این همایش برگزار شد ", "هر ", "این همایش ۱ مهر برگزار شد، ", "روزی سه بار "} {
		small := strings.Repeat(frag, 4000)
		big := strings.Repeat(frag, 40000)
		ts := timeMine(m, small)
		tb := timeMine(m, big)
		// Quadratic work would take about 100 times as long; allow for the
		// garbage collector, which weighs more on large inputs.
		if tb > 30*ts && tb > 500*time.Millisecond {
			t.Errorf("%q: 10× the input took %v against %v", frag, tb, ts)
		}
		t.Logf("%q: %d bytes in %v, %d bytes in %v", frag, len(small), ts, len(big), tb)
	}
}

func timeMine(m *Miner, s string) time.Duration {
	start := time.Now()
	m.Mine(Input{Text: s, Published: jalali.MustNew(1403, 2, 24)})
	m.DateSpans(s)
	return time.Since(start)
}
