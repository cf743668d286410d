package jalali

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// clockDigits is a time written in numbers: 9, 9:30, ۹٫۳۰, 09.30.
var clockDigits = regexp.MustCompile(`^([0-9]{1,2})(?:[:.٫]([0-9]{2}))?$`)

// ParseClock reads a time of day as a person types it, in any digits, and
// returns it as HH:MM; "" (nothing typed) is "". It reads:
//
//   - numbers: ۱۲, ۱۲:۳۰, 9.30, ۰۹٫۳۰;
//   - an hour and its part: ۱۲ و نیم (12:30), ۱۲ و ربع (12:15), ۱۲ و سه ربع
//     (12:45), ۱۲ و ۴۵ دقیقه, ۱۲ و ۴۵; a quarter or some minutes to the
//     hour: یک ربع به ۱۲ (11:45), ۱۰ دقیقه به ۱۲ (11:50);
//   - any of these after ساعت, and before the part of the day: صبح or ق.ظ
//     (۸ صبح, ۱۲ صبح is midnight), ظهر (۱۲ ظهر, ۱ ظهر is 13:00), بعدازظهر,
//     ب.ظ or عصر (۵ عصر is 17:00), شب (۹ شب is 21:00; ۱۲ شب midnight, ۲ شب
//     two in the morning).
//
// ok is false when s is none of these or names no time of a day.
func ParseClock(s string) (hhmm string, ok bool) {
	toks := tokens(s)
	if len(toks) == 0 {
		return "", true
	}
	if toks[0] == "ساعت" {
		toks = toks[1:]
	}
	part := ""
	for n := min(3, len(toks)-1); n >= 1; n-- { // بعد از ظهر before ظهر
		if p := dayPart(strings.Join(toks[len(toks)-n:], "")); p != "" {
			part, toks = p, toks[:len(toks)-n]
			break
		}
	}
	h, m, ok := hourMinute(toks)
	if !ok {
		return "", false
	}
	if h, ok = inPart(h, part); !ok || h > 23 || m > 59 {
		return "", false
	}
	return fmt.Sprintf("%02d:%02d", h, m), true
}

// dayPart names the part of the day a word is: "am", "noon", "pm" or
// "night"; "" when it is none.
func dayPart(w string) string {
	switch strings.ReplaceAll(w, ".", "") {
	case "صبح", "قظ", "قبلازظهر", "بامداد":
		return "am"
	case "ظهر":
		return "noon"
	case "بعدازظهر", "بظ", "عصر":
		return "pm"
	case "شب":
		return "night"
	}
	return ""
}

// inPart returns the hour h of the part of the day on a 24-hour clock.
func inPart(h int, part string) (int, bool) {
	switch part {
	case "":
		return h, true
	case "am":
		if h == 12 {
			return 0, true
		}
		return h, h < 12
	case "noon":
		switch {
		case h >= 10 && h <= 12:
			return h, true
		case h >= 1 && h <= 3:
			return h + 12, true
		}
		return h, h >= 13 && h <= 15
	case "pm":
		if h >= 1 && h <= 11 {
			return h + 12, true
		}
		return h, h >= 12 && h <= 23
	}
	// Night: evening hours, midnight and the small hours.
	switch {
	case h == 12 || h == 0:
		return 0, true
	case h <= 4:
		return h, true
	case h <= 11:
		return h + 12, true
	}
	return h, h >= 17 && h <= 23
}

// hourMinute reads the hour and minutes of toks (the part of the day and
// ساعت taken off).
func hourMinute(toks []string) (h, m int, ok bool) {
	join := strings.Join(toks, " ")
	if c := clockDigits.FindStringSubmatch(strings.ReplaceAll(join, " ", "")); c != nil && (len(toks) == 1 || strings.ContainsAny(join, ":.٫")) {
		h, _ = strconv.Atoi(c[1])
		if c[2] != "" {
			m, _ = strconv.Atoi(c[2])
		}
		return h, m, true
	}
	// To the hour: (یک) ربع به ۱۲, ۱۰ دقیقه به ۱۲.
	if n := len(toks); n >= 3 && toks[n-2] == "به" && isDigits(toks[n-1]) {
		hour, _ := strconv.Atoi(toks[n-1])
		before := 0
		switch strings.Join(toks[:n-2], " ") {
		case "ربع", "یک ربع":
			before = 15
		default:
			if n == 4 && isDigits(toks[0]) && toks[1] == "دقیقه" {
				before, _ = strconv.Atoi(toks[0])
			}
		}
		if before < 1 || before > 59 || hour < 1 || hour > 24 {
			return 0, 0, false
		}
		return hour - 1, 60 - before, true
	}
	// An hour and its part: ۱۲ و نیم, ۱۲ ونیم, ۱۲ و ربع, ۱۲ و ۴۵ دقیقه.
	if len(toks) < 2 || !isDigits(toks[0]) || len(toks[0]) > 2 {
		return 0, 0, false
	}
	h, _ = strconv.Atoi(toks[0])
	typed := strings.Join(toks[1:], " ")
	rest := strings.TrimPrefix(strings.TrimPrefix(typed, "و "), "و")
	if rest == typed {
		return 0, 0, false
	}
	switch rest {
	case "نیم":
		return h, 30, true
	case "ربع", "یک ربع":
		return h, 15, true
	case "سه ربع":
		return h, 45, true
	}
	mins := strings.TrimSuffix(rest, " دقیقه")
	if !isDigits(mins) || len(mins) > 2 {
		return 0, 0, false
	}
	m, _ = strconv.Atoi(mins)
	return h, m, true
}
