package ical

import (
	"errors"
	"fmt"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/locale"
)

// adjust makes an event of a VEVENT that RFC 5545 allows but an event of
// ours cannot hold as it is, and says what it changed (nil when nothing):
//
//   - without SUMMARY (optional in RFC 5545) it is titled
//     locale.Untitled, «(بدون عنوان)»;
//   - a LOCATION longer than domain.MaxShortField characters (an Outlook
//     room list) keeps its first characters and "…", and is written whole
//     at the end of the description when the description has room for it.
//
// An empty SUMMARY ("SUMMARY:") is not adjusted: it says there is no
// title, and is at fault as a typed-in event would be.
func adjust(c *goical.Component, e *domain.Event) []*problem {
	var notes []*problem
	if c.Props.Get(goical.PropSummary) == nil && e.Title == "" {
		e.Title = locale.Untitled
		notes = append(notes, &problem{prop: goical.PropSummary, err: errors.New("no SUMMARY: imported as " + `"` + locale.Untitled + `"`),
			fa: "عنوان (SUMMARY) ندارد؛ با عنوان «" + locale.Untitled + "» افزوده شد."})
	}
	if n := utf8.RuneCountInString(e.Location); n > domain.MaxShortField {
		full := e.Location
		e.Location = string([]rune(full)[:domain.MaxShortField-1]) + "…"
		whole := "مکان کامل: " + full
		in := " و متن کامل آن در پایان توضیحات آمد."
		if e.Description != "" {
			whole = "\n\n" + whole
		}
		if utf8.RuneCountInString(e.Description)+utf8.RuneCountInString(whole) <= domain.MaxDescription {
			e.Description += whole
		} else {
			in = "؛ متن کامل آن در توضیحات هم جا نشد."
		}
		notes = append(notes, &problem{prop: goical.PropLocation,
			err: fmt.Errorf("LOCATION of %d characters cut to %d (the whole in DESCRIPTION when it fits)", n, domain.MaxShortField),
			fa:  "مکان (LOCATION) " + jalali.FaNum(n) + " نویسه بود؛ " + jalali.FaNum(domain.MaxShortField) + " نویسهٔ نخست آن نگه داشته شد" + in})
	}
	return notes
}

// note records what adjust changed in the event of v, once per VEVENT.
func (p *parser) note(v vevent, notes []*problem) {
	if len(notes) == 0 || p.noted[v.n] {
		return
	}
	p.noted[v.n] = true
	uid, _ := text(v.c, goical.PropUID)
	summary, _ := text(v.c, goical.PropSummary)
	for _, n := range notes {
		p.out.Adjusted = append(p.out.Adjusted, &EventError{N: v.n, UID: uid, Summary: summary, Prop: n.prop, Err: n.err, Fa: n.fa})
	}
}
