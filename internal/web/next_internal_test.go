package web

import "testing"

// Issue 14, item 7: the post-login redirect stays on this site against
// the known bypasses: a browser removes tabs and newlines from a Location
// and reads "\" as "/", so "/\t/evil.example" leads to evil.example.
func TestSafeNext(t *testing.T) {
	for _, tt := range []struct{ next, want string }{
		// Kept: paths on this origin.
		{"/", "/"},
		{"/agenda", "/agenda"},
		{"/calendar/1403/2?province=همدان", "/calendar/1403/2?province=همدان"},
		{"/events/5/edit", "/events/5/edit"},
		{"/search?q=a//b", "/search?q=a//b"},
		{"/calendar/1403/2#day-27", "/calendar/1403/2#day-27"},
		{"/%09/evil.example", "/%09/evil.example"}, // an escaped tab stays escaped: a path here
		{"/%2F/evil.example", "/%2F/evil.example"},

		// Refused: another origin, as a browser reads them.
		{"", "/"},
		{"//evil.example", "/"},
		{"///evil.example", "/"},
		{"/\t/evil.example/phish", "/"}, // the next=/%09/evil.example/phish
		{"/\n/evil.example", "/"},
		{"/\r/evil.example", "/"},
		{"/\r\n/evil.example", "/"},
		{"\t//evil.example", "/"},
		{" //evil.example", "/"},
		{"/\\evil.example", "/"},
		{"/\\/evil.example", "/"},
		{"\\\\evil.example", "/"},
		{"/x\\..\\\\evil.example", "/"},
		{"/\x00/evil.example", "/"},
		{"/\x0b/evil.example", "/"},
		{"/\x7f/evil.example", "/"},
		{"https://evil.example", "/"},
		{"http:evil.example", "/"},
		{"http:/evil.example", "/"},
		{"javascript:alert(1)", "/"},
		{"data:text/html,x", "/"},
		{"evil.example", "/"},
		{"./evil", "/"},
		{"?next=x", "/"},
	} {
		if got := safeNext(tt.next); got != tt.want {
			t.Errorf("safeNext(%q) = %q, want %q", tt.next, got, tt.want)
		}
	}
}
