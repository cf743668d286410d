package locale

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// constsOfType returns the names of the constants of type typ declared in
// the non-test Go files of dir, with their values.
func constsOfType(t *testing.T, dir, typ string) map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != typ {
					continue
				}
				for i, n := range vs.Names {
					lit, ok := vs.Values[i].(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						t.Fatalf("%s: constant %s is not a string literal", name, n.Name)
					}
					out[n.Name] = strings.Trim(lit.Value, "\"`")
				}
			}
		}
	}
	return out
}

// persianSentence: Persian text, ending in a full stop.
var persianSentence = regexp.MustCompile(`^\p{Arabic}.*\.$`)

// TestEveryCodeHasAMessage: every domain.Code declared in internal/domain
// has its own Persian sentence here, and the catalogue words no code that
// is not declared.
func TestEveryCodeHasAMessage(t *testing.T) {
	codes := constsOfType(t, "../domain", "Code")
	if len(codes) < 50 {
		t.Fatalf("found only %d codes in internal/domain", len(codes))
	}
	declared := map[domain.Code]string{}
	for name, value := range codes {
		c := domain.Code(value)
		if other, dup := declared[c]; dup {
			t.Errorf("%s and %s are both %q", name, other, value)
		}
		declared[c] = name
		m, ok := fieldMessages[c]
		if !ok {
			t.Errorf("domain.%s (%q) has no message", name, value)
			continue
		}
		// Parameters at their usual values, so that a message that needs one
		// still reads as a sentence.
		e := domain.FieldError{Code: c, Min: 1, Max: 30, Calendar: domain.CalJalali, Year: 1404, Month: 7}
		if s := m(e); !persianSentence.MatchString(s) || s == FieldMessage(domain.FieldError{}) {
			t.Errorf("domain.%s: message %q is not a Persian sentence of its own", name, s)
		}
	}
	for c := range fieldMessages {
		if _, ok := declared[c]; !ok {
			t.Errorf("the catalogue words %q, which internal/domain does not declare", c)
		}
	}
}

// TestFieldMessagesWordForWord: the sentences (parameters included) are the
// ones the forms have always shown.
func TestFieldMessagesWordForWord(t *testing.T) {
	fe := func(c domain.Code) domain.FieldError { return domain.FieldError{Code: c} }
	tests := []struct {
		e    domain.FieldError
		want string
	}{
		{fe(domain.CodeTitleMissing), "عنوان رویداد را بنویسید."},
		{domain.FieldError{Code: domain.CodeTitleTooLong, Max: domain.MaxTitle}, "عنوان بیش از ۳۰۰ نویسه است."},
		{fe(domain.CodeKindUnknown), "نوع رویداد را از فهرست انتخاب کنید."},
		{fe(domain.CodeStatusUnknown), "وضعیت رویداد باید پیشنهادی، تأییدشده یا ردشده باشد."},
		{fe(domain.CodeStartInvalid), "تاریخ شروع معتبر نیست."},
		{fe(domain.CodeEndInvalid), "تاریخ پایان معتبر نیست (سال‌های ۱۰۰۰ تا ۳۰۰۰)."},
		{fe(domain.CodeEndBeforeStart), "تاریخ پایان نمی‌تواند پیش از تاریخ شروع باشد."},
		{fe(domain.CodeLongerThanAYear), "رویداد نمی‌تواند بیش از یک سال طول بکشد."},
		{fe(domain.CodeStartTimeFormat), "ساعت شروع خوانده نشد؛ مثلاً ۹:۳۰، ۹ و نیم یا ۵ عصر بنویسید."},
		{fe(domain.CodeEndTimeFormat), "ساعت پایان خوانده نشد؛ مثلاً ۱۷:۰۰، ۵ و ربع یا ۹ شب بنویسید."},
		{fe(domain.CodeEndTimeWithoutStart), "برای ساعت پایان، ساعت شروع را هم بنویسید."},
		{fe(domain.CodeEndTimeBeforeStart), "ساعت پایان پیش از ساعت شروع است."},
		{domain.FieldError{Code: domain.CodeDescriptionTooLong, Max: domain.MaxDescription}, "توضیحات بیش از ۱۰۰۰۰ نویسه است."},
		{domain.FieldError{Code: domain.CodeTooLong, Max: domain.MaxShortField}, "این فیلد بیش از ۲۰۰ نویسه است."},

		{fe(domain.CodeTextMissing), "متن خبر را وارد کنید."},
		{fe(domain.CodeTextTooBig), "متن خبر بیش از ۲ مگابایت است."},
		{fe(domain.CodeTextNotUTF8), "متن خبر نویسه‌های نامعتبر دارد (UTF-8 نیست)."},
		{domain.FieldError{Code: domain.CodeSourceTooLong, Max: domain.MaxShortField}, "منبع بیش از ۲۰۰ نویسه است."},
		{domain.FieldError{Code: domain.CodeProvinceTooLong, Max: domain.MaxShortField}, "استان بیش از ۲۰۰ نویسه است."},
		{fe(domain.CodePublishedInvalid), "تاریخ انتشار معتبر نیست."},
		{fe(domain.CodeDatelineInvalid), "جای تاریخ انتشار در متن خبر معتبر نیست."},

		{fe(domain.CodeNameMissing), "نام مناسبت را بنویسید."},
		{domain.FieldError{Code: domain.CodeNameTooLong, Max: domain.MaxTitle}, "نام مناسبت بیش از ۳۰۰ نویسه است."},
		{fe(domain.CodeGroupUnknown), "گروه مناسبت شناخته نیست."},
		{domain.FieldError{Code: domain.CodeTooManyAliases, Max: domain.MaxAliases}, "بیش از ۵۰ نام دیگر نوشته شده است."},
		{domain.FieldError{Code: domain.CodeAliasTooLong, Max: domain.MaxTitle}, "هر نام دیگر حداکثر ۳۰۰ نویسه است."},

		{fe(domain.CodeCalendarUnknown), "تقویم (خورشیدی، قمری یا میلادی) را انتخاب کنید."},
		{fe(domain.CodeRuleUnknown), "قاعدهٔ تکرار را از فهرست انتخاب کنید."},
		{fe(domain.CodeMonthUnknown), "ماه را از فهرست انتخاب کنید."},
		{domain.FieldError{Code: domain.CodeDayNotInMonth, Calendar: domain.CalJalali, Month: 7, Max: 30}, "ماه مهر ۳۰ روز دارد؛ روز را درست بنویسید."},
		{domain.FieldError{Code: domain.CodeDayNotInMonth, Calendar: domain.CalJalali, Month: 1, Max: 31}, "ماه فروردین ۳۱ روز دارد؛ روز را درست بنویسید."},
		{domain.FieldError{Code: domain.CodeDayNotInMonth, Calendar: domain.CalHijri, Month: 9, Max: 30}, "ماه قمری ۲۹ یا ۳۰ روز دارد؛ روز را درست بنویسید."},
		{domain.FieldError{Code: domain.CodeDayNotInMonth, Calendar: domain.CalGregorian, Month: 2, Max: 29}, "ماه فوریه ۲۹ روز دارد؛ روز را درست بنویسید."},
		{fe(domain.CodeWeekdayUnknown), "روز هفته را از فهرست انتخاب کنید."},
		{fe(domain.CodeNthWeekdayUnknown), "چندمین (اولین تا پنجمین) را از فهرست انتخاب کنید."},
		{domain.FieldError{Code: domain.CodeNthDayRange, Min: 1, Max: domain.MaxNthDay}, "شمارهٔ روز باید بین ۱ تا ۳۶۶ باشد."},
		{domain.FieldError{Code: domain.CodeNthDayPastYear, Calendar: domain.CalJalali, Max: 336},
			"شمارش از یک سال خورشیدی بیشتر می‌شود؛ از این روز حداکثر روز ۳۳۶ام را بنویسید."},
		{domain.FieldError{Code: domain.CodeNthDayPastYear, Calendar: domain.CalHijri, Max: 354},
			"شمارش از یک سال قمری بیشتر می‌شود؛ از این روز حداکثر روز ۳۵۴ام را بنویسید."},
		{domain.FieldError{Code: domain.CodeOffsetRange, Max: domain.MaxOffset}, "جابه‌جایی حداکثر ۷ روز پیش یا پس از روز قاعده است."},
		{domain.FieldError{Code: domain.CodeLengthRange, Min: 1, Max: domain.MaxSpanDays}, "طول مناسبت باید بین ۱ تا ۳۱ روز باشد."},
		{fe(domain.CodeYearMissing), "سالِ این یک بار را با چهار رقم بنویسید."},
		{domain.FieldError{Code: domain.CodeYearRange, Calendar: domain.CalHijri, Min: 1031, Max: 3091},
			"سالِ این یک بار باید سالی قمری بین ۱۰۳۱ تا ۳۰۹۱ باشد."},
		{domain.FieldError{Code: domain.CodeDayNotInYearMonth, Calendar: domain.CalJalali, Year: 1404, Month: 12, Max: 29},
			"ماه اسفند سال ۱۴۰۴ ۲۹ روز دارد؛ روز را درست بنویسید."},
		{domain.FieldError{Code: domain.CodeDayNotInYearMonth, Calendar: domain.CalGregorian, Year: 2025, Month: 2, Max: 28},
			"ماه فوریه سال ۲۰۲۵ ۲۸ روز دارد؛ روز را درست بنویسید."},
		{domain.FieldError{Code: domain.CodeFromYearRange, Min: 1000, Max: 3000}, "سال آغاز باید سالی خورشیدی بین ۱۰۰۰ تا ۳۰۰۰ باشد."},
		{domain.FieldError{Code: domain.CodeToYearRange, Min: 1000, Max: 3000}, "سال پایان باید سالی خورشیدی بین ۱۰۰۰ تا ۳۰۰۰ باشد."},
		{fe(domain.CodeToYearBeforeFrom), "سال پایان نمی‌تواند پیش از سال آغاز باشد."},

		{fe(domain.CodeUserNameInvalid), "نام کاربری ۲ تا ۴۰ حرف یا رقم باشد (نقطه، خط تیره، زیرخط و نیم‌فاصله هم مجاز است)."},
		{fe(domain.CodeUserNameMixedScripts), "نام کاربری باید با حروف یک خط نوشته شود، همه فارسی یا همه لاتین؛ نامی که خط‌ها را می‌آمیزد (مثل «а»ی سیریلیک میان حروف لاتین) یا حروف و رقم‌های هم‌شکل دارد (ي و ك عربی، ٤ عربی، حروف تمام‌عرض) پذیرفته نیست."},
		{fe(domain.CodeRoleUnknown), "نقش باید بیننده، ویرایشگر یا مدیر باشد."},
		{domain.FieldError{Code: domain.CodePasswordTooShort, Min: domain.MinPassword}, "گذرواژه دست‌کم ۱۰ نویسه باشد."},
		{domain.FieldError{Code: domain.CodePasswordTooLong, Max: domain.MaxPassword}, "گذرواژه بیش از ۲۰۰ نویسه است."},

		{fe(domain.CodeOccasionKeyMissing), "کلید مناسبت خالی است."},
		{fe(domain.CodeOccasionDays), "روزهای مناسبت معتبر نیست."},
		{fe(domain.CodeEvidenceOutside), "جای مناسبت در متن خبر معتبر نیست."},
		{fe(domain.CodeConfidenceRange), "اطمینان باید میان ۰ و ۱ باشد."},

		{fe(domain.CodeStartMissing), "تاریخ شروع را بنویسید، مثلاً ۲۵ آذر ۱۴۰۵."},
		{fe(domain.CodeStartUnreadable), "تاریخ خوانده نشد؛ مثلاً ۲۵ آذر ۱۴۰۵ بنویسید."},
		{fe(domain.CodeEndUnreadable), "تاریخ پایان خوانده نشد؛ مثلاً ۲۶ آذر ۱۴۰۵ بنویسید، یا خالی بگذارید."},
		{fe(domain.CodePublishedUnreadable), "تاریخ انتشار خوانده نشد؛ مثلاً ۲۵ آذر ۱۴۰۵ بنویسید، یا خالی بگذارید."},
		{fe(domain.CodePublishedNotFound), "تاریخ انتشار در متن خبر پیدا نشد. آن را بنویسید (مثل ۱۴۰۳/۰۲/۲۷) تا سالِ تاریخ‌های بی‌سالِ خبر از آن گرفته شود؛ اگر نمی‌دانید، «تاریخ انتشار را نمی‌دانم» را بزنید."},
		{fe(domain.CodeTextUnreadable), "متن خبر خالی یا نامعتبر است."},
		{fe(domain.CodeNotANumber), "این خانه را با عدد بنویسید."},
		{fe(domain.CodeOffsetUnknown), "جابه‌جایی را از فهرست انتخاب کنید."},
		{fe(domain.CodeMonthStartUnreadable), "تاریخ آغاز خوانده نشد؛ مثلاً ۱۹ اسفند ۱۴۰۵ بنویسید."},
		{domain.FieldError{Code: domain.CodeNoteTooLong, Max: domain.MaxShortField}, "یادداشت بیش از ۲۰۰ نویسه است."},
		{fe(domain.CodeNameTaken), "این نام کاربری پیش‌تر ساخته شده است."},
		{fe(domain.CodeLastAdmin), "آخرین مدیر را نمی‌توان از مدیری برداشت."},
		{fe(domain.CodeOwnAccount), "حساب خودتان را نمی‌توانید حذف کنید."},

		{domain.FieldError{Code: domain.CodeNoSuchDay, Calendar: domain.CalJalali, Year: 1405, Month: 7, Day: 31, Max: 30},
			"۳۱ مهر وجود ندارد؛ مهر ۳۰ روز دارد."},
		{domain.FieldError{Code: domain.CodeNoSuchDay, Calendar: domain.CalJalali, Year: 1404, Month: 12, Day: 30, Max: 29},
			"۱۴۰۴ کبیسه نیست؛ اسفند ۲۹ روز دارد."},
		{domain.FieldError{Code: domain.CodeNoSuchDay, Calendar: domain.CalJalali, Year: 1404, Month: 13, Day: 1},
			"ماه ۱۳ وجود ندارد؛ سال دوازده ماه دارد."},
		{domain.FieldError{Code: domain.CodeNoSuchDay, Calendar: domain.CalGregorian, Year: 2025, Month: 2, Day: 29, Max: 28},
			"۲۰۲۵ کبیسه نیست؛ فوریه ۲۸ روز دارد."},
		{domain.FieldError{Code: domain.CodeNoSuchDay, Calendar: domain.CalGregorian, Year: 2024, Month: 2, Day: 30, Max: 29},
			"۳۰ فوریه وجود ندارد؛ فوریه ۲۹ روز دارد."},
		{domain.FieldError{Code: domain.CodeWrongWeekday, Year: 1405, Month: 9, Day: 25},
			"۲۵ آذر ۱۴۰۵ چهارشنبه است؛ روز هفته یا تاریخ را درست بنویسید."},
	}
	for _, tt := range tests {
		if got := FieldMessage(tt.e); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.e.Code, got, tt.want)
		}
	}
}

// TestDomainMessages: records the domain refuses, worded here, say what the
// forms have always said (the domain sets the parameters).
func TestDomainMessages(t *testing.T) {
	long := func(n int) string { return strings.Repeat("ر", n) }
	pr := jalali.MustNew(1403, 2, 27)
	event := domain.Event{Title: "نشست خبری", Kind: domain.KindPressConference, Start: pr, End: pr, Status: domain.StatusConfirmed}
	occasion := func(edit func(o *domain.Occasion)) error {
		o := domain.Occasion{Key: "pr-day", Name: "روز ملی ارتباطات و روابط عمومی"}
		o.Recurrence = domain.Recurrence{Calendar: domain.CalJalali, Rule: domain.RuleDate, Month: 2, Day: 27, Length: 1}
		edit(&o)
		return o.Validate()
	}
	once := func(cal domain.CalendarSystem, year, month, day int) error {
		return occasion(func(o *domain.Occasion) {
			o.Calendar, o.Rule, o.Year, o.Month, o.Day = cal, domain.RuleOnce, year, month, day
		})
	}
	tests := []struct {
		name  string
		err   error
		field domain.Field
		want  string
	}{
		{"long title", func() error { e := event; e.Title = long(301); return e.Validate() }(), domain.FieldTitle, "عنوان بیش از ۳۰۰ نویسه است."},
		{"long description", func() error { e := event; e.Description = long(10001); return e.Validate() }(), domain.FieldDescription,
			"توضیحات بیش از ۱۰۰۰۰ نویسه است."},
		{"long organization", func() error { e := event; e.Organization = long(201); return e.Validate() }(), domain.FieldOrganization,
			"این فیلد بیش از ۲۰۰ نویسه است."},
		{"long source", domain.Article{Text: "متن", Source: long(201)}.Validate(), domain.FieldSource, "منبع بیش از ۲۰۰ نویسه است."},
		{"long article province", domain.Article{Text: "متن", Province: long(201)}.Validate(), domain.FieldProvince, "استان بیش از ۲۰۰ نویسه است."},
		{"31 Mehr", occasion(func(o *domain.Occasion) { o.Month, o.Day = 7, 31 }), domain.FieldDay, "ماه مهر ۳۰ روز دارد؛ روز را درست بنویسید."},
		{"31 Esfand", occasion(func(o *domain.Occasion) { o.Month, o.Day = 12, 31 }), domain.FieldDay, "ماه اسفند ۳۰ روز دارد؛ روز را درست بنویسید."},
		{"30 February", occasion(func(o *domain.Occasion) { o.Calendar, o.Month, o.Day = domain.CalGregorian, 2, 30 }), domain.FieldDay,
			"ماه فوریه ۲۹ روز دارد؛ روز را درست بنویسید."},
		{"31 Ramadan", occasion(func(o *domain.Occasion) { o.Calendar, o.Month, o.Day = domain.CalHijri, 9, 31 }), domain.FieldDay,
			"ماه قمری ۲۹ یا ۳۰ روز دارد؛ روز را درست بنویسید."},
		{"366 days from 30 Esfand", occasion(func(o *domain.Occasion) { o.Rule, o.Month, o.Day, o.Nth = domain.RuleNthDay, 12, 30, 366 }),
			domain.FieldNth, "شمارش از یک سال خورشیدی بیشتر می‌شود؛ از این روز حداکثر روز ۳۳۶ام را بنویسید."},
		{"366 days from 1 January", occasion(func(o *domain.Occasion) {
			o.Calendar, o.Rule, o.Month, o.Day, o.Nth = domain.CalGregorian, domain.RuleNthDay, 1, 1, 366
		}), domain.FieldNth, "شمارش از یک سال میلادی بیشتر می‌شود؛ از این روز حداکثر روز ۳۶۵ام را بنویسید."},
		{"day 367", occasion(func(o *domain.Occasion) { o.Rule, o.Nth = domain.RuleNthDay, 367 }), domain.FieldNth, "شمارهٔ روز باید بین ۱ تا ۳۶۶ باشد."},
		{"eight days early", occasion(func(o *domain.Occasion) { o.Offset = -8 }), domain.FieldOffset, "جابه‌جایی حداکثر ۷ روز پیش یا پس از روز قاعده است."},
		{"32 days long", occasion(func(o *domain.Occasion) { o.Length = 32 }), domain.FieldLength, "طول مناسبت باید بین ۱ تا ۳۱ روز باشد."},
		{"too many aliases", occasion(func(o *domain.Occasion) { o.Aliases = make([]string, 51) }), domain.FieldAliases, "بیش از ۵۰ نام دیگر نوشته شده است."},
		{"from year 99", occasion(func(o *domain.Occasion) { o.FromYear = 99 }), domain.FieldFromYear, "سال آغاز باید سالی خورشیدی بین ۱۰۰۰ تا ۳۰۰۰ باشد."},
		{"to year 3001", occasion(func(o *domain.Occasion) { o.ToYear = 3001 }), domain.FieldToYear, "سال پایان باید سالی خورشیدی بین ۱۰۰۰ تا ۳۰۰۰ باشد."},
		{"Jalali 3001", once(domain.CalJalali, 3001, 1, 1), domain.FieldYear, "سالِ این یک بار باید سالی خورشیدی بین ۱۰۰۰ تا ۳۰۰۰ باشد."},
		{"Hijri 3500", once(domain.CalHijri, 3500, 9, 1), domain.FieldYear, "سالِ این یک بار باید سالی قمری بین ۱۰۳۱ تا ۳۰۹۱ باشد."},
		{"Gregorian 1200", once(domain.CalGregorian, 1200, 5, 1), domain.FieldYear, "سالِ این یک بار باید سالی میلادی بین ۱۶۲۲ تا ۳۶۲۱ باشد."},
		{"30 Esfand 1404", once(domain.CalJalali, 1404, 12, 30), domain.FieldDay, "ماه اسفند سال ۱۴۰۴ ۲۹ روز دارد؛ روز را درست بنویسید."},
		{"29 February 2025", once(domain.CalGregorian, 2025, 2, 29), domain.FieldDay, "ماه فوریه سال ۲۰۲۵ ۲۸ روز دارد؛ روز را درست بنویسید."},
		{"nine-character password", domain.ValidateUser("ab", domain.RoleViewer, "012345678"), domain.FieldPassword, "گذرواژه دست‌کم ۱۰ نویسه باشد."},
		{"201-character password", domain.ValidateUser("ab", domain.RoleViewer, long(201)), domain.FieldPassword, "گذرواژه بیش از ۲۰۰ نویسه است."},
	}
	for _, tt := range tests {
		var v domain.ValidationError
		if !errors.As(tt.err, &v) {
			t.Errorf("%s: %v, want a ValidationError", tt.name, tt.err)
			continue
		}
		e, ok := v.Get(tt.field)
		if got := FieldMessage(e); !ok || got != tt.want || len(v) != 1 {
			t.Errorf("%s: %v; %s says\n %q\nwant %q", tt.name, v, tt.field, got, tt.want)
		}
	}
}
