package ical

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/locale"
)

// ErrMalformed is wrapped by every error Parse returns about its input.
var ErrMalformed = errors.New("malformed iCalendar data")

// MaxEvents is the most events one file may become.
const MaxEvents = 20000

// Options tune ParseWith; the zero value is what Parse uses.
type Options struct {
	// Now places the default window; time.Now() when zero.
	Now time.Time
	// FromYear and ToYear are the window, as for Window, over which a
	// recurring event without an end is expanded.
	FromYear, ToYear int
	// SkipFaulty reads the file as far as it can be read: a VEVENT at
	// fault makes no event and is named in Parsed.Skipped instead of
	// refusing the file (an import's report); the file as a whole is
	// still refused when it is not iCalendar at all.
	SkipFaulty bool
}

// Parsed is what ParseWith read from a file.
type Parsed struct {
	Events []domain.Event
	// Kept counts the recurring VEVENTs imported as one series each (see
	// keep): an event with its Repeat, followed by the events standing in
	// for its moved instances.
	Kept int
	// Expanded are the recurring VEVENTs imported as one event per
	// instance instead, each with why a series of ours cannot say its rule
	// (a Gregorian month or year, a time that moves with daylight saving
	// time…); a VEVENT at fault is in Skipped or Refused instead.
	Expanded []*EventError
	// Series counts the recurring VEVENTs expanded into separate events,
	// Occurrences the events they became; Endless counts the series
	// expanded over FromYear..ToYear only: without an end, or with more
	// than MaxOccurrences instances.
	Series, Occurrences, Endless int
	// CancelledInstances counts the instances of series taken out by a
	// cancelled overriding VEVENT (STATUS:CANCELLED with RECURRENCE-ID).
	CancelledInstances int
	FromYear, ToYear   int
	// Copies are the VEVENTs left out because an earlier one of the file
	// has their UID and says the same (see ParseWith).
	Copies []Copy
	// IgnoredAlarms are the VALARMs that became no reminder, with why
	// (see readAlarms): the events are imported without them.
	IgnoredAlarms []IgnoredAlarm
	// Adjusted are what Parse changed for a VEVENT to become an event (see
	// adjust and readSpan): a title given, a location cut, a start that
	// never happened moved.
	Adjusted []*EventError
	// Skipped are the VEVENTs left out because they could not be read (a
	// DTSTART missing or unreadable, bad escapes, an unknown time zone),
	// and Refused those left out because, read, they break one of
	// ruydad's rules (EventError.Refused: a date outside the calendar's
	// years, a title too long, a rule that repeats within a day, a UID
	// another VEVENT holds with other details, a cancelled event: STATUS:
	// CANCELLED, but for an instance of a series in the file, which is
	// taken out of the series, see CancelledInstances). Each VEVENT is in
	// one of them once, in file order; none of their events is in Events.
	// Without Options.SkipFaulty a VEVENT at fault, skipped or refused,
	// refuses the file; the cancelled ones do not.
	Skipped, Refused []*EventError
	// Tasks counts the file's VTODOs and Journals its VJOURNALs, left out:
	// ruydad keeps events only.
	Tasks, Journals int
}

// A Copy is a VEVENT of a file left out because an earlier one has its UID
// and says the same: a file holding the same event twice.
type Copy struct {
	N       int // the VEVENT's place among the file's VEVENTs, from 1
	Of      int // the place of the earlier VEVENT it repeats
	UID     string
	Summary string
	Events  int // the events it would have made (its occurrences, for a series)
}

// String says which VEVENT was left out, in English.
func (c Copy) String() string {
	s := fmt.Sprintf("VEVENT %d (UID %q", c.N, clip(c.UID))
	if c.Summary != "" {
		s += fmt.Sprintf(", SUMMARY %q", clip(c.Summary))
	}
	return s + fmt.Sprintf(") repeats VEVENT %d, same UID and details: left out", c.Of)
}

// Parse is ParseWith with the default window, returning the events.
func Parse(r io.Reader) ([]domain.Event, error) {
	p, err := ParseWith(r, Options{})
	return p.Events, err
}

// ParseWith reads a VCALENDAR (or several one after another, as one; see
// decode) and returns its VEVENTs as events with
// Jalali dates, in file order. Without Options.SkipFaulty it is all or
// nothing: on any error it returns no events and an error wrapping
// ErrMalformed: a *Problems naming every VEVENT at fault when the fault
// lies in VEVENTs (Persian explains it in Persian), or what is wrong with
// the file as a whole. With it (an import), the VEVENTs at fault are left
// out and listed in Parsed.Skipped, and only a fault of the file as a
// whole (not iCalendar, nested too deep, more than MaxEvents events) is
// an error.
//
//   - All-day events (VALUE=DATE, or Outlook's midnight to midnight
//     with X-MICROSOFT-CDO-ALLDAYEVENT:TRUE) keep their dates; the exclusive DTEND
//     becomes the inclusive End. Timed events (UTC, TZID or floating, which
//     is taken as Tehran time unless X-WR-TIMEZONE names another zone; a
//     TZID may be an IANA or Windows name, an Outlook label, or a zone the
//     file's VTIMEZONE defines, see zones) are converted to Asia/Tehran
//     wall time for Start, End, StartTime and EndTime; an end at midnight
//     ends on the day before with no EndTime. A start that never happened
//     (in the hour clocks skip) is moved to when they jumped, the length
//     kept, and named in Adjusted (see readSpan).
//   - CATEGORIES map back to a Kind when one of them is a Kind's Persian
//     label or code, else KindOther. An event is confirmed: TENTATIVE
//     with the review note TentativeNote («موقت», shown on its page); a
//     CANCELLED VEVENT is left out and named in Skipped, a cancelled
//     instance of a series in the file taken out of it (as by an EXDATE).
//     Our own events (UID …@ruydad) keep their STATUS as written.
//   - The lines the writer adds to DESCRIPTION are removed again (and the
//     province and organization taken from them), so that our own feed
//     round-trips; ID and ArticleID are local to the instance that wrote the
//     feed and stay zero.
//   - Our own yearly Jalali events (their per-year VEVENTs, or an
//     RRULE:RSCALE=PERSIAN;FREQ=YEARLY on DTSTART's Jalali month and day
//     from any producer) become one event with Repeat set to yearly.
//   - A recurring VEVENT whose rule a series of ours says (a weekly or
//     daily one, checked instance by instance; a Jalali monthly or yearly
//     one) becomes one series event, its EXDATEs and cancelled instances
//     skipped, its RECURRENCE-ID VEVENTs events naming their occurrence
//     (see keep; Parsed.Kept).
//   - Any other recurring VEVENT (RRULE, RDATE; a Gregorian FREQ=YEARLY
//     birthday) becomes one event per instance, see expandSeries, and
//     Parsed.Expanded says why: DTSTART, the rule's occurrences and the
//     RDATEs, less the EXDATEs, an instance overridden by a VEVENT with its
//     RECURRENCE-ID taking that VEVENT's fields. A series with an end
//     (COUNT, UNTIL) in MaxOccurrences instances is expanded whole; one
//     without an end, or longer, over the window, the same years a feed
//     writes yearly items for. Each event's
//     UID is the series UID with the instance's original start before the
//     @ (weekly-20240516T063000Z@google.com), so that importing the same
//     file again adds nothing twice. A series expanded over the window
//     with no instance there, rules that repeat within a day (HOURLY and
//     finer), other calendar scales than Gregorian and Persian, and
//     RANGE=THISANDFUTURE are faults of the VEVENT: no instance of the
//     series is imported.
//   - An overriding VEVENT (RECURRENCE-ID) whose series is not in the file
//     becomes an event of its own, with the same derived UID.
//   - Occasions from our own feed (UID occasion-…@ruydad) are skipped: they
//     come from the built-in catalogue, not from events.
//   - A VEVENT without UID gets UID "" (storage assigns one).
//   - A UID names one event. A VEVENT whose events have the UID of events
//     an earlier VEVENT made (each of a series' occurrences has its own)
//     and say the same (all but SEQUENCE, CREATED and LAST-MODIFIED) is a
//     copy: it is left out, and listed in Parsed.Copies. One that says
//     otherwise is a problem (which one is meant cannot be told): the file
//     is refused.
//   - Every event must pass domain.Event.Validate; the Problems say which
//     property of which VEVENT does not.
func ParseWith(r io.Reader, opt Options) (parsed Parsed, err error) {
	defer func() {
		// The decoder is not fuzzed upstream; a panic on hostile input must
		// not take the server down.
		if p := recover(); p != nil {
			parsed, err = Parsed{}, fmt.Errorf("ical: parse: %w: %v", ErrMalformed, p)
		}
	}()
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	from, to, err := Window(opt.Now, opt.FromYear, opt.ToYear)
	if err != nil {
		return Parsed{}, fmt.Errorf("ical: parse: %w", err)
	}
	cal, err := decode(r)
	if err != nil {
		return Parsed{}, err
	}
	zones := newZones(cal)
	defer zones.release()
	zones.mark(cal)
	p := &parser{from: from, to: to, overrides: map[string][]vevent{}, series: map[string]bool{}, byUID: map[string]made{},
		seen: map[string]bool{}, failed: map[int]bool{}, alarmsNoted: map[int]bool{}, noted: map[int]bool{}, deadline: time.Now().Add(expandBudget)}
	p.read(cal)
	if len(p.skipped) > 0 && !p.full && !opt.SkipFaulty {
		for _, e := range p.skipped {
			p.problems.add(e)
		}
		return Parsed{}, fmt.Errorf("ical: parse: %w", &p.problems)
	}
	if p.full {
		return Parsed{}, fmt.Errorf("ical: parse: %w", &fileProblem{
			err: fmt.Errorf("%w: the file makes more than %d events", ErrMalformed, MaxEvents),
			fa:  "از این فایل بیش از " + jalali.FaNum(MaxEvents) + " رویداد ساخته می‌شود (رویدادهای تکرارشونده هر تکرار یک رویداد است)؛ حداکثر " + jalali.FaNum(MaxEvents) + " رویداد از یک فایل وارد می‌شود. فایل را در چند بخش وارد کنید.",
		})
	}
	p.out.FromYear, p.out.ToYear = from, to
	if len(p.skipped) > 0 {
		// A VEVENT at fault may have made events before its fault was
		// found (a series' first instances): they go with it.
		kept := p.out.Events[:0]
		for i, e := range p.out.Events {
			if !p.failed[p.src[i]] {
				kept = append(kept, e)
			}
		}
		p.out.Events = kept
	}
	all := append(slices.Clone(p.skipped), p.cancelled...)
	slices.SortStableFunc(all, func(a, b *EventError) int { return a.N - b.N })
	for _, e := range all {
		if e.Refused {
			p.out.Refused = append(p.out.Refused, e)
		} else {
			p.out.Skipped = append(p.out.Skipped, e)
		}
	}
	return p.out, nil
}

// decode reads the VCALENDARs of r, whose components may nest MaxDepth
// deep at most, as one: the first's properties, every one's components.
// A UTF-8 byte order mark before the first is passed over, and lines may
// end in CR LF, LF or CR alone (an old Mac export), see lineEnds.
func decode(r io.Reader) (*goical.Calendar, error) {
	br := bufio.NewReader(&depthReader{r: newLineEnds(r)})
	dec := goical.NewDecoder(br)
	var cal *goical.Calendar
	for {
		next, err := dec.Decode()
		switch {
		case errors.Is(err, errTooDeep):
			return nil, fmt.Errorf("ical: parse: %w", &fileProblem{
				err: fmt.Errorf("%w: components nested more than %d deep (BEGIN inside BEGIN); iCalendar needs 3", ErrMalformed, MaxDepth),
				fa: "اجزای این فایل بیش از " + jalali.FaNum(MaxDepth) + " لایه در هم رفته‌اند (BEGIN درون BEGIN)؛ یک فایل iCalendar درست بیش از " +
					jalali.FaNum(3) + " لایه ندارد. فایل را دوباره از برنامه تقویم بگیرید.",
			})
		case errors.Is(err, io.EOF) && cal != nil:
			return nil, fmt.Errorf("ical: parse: %w", &fileProblem{
				err: fmt.Errorf("%w: the calendar begun after END:VCALENDAR does not end (missing END:VCALENDAR?)", ErrMalformed),
				fa:  "فایل ناقص است: تقویمی که پس از پایان تقویم نخست (END:VCALENDAR) آغاز شده پایان ندارد. فایل را دوباره از برنامه تقویم بگیرید.",
			})
		case errors.Is(err, io.EOF):
			return nil, fmt.Errorf("ical: parse: %w", &fileProblem{
				err: fmt.Errorf("%w: unexpected end of input (missing END:VCALENDAR?)", ErrMalformed),
				fa:  "فایل ناقص است: پایان تقویم (END:VCALENDAR) در آن نیامده است. فایل را دوباره از برنامه تقویم بگیرید.",
			})
		case err != nil && cal != nil:
			return nil, fmt.Errorf("ical: parse: %w", &fileProblem{
				err: fmt.Errorf("%w: after END:VCALENDAR: %w", ErrMalformed, err),
				fa:  "پس از پایان تقویم (END:VCALENDAR) داده‌ای آمده است که تقویم دیگری (BEGIN:VCALENDAR) نیست؛ جزئیات فنی: «" + isolate(clip(err.Error())) + "».",
			})
		case err != nil:
			return nil, fmt.Errorf("ical: parse: %w", &fileProblem{
				err: fmt.Errorf("%w: %w", ErrMalformed, err),
				fa:  "ساختار فایل با قالب iCalendar (RFC 5545) نمی‌خواند؛ جزئیات فنی: «" + isolate(clip(err.Error())) + "».",
			})
		}
		if cal == nil {
			cal = next
		} else {
			cal.Children = append(cal.Children, next.Children...)
		}
		more, err := moreThanSpace(br)
		if err != nil {
			return nil, fmt.Errorf("ical: parse: %w", err)
		}
		if !more {
			return cal, nil
		}
	}
}

// moreThanSpace passes over the white space at br's front and reports
// whether anything follows it.
func moreThanSpace(br *bufio.Reader) (bool, error) {
	for {
		b, err := br.ReadByte()
		switch {
		case errors.Is(err, io.EOF):
			return false, nil
		case err != nil:
			return false, err
		case !bytes.ContainsRune([]byte(" \t\r\n"), rune(b)):
			return true, br.UnreadByte()
		}
	}
}

// lineEnds passes r on without a leading UTF-8 byte order mark, with every
// CR that no LF follows made CR LF, the line end the decoder reads.
type lineEnds struct {
	r   *bufio.Reader
	out []byte
	cr  bool // the last byte passed on was a CR
	err error
}

func newLineEnds(r io.Reader) *lineEnds {
	br := bufio.NewReader(r)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	return &lineEnds{r: br}
}

func (l *lineEnds) Read(p []byte) (int, error) {
	for len(l.out) == 0 && l.err == nil {
		var buf [4096]byte
		n, err := l.r.Read(buf[:])
		for _, b := range buf[:n] {
			if l.cr && b != '\n' {
				l.out = append(l.out, '\n')
			}
			l.out = append(l.out, b)
			l.cr = b == '\r'
		}
		if err != nil {
			if l.cr {
				l.out, l.cr = append(l.out, '\n'), false
			}
			l.err = err
		}
	}
	n := copy(p, l.out)
	l.out = l.out[n:]
	if len(l.out) == 0 && n < len(p) && l.err != nil {
		return n, l.err
	}
	return n, nil
}

// vevent is a VEVENT of the file with its place among them, from 1.
type vevent struct {
	n int
	c *goical.Component
}

// parser holds what Parse has read so far.
type parser struct {
	from, to  int
	out       Parsed
	problems  Problems
	skipped   []*EventError       // the VEVENTs at fault, in file order
	cancelled []*EventError       // the cancelled VEVENTs left out
	src       []int               // the VEVENT each of out.Events came from
	overrides map[string][]vevent // VEVENTs with a RECURRENCE-ID, by UID
	series    map[string]bool     // UIDs of the recurring VEVENTs
	seen      map[string]bool     // UIDs of the yearly events read
	byUID     map[string]made     // the events kept, by UID
	failed    map[int]bool        // VEVENTs at fault, by place
	// alarmsNoted are the VEVENTs whose ignored VALARMs are recorded.
	alarmsNoted map[int]bool
	noted       map[int]bool // the VEVENTs whose adjustments are recorded
	full        bool         // more than MaxEvents events: read no more
	stop        bool         // out of expandBudget: read no more
	deadline    time.Time    // the end of expandBudget
}

// read turns every VEVENT of cal into events, or into problems.
func (p *parser) read(cal *goical.Calendar) {
	var all []vevent
	for _, c := range cal.Children {
		switch c.Name {
		case goical.CompEvent:
			all = append(all, vevent{len(all) + 1, c})
		case goical.CompToDo:
			p.out.Tasks++
		case goical.CompJournal:
			p.out.Journals++
		}
	}
	var orphans []vevent
	for _, v := range all {
		uid, _ := text(v.c, goical.PropUID)
		if v.c.Props.Get(goical.PropRecurrenceID) != nil {
			p.overrides[uid] = append(p.overrides[uid], v)
		} else if recurs(v.c) && uid != "" {
			p.series[uid] = true
		}
	}
	for _, v := range all {
		if p.full || p.stop {
			break
		}
		uid, _ := text(v.c, goical.PropUID)
		switch {
		case v.c.Props.Get(goical.PropRecurrenceID) == nil:
			p.master(v)
		case !p.series[uid]:
			orphans = append(orphans, v)
		}
	}
	for _, v := range orphans {
		if p.full || p.stop {
			break
		}
		p.instance(v, "")
	}
	slices.SortStableFunc(p.skipped, func(a, b *EventError) int { return a.N - b.N })
}

// master reads a VEVENT that has no RECURRENCE-ID.
func (p *parser) master(v vevent) {
	c := v.c
	if c.Props.Get(propOccasion) != nil {
		return
	}
	if cancelled(c) {
		p.cancel(v)
		return
	}
	e, sp, err := parseEvent(c)
	if err != nil {
		p.fail(v, err)
		return
	}
	p.noteAlarms(v)
	p.note(v, slices.Concat(sp.notes, adjust(c, &e)))
	if strings.HasPrefix(e.UID, "occasion-") && strings.HasSuffix(e.UID, uidDomain) {
		return
	}
	switch {
	case e.Repeats() && len(p.overrides[e.UID]) > 0 && recurs(c) && c.Props.Get(propRepeat) == nil:
		p.fail(v, refusal(goical.PropRecurrenceID, "جابه‌جا کردن یک سال از رویداد سالانه جلالی (RECURRENCE-ID) پشتیبانی نمی‌شود.",
			"a VEVENT overriding one year (RECURRENCE-ID) of a Jalali yearly event is not supported"))
	case e.Repeats() && p.seen[e.UID]:
		// Another year of a yearly event already read.
	case e.Repeats() || !recurs(c):
		if e.Repeats() {
			p.seen[e.UID] = true
		}
		p.add(v, e)
		if e.Repeats() {
			for _, o := range p.overrides[e.UID] {
				p.override(o, e)
			}
		}
	default:
		why := p.keep(v, e, sp)
		if why == nil {
			return
		}
		p.expand(v, e, sp)
		if !p.failed[v.n] {
			p.noteExpanded(v, why)
		}
	}
}

// expand adds the events of a recurring VEVENT, one per instance, its
// overriding VEVENTs in place of the instances they override.
func (p *parser) expand(v vevent, master domain.Event, sp span) {
	occ, bounded, err := expandSeries(v.c, sp, p.from, p.to, p.deadline)
	if err != nil {
		p.fail(v, err)
		p.stop = err == errTooCostly
		return
	}
	byKey := map[string]vevent{}
	for _, o := range p.overrides[master.UID] {
		key, err := instanceOf(o.c.Props.Get(goical.PropRecurrenceID), sp.allDay)
		if err != nil {
			p.fail(o, err)
			continue
		}
		byKey[key] = o
	}
	p.out.Series++
	if !bounded {
		p.out.Endless++
	}
	for _, o := range occ {
		ov, ok := byKey[o.key]
		if ok && cancelled(ov.c) {
			// A cancelled instance: the series goes without it, as with
			// an EXDATE.
			p.out.CancelledInstances++
			continue
		}
		p.out.Occurrences++
		if ok {
			p.instance(ov, o.key)
			continue
		}
		e := master
		e.UID = instanceUID(master.UID, o.key)
		if err := sp.place(o.start, &e); err != nil {
			p.fail(v, err)
			return
		}
		p.add(v, e)
	}
	// An override of no instance of the series (one the EXDATEs remove,
	// or, without an end, one outside the window) has nothing to override.
}

// instance adds the event of an overriding VEVENT (RECURRENCE-ID) of the
// instance key of its series ("" to read it from the RECURRENCE-ID, for a
// VEVENT whose series is not in the file).
func (p *parser) instance(v vevent, key string) {
	if key == "" && cancelled(v.c) {
		p.cancel(v)
		return
	}
	if v.c.Props.Get(goical.PropRecurrenceRule) != nil {
		p.fail(v, bad(goical.PropRecurrenceRule, errNoRule, "نمونه‌ای از یک رویداد تکرارشونده (RECURRENCE-ID) خود نمی‌تواند قاعده تکرار داشته باشد."))
		return
	}
	if key == "" {
		var err error
		if key, err = recurrenceID(v.c.Props.Get(goical.PropRecurrenceID)); err != nil {
			p.fail(v, err)
			return
		}
	}
	e, sp, err := parseEvent(v.c)
	if err != nil {
		p.fail(v, err)
		return
	}
	p.noteAlarms(v)
	p.note(v, slices.Concat(sp.notes, adjust(v.c, &e)))
	e.UID = instanceUID(e.UID, key)
	p.add(v, e)
}

// noteAlarms records the VALARMs of v that become no reminder, once per
// VEVENT.
func (p *parser) noteAlarms(v vevent) {
	if p.alarmsNoted[v.n] {
		return
	}
	p.alarmsNoted[v.n] = true
	_, ignored := readAlarms(v.c)
	if len(ignored) == 0 {
		return
	}
	uid, _ := text(v.c, goical.PropUID)
	summary, _ := text(v.c, goical.PropSummary)
	for _, a := range ignored {
		a.N, a.UID, a.Summary = v.n, uid, summary
		p.out.IgnoredAlarms = append(p.out.IgnoredAlarms, a)
	}
}

// made is an event kept: its place in Parsed.Events and the VEVENT it
// came from.
type made struct{ i, n int }

// add validates e, read from v, and keeps it, unless an earlier VEVENT
// made an event with its UID: a copy of it is left out (and counted in
// Parsed.Copies), another event with the same UID is a problem.
func (p *parser) add(v vevent, e domain.Event) {
	if len(p.out.Events) >= MaxEvents {
		p.full = true
		return
	}
	if err := validate(e); err != nil {
		p.fail(v, err)
		return
	}
	if first, ok := p.byUID[e.UID]; ok && e.UID != "" {
		same := sameEvent(p.out.Events[first.i], e)
		switch {
		case same && first.n == v.n:
			return // an override made again, for a copy of its series
		case same:
			if k := len(p.out.Copies) - 1; k >= 0 && p.out.Copies[k].N == v.n {
				p.out.Copies[k].Events++
				return
			}
			uid, _ := text(v.c, goical.PropUID)
			summary, _ := text(v.c, goical.PropSummary)
			p.out.Copies = append(p.out.Copies, Copy{N: v.n, Of: first.n, UID: uid, Summary: summary, Events: 1})
			return
		case first.n != v.n:
			p.fail(v, refusal(goical.PropUID, "شناسهٔ (UID) آن، «"+isolate(clip(e.UID))+"»، شناسهٔ رویداد شماره "+jalali.FaNum(first.n)+
				" فایل هم هست، که جزئیات دیگری دارد؛ هر شناسه نام یک رویداد است و معلوم نیست کدام درست است. یکی از آن دو را از فایل بردارید یا به یکی شناسهٔ دیگری بدهید.",
				"UID %q is also VEVENT %d's, which says otherwise: a UID names one event", clip(e.UID), first.n))
			return
		}
	}
	p.byUID[e.UID] = made{len(p.out.Events), v.n}
	p.out.Events = append(p.out.Events, e)
	p.src = append(p.src, v.n)
}

// sameEvent reports whether a and b say the same, their revision (SEQUENCE,
// CREATED, LAST-MODIFIED) aside.
func sameEvent(a, b domain.Event) bool {
	for _, e := range []*domain.Event{&a, &b} {
		e.Sequence, e.CreatedAt, e.UpdatedAt = 0, time.Time{}, time.Time{}
	}
	return a == b
}

// cancel leaves out v, cancelled (STATUS:CANCELLED), and says so.
func (p *parser) cancel(v vevent) {
	uid, _ := text(v.c, goical.PropUID)
	summary, _ := text(v.c, goical.PropSummary)
	p.cancelled = append(p.cancelled, &EventError{N: v.n, UID: uid, Summary: summary, Prop: goical.PropStatus, Refused: true,
		Err: errors.New("STATUS:CANCELLED: a cancelled event is not imported"),
		Fa:  "لغو شده است (STATUS:CANCELLED)؛ رویداد لغوشده وارد نمی‌شود."})
}

// fail records what is wrong with v, once per VEVENT.
func (p *parser) fail(v vevent, err error) {
	if p.failed[v.n] {
		return
	}
	p.failed[v.n] = true
	uid, _ := text(v.c, goical.PropUID)
	summary, _ := text(v.c, goical.PropSummary)
	ee := &EventError{N: v.n, UID: uid, Summary: summary, Err: err, Fa: "خوانا نیست.", Refused: refused(err)}
	var pr *problem
	if errors.As(err, &pr) {
		ee.Prop, ee.Fa = pr.prop, pr.fa
	}
	p.skipped = append(p.skipped, ee)
}

// fieldProps are the properties from which the fields that
// domain.Event.Validate checks were read (and plainProps').
var fieldProps = func() map[domain.Field]string {
	m := map[domain.Field]string{
		domain.FieldTitle:        goical.PropSummary,
		domain.FieldKind:         goical.PropCategories,
		domain.FieldStatus:       goical.PropStatus,
		domain.FieldStart:        goical.PropDateTimeStart,
		domain.FieldStartTime:    goical.PropDateTimeStart,
		domain.FieldEnd:          goical.PropDateTimeEnd,
		domain.FieldEndTime:      goical.PropDateTimeEnd,
		domain.FieldDescription:  goical.PropDescription,
		domain.FieldProvince:     goical.PropDescription, // the writer's lines in DESCRIPTION
		domain.FieldOrganization: goical.PropDescription,
	}
	for _, p := range plainProps {
		m[p.field] = p.prop
	}
	return m
}()

// validate runs domain.Event.Validate on an event read from a file and
// says what is wrong in the file's terms: each field's message from the
// catalogue, with the property it was read from.
func validate(e domain.Event) error {
	var v domain.ValidationError
	if !errors.As(e.Validate(), &v) {
		return nil
	}
	v = slices.SortedFunc(slices.Values(v), func(a, b domain.FieldError) int {
		return strings.Compare(string(a.Field), string(b.Field))
	})
	var fa []string
	for _, fe := range v {
		msg := strings.TrimSuffix(locale.FieldMessage(fe), ".") + " (" + fieldProps[fe.Field] + ")."
		if fe.Code == domain.CodeTitleMissing {
			msg = "عنوان (SUMMARY) ندارد."
		}
		fa = append(fa, msg)
	}
	return bad(fieldProps[v[0].Field], v, strings.Join(fa, " "))
}
