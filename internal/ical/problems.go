package ical

import (
	"errors"
	"fmt"
	"strings"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// EventError is what is wrong with one VEVENT of a file Parse refuses:
// which VEVENT (its place in the file, UID and SUMMARY, as far as they
// could be read), the property at fault and what is wrong with it, in
// English (Error, for the command line and logs) and in Persian (Persian,
// for people using the web form).
type EventError struct {
	N       int    // the VEVENT's place among the file's VEVENTs, from 1
	UID     string // "" when it has none
	Summary string // "" when it has none
	Prop    string // the property at fault (DTSTART, RRULE…), "" when none is
	Err     error  // what is wrong, in English, starting with Prop
	Fa      string // what is wrong, in Persian: a sentence
	// Refused is true when the VEVENT could be read but breaks one of
	// ruydad's rules (a date outside the calendar's years, a title too
	// long, a rule that repeats within a day, a cancelled event): see
	// Parsed.Refused. False when it could not be read (Parsed.Skipped).
	Refused bool
}

// Error names the VEVENT and says what is wrong with it.
func (e *EventError) Error() string {
	var parts []string
	if e.UID != "" {
		parts = append(parts, `UID "`+clip(e.UID)+`"`)
	}
	if e.Summary != "" {
		parts = append(parts, `SUMMARY "`+clip(e.Summary)+`"`)
	}
	s := fmt.Sprintf("VEVENT %d", e.N)
	if len(parts) > 0 {
		s += " (" + strings.Join(parts, ", ") + ")"
	}
	return s + ": " + e.Err.Error()
}

// Unwrap returns the English error.
func (e *EventError) Unwrap() error { return e.Err }

// Persian names the VEVENT and says what is wrong with it, in Persian:
// "رویداد شماره ۲ فایل، «جلسه هفتگی» (UID: abc@google.com): تاریخ آغاز
// (DTSTART) ندارد." UID and SUMMARY are isolated (U+2068…U+2069) so that
// a Latin UID does not reorder the right-to-left sentence.
func (e *EventError) Persian() string {
	var b strings.Builder
	b.WriteString("رویداد شماره " + jalali.FaNum(e.N) + " فایل")
	if e.Summary != "" {
		b.WriteString("، «" + isolate(clip(e.Summary)) + "»")
	}
	if e.UID != "" {
		b.WriteString(" (UID: " + isolate(clip(e.UID)) + ")")
	}
	return b.String() + ": " + e.Fa
}

// clip shortens s for a message.
func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

// isolate wraps s in a first-strong isolate, so that its direction does
// not spill into the sentence around it.
func isolate(s string) string { return "\u2068" + s + "\u2069" }

// maxProblems is how many EventErrors a refusal lists.
const maxProblems = 20

// Problems is the error of a file Parse refuses because of what is wrong
// with its VEVENTs: those at fault, each once, in file order, at most 20.
// It wraps ErrMalformed and each EventError.
type Problems struct {
	List []*EventError
	More int // how many more VEVENTs are at fault than List holds
}

// Error lists the VEVENTs at fault, one a line when there are several.
func (p *Problems) Error() string {
	if len(p.List) == 1 {
		return ErrMalformed.Error() + ": " + p.List[0].Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d VEVENTs at fault:", ErrMalformed, len(p.List)+p.More)
	for _, e := range p.List {
		b.WriteString("\n  " + e.Error())
	}
	if p.More > 0 {
		fmt.Fprintf(&b, "\n  and %d more", p.More)
	}
	return b.String()
}

// Unwrap returns ErrMalformed and the EventErrors.
func (p *Problems) Unwrap() []error {
	errs := []error{ErrMalformed}
	for _, e := range p.List {
		errs = append(errs, e)
	}
	return errs
}

func (p *Problems) add(e *EventError) {
	if len(p.List) < maxProblems {
		p.List = append(p.List, e)
	} else {
		p.More++
	}
}

// problem is what is wrong with a VEVENT, in both languages; Parse turns
// it into an EventError.
type problem struct {
	prop string
	err  error
	fa   string
	// refused: the value was read and breaks a rule of ruydad's, rather
	// than being unreadable (see EventError.Refused).
	refused bool
}

func (p *problem) Error() string {
	if msg := p.err.Error(); p.prop != "" && !strings.Contains(msg, p.prop) {
		return p.prop + ": " + msg
	}
	return p.err.Error()
}

func (p *problem) Unwrap() error { return p.err }

// bad returns a problem with property prop ("" for none): err in English,
// fa in Persian.
func bad(prop string, err error, fa string) error {
	return &problem{prop: prop, err: err, fa: fa}
}

// badf is bad with a formatted English message.
func badf(prop, fa, format string, args ...any) error {
	return bad(prop, fmt.Errorf(format, args...), fa)
}

// refusal is badf for a value that was read but breaks a rule of
// ruydad's (EventError.Refused).
func refusal(prop, fa, format string, args ...any) error {
	return &problem{prop: prop, err: fmt.Errorf(format, args...), fa: fa, refused: true}
}

// refused reports whether err is a refusal: a problem marked so, a
// domain.ValidationError (see validate), or a date outside the years the
// calendar knows.
func refused(err error) bool {
	var p *problem
	if errors.As(err, &p) && p.refused {
		return true
	}
	var v domain.ValidationError
	if errors.As(err, &v) {
		return true
	}
	// outOfRange and instant (parse_time.go) word a date outside the
	// calendar's years so.
	return strings.Contains(err.Error(), " is out of range")
}

// unreadable is the problem of a property value that cannot be read.
func unreadable(prop, what string, err error) error {
	return bad(prop, err, what+" ("+prop+") خوانا نیست.")
}

// fileProblem is what is wrong with a file as a whole, in both languages.
type fileProblem struct {
	err error
	fa  string
}

func (p *fileProblem) Error() string { return p.err.Error() }
func (p *fileProblem) Unwrap() error { return p.err }

// Persian explains in Persian, a sentence each, why Parse or ParseWith
// refused a file: each VEVENT at fault (see EventError.Persian), or what is
// wrong with the file as a whole. It returns nil for an error that did not
// come from them.
func Persian(err error) []string {
	var ps *Problems
	if errors.As(err, &ps) {
		lines := make([]string, 0, len(ps.List)+1)
		for _, e := range ps.List {
			lines = append(lines, e.Persian())
		}
		if ps.More > 0 {
			lines = append(lines, "و "+jalali.FaNum(ps.More)+" رویداد دیگر با خطا.")
		}
		return lines
	}
	var fp *fileProblem
	if errors.As(err, &fp) {
		return []string{fp.fa}
	}
	if errors.Is(err, ErrMalformed) {
		return []string{"ساختار فایل با قالب iCalendar (RFC 5545) نمی‌خواند؛ فایل ‎.ics را دوباره از برنامه تقویم بگیرید."}
	}
	return nil
}
