package locale

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

	// Articles.
	"imported":  "خبر ثبت شد و رویدادهای آن برای بازبینی پیشنهاد شدند.",
	"duplicate": "این خبر پیش‌تر ثبت شده بود؛ چیزی دوباره ذخیره نشد.",

	// Occasions and Hijri months.
	"occasion":         "مناسبت ذخیره شد.",
	"occasion-deleted": "مناسبت حذف شد.",
	"occasion-shown":   "مناسبت‌ها در تقویم و خوراک‌ها نشان داده می‌شوند.",
	"occasion-hidden":  "مناسبت‌ها از تقویم و خوراک‌ها پنهان شدند.",
	"hijri-set":        "آغاز ماه قمری ذخیره شد؛ مناسبت‌های قمری آن ماه جابه‌جا شدند.",
	"hijri-unset":      "اصلاح برداشته شد؛ آن ماه دوباره از تقویم رسمی پیروی می‌کند.",

	// Accounts.
	"user-added":   "کاربر افزوده شد.",
	"user-role":    "نقش تغییر کرد.",
	"user-deleted": "کاربر حذف شد.",
	"feed-reset":   "نشانی تازه ساخته شد؛ نشانی قبلی دیگر کار نمی‌کند.",
}
