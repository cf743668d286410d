package ical

import (
	"github.com/ruydad/ruydad/internal/jalali"
)

// tzid is the only time zone the writer uses.
const tzid = "Asia/Tehran"

// dstYears are the Jalali years in which Iran kept daylight saving time
// since 1370 (1991): 1370–1384 and 1387–1401. It was abolished from 1402
// (2023), so current dates are always +03:30.
var dstYears = [][2]int{{1370, 1384}, {1387, 1401}}

// dstOnsets returns the local times, as iCalendar DATE-TIME values, at which
// Tehran clocks moved to +04:30 (start) and back to +03:30 (end). The rule
// was Jalali: clocks went forward at the end of 1 Farvardin and back at the
// end of 30 Shahrivar, so the Gregorian dates wander between the 20th and
// 22nd of March and September. Only 1370 (1991) differs: it began on 13
// Ordibehesht. tzdata agrees (see TestDSTOnsetsMatchTZData).
func dstOnsets() (start, end []string) {
	for _, span := range dstYears {
		for y := span[0]; y <= span[1]; y++ {
			s := jalali.MustNew(y, 1, 2)
			if y == 1370 {
				s = jalali.MustNew(y, 2, 13)
			}
			start = append(start, basicDate(s)+"T000000")
			end = append(end, basicDate(jalali.MustNew(y, 6, 31))+"T000000")
		}
	}
	return start, end
}

// vtimezone returns the content lines of the Asia/Tehran VTIMEZONE, with the
// historical daylight-saving periods so that older timed events keep their
// wall-clock times in clients that go by the VTIMEZONE rather than their own
// zone database.
//
// Each onset is its own RDATE property, the first repeating DTSTART:
// ical.js reads only the first value of an RDATE list and, once RDATEs are
// present, ignores DTSTART as an onset (seen in ical.js 2.2.1; RFC 5545
// counts a repeated instance once, so the repetition is harmless).
func vtimezone() [][2]string {
	start, end := dstOnsets()
	lines := [][2]string{
		{"BEGIN", "VTIMEZONE"},
		{"TZID", tzid},
		{"X-LIC-LOCATION", tzid},
		{"BEGIN", "STANDARD"},
		{"DTSTART", "19700101T000000"},
		{"TZOFFSETFROM", "+0330"},
		{"TZOFFSETTO", "+0330"},
		{"TZNAME", "+0330"},
		{"END", "STANDARD"},
	}
	lines = append(lines, onsets("DAYLIGHT", start, "+0330", "+0430")...)
	lines = append(lines, onsets("STANDARD", end, "+0430", "+0330")...)
	return append(lines, [2]string{"END", "VTIMEZONE"})
}

// onsets returns a STANDARD or DAYLIGHT sub-component with the given onsets.
func onsets(kind string, at []string, from, to string) [][2]string {
	lines := [][2]string{{"BEGIN", kind}, {"DTSTART", at[0]}}
	for _, t := range at {
		lines = append(lines, [2]string{"RDATE", t})
	}
	return append(lines,
		[2]string{"TZOFFSETFROM", from},
		[2]string{"TZOFFSETTO", to},
		[2]string{"TZNAME", to},
		[2]string{"END", kind})
}

// basicDate formats d's Gregorian date as an iCalendar DATE (20240516).
func basicDate(d jalali.Date) string {
	return string(appendDate(nil, d))
}

// appendDate appends d's Gregorian date as an iCalendar DATE (20240516).
func appendDate(dst []byte, d jalali.Date) []byte {
	y, m, day := d.Gregorian()
	return append(dst,
		byte('0'+y/1000%10), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10),
		byte('0'+int(m)/10), byte('0'+int(m)%10),
		byte('0'+day/10), byte('0'+day%10))
}
