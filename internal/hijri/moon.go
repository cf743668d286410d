package hijri

import "math"

// moonTerm is one periodic term of Meeus ch. 47: multiples of D, M, M′ and
// F, and the coefficients of the sine (longitude or latitude, 10⁻⁶ degrees)
// and of the cosine (distance, 10⁻³ km).
type moonTerm struct {
	d, m, mp, f int8
	sin, cos    int32
}

// The largest terms of Meeus's tables 47.A (longitude and distance) and
// 47.B (latitude): a few arcseconds from the full series, far below what
// crescent visibility can tell apart.
var (
	moonLonTerms = []moonTerm{
		{0, 0, 1, 0, 6288774, -20905355}, {2, 0, -1, 0, 1274027, -3699111}, {2, 0, 0, 0, 658314, -2955968},
		{0, 0, 2, 0, 213618, -569925}, {0, 1, 0, 0, -185116, 48888}, {0, 0, 0, 2, -114332, -3149},
		{2, 0, -2, 0, 58793, 246158}, {2, -1, -1, 0, 57066, -152138}, {2, 0, 1, 0, 53322, -170733},
		{2, -1, 0, 0, 45758, -204586}, {0, 1, -1, 0, -40923, -129620}, {1, 0, 0, 0, -34720, 108743},
		{0, 1, 1, 0, -30383, 104755}, {2, 0, 0, -2, 15327, 10321}, {0, 0, 1, 2, -12528, 0},
		{0, 0, 1, -2, 10980, 79661}, {4, 0, -1, 0, 10675, -34782}, {0, 0, 3, 0, 10034, -23210},
		{4, 0, -2, 0, 8548, -21636}, {2, 1, -1, 0, -7888, 24208}, {2, 1, 0, 0, -6766, 30824},
		{1, 0, -1, 0, -5163, -8379}, {1, 1, 0, 0, 4987, -16675}, {2, -1, 1, 0, 4036, -12831},
		{2, 0, 2, 0, 3994, -10445}, {4, 0, 0, 0, 3861, -11650}, {2, 0, -3, 0, 3665, 14403},
		{0, 1, -2, 0, -2689, -7003}, {2, 0, -1, 2, -2602, 0}, {2, -1, -2, 0, 2390, 10056},
		{1, 0, 1, 0, -2348, 6322}, {2, -2, 0, 0, 2236, -9884}, {0, 1, 2, 0, -2120, 5751},
		{0, 2, 0, 0, -2069, 0}, {2, -2, -1, 0, 2048, -4950},
	}
	moonLatTerms = []moonTerm{
		{0, 0, 0, 1, 5128122, 0}, {0, 0, 1, 1, 280602, 0}, {0, 0, 1, -1, 277693, 0},
		{2, 0, 0, -1, 173237, 0}, {2, 0, -1, 1, 55413, 0}, {2, 0, -1, -1, 46271, 0},
		{2, 0, 0, 1, 32573, 0}, {0, 0, 2, 1, 17198, 0}, {2, 0, 1, -1, 9266, 0},
		{0, 0, 2, -1, 8822, 0}, {2, -1, 0, -1, 8216, 0}, {2, 0, -2, -1, 4324, 0},
		{2, 0, 1, 1, 4200, 0}, {2, 1, 0, -1, -3359, 0}, {2, -1, -1, 1, 2463, 0},
		{2, -1, 0, 1, 2211, 0}, {2, -1, -1, -1, 2065, 0},
	}
)

// moonArgs holds e^{ik·x} for the multiples k of the arguments D, M, M′
// and F that the terms use, so that a term costs three complex products
// instead of a sine.
type moonArgs struct {
	d, mp [9]complex128 // k = −4..4
	m     [5]complex128 // k = −2..2
	f     [7]complex128 // k = −3..3
	e     float64       // the eccentricity factor E of terms in M
}

// sum returns Σ coef·sin(arg) and Σ coef·cos(arg) over terms.
func (a *moonArgs) sum(terms []moonTerm) (s, c float64) {
	for _, x := range terms {
		z := a.d[x.d+4] * a.m[x.m+2] * a.mp[x.mp+4] * a.f[x.f+3]
		e := 1.0
		if x.m != 0 {
			e = a.e
			if x.m == 2 || x.m == -2 {
				e *= a.e
			}
		}
		s += e * float64(x.sin) * imag(z)
		c += e * float64(x.cos) * real(z)
	}
	return s, c
}

// moonPosition returns the Moon's geocentric ecliptic longitude and latitude
// (degrees, mean equinox of date) and distance (km) at Julian day jde (TT),
// after Meeus ch. 47.
func moonPosition(jde float64) (lon, lat, dist float64) {
	t := (jde - 2451545) / 36525
	t2, t3, t4 := t*t, t*t*t, t*t*t*t
	lp := 218.3164477 + 481267.88123421*t - 0.0015786*t2 + t3/538841 - t4/65194000
	var a moonArgs
	powers(a.d[:], rad(297.8501921+445267.1114034*t-0.0018819*t2+t3/545868-t4/113065000))
	powers(a.m[:], rad(357.5291092+35999.0502909*t-0.0001536*t2+t3/24490000))
	powers(a.mp[:], rad(134.9633964+477198.8675055*t+0.0087414*t2+t3/69699-t4/14712000))
	powers(a.f[:], rad(93.2720950+483202.0175233*t-0.0036539*t2-t3/3526000+t4/863310000))
	a.e = 1 - 0.002516*t - 0.0000074*t2
	a1, l := cis(rad(119.75+131.849*t)), cis(rad(lp))
	ef, emp := a.f[4], a.mp[5] // e^{iF}, e^{iM′}
	sl, sr := a.sum(moonLonTerms)
	sb, _ := a.sum(moonLatTerms)
	sl += 3958*imag(a1) + 1962*imag(l*conj(ef)) + 318*math.Sin(rad(53.09+479264.290*t))
	sb += -2235*imag(l) + 382*math.Sin(rad(313.45+481266.484*t)) + 175*imag(a1*conj(ef)) + 175*imag(a1*ef) +
		127*imag(l*conj(emp)) - 115*imag(l*emp)
	return lp + sl/1e6, sb / 1e6, 385000.56 + sr/1000
}

// cis returns e^{ix}.
func cis(x float64) complex128 {
	s, c := math.Sincos(x)
	return complex(c, s)
}

func conj(z complex128) complex128 { return complex(real(z), -imag(z)) }

// yallopQ returns Yallop's q (NAO Technical Note 69, 1997) for the
// crescent seen from Tehran at Julian day jd (UT):
// q = (ARCV − (11.8371 − 6.3226W + 0.7319W² − 0.1018W³)) / 10, with ARCV
// the geocentric altitude difference of Moon and Sun in degrees and W the
// topocentric width of the crescent in arcminutes. Yallop evaluates it at
// a "best time" after sunset; here it is evaluated at sunset itself, which
// only shifts the threshold, and the threshold is calibrated.
func yallopQ(jd float64) float64 {
	s := sunPosition(jd)
	lm, bm, dist := moonPosition(jd + deltaT(jd))
	lmr := rad(lm) + s.nutation
	sl, cl := math.Sincos(lmr)
	sb, cb := math.Sincos(rad(bm))
	ra := math.Atan2(sl*s.cosEps-sb/cb*s.sinEps, cl)
	sinDecl := sb*s.cosEps + cb*s.sinEps*sl
	theta := localSiderealTime(jd)
	hm := altitude(theta-ra, sinDecl, math.Sqrt(1-sinDecl*sinDecl))
	hs := altitude(theta-s.ra, s.sinDecl, s.cosDecl)
	par := math.Asin(6378.14 / dist)
	topo := hm - par*math.Cos(hm)
	arcl := math.Acos(cb * math.Cos(lmr-s.lon))
	sd := 60 * deg(0.27245*par) * (1 + math.Sin(topo)*math.Sin(par))
	w := sd * (1 - math.Cos(arcl))
	arcv := deg(hm - hs)
	return (arcv - (11.8371 - 6.3226*w + 0.7319*w*w - 0.1018*w*w*w)) / 10
}
