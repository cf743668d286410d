package mining

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/seeds"
)

// sharedPath returns ../shared/<rel> next to the module root, or skips the
// test when the shared corpus is not there.
func sharedPath(tb testing.TB, rel string) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Skip("no go.mod above the test directory; cannot locate ../shared")
		}
		dir = parent
	}
	p := filepath.Join(dir, "..", "shared", rel)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("shared corpus %s is absent (expected next to the repository as ../shared); skipping", p)
	}
	return p
}

// testMiner returns a Miner over the built-in occasions with a fixed today
// (1405/09/01), so that results do not depend on the clock.
func testMiner(tb testing.TB) *Miner {
	tb.Helper()
	occ, err := domain.ParseCatalogue(seeds.Occasions, seeds.OfficialOccasions)
	if err != nil {
		tb.Fatal(err)
	}
	return New(occ, nil).WithToday(jalali.MustNew(1405, 9, 1))
}
