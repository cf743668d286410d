package mining

import (
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/jalali"
)

// TestPlaces checks the venue, city, province and organization a dated
// event's proposal carries, from sentences written the way office pages
// write them.
func TestPlaces(t *testing.T) {
	cases := []struct{ text, place, province, org string }{
		{"همایش روز خبرنگار ۱۷ مرداد در سالن همایش‌های صدا و سیمای مرکز فارس برگزار می‌شود.",
			"سالن همایش‌های صدا و سیمای مرکز فارس", "", ""},
		{"جشنواره تئاتر کودک از ۱۰ تا ۱۴ آذر در همدان برگزار شد.", "همدان", "همدان", ""},
		{"نشست خبری ۲۳ آبان در تالار وحدت تهران برگزار می‌شود.", "تالار وحدت تهران", "تهران", ""},
		{"آیین تکریم خبرنگاران ۱۶ مرداد در شهرستان بانه برگزار شد.", "بانه", "کردستان", ""},
		{"همایش ملی ۵ اسفند در سالن اجتماعات اداره کل فرهنگ و ارشاد اسلامی در بیرجند برگزار شد.",
			"سالن اجتماعات اداره کل فرهنگ و ارشاد اسلامی، بیرجند", "خراسان جنوبی", "اداره کل فرهنگ و ارشاد اسلامی"},
		{"مراسم گرامیداشت ۱۲ بهمن با حضور اعضای سپاه ناحیه پاکدشت در مسجد جامع برگزار شد.",
			"مسجد جامع", "", "سپاه ناحیه پاکدشت"},
		{"خبرنگار فارس در یزد گزارش داد: مسابقات قرآن ۲۶ خرداد آغاز می‌شود.", "", "یزد", ""},
		{"بیش از ۲۰۰ شرکت‌کننده در همایش ۱۰ دی شرکت کردند.", "", "", ""},
		{"دیدار تیم‌ها ۵ آبان در شهر نور برگزار می‌شود.", "نور", "مازندران", ""},
		{"مدیرکل فرهنگ و ارشاد اسلامی کردستان فردا ساعت ۱۰ در سالن اجتماعات اداره کل در سنندج با خبرنگاران نشست خبری دارد.",
			"سالن اجتماعات اداره کل، سنندج", "کردستان", "اداره کل فرهنگ و ارشاد اسلامی کردستان"},
	}
	m := testMiner(t)
	for _, tc := range cases {
		res := m.Mine(Input{Text: tc.text, Published: jalali.MustNew(1403, 6, 1)})
		ok := false
		for _, c := range res.Events {
			checkCandidate(t, tc.text, c)
			if c.Dated() && c.Place == tc.place && c.Province == tc.province && c.Organization == tc.org {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%q: want place %q, province %q, organization %q; got:\n%s", tc.text, tc.place, tc.province, tc.org, res.Text("case"))
		}
	}
}

// TestCitiesData checks the embedded gazetteer: every row's province is
// one of the 31, and no spelling names two cities.
func TestCitiesData(t *testing.T) {
	cityOnce.Do(loadCities)
	if len(cityByKey) < 400 {
		t.Fatalf("%d city spellings, want at least 400", len(cityByKey))
	}
	if len(cityDups) > 0 {
		t.Errorf("spellings naming two cities: %q", cityDups)
	}
	names := map[string]bool{}
	for _, p := range provinces {
		names[p] = true
	}
	for key, c := range cityByKey {
		if !names[c.province] {
			t.Errorf("%s (%s): province %q is not one of the 31", c.name, key, c.province)
		}
	}
	for _, want := range []string{"تهران", "مشهد", "اصفهان", "تبریز", "شیراز", "اهواز", "بندرعباس", "بندر عباس", "خرم آباد", "ارومیه"} {
		norm := normalizeKey(want)
		if _, ok := cityByKey[norm]; !ok {
			t.Errorf("%s missing", want)
		}
	}
}

// TestOfficialNamesInText: the official calendar's names carry notes news
// text leaves out ("(۲۳۲ ه‍.ق)"، "(ع)"، «حضرت»); the miner finds them
// without.
func TestOfficialNamesInText(t *testing.T) {
	v := nameVariants("شهادت حضرت امام حسن عسکری (ع) (۲۶۰ ه‍.ق) و آغاز امامت حضرت ولی عصر (عج)")
	want := []string{"شهادت حضرت امام حسن عسکری", "شهادت امام حسن عسکری", "آغاز امامت حضرت ولی عصر", "آغاز امامت ولی عصر"}
	if strings.Join(v, "|") != strings.Join(want, "|") {
		t.Errorf("variants %q, want %q", v, want)
	}
	m := testMiner(t)
	res := m.Mine(Input{Text: "مراسم سالروز وفات حضرت معصومه (س) در حرم برگزار شد.", Published: jalali.MustNew(1397, 9, 23)})
	if len(res.Mentions) != 1 || res.Mentions[0].Start != jalali.MustNew(1397, 9, 27) {
		t.Errorf("وفات حضرت معصومه (10 Rabi al-Thani 1440 = 1397/09/27) not found:\n%s", res.Text("case"))
	}
}
