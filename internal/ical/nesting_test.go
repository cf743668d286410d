package ical

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"

	goical "github.com/emersion/go-ical"
)

// nested returns a calendar whose components nest depth deep (VCALENDAR
// counted), each BEGIN line written by begin.
func nested(depth int, begin func(i int) string) string {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n")
	for i := 1; i < depth; i++ {
		b.WriteString(begin(i))
	}
	for i := depth - 1; i >= 1; i-- {
		b.WriteString("END:X-LEVEL\r\n")
	}
	b.WriteString("END:VCALENDAR\r\n")
	return b.String()
}

func beginLevel(int) string { return "BEGIN:X-LEVEL\r\n" }

// TestDeepNestingIsRefusedWithBoundedWork: a file of 100,000 nested BEGINs
// (1.4 MB) is refused, in English and in Persian, having allocated a few
// kilobytes (the decoder, which recurses once a BEGIN, took 16 MB of heap
// and 32 MB more stack for it, and answered that END:VCALENDAR was
// missing).
func TestDeepNestingIsRefusedWithBoundedWork(t *testing.T) {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\n")
	for range 100000 {
		b.WriteString("BEGIN:VEVENT\r\n")
	}
	file := []byte(b.String())
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := Parse(bytes.NewReader(file))
	runtime.ReadMemStats(&after)
	// The decoder's recursion grows the goroutine's stack, which TotalAlloc
	// does not count: StackSys does (the stack memory taken from the system).
	heap, stack := after.TotalAlloc-before.TotalAlloc, after.StackSys-before.StackSys
	if heap > 256<<10 || stack > 256<<10 {
		t.Errorf("reading %d bytes of nested BEGINs allocated %d bytes of heap and %d of stack", len(file), heap, stack)
	}
	if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), "nested more than 4 deep") {
		t.Fatalf("100,000 nested BEGINs: %v", err)
	}
	if fa := Persian(err); len(fa) != 1 || !strings.Contains(fa[0], "بیش از ۴ لایه در هم رفته‌اند") {
		t.Errorf("in Persian: %q", fa)
	}
}

// TestNestingDepth: components may nest four deep, not five, however the
// BEGIN lines are written (any case, parameters, folded, a dotless ı,
// \n or \r\n), and however the file is read (a byte at a time too);
// siblings do not add up, and a name that only begins like BEGIN, or
// holds a \r, is no BEGIN (as for the decoder).
func TestNestingDepth(t *testing.T) {
	for _, c := range []struct {
		name  string
		begin func(i int) string
		depth int
		ok    bool
	}{
		{"four", beginLevel, 4, true},
		{"five", beginLevel, 5, false},
		{"lower case", func(int) string { return "begin:x-level\r\n" }, 5, false},
		{"parameters", func(int) string { return "BEGIN;X-P=1:X-LEVEL\r\n" }, 5, false},
		{"folded name", func(int) string { return "BE\r\n GIN:X-LEVEL\r\n" }, 5, false},
		{"folded with a tab", func(int) string { return "B\n\tEGIN:X-LEVEL\n" }, 5, false},
		{"dotless i", func(int) string { return "begın:x-level\r\n" }, 5, false},
		{"an empty line, then the name folded", func(int) string { return "\r\n BEGIN:X-LEVEL\r\n" }, 5, false},
	} {
		for _, oneByte := range []bool{false, true} {
			var r io.Reader = strings.NewReader(nested(c.depth, c.begin))
			if oneByte {
				r = iotest.OneByteReader(r)
			}
			_, err := decode(r)
			if c.ok != (err == nil) || !c.ok && !errors.Is(err, ErrMalformed) {
				t.Errorf("%s, %d deep (a byte at a time: %v): %v", c.name, c.depth, oneByte, err)
			}
		}
	}
	// Many siblings, each with its own child, are three deep.
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n")
	for range 1000 {
		b.WriteString("BEGIN:VEVENT\r\nBEGIN:VALARM\r\nEND:VALARM\r\nEND:VEVENT\r\n")
	}
	b.WriteString("END:VCALENDAR\r\n")
	if _, err := decode(strings.NewReader(b.String())); err != nil {
		t.Errorf("1,000 events with an alarm each: %v", err)
	}
	// Names that are not BEGIN: the decoder takes them as properties.
	for _, line := range []string{"BEGINS:X\r\n", "BEG\rIN:X\r\n", "X-BEGIN:X\r\n"} {
		if _, err := decode(strings.NewReader(nested(6, func(int) string { return line }))); errors.Is(err, errTooDeep) {
			t.Errorf("%q counted as a BEGIN", line)
		}
	}
}

// depthOf returns how deeply c's components nest, c counted.
func depthOf(c *goical.Component) int {
	d := 0
	for _, ch := range c.Children {
		d = max(d, depthOf(ch))
	}
	return d + 1
}

// FuzzDepthMatchesTheDecoder: whatever the file, depthReader counts the
// BEGINs the decoder reads: a file the decoder takes is refused as too
// deep exactly when its components nest deeper than MaxDepth.
func FuzzDepthMatchesTheDecoder(f *testing.F) {
	for _, s := range []string{
		nested(4, beginLevel), nested(5, beginLevel), nested(5, func(int) string { return "BE\r\n GIN:X-LEVEL\r\n" }),
		nested(5, func(int) string { return "begın;a=\"b:c\":x-level\n" }), nested(6, func(int) string { return "BEG\rIN:X-LEVEL\r\n" }),
		"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n\r\n BEGIN:X\r\nEND:X\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		plain, perr := func() (c *goical.Calendar, err error) {
			defer func() {
				if recover() != nil {
					err = errors.New("panic")
				}
			}()
			return goical.NewDecoder(strings.NewReader(s)).Decode()
		}()
		if perr != nil {
			return
		}
		deep := depthOf(plain.Component) > MaxDepth
		_, err := goical.NewDecoder(&depthReader{r: strings.NewReader(s)}).Decode()
		if deep != errors.Is(err, errTooDeep) || !deep && err != nil {
			t.Fatalf("%d deep: %v", depthOf(plain.Component), err)
		}
	})
}
