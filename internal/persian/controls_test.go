package persian

import "testing"

func TestStripControls(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"نشست خبری", "نشست خبری"},
		{"نشست\x00 خبری", "نشست خبری"},
		{"a\u202Eevil\u202C b", "aevil b"},
		{"\u2067فارسی\u2069 text", "فارسی text"},
		{"سطر\tیک\r\nدو", "سطر\tیک\r\nدو"},
		{"علی\u200cرضا \u200f(۱)\u200e", "علی\u200cرضا \u200f(۱)\u200e"}, // ZWNJ and the marks stay
		{"bell\x07\x7f", "bell"},
	} {
		if got := StripControls(tt.in); got != tt.want {
			t.Errorf("StripControls(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { StripControls("نشست خبری مدیرکل") }); n != 0 {
		t.Errorf("clean text allocated %v times", n)
	}
}
