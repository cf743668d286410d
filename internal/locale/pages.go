package locale

import (
	"net/http"
	"strings"
)

// Flash returns the confirmation a page shows after a redirect that named
// key (?done=key), "" for a key it does not know. Keys are unique across
// pages (an event's "deleted", an occasion's "occasion-deleted", a user's
// "user-deleted"), so that the page resolves one alone.
func Flash(key string) string { return flashes[key] }

var flashes = map[string]string{
	// Events.
	"created":        "رویداد ذخیره شد.",
	"updated":        "تغییرات ذخیره شد.",
	"deleted":        "رویداد حذف شد.",
	"confirmed":      "تأیید شد؛ اکنون در تقویم دیده می‌شود.",
	"confirmed-next": "رویداد ذخیره و تأیید شد؛ این رویدادِ بعدیِ صف بازبینی است.",
	"confirmed-last": "رویداد ذخیره و تأیید شد؛ رویداد دیگری در صف نمانده است.",
	"rejected":       "رد شد.",
	"restored":       "رویداد با همان شماره و همان نشانی بازگردانده شد.",
	// A deleted event that stood in for an occurrence of a series deleted
	// since (restorable from the trash for 30 days, then gone).
	"restore-series": "این رویداد بازگردانده نشد: جای یکی از تکرارهای رویدادی تکراری را گرفته بود که خودش حذف شده است؛ " +
		"اگر آن رویداد هنوز در فهرست حذف‌شده‌هاست، نخست آن را بازگردانید.",
	// A deleted event whose UID another event took since (an import).
	"restore-conflict": "این رویداد بازگردانده نشد: رویداد دیگری با همان شناسه (UID) پس از حذف آن وارد تقویم شده است.",

	// Articles.
	"imported":  "خبر ثبت شد و رویدادهای آن برای بازبینی پیشنهاد شدند.",
	"duplicate": "این خبر پیش‌تر ثبت شده بود؛ چیزی دوباره ذخیره نشد.",

	// News sources.
	"source-added":        "منبع افزوده شد؛ در نخستین نوبت خوانده می‌شود.",
	"source-on":           "منبع روشن شد و در نوبت‌هایش خوانده می‌شود.",
	"source-off":          "منبع خاموش شد و دیگر خوانده نمی‌شود.",
	"source-fetched":      "منبع خوانده شد؛ نتیجه در خط وضعیت آن آمده است.",
	"source-fetch-failed": "خواندن منبع ناکام ماند؛ علت در خط وضعیت آن آمده است.",
	"source-removed":      "منبع حذف شد؛ خبرهایی که از آن آمده بودند می‌مانند.",
	"fetch-unavailable":   FetchUnavailable,

	// Occasions and Hijri months.
	"occasion":         "مناسبت ذخیره شد.",
	"occasion-deleted": "مناسبت حذف شد.",
	"occasion-shown":   "مناسبت‌ها در تقویم و خوراک‌ها نشان داده می‌شوند.",
	"occasion-hidden":  "مناسبت‌ها از تقویم و خوراک‌ها پنهان شدند.",
	"preparing":        "این مناسبت در فهرست «برای آماده‌سازی» برنامهٔ پیش رو می‌آید.",
	"not-preparing":    "این مناسبت از فهرست آماده‌سازی برداشته شد.",
	"hijri-set":        "آغاز ماه قمری ذخیره شد؛ مناسبت‌های قمری آن ماه جابه‌جا شدند.",
	"hijri-unset":      "اصلاح برداشته شد؛ آن ماه دوباره از تقویم رسمی پیروی می‌کند.",

	// Accounts.
	"setup":          "نخستین مدیر ساخته شد و با آن وارد شده‌اید. کاربران دیگر را همین‌جا بسازید.",
	"user-added":     "کاربر افزوده شد.",
	"user-role":      "نقش تغییر کرد.",
	"user-deleted":   "کاربر حذف شد.",
	"drafts-public":  "خبرها، صف بازبینی و رویدادهای تأییدنشده اکنون برای همه دیدنی است.",
	"drafts-private": "خبرها، صف بازبینی و رویدادهای تأییدنشده اکنون تنها برای ویرایشگران و مدیران دیدنی است.",
	"feed-reset":     "نشانی تازه ساخته شد؛ نشانی قبلی دیگر کار نمی‌کند. این نشانی را همین حالا بردارید: دوباره نشان داده نمی‌شود.",
}

// ErrorText is the heading and the sentence of an error page.
type ErrorText struct{ Heading, Message string }

// ErrorPage returns the texts of the error page for an HTTP status; ok is
// false for a status that has none of its own.
func ErrorPage(status int) (text ErrorText, ok bool) {
	text, ok = errorPages[status]
	return text, ok
}

var errorPages = map[int]ErrorText{
	http.StatusBadRequest:            {"درخواست نادرست", "نشانی یا داده‌های فرستاده‌شده درست نیست."},
	http.StatusUnauthorized:          {"نخست وارد شوید", "این کار تنها برای کاربرانی است که وارد شده‌اند. از پیوند «ورود» بالای صفحه وارد شوید و دوباره امتحان کنید."},
	http.StatusTooManyRequests:       {"درخواست‌ها بیش از حد است", "چند دقیقه بعد دوباره امتحان کنید."},
	http.StatusForbidden:             {"درخواست پذیرفته نشد", "نشست فرم منقضی شده یا فرم از جای دیگری فرستاده شده است. صفحه را دوباره باز کنید و دوباره بفرستید."},
	http.StatusNotFound:              {"صفحه پیدا نشد", "صفحه یا رویدادی که می‌خواهید وجود ندارد یا حذف شده است."},
	http.StatusGone:                  {"حذف شده است", "آنچه می‌خواهید حذف شده و دیگر بازگرداندنی نیست."},
	http.StatusMethodNotAllowed:      {"این کار ممکن نیست", "این نشانی چنین درخواستی را نمی‌پذیرد."},
	http.StatusRequestEntityTooLarge: {"داده‌ها بیش از اندازه است", "حجم فرستاده‌شده بیش از حد مجاز است."},
	http.StatusUnprocessableEntity:   {"داده‌ها معتبر نیست", "لطفاً داده‌های فرم را بررسی کنید."},
	http.StatusInternalServerError:   {"خطای سرور", "مشکلی پیش آمد و کار انجام نشد. دوباره تلاش کنید؛ داده‌های ذخیره‌شده دست‌نخورده مانده‌اند."},
}

// RoleRefused is the error page of a request the user's role does not
// allow.
var RoleRefused = ErrorText{"دسترسی ندارید", "نقش شما اجازهٔ این کار را نمی‌دهد. اگر باید این کار را انجام دهید، از مدیر تقویم بخواهید نقش شما را تغییر دهد."}

// The refusals of forms that are not about one field, and the warning
// above a form shown again.
const (
	// FormExpired tells a person whose form failed the CSRF check (a token
	// gone stale while the form stayed open, cookies cleared) that nothing
	// was saved and that sending the form again will do.
	FormExpired = "فرم منقضی شده بود و چیزی ذخیره نشد. آنچه نوشته بودید سر جایش مانده است؛ آن را بررسی کنید و دوباره بفرستید."

	LoginRefused = "نام کاربری یا گذرواژه نادرست است."

	// SetupTokenWrong refuses the setup form's token.
	SetupTokenWrong = "رمز راه‌اندازی درست نیست. آن را از خروجی سرور بردارید: سرور هنگام آغاز، نشانی این صفحه را با رمز در کنسول خود چاپ کرده است."

	ImportNoFile    = "فایلی انتخاب نشده است."
	ImportTooBig    = "فایل بزرگ‌تر از ۵ مگابایت است."
	ImportRefused   = "برخی رویدادهای این فایل را نمی‌توان وارد کرد؛ هیچ رویدادی افزوده نشد."
	ImportMalformed = "این فایل iCal معتبر نیست یا ناقص است؛ هیچ رویدادی افزوده نشد."
	ImportNoEvents  = "در این فایل رویدادی پیدا نشد."

	// SearchBusy answers a search that waited too long for its turn, and
	// SearchTooLong one stopped because it ran too long.
	SearchBusy    = "جست‌وجوهای زیادی هم‌زمان در جریان است و این جست‌وجو انجام نشد؛ چند ثانیه بعد دوباره امتحان کنید."
	SearchTooLong = "این جست‌وجو بیش از اندازه طول کشید و نیمه‌کاره ماند؛ واژه‌های دقیق‌تر یا کامل‌تری بنویسید و دوباره امتحان کنید."

	ReviewNoneSelected = "هیچ رویدادی انتخاب نشده است."
	// ReviewUndated is said beside an undated event a confirmation left.
	ReviewUndated = "این رویداد تاریخ ندارد؛ برای تأیید، با «ویرایش و تأیید» به آن تاریخ بدهید، یا از انتخاب بردارید."
)

// LoginWait asks someone whose login attempts failed too often to wait
// secs seconds (said in seconds under two minutes, else in minutes).
func LoginWait(secs int) string {
	wait := num(secs) + " ثانیه"
	if secs >= 120 {
		wait = num((secs+59)/60) + " دقیقه"
	}
	return "تلاش‌های نادرست ورود بیش از حد بوده است؛ برای امنیت، " + wait + " دیگر دوباره امتحان کنید."
}

// ImportCopies says that n VEVENTs of an imported file were left out as
// copies of earlier ones (same UID, same details), naming the UIDs of the
// first of them (uids) and how many more there were.
func ImportCopies(n int, uids []string) string {
	names := make([]string, len(uids))
	for i, u := range uids {
		names[i] = "«\u2068" + u + "\u2069»"
	}
	s := num(n) + " رویداد فایل تکرار رویدادی پیش از خود در همان فایل بود، با همان شناسه (UID) و همان جزئیات، و تنها یک بار افزوده شد: " +
		strings.Join(names, "، ")
	if more := n - len(uids); more > 0 {
		s += " و " + num(more) + " رویداد دیگر"
	}
	return s + "."
}

// HijriUnsetRefused says why a Hijri month's correction cannot be removed.
func HijriUnsetRefused(why string) string {
	return "برداشتن این اصلاح ممکن نیست: " + why
}

// ReviewRefused says why a review action changed nothing: undated events
// that cannot be confirmed, and missing ones deleted meanwhile.
func ReviewRefused(undated, missing int) string {
	var why []string
	switch {
	case undated == 1:
		why = append(why, "رویداد زیر تاریخ ندارد و نمی‌تواند تأیید شود")
	case undated > 1:
		why = append(why, num(undated)+" رویداد زیر تاریخ ندارند و نمی‌توانند تأیید شوند")
	}
	if missing > 0 {
		why = append(why, num(missing)+" رویداد انتخاب‌شده دیگر وجود ندارد (شاید کس دیگری آن را حذف کرده است)")
	}
	return strings.Join(why, "؛ ") + "؛ هیچ رویدادی تغییر نکرد."
}

// ImportLeftOut says that an .ics file's tasks (VTODO) and journal entries
// (VJOURNAL) were left out, "" when it had none.
func ImportLeftOut(tasks, journals int) string {
	var parts []string
	if tasks > 0 {
		parts = append(parts, num(tasks)+" کار (VTODO)")
	}
	if journals > 0 {
		parts = append(parts, num(journals)+" یادداشت (VJOURNAL)")
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, " و ") + " فایل کنار گذاشته شد: رویداد تنها رویدادها (VEVENT) را نگه می‌دارد."
}

// Untitled is the title of an event imported from a VEVENT without
// SUMMARY (optional in RFC 5545).
const Untitled = "(بدون عنوان)"
