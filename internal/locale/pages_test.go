package locale

import (
	"regexp"
	"testing"
)

// persianText: Persian words, no full stop needed.
var persianText = regexp.MustCompile(`^\p{Arabic}`)

// TestFlashes: every confirmation is a Persian sentence, and a key the
// catalogue does not know has none.
func TestFlashes(t *testing.T) {
	for key, s := range flashes {
		if !persianSentence.MatchString(s) || Flash(key) != s {
			t.Errorf("flash %q: %q is not a Persian sentence", key, s)
		}
	}
	if Flash("party") != "" || Flash("") != "" {
		t.Errorf("unknown keys have a flash")
	}
}

// TestErrorPages: each error page has a Persian heading and sentence.
func TestErrorPages(t *testing.T) {
	for _, status := range []int{400, 401, 403, 404, 405, 413, 422, 429, 500} {
		text, ok := ErrorPage(status)
		if !ok || !persianText.MatchString(text.Heading) || !persianSentence.MatchString(text.Message) {
			t.Errorf("%d: %+v, %v", status, text, ok)
		}
	}
	if _, ok := ErrorPage(418); ok {
		t.Errorf("418 has a page of its own")
	}
	if !persianSentence.MatchString(RoleRefused.Message) {
		t.Errorf("RoleRefused: %+v", RoleRefused)
	}
}

// TestFormRefusals: the forms' own refusals, word for word.
func TestFormRefusals(t *testing.T) {
	for _, s := range []string{FormExpired, LoginRefused, SetupTokenWrong, LoginWait(1), LoginWait(900), ImportNoFile, ImportTooBig, ImportRefused,
		ImportMalformed, ImportNoEvents, ReviewNoneSelected, ReviewUndated} {
		if !persianSentence.MatchString(s) {
			t.Errorf("%q is not a Persian sentence", s)
		}
	}
	for _, tt := range []struct {
		undated, missing int
		want             string
	}{
		{1, 0, "رویداد زیر تاریخ ندارد و نمی‌تواند تأیید شود؛ هیچ رویدادی تغییر نکرد."},
		{3, 2, "۳ رویداد زیر تاریخ ندارند و نمی‌توانند تأیید شوند؛ ۲ رویداد انتخاب‌شده دیگر وجود ندارد (شاید کس دیگری آن را حذف کرده است)؛ هیچ رویدادی تغییر نکرد."},
		{0, 1, "۱ رویداد انتخاب‌شده دیگر وجود ندارد (شاید کس دیگری آن را حذف کرده است)؛ هیچ رویدادی تغییر نکرد."},
	} {
		if got := ReviewRefused(tt.undated, tt.missing); got != tt.want {
			t.Errorf("ReviewRefused(%d, %d) = %q, want %q", tt.undated, tt.missing, got, tt.want)
		}
	}
	for secs, want := range map[int]string{
		1:   "تلاش‌های نادرست ورود بیش از حد بوده است؛ برای امنیت، ۱ ثانیه دیگر دوباره امتحان کنید.",
		64:  "تلاش‌های نادرست ورود بیش از حد بوده است؛ برای امنیت، ۶۴ ثانیه دیگر دوباره امتحان کنید.",
		900: "تلاش‌های نادرست ورود بیش از حد بوده است؛ برای امنیت، ۱۵ دقیقه دیگر دوباره امتحان کنید.",
	} {
		if got := LoginWait(secs); got != want {
			t.Errorf("LoginWait(%d) = %q, want %q", secs, got, want)
		}
	}
	if got := HijriUnsetRefused("چرا"); got != "برداشتن این اصلاح ممکن نیست: چرا" {
		t.Errorf("HijriUnsetRefused: %q", got)
	}
}
