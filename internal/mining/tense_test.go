package mining

import (
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// yearCase is one sentence with a date whose year is not stated: the
// publication date and the tense of the event's own clause choose it.
type yearCase struct {
	text, pub  string
	start, end string // end "" = start
	kind       domain.Kind
}

var yearCases = []yearCase{
	// Reporting verbs (صادر کرد، اعلام کرد، افزود، اظهار کرد) say nothing of
	// when the event is: the occurrence nearest the publication date wins.
	{"استانداری به مناسبت فرا رسیدن ۲۲ بهمن بیانیه‌ای صادر کرد.", "1382/11/19", "1382/11/22", "", domain.KindOccasion},
	{"مدیرکل همایش ۲۹ فروردین را اعلام کرد.", "1382/01/23", "1382/01/29", "", domain.KindConference},
	{"استاندار با اشاره به برگزاری همایش ۱۵ فروردین افزود.", "1403/12/25", "1404/01/15", "", domain.KindConference},
	{"به مناسبت روز دانشجو در ۱۶ آذر اظهار کرد.", "1394/09/15", "1394/09/16", "", domain.KindOccasion},
	{"به مناسبت روز ملی ارتباطات و روابط عمومی پیام تبریک صادر شد.", "1403/03/10", "1403/02/27", "", domain.KindOccasion},
	// Past: the event must have begun by the publication date.
	{"مراسم تجلیل از خبرنگاران به مناسبت روز خبرنگار برگزار شد.", "1403/02/20", "1402/05/17", "", domain.KindCeremony},
	{"مراسم تجلیل از خبرنگاران به مناسبت روز خبرنگار برگزار شد.", "1403/11/20", "1403/05/17", "", domain.KindCeremony},
	{"جلسه شورای اداری ۲۰ فروردین برگزار شد.", "1403/12/25", "1403/01/20", "", domain.KindMeeting},
	{"جلسه شورای اداری ۲۰ فروردین برگزار گردید.", "1403/12/25", "1403/01/20", "", domain.KindMeeting},
	{"بازدید خبرنگاران از سد ۲۰ فروردین انجام شد.", "1403/12/25", "1403/01/20", "", domain.KindVisit},
	{"همایش ۲۰ فروردین که با حضور استاندار برگزار شد، پربار بود.", "1403/12/25", "1403/01/20", "", domain.KindConference},
	{"از ۵۰ خبرنگار در ۱۷ مرداد تجلیل شد.", "1403/02/20", "1402/05/17", "", domain.KindAward},
	{"همایش ۲۹ فروردین برگزار شد.", "1382/01/23", "1381/01/29", "", domain.KindConference},
	// …give or take a few days: a report a day or two early or late.
	{"همایش ۲۵ فروردین برگزار شد.", "1382/01/23", "1382/01/25", "", domain.KindConference},
	// …and events on the occasion of a day are held in the days around it.
	{"مراسم روز خبرنگار با حضور استاندار برگزار شد.", "1403/05/10", "1403/05/17", "", domain.KindCeremony},
	// Future or present: the event must not be over.
	{"جشنواره از ۲۸ اسفند تا ۵ فروردین برگزار می‌شود.", "1403/02/20", "1403/12/28", "1404/01/05", domain.KindFestival},
	{"همایش اواخر دی ماه برگزار می‌شود.", "1403/02/20", "1403/10/21", "1403/10/30", domain.KindConference},
	{"نشست خبری ۲۰ فروردین برگزار خواهد شد.", "1403/02/20", "1404/01/20", "", domain.KindPressConference},
	{"قرار است همایش در ۲۰ فروردین برگزار شود.", "1403/02/20", "1404/01/20", "", domain.KindConference},
	{"وزیر قرار است مهر ماه به ایران سفر کند.", "1394/06/22", "1394/07/01", "1394/07/30", domain.KindVisit},
	{"این جشنواره ۲۰ فروردین برگزار می‌شود.", "1403/02/20", "1404/01/20", "", domain.KindFestival},
	{"این جشنواره ۲۰ فروردین برگزار می‌شود.", "1403/01/10", "1403/01/20", "", domain.KindFestival},
	{"نشست خبری ۸ اردیبهشت برگزار خواهد شد.", "1403/02/10", "1403/02/08", "", domain.KindPressConference},
	// A range under way at publication fits the future.
	{"این جشنواره از بیستم فروردین ماه به مدت ۶ روز در تالار وحدت آغاز و بخش ویژه آن در شهرستان‌ها برگزار خواهد شد.",
		"1382/01/23", "1382/01/20", "1382/01/25", domain.KindFestival},
	// The tense of another clause does not count.
	{"بخش نخست ریخته شد، آمادگی خود را برای راهپیمایی ۲۲ بهمن اعلام می‌دارد.", "1382/11/19", "1382/11/22", "", domain.KindOther},
	{"مقرر کرده تا همایش از ۳۱ آگوست آغاز شود.", "1399/05/24", "1399/06/10", "", domain.KindConference},
	{"برنامه‌ها از ۲۱ تا ۲۴ مهرماه در محل نمایشگاه‌ها تدارک دیده شده است.", "1393/06/31", "1393/07/21", "1393/07/24", domain.KindOther},
	// Durations after a day end a range.
	{"کارگاه آموزشی از ۲۰ فروردین به مدت سه روز برگزار می‌شود.", "1403/01/10", "1403/01/20", "1403/01/22", domain.KindTraining},
	{"نمایشگاه کتاب ۱۰ مهر به مدت یک هفته برپا شد.", "1403/07/20", "1403/07/10", "1403/07/16", domain.KindOther},
	{"کنگره از ۲۴ اردیبهشت طی دو روز برگزار می‌شود.", "1403/02/20", "1403/02/24", "1403/02/25", domain.KindConference},
	// Weekdays: a verb of saying tells the last from the next.
	{"استاندار روز شنبه در نشست خبری اعلام کرد که طرح ادامه دارد.", "1403/02/26", "1403/02/22", "", domain.KindPressConference},
	{"جایزه روز جمعه تعیین می‌شود.", "1403/02/26", "1403/02/28", "", domain.KindAward},
	{"نشست خبری امروز پنج‌شنبه برگزار خواهد شد.", "1403/02/27", "1403/02/27", "", domain.KindPressConference},
	{"وزیر صبح امروز پنج‌شنبه با سفر به قم با مراجع دیدار کرد.", "1403/02/28", "1403/02/27", "", domain.KindVisit},
	{"مسابقات روزهای پنج‌شنبه و جمعه ۲۳ و ۲۴ فروردین برگزار می‌شود.", "1403/01/10", "1403/01/23", "1403/01/24", domain.KindOther},
	{"مراسم یک‌شنبه تا سه‌شنبه ۱۲ لغایت ۱۴ اردیبهشت برگزار می‌شود.", "1395/02/10", "1395/02/12", "1395/02/14", domain.KindCeremony},
}

// TestYearInference mines each sentence and checks that the event is on
// the expected dates and that its guessed year is marked for review.
func TestYearInference(t *testing.T) {
	m := testMiner(t)
	for _, tc := range yearCases {
		pub := jalali.MustNew(parseYMD(tc.pub))
		res := m.Mine(Input{Text: tc.text, Published: pub})
		start := jalali.MustNew(parseYMD(tc.start))
		end := start
		if tc.end != "" {
			end = jalali.MustNew(parseYMD(tc.end))
		}
		var got *Candidate
		all := res.All()
		for k, c := range all {
			checkCandidate(t, tc.text, c)
			if c.Kind == tc.kind && c.Dated() {
				got = &all[k]
			}
		}
		switch {
		case got == nil || got.Start != start || got.End != end:
			t.Errorf("%q (published %s): want %s–%s %s; got:\n%s", tc.text, tc.pub, start, end, tc.kind, res.Text("case"))
		case got.Start != pub && !strings.Contains(got.ReviewNote, noteYearFromPub) && !strings.Contains(got.ReviewNote, noteRelative) &&
			!strings.Contains(got.ReviewNote, noteFromStart):
			t.Errorf("%q (published %s): the guessed year has no review note (%q)", tc.text, tc.pub, got.ReviewNote)
		}
	}
}

// TestOneEventOneCandidate checks that an event named by several triggers
// and an occasion in one clause is one candidate of the most specific kind
// that keeps the occasion.
func TestOneEventOneCandidate(t *testing.T) {
	m := testMiner(t)
	cases := []struct {
		text, pub string
		kind      domain.Kind
		occasion  string
	}{
		{"مراسم تجلیل از خبرنگاران به مناسبت روز خبرنگار برگزار شد.", "1403/05/18", domain.KindCeremony, "journalist-day"},
		{"برگزاری مراسم روز کارمند و تجلیل از کارمندان نمونه", "1403/05/18", domain.KindCeremony, "employee-day"},
		{"همزمان با هفته دولت ۱۲ طرح افتتاح می‌شود.", "1403/05/20", domain.KindInauguration, "government-week"},
		{"آیین تقدیر از روابط عمومی‌های برتر ۳۰ اسفند ۱۴۰۳ برگزار شد.", "", domain.KindCeremony, ""},
	}
	for _, tc := range cases {
		var pub jalali.Date
		if tc.pub != "" {
			pub = jalali.MustNew(parseYMD(tc.pub))
		}
		res := m.Mine(Input{Text: tc.text, Published: pub})
		if len(res.Events) != 1 || res.Events[0].Kind != tc.kind || res.Events[0].Occasion != tc.occasion {
			t.Errorf("%q: want one %s candidate with occasion %q; got:\n%s", tc.text, tc.kind, tc.occasion, res.Text("case"))
			continue
		}
		checkCandidate(t, tc.text, res.Events[0])
	}
}

// TestImpossibleDates checks that a day the calendar does not have gives an
// undated candidate that says so, never a guessed date.
func TestImpossibleDates(t *testing.T) {
	m := testMiner(t)
	for _, text := range []string{
		"همایش ۳۱ مهر ۱۴۰۴ برگزار می‌شود.",
		"همایش ۳۱ مهر برگزار می‌شود.",
		"همایش ۳۰ اسفند ۱۴۰۴ برگزار می‌شود.",
		"روز ۳۰ اسفند ۱۴۰۴ همایش برگزار می‌شود.",
		"نشست خبری در تاریخ 1404/12/30 برگزار شد.",
		"همایش از ۲۸ تا ۳۱ بهمن برگزار می‌شود.",
	} {
		res := m.Mine(Input{Text: text, Published: jalali.MustNew(1404, 2, 20)})
		undated := 0
		for _, c := range res.Events {
			checkCandidate(t, text, c)
			if c.Dated() {
				t.Errorf("%q: dated candidate %s–%s", text, c.Start, c.End)
				continue
			}
			undated++
			if !strings.HasPrefix(c.ReviewNote, "چنین تاریخی در تقویم نیست") || c.Precision != "" {
				t.Errorf("%q: note %q, precision %q", text, c.ReviewNote, c.Precision)
			}
		}
		if undated != 1 {
			t.Errorf("%q: %d undated candidates, want 1:\n%s", text, undated, res.Text("case"))
		}
	}
	// 1403 was a leap year: its 30 Esfand exists.
	res := m.Mine(Input{Text: "همایش ۳۰ اسفند ۱۴۰۳ برگزار شد."})
	if len(res.Events) != 1 || res.Events[0].Start != jalali.MustNew(1403, 12, 30) {
		t.Errorf("30 Esfand 1403:\n%s", res.Text("case"))
	}
}

// TestTitlesRepairZWNJ checks that titles put back a dropped ZWNJ while the
// evidence stays the original text.
func TestTitlesRepairZWNJ(t *testing.T) {
	m := testMiner(t)
	cases := []struct{ text, title string }{
		{"تور رسانهای خبرنگاران ۱۰ مهر برگزار شد.", "تور رسانه‌ای خبرنگاران"},
		{"برنامههای هفته روابط عمومی ۲۰ اردیبهشت برگزار میشود.", "برنامه‌های هفته روابط عمومی"},
		{"همایش روابط عمومیهای استان ۲۰ اردیبهشت برگزار شد. روابط عمومی ها و روابط عمومی", "همایش روابط عمومی‌های"},
		{"جشنواره منطقهای فیلم ۲۰ اردیبهشت برگزار شد.", "جشنواره منطقه‌ای فیلم"},
	}
	for _, tc := range cases {
		res := m.Mine(Input{Text: tc.text, Published: jalali.MustNew(1403, 7, 20)})
		found := false
		for _, c := range res.Events {
			checkCandidate(t, tc.text, c)
			found = found || strings.HasPrefix(c.Title, tc.title)
		}
		if !found {
			t.Errorf("%q: no title starting %q:\n%s", tc.text, tc.title, res.Text("case"))
		}
	}
}

// TestClauseTense checks which verb gives a date its tense: the first verb
// of its own clause, not a verb of saying, of a relative clause that does
// not open on the date, of another clause or of another date.
func TestClauseTense(t *testing.T) {
	cases := []struct {
		text, date string
		want, raw  tense
	}{
		{"همایش ۲۰ فروردین برگزار شد.", "۲۰ فروردین", -2, -2},
		{"همایش ۲۰ فروردین برگزار گردید.", "۲۰ فروردین", -2, -2},
		{"همایش ۲۰ فروردین برگزار می‌شود.", "۲۰ فروردین", 1, 1},
		{"همایش ۲۰ فروردین برگزار میشود.", "۲۰ فروردین", 1, 1},
		{"همایش ۲۰ فروردین برگزار خواهد شد.", "۲۰ فروردین", 2, 2},
		{"همایش ۲۰ فروردین در تالار وحدت، با حضور وزیر برگزار شد.", "۲۰ فروردین", -2, -2},
		{"قرار است همایش ۲۰ فروردین برگزار شود.", "۲۰ فروردین", 2, 2},
		{"همایش ۲۰ فروردین برگزار شود.", "۲۰ فروردین", 0, 0},
		{"از ۵۰ خبرنگار ۲۰ فروردین تجلیل شد.", "۲۰ فروردین", -2, -2},
		{"خبرنگاران ۲۰ فروردین مورد تقدیر قرار گرفتند.", "۲۰ فروردین", -2, -2},
		{"مدیرکل همایش ۲۰ فروردین را اعلام کرد.", "۲۰ فروردین", 0, -2},
		{"همایش ۲۰ فروردین اعلام شد.", "۲۰ فروردین", 0, -2},
		{"به مناسبت ۲۲ بهمن بیانیه‌ای صادر کرد.", "۲۲ بهمن", 0, -2},
		{"در این پیام برای ۲۲ بهمن آمده است.", "۲۲ بهمن", 0, -2},
		{"برنامه‌ها برای ۲۰ فروردین تدارک دیده شده است.", "۲۰ فروردین", 0, -2},
		{"برنامه‌ها برای ۲۰ فروردین پیش‌بینی شده است.", "۲۰ فروردین", 0, -2},
		{"او ۲۰ فروردین در مراسم سخن می‌گفت.", "۲۰ فروردین", -2, -2},
		{"حضور در راهپیمایی ۲۲ بهمن را اعلام می‌دارد.", "۲۲ بهمن", 0, 1},
		{"۲۰ فروردین روز ملی فناوری هسته‌ای است.", "۲۰ فروردین", 0, 0},
		{"همایشی که ۲۰ فروردین برگزار شد.", "۲۰ فروردین", -2, -2},
		{"همایش ۲۰ فروردین که وزیر در آن سخن گفت برگزار می‌شود.", "۲۰ فروردین", 0, -2},
		{"در ۹ دی ملت که عزت آفرید، برگزار می‌شود.", "۹ دی", 0, 0},
		{"سخنان وی که ریخته شد، حضور در ۲۲ بهمن را نشان می‌دهد.", "۲۲ بهمن", 1, 1},
		{"پس از جشنواره در خرداد ماه و اعلام نتایج، برندگان از فردا به اردو می‌روند.", "خرداد ماه", 0, 0},
		{"مسابقات روزهای سه‌شنبه و چهارشنبه ۱۸ و ۱۹ شهریور برگزار می‌شود.", "سه‌شنبه", 1, 1},
		{"مقرر کرده تا اردو از ۳۱ آگوست آغاز شود.", "۳۱ آگوست", 0, 0},
		{"سفر وزیر که قرار است مهر ماه به ایران سفر کند.", "مهر ماه", 2, 2},
		{"باید تا دهه فجر جهش زیادی داشته باشیم.", "فجر", 0, 0},
	}
	m := testMiner(t)
	for _, tc := range cases {
		d := analyze(tc.text)
		a := &article{doc: d, m: m, c: &context{}}
		at := strings.Index(tc.text, tc.date)
		if at < 0 {
			t.Fatalf("%q not in %q", tc.date, tc.text)
		}
		from, k := -1, -1
		for n, tok := range d.toks {
			s, e := d.omap.Span(tok.s, tok.e)
			if from < 0 && e > at {
				from = n
			}
			if s < at+len(tc.date) {
				k = n + 1
			}
		}
		sent := sentence{0, len(d.toks)}
		if got, raw := a.tenseAt(from, k, sent, false), a.tenseAt(from, k, sent, true); got != tc.want || raw != tc.raw {
			t.Errorf("%q at %q: tense %d (raw %d), want %d (raw %d)", tc.text, tc.date, got, raw, tc.want, tc.raw)
		}
	}
}
