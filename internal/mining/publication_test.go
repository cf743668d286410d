package mining

import (
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// TestPublicationLines reads the publication date from the lines pages
// carry around their body, in any calendar, and never from a site's clock.
func TestPublicationLines(t *testing.T) {
	body := "مراسم گرامیداشت روز خبرنگار فردا در تالار فرهنگ برگزار می‌شود."
	cases := []struct {
		name, head, tail, want, line string // want "" = none read
	}{
		{"jalali numeric with clock", "نشست خبری برگزار شد\n۱۴۰۳/۰۸/۱۲ - ۰۹:۴۵\nکد خبر: ۱۲۳۴۵\n", "", "1403/08/12", "۱۴۰۳/۰۸/۱۲ - ۰۹:۴۵"},
		{"labelled", "مراسم روز خبرنگار\nتاریخ انتشار: ۱۶ مرداد ۱۴۰۲ - ۱۰:۲۰\n", "", "1402/05/16", "تاریخ انتشار: ۱۶ مرداد ۱۴۰۲ - ۱۰:۲۰"},
		{"gregorian iso", "Published 2024-08-06T10:20:00+03:30\n", "", "1403/05/16", "Published 2024-08-06T10:20:00+03:30"},
		{"gregorian words", "تاریخ انتشار : 6 August 2024\n", "", "1403/05/16", "تاریخ انتشار : 6 August 2024"},
		{"weekday and clock", "سه شنبه 16 مرداد 1402 - 10:20\n", "", "1402/05/16", "سه شنبه 16 مرداد 1402 - 10:20"},
		{"dashes", "۱۴۰۲-۰۵-۱۶ ۱۰:۲۰:۳۰\n", "", "1402/05/16", "۱۴۰۲-۰۵-۱۶ ۱۰:۲۰:۳۰"},
		{"meta line", "کد خبر: ۱۲۳۴۵ | ۱۶ مرداد ۱۴۰۲ | ۱۰:۲۰ | ۲۳۴ بازدید\n", "", "1402/05/16", "کد خبر: ۱۲۳۴۵ | ۱۶ مرداد ۱۴۰۲ | ۱۰:۲۰ | ۲۳۴ بازدید"},
		{"clock is a trap", "امروز : دوشنبه - ۲ مهر - ۱۴۰۳\nخانه | اخبار استان\n", "", "", ""},
		{"clock, numeric", "امروز: ۱۴۰۳/۰۷/۰۲\n", "", "", ""},
		{"clock before the dateline", "امروز : دوشنبه - ۲ مهر - ۱۴۰۳\nخانه | اخبار\n۱۴۰۲/۰۵/۱۶ - ۰۹:۴۵\n", "", "1402/05/16", "۱۴۰۲/۰۵/۱۶ - ۰۹:۴۵"},
		{"label wins anywhere", "دوشنبه ۲ مهر ۱۴۰۳\nورود | ثبت نام\n", "\nتاریخ انتشار: ۱۶ مرداد ۱۴۰۲", "1402/05/16", "تاریخ انتشار: ۱۶ مرداد ۱۴۰۲"},
		{"a told date is no dateline", "", "\nاین کتاب در ۱۲ مهر ۱۴۰۰ منتشر شد.", "", ""},
		{"a call's publication is not the article's", "همایش ملی\nدوشنبه ۲ مهر ۱۴۰۳\n", "\nانتشار فراخوان: ۱ شهریور ۱۴۰۳", "1403/07/02", "دوشنبه ۲ مهر ۱۴۰۳"},
		{"results' publication neither", "همایش ملی\n۱۴۰۳/۰۷/۰۲\n", "\nزمان انتشار نتایج: ۱۵ اسفند ۱۴۰۳", "1403/07/02", "۱۴۰۳/۰۷/۰۲"},
	}
	m := testMiner(t)
	for _, tc := range cases {
		text := tc.head + body + tc.tail
		res := m.Mine(Input{Text: text})
		got := ""
		if !res.Published.IsZero() {
			got = res.Published.String()
		}
		if got != tc.want || res.PublishedFromText != (tc.want != "") {
			t.Errorf("%s: published %q (from text %v), want %q", tc.name, got, res.PublishedFromText, tc.want)
			continue
		}
		line := ""
		if !res.PublishedFrom.IsZero() {
			line = text[res.PublishedFrom.Start:res.PublishedFrom.End]
		}
		if line != tc.line {
			t.Errorf("%s: read from %q, want %q", tc.name, line, tc.line)
		}
		if tc.want != "" {
			// "فردا" is the day after the publication.
			pub, _ := jalali.Parse(tc.want)
			found := false
			for _, c := range res.Events {
				found = found || c.Kind == domain.KindCeremony && c.Start == pub.AddDays(1)
			}
			if !found {
				t.Errorf("%s: the ceremony is not dated the day after %s:\n%s", tc.name, tc.want, res.Text("case"))
			}
		}
	}
}

// TestOneEventTwice: an event told with its month and again with its day
// is one proposal, with the day; two events of one month stay two.
func TestOneEventTwice(t *testing.T) {
	cases := []struct {
		text string
		want []string // dated proposals: "start kind title"
	}{
		{"همایش ملی روابط عمومی اردیبهشت‌ماه در تهران برگزار می‌شود\nبه گزارش خبرنگار ما، همایش ملی روابط عمومی روز ۲۷ اردیبهشت در سالن همایش‌های صدا و سیما برگزار می‌شود.",
			[]string{"1403/02/27 conference همایش ملی روابط عمومی"}},
		{"نمایشگاه کتاب تبریز ۱۰ مهر افتتاح می‌شود. این نمایشگاه که در مهرماه برپا می‌شود، میزبان ۲۰۰ ناشر است.",
			[]string{"1403/07/10 inauguration افتتاح نمایشگاه کتاب تبریز"}},
		{"جشنواره رسانه‌ای ابوذر در آبان ماه برگزار خواهد شد. دبیر جشنواره گفت: اختتامیه جشنواره رسانه‌ای ابوذر ۲۵ آبان در قزوین برگزار می‌شود.",
			[]string{"1403/08/01 festival جشنواره رسانه‌ای ابوذر", "1403/08/25 ceremony اختتامیه جشنواره رسانه‌ای ابوذر"}},
	}
	m := testMiner(t)
	for _, tc := range cases {
		res := m.Mine(Input{Text: tc.text, Published: jalali.MustNew(1403, 2, 10)})
		var got []string
		for _, c := range res.Events {
			if c.Dated() {
				got = append(got, c.Start.String()+" "+string(c.Kind)+" "+c.Title)
			}
		}
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%q:\ngot  %q\nwant %q", tc.text, got, tc.want)
		}
	}
}

// TestUndatedEcho: a headline that names an event the body dates is not
// proposed again, undated.
func TestUndatedEcho(t *testing.T) {
	text := "نشست خبری مدیرکل فرهنگ و ارشاد اسلامی کردستان برگزار می‌شود\n" +
		"مدیرکل فرهنگ و ارشاد اسلامی کردستان فردا ساعت ۱۰ در سنندج با خبرنگاران نشست خبری دارد."
	res := testMiner(t).Mine(Input{Text: text, Published: jalali.MustNew(1403, 8, 12)})
	dated, undated := 0, 0
	for _, c := range res.Events {
		if c.Kind != domain.KindPressConference {
			continue
		}
		if c.Dated() {
			dated++
		} else {
			undated++
		}
	}
	if dated != 1 || undated != 0 {
		t.Errorf("%d dated and %d undated press conferences, want the dated one alone:\n%s", dated, undated, res.Text("case"))
	}
}

// TestSplitRange: a start and an end told apart in one clause are one
// range; an end in another clause is not paired.
func TestSplitRange(t *testing.T) {
	m := testMiner(t)
	pub := jalali.MustNew(1403, 7, 26)
	res := m.Mine(Input{Text: "ثبت‌نام جشنواره رسانه‌ای ابوذر از ۳۰ شهریور آغاز شده و تا ۱۰ آبان ادامه خواهد داشت.", Published: pub})
	found := false
	for _, c := range res.Events {
		found = found || c.Start == jalali.MustNew(1403, 6, 30) && c.End == jalali.MustNew(1403, 8, 10)
	}
	if !found {
		t.Errorf("registration 1403/06/30–1403/08/10 not proposed:\n%s", res.Text("case"))
	}
	res = m.Mine(Input{Text: "نمایشگاه از ۱۰ مهر برپا شد؛ مهلت ثبت‌نام تا ۲۰ مهر است.", Published: pub})
	for _, c := range res.Events {
		if c.Start == jalali.MustNew(1403, 7, 10) && c.End != c.Start {
			t.Errorf("paired across a clause: %s–%s %s", c.Start, c.End, c.Title)
		}
	}
}
