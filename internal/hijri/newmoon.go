package hijri

import "math"

// phaseTerm is one periodic term of Meeus's correction for the new moon
// (ch. 49): multiples of M′, M and F, the power of E, and the coefficient
// (days) of the sine.
type phaseTerm struct {
	mp, m, f, e int8
	coef        float64
}

var newMoonTerms = []phaseTerm{
	{1, 0, 0, 0, -0.40720}, {0, 1, 0, 1, 0.17241}, {2, 0, 0, 0, 0.01608}, {0, 0, 2, 0, 0.01039},
	{1, -1, 0, 1, 0.00739}, {1, 1, 0, 1, -0.00514}, {0, 2, 0, 2, 0.00208}, {1, 0, -2, 0, -0.00111},
	{1, 0, 2, 0, -0.00057}, {2, 1, 0, 1, 0.00056}, {3, 0, 0, 0, -0.00042}, {0, 1, 2, 1, 0.00042},
	{0, 1, -2, 1, 0.00038}, {2, -1, 0, 1, -0.00024}, {1, 2, 0, 0, -0.00007}, {2, 0, -2, 0, 0.00004},
	{0, 3, 0, 0, 0.00004}, {1, 1, -2, 0, 0.00003}, {2, 0, 2, 0, 0.00003}, {1, 1, 2, 0, -0.00003},
	{1, -1, 2, 0, 0.00003}, {1, -1, -2, 0, -0.00002}, {3, 1, 0, 0, -0.00002}, {4, 0, 0, 0, 0.00002},
}

// planetaryTerms are the coefficient, constant and rate (per lunation) of
// Meeus's fourteen additional corrections A1..A14 for the phases.
var planetaryTerms = [14][3]float64{
	{0.000325, 299.77, 0.107408}, {0.000165, 251.88, 0.016321},
	{0.000164, 251.83, 26.651886}, {0.000126, 349.42, 36.412478},
	{0.000110, 84.66, 18.206239}, {0.000062, 141.74, 53.303771},
	{0.000060, 207.14, 2.453732}, {0.000056, 154.84, 7.306860},
	{0.000047, 34.52, 27.261239}, {0.000042, 207.19, 0.121824},
	{0.000040, 291.34, 1.844379}, {0.000037, 161.72, 24.198154},
	{0.000035, 239.56, 25.513099}, {0.000023, 331.55, 3.592518},
}

// newMoon returns the Julian day (TT) of the true new moon of lunation k,
// counted from the new moon of 2000-01-06 (Meeus ch. 49, all its terms).
func newMoon(k float64) float64 {
	t := k / 1236.85
	t2, t3, t4 := t*t, t*t*t, t*t*t*t
	jde := 2451550.09766 + 29.530588861*k + 0.00015437*t2 - 0.000000150*t3 + 0.00000000073*t4
	e := 1 - 0.002516*t - 0.0000074*t2
	var mp [9]complex128 // e^{ik·M′}, k = −4..4
	var m, f [7]complex128
	powers(mp[:], rad(201.5643+385.81693528*k+0.0107582*t2+0.00001238*t3-0.000000058*t4))
	powers(m[:], rad(2.5534+29.10535670*k-0.0000014*t2-0.00000011*t3))
	powers(f[:], rad(160.7108+390.67050284*k-0.0016118*t2-0.00000227*t3+0.000000011*t4))
	for _, x := range newMoonTerms {
		c := x.coef
		for range x.e {
			c *= e
		}
		jde += c * imag(mp[x.mp+4]*m[x.m+3]*f[x.f+3])
	}
	jde -= 0.00017 * math.Sin(rad(124.7746-1.56375588*k+0.0020672*t2+0.00000215*t3))
	for i, p := range planetaryTerms {
		a := p[1] + p[2]*k
		if i == 0 {
			a -= 0.009173 * t2
		}
		jde += p[0] * math.Sin(rad(a))
	}
	return jde
}

// powers sets p[c+k] = e^{ik·x} for k = −c..c, c = len(p)/2, so that a
// periodic term costs complex products instead of a sine.
func powers(p []complex128, x float64) {
	c := len(p) / 2
	s, co := math.Sincos(x)
	u := complex(co, s)
	p[c] = 1
	for k := 1; k <= c; k++ {
		p[c+k] = p[c+k-1] * u
		p[c-k] = complex(real(p[c+k]), -imag(p[c+k]))
	}
}
