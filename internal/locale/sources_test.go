package locale

import (
	"strings"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
)

// TestEveryFetchProblemHasASentence: every domain.FetchProblem declared in
// internal/domain has its own Persian sentence, so that a source's status
// line never shows a key.
func TestEveryFetchProblemHasASentence(t *testing.T) {
	problems := constsOfType(t, "../domain", "FetchProblem")
	if len(problems) < 9 {
		t.Fatalf("found only %d fetch problems in internal/domain", len(problems))
	}
	seen := map[string]string{}
	for name, value := range problems {
		s, ok := fetchProblems[domain.FetchProblem(value)]
		if !ok {
			t.Errorf("domain.%s (%q) has no sentence", name, value)
			continue
		}
		if !persianSentence.MatchString(s) {
			t.Errorf("domain.%s: %q is not a Persian sentence", name, s)
		}
		if other, dup := seen[s]; dup {
			t.Errorf("domain.%s and domain.%s say the same", name, other)
		}
		seen[s] = name
	}
	if got := FetchProblem(domain.FetchStatus, 503); got != "کارگزارِ این نشانی خطای ۵۰۳ داد." {
		t.Errorf("FetchStatus 503: %q", got)
	}
}

func TestSourceStatusLine(t *testing.T) {
	at := time.Date(2024, 5, 9, 8, 0, 0, 0, time.UTC) // 20 Ordibehesht 1403, 11:30 in Tehran
	for _, tc := range []struct {
		st   domain.SourceStatus
		want string
	}{
		{domain.SourceStatus{}, "هنوز خوانده نشده است."},
		{domain.SourceStatus{LastFetch: at, NewItems: 12}, "آخرین خواندن: ۲۰ اردیبهشت ۱۴۰۳، ساعت ۱۱:۳۰؛ ۱۲ خبر تازه."},
		{domain.SourceStatus{LastFetch: at, NewItems: 3, Skipped: 1}, "آخرین خواندن: ۲۰ اردیبهشت ۱۴۰۳، ساعت ۱۱:۳۰؛ ۳ خبر تازه، ۱ خبر خوانده نشد."},
		{domain.SourceStatus{LastFetch: at, Problem: domain.FetchTimeout, Failures: 3},
			"آخرین خواندن: ۲۰ اردیبهشت ۱۴۰۳، ساعت ۱۱:۳۰؛ ناکام: پاسخ این نشانی بیش از اندازه طول کشید. (۳ بار پیاپی)"},
	} {
		if got := SourceStatus(tc.st); got != tc.want {
			t.Errorf("SourceStatus(%+v)\n got %q\nwant %q", tc.st, got, tc.want)
		}
	}
	for m, want := range map[int]string{5: "۵ دقیقه", 60: "۱ ساعت", 90: "۱ ساعت و ۳۰ دقیقه", 1440: "۲۴ ساعت"} {
		if got := Minutes(m); got != want {
			t.Errorf("Minutes(%d) = %q, want %q", m, got, want)
		}
	}
	if !strings.HasPrefix(Interval(30*time.Minute), "هر ۳۰") {
		t.Errorf("Interval: %q", Interval(30*time.Minute))
	}
}
