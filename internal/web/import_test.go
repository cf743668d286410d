package web_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// uploadPage posts an .ics file to /import and returns the response with
// the page it rendered (for a refusal) and the redirect target.
func uploadPage(t *testing.T, a *app, ics string) (*http.Response, *goquery.Document) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("_csrf", a.csrf())
	fw, _ := mw.CreateFormFile("file", "calendar.ics")
	io.WriteString(fw, ics)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, a.srv.URL+"/import", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := a.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	doc, err := goquery.NewDocumentFromReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, doc
}

// vcal wraps VEVENT bodies in a VCALENDAR.
func vcal(bodies ...string) string {
	s := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n"
	for _, b := range bodies {
		s += "BEGIN:VEVENT\r\nDTSTAMP:20240501T000000Z\r\n" + b + "END:VEVENT\r\n"
	}
	return s + "END:VCALENDAR\r\n"
}

// TestImportShowsWhatIsWrong: the events at fault are left out, and the
// report (200) names each, in Persian, by its SUMMARY and UID and says what
// is wrong with it, those that could not be read apart from those read but
// refused by the rules, the others imported; a file that is not iCalendar
// comes back as a 422 that says why, nothing stored.
func TestImportShowsWhatIsWrong(t *testing.T) {
	a := newApp(t)
	good := "UID:ok@google.com\r\nSUMMARY:جلسه خوب\r\nDTSTART;VALUE=DATE:20240516\r\n"
	tests := []struct {
		name             string
		ics              string
		refused          bool
		unread, breaking int      // the VEVENTs skipped (unreadable) and refused (against the rules)
		details          []string // each must be in one detail line
	}{
		{"no start", vcal(good, "UID:nostart@google.com\r\nSUMMARY:نشست بی‌تاریخ\r\n"), false, 1, 0,
			[]string{"رویداد شماره ۲", "نشست بی‌تاریخ", "nostart@google.com", "تاریخ آغاز (DTSTART) ندارد"}},
		{"an empty title and a bad zone", vcal(good, "UID:untitled@google.com\r\nSUMMARY:\r\nDTSTART;VALUE=DATE:20240601\r\n",
			"UID:mars@google.com\r\nSUMMARY:مریخ\r\nDTSTART;TZID=Mars/Olympus:20240601T100000\r\n"), false, 1, 1,
			[]string{"untitled@google.com", "عنوان (SUMMARY) ندارد", "مریخ", "mars@google.com", "Mars/Olympus", "شناخته نیست"}},
		{"hourly", vcal(good, "UID:hourly@google.com\r\nSUMMARY:گزارش ساعتی\r\nDTSTART:20240516T063000Z\r\nRRULE:FREQ=HOURLY;COUNT=5\r\n"), false, 0, 1,
			[]string{"گزارش ساعتی", "hourly@google.com", "در طول روز تکرار می‌شود"}},
		{"truncated", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\n", true, 0, 0,
			[]string{"END:VCALENDAR"}},
		{"nested 100,000 deep", "BEGIN:VCALENDAR\r\n" + strings.Repeat("BEGIN:VEVENT\r\n", 100000), true, 0, 0,
			[]string{"بیش از ۴ لایه در هم رفته‌اند"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, doc := uploadPage(t, a, tt.ics)
			list := `[data-testid="import-skipped-item"], [data-testid="import-refused-item"]`
			result := doc.Find(`[data-testid="import-result"]`).Text()
			unread, breaking := doc.Find(`[data-testid="import-skipped-item"]`).Length(), doc.Find(`[data-testid="import-refused-item"]`).Length()
			switch {
			case tt.refused:
				if resp.StatusCode != http.StatusUnprocessableEntity || doc.Find(`[data-testid="import-error"]`).Length() != 1 {
					t.Fatalf("status %d, import-error %d", resp.StatusCode, doc.Find(`[data-testid="import-error"]`).Length())
				}
				list = `[data-testid="import-detail"]`
			case resp.StatusCode != http.StatusOK || unread != tt.unread || breaking != tt.breaking,
				tt.unread > 0 && !strings.Contains(result, jalali.FaNum(tt.unread)+" رویداد فایل خوانا نبود و کنار گذاشته شد"),
				tt.breaking > 0 && !strings.Contains(result, jalali.FaNum(tt.breaking)+" رویداد فایل خوانده شد ولی پذیرفته نشد"):
				t.Fatalf("status %d, result %q, %d skipped and %d refused named", resp.StatusCode, result, unread, breaking)
			}
			text := doc.Find(list).Text()
			for _, want := range tt.details {
				if !strings.Contains(text, want) {
					t.Errorf("the details do not say %q:\n%s", want, text)
				}
			}
			if strings.Contains(text, "VEVENT") || strings.Contains(text, "malformed") {
				t.Errorf("English error text on the page:\n%s", text)
			}
		})
	}
	if n := a.countEvents(); n != 1 {
		t.Errorf("%d events stored, want the good one", n)
	}
}

// TestImportRecurringFromGoogle: a weekly series with an end becomes one
// series, its EXDATE skipped and its moved instance an event of its own; a
// Gregorian yearly one without an end one event per instance over the
// window; the page says so, and why the yearly one is expanded; importing
// the file again adds nothing.
func TestImportRecurringFromGoogle(t *testing.T) {
	a := newApp(t)
	ics := vcal(
		"UID:w@google.com\r\nSUMMARY:جلسه هفتگی\r\nDTSTART;TZID=Asia/Tehran:20240518T100000\r\n"+
			"DTEND;TZID=Asia/Tehran:20240518T110000\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nEXDATE;TZID=Asia/Tehran:20240525T100000\r\n",
		"UID:w@google.com\r\nRECURRENCE-ID;TZID=Asia/Tehran:20240601T100000\r\nSUMMARY:جلسه هفتگی (جابه‌جا)\r\n"+
			"DTSTART;TZID=Asia/Tehran:20240602T090000\r\nDTEND;TZID=Asia/Tehran:20240602T100000\r\n",
		"UID:y@google.com\r\nSUMMARY:سالگرد میلادی\r\nDTSTART;VALUE=DATE:20240516\r\nRRULE:FREQ=YEARLY\r\n",
	)
	resp, doc := uploadPage(t, a, ics)
	// The weekly series and its moved week + the Gregorian yearly over the
	// window 1398..1413, from 1403: 11.
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("import: %d", resp.StatusCode)
	}
	result := doc.Find(`[data-testid="import-result"]`).Text()
	for _, want := range []string{"۱۳ رویداد افزوده شد", "۱ رویداد تکرارشونده با قاعدهٔ تکرار خود", "۱ رویداد تکرارشونده به ۱۱ رویداد جدا", "تا پایان سال ۱۴۱۳"} {
		if !strings.Contains(result, want) {
			t.Errorf("the result %q does not say %q", result, want)
		}
	}
	if exp := doc.Find(`[data-testid="import-expanded-item"]`).Text(); !strings.Contains(exp, "سالگرد میلادی") || !strings.Contains(exp, "سال‌به‌سال میلادی") {
		t.Errorf("why the yearly one is expanded: %q", exp)
	}
	_, doc = a.get("/calendar/1403/3")
	if !strings.Contains(doc.Text(), "جلسه هفتگی (جابه‌جا)") {
		t.Error("the moved instance is not on the calendar")
	}
	if _, doc = uploadPage(t, a, ics); !strings.Contains(doc.Find(`[data-testid="import-result"]`).Text(), "۰ رویداد افزوده شد. ۱۳ رویداد با همین نسخه") {
		t.Errorf("second import: %s", doc.Find(`[data-testid="import-result"]`).Text())
	}
	if n := a.countEvents(); n != 13 {
		t.Errorf("%d events stored, want 13", n)
	}
}

// TestImportNamesTheCopiesLeftOut: a VEVENT repeating an earlier one (same
// UID, same details) is imported once, and the page says so, naming its
// UID; of one UID for two different events the second is skipped, named
// with the first.
func TestImportNamesTheCopiesLeftOut(t *testing.T) {
	a := newApp(t)
	meeting := "UID:meeting@example.com\r\nSUMMARY:جلسه شورا\r\nDTSTART;VALUE=DATE:20240516\r\n"
	visit := "UID:visit@example.com\r\nSUMMARY:بازدید\r\nDTSTART;VALUE=DATE:20240520\r\n"
	resp, _ := uploadPage(t, a, vcal(meeting, visit, meeting))
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || loc != "/import?copies=1&copy=meeting%40example.com&created=2&unchanged=0&updated=0" {
		t.Fatalf("import: %d %s", resp.StatusCode, loc)
	}
	_, doc := a.get(loc)
	result := doc.Find(`[data-testid="import-result"]`).Text()
	for _, want := range []string{"۲ رویداد افزوده شد", "۱ رویداد فایل تکرار رویدادی پیش از خود", "meeting@example.com", "تنها یک بار افزوده شد"} {
		if !strings.Contains(result, want) {
			t.Errorf("the result %q does not say %q", result, want)
		}
	}
	if n := a.countEvents(); n != 2 {
		t.Errorf("%d events stored, want 2", n)
	}

	other := "UID:meeting@example.com\r\nSUMMARY:جلسه شورا\r\nDTSTART;VALUE=DATE:20240517\r\n"
	resp, doc = uploadPage(t, a, vcal(meeting, other))
	text := doc.Find(`[data-testid="import-refused-item"]`).Text()
	if resp.StatusCode != http.StatusOK || !strings.Contains(text, "رویداد شماره ۲ فایل") ||
		!strings.Contains(text, "شناسهٔ رویداد شماره ۱ فایل هم هست") {
		t.Errorf("one UID for two events: %d\n%s", resp.StatusCode, text)
	}
}

// TestImportUpdatesByRevision: the same UID again with a higher SEQUENCE
// replaces the stored event under its number, with the same SEQUENCE and
// a later LAST-MODIFIED too; the same revision again leaves it, and the
// page counts each.
func TestImportUpdatesByRevision(t *testing.T) {
	a := newApp(t)
	ev := func(seq int, modified, title string) string {
		return vcal("UID:rev@outlook.com\r\nSEQUENCE:" + strconv.Itoa(seq) + "\r\nLAST-MODIFIED:" + modified + "\r\nSUMMARY:" + title +
			"\r\nDTSTART;VALUE=DATE:20240516\r\nDTEND;VALUE=DATE:20240517\r\n")
	}
	steps := []struct {
		ics, loc, title, says string
	}{
		{ev(0, "20240501T000000Z", "نسخه نخست"), "/import?created=1&unchanged=0&updated=0", "نسخه نخست", "۱ رویداد افزوده شد"},
		{ev(0, "20240501T000000Z", "نسخه نخست"), "/import?created=0&unchanged=1&updated=0", "نسخه نخست", "۱ رویداد با همین نسخه"},
		{ev(2, "20240501T000000Z", "نسخه دوم"), "/import?created=0&unchanged=0&updated=1", "نسخه دوم", "نسخهٔ تازه‌تر فایل"},
		{ev(1, "20240901T000000Z", "کهنه"), "/import?created=0&unchanged=1&updated=0", "نسخه دوم", "دست نخورد"},
		{ev(2, "20240601T000000Z", "نسخه سوم"), "/import?created=0&unchanged=0&updated=1", "نسخه سوم", "جای آن را گرفت"},
	}
	var id int64
	for i, st := range steps {
		resp, _ := uploadPage(t, a, st.ics)
		if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || loc != st.loc {
			t.Fatalf("step %d: %d %s", i, resp.StatusCode, loc)
		}
		_, doc := a.get(st.loc)
		if result := doc.Find(`[data-testid="import-result"]`).Text(); !strings.Contains(result, st.says) {
			t.Errorf("step %d: the page says %q, want %q", i, result, st.says)
		}
		evs, err := a.db.EventsBetween(context.Background(), jalali.MustNew(1403, 1, 1), jalali.MustNew(1403, 12, 29), domain.EventFilter{})
		if err != nil || len(evs) != 1 {
			t.Fatalf("step %d: %d events, %v", i, len(evs), err)
		}
		if id == 0 {
			id = evs[0].ID
		}
		if evs[0].ID != id || evs[0].Title != st.title {
			t.Errorf("step %d: stored #%d %q, want #%d %q", i, evs[0].ID, evs[0].Title, id, st.title)
		}
	}
}

// TestImportSaysTasksAreLeftOut: a file of tasks only imports nothing and
// says so; beside events, the tasks left out are counted.
func TestImportSaysTasksAreLeftOut(t *testing.T) {
	a := newApp(t)
	task := "BEGIN:VTODO\r\nUID:t@x\r\nDTSTAMP:20240501T000000Z\r\nSUMMARY:نامه\r\nEND:VTODO\r\n"
	cal := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN\r\n" + task + task + task + "END:VCALENDAR\r\n"
	resp, doc := uploadPage(t, a, cal)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(doc.Find(`[data-testid="import-detail"]`).Text(), "۳ کار (VTODO) فایل کنار گذاشته شد") {
		t.Errorf("tasks only: %d %q", resp.StatusCode, doc.Find(`[data-testid="import-detail"]`).Text())
	}
	withEvent := strings.Replace(cal, task, "BEGIN:VEVENT\r\nUID:e@x\r\nDTSTAMP:20240501T000000Z\r\nSUMMARY:جلسه\r\nDTSTART;VALUE=DATE:20240516\r\nEND:VEVENT\r\n", 1)
	resp, _ = uploadPage(t, a, withEvent)
	loc := resp.Header.Get("Location")
	if loc != "/import?created=1&tasks=2&unchanged=0&updated=0" {
		t.Fatalf("with an event: %s", loc)
	}
	if _, doc = a.get(loc); !strings.Contains(doc.Find(`[data-testid="import-result"]`).Text(), "۲ کار (VTODO) فایل کنار گذاشته شد") {
		t.Errorf("the page says %q", doc.Find(`[data-testid="import-result"]`).Text())
	}
}

// TestImportAdjustsWhatRFC5545Allows: a VEVENT without SUMMARY is imported
// titled «(بدون عنوان)», an Outlook room list longer than a location holds
// is cut, whole at the end of the description; the report names both.
func TestImportAdjustsWhatRFC5545Allows(t *testing.T) {
	a := newApp(t)
	rooms := strings.Repeat("Room 4.12 (Tehran HQ); ", 12)
	resp, doc := uploadPage(t, a, vcal("UID:nosummary@outlook.com\r\nDTSTART;VALUE=DATE:20240601\r\n",
		"UID:rooms@outlook.com\r\nSUMMARY:جلسه\r\nLOCATION:"+rooms+"\r\nDTSTART;VALUE=DATE:20240602\r\n"))
	items := doc.Find(`[data-testid="import-adjusted-item"]`)
	if resp.StatusCode != http.StatusOK || items.Length() != 2 || !strings.Contains(items.Eq(0).Text(), "«(بدون عنوان)» افزوده شد") ||
		!strings.Contains(items.Eq(1).Text(), "مکان (LOCATION) ۲۷۶ نویسه بود") {
		t.Fatalf("%d, %q", resp.StatusCode, items.Text())
	}
	evs, err := a.db.EventsBetween(context.Background(), jalali.MustNew(1403, 3, 1), jalali.MustNew(1403, 3, 31), domain.EventFilter{})
	if err != nil || len(evs) != 2 {
		t.Fatalf("%d events, %v", len(evs), err)
	}
	if evs[0].Title != "(بدون عنوان)" || len([]rune(evs[1].Location)) != 200 || !strings.HasSuffix(evs[1].Description, "مکان کامل: "+rooms) {
		t.Errorf("stored %q; %q (%d), %q", evs[0].Title, evs[1].Location, len([]rune(evs[1].Location)), evs[1].Description)
	}
}

// TestImportStatuses: TENTATIVE is imported confirmed, its page marked
// «موقت»; a cancelled instance is taken out of its series (skipped); a
// cancelled event is refused and named; nothing is stored as rejected.
func TestImportStatuses(t *testing.T) {
	a := newApp(t)
	resp, doc := uploadPage(t, a, vcal(
		"UID:tent@outlook.com\r\nSUMMARY:نشست احتمالی\r\nSTATUS:TENTATIVE\r\nDTSTART;VALUE=DATE:20240601\r\n",
		"UID:gone@outlook.com\r\nSUMMARY:برنامهٔ لغوشده\r\nSTATUS:CANCELLED\r\nDTSTART;VALUE=DATE:20240602\r\n",
		"UID:wk@google.com\r\nSUMMARY:جلسه هفتگی\r\nDTSTART;VALUE=DATE:20240603\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\n",
		"UID:wk@google.com\r\nRECURRENCE-ID;VALUE=DATE:20240610\r\nSUMMARY:جلسه هفتگی\r\nSTATUS:CANCELLED\r\nDTSTART;VALUE=DATE:20240610\r\n"))
	result := doc.Find(`[data-testid="import-result"]`).Text()
	skipped := doc.Find(`[data-testid="import-refused-item"]`)
	if resp.StatusCode != http.StatusOK || !strings.Contains(result, "۲ رویداد افزوده شد") || !strings.Contains(result, "۱ تکرار لغوشده") ||
		skipped.Length() != 1 || !strings.Contains(skipped.Text(), "برنامهٔ لغوشده") || !strings.Contains(skipped.Text(), "لغو شده است (STATUS:CANCELLED)") {
		t.Fatalf("%d %q %q", resp.StatusCode, result, skipped.Text())
	}
	evs, err := a.db.EventsBetween(context.Background(), jalali.MustNew(1403, 3, 1), jalali.MustNew(1403, 3, 31), domain.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	var tentative int64
	for _, e := range evs {
		got = append(got, e.UID+" "+string(e.Status))
		if e.UID == "tent@outlook.com" {
			tentative = e.ID
		}
	}
	if want := []string{"tent@outlook.com confirmed", "wk@google.com confirmed"}; !slices.Equal(got, want) {
		t.Errorf("stored %q, want %q", got, want)
	}
	if wk := evs[len(evs)-1]; wk.Repeat.Skipped != domain.DatesOf(jalali.MustNew(1403, 3, 21)) || wk.Repeat.Count != 3 {
		t.Errorf("the series %+v, want 1403/03/21 skipped of 3", wk.Repeat)
	}
	if _, doc = a.get("/events/" + strconv.FormatInt(tentative, 10)); !strings.Contains(doc.Find(".notice").Text(), "موقت") {
		t.Errorf("the tentative event's page: %q", doc.Find(".notice").Text())
	}
}

// TestImportExchangeShapes: Outlook's midnight-to-midnight all-day event
// (X-MICROSOFT-CDO-ALLDAYEVENT) is all-day; Exchange's date-time
// RECURRENCE-ID on an all-day series moves its day; EXDATE;VALUE=DATE takes
// a day out of a timed series; both series are kept as series.
func TestImportExchangeShapes(t *testing.T) {
	a := newApp(t)
	const zone = "TZID=Iran Standard Time:"
	resp, _ := uploadPage(t, a, vcal(
		"UID:allday@exchange\r\nSUMMARY:همایش\r\nDTSTART;"+zone+"20250601T000000\r\nDTEND;"+zone+"20250603T000000\r\nX-MICROSOFT-CDO-ALLDAYEVENT:TRUE\r\n",
		"UID:noon@exchange\r\nSUMMARY:ناهار\r\nDTSTART;"+zone+"20250604T120000\r\nDTEND;"+zone+"20250605T000000\r\nX-MICROSOFT-CDO-ALLDAYEVENT:TRUE\r\n",
		"UID:daily@exchange\r\nSUMMARY:نمایشگاه\r\nDTSTART;VALUE=DATE:20250526\r\nDTEND;VALUE=DATE:20250527\r\nRRULE:FREQ=DAILY;COUNT=3\r\n",
		"UID:daily@exchange\r\nRECURRENCE-ID;"+zone+"20250527T000000\r\nSUMMARY:نمایشگاه (جابه‌جا)\r\nDTSTART;VALUE=DATE:20250529\r\nDTEND;VALUE=DATE:20250530\r\n",
		"UID:weekly@exchange\r\nSUMMARY:جلسه هفتگی\r\nDTSTART;"+zone+"20250602T100000\r\nDTEND;"+zone+"20250602T110000\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nEXDATE;VALUE=DATE:20250609\r\n"))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("import: %d", resp.StatusCode)
	}
	evs, err := a.db.EventsBetween(context.Background(), jalali.MustNew(1404, 3, 1), jalali.MustNew(1404, 3, 31), domain.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range evs {
		got = append(got, e.UID+" "+e.Start.String()+" "+e.StartTime+".."+e.End.String()+" "+e.EndTime+" "+e.Title)
	}
	want := []string{
		"daily@exchange 1404/03/05 ..1404/03/05  نمایشگاه",
		"daily-20250527@exchange 1404/03/08 ..1404/03/08  نمایشگاه (جابه‌جا)",
		"allday@exchange 1404/03/11 ..1404/03/12  همایش",
		"weekly@exchange 1404/03/12 10:00..1404/03/12 11:00 جلسه هفتگی",
		"noon@exchange 1404/03/14 12:00..1404/03/14  ناهار",
	}
	if !slices.Equal(got, want) {
		t.Errorf("stored\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if d, w := evs[0].Repeat, evs[3].Repeat; d.Moved != domain.DatesOf(jalali.MustNew(1404, 3, 6)) || d.Count != 3 ||
		w.Skipped != domain.DatesOf(jalali.MustNew(1404, 3, 19)) || w.Count != 3 || evs[1].Of.SeriesID != evs[0].ID {
		t.Errorf("daily %+v, weekly %+v, moved day of #%d", d, w, evs[1].Of.SeriesID)
	}
}

// TestImportUpdatesASeriesInPlace: a weekly series comes in as one series
// with its moved week; a later revision that moves another week updates
// it under its number, and the event that stood in for the first moved
// week goes to the trash, the page saying so.
func TestImportUpdatesASeriesInPlace(t *testing.T) {
	a := newApp(t)
	series := func(seq int, moved, to string) string {
		return vcal("UID:s@google.com\r\nSEQUENCE:"+strconv.Itoa(seq)+"\r\nSUMMARY:کارگروه\r\nDTSTART;TZID=Asia/Tehran:20250505T090000\r\n"+
			"DTEND;TZID=Asia/Tehran:20250505T100000\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\n",
			"UID:s@google.com\r\nSEQUENCE:"+strconv.Itoa(seq)+"\r\nRECURRENCE-ID;TZID=Asia/Tehran:"+moved+"T090000\r\nSUMMARY:کارگروه (جابه‌جا)\r\n"+
				"DTSTART;TZID=Asia/Tehran:"+to+"T090000\r\nDTEND;TZID=Asia/Tehran:"+to+"T100000\r\n")
	}
	resp, _ := uploadPage(t, a, series(0, "20250512", "20250513"))
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || loc != "/import?created=2&kept=1&unchanged=0&updated=0" {
		t.Fatalf("first import: %d %s", resp.StatusCode, loc)
	}
	_, doc := a.get("/import?created=2&kept=1&unchanged=0&updated=0")
	if result := doc.Find(`[data-testid="import-result"]`).Text(); !strings.Contains(result, "۱ رویداد تکرارشونده با قاعدهٔ تکرار خود") {
		t.Errorf("the page says %q", result)
	}
	stored := func() []domain.Event {
		evs, err := a.db.EventsBetween(context.Background(), jalali.MustNew(1404, 2, 1), jalali.MustNew(1404, 3, 31), domain.EventFilter{})
		if err != nil {
			t.Fatal(err)
		}
		return evs
	}
	before := stored()
	resp, _ = uploadPage(t, a, series(1, "20250519", "20250520"))
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || loc != "/import?created=1&dropped=1&kept=1&unchanged=0&updated=1" {
		t.Fatalf("second import: %d %s", resp.StatusCode, loc)
	}
	if _, doc = a.get(loc); !strings.Contains(doc.Find(`[data-testid="import-result"]`).Text(), "۱ رویداد که جای یکی از تکرارهای یک رویداد تکرارشونده را گرفته بود به سطل بازیافت رفت") {
		t.Errorf("the page says %q", doc.Find(`[data-testid="import-result"]`).Text())
	}
	after := stored()
	if len(before) != 2 || len(after) != 2 || after[0].ID != before[0].ID || after[0].Repeat.Moved != domain.DatesOf(jalali.MustNew(1404, 2, 29)) ||
		after[1].Of.SeriesID != before[0].ID || after[1].Start != jalali.MustNew(1404, 2, 30) {
		t.Errorf("before %+v\nafter %+v", before, after)
	}
}
