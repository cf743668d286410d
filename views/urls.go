package views

import (
	"net/url"
	"strconv"

	"github.com/ruydad/ruydad/internal/jalali"
)

// The app's URLs, built in this one place for the handlers (redirects and
// the links they put in view models) and the templates (links and form
// actions). Each is the path of a route in internal/web/routes.go, whose
// tests check that each reaches one; a query, where one is needed, is added
// by the caller.

// The pages and form actions at fixed paths.
const (
	HomeURL                = "/"
	LoginURL               = "/login"
	SetupURL               = "/setup" // the first administrator, on a fresh install
	LogoutURL              = "/logout"
	AccountURL             = "/account"
	AccountFeedURL         = "/account/feed" // POST: a new secret feed URL
	UsersURL               = "/users"
	CalendarURL            = "/calendar" // the month-and-year form
	AgendaURL              = "/agenda"
	SearchURL              = "/search"
	FeedURL                = "/calendar.ics"
	EventsURL              = "/events" // POST: a new event
	NewEventURL            = "/events/new"
	ArticlesURL            = "/articles"
	NewArticleURL          = "/articles/new"
	ReviewURL              = "/review"
	ImportURL              = "/import"
	OccasionsURL           = "/occasions"
	NewOccasionURL         = "/occasions/new"
	OccasionsVisibilityURL = "/occasions/visibility" // POST: a group shown or hidden
	HijriURL               = "/hijri"
	SourcesURL             = "/sources" // the news sources; POST: a new one
)

// SourceURL is the address of source id's action act (enabled, fetch,
// delete).
func SourceURL(id int64, act string) string {
	return SourcesURL + "/" + strconv.FormatInt(id, 10) + "/" + act
}

// LoginNextURL is the login page, which leads to next once signed in.
func LoginNextURL(next string) string { return LoginURL + "?next=" + url.QueryEscape(next) }

// StaticURL is the address of an embedded static file (views/static).
func StaticURL(name string) string { return "/static/" + name }

// YearURL is the page of Jalali year y.
func YearURL(y int) string { return "/calendar/" + strconv.Itoa(y) }

// MonthURL is the page of month m of Jalali year y.
func MonthURL(y, m int) string { return string(appendMonthURL(make([]byte, 0, 20), y, m)) }

func appendMonthURL(b []byte, y, m int) []byte {
	b = strconv.AppendInt(append(b, "/calendar/"...), int64(y), 10)
	return strconv.AppendInt(append(b, '/'), int64(m), 10)
}

// DayURL is the page of day d.
func DayURL(d jalali.Date) string { return string(appendDayURL(make([]byte, 0, 24), d)) }

func appendDayURL(b []byte, d jalali.Date) []byte {
	return strconv.AppendInt(append(appendMonthURL(b, d.Year, d.Month), '/'), int64(d.Day), 10)
}

// WeekURL is the page of the Saturday-to-Friday week of day d, named by
// its Saturday.
func WeekURL(d jalali.Date) string { return DayURL(d.AddDays(-int(d.Weekday()))) + "/week" }

// EventURL is the page of event id; the event form of event id posts to it.
func EventURL(id int64) string { return EventsURL + "/" + strconv.FormatInt(id, 10) }

// EventOccurrenceURL is the page of the occurrence of series id that
// starts on d (?on=1405/09/25), where one edits or deletes it alone, with
// the following ones, or the whole series.
func EventOccurrenceURL(id int64, d jalali.Date) string { return EventURL(id) + "?on=" + d.String() }

// EventEditURL is the edit form of event id.
func EventEditURL(id int64) string { return EventURL(id) + "/edit" }

// EventDeleteURL asks whether to delete event id, and takes the answer.
func EventDeleteURL(id int64) string { return EventURL(id) + "/delete" }

// EventICSURL is event id as an iCalendar file.
func EventICSURL(id int64) string { return EventURL(id) + ".ics" }

// NewEventOnURL is the new event form starting on day d.
func NewEventOnURL(d jalali.Date) string { return string(appendNewEventOnURL(make([]byte, 0, 32), d)) }

func appendNewEventOnURL(b []byte, d jalali.Date) []byte {
	return d.AppendString(append(b, NewEventURL+"?date="...))
}

// ArticleURL is the page of article id.
func ArticleURL(id int64) string { return ArticlesURL + "/" + strconv.FormatInt(id, 10) }

// OccasionURL is where the edit form of occasion id posts.
func OccasionURL(id int64) string { return OccasionsURL + "/" + strconv.FormatInt(id, 10) }

// OccasionEditURL is the edit form of occasion id.
func OccasionEditURL(id int64) string { return OccasionURL(id) + "/edit" }

// OccasionDeleteURL asks whether to delete occasion id, and takes the answer.
func OccasionDeleteURL(id int64) string { return OccasionURL(id) + "/delete" }

// OccasionVisibilityURL shows or hides occasion id (POST).
func OccasionVisibilityURL(id int64) string { return OccasionURL(id) + "/visibility" }

// UserRoleURL sets the role of user id (POST).
func UserRoleURL(id int64) string { return UsersURL + "/" + strconv.FormatInt(id, 10) + "/role" }

// UserDeleteURL asks whether to delete user id, and takes the answer.
func UserDeleteURL(id int64) string { return UsersURL + "/" + strconv.FormatInt(id, 10) + "/delete" }

// UserFeedURL is the secret feed of the user whose feed token is token.
func UserFeedURL(token string) string { return "/feeds/" + url.PathEscape(token) + "/calendar.ics" }

// HijriYearURL is the Hijri month starts of Jalali year y.
func HijriYearURL(y int) string { return HijriURL + "?year=" + strconv.Itoa(y) }

// HijriUnsetURL drops the correction of Hijri month m of year y (POST).
func HijriUnsetURL(y, m int) string {
	return HijriURL + "/" + strconv.Itoa(y) + "/" + strconv.Itoa(m) + "/unset"
}
