package web

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
)

// aroundOfOld is around as it was when it read the whole text (every space
// collapsed, then 80 runes kept): the new one must say the same, reading
// only what it keeps.
func aroundOfOld(s string, before bool) string {
	const n = 80
	text := strings.Join(strings.Fields(s), " ")
	r := []rune(text)
	if len(r) > n {
		if before {
			text = "…" + string(r[len(r)-n:])
		} else {
			text = string(r[:n]) + "…"
		}
	}
	switch {
	case text == "":
	case before && strings.TrimRightFunc(s, unicode.IsSpace) != s:
		text += " "
	case !before && strings.TrimLeftFunc(s, unicode.IsSpace) != s:
		text = " " + text
	}
	return text
}

func TestAroundKeepsWhatTheWholeTextGave(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"روابط", "عمومی", "a", "27", "«خبر»", " ", "  ", "\n", "\u00a0", "\t", "اردیبهشت‌ماه", "ی"}
	for range 5000 {
		var b strings.Builder
		for range rng.IntN(60) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		for _, before := range []bool{true, false} {
			if got, want := around(s, before, false), aroundOfOld(s, before); got != want {
				t.Fatalf("around(%q, before=%v) = %q, the whole text gave %q", s, before, got, want)
			}
		}
	}
	// An excerpt's edge is marked even when the context is short.
	if got := around("گفت ", true, true); got != "…گفت " {
		t.Errorf("before an excerpt's cut start: %q", got)
	}
	if got := around(" گفت.", false, true); got != " گفت.…" {
		t.Errorf("after, before an excerpt's cut end: %q", got)
	}
}
