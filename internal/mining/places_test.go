package mining

import (
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
