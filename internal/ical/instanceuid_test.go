package ical

import "testing"

func TestIsInstanceUID(t *testing.T) {
	for _, c := range []struct {
		series, uid string
		want        bool
	}{
		{"abc@google.com", "abc-20250503T063000Z@google.com", true},
		{"abc@google.com", "abc-20250503@google.com", true},
		{"abc", "abc-20250503", true},
		{"abc@google.com", "abc@google.com", false},
		{"abc@google.com", "abc-x@google.com", false},
		{"abc@google.com", "abc-20250503@yahoo.com", false},
		{"abc@google.com", "abcd-20250503@google.com", false},
		{"abc@google.com", "abc-20251340@google.com", false},
		{"", "-20250503", false},
	} {
		if got := IsInstanceUID(c.series, c.uid); got != c.want {
			t.Errorf("IsInstanceUID(%q, %q) = %v, want %v", c.series, c.uid, got, c.want)
		}
	}
	if got := instanceUID("abc@google.com", "20250503"); !IsInstanceUID("abc@google.com", got) {
		t.Errorf("instanceUID's own %q is not an instance UID", got)
	}
}
