package fetch

import (
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/jalali"
)

func TestDecodeHTML(t *testing.T) {
	const text = "<p>همايش استاني كتاب &amp; كتابخواني</p>"
	page1256 := windows1256(t, text)
	for _, tc := range []struct {
		name, contentType string
		body              []byte
	}{
		{"utf-8 header", "text/html; charset=utf-8", []byte(text)},
		{"utf-8, no charset anywhere", "text/html", []byte(text)},
		{"windows-1256 header", "text/html; charset=windows-1256", page1256},
		{"windows-1256 meta", "text/html", append([]byte(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256"></head>`), page1256...)},
		{"windows-1256 meta charset", "text/html", append([]byte(`<html><head><meta charset="windows-1256"></head>`), page1256...)},
		{"windows-1256, no charset anywhere", "text/html", page1256},
	} {
		got := string(decodeHTML(tc.body, tc.contentType))
		if got[len(got)-len(text):] != text {
			t.Errorf("%s: %q", tc.name, got)
		}
	}
}

func TestParseDate(t *testing.T) {
	tehran := func(y int, m time.Month, d, h, min int) time.Time {
		return time.Date(y, m, d, h, min, 0, 0, jalali.Tehran)
	}
	for s, want := range map[string]time.Time{
		"2026-12-03T10:30:00+03:30":       tehran(2026, 12, 3, 10, 30),
		"2026-12-03T07:00:00Z":            tehran(2026, 12, 3, 10, 30),
		"2026-12-03T10:30:00.000+0330":    tehran(2026, 12, 3, 10, 30),
		"2026-12-03T10:30:00":             tehran(2026, 12, 3, 10, 30),
		"2026-12-03 10:30":                tehran(2026, 12, 3, 10, 30),
		"2026-12-03":                      tehran(2026, 12, 3, 0, 0),
		"Thu, 03 Dec 2026 10:30:00 +0330": tehran(2026, 12, 3, 10, 30),
		"Thu, 03 Dec 2026 10:30:00 IRST":  tehran(2026, 12, 3, 10, 30),
		"Thu, 03 Dec 2026 07:00:00 GMT":   tehran(2026, 12, 3, 10, 30),
		"۲۰۲۶-۱۲-۰۳T۱۰:۳۰:۰۰+۰۳:۳۰":       tehran(2026, 12, 3, 10, 30),
		"1405/09/12 10:30":                tehran(2026, 12, 3, 10, 30),
		"۱۴۰۵/۰۹/۱۲":                      tehran(2026, 12, 3, 0, 0),
		"1405-02-31":                      tehran(2026, 5, 21, 0, 0),
	} {
		got, ok := parseDate(s)
		if !ok || !got.Equal(want) {
			t.Errorf("parseDate(%q) = %v, %v; want %v", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "دیروز", "0001-01-01T00:00:00Z", "1405/13/01", "امروز ساعت ۱۰"} {
		if got, ok := parseDate(s); ok {
			t.Errorf("parseDate(%q) = %v", s, got)
		}
	}
}
