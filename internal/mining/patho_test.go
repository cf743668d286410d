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
	for _, frag := range []string{"۱۲ مه ", "1/2/3/", "روز ", "هفته دولت ", "همایش ", "و ", "بیست و ", "1398/02/24 ", "این همایش برگزار شد ", "هر "} {
		small := strings.Repeat(frag, 2000)
		big := strings.Repeat(frag, 20000)
		ts := timeMine(m, small)
		tb := timeMine(m, big)
		if tb > 40*ts && tb > 200*time.Millisecond {
			t.Errorf("%q: 10× the input took %v against %v", frag, tb, ts)
		}
	}
}

func timeMine(m *Miner, s string) time.Duration {
	start := time.Now()
	m.Mine(Input{Text: s, Published: jalali.MustNew(1403, 2, 24)})
	m.DateSpans(s)
	return time.Since(start)
}
