package main

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHijriChecksArgumentsBeforeOpening: help, an unknown subcommand,
// wrong arguments and a year that is not a number are answered (in
// English) without creating the database; good arguments open it.
func TestHijriChecksArgumentsBeforeOpening(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ruydad.db")
	env := func(k string) string {
		if k == "RUYDAD_DB" {
			return path
		}
		return ""
	}
	hijri := func(args ...string) (string, string, error) {
		var out, errOut strings.Builder
		err := run(context.Background(), append([]string{"hijri"}, args...), env, nil, &out, &errOut)
		return out.String(), errOut.String(), err
	}
	for _, tt := range []struct {
		args []string
		err  string // "" for none
	}{
		{[]string{"-h"}, ""},
		{[]string{"--help"}, ""},
		{[]string{"help"}, ""},
		{[]string{"list", "-h"}, ""},
		{[]string{"lsit"}, `hijri: unknown subcommand "lsit"`},
		{[]string{"list", "--year", "1448abc"}, `hijri list: --year "1448abc" is not a Hijri year such as 1448`},
		{[]string{"list", "--year", "99999"}, "hijri list: year 99999 is outside"},
		{[]string{"list", "extra"}, "hijri list: wrong number of arguments"},
		{[]string{"set", "1448/10"}, "hijri set: wrong number of arguments"},
		{[]string{"set", "1448/13", "1405/12/19"}, `hijri set: "1448/13" is not a Hijri month such as 1448/10`},
		{[]string{"set", "1448/10", "1405/13/19"}, `hijri set: "1405/13/19" is not a Jalali date`},
		{[]string{"unset", "shawwal"}, `hijri unset: "shawwal" is not a Hijri month such as 1448/10`},
	} {
		out, errOut, err := hijri(tt.args...)
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("hijri %v: %v", tt.args, err)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("hijri %v: error %v, want %q", tt.args, err, tt.err)
		}
		if !strings.Contains(out+errOut, "ruydad hijri list") {
			t.Errorf("hijri %v: no usage printed", tt.args)
		}
		if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("hijri %v created the database (%v)", tt.args, err)
		}
	}

	out, _, err := hijri("list", "--year", "۱۴۴۷")
	if err != nil || !strings.Contains(out, "1447/9 ") || strings.Count(out, "\n") != 12 {
		t.Fatalf("hijri list --year ۱۴۴۷: %v\n%s", err, out)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("a good command did not open the database: %v", err)
	}
}
