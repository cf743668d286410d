package sqlite

import "testing"

func TestPrefixEnd(t *testing.T) {
	for _, c := range []struct{ prefix, want string }{
		{"abc-", "abc."},
		{"a\xff", "b"},
		{"ی-", "ی."},
	} {
		if got := prefixEnd(c.prefix); got != c.want {
			t.Errorf("prefixEnd(%q) = %q, want %q", c.prefix, got, c.want)
		}
		if !(c.prefix+"\U0010FFFF" < prefixEnd(c.prefix)) {
			t.Errorf("prefixEnd(%q) is not above every string with the prefix", c.prefix)
		}
	}
}
