package ical

import (
	"errors"
	"io"
	"unicode"
	"unicode/utf8"
)

// MaxDepth is how deeply a file's components may nest. iCalendar needs
// three: VCALENDAR > VEVENT, VTODO or VTIMEZONE > VALARM, STANDARD or
// DAYLIGHT; one more is allowed for producers' own components. The decoder
// recurses once for each BEGIN, holding a stack frame and a property map
// for each level: 100,000 nested BEGINs (1.4 MB) cost it about 280 MB.
const MaxDepth = 4

// errTooDeep is what depthReader fails with.
var errTooDeep = errors.New("components nested too deeply")

// depthReader passes r on to the decoder while following its content
// lines as the decoder reads them (a line that begins with a space or a
// tab continues the one before; a property's name ends at its first ; or
// :, in any case), counting the BEGINs not yet ENDed. When a BEGIN would
// open a component deeper than MaxDepth it fails with errTooDeep, before
// the decoder can read that line to its end (the decoder only takes a line
// once it has seen the first character of the next): the decoder never
// goes deeper than MaxDepth, whatever the file, and the check keeps a few
// bytes of state.
type depthReader struct {
	r     io.Reader
	depth int
	err   error // errTooDeep once found

	started   bool // a content line has begun
	lineStart bool // at the start of a physical line
	// The current content line's name as far as it fits: BEGIN and END
	// are five characters at most, 20 bytes at most in UTF-8 (the decoder
	// takes a name in any case: "begın", with a dotless ı, is BEGIN).
	name  [20]byte
	n     int  // bytes of name read; len(name)+1 when it is longer
	named bool // the name has ended (; or : seen)
	cr    bool // a \r in the name, dropped if a \n follows (as the decoder's lines end)
}

func (d *depthReader) Read(p []byte) (int, error) {
	if d.err != nil {
		return 0, d.err
	}
	n, err := d.r.Read(p)
	for i, c := range p[:n] {
		if d.lineStart && (c == ' ' || c == '\t') && d.started {
			d.lineStart = false // a continuation: its first character is dropped
			continue
		}
		if d.lineStart || !d.started {
			// A new content line begins: the one before is whole.
			if d.end() {
				d.err = errTooDeep
				return i, d.err
			}
			d.started, d.lineStart, d.n, d.named = true, false, 0, false
		}
		if d.cr && c != '\n' {
			d.n = len(d.name) + 1 // a \r inside the name: neither BEGIN nor END
		}
		d.cr = false
		switch {
		case c == '\n':
			d.lineStart = true
		case d.named:
		case c == ';' || c == ':':
			d.named = true
		case c == '\r':
			d.cr = true
		case d.n < len(d.name):
			d.name[d.n] = c
			d.n++
		default:
			d.n = len(d.name) + 1
		}
	}
	if err == io.EOF && d.end() {
		d.err = errTooDeep
		return n, d.err
	}
	return n, err
}

// end takes the content line read so far as whole, and reports whether it
// opens a component deeper than MaxDepth.
func (d *depthReader) end() bool {
	whole := d.started && d.named && d.n <= len(d.name)
	d.started = false // once: Read may be called again at the end
	if !whole {
		return false
	}
	switch name := d.name[:d.n]; {
	case upperIs(name, "BEGIN"):
		d.depth++
	case upperIs(name, "END"):
		d.depth = max(d.depth-1, 0)
	}
	return d.depth > MaxDepth
}

// upperIs reports whether strings.ToUpper(string(name)) == want, as the
// decoder compares names, without building the string.
func upperIs(name []byte, want string) bool {
	for _, w := range want {
		r, size := utf8.DecodeRune(name)
		if size == 0 || unicode.ToUpper(r) != w {
			return false
		}
		name = name[size:]
	}
	return len(name) == 0
}
