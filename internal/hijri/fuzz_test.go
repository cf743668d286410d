package hijri

import (
	"errors"
	"testing"

	"github.com/ruydad/ruydad/internal/jalali"
)

// FuzzConvert converts random supported Jalali days to Hijri and back, and
// random Hijri dates to Jalali and back (or to ErrInvalid).
func FuzzConvert(f *testing.F) {
	f.Add(int64(19820), 1446, 1, 10)
	f.Add(int64(0), 1448, 12, 30)
	f.Add(int64(-1), 1030, 4, 1)
	f.Add(int64(1<<40), 3092, 9, 29)
	f.Add(int64(-1<<40), 0, 13, -1)
	c := Official()
	first, last := supportedDays()
	f.Fuzz(func(t *testing.T, n int64, y, m, d int) {
		day := first + int(uint64(n)%uint64(last-first+1))
		j := jalali.FromOrdinal(day)
		h, src := c.FromJalali(j)
		if h.IsZero() || src == 0 {
			t.Fatalf("FromJalali(%v) = %v, %v", j, h, src)
		}
		if back, err := c.ToJalali(h); err != nil || back != j {
			t.Fatalf("ToJalali(%v) = %v, %v; want %v", h, back, err, j)
		}
		hd := Date{y, m, d}
		got, err := c.ToJalali(hd)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("ToJalali(%v) error %v does not wrap ErrInvalid", hd, err)
			}
			return
		}
		if back, _ := c.FromJalali(got); back != hd {
			t.Fatalf("FromJalali(ToJalali(%v) = %v) = %v", hd, got, back)
		}
	})
}
