package ical

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"
)

func TestAppendText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"روز ملی ارتباطات", "روز ملی ارتباطات"},
		{`a,b;c\d`, `a\,b\;c\\d`},
		{"یک\nدو\r\nسه\rچهار", `یک\nدو\nسه\nچهار`},
		{"tab\there\x00\x07\x7f", "tab\there"},
		{"bad \xff utf8", "bad \uFFFD utf8"},
		{"colon: stays", "colon: stays"},
	}
	for _, tt := range tests {
		if got := string(appendText(nil, tt.in)); got != tt.want {
			t.Errorf("appendText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// unfold undoes folding: CRLF followed by one space or tab disappears.
func unfold(b []byte) []byte {
	for _, sep := range []string{"\r\n ", "\r\n\t"} {
		b = bytes.ReplaceAll(b, []byte(sep), nil)
	}
	return b
}

// checkLines checks the physical lines of folded output.
func checkLines(t *testing.T, out []byte) {
	t.Helper()
	if !bytes.HasSuffix(out, []byte("\r\n")) {
		t.Fatalf("output does not end with CRLF: %q", out[max(0, len(out)-20):])
	}
	for i, l := range bytes.Split(out[:len(out)-2], []byte("\r\n")) {
		if len(l) > maxLine {
			t.Errorf("line %d is %d octets: %q", i+1, len(l), l)
		}
		if bytes.ContainsAny(l, "\r\n") {
			t.Errorf("line %d holds a bare CR or LF: %q", i+1, l)
		}
		if !utf8.Valid(l) {
			t.Errorf("line %d splits a UTF-8 character: %q", i+1, l)
		}
	}
}

// TestFeedLines checks every line of every sample feed, and that unfolding
// gives back the exact text of each TEXT property.
func TestFeedLines(t *testing.T) {
	f := testFeed()
	events := sampleEvents()
	out := write(t, f, events, catalogue(t))
	checkLines(t, out)
	unfolded := string(unfold(out))
	if !utf8.ValidString(unfolded) {
		t.Fatal("unfolded output is not UTF-8")
	}
	for _, e := range events {
		for _, s := range []string{e.Title, e.Location} {
			if s != "" && !strings.Contains(unfolded, string(appendText(nil, s))+"\r\n") {
				t.Errorf("unfolded feed lacks %q", s)
			}
		}
	}
}

// foldRoundTrip folds a DESCRIPTION holding s and checks the lines, the
// unfolded line, and what an independent decoder (go-ical) reads back.
func foldRoundTrip(t *testing.T, s string) {
	line := appendText([]byte("DESCRIPTION:"), s)
	folded := appendFolded(nil, line)
	checkLines(t, folded)
	if got := unfold(folded); !bytes.Equal(got, append(line, '\r', '\n')) {
		t.Fatalf("unfold(fold(%q)) = %q", line, got)
	}
	cal := "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n" + string(folded) + "END:VEVENT\r\nEND:VCALENDAR\r\n"
	c, err := goical.NewDecoder(strings.NewReader(cal)).Decode()
	if err != nil {
		t.Fatalf("decode: %v\n%s", err, cal)
	}
	l, err := c.Children[0].Props.Get("DESCRIPTION").TextList()
	if err != nil {
		t.Fatal(err)
	}
	want := strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	want = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' || r == 0x7f {
			return -1
		}
		return r
	}, want)
	if got := strings.Join(l, ","); got != want {
		t.Fatalf("decoded %q, want %q", got, want)
	}
}

func TestFold(t *testing.T) {
	for _, s := range []string{"", "a", strings.Repeat("x", 63), strings.Repeat("x", 64), strings.Repeat("ی", 200),
		longTitle, longDescription, "a" + strings.Repeat("ی", 100), strings.Repeat("😀", 40), "ab" + strings.Repeat("😀", 40),
		strings.Repeat("\xbf", 200), `\,;` + strings.Repeat("،", 100)} {
		foldRoundTrip(t, s)
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"", longTitle, longDescription, "a,b;c\\d\ne", strings.Repeat("😀", 30)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { foldRoundTrip(t, s) })
}

// TestAppendTextWhole checks that copying plain text whole
// (plainText) gives appendEscaped's bytes, over random strings of the
// bytes that matter (every ASCII control and escaped character, Persian
// letters, stray UTF-8 bytes) and the seeds of FuzzAppendTextWhole.
func TestAppendTextWhole(t *testing.T) {
	pieces := []string{"a", " ", "\t", "\r", "\n", "\x00", "\x1f", "\x7f", "\\", ";", ",", "ی", "‌", "\xd9", "\x80", "\xff", "۱۴۰۳", "€"}
	r := rand.New(rand.NewPCG(18, 1403))
	whole := 0
	for range 20000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		if plainText(s) {
			whole++
		}
		if got, want := appendText(nil, s), appendEscaped(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("%q: %q, want %q", s, got, want)
		}
	}
	if whole < 100 {
		t.Fatalf("only %d of the strings were plain: the whole copy was hardly tried", whole)
	}
}

func FuzzAppendTextWhole(f *testing.F) {
	for _, s := range []string{"", "نشست خبری", "a,b", "خط\r\nدوم", "\xd9\x84\xd9", "tab\there"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := appendText(nil, s), appendEscaped(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("%q: %q, want %q", s, got, want)
		}
	})
}
