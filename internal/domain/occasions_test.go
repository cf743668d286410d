package domain

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/seeds"
)

func TestOccasionValidate(t *testing.T) {
	ok := Occasion{Key: "pr-day", Name: "روز ملی ارتباطات و روابط عمومی", Month: 2, Day: 27, Length: 1}
	const msgLength = "طول مناسبت باید بین ۱ تا ۳۱ روز باشد."
	runEditCases(t, ok, Occasion.Validate, []editCase[Occasion]{
		{"one day", func(o *Occasion) {}, nil},
		{"a week", func(o *Occasion) { o.Month, o.Day, o.Length = 6, 2, 7 }, nil},
		{"31 Shahrivar", func(o *Occasion) { o.Month, o.Day = 6, 31 }, nil},
		{"30 Esfand (leap years only)", func(o *Occasion) { o.Month, o.Day = 12, 30 }, nil},
		{"31 days long", func(o *Occasion) { o.Length = 31 }, nil},
		{"no name", func(o *Occasion) { o.Name = "" }, ValidationError{"name": "نام مناسبت را بنویسید."}},
		{"blank name", func(o *Occasion) { o.Name = "  \u00a0" }, ValidationError{"name": "نام مناسبت را بنویسید."}},
		{"month 0", func(o *Occasion) { o.Month = 0 }, ValidationError{"month": "ماه را از فهرست انتخاب کنید."}},
		{"month 13", func(o *Occasion) { o.Month, o.Day = 13, 1 }, ValidationError{"month": "ماه را از فهرست انتخاب کنید."}},
		{"31 Mehr", func(o *Occasion) { o.Month, o.Day = 7, 31 }, ValidationError{"day": "ماه مهر ۳۰ روز دارد؛ روز را درست بنویسید."}},
		{"31 Esfand", func(o *Occasion) { o.Month, o.Day = 12, 31 }, ValidationError{"day": "ماه اسفند ۳۰ روز دارد؛ روز را درست بنویسید."}},
		{"day 0", func(o *Occasion) { o.Month, o.Day = 1, 0 }, ValidationError{"day": "ماه فروردین ۳۱ روز دارد؛ روز را درست بنویسید."}},
		{"no length", func(o *Occasion) { o.Length = 0 }, ValidationError{"length": msgLength}},
		{"32 days long", func(o *Occasion) { o.Length = 32 }, ValidationError{"length": msgLength}},
		{"everything wrong", func(o *Occasion) { *o = Occasion{Month: 14, Day: 40, Length: -1} },
			ValidationError{"name": "نام مناسبت را بنویسید.", "month": "ماه را از فهرست انتخاب کنید.", "length": msgLength}},
	})
}

func TestOccasionIn(t *testing.T) {
	none := [2]jalali.Date{}
	tests := []struct {
		name              string
		month, day, n, yr int
		want              [2]jalali.Date
	}{
		{"PR day 1403", 2, 27, 1, 1403, [2]jalali.Date{d(1403, 2, 27), d(1403, 2, 27)}},
		{"PR day 1404", 2, 27, 1, 1404, [2]jalali.Date{d(1404, 2, 27), d(1404, 2, 27)}},
		{"length 0 counts as one day", 2, 27, 0, 1404, [2]jalali.Date{d(1404, 2, 27), d(1404, 2, 27)}},
		{"Government Week", 6, 2, 7, 1404, [2]jalali.Date{d(1404, 6, 2), d(1404, 6, 8)}},
		{"Sacred Defence Week over a month end", 6, 31, 7, 1403, [2]jalali.Date{d(1403, 6, 31), d(1403, 7, 6)}},
		{"Nowruz", 1, 1, 4, 1404, [2]jalali.Date{d(1404, 1, 1), d(1404, 1, 4)}},
		{"30 Esfand in leap 1403", 12, 30, 1, 1403, [2]jalali.Date{d(1403, 12, 30), d(1403, 12, 30)}},
		{"30 Esfand in common 1404", 12, 30, 1, 1404, none},
		{"a week over Nowruz after a 30-day Esfand", 12, 25, 7, 1403, [2]jalali.Date{d(1403, 12, 25), d(1404, 1, 1)}},
		{"a week over Nowruz after a 29-day Esfand", 12, 25, 7, 1404, [2]jalali.Date{d(1404, 12, 25), d(1405, 1, 2)}},
		{"a year out of range", 2, 27, 1, 999, none},
	}
	for _, tt := range tests {
		o := Occasion{Month: tt.month, Day: tt.day, Length: tt.n}
		s, end, ok := o.In(tt.yr)
		if ok != (tt.want != none) || [2]jalali.Date{s, end} != tt.want {
			t.Errorf("%s: In(%d) = %s, %s, %v; want %s, %s", tt.name, tt.yr, s, end, ok, tt.want[0], tt.want[1])
		}
	}
}

func TestParseOccasionsSeeds(t *testing.T) {
	occs, err := ParseOccasions(seeds.Occasions)
	if err != nil {
		t.Fatal(err)
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(seeds.Occasions, &raw); err != nil {
		t.Fatal(err)
	}
	if len(occs) != len(raw) || len(occs) < 20 {
		t.Fatalf("%d occasions parsed from %d entries", len(occs), len(raw))
	}
	byKey := map[string]Occasion{}
	for _, o := range occs {
		if err := o.Validate(); err != nil {
			t.Errorf("%q: %v", o.Key, err)
		}
		if o.Key == "" || byKey[o.Key].Key != "" {
			t.Errorf("key %q is empty or repeated", o.Key)
		}
		if !isPersian(strings.NewReplacer("(", "", ")", "").Replace(o.Name)) {
			t.Errorf("%q: name %q is not Persian", o.Key, o.Name)
		}
		byKey[o.Key] = o
	}
	tests := []struct {
		key            string
		month, day, n  int
		holiday        bool
		first, last    jalali.Date // in 1403
		aliasAmongMany string
	}{
		{"pr-day", 2, 27, 1, false, d(1403, 2, 27), d(1403, 2, 27), "روز ملی روابط عمومی"},
		{"government-week", 6, 2, 7, false, d(1403, 6, 2), d(1403, 6, 8), "هفته‌ی دولت"},
		{"nowruz", 1, 1, 4, true, d(1403, 1, 1), d(1403, 1, 4), "نوروز"},
		{"journalist-day", 5, 17, 1, false, d(1403, 5, 17), d(1403, 5, 17), "روز خبرنگاران"},
	}
	for _, tt := range tests {
		o, found := byKey[tt.key]
		if !found {
			t.Errorf("no occasion %q", tt.key)
			continue
		}
		if o.Month != tt.month || o.Day != tt.day || o.Length != tt.n || o.Holiday != tt.holiday {
			t.Errorf("%q: %d/%d, %d days, holiday %v; want %d/%d, %d days, holiday %v",
				tt.key, o.Month, o.Day, o.Length, o.Holiday, tt.month, tt.day, tt.n, tt.holiday)
		}
		if s, end, ok := o.In(1403); !ok || s != tt.first || end != tt.last {
			t.Errorf("%q: In(1403) = %s–%s, %v; want %s–%s", tt.key, s, end, ok, tt.first, tt.last)
		}
		if !slices.Contains(o.Aliases, tt.aliasAmongMany) {
			t.Errorf("%q: aliases %q lack %q", tt.key, o.Aliases, tt.aliasAmongMany)
		}
	}
	if got := byKey["pr-day"].Name; got != "روز ملی ارتباطات و روابط عمومی" {
		t.Errorf("pr-day is named %q", got)
	}
}

func TestParseOccasionsRefuses(t *testing.T) {
	const good = `{"key": "pr-day", "name": "روز روابط عمومی", "month": 2, "day": 27, "length": 1}`
	tests := []struct {
		name  string
		json  string
		field string // the ValidationError field, or "" for another error
		msg   string // in the error text
	}{
		{"not JSON", `[{"key": `, "", "parse occasions"},
		{"not a list", `{"key": "pr-day"}`, "", "parse occasions"},
		{"month as text", `[{"key": "x", "name": "x", "month": "اردیبهشت", "day": 1, "length": 1}]`, "", "parse occasions"},
		{"repeated key", `[` + good + `, ` + strings.Replace(good, "27", "28", 1) + `]`, "", `repeated key "pr-day"`},
		{"missing key", `[{"name": "روز", "month": 2, "day": 27, "length": 1}]`, "", `missing or repeated key ""`},
		{"month 13", `[` + good + `, {"key": "bad", "name": "روز", "month": 13, "day": 1, "length": 1}]`, "month", `"bad"`},
		{"31 Bahman", `[{"key": "bad", "name": "روز", "month": 11, "day": 31, "length": 1}]`, "day", `"bad"`},
		{"no name", `[{"key": "bad", "name": "", "month": 1, "day": 1, "length": 1}]`, "name", `"bad"`},
		{"no length", `[{"key": "bad", "name": "روز", "month": 1, "day": 1}]`, "length", `"bad"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			occs, err := ParseOccasions([]byte(tt.json))
			if err == nil || occs != nil {
				t.Fatalf("ParseOccasions = %v, %v; want nil and an error", occs, err)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q lacks %q", err, tt.msg)
			}
			var v ValidationError
			if isV := errors.As(err, &v); isV != (tt.field != "") || (isV && v[tt.field] == "") {
				t.Errorf("error %q: ValidationError %v, want one on %q", err, v, tt.field)
			}
		})
	}
	if occs, err := ParseOccasions([]byte(`[]`)); err != nil || len(occs) != 0 {
		t.Errorf("empty catalogue: %v, %v", occs, err)
	}
}

func TestDuplicatesOccasion(t *testing.T) {
	occs := []Occasion{
		{Key: "pr-day", Name: "روز ملی ارتباطات و روابط عمومی", Month: 2, Day: 27, Length: 1},
		{Key: "government-week", Name: "هفته دولت", Month: 6, Day: 2, Length: 7},
		{Key: "leap-day", Name: "سی اسفند", Month: 12, Day: 30, Length: 1},
	}
	ev := func(key string, start, end jalali.Date) Event {
		return Event{Title: "رویداد", Kind: KindOccasion, Status: StatusConfirmed, Occasion: key, Start: start, End: end}
	}
	pr := ev("pr-day", d(1403, 2, 27), d(1403, 2, 27))
	with := func(e Event, edit func(*Event)) Event { edit(&e); return e }
	tests := []struct {
		name string
		e    Event
		want string // key of the occasion repeated, "" for none
	}{
		{"PR day 1403", pr, "pr-day"},
		{"PR day 1410", ev("pr-day", d(1410, 2, 27), d(1410, 2, 27)), "pr-day"},
		{"yearly PR day", with(pr, func(e *Event) { e.Yearly = true }), "pr-day"},
		{"Government Week", ev("government-week", d(1404, 6, 2), d(1404, 6, 8)), "government-week"},
		{"30 Esfand 1403", ev("leap-day", d(1403, 12, 30), d(1403, 12, 30)), "leap-day"},
		{"proposed", with(pr, func(e *Event) { e.Status = StatusProposed }), ""},
		{"rejected", with(pr, func(e *Event) { e.Status = StatusRejected }), ""},
		{"a ceremony for the occasion", with(pr, func(e *Event) { e.Kind = KindCeremony }), ""},
		{"the day before", ev("pr-day", d(1403, 2, 26), d(1403, 2, 26)), ""},
		{"two days", ev("pr-day", d(1403, 2, 27), d(1403, 2, 28)), ""},
		{"one day of Government Week", ev("government-week", d(1404, 6, 2), d(1404, 6, 2)), ""},
		{"29 Esfand 1404 for 30 Esfand", ev("leap-day", d(1404, 12, 29), d(1404, 12, 29)), ""},
		{"unknown key", ev("teacher-day", d(1403, 2, 27), d(1403, 2, 27)), ""},
		{"no key", ev("", d(1403, 2, 27), d(1403, 2, 27)), ""},
		{"undated", ev("pr-day", jalali.Date{}, jalali.Date{}), ""},
	}
	for _, tt := range tests {
		o, dup := DuplicatesOccasion(tt.e, occs)
		if dup != (tt.want != "") || (dup && o.Key != tt.want) {
			t.Errorf("%s: DuplicatesOccasion = %q, %v; want %q", tt.name, o.Key, dup, tt.want)
		}
	}
	if _, dup := DuplicatesOccasion(pr, nil); dup {
		t.Error("DuplicatesOccasion with no catalogue = true")
	}
}
