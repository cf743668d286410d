package hijri

import "math"

// Tehran's latitude, as the sine and cosine every altitude needs.
var sinLat, cosLat = math.Sincos(rad(tehranLat))

// cosSunset is the cosine of the sun's zenith distance at sunset: its upper
// limb on the horizon with standard refraction (−0.833°).
var cosSunset = math.Cos(rad(90.833))

// sunPos is the sun's apparent place at an instant.
type sunPos struct {
	lon, ra          float64 // ecliptic longitude and right ascension (radians)
	sinDecl, cosDecl float64 // of the declination
	sinEps, cosEps   float64 // of the true obliquity of the ecliptic
	nutation         float64 // nutation in longitude (radians), for the Moon
	eqt              float64 // equation of time (minutes)
}

// sunPosition returns the sun's place at Julian day jd (Meeus ch. 25 and
// 28, low accuracy: about 0.01°).
func sunPosition(jd float64) sunPos {
	t := (jd - 2451545) / 36525
	l0 := rad(280.46646 + 36000.76983*t + 0.0003032*t*t)
	sm, cm := math.Sincos(rad(357.52911 + 35999.05029*t - 0.0001537*t*t))
	s2m := 2 * sm * cm
	e := 0.016708634 - 0.000042037*t
	c := (1.914602-0.004817*t-0.000014*t*t)*sm + (0.019993-0.000101*t)*s2m + 0.000289*sm*(3-4*sm*sm)
	so, co := math.Sincos(rad(125.04 - 1934.136*t))
	s := sunPos{nutation: rad(-0.00478 * so)}
	s.lon = l0 + rad(c-0.00569) + s.nutation
	s.sinEps, s.cosEps = math.Sincos(rad(23 + (26+(21.448-t*(46.815+t*(0.00059-t*0.001813)))/60)/60 + 0.00256*co))
	sl, cl := math.Sincos(s.lon)
	s.ra = math.Atan2(s.cosEps*sl, cl)
	s.sinDecl = s.sinEps * sl
	s.cosDecl = math.Sqrt(1 - s.sinDecl*s.sinDecl)
	y := (1 - s.cosEps) / (1 + s.cosEps) // tan²(ε/2)
	s2l, c2l := math.Sincos(2 * l0)
	s.eqt = 4 * deg(y*s2l-2*e*sm+4*e*y*sm*c2l-0.5*y*y*2*s2l*c2l-1.25*e*e*s2m)
	return s
}

// sunset returns the Julian day (UT) of sunset in Tehran on day number n.
// The sun's place is taken at 14:24 UT, within two hours of sunset all
// year; the declination moves less than 0.04° in that time, the sunset by
// a fraction of a minute.
func sunset(n int) float64 {
	day := float64(n) + unixJD
	s := sunPosition(day + 0.6)
	cosH := (cosSunset - sinLat*s.sinDecl) / (cosLat * s.cosDecl)
	return day + (720-4*tehranLon-s.eqt+4*deg(math.Acos(cosH)))/1440
}

// altitude returns the geocentric altitude (radians) in Tehran of a body
// at hour angle h with the given declination.
func altitude(h, sinDecl, cosDecl float64) float64 {
	return math.Asin(sinLat*sinDecl + cosLat*cosDecl*math.Cos(h))
}

// localSiderealTime returns the mean sidereal time in Tehran (radians) at
// Julian day jd (UT), Meeus (12.4).
func localSiderealTime(jd float64) float64 {
	t := (jd - 2451545) / 36525
	return rad(280.46061837 + 360.98564736629*(jd-2451545) + 0.000387933*t*t - t*t*t/38710000 + tehranLon)
}

func rad(d float64) float64 { return d * math.Pi / 180 }
func deg(r float64) float64 { return r * 180 / math.Pi }
