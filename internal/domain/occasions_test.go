package domain

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/seeds"
)

func prDay() Occasion {
	o := Occasion{Key: "pr-day", Name: "روز ملی ارتباطات و روابط عمومی"}
	o.Recurrence = Recurrence{Calendar: CalJalali, Rule: RuleDate, Month: 2, Day: 27, Length: 1}
	return o
}

func TestOccasionValidate(t *testing.T) {
	hijri := func(o *Occasion) { o.Calendar = CalHijri }
	badLength := ValidationError{{Field: FieldLength, Code: CodeLengthRange, Min: 1, Max: MaxSpanDays}}
	days := func(cal CalendarSystem, month, n int) ValidationError {
		return ValidationError{{Field: FieldDay, Code: CodeDayNotInMonth, Calendar: cal, Month: month, Max: n}}
	}
	runEditCases(t, prDay(), Occasion.Validate, []editCase[Occasion]{
		{"one day", func(o *Occasion) {}, nil},
		{"a week", func(o *Occasion) { o.Month, o.Day, o.Length = 6, 2, 7 }, nil},
		{"31 Shahrivar", func(o *Occasion) { o.Month, o.Day = 6, 31 }, nil},
		{"30 Esfand (leap years only)", func(o *Occasion) { o.Month, o.Day = 12, 30 }, nil},
		{"31 days long", func(o *Occasion) { o.Length = 31 }, nil},
		{"no name", func(o *Occasion) { o.Name = "" }, one(FieldName, CodeNameMissing)},
		{"blank name", func(o *Occasion) { o.Name = "  \u00a0" }, one(FieldName, CodeNameMissing)},
		{"month 0", func(o *Occasion) { o.Month = 0 }, one(FieldMonth, CodeMonthUnknown)},
		{"month 13", func(o *Occasion) { o.Month, o.Day = 13, 1 }, one(FieldMonth, CodeMonthUnknown)},
		{"31 Mehr", func(o *Occasion) { o.Month, o.Day = 7, 31 }, days(CalJalali, 7, 30)},
		{"31 Esfand", func(o *Occasion) { o.Month, o.Day = 12, 31 }, days(CalJalali, 12, 30)},
		{"day 0", func(o *Occasion) { o.Month, o.Day = 1, 0 }, days(CalJalali, 1, 31)},
		{"no length", func(o *Occasion) { o.Length = 0 }, badLength},
		{"32 days long", func(o *Occasion) { o.Length = 32 }, badLength},
		{"10 Muharram", func(o *Occasion) { hijri(o); o.Month, o.Day = 1, 10 }, nil},
		{"30 Safar (its 30-day years)", func(o *Occasion) { hijri(o); o.Month, o.Day = 2, 30 }, nil},
		{"31 Ramadan", func(o *Occasion) { hijri(o); o.Month, o.Day = 9, 31 }, days(CalHijri, 9, 30)},
		{"the last day of Safar", func(o *Occasion) { hijri(o); o.Rule, o.Month, o.Day = RuleMonthEnd, 2, 0 }, nil},
		{"all of Ramadan", func(o *Occasion) { hijri(o); o.Rule, o.Month, o.Day, o.Length = RuleWholeMonth, 9, 0, 0 }, nil},
		{"29 February", func(o *Occasion) { o.Calendar, o.Month, o.Day = CalGregorian, 2, 29 }, nil},
		{"30 February", func(o *Occasion) { o.Calendar, o.Month, o.Day = CalGregorian, 2, 30 },
			days(CalGregorian, 2, 29)},
		{"second Friday of Mehr", func(o *Occasion) { o.Rule, o.Month, o.Day, o.Weekday, o.Nth = RuleNthWeekday, 7, 0, jalali.Friday, 2 }, nil},
		{"sixth Friday", func(o *Occasion) { o.Rule, o.Weekday, o.Nth = RuleNthWeekday, jalali.Friday, 6 },
			one(FieldNth, CodeNthWeekdayUnknown)},
		{"no weekday", func(o *Occasion) { o.Rule, o.Weekday = RuleLastWeekday, 9 }, one(FieldWeekday, CodeWeekdayUnknown)},
		{"the eve", func(o *Occasion) { o.Offset = -1 }, nil},
		{"eight days early", func(o *Occasion) { o.Offset = -8 }, ValidationError{{Field: FieldOffset, Code: CodeOffsetRange, Max: MaxOffset}}},
		{"once, without a year", func(o *Occasion) { o.Rule = RuleOnce }, one(FieldYear, CodeYearMissing)},
		{"once in 1401", func(o *Occasion) { o.Rule, o.Year = RuleOnce, 1401 }, nil},
		{"from 1403 to 1410", func(o *Occasion) { o.FromYear, o.ToYear = 1403, 1410 }, nil},
		{"to before from", func(o *Occasion) { o.FromYear, o.ToYear = 1410, 1403 }, one(FieldToYear, CodeToYearBeforeFrom)},
		{"from year 99", func(o *Occasion) { o.FromYear = 99 }, ValidationError{{Field: FieldFromYear, Code: CodeFromYearRange, Min: jalali.MinYear, Max: jalali.MaxYear}}},
		{"no calendar", func(o *Occasion) { o.Calendar = "" }, one(FieldCalendar, CodeCalendarUnknown)},
		{"unknown rule", func(o *Occasion) { o.Rule = "weekly" }, one(FieldRule, CodeRuleUnknown)},
		{"unknown group", func(o *Occasion) { o.Group = "party" }, one(FieldGroup, CodeGroupUnknown)},
		{"a province", func(o *Occasion) { o.Province = "همدان" }, nil},
		{"too many aliases", func(o *Occasion) { o.Aliases = make([]string, MaxAliases+1) }, ValidationError{{Field: FieldAliases, Code: CodeTooManyAliases, Max: MaxAliases}}},
		{"everything wrong", func(o *Occasion) {
			*o = Occasion{}
			o.Calendar, o.Rule, o.Month, o.Day, o.Length = CalJalali, RuleDate, 14, 40, -1
		},
			ValidationError{fieldError(FieldName, CodeNameMissing), fieldError(FieldMonth, CodeMonthUnknown), badLength[0]}},
	})
}

func TestParseCatalogueSeeds(t *testing.T) {
	occs, err := ParseCatalogue(seeds.Occasions, seeds.OfficialOccasions)
	if err != nil {
		t.Fatal(err)
	}
	var curated, official []json.RawMessage
	if err := json.Unmarshal(seeds.Occasions, &curated); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(seeds.OfficialOccasions, &official); err != nil {
		t.Fatal(err)
	}
	if len(occs) < 500 || len(occs) >= len(curated)+len(official) {
		t.Fatalf("%d occasions from %d curated and %d official entries", len(occs), len(curated), len(official))
	}
	byKey := map[string]Occasion{}
	for _, o := range occs {
		if err := o.Validate(); err != nil {
			t.Errorf("%q: %v", o.Key, err)
		}
		if o.Key == "" || byKey[o.Key].Key != "" {
			t.Errorf("key %q is empty or repeated", o.Key)
		}
		if r := []rune(o.Name); len(r) == 0 || !unicode.Is(unicode.Arabic, r[0]) || strings.ContainsAny(o.Name, "abcdefghijklmnopqrstuvwxyz") {
			t.Errorf("%q: name %q is not Persian", o.Key, o.Name)
		}
		if o.Group != GroupOfficial && o.Group != GroupInternational {
			t.Errorf("%q: group %q", o.Key, o.Group)
		}
		if o.Hidden != (o.Group == GroupInternational) {
			t.Errorf("%q: hidden %v in group %s", o.Key, o.Hidden, o.Group)
		}
		byKey[o.Key] = o
	}
	tests := []struct {
		key            string
		cal            CalendarSystem
		rule           RuleKind
		month, day, n  int
		holiday        bool
		aliasAmongMany string
	}{
		{"pr-day", CalJalali, RuleDate, 2, 27, 1, false, "روز ملی روابط عمومی"},
		{"government-week", CalJalali, RuleDate, 6, 2, 7, false, "هفته‌ی دولت"},
		{"nowruz", CalJalali, RuleDate, 1, 1, 4, true, "نوروز"},
		{"journalist-day", CalJalali, RuleDate, 5, 17, 1, false, "روز خبرنگاران"},
		{"labour-day", CalGregorian, RuleDate, 5, 1, 1, false, "روز کارگر"},
		{"ashura", CalHijri, RuleDate, 1, 10, 1, true, "عاشورا"},
		{"eid-fitr", CalHijri, RuleDate, 10, 1, 1, true, "عید فطر"},
		{"imam-reza-martyrdom", CalHijri, RuleMonthEnd, 2, 0, 1, true, "شهادت امام رضا"},
		{"ramadan", CalHijri, RuleWholeMonth, 9, 0, 0, false, "ماه رمضان"},
		{"unity-week", CalHijri, RuleDate, 3, 12, 6, false, "هفته وحدت"},
		{"quds-day", CalHijri, RuleLastWeekday, 9, 0, 1, false, "روز قدس"},
	}
	for _, tt := range tests {
		o, found := byKey[tt.key]
		if !found {
			t.Errorf("no occasion %q", tt.key)
			continue
		}
		if o.Calendar != tt.cal || o.Rule != tt.rule || o.Month != tt.month || o.Day != tt.day || o.Length != tt.n || o.Holiday != tt.holiday {
			t.Errorf("%q: %s %s %d/%d, %d days, holiday %v; want %s %s %d/%d, %d days, holiday %v", tt.key,
				o.Calendar, o.Rule, o.Month, o.Day, o.Length, o.Holiday, tt.cal, tt.rule, tt.month, tt.day, tt.n, tt.holiday)
		}
		if !slices.Contains(o.Aliases, tt.aliasAmongMany) {
			t.Errorf("%q: aliases %q lack %q", tt.key, o.Aliases, tt.aliasAmongMany)
		}
	}
	if got := byKey["pr-day"].Name; got != "روز ملی ارتباطات و روابط عمومی" {
		t.Errorf("pr-day is named %q", got)
	}
	provincial := 0
	for _, o := range occs {
		if o.Province != "" {
			provincial++
		}
	}
	if provincial < 8 {
		t.Errorf("%d provincial days", provincial)
	}
}

func TestParseCatalogueRefuses(t *testing.T) {
	const official = `[{"key": "ir-a", "name": "روز الف", "month": 1, "day": 2}, {"key": "ir-b", "name": "روز ب", "month": 1, "day": 3}]`
	tests := []struct {
		name, curated, msg string
	}{
		{"unknown replaced key", `[{"key": "x", "name": "هفته", "month": 1, "day": 2, "length": 7, "replaces": ["ir-z"]}]`, `"x" replaces "ir-z"`},
		{"replaced twice", `[{"key": "x", "name": "الف", "month": 1, "day": 2, "replaces": ["ir-a"]}, {"key": "y", "name": "ب", "month": 1, "day": 2, "replaces": ["ir-a"]}]`, `both replace "ir-a"`},
		{"a key in both", `[{"key": "ir-b", "name": "ب", "month": 1, "day": 3}]`, `"ir-b" is both`},
		{"an unknown field", `[{"key": "x", "name": "الف", "month": 1, "day": 2, "colour": "red"}]`, "unknown field"},
	}
	for _, tt := range tests {
		if _, err := ParseCatalogue([]byte(tt.curated), []byte(official)); err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: error %v, want one saying %q", tt.name, err, tt.msg)
		}
	}
	cat, err := ParseCatalogue([]byte(`[{"key": "x", "name": "هفته", "month": 1, "day": 2, "length": 7, "replaces": ["ir-a"]}]`), []byte(official))
	if err != nil || len(cat) != 2 || cat[0].Key != "x" || cat[1].Key != "ir-b" {
		t.Errorf("ParseCatalogue = %v, %v; want x and ir-b", cat, err)
	}
}

func TestParseOccasionsRefuses(t *testing.T) {
	const good = `{"key": "pr-day", "name": "روز روابط عمومی", "month": 2, "day": 27, "length": 1}`
	tests := []struct {
		name  string
		json  string
		field Field  // the ValidationError field, or "" for another error
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
		{"32 days long", `[{"key": "bad", "name": "روز", "month": 1, "day": 1, "length": 32}]`, "length", `"bad"`},
		{"a lunar 31st", `[{"key": "bad", "name": "روز", "calendar": "hijri", "month": 1, "day": 31}]`, "day", `"bad"`},
		{"an unknown calendar", `[{"key": "bad", "name": "روز", "calendar": "chinese", "month": 1, "day": 1}]`, "calendar", `"bad"`},
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
			if isV := errors.As(err, &v); isV != (tt.field != "") || (isV && !v.Has(tt.field)) {
				t.Errorf("error %q: ValidationError %v, want one on %q", err, v, tt.field)
			}
		})
	}
	if occs, err := ParseOccasions([]byte(`[]`)); err != nil || len(occs) != 0 {
		t.Errorf("empty catalogue: %v, %v", occs, err)
	}
}
