package views

import (
	"testing"

	"github.com/ruydad/ruydad/internal/jalali"
)

// TestURLs: the addresses are the ones the app has always used.
func TestURLs(t *testing.T) {
	d := jalali.MustNew(1403, 2, 7)
	for _, tt := range []struct{ got, want string }{
		{MonthURL(1403, 2), "/calendar/1403/2"},
		{DayURL(d), "/calendar/1403/2/7"},
		{YearURL(1403), "/calendar/1403"},
		{NewEventOnURL(d), "/events/new?date=1403/02/07"},
		{EventICSURL(12), "/events/12.ics"},
		{LoginNextURL("/calendar/1403/2?kind=meeting"), "/login?next=%2Fcalendar%2F1403%2F2%3Fkind%3Dmeeting"},
		{UserFeedURL("AbC-_9"), "/feeds/AbC-_9/calendar.ics"},
		{HijriYearURL(1403), "/hijri?year=1403"},
		{HijriUnsetURL(1446, 9), "/hijri/1446/9/unset"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %s, want %s", tt.got, tt.want)
		}
	}
}
