// Package locale is the catalogue of the Persian messages people see: what
// is wrong with a field (a domain.Code, worded with its FieldError's
// parameters), the confirmations shown after a redirect, and the texts of
// the error pages and of the forms' own refusals. Handlers and the iCal
// reader word their errors through it; views get the words in their view
// models, never a key.
package locale

import (
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// FieldMessage returns the Persian sentence that says what is wrong with
// e's field, with its parameters in Persian digits; a code missing from the
// catalogue (a test keeps there being none) gets a general sentence.
func FieldMessage(e domain.FieldError) string {
	if m, ok := fieldMessages[e.Code]; ok {
		return m(e)
	}
	return "این خانه معتبر نیست."
}

// message words a FieldError.
type message func(domain.FieldError) string

// text is a message without parameters.
func text(s string) message { return func(domain.FieldError) string { return s } }

// tooLong is the message of a text longer than e.Max characters, naming it
// as what.
func tooLong(what string) message {
	return func(e domain.FieldError) string { return what + " بیش از " + num(e.Max) + " نویسه است." }
}

// num writes n in Persian digits.
func num(n int) string { return jalali.FaNum(n) }

var fieldMessages = map[domain.Code]message{
	// Events.
	domain.CodeTitleMissing:        text("عنوان رویداد را بنویسید."),
	domain.CodeTitleTooLong:        tooLong("عنوان"),
	domain.CodeKindUnknown:         text("نوع رویداد را از فهرست انتخاب کنید."),
	domain.CodeStatusUnknown:       text("وضعیت رویداد باید پیشنهادی، تأییدشده یا ردشده باشد."),
	domain.CodeStartInvalid:        text("تاریخ شروع معتبر نیست."),
	domain.CodeEndInvalid:          text("تاریخ پایان معتبر نیست (سال‌های ۱۰۰۰ تا ۳۰۰۰)."),
	domain.CodeEndBeforeStart:      text("تاریخ پایان نمی‌تواند پیش از تاریخ شروع باشد."),
	domain.CodeLongerThanAYear:     text("رویداد نمی‌تواند بیش از یک سال طول بکشد."),
	domain.CodeStartTimeFormat:     text("ساعت شروع خوانده نشد؛ مثلاً ۹:۳۰، ۹ و نیم یا ۵ عصر بنویسید."),
	domain.CodeEndTimeFormat:       text("ساعت پایان خوانده نشد؛ مثلاً ۱۷:۰۰، ۵ و ربع یا ۹ شب بنویسید."),
	domain.CodeEndTimeWithoutStart: text("برای ساعت پایان، ساعت شروع را هم بنویسید."),
	domain.CodeEndTimeBeforeStart:  text("ساعت پایان پیش از ساعت شروع است."),
	domain.CodeDescriptionTooLong:  tooLong("توضیحات"),
	domain.CodeTooLong:             tooLong("این فیلد"),
	domain.CodeReminderUnreadable:  text("یادآوری‌ها خوانا نیست؛ آن‌ها را از فهرست انتخاب کنید."),
	domain.CodeReminderRange: func(e domain.FieldError) string {
		return "یادآوری باید پیش از شروع رویداد باشد و حداکثر " + num(e.Max) + " روز پیش از آن."
	},
	domain.CodeTooManyReminders: func(e domain.FieldError) string {
		return "هر رویداد حداکثر " + num(e.Max) + " یادآوری دارد."
	},

	// An event's repeat.
	domain.CodeRepeatUnknown:            text("نوع تکرار را از فهرست انتخاب کنید."),
	domain.CodeRepeatRulesWithoutRepeat: text("برای رویدادی که تکرار نمی‌شود، قاعدهٔ تکرار معنا ندارد؛ نوع تکرار را انتخاب کنید."),
	domain.CodeRepeatUndated:            text("رویداد بی‌تاریخ تکرار نمی‌شود؛ نخست تاریخ شروع را بنویسید."),
	domain.CodeRepeatIntervalRange: func(e domain.FieldError) string {
		return "فاصلهٔ تکرار باید از " + num(e.Min) + " تا " + num(e.Max) + " باشد."
	},
	domain.CodeRepeatDaysMissing:   text("دست‌کم یک روز هفته را برای تکرار انتخاب کنید."),
	domain.CodeRepeatStartNotOnDay: text("روز هفتهٔ تاریخ شروع باید میان روزهای انتخاب‌شده باشد؛ نخستین تکرار همان تاریخ شروع است."),
	domain.CodeRepeatNthUnknown:    text("اولین، دومین، سومین، چهارمین یا آخرین را انتخاب کنید."),
	domain.CodeRepeatStartNotNth:   text("تاریخ شروع همان روزِ انتخاب‌شده از هفته در ماه نیست؛ نخستین تکرار همان تاریخ شروع است."),
	domain.CodeRepeatTooLong: func(e domain.FieldError) string {
		return "رویداد تکرارشونده (جز سالانه) بیش از " + num(e.Max) + " روز طول نمی‌کشد."
	},
	domain.CodeRepeatUntilInvalid:     text("تاریخ پایان تکرار معتبر نیست."),
	domain.CodeRepeatUntilBeforeStart: text("تاریخ پایان تکرار نمی‌تواند پیش از تاریخ شروع باشد."),
	domain.CodeRepeatUntilAndCount:    text("پایان تکرار را یا با تاریخ بگویید یا با شمار دفعات، نه هر دو."),
	domain.CodeRepeatCountRange: func(e domain.FieldError) string {
		return "شمار دفعات تکرار باید از " + num(e.Min) + " تا " + num(e.Max) + " باشد."
	},
	domain.CodeRepeatTooManySkipped: func(e domain.FieldError) string {
		return "بیش از " + num(e.Max) + " تکرار را نمی‌توان حذف کرد."
	},
	domain.CodeRepeatSkippedInvalid:  text("تاریخ یکی از تکرارهای حذف‌شده معتبر نیست."),
	domain.CodeRepeatOverrideInvalid: text("نوبتی که جدا ویرایش شده، خود تکرار نمی‌شود و باید نوبتی معتبر از یک رویداد تکرارشونده باشد."),

	// Articles.
	domain.CodeTextMissing:      text("متن خبر را وارد کنید."),
	domain.CodeTextTooBig:       text("متن خبر بیش از ۲ مگابایت است."),
	domain.CodeTextNotUTF8:      text("متن خبر نویسه‌های نامعتبر دارد (UTF-8 نیست)."),
	domain.CodeSourceTooLong:    tooLong("منبع"),
	domain.CodeProvinceTooLong:  tooLong("استان"),
	domain.CodePublishedInvalid: text("تاریخ انتشار معتبر نیست."),
	domain.CodeDatelineInvalid:  text("جای تاریخ انتشار در متن خبر معتبر نیست."),

	// Occasions.
	domain.CodeNameMissing:  text("نام مناسبت را بنویسید."),
	domain.CodeNameTooLong:  tooLong("نام مناسبت"),
	domain.CodeGroupUnknown: text("گروه مناسبت شناخته نیست."),
	domain.CodeTooManyAliases: func(e domain.FieldError) string {
		return "بیش از " + num(e.Max) + " نام دیگر نوشته شده است."
	},
	domain.CodeAliasTooLong: func(e domain.FieldError) string {
		return "هر نام دیگر حداکثر " + num(e.Max) + " نویسه است."
	},

	// Recurrences.
	domain.CodeCalendarUnknown:   text("تقویم (خورشیدی، قمری یا میلادی) را انتخاب کنید."),
	domain.CodeRuleUnknown:       text("قاعدهٔ تکرار را از فهرست انتخاب کنید."),
	domain.CodeMonthUnknown:      text("ماه را از فهرست انتخاب کنید."),
	domain.CodeDayNotInMonth:     dayNotInMonth,
	domain.CodeWeekdayUnknown:    text("روز هفته را از فهرست انتخاب کنید."),
	domain.CodeNthWeekdayUnknown: text("چندمین (اولین تا پنجمین) را از فهرست انتخاب کنید."),
	domain.CodeNthDayRange: func(e domain.FieldError) string {
		return "شمارهٔ روز باید بین " + num(e.Min) + " تا " + num(e.Max) + " باشد."
	},
	domain.CodeNthDayPastYear: func(e domain.FieldError) string {
		return "شمارش از یک سال " + e.Calendar.Label() + " بیشتر می‌شود؛ از این روز حداکثر روز " + num(e.Max) + "ام را بنویسید."
	},
	domain.CodeOffsetRange: func(e domain.FieldError) string {
		return "جابه‌جایی حداکثر " + num(e.Max) + " روز پیش یا پس از روز قاعده است."
	},
	domain.CodeLengthRange: func(e domain.FieldError) string {
		return "طول مناسبت باید بین " + num(e.Min) + " تا " + num(e.Max) + " روز باشد."
	},
	domain.CodeYearMissing: text("سالِ این یک بار را با چهار رقم بنویسید."),
	domain.CodeYearRange: func(e domain.FieldError) string {
		return "سالِ این یک بار باید سالی " + e.Calendar.Label() + " بین " + num(e.Min) + " تا " + num(e.Max) + " باشد."
	},
	domain.CodeDayNotInYearMonth: func(e domain.FieldError) string {
		return "ماه " + monthName(e.Calendar, e.Month) + " سال " + num(e.Year) + " " + num(e.Max) + " روز دارد؛ روز را درست بنویسید."
	},
	domain.CodeFromYearRange: func(e domain.FieldError) string {
		return "سال آغاز باید سالی خورشیدی بین " + num(e.Min) + " تا " + num(e.Max) + " باشد."
	},
	domain.CodeToYearRange: func(e domain.FieldError) string {
		return "سال پایان باید سالی خورشیدی بین " + num(e.Min) + " تا " + num(e.Max) + " باشد."
	},
	domain.CodeToYearBeforeFrom: text("سال پایان نمی‌تواند پیش از سال آغاز باشد."),

	// Hijri corrections.
	domain.CodeMonthStartInvalid: text("تاریخ آغاز ماه معتبر نیست."),

	// Preparations.
	domain.CodeLeadDaysRange: func(e domain.FieldError) string {
		return "آماده‌سازی باید از " + num(e.Min) + " تا " + num(e.Max) + " روز پیش از مناسبت آغاز شود."
	},

	// News sources and links.
	domain.CodeURLMissing: text("نشانی را بنویسید."),
	domain.CodeURLTooLong: tooLong("نشانی"),
	domain.CodeURLInvalid: text("نشانی خوانده نشد؛ نشانی کامل را، مثلاً https://www.irna.ir/rss، بنویسید."),
	domain.CodeURLScheme:  text("فقط نشانی‌های http و https پذیرفته می‌شوند."),
	domain.CodeIntervalRange: func(e domain.FieldError) string {
		return "فاصلهٔ خواندن باید از " + Minutes(e.Min) + " تا " + Minutes(e.Max) + " باشد."
	},

	// Users.
	domain.CodeUserNameInvalid: text("نام کاربری ۲ تا ۴۰ حرف یا رقم باشد (نقطه، خط تیره، زیرخط و نیم‌فاصله هم مجاز است)."),
	domain.CodeUserNameMixedScripts: text("نام کاربری باید با حروف یک خط نوشته شود، همه فارسی یا همه لاتین؛ " +
		"نامی که خط‌ها را می‌آمیزد (مثل «а»ی سیریلیک میان حروف لاتین) یا حروف و رقم‌های هم‌شکل دارد (ي و ك عربی، ٤ عربی، حروف تمام‌عرض) پذیرفته نیست."),
	domain.CodeRoleUnknown: text("نقش باید بیننده، ویرایشگر یا مدیر باشد."),
	domain.CodePasswordTooShort: func(e domain.FieldError) string {
		return "گذرواژه دست‌کم " + num(e.Min) + " نویسه باشد."
	},
	domain.CodePasswordTooLong: tooLong("گذرواژه"),

	// An article's mention of an occasion.
	domain.CodeOccasionKeyMissing: text("کلید مناسبت خالی است."),
	domain.CodeOccasionDays:       text("روزهای مناسبت معتبر نیست."),
	domain.CodeEvidenceOutside:    text("جای مناسبت در متن خبر معتبر نیست."),
	domain.CodeConfidenceRange:    text("اطمینان باید میان ۰ و ۱ باشد."),

	// Input that cannot be read, and requests the rules refuse.
	domain.CodeStartMissing:          text("تاریخ شروع را بنویسید، مثلاً ۲۵ آذر ۱۴۰۵."),
	domain.CodeStartUnreadable:       text("تاریخ خوانده نشد؛ مثلاً ۲۵ آذر ۱۴۰۵ بنویسید."),
	domain.CodeEndUnreadable:         text("تاریخ پایان خوانده نشد؛ مثلاً ۲۶ آذر ۱۴۰۵ بنویسید، یا خالی بگذارید."),
	domain.CodeRepeatUntilUnreadable: text("تاریخ پایان تکرار خوانده نشد؛ مثلاً ۲۹ اسفند ۱۴۰۵ بنویسید، یا خالی بگذارید."),
	domain.CodePublishedUnreadable:   text("تاریخ انتشار خوانده نشد؛ مثلاً ۲۵ آذر ۱۴۰۵ بنویسید، یا خالی بگذارید."),
	domain.CodePublishedNotFound: text("تاریخ انتشار در متن خبر پیدا نشد. " +
		"آن را بنویسید (مثل ۱۴۰۳/۰۲/۲۷) تا سالِ تاریخ‌های بی‌سالِ خبر از آن گرفته شود؛ اگر نمی‌دانید، «تاریخ انتشار را نمی‌دانم» را بزنید."),
	domain.CodeTextUnreadable:       text("متن خبر خالی یا نامعتبر است."),
	domain.CodeNotANumber:           text("این خانه را با عدد بنویسید."),
	domain.CodeOffsetUnknown:        text("جابه‌جایی را از فهرست انتخاب کنید."),
	domain.CodeMonthStartUnreadable: text("تاریخ آغاز خوانده نشد؛ مثلاً ۱۹ اسفند ۱۴۰۵ بنویسید."),
	domain.CodeNoteTooLong:          tooLong("یادداشت"),
	domain.CodeNameTaken:            text("این نام کاربری پیش‌تر ساخته شده است."),
	domain.CodeLastAdmin:            text("آخرین مدیر را نمی‌توان از مدیری برداشت."),
	domain.CodeLastAdminDeleted:     text("آخرین مدیر را نمی‌توان حذف کرد."),
	domain.CodeOwnAccount:           text("حساب خودتان را نمی‌توانید حذف کنید."),
	domain.CodeSourceTaken:          text("این نشانی پیش‌تر در منابع خبر آمده است."),
	domain.CodeIntervalUnreadable:   text("فاصلهٔ خواندن را به دقیقه بنویسید، مثلاً ۳۰."),
	domain.CodeLinkUnfetched:        text("خبرِ این نشانی خوانده نشد."),
	domain.CodeNoSuchDay:            noSuchDay,
	domain.CodeWrongWeekday: func(e domain.FieldError) string {
		d := jalali.Date{Year: e.Year, Month: e.Month, Day: e.Day}
		return d.Format() + " " + d.Weekday().String() + " است؛ روز هفته یا تاریخ را درست بنویسید."
	},
}

// noSuchDay says why a typed day does not exist: no such month, a leap day
// in a common year, or a day past the month's end.
func noSuchDay(e domain.FieldError) string {
	month := monthName(e.Calendar, e.Month)
	leapDay := e.Calendar == domain.CalGregorian && e.Month == 2 && e.Day == 29 ||
		e.Calendar != domain.CalGregorian && e.Month == 12 && e.Day == 30
	switch {
	case e.Max == 0:
		return "ماه " + num(e.Month) + " وجود ندارد؛ سال دوازده ماه دارد."
	case leapDay:
		return num(e.Year) + " کبیسه نیست؛ " + month + " " + num(e.Max) + " روز دارد."
	}
	return num(e.Day) + " " + month + " وجود ندارد؛ " + month + " " + num(e.Max) + " روز دارد."
}

// dayNotInMonth says how many days a month has at most: a Jalali or
// Gregorian month by name, any lunar month as 29 or 30.
func dayNotInMonth(e domain.FieldError) string {
	if e.Calendar == domain.CalHijri {
		return "ماه قمری ۲۹ یا ۳۰ روز دارد؛ روز را درست بنویسید."
	}
	return "ماه " + monthName(e.Calendar, e.Month) + " " + num(e.Max) + " روز دارد؛ روز را درست بنویسید."
}

// monthName names month m of a Jalali or Gregorian year.
func monthName(c domain.CalendarSystem, m int) string {
	if c == domain.CalGregorian {
		return jalali.GregorianMonthName(time.Month(m))
	}
	return jalali.MonthName(m)
}
