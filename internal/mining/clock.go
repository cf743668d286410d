package mining

import "fmt"

// Clock times: "ساعت ۱۰"، "ساعت ۱۶:۳۰"، "ساعت 30/18" (written right to left:
// 18:30)، "ساعت ۴ بعدازظهر"، "ساعت ۱۰ و ۳۰ دقیقه"، "از ساعت ۹ تا ۱۲".

// clockAt reads a clock time starting at token k with the word ساعت: its
// minutes after midnight and the token after it.
func (p *parser) clockAt(k int) (minutes, j int, ok bool) {
	if !p.is(k, "ساعت") {
		return 0, k, false
	}
	return p.clockValue(k + 1)
}

// clockValue reads the hour (and minutes, and part of the day) at k.
func (p *parser) clockValue(k int) (minutes, j int, ok bool) {
	h, ord, _, j, ok := p.number(k)
	if !ok || ord {
		return 0, k, false
	}
	m := 0
	switch sep := p.punct(j); {
	case (sep == ":" || sep == "/" || sep == ".") && p.isNum(j+1):
		b := p.toks[j+1].num
		h, m, ok = hourMinute(h, b, sep == "/")
		if !ok {
			return 0, k, false
		}
		j += 2
	case p.is(j, "و") && p.isNum(j+1) && p.is(j+2, "دقیقه"):
		m = p.toks[j+1].num
		j += 3
	case p.is(j, "و") && p.is(j+1, "نیم"):
		m = 30
		j += 2
	}
	if h > 24 || m > 59 {
		return 0, k, false
	}
	h, j = dayPart(p, h, j)
	return (h%24)*60 + m, j, true
}

// hourMinute reads "a sep b" as hours and minutes: HH:MM, or MM/HH as news
// pages written right to left have it ("30/18" is 18:30). A slash between
// two numbers that both could be hours is right to left.
func hourMinute(a, b int, slash bool) (h, m int, ok bool) {
	ltr := a <= 24 && b <= 59
	rtl := b <= 24 && a <= 59
	switch {
	case rtl && (!ltr || slash):
		return b, a, true
	case ltr:
		return a, b, true
	}
	return 0, 0, false
}

// dayPart applies a part of the day after the hour at j: "۴ بعدازظهر" is
// 16:00, "۸ شب" 20:00, "۱۰ صبح" 10:00.
func dayPart(p *parser, h, j int) (int, int) {
	switch {
	case p.is(j, "بعدازظهر", "عصر", "شب", "پسین", "غروب") && h < 12:
		return h + 12, j + 1
	case p.is(j, "بعد") && p.is(j+1, "از") && p.is(j+2, "ظهر") && h < 12:
		return h + 12, j + 3
	case p.is(j, "ظهر") && h < 7:
		return h + 12, j + 1
	case p.is(j, "صبح", "بامداد", "ظهر", "عصر", "شب", "بعدازظهر"):
		return h, j + 1
	}
	return h, j
}

// maxClockGap is how many tokens after the date (or between the date and
// the trigger) a clock time may stand and still be the event's.
const maxClockGap = 10

// clockNear returns the start and end time ("HH:MM", "" when none) of an
// event tied to the date over tokens [ri, rj) with its trigger at [ti,
// tj): the first "ساعت …" between them or just after the later one, within
// the clause.
func (a *article) clockNear(ti, tj, ri, rj int, sent sentence) (start, end string) {
	lo, hi := min(ti, ri), min(sent.j, max(tj, rj)+maxClockGap)
	// A clock right before the date ("ساعت ۱۴:۳۰ امروز").
	for k := max(sent.i, ri-5); k < ri; k++ {
		if from, j, ok := a.p.clockAt(k); ok && j == ri {
			return a.clockSpan(from, j)
		}
	}
	// The trigger's own clause first ("… امروز از ساعت ۱۰ تا ۲۰ دایر است و
	// مراسم اختتامیه آن ساعت ۱۵ برگزار می‌شود"), then from the date on.
	if ti > ri {
		if s, e, ok := a.clockIn(ti, hi); ok {
			return s, e
		}
	}
	s, e, _ := a.clockIn(lo, hi)
	return s, e
}

// clockIn returns the first clock time in tokens [lo, hi) before a ":" or
// "؛".
func (a *article) clockIn(lo, hi int) (start, end string, ok bool) {
	for k := lo; k < hi; k++ {
		if k > lo && a.toks[k-1].brk == brkClause {
			break
		}
		if from, j, ok := a.p.clockAt(k); ok {
			start, end = a.clockSpan(from, j)
			return start, end, true
		}
	}
	return "", "", false
}

// clockSpan formats a clock time read up to token j, with the end of a
// "تا" range after it.
func (a *article) clockSpan(from, j int) (start, end string) {
	start = hhmm(from)
	if a.p.is(j, "تا", "الی") {
		if to, _, ok := a.p.clockAt(j + 1); ok {
			end = hhmm(to)
		} else if to, _, ok := a.p.clockValue(j + 1); ok {
			end = hhmm(to)
		}
	}
	if end != "" && end <= start {
		end = "" // "از ساعت ۲۰ تا ۲ بامداد": past midnight, the event's end day is not known
	}
	return start, end
}

func hhmm(minutes int) string { return fmt.Sprintf("%02d:%02d", minutes/60, minutes%60) }
