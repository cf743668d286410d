package hijri

import (
	"math"
	"testing"

	"github.com/ruydad/ruydad/internal/jalali"
)

// The worked examples of Meeus, "Astronomical Algorithms".
func TestMeeusExamples(t *testing.T) {
	// Example 49.a: the new moon of 1977 February, JDE 2443192.65118.
	if got := newMoon(-283); math.Abs(got-2443192.65118) > 0.00001 {
		t.Errorf("newMoon(-283) = %.5f, want 2443192.65118", got)
	}
	// Example 47.a: 1992 April 12, 0h TD: λ 133.162655°, β −3.229126°, Δ 368409.7 km.
	lon, lat, dist := moonPosition(2448724.5)
	if lon = norm360(lon); math.Abs(lon-133.162655) > 0.01 || math.Abs(lat+3.229126) > 0.01 || math.Abs(dist-368409.7) > 50 {
		t.Errorf("moonPosition = %.6f, %.6f, %.1f", lon, lat, dist)
	}
	// Example 25.a: 1992 October 13, 0h TD: apparent λ 199.90895° (low accuracy), δ −7.78507°.
	s := sunPosition(2448908.5)
	if got := norm360(deg(s.lon)); math.Abs(got-199.90895) > 0.001 {
		t.Errorf("sun longitude = %.5f", got)
	}
	if got := deg(math.Asin(s.sinDecl)); math.Abs(got+7.78507) > 0.001 {
		t.Errorf("sun declination = %.5f", got)
	}
}

func norm360(d float64) float64 {
	d = math.Mod(d, 360)
	if d < 0 {
		d += 360
	}
	return d
}

// TestSunset checks that sunset in Tehran stays between its known extremes
// (about 13:15 UT in early December, 15:50 UT in late June) over a year.
func TestSunset(t *testing.T) {
	first := jalali.MustNew(1403, 1, 1).Ordinal()
	earliest, latest := 1.0, 0.0
	var early, late jalali.Date
	for n := first; n < first+366; n++ {
		f := sunset(n) - float64(n) - unixJD
		if f < earliest {
			earliest, early = f, jalali.FromOrdinal(n)
		}
		if f > latest {
			latest, late = f, jalali.FromOrdinal(n)
		}
	}
	if earliest < 13.1/24 || earliest > 13.4/24 || early.Month != 9 {
		t.Errorf("earliest sunset %.2f h UT on %v", earliest*24, early)
	}
	if latest < 15.7/24 || latest > 16.0/24 || latest > latestSunset || late.Month != 4 {
		t.Errorf("latest sunset %.2f h UT on %v", latest*24, late)
	}
}

// evenings is, for one month, the first candidate evening and the q at it
// and the evenings after it.
type evenings struct {
	first, table int // the first evening, and the table's start
	q            [maxEvenings]float64
}

func tableEvenings(from, to Month) []evenings {
	tb := embeddedTable()
	var out []evenings
	for i := from.Index(); i <= to.Index(); i++ {
		conj := conjunction(i)
		e := evenings{first: int(math.Floor(conj + minAge - latestSunset - unixJD)), table: int(tb.starts[i-tb.first])}
		for j := range e.q {
			e.q[j] = eveningQ(e.first+j, conj)
		}
		out = append(out, e)
	}
	return out
}

func (e evenings) start(q0 float64) int {
	for j, q := range e.q {
		if q >= q0 {
			return e.first + j + 1
		}
	}
	return e.first + maxEvenings + 1
}

// TestCalibration re-derives minQ: the threshold, on a grid of 0.0125,
// whose predictions equal the most table starts of 1400/1..1437/12.
func TestCalibration(t *testing.T) {
	es := tableEvenings(Month{1400, 1}, Month{1437, 12})
	best, bestExact := 0.0, -1
	for k := -48; k <= 16; k++ {
		q0 := float64(k) * 0.0125
		exact := 0
		for _, e := range es {
			if e.start(q0) == e.table {
				exact++
			}
		}
		if exact > bestExact {
			best, bestExact = q0, exact
		}
	}
	t.Logf("calibration 1400/1..1437/12: q ≥ %.4f matches %d of %d starts", best, bestExact, len(es))
	if math.Abs(best-minQ) > 1e-9 {
		t.Errorf("best threshold %.4f, minQ is %.4f", best, minQ)
	}
}

// TestPredictionAccuracy measures the prediction on the table's last ten
// years, which the calibration did not see.
func TestPredictionAccuracy(t *testing.T) {
	tb := embeddedTable()
	last := tb.first + len(tb.starts) - 1
	exact, early, late, worst := 0, 0, 0, 0
	for i := last - 119; i <= last; i++ {
		d := predictStart(i, minQ) - int(tb.starts[i-tb.first])
		switch {
		case d == 0:
			exact++
		case d < 0:
			early++
		default:
			late++
		}
		worst = max(worst, abs(d))
		if abs(d) > 1 {
			t.Errorf("%v: predicted start %v, table %v", MonthAt(i),
				jalali.FromOrdinal(predictStart(i, minQ)), jalali.FromOrdinal(int(tb.starts[i-tb.first])))
		}
	}
	t.Logf("%v..%v: %d of 120 predicted starts equal the table's, %d a day early, %d a day late; largest difference %d day(s)",
		MonthAt(last-119), MonthAt(last), exact, early, late, worst)
}

// TestAgeBounds checks the claim on minAge and maxAge: over the whole
// Range they never decide an evening that q would decide otherwise.
func TestAgeBounds(t *testing.T) {
	first, last := Official().Range()
	youngest, oldest := math.Inf(1), math.Inf(-1)
	for i := first.Index(); i <= last.Index(); i++ {
		conj := conjunction(i)
		for n := int(math.Floor(conj - unixJD)); ; n++ {
			jd := sunset(n)
			if jd <= conj {
				continue
			}
			age := (jd - conj) * 24
			if yallopQ(jd) >= minQ {
				youngest = min(youngest, age)
				if predictStart(i, minQ) != n+1 {
					t.Fatalf("%v: predictStart differs from q alone", MonthAt(i))
				}
				break
			}
			oldest = max(oldest, age)
		}
	}
	t.Logf("youngest moon passing: %.1f h; oldest failing: %.1f h", youngest, oldest)
	if youngest < minAge*24 || oldest > maxAge*24 {
		t.Errorf("age bounds %.0f..%.0f h decide some evening", minAge*24, maxAge*24)
	}
}
