// Package views holds ruydad's templ components and their view models:
// structs shaped like the screen, built by the handlers. Views never query;
// they format through internal/jalali only.
package views

import (
	"embed"
	"time"

	"github.com/ruydad/ruydad/internal/jalali"
)

// Static holds the stylesheet and the bundled Vazirmatn font, served from the
// binary (no CDN: the app never reaches out).
//
//go:embed static
var Static embed.FS

// Page is what every page needs.
type Page struct {
	Title string // the <title>, in Persian
	CSRF  string // token for the hidden _csrf field of every form
	Nav   string // which top-level section is current: calendar, agenda, new, occasions
	Flash string // a one-line confirmation after a redirect, in Persian
	Alert string // a warning about the form shown again (its CSRF token was stale), in Persian
	User  string // the signed-in user's name, "" when nobody is
	Admin bool   // the signed-in user may manage users
	// Writer: the reader may write (an editor or an administrator signed
	// in); the links to forms it could not use are left out otherwise.
	Writer bool
	// Drafts: the reader sees the drafts (articles, the review queue,
	// proposed events); see app.AccountsState.SeesDrafts.
	Drafts bool
	// Setup is the notice of an installation without an administrator:
	// SetupFirstRun (no account has ever existed: the first one is made at
	// /setup) or SetupNoAdmin (accounts have existed: an administrator is
	// made on the command line); "" when an administrator exists.
	Setup string
}

// The notices of Page.Setup.
const (
	SetupFirstRun = "first-run"
	SetupNoAdmin  = "no-admin"
)

// MonthView is the month grid page.
type MonthView struct {
	Page
	Year, Month       int
	Title             string // اردیبهشت ۱۴۰۳
	GregorianSpan     string // آوریل – مه ۲۰۲۴
	HijriSpan         string // شوال – ذی‌القعده ۱۴۴۵
	HijriProvisional  bool   // some of its Hijri month starts are predictions
	PrevURL, NextURL  string // "" at the edges of the supported years
	PrevLabel         string
	NextLabel         string
	TodayURL          string
	YearURL           string
	Weekdays          [7]string
	Weeks             [][7]DayCell
	JumpYear          int
	ShowProposed      bool
	ToggleProposedURL string
	NewEventURL       string
	Filter            FilterView
	FeedURL           string          // download the .ics of what is shown
	SubscribeURL      string          // webcal:// link for calendar apps
	Occasions         []MonthOccasion // the month's occasions, listed under the grid
	Views             ViewSwitch
	// Chosen is the day whose list a phone shows under the grid (?day=,
	// else today in this month, else the 1st).
	Chosen DayList
}

// DayList is one day's occasions and events as a list, under the month
// grid on a phone.
type DayList struct {
	Heading   string // سه‌شنبه ۲۵ اردیبهشت ۱۴۰۳
	URL       string // the day's own page
	AddURL    string
	Occasions []OccasionChip
	Events    []EventChip
}

// ViewSwitch links one date's month, week and day pages; Current names the
// page shown: "month", "week" or "day".
type ViewSwitch struct {
	MonthURL, WeekURL, DayURL string
	Current                   string
}

// TimeGrid is days side by side (a week's seven, or one): the all-day row
// on top, with the days' occasions and their all-day and multi-day events
// as bars in lanes, and under it the hours, where timed events sit by their
// start and end.
type TimeGrid struct {
	Weekdays []string  // the columns' weekday names
	Days     []DayCell // the columns' days, with their bars
	Hours    []Hour
	Timed    [][]TimedBlock // each column's timed events
	Slots    int            // half hours from the first hour shown to the last
	// More counts each column's timed events left out of a busy day's hours
	// (nil when none is), which its day page lists.
	More []int
}

// Hour is a line of a TimeGrid's time axis.
type Hour struct {
	Label string // ۱۰:۰۰
	Grid  string // its CSS placement: s<row>
}

// TimedBlock is a timed event placed in a day column: Grid holds its rows
// (s<first half hour>, n<half hours>) and its place among the events it
// overlaps (p<position>).
type TimedBlock struct {
	EventChip
	Until string // its end time, ۱۱:۳۰, or ""
	Grid  string
}

// WeekView is the page of a Saturday-to-Friday week.
type WeekView struct {
	Page
	Title            string // ۲۲ تا ۲۸ اردیبهشت ۱۴۰۳
	GregorianSpan    string
	PrevURL, NextURL string // "" at the edges of the supported years
	TodayURL         string
	Views            ViewSwitch
	Filter           FilterView
	Grid             TimeGrid
	NewEventURL      string
}

// MonthOccasion is an occasion in the list under a month's grid.
type MonthOccasion struct {
	OccasionChip
	When   string // ۲۶ تیر, or ۲ تا ۸ شهریور
	DayURL string // the page of its first day
}

// FilterView is the filter form of the calendar and agenda.
type FilterView struct {
	Action       string
	Kind         string
	Province     string
	Organization string
	Proposed     bool
	Active       bool
	ClearURL     string
	Kinds        []Option
}

// DayCell is one square of the month grid. Its links and dates are
// written by the view from its date and the calendar's query (views/grid.go).
type DayCell struct {
	Date jalali.Date
	// Query is the calendar's filter as a query string ("" or
	// "?kind=…"), which the links to the day's page carry.
	Query   string
	InMonth bool
	Today   bool
	Friday  bool
	Holiday bool
	// GregorianDay and GregorianMonth are the day's Gregorian date, shown
	// as ۱۶ مه.
	GregorianDay   int
	GregorianMonth time.Month
	// Hijri is the day's Hijri date, zero outside the Hijri table.
	Hijri            HijriDay
	HijriProvisional bool // its month's start is predicted, not announced
	Occasions        []OccasionChip
	// Col is the day's column, 1 (Saturday) to 7 (Friday), or 1 in a
	// one-day grid.
	Col int
	// Bars are the events whose bar starts in this cell in its week row
	// (those that continue from the row before start in its first cell),
	// each in its lane; More counts the day's events that did not fit, and
	// the day page lists.
	Bars   []Bar
	More   int
	CanAdd bool // the new event form starting on this day is linked
	// PickYear and PickMonth name the month page whose list under the grid
	// shows this day on a phone (its «pick» link); 0 for none.
	PickYear, PickMonth int
	Chosen              bool     // the day whose list is under the month
	Dots                []string // on a phone, the kinds of its events (three at most), a dot each
}

// HijriDay is a day's Hijri date as a grid cell shows it: its day, with
// its month's name on the month's first day and on the grid's first cell
// (WithMonth); written 1446/01/09 in data-hijri.
type HijriDay struct {
	Year, Month, Day int
	MonthName        string
	WithMonth        bool
}

// Bar is an event drawn across the days it covers in one week row (or one
// day column): its columns, its lane, and whether it goes on past the row.
// The view writes its link, classes and tooltip (views/grid.go).
type Bar struct {
	ID       int64
	Title    string
	Kind     string // its kind's key, whose colour and shape its class k-<kind> gives
	KindName string // Persian kind
	Time     string // its start, "HH:MM" (shown in Persian digits), or ""
	Proposed bool
	// On is the first day of a series' occurrence, which its link names
	// (?on=); zero for a one-off event.
	On     jalali.Date
	Col    int  // the column it starts in, 1..7
	Span   int  // how many columns it covers, 1..7
	Lane   int  // 1 at the top
	Before bool // it began in an earlier week row
	After  bool // it goes on in the next week row
	// Start and Last are its occurrence's days, written «۲۶ تا ۳۰
	// اردیبهشت» when they differ.
	Start, Last jalali.Date
}

// OccasionChip is an occasion shown on a day.
type OccasionChip struct {
	Name     string
	Holiday  bool
	URL      string // the page of a confirmed event that repeats it, or ""
	Province string // a provincial day's province
	Lunar    bool   // on the Hijri calendar
}

// EventChip is an event shown in a day cell or a list.
type EventChip struct {
	ID       int64
	Title    string
	URL      string
	Class    string // CSS classes: ev, k-<kind>, proposed
	KindName string // Persian kind
	Time     string // ۱۰:۰۰ or ""
	Proposed bool
	When     string // the dates in Persian, for lists
}

// DayView is the page of one day.
type DayView struct {
	Page
	Date      jalali.Date
	Heading   string // پنج‌شنبه ۲۷ اردیبهشت ۱۴۰۳
	Gregorian string // Thursday-independent Gregorian date in Persian
	Hijri     string // ۹ محرم ۱۴۴۶
	HijriISO  string // 1446/01/09
	// HijriProvisional: the Hijri month's start is predicted (Iran fixes it
	// by sighting) and may move by a day.
	HijriProvisional bool
	MonthURL         string
	PrevURL          string // "" at the edges of the supported years
	NextURL          string
	Holiday          bool
	Occasions        []OccasionChip
	Events           []EventChip
	NewEventURL      string
	TodayURL         string
	Views            ViewSwitch
	Grid             TimeGrid // the day as one column: its all-day row and its hours
	// Busy, on a day with more events than its page shows at once, says
	// how they are shown and pages its list (views/days.go).
	Busy DayBusy
	// Filter narrows a busy day, or shows the filter in use; its Action is
	// "" on other days.
	Filter FilterView
}

// EventView is the page of one event.
type EventView struct {
	Page
	ID         int64
	Title      string
	KindName   string
	Status     string // Persian
	Proposed   bool
	When       string // dates (and times) in Persian
	Days       string // "۳ روز" or ""
	Repeats    bool
	Recurrence string // how the event repeats, in Persian
	Next       string // the dates of its coming (or current) occurrence
	// Occurrence, on the page of one occurrence of a series (?on=), offers
	// to edit or delete it alone, with the following ones, or all; on an
	// event that stands in for one, it names that occurrence's series.
	Occurrence   OccurrenceView
	Description  string
	Details      []Detail // location, province, organization, owner: those it has
	ReviewNote   string
	Dated        bool
	Evidence     string
	ArticleURL   string
	ArticleTitle string
	MonthURL     string
	EditURL      string
	DeleteURL    string
	ICSURL       string
}

// EventFormView is the new/edit event form.
type EventFormView struct {
	Page
	Heading string
	Action  string // where the form posts
	Submit  string
	Values  map[string]string // field name -> the user's input
	Errors  map[string]string // field name -> Persian message
	Kinds   []Option
	Texts   [][]TextInput // the plain text inputs, a row each (or two side by side)
	Cancel  string
	// Confirming: the form is the review's "edit, then confirm" of a mined
	// event, shown with the sentence of its article that supports it.
	Confirming   bool
	Evidence     string // the sentence, "" when the event has none
	ArticleTitle string
	ArticleURL   string // the article, at the sentence
	ReviewNote   string // why a person should look (a guessed year…)
	Reminders    []ReminderChoice
}

// Detail is a labelled value in an event's list of details.
type Detail struct{ Label, Value string }

// TextInput is a plain text input of a form.
type TextInput struct{ Name, Label string }

// Option is a choice in a select list.
type Option struct {
	Value, Label string
}

// AgendaView lists upcoming events grouped by week.
type AgendaView struct {
	Page
	From         string
	Preparing    []PreparingItem // the occasions to prepare for now
	Weeks        []AgendaWeek
	Filter       FilterView
	FeedURL      string
	SubscribeURL string
}

// AgendaWeek is one week of the agenda.
type AgendaWeek struct {
	Heading string
	Days    []AgendaDay
}

// AgendaDay is a day with something on it.
type AgendaDay struct {
	Heading   string // امروز / فردا / پنج‌شنبه ۲۷ اردیبهشت
	Relative  string // ۳ روز دیگر
	URL       string
	Occasions []OccasionChip
	Events    []EventChip
	More      int // its events left out of the list, which its page lists
}

// OccasionsView lists the occasions by group.
type OccasionsView struct {
	Page
	Group, Calendar, Query string // the list's filter
	Month                  string // the filter's month: 1..12, or all
	Year                   string // this Jalali year, in Persian digits
	Groups, Calendars      []Option
	Months                 []Option
	Sections               []OccasionGroup
}

// OccasionGroup is one group of the occasions list.
type OccasionGroup struct {
	Key    string // official, international, office
	Title  string
	Count  string // how many are listed, in Persian digits
	Total  int    // how many the group has
	Hidden int    // how many of the group the calendar does not show
	Items  []OccasionItem
}

// OccasionItem is a row of the occasions list.
type OccasionItem struct {
	ID            int64
	Name          string
	Rule          string // ۲۷ اردیبهشت, دومین جمعهٔ مهر, ۱۰ محرم (قمری)…
	ThisYear      string // its days this year: ۲۶ تیر
	DayURL        string // the day page of this year's first day
	Calendar      string // خورشیدی, قمری, میلادی
	Holiday       bool
	Hidden        bool
	Province      string
	EditURL       string
	DeleteURL     string
	VisibilityURL string // POST hidden=1 or 0
	Preparing     string // «آماده‌سازی از ۷ روز قبل» when the office prepares for it
}

// OccasionFormView edits an occasion.
type OccasionFormView struct {
	Page
	Heading     string
	Action      string
	Values      map[string]string
	Errors      map[string]string
	MonthGroups []OptionGroup // the months of the three calendars
	Rules       []Option
	Weekdays    []Option
	Offsets     []Option
	Preparation *PreparationView // nil for a new occasion
}

// OptionGroup is an <optgroup> of a select list.
type OptionGroup struct {
	Label   string
	Options []Option
}

// HijriView is the twelve months of a Hijri year with their first days.
type HijriView struct {
	Page
	Title, Year      string
	PrevURL, NextURL string // "" at the edges of the calendar
	TableRange       string // the months Iran's table covers
	CanEdit          bool   // the visitor may set month starts
	Months           []HijriMonthRow
}

// HijriMonthRow is one month of the Hijri page.
type HijriMonthRow struct {
	Key         string // 1448/10
	Name        string // شوال ۱۴۴۸
	Start       string // its first day, Jalali, with the weekday
	Gregorian   string
	Length      string // ۲۹ روز
	Source      string // تقویم رسمی، پیش‌بینی، اصلاح‌شده به دست مدیر
	Provisional bool
	Corrected   bool
	Note        string
	StartValue  string // the form's start field
	Error       string // why the last change of this month was refused
	UnsetURL    string
}

// ConfirmDeleteView asks whether to delete something.
type ConfirmDeleteView struct {
	Page
	Heading string
	What    string // what goes, as a question
	// Undo says how the delete can be undone; "" when it cannot.
	Undo   string
	Action string // where the delete posts
	Cancel string
}

// ErrorView is a Persian error page.
type ErrorView struct {
	Page
	Status  int
	Heading string
	Message string
}

// ArticlesView lists stored articles.
type ArticlesView struct {
	Page
	Items []ArticleItem
}

// ArticleItem is a row of the articles list.
type ArticleItem struct {
	ID        int64
	Title     string
	URL       string
	Source    string
	Published string
	Events    string // ۳ رویداد، ۲ در انتظار بازبینی
	Links     []ArticleLinkItem
}

// SourcesView lists the news sources an office watches, with the form
// that adds one.
type SourcesView struct {
	Page
	Items    []SourceItem
	CanFetch bool // this server fetches news (else a note says it does not)
	Values   map[string]string
	Errors   map[string]string
}

// SourceItem is a source as its list shows it.
type SourceItem struct {
	ID           int64
	Name         string // its URL's host when it has none
	URL          string
	Province     string
	Organization string
	Interval     string // هر ۳۰ دقیقه
	Enabled      bool
	Status       string // the status line: last fetch, new items, last error
	Failed       bool   // the last fetch failed
	EnabledURL   string // POST: on=1 or on=0
	FetchURL     string // POST: fetch now
	DeleteURL    string // the page that asks before removing it
}

// ArticleLinkItem is an address an article was found at.
type ArticleLinkItem struct {
	URL    string
	Host   string
	Source string // the source's name, "" when pasted
}

// ArticleFormView is the form that adds an article.
type ArticleFormView struct {
	Page
	Values map[string]string
	Errors map[string]string
	// AskUndated offers «تاریخ انتشار را نمی‌دانم»: the text gave no
	// publication date, nor did the form.
	AskUndated bool
}

// ArticleView shows an article with its evidence highlighted.
type ArticleView struct {
	Page
	ID        int64
	Title     string
	Source    string
	Province  string
	Published string // ۱۸ مرداد ۱۳۹۵, "" when unknown
	// PublishedFrom is the dateline the date was read from ("" when a
	// person gave it); PublishedLine its line number, in Persian digits;
	// PublishedFromURL its mark in the text.
	PublishedFrom    string
	PublishedLine    string
	PublishedFromURL string
	Links            []ArticleLinkItem // where it was found
	Segments         []Segment
	Events           []ReviewItem
	Occasions        []ArticleOccasionItem
}

// ArticleOccasionItem is an occasion of the calendar that an article names.
type ArticleOccasionItem struct {
	Key         string
	Name        string // its current name (the mined one when the calendar no longer has it)
	Known       bool   // the calendar still has it
	When        string // ۲ تا ۸ شهریور ۱۴۰۳
	DayURL      string // the page of its first day
	EvidenceURL string // its mention in the text (#oc-ID)
	Note        string // how its year was chosen, when guessed
}

// Segment is a run of article text. Mark runs are evidence: of the event
// EventID, or of the calendar's occasion Occasion, linked to URL; or the
// dateline the publication date was read from (Dateline, not linked).
type Segment struct {
	Text     string
	Mark     bool
	URL      string
	EventID  int64
	Occasion string
	Dateline bool
	Anchors  []string // ids of the spans that start here (ev-ID, oc-ID, published-from), for links to them
	Proposed bool
}

// ReviewView is the queue of proposed events, a page of it at a time.
type ReviewView struct {
	Page
	Error   string        // why the last action changed nothing
	Faults  []ReviewFault // the events at fault, linked
	Summary string        // what the last bulk action did
	Left    []ReviewFault // the events it left, linked to their "edit, then confirm"
	Filter  ReviewFilterView
	Hidden  []Field // the filter and page, for the queue's form to keep
	Groups  []ReviewGroup
	Total   string
	// PageLabel is «صفحهٔ ۲ از ۵» ("" for a queue of one page);
	// PrevURL and NextURL the pages either side ("" at the ends).
	PageLabel        string
	PrevURL, NextURL string
}

// ReviewFilterView is the review queue's filter form.
type ReviewFilterView struct {
	Article  string // the chosen article's id, "" for all
	Kind     string
	Below    string // a percentage, "" for any confidence
	Undated  bool
	Active   bool
	ClearURL string
	Articles []Option // the articles awaiting review
	Kinds    []Option
	Belows   []Option
}

// Field is a hidden form field.
type Field struct {
	Name, Value string
}

// ReviewFault names an event that kept a review action from being done.
type ReviewFault struct {
	Title string
	URL   string // #review-ID, its item in the queue, or its "edit, then confirm"
}

// ReviewGroup is the proposed events of one article.
type ReviewGroup struct {
	ArticleID    int64
	ArticleTitle string
	ArticleURL   string
	OnlyURL      string // the queue narrowed to this article, "" when it is
	Items        []ReviewItem
}

// ReviewItem is a mined event awaiting (or past) review.
type ReviewItem struct {
	ID          int64
	Title       string
	URL         string
	EditURL     string
	KindName    string
	When        string
	Status      string
	Proposed    bool
	Dated       bool
	Evidence    string
	EvidenceURL string // the article page, at the highlighted span
	Note        string
	Confidence  string // ۸۵٪
	Selected    bool   // ticked for a bulk action (kept when the action was refused)
	Problem     string // why this event kept the action from being done
}

// ImportView is the .ics upload page.
type ImportView struct {
	Page
	Result  string
	Error   string
	Details []string
	// Skipped names each VEVENT an import could not read and says why;
	// Refused each one it read but did not take (against a rule of
	// ruydad's, or cancelled) and why; Adjusted each one it changed to
	// import it, and what it changed; Expanded each series it imported as
	// one event per occurrence, and why not as one series.
	Skipped, Refused, Adjusted, Expanded []string
}

// SearchView is the search page.
type SearchView struct {
	Page
	Query    string
	Searched bool
	TooShort bool
	Events   []EventChip
	Articles []ArticleHit
	Summary  string // ۳ رویداد و ۲ خبر
	Notice   string // why the search did not run (too many at once)
	// MoreEvents and MoreArticles link to the page that shows more of
	// each ("" when there are no more).
	MoreEvents, MoreArticles string
}

// ArticleHit is an article found by search, with the text around the
// first match.
type ArticleHit struct {
	ID                 int64
	Title              string
	URL                string
	Published          string
	Before, Hit, After string
}

// YearView is twelve small months with event dots and occasions.
type YearView struct {
	Page
	Year             int
	Title            string
	PrevURL, NextURL string // "" at the edges of the supported years
	Weekdays         [7]string
	Months           []MiniMonth
	Filter           FilterView
	FeedURL          string // download the .ics of what is shown
	SubscribeURL     string // webcal:// link for calendar apps
}

// MiniMonth is one month of the year view.
type MiniMonth struct {
	Title string
	Hijri string // the Hijri months it spans: شوال – ذی‌القعده
	URL   string
	Weeks [][7]MiniDay
}

// MiniDay is a day of a small month.
type MiniDay struct {
	Date     string // YYYY/MM/DD
	Day      string // Persian number, "" outside the month
	URL      string
	Today    bool
	Holiday  bool
	Events   int
	Occasion string // names, for the title attribute
	Hijri    string // 1446/01/09, for data-hijri
	Label    string // for screen readers
}

// PickerView is the month fragment the date picker script shows.
type PickerView struct {
	Title      string
	Prev, Next string // "1403/3" months to load; "" at the edges of the supported years
	PrevLabel  string
	NextLabel  string
	Weekdays   [7]string
	Weeks      [][7]PickerDay
	// The lists the picker jumps by: every month, and the years around the
	// shown one; Year and Month are the shown ones' values.
	Months, Years []Option
	Year, Month   string
}

// PickerDay is a button of the picker.
type PickerDay struct {
	Value   string // ۱۴۰۳/۰۲/۲۷, what goes into the field
	Day     string
	Label   string
	InMonth bool
	Today   bool
	Chosen  bool // the day the field holds
	Friday  bool
}

// LoginView is the sign-in form.
type LoginView struct {
	Page
	Username string
	Error    string
	Next     string
}

// SetupView is the first-run form that makes the first administrator.
type SetupView struct {
	Page
	Values map[string]string // username and token as typed (never the password)
	Errors map[string]string // by input name: username, password, token
}

// AccountView is the signed-in user's page.
type AccountView struct {
	Page
	Name string
	Role string
	// FeedURL and WebcalURL are the user's private feed, set only on the
	// page that has just made it: only its hash is kept, so it is shown
	// this once.
	FeedURL   string
	WebcalURL string
	Private   bool
}

// UsersView is the admin's list of accounts.
type UsersView struct {
	Page
	// DraftsPublic: visitors not signed in see the drafts (an
	// administrator's setting, switched on this page).
	DraftsPublic bool
	Users        []UserItem
	Roles        []Option
	Values       map[string]string
	Errors       map[string]string
}

// UserItem is a row of the users list.
type UserItem struct {
	ID       int64
	Name     string
	Role     string
	RoleName string
	Me       bool
}

// OccurrenceView is one occurrence of a series on its event page (see
// EventView.Occurrence); zero when the page is of no occurrence.
type OccurrenceView struct {
	Date string // the occurrence's first day, in Persian
	// The links of «فقط همین»، «این و بعدی‌ها» and «همه», to edit and to
	// delete; EditAll and DeleteAll are the series' own forms.
	EditOne, EditFollowing, EditAll       string
	DeleteOne, DeleteFollowing, DeleteAll string
	// SeriesURL and SeriesTitle, on an event that stands in for an
	// occurrence (moved or changed), name its series; Date is then the
	// day the occurrence would have been.
	SeriesURL, SeriesTitle string
}
