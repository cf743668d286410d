package mining

import (
	"runtime"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/jalali"
)

// TestPathologicalInputsAreLinear mines long one-line inputs built from
// repeated date-like and trigger-like fragments and checks that none takes
// quadratic work. Work is counted, not timed (a busy machine would fail a
// timing): the words the miner looks at, and the allocations of a Mine and
// a DateSpans call. BenchmarkMineFarsNews measures the speed.
func TestPathologicalInputsAreLinear(t *testing.T) {
	m := testMiner(t)
	for _, frag := range []string{"۱۲ مه ", "1/2/3/", "روز ", "هفته دولت ", "همایش ", "و ", "بیست و ", "1398/02/24 ",
		"این همایش برگزار شد ", "هر ", "این همایش ۱ مهر برگزار شد، ", "روزی سه بار ", "هفته کتابخوانی (۲۴ تا ۳۰ آبان). ",
		"تا ۱ مهر فرصت دارند، ", "مهلت ثبت‌نام تا ۱۰ مهر تمدید شد و ", "از ۱ مهر آغاز شده و تا ۱۰ مهر ادامه دارد و ",
		"امروز در جمع خبرنگاران گفت ", "نمایشگاه کتاب تبریز ۱۰ مهر افتتاح می‌شود و این نمایشگاه "} {
		small := strings.Repeat(frag, 1000)
		big := strings.Repeat(frag, 10000)
		ss, as, bs := workMine(m, small)
		sb, ab, bb := workMine(m, big)
		// Quadratic work would be about 100 times as much.
		if sb > 15*max(ss, 1) || ab > 15*max(as, 1) || bb > 15*max(bs, 1) {
			t.Errorf("%q: 10× the input looked at %d words in %d allocations of %d bytes, against %d in %d of %d",
				frag, sb, ab, bb, ss, as, bs)
		}
		t.Logf("%q: %d bytes: %d words, %d allocations; %d bytes: %d words, %d allocations", frag, len(small), ss, as, len(big), sb, ab)
	}
}

// workMine returns the words looked at, the allocations and the allocated
// bytes of mining s.
func workMine(m *Miner, s string) (steps int, allocs, bytes uint64) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	res := m.Mine(Input{Text: s, Published: jalali.MustNew(1403, 2, 24)})
	m.DateSpans(s)
	runtime.ReadMemStats(&after)
	return res.steps, after.Mallocs - before.Mallocs, after.TotalAlloc - before.TotalAlloc
}
