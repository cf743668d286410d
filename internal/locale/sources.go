package locale

import (
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// fetchProblems words why a fetch failed, as a source's status line and
// the article form's link field show it.
var fetchProblems = map[domain.FetchProblem]string{
	domain.FetchScheme:      "فقط نشانی‌های http و https خوانده می‌شوند.",
	domain.FetchBlocked:     "این نشانی به شبکهٔ داخلی یا خودِ کارگزار می‌رسد و خواندنش مجاز نیست.",
	domain.FetchNetwork:     "به این نشانی وصل نشدیم (نام دامنه پیدا نشد یا پیوند برقرار نشد).",
	domain.FetchTimeout:     "پاسخ این نشانی بیش از اندازه طول کشید.",
	domain.FetchRedirects:   "این نشانی بیش از اندازه به جای دیگری فرستاده شد.",
	domain.FetchStatus:      "کارگزارِ این نشانی خطا داد.",
	domain.FetchTooBig:      "پاسخ این نشانی بیش از اندازه بزرگ است.",
	domain.FetchContentType: "این نشانی نه خوراک خبری است و نه صفحهٔ وب.",
	domain.FetchUnreadable:  "در این نشانی خوراک خبری یا متن خبری پیدا نشد.",
}

// FetchUnavailable says that this server fetches nothing from the network.
const FetchUnavailable = "این نسخهٔ کارگزار خبر را از شبکه نمی‌خواند."

// FetchProblem returns the Persian sentence of why a fetch failed, with
// the HTTP status (in Persian digits) for domain.FetchStatus.
func FetchProblem(p domain.FetchProblem, status int) string {
	s, ok := fetchProblems[p]
	if !ok {
		return "خواندن این نشانی ناکام ماند."
	}
	if p == domain.FetchStatus && status != 0 {
		s = "کارگزارِ این نشانی خطای " + num(status) + " داد."
	}
	return s
}

// Minutes words a number of minutes: «۳۰ دقیقه», «۲ ساعت», «۱ ساعت و ۳۰ دقیقه».
func Minutes(m int) string {
	h, rest := m/60, m%60
	switch {
	case h == 0:
		return num(m) + " دقیقه"
	case rest == 0:
		return num(h) + " ساعت"
	}
	return num(h) + " ساعت و " + num(rest) + " دقیقه"
}

// SourceStatus is a source's status line: when it was last fetched (a
// Jalali date and a Tehran clock, in Persian digits), how many new items
// that fetch brought, and why it failed if it did.
func SourceStatus(st domain.SourceStatus) string {
	if st.LastFetch.IsZero() {
		return "هنوز خوانده نشده است."
	}
	t := st.LastFetch.In(jalali.Tehran)
	when := "آخرین خواندن: " + jalali.FromTime(t).Format() + "، ساعت " + jalali.FaDigits(t.Format("15:04"))
	if st.Problem != "" {
		s := when + "؛ ناکام: " + FetchProblem(st.Problem, st.HTTPStatus)
		if st.Failures > 1 {
			s += " (" + num(st.Failures) + " بار پیاپی)"
		}
		return s
	}
	s := when + "؛ " + num(st.NewItems) + " خبر تازه"
	if st.Skipped > 0 {
		s += "، " + num(st.Skipped) + " خبر خوانده نشد"
	}
	return s + "."
}

// Interval words how often a source is read: «هر ۳۰ دقیقه».
func Interval(d time.Duration) string { return "هر " + Minutes(int(d/time.Minute)) }
