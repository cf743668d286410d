package hijri

import (
	"math"
	"runtime"
	"sync"
)

// Months outside the table are predicted from the true new moon (Meeus,
// "Astronomical Algorithms", 2nd ed., ch. 49) and sunset in Tehran (the
// NOAA form of Meeus ch. 25's low-accuracy sun). Times are Julian days;
// ΔT is only roughly approximated (deltaT), which moves a conjunction by
// a minute or two today and by hours centuries away, where any prediction
// is a guess anyway.

const (
	tehranLat = 35.69 // degrees north
	tehranLon = 51.39 // degrees east

	// unixJD is the Julian day of 1970-01-01 00:00 UT, day number 0.
	unixJD = 2440587.5

	// lunationIndex0 is the Month.Index of Shawwal 1420, the month that
	// began after Meeus's lunation k = 0 (the new moon of 2000-01-06).
	lunationIndex0 = 17037
)

// deltaT returns TT − UT in days, from Morrison and Stephenson's long-term
// parabola (−20 + 32u² seconds, u in centuries from 1820): within a minute
// of the measured values since 1600, a rough extrapolation outside them.
func deltaT(jd float64) float64 {
	u := (jd - 2385800.5) / 36525 // 1820-01-01
	return (-20 + 32*u*u) / 86400
}

// minQ is the crescent criterion: a month begins on the day after the first
// evening whose sunset in Tehran follows the conjunction with Yallop's q
// (yallopQ) at least minQ.
//
// It was calibrated on the table's months 1400/1 to 1437/12, the months of
// the present institutions before the ten years measured: −0.25 matches 399
// of those 456 starts (TestCalibration re-derives it). Measured on the last
// ten years of the table, 1439/1 to 1448/12 (TestPredictionAccuracy), 108
// of the 120 predicted starts equal the table's, 1 is a day early and 11 a
// day late; none is further off. Calibrated on 1300/1 to 1437/12 instead,
// the best threshold is −0.175 (1485 of 1656, against 1480 for −0.25) and
// gives 102 equal and 18 a day late on the last ten years. An age-only
// criterion (the moon at least 17¼ h old at sunset) matched 384 of the 456
// calibration months.
const minQ = -0.25

// maxEvenings bounds the search for the first evening; after maxAge the
// crescent is taken as seen, so it never runs out.
const maxEvenings = 4

// latestSunset is later than sunset in Tehran all year (16:48 UT; the
// latest, in late June, is about 15:50 UT), as a fraction of the day.
const latestSunset = 0.7

// conjunction returns the Julian day (UT) of the new moon that month i
// (a Month.Index) follows.
func conjunction(i int) float64 {
	jde := newMoon(float64(i - lunationIndex0))
	return jde - deltaT(jde)
}

// The crescent is taken as unseen before minAge and seen after maxAge
// whatever q says. Over the whole Range neither bound decides an evening
// (the youngest moon passing the criterion is 11.3 h old, the oldest
// failing 39.3 h); they only save computing q.
const (
	minAge = 10.0 / 24 // days
	maxAge = 42.0 / 24
)

// eveningQ returns Yallop's q at sunset on day number n for the conjunction
// conj, −Inf when that sunset comes before minAge and +Inf after maxAge.
func eveningQ(n int, conj float64) float64 {
	jd := sunset(n)
	switch age := jd - conj; {
	case age < minAge:
		return math.Inf(-1)
	case age > maxAge:
		return math.Inf(1)
	}
	return yallopQ(jd)
}

// predictStart returns the day number on which month i begins by the
// criterion with threshold q0.
func predictStart(i int, q0 float64) int {
	conj := conjunction(i)
	// The evenings before n set before the moon is minAge old.
	n := int(math.Floor(conj + minAge - latestSunset - unixJD))
	for j := range maxEvenings {
		if eveningQ(n+j, conj) >= q0 {
			return n + j + 1
		}
	}
	return n + maxEvenings + 1
}

// predictMonths returns the predicted starts of months lo..hi-1, computed
// on all processors (each month is independent).
func predictMonths(lo, hi int, q0 float64) []int32 {
	out := make([]int32, hi-lo)
	workers := max(runtime.GOMAXPROCS(0), 1)
	chunk := (len(out) + workers - 1) / workers
	var wg sync.WaitGroup
	for from := 0; from < len(out); from += chunk {
		to := min(from+chunk, len(out))
		wg.Go(func() {
			for k := from; k < to; k++ {
				out[k] = int32(predictStart(lo+k, q0))
			}
		})
	}
	wg.Wait()
	return out
}
