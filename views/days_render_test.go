package views

import (
	"html"
	"strconv"
	"testing"
)

// TestTimedItemAsTooltipAndSpoken: a timed event's <li> holds its
// tooltip (TimedBlock.Tooltip) and what a screen reader hears
// (TimedBlock.Spoken), escaped, with its times, proposed or not, ending
// or not, whatever its title holds.
func TestTimedItemAsTooltipAndSpoken(t *testing.T) {
	for _, until := range []string{"", "۱۱:۳۰"} {
		for _, proposed := range []bool{false, true} {
			tb := TimedBlock{EventChip: EventChip{ID: 7, Title: `جلسه <مدیران> & "شورا" 'ویژه'`, URL: "/events/7?on=1403/02/18",
				Class: "ev k-meeting", KindName: "جلسه", Time: "۱۰:۰۰", Proposed: proposed}, Until: until, Grid: "tb s5 n3 p2"}
			times := tb.Time + " "
			if until != "" {
				times = tb.Time + " –" + until
			}
			want := `<li class="tb s5 n3 p2"><a href="` + html.EscapeString(tb.URL) + `" data-event-id="` + strconv.FormatInt(tb.ID, 10) +
				`" class="ev k-meeting" title="` + html.EscapeString(tb.Tooltip()) + `"><span class="time">` + times + `</span> ` +
				html.EscapeString(tb.Title) + `<span class="visually-hidden">` + html.EscapeString(tb.Spoken()) + `</span></a></li>`
			if got := string(appendTimedItem(nil, &tb)); got != want {
				t.Errorf("until %q, proposed %v:\n got %s\nwant %s", until, proposed, got, want)
			}
		}
	}
}
