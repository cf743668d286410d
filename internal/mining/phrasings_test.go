package mining

import (
	"os"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// phrasing is a sentence written the way Iranian agency and office pages
// write dates, with the one dated event a careful reader takes from it.
type phrasing struct {
	class, text, pub string
	start, end       string // end "" = start; start "" = no dated event
	kind             domain.Kind
	time             string // "" = not checked
}

// phrasings covers each class of date the issue of real articles lists,
// several ways each; none is copied from an article.
var phrasings = []phrasing{
	// Ordinal and spelled-out days with a month.
	{"ordinal", "مراسم تکریم خبرنگاران استان هفتم آبان‌ماه در تالار فرهنگ برگزار می‌شود.", "1403/07/25", "1403/08/07", "", domain.KindCeremony, ""},
	{"ordinal", "همایش ملی بیمه دهم بهمن ماه جاری در سالن همایش‌های صدا و سیما برگزار خواهد شد.", "1402/10/20", "1402/11/10", "", domain.KindConference, ""},
	{"ordinal", "جلسه شورای اداری شهرستان بیست و سوم دی به ریاست فرماندار تشکیل شد.", "1402/10/25", "1402/10/23", "", domain.KindMeeting, ""},
	{"ordinal", "نمایشگاه کتاب استان از بیست و پنجم مهرماه به مدت یک هفته برپا می‌شود.", "1403/07/10", "1403/07/25", "1403/08/01", domain.KindOther, ""},
	{"ordinal", "جشنواره فیلم کوتاه روز سی‌ام اردیبهشت‌ماه به کار خود پایان داد.", "1403/03/01", "1403/02/30", "", domain.KindFestival, ""},
	// Lists and ranges, in every digit system.
	{"range", "همایش سراسری روابط عمومی‌ها ۱۵ و ۱۶ مرداد در مشهد برگزار می‌شود.", "1403/05/01", "1403/05/15", "1403/05/16", domain.KindConference, ""},
	{"range", "کارگاه آموزشی خبرنویسی روزهای ۳ و ۴ خرداد برگزار می‌شود.", "1403/02/25", "1403/03/03", "1403/03/04", domain.KindTraining, ""},
	{"range", "جشنواره تئاتر استان از ۱۰ تا ۱۴ آذر در تالار وحدت برگزار شد.", "1402/09/20", "1402/09/10", "1402/09/14", domain.KindFestival, ""},
	{"range", "نمایشگاه دستاوردهای پژوهشی طی روزهای ۵ تا ۹ شهریور ماه برپا خواهد شد.", "1403/05/28", "1403/06/05", "1403/06/09", domain.KindOther, ""},
	{"range", "دوره آموزشی ضمن خدمت کارکنان ٢٣ تا ٢٥ آبان برگزار شد.", "1402/08/28", "1402/08/23", "1402/08/25", domain.KindTraining, ""},
	{"range", "نشست خبری مدیرکل روز ٢٣ آبان برگزار می‌شود.", "1402/08/20", "1402/08/23", "", domain.KindPressConference, ""},
	// Days counted inside an occasion, anniversaries by ordinal.
	{"occasion", "در سومین روز هفتهٔ دولت ۱۲ طرح عمرانی در شهرستان افتتاح شد.", "1403/06/05", "1403/06/04", "", domain.KindInauguration, ""},
	{"occasion", "آیین افتتاح طرح‌های آبرسانی در نخستین روز دهه فجر برگزار شد.", "1402/11/13", "1402/11/12", "", domain.KindCeremony, ""},
	{"occasion", "مراسم چهل‌وپنجمین سالگرد پیروزی انقلاب اسلامی با حضور مردم برگزار شد.", "1402/11/23", "1402/11/22", "", domain.KindCeremony, ""},
	{"occasion", "همایش بزرگ پیاده‌روی خانوادگی در روز پایانی هفته دولت برگزار می‌شود.", "1403/06/01", "1403/06/08", "", domain.KindConference, ""},
	// Weekdays with a week qualifier, and days relative to the publication.
	{"weekday", "نشست خبری سخنگوی دولت سه‌شنبهٔ هفتهٔ آینده برگزار می‌شود.", "1403/02/20", "1403/02/25", "", domain.KindPressConference, ""},
	{"weekday", "جلسه شورای هماهنگی روابط عمومی‌ها شنبهٔ هفتهٔ پیش‌رو تشکیل می‌شود.", "1403/02/20", "1403/02/22", "", domain.KindMeeting, ""},
	{"weekday", "قرار است دوشنبه هفته پیش رو نشست دیگری با حضور مدیران برگزار شود.", "1403/02/20", "1403/02/24", "", domain.KindMeeting, ""},
	{"weekday", "مراسم تودیع و معارفه فرماندار چهارشنبهٔ گذشته برگزار شد.", "1403/02/20", "1403/02/19", "", domain.KindCeremony, ""},
	{"relative", "بازدید استاندار از طرح‌های نیمه‌تمام سه روز پیش انجام شد.", "1403/02/20", "1403/02/17", "", domain.KindVisit, ""},
	{"relative", "آیین رونمایی از کتاب صبح امروز در کتابخانه مرکزی برگزار شد.", "1403/02/20", "1403/02/20", "", domain.KindCeremony, ""},
	{"relative", "نشست هم‌اندیشی فعالان رسانه بعدازظهر فردا در سالن اجتماعات برگزار می‌شود.", "1403/02/20", "1403/02/21", "", domain.KindMeeting, ""},
	{"relative", "وزیر جهاد کشاورزی دقایقی پیش برای افتتاح نمایشگاه وارد استان شد.", "1403/02/20", "1403/02/20", "", domain.KindInauguration, ""},
	{"relative", "بازدید سرزده دادستان از بازار شامگاه گذشته انجام شد.", "1403/02/20", "1403/02/19", "", domain.KindVisit, ""},
	{"relative", "دو شب پیش جلسه‌ای با حضور اعضای شورا برگزار شد.", "1403/02/20", "1403/02/18", "", domain.KindMeeting, ""},
	{"relative", "نمایشگاه بین‌المللی کتاب ساعاتی پیش گشایش یافت.", "1403/02/20", "1403/02/20", "", domain.KindInauguration, ""},
	// Times, written right to left too.
	{"time", "نشست خبری مدیرکل روز ۲۳ آبان ساعت 30/18 برگزار می‌شود.", "1402/08/20", "1402/08/23", "", domain.KindPressConference, "18:30"},
	{"time", "همایش روز ۲۳ آبان ساعت ۱۰ صبح در سالن اجتماعات برگزار می‌شود.", "1402/08/20", "1402/08/23", "", domain.KindConference, "10:00"},
	{"time", "مراسم بزرگداشت روز ۲۳ آبان از ساعت ۱۶:۳۰ برگزار می‌شود.", "1402/08/20", "1402/08/23", "", domain.KindCeremony, "16:30"},
	// Deadlines and their extensions: the new last day is the event.
	{"deadline", "مهلت ثبت‌نام در جشنواره رسانه‌ای ابوذر تا پانزدهم آبان تمدید شد.", "1403/08/01", "1403/08/15", "", domain.KindOther, ""},
	{"deadline", "مهلت ارسال آثار به دبیرخانه جشنواره تا ۳۰ مهرماه است.", "1403/07/01", "1403/07/30", "", domain.KindOther, ""},
	{"deadline", "ثبت‌نام داوطلبان تا پایان وقت اداری چهارشنبه ۲۱ بهمن تمدید شد.", "1388/11/19", "1388/11/21", "", domain.KindOther, ""},
	{"deadline", "مهلت ارسال آثار به دبیرخانه همایش کتاب سال تا پایان خرداد ماه است.", "1403/02/20", "1403/03/31", "", domain.KindOther, ""},
	// Background history: more than a year before the article, no event.
	{"statement", "کنگره آمریکا در مهر ۱۳۷۳ جلسه‌ای درباره این قانون برگزار کرده بود.", "1386/02/20", "", "", "", ""},
	// Registration windows and deadlines, kept apart.
	{"deadline", "ثبت‌نام از ۱ مهر آغاز شده و مهلت آن تا ۲۰ مهر است.", "1403/07/01", "1403/07/20", "", domain.KindOther, ""},
	{"range", "ثبت‌نام جشنواره رسانه‌ای ابوذر از ۳۰ شهریور آغاز شده و تا ۱۰ آبان ادامه خواهد داشت.", "1403/07/01", "1403/06/30", "1403/08/10", domain.KindFestival, ""},
	{"range", "ثبت‌نام در جشنواره از ۲۰ اسفند آغاز شد و تا ۱۰ فروردین ادامه دارد.", "1403/12/25", "1403/12/20", "1404/01/10", domain.KindFestival, ""},
	// A postponed event: the new day, still to come.
	{"postponed", "کارگاه آموزشی خبرنویسی که قرار بود ۲۰ مهر برگزار شود به ۲۵ مهر موکول شد.", "1403/07/01", "1403/07/25", "", domain.KindTraining, ""},
	{"postponed", "قرار است جلسه شورای اداری ۱۸ مهر برگزار شود و درباره تغییر ساعت کاری ادارات تصمیم‌گیری شود.", "1403/07/01", "1403/07/18", "", domain.KindMeeting, ""},
	// A short line with «امروز» is a headline, not a site's clock.
	{"relative", "نشست خبری امروز ۱ مهر", "1403/07/01", "1403/07/01", "", domain.KindPressConference, ""},
	// «دیدار» is a meeting unless the words after it are a match's.
	{"weekday", "استاندار امروز به دیدار خانواده شهید رفت.", "1403/07/01", "1403/07/01", "", domain.KindMeeting, ""},
	{"day-month", "دیدار برگشت دو تیم ۵ مهر در ورزشگاه تختی برگزار می‌شود.", "1403/07/01", "1403/07/05", "", domain.KindOther, ""},
	// Bounds and made-up periods date nothing.
	{"statement", "مراسم بعد از ۲۲ بهمن برگزار می‌شود.", "1403/10/01", "", "", "", ""},
	{"statement", "از ۱۰ تا ۱۶ مهر، هفته سختی برای کشاورزان خواهد بود.", "1403/07/01", "", "", "", ""},
	// Statement verbs date a statement, not an event.
	{"statement", "مدیرکل روابط عمومی استانداری امروز در گفت‌وگو با خبرنگار ما گفت: برنامه‌های هفته دولت اعلام می‌شود.", "1403/05/25", "", "", "", ""},
	{"statement", "سخنگوی ستاد امروز در گفت‌وگو با خبرنگار فارس اظهار کرد: انتخابات آینده با شکوه برگزار خواهد شد.", "1403/05/25", "", "", "", ""},
	{"statement", "فرماندار دیروز به خبرنگاران گفت که جلسه شورا به تعویق افتاده است.", "1403/05/25", "", "", "", ""},
	// Hijri dates and lunar occasions.
	{"lunar", "همایش بزرگداشت غدیر ۱۸ ذی‌الحجه در مصلی برگزار می‌شود.", "1403/03/25", "1403/04/05", "", domain.KindCeremony, ""},
	{"lunar", "مراسم احیای شب‌های قدر از ۱۹ رمضان در مسجد جامع برگزار می‌شود.", "1403/01/05", "1403/01/11", "", domain.KindCeremony, ""},
}

// TestPhrasings mines each sentence and checks its dated event, its kind
// and, where given, its time.
func TestPhrasings(t *testing.T) {
	m := testMiner(t)
	for _, tc := range phrasings {
		pub := jalali.MustNew(parseYMD(tc.pub))
		res := m.Mine(Input{Text: tc.text, Published: pub})
		dated := 0
		for _, c := range res.Events {
			checkCandidate(t, tc.text, c)
			if c.Dated() {
				dated++
			}
		}
		if tc.start == "" {
			if dated > 0 {
				t.Errorf("%s: %q: a statement made an event:\n%s", tc.class, tc.text, res.Text("case"))
			}
			continue
		}
		start := jalali.MustNew(parseYMD(tc.start))
		end := start
		if tc.end != "" {
			end = jalali.MustNew(parseYMD(tc.end))
		}
		found := false
		for _, c := range res.Events {
			if c.Start == start && c.End == end && c.Kind == tc.kind && (tc.time == "" || c.StartTime == tc.time) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: %q (published %s): want %s–%s %s %s; got:\n%s", tc.class, tc.text, tc.pub, start, end, tc.kind, tc.time,
				strings.TrimSpace(res.Text("case")))
		}
	}
}

// TestPagePhrasings mines testdata/phrasings_pages.tsv: sentences modelled
// on how real Persian agency and office pages write dates (publication
// lines included), each with the one dated event a careful reader takes.
func TestPagePhrasings(t *testing.T) {
	data, err := os.ReadFile("testdata/phrasings_pages.tsv")
	if err != nil {
		t.Fatal(err)
	}
	m := testMiner(t)
	cases := 0
	for n, line := range strings.Split(string(data), "\n") {
		f := strings.Split(line, "\t")
		if line == "" || strings.HasPrefix(line, "#") || f[0] == "class" {
			continue
		}
		if len(f) != 8 {
			t.Fatalf("line %d: %d columns, want 8", n+1, len(f))
		}
		cases++
		class, text, note := f[0], strings.ReplaceAll(f[1], `\n`, "\n"), f[7]
		var pub jalali.Date
		if f[2] != "" {
			pub = jalali.MustNew(parseYMD(f[2]))
		}
		res := m.Mine(Input{Text: text, Published: pub})
		if f[3] == "" {
			for _, c := range res.Events {
				if c.Dated() {
					t.Errorf("%s: %q: want no dated event (%s); got:\n%s", class, text, note, res.Text("case"))
					break
				}
			}
			continue
		}
		start := jalali.MustNew(parseYMD(f[3]))
		end := start
		if f[4] != "" {
			end = jalali.MustNew(parseYMD(f[4]))
		}
		found := false
		for _, c := range res.All() {
			found = found || c.Start == start && c.End == end && (f[6] == "" || c.StartTime == f[6])
		}
		if !found {
			t.Errorf("%s: %q (published %q): want %s–%s %s (%s); got:\n%s", class, text, f[2], start, end, f[6], note, res.Text("case"))
		}
	}
	if cases < 80 {
		t.Errorf("%d cases, want at least 80", cases)
	}
}
