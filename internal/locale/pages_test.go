package locale

import "testing"

// TestFlashes: every confirmation is a Persian sentence, and a key the
// catalogue does not know has none.
func TestFlashes(t *testing.T) {
	for key, s := range flashes {
		if !persianSentence.MatchString(s) || Flash(key) != s {
			t.Errorf("flash %q: %q is not a Persian sentence", key, s)
		}
	}
	if Flash("party") != "" || Flash("") != "" {
		t.Errorf("unknown keys have a flash")
	}
}
