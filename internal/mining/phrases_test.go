package mining

import (
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// phraseCase is one sentence, its publication date and the dated event a
// reader expects ("" start: no dated event at all).
type phraseCase struct {
	text, pub  string
	start, end string // end "" = start
	prec       domain.Precision
	kind       domain.Kind
}

const (
	day   = domain.PrecisionDay
	week  = domain.PrecisionWeek
	month = domain.PrecisionMonth
)

var phraseCases = []phraseCase{
	// Numeric dates in every digit system and order.
	{"همایش روابط عمومی‌ها در تاریخ 1403/02/27 برگزار شد.", "1403/03/01", "1403/02/27", "", day, domain.KindConference},
	{"همایش روابط عمومی‌ها در تاریخ ۱۴۰۳/۲/۲۷ برگزار شد.", "1403/03/01", "1403/02/27", "", day, domain.KindConference},
	{"همایش روابط عمومی‌ها در تاریخ ١٤٠٣/٠٢/٢٧ برگزار شد.", "", "1403/02/27", "", day, domain.KindConference},
	{"جلسه شورای اداری استان مورخ 98/2/24 برگزار شد.", "1398/02/25", "1398/02/24", "", day, domain.KindMeeting},
	{"نشست خبری مدیرکل در تاریخ 24/02/1398 برگزار شد.", "", "1398/02/24", "", day, domain.KindPressConference},
	{"جشنواره فیلم کوتاه 1403-06-10 آغاز می‌شود.", "1403/06/01", "1403/06/10", "", day, domain.KindFestival},
	// Day and month names, with and without a year, in all spellings.
	{"مراسم تجلیل از خبرنگاران ۱۷ مرداد ۱۴۰۲ برگزار شد.", "", "1402/05/17", "", day, domain.KindCeremony},
	{"مراسم تجلیل از خبرنگاران ۱۷ مردادماه برگزار شد.", "1402/05/20", "1402/05/17", "", day, domain.KindCeremony},
	{"مراسم تجلیل از خبرنگاران ۱۷ مرداد‌ماه برگزار شد.", "1402/05/20", "1402/05/17", "", day, domain.KindCeremony},
	{"مراسم تجلیل از خبرنگاران ۱۷ مرداد ماه برگزار شد.", "1402/05/20", "1402/05/17", "", day, domain.KindCeremony},
	{"مراسم تجلیل از خبرنگاران 17مرداد برگزار شد.", "1402/05/20", "1402/05/17", "", day, domain.KindCeremony},
	{"مراسم تجليل از خبرنگاران ۱۷ مرداد برگزار شد.", "1402/05/20", "1402/05/17", "", day, domain.KindCeremony},
	{"همايش ملي روابط عمومي در ارديبهشتماه ۱۴۰۱ برگزار شد.", "", "1401/02/01", "1401/02/31", month, domain.KindConference},
	{"نشست خبری استاندار روز بیست و هفتم اردیبهشت برگزار می‌شود.", "1403/02/20", "1403/02/27", "", day, domain.KindPressConference},
	{"مجمع عمومی روابط عمومی‌ها یک خردادماه برگزار خواهد شد.", "1403/02/20", "1403/03/01", "", day, domain.KindMeeting},
	{"کارگاه آموزشی خبرنویسی دوم تیر برگزار می‌شود.", "1403/03/25", "1403/04/02", "", day, domain.KindTraining},
	{"کارگاه آموزشی خبرنویسی سی و یکم شهریور برگزار شد.", "1403/07/02", "1403/06/31", "", day, domain.KindTraining},
	{"بازدید خبرنگاران از پروژه‌ها دهم آبان ۱۴۰۲ انجام شد.", "", "1402/08/10", "", day, domain.KindVisit},
	{"افتتاح بیمارستان جدید شهر ۵ اسفند ۱۴۰۲ صورت گرفت.", "", "1402/12/05", "", day, domain.KindInauguration},
	{"بهره‌برداری از سد در ۲۲ بهمن ۱۴۰۲ انجام شد.", "", "1402/11/22", "", day, domain.KindInauguration},
	{"آیین تقدیر از روابط عمومی‌های برتر ۳۰ اسفند ۱۴۰۳ برگزار شد.", "", "1403/12/30", "", day, domain.KindCeremony},
	{"جشنواره رسانه‌ای ابوذر ۱۲ آذر برگزار می‌شود.", "1403/09/01", "1403/09/12", "", day, domain.KindFestival},
	{"جشنواره رسانه‌ای ابوذر ۱۲ دی ماه برگزار می‌شود.", "1403/09/01", "1403/10/12", "", day, domain.KindFestival},
	// Ranges.
	{"جشنواره مطبوعات از ۲ تا ۸ شهریور برگزار می‌شود.", "1403/05/20", "1403/06/02", "1403/06/08", day, domain.KindFestival},
	{"جشنواره مطبوعات ۲ تا ۸ شهریور ۱۴۰۲ برگزار شد.", "", "1402/06/02", "1402/06/08", day, domain.KindFestival},
	{"دوره آموزشی روابط عمومی از ۲۸ مرداد تا ۲ شهریور برگزار می‌شود.", "1403/05/20", "1403/05/28", "1403/06/02", day, domain.KindTraining},
	{"نمایشگاه کتاب ۱۵-۲۰ اردیبهشت ۱۴۰۳ برپا شد.", "", "1403/02/15", "1403/02/20", day, domain.KindOther},
	{"همایش سراسری از ۲۹ اسفند ۱۴۰۲ تا ۵ فروردین ۱۴۰۳ برگزار شد.", "", "1402/12/29", "1403/01/05", day, domain.KindConference},
	// Weekdays, alone and with a date.
	{"همایش پاسداشت روز ملی روابط عمومی روز شنبه ۲ تیرماه ۱۴۰۳ برگزار شد.", "", "1403/04/02", "", day, domain.KindCeremony},
	{"همایش پاسداشت روز ملی روابط عمومی روز شنبه ۲ تیرماه برگزار شد.", "", "1403/04/02", "", day, domain.KindCeremony},
	{"نشست شورای هماهنگی روابط عمومی‌ها روز دوشنبه برگزار شد.", "1403/02/26", "1403/02/24", "", day, domain.KindMeeting},
	{"نشست شورای هماهنگی روابط عمومی‌ها روز دوشنبه برگزار خواهد شد.", "1403/02/26", "1403/02/31", "", day, domain.KindMeeting},
	{"نشست شورای هماهنگی روابط عمومی‌ها دوشنبه گذشته برگزار شد.", "1403/02/24", "1403/02/17", "", day, domain.KindMeeting},
	{"نشست خبری شهردار سه‌شنبه هفته آینده برگزار می‌شود.", "1403/02/24", "1403/03/01", "", day, domain.KindPressConference},
	{"نشست خبری شهردار سه شنبه هفته آینده برگزار می‌شود.", "1403/02/24", "1403/03/01", "", day, domain.KindPressConference},
	{"نشست خبری شهردار پنجشنبه این هفته برگزار می‌شود.", "1403/02/24", "1403/02/27", "", day, domain.KindPressConference},
	{"جلسه شورای اداری چهارشنبه ۲۶ اردیبهشت ۱۴۰۳ برگزار شد.", "", "1403/02/26", "", day, domain.KindMeeting},
	// Relative days, weeks, months.
	{"نشست خبری مدیرکل امروز برگزار شد.", "1403/02/24", "1403/02/24", "", day, domain.KindPressConference},
	{"نشست خبری مدیرکل دیروز برگزار شد.", "1403/02/24", "1403/02/23", "", day, domain.KindPressConference},
	{"نشست خبری مدیرکل فردا برگزار می‌شود.", "1403/02/24", "1403/02/25", "", day, domain.KindPressConference},
	{"نشست خبری مدیرکل پس‌فردا برگزار می‌شود.", "1403/02/24", "1403/02/26", "", day, domain.KindPressConference},
	{"نشست خبری مدیرکل پس فردا برگزار می‌شود.", "1403/02/24", "1403/02/26", "", day, domain.KindPressConference},
	{"تور رسانه‌ای خبرنگاران هفته آینده برگزار می‌شود.", "1403/02/24", "1403/02/29", "1403/03/04", week, domain.KindMediaTour},
	{"تور رسانه‌ای خبرنگاران هفته گذشته برگزار شد.", "1403/02/24", "1403/02/15", "1403/02/21", week, domain.KindMediaTour},
	{"تور خبری خبرنگاران این هفته برگزار می‌شود.", "1403/02/24", "1403/02/22", "1403/02/28", week, domain.KindMediaTour},
	{"جشنواره ملی رسانه ماه آینده برگزار می‌شود.", "1403/02/24", "1403/03/01", "1403/03/31", month, domain.KindFestival},
	{"مراسم تودیع استاندار سه روز پیش برگزار شد.", "1403/02/24", "1403/02/21", "", day, domain.KindCeremony},
	{"مراسم تودیع استاندار روز گذشته برگزار شد.", "1403/02/24", "1403/02/23", "", day, domain.KindCeremony},
	// Month and year.
	{"آبان ماه سال 1399 استانداری در حوزه اطلاع رسانی، دستگاه برتر کشور شد.", "1400/06/05", "1399/08/01", "1399/08/30", month, domain.KindAward},
	{"جشنواره رسانه‌های استان در مهر ماه امسال برگزار می‌شود.", "1403/05/01", "1403/07/01", "1403/07/30", month, domain.KindFestival},
	{"جشنواره رسانه‌های استان در مهرماه سال گذشته برگزار شد.", "1403/05/01", "1402/07/01", "1402/07/30", month, domain.KindFestival},
	{"همایش روابط عمومی در اسفند ۱۴۰۳ برگزار شد.", "", "1403/12/01", "1403/12/30", month, domain.KindConference},
	// Occasions, in every phrasing, resolved to the right year.
	{"به مناسبت روز ملی ارتباطات و روابط عمومی پیام تبریک صادر شد.", "1403/02/20", "1403/02/27", "", day, domain.KindOccasion},
	{"به مناسبت روز ملی روابط عمومی و ارتباطات پیام تبریک صادر شد.", "1403/02/20", "1403/02/27", "", day, domain.KindOccasion},
	{"به مناسبت روز ارتباطات روابط عمومي پیام تبریک صادر شد.", "1403/02/20", "1403/02/27", "", day, domain.KindOccasion},
	{"همزمان با هفته دولت طرح‌ها افتتاح می‌شود.", "1403/05/20", "1403/06/02", "1403/06/08", week, domain.KindInauguration},
	{"همزمان با هفته‌ی دولت طرح‌ها افتتاح می‌شود.", "1403/05/20", "1403/06/02", "1403/06/08", week, domain.KindInauguration},
	{"همزمان با هفتهی دولت طرح‌ها افتتاح می‌شود.", "1403/05/20", "1403/06/02", "1403/06/08", week, domain.KindInauguration},
	{"همزمان با هفته دولت ۱۲ طرح افتتاح می‌شود.", "1403/05/20", "1403/06/02", "1403/06/08", week, domain.KindInauguration},
	{"در هفته دولت سال گذشته ۱۲ طرح افتتاح شد.", "1403/05/20", "1402/06/02", "1402/06/08", week, domain.KindInauguration},
	{"مراسم روز خبرنگار با حضور استاندار برگزار شد.", "1403/05/18", "1403/05/17", "", day, domain.KindCeremony},
	{"پیام تبریک به مناسبت روز خبرنگار صادر شد.", "1403/05/10", "1403/05/17", "", day, domain.KindOccasion},
	{"برنامه‌های دهه فجر در استان اعلام شد.", "1403/11/01", "1403/11/12", "1403/11/22", day, domain.KindOccasion},
	{"تعطیلات نوروز آغاز شد.", "1403/01/02", "1403/01/01", "1403/01/04", day, domain.KindOccasion},
	{"روز درختکاری با کاشت نهال گرامی داشته شد.", "1404/01/10", "1403/12/15", "", day, domain.KindOccasion},
	// Gregorian dates.
	{"نشست خبری سفیر در 16 May 2024 برگزار شد.", "", "1403/02/27", "", day, domain.KindPressConference},
	{"نشست خبری سفیر روز ۱۷ مه برگزار شد.", "1403/02/29", "1403/02/28", "", day, domain.KindPressConference},
	{"همایش بین‌المللی ۵ ژوئن ۲۰۱۹ برگزار شد.", "", "1398/03/15", "", day, domain.KindConference},
	// Year inference from other years in the text, and weekday checks.
	{"سال ۱۴۰۱ سال پرکاری بود. همایش استانی ۱۰ مهر برگزار شد.", "", "1401/07/10", "", day, domain.KindConference},
	// No dated event: no trigger, attribution, counts, deadlines, undated triggers, names.
	{"به گزارش روابط عمومی استانداری، قیمت‌ها ۱۰ درصد افزایش یافت.", "1403/02/24", "", "", "", ""},
	{"به نقل از روابط عمومی اداره کل، این طرح ادامه دارد.", "1403/02/24", "", "", "", ""},
	{"1403/02/24", "", "", "", "", ""},
	{"تاریخ انتشار: ۰۵ شهریور ۱۴۰۰ - ۱۴:۱۱", "", "", "", "", ""},
	{"بیش از ۳۰ تور رسانه‌ای در سال گذشته اجرا شد.", "1403/02/24", "", "", "", ""},
	{"امروز در بازدید از جشنواره لاله‌های کرج گفت: روابط عمومی مهم است.", "", "", "", "", ""},
	{"مهلت ثبت نام تا ۳۱ شهریور است.", "1403/06/01", "1403/06/31", "", day, domain.KindOther}, // a deadline is its last day
	{"این همایش با حضور استاندار برگزار شد.", "1403/06/01", "", "", "", ""},
	{"در خیابان ۱۷ شهریور همایش برگزار شد.", "1403/06/01", "", "", "", ""},
	{"برگزاری این مراسم از روز یک خردادماه گذشته به امروز موکول شد.", "", "", "", "", ""},
	{"قیمت سکه در بازار امروز ۲ میلیون تومان افزایش یافت.", "1403/02/24", "", "", "", ""},
	{"کد خبر: 3735708", "", "", "", "", ""},
	{"تیم فوتبال در لیگ برتر ۲۰ امتیاز گرفت.", "1403/02/24", "", "", "", ""},
	{"او سه سال پیش مدیر شد و ۱۲ مرداد سخنرانی داشت.", "", "", "", "", ""},
	{"نماز جمعه این هفته به امامت امام جمعه برگزار شد.", "", "", "", "", ""},
	{"شماره تماس 09191910422 است.", "1403/02/24", "", "", "", ""},
	{"تعداد ۱۴۰۲ نفر در همایش شرکت کردند.", "", "", "", "", ""},
	{"مراسم ۲۷ اردیبهشت برگزار شد.", "", "", "", "", ""},
	// A "این …" that is what another event is about has no date of its own.
	{"اعتراض دانشجویان به این سفر از روز ۱۴ آذر آغاز شد.", "1394/09/15", "", "", "", ""},
	{"فراخوان این جشنواره ۱۰ مرداد منتشر شد.", "1388/08/09", "", "", "", ""},
	// An occasion named by the event it remembers needs a cue to be the day.
	{"حضور مردم باعث پیروزی انقلاب اسلامی شد.", "1393/09/14", "", "", "", ""},
	{"حوزه‌های علمیه بعد از پیروزی انقلاب اسلامی نشان دادند که توان دارند.", "1393/06/27", "", "", "", ""},
	{"۳۵ سال از پیروزی انقلاب اسلامی می‌گذرد.", "1392/05/13", "", "", "", ""},
	{"در سنگر امامت جمعه از خدمات ایشان تقدیر می‌کنیم.", "1388/09/13", "", "", "", ""},
	{"دیدار دو تیم در مجموعه ورزشی ۱۷ شهریور برگزار می‌شود.", "1394/09/15", "", "", "", ""},
	// …and with one it is.
	{"به مناسبت سالروز پیروزی انقلاب اسلامی مراسم ویژه برگزار شد.", "1403/11/25", "1403/11/22", "", day, domain.KindCeremony},
	{"مراسم گرامیداشت رحلت امام خمینی برگزار می‌شود.", "1403/03/10", "1403/03/14", "", day, domain.KindCeremony},
	// A year that ends a date is no count before the trigger.
	{"کمیته اطلاعات روز ۲۲ اسفند ماه ۱۳۹۱ جلسه استماعی برگزار کرد.", "1392/01/24", "1391/12/22", "", day, domain.KindMeeting},
	{"روز ۳۰ مهر ۱۴۰۴ همایش برگزار می‌شود.", "1404/02/20", "1404/07/30", "", day, domain.KindConference},
}

// TestPhrases mines one sentence at a time and checks the dated event.
func TestPhrases(t *testing.T) {
	m := testMiner(t)
	for _, tc := range phraseCases {
		var pub jalali.Date
		if tc.pub != "" {
			pub = jalali.MustNew(parseYMD(tc.pub))
		}
		res := m.Mine(Input{Text: tc.text, Published: pub})
		for _, c := range res.Events {
			checkCandidate(t, tc.text, c)
		}
		if tc.start == "" {
			for _, c := range res.Events {
				if c.Dated() {
					t.Errorf("%q (published %s): unexpected %s–%s %s %q", tc.text, tc.pub, c.Start, c.End, c.Kind, c.Title)
				}
			}
			continue
		}
		start := jalali.MustNew(parseYMD(tc.start))
		end := start
		if tc.end != "" {
			end = jalali.MustNew(parseYMD(tc.end))
		}
		found := false
		for _, c := range res.All() {
			if c.Start == start && c.End == end && c.Kind == tc.kind && c.Precision == tc.prec {
				found = true
			}
		}
		if !found {
			t.Errorf("%q (published %s): want %s–%s %s %s; got:\n%s", tc.text, tc.pub, start, end, tc.prec, tc.kind, res.Text("case"))
		}
	}
}

func parseYMD(s string) (int, int, int) {
	d, err := jalali.Parse(s)
	if err != nil {
		panic(err)
	}
	return d.Year, d.Month, d.Day
}

// TestDateSpanPhrases checks the temporal expressions found in sentences:
// sets, durations with a determiner, years after event nouns, and dates
// that are the names of places.
func TestDateSpanPhrases(t *testing.T) {
	m := testMiner(t)
	cases := []struct {
		text string
		want []string
	}{
		{"انتخابات ۸۸ به تظاهرات کشیده شد.", []string{"۸۸"}},
		{"روزی سه ساعت ورزش می‌کردم.", []string{"روزی"}},
		{"سالی دوبار به ایران می‌آید.", []string{"سالی"}},
		{"هفته‌ای دو بار جلسه داریم.", nil},
		{"سه ماه یا همان ۹۰ روز وقت داریم.", []string{"سه ماه", "همان ۹۰ روز"}},
		{"مجموعه ورزشی ۱۵ خرداد افتتاح شد.", nil},
		{"ورزشگاه ۱۲ فروردین افتتاح شد.", nil},
		{"المپیاد ورزشی ۱۵ خرداد آغاز شد.", []string{"۱۵ خرداد"}},
		{"روزی خواهد آمد.", nil},
		{"ماهی دو کیلو خریدم.", nil},
		{"امروز پنج‌شنبه نشست برگزار شد.", []string{"امروز پنج‌شنبه"}},
		{"پنج‌شنبه و جمعه ۲۲ و ۲۳ فروردین برگزار می‌شود.", []string{"پنج‌شنبه و جمعه ۲۲ و ۲۳ فروردین"}},
	}
	for _, tc := range cases {
		var got []string
		for _, sp := range m.DateSpans(tc.text) {
			got = append(got, sp.Text)
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%q: spans %q, want %q", tc.text, got, tc.want)
		}
	}
}
