package main

import (
	"context"
	"flag"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestParseFlagsAnywhere(t *testing.T) {
	for _, tt := range []struct {
		args      []string
		db        string
		force     bool
		positions []string
	}{
		{[]string{"--db", "a.db", "maryam", "editor"}, "a.db", false, []string{"maryam", "editor"}},
		{[]string{"maryam", "editor", "--db", "a.db"}, "a.db", false, []string{"maryam", "editor"}},
		{[]string{"maryam", "--force", "editor", "--db=a.db"}, "a.db", true, []string{"maryam", "editor"}},
		{[]string{"-force", "maryam", "-db", "a.db", "-"}, "a.db", true, []string{"maryam", "-"}},
		{[]string{"maryam", "--", "--db", "x"}, "", false, []string{"maryam", "--db", "x"}},
	} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		db, force := fs.String("db", "", ""), fs.Bool("force", false, "")
		if err := parseFlags(fs, tt.args); err != nil {
			t.Fatalf("%q: %v", tt.args, err)
		}
		if *db != tt.db || *force != tt.force || !slices.Equal(fs.Args(), tt.positions) {
			t.Errorf("%q: db %q force %v args %q; want %q %v %q", tt.args, *db, *force, fs.Args(), tt.db, tt.force, tt.positions)
		}
	}
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if err := parseFlags(fs, []string{"x", "--nope"}); err == nil {
		t.Error("an unknown flag after the arguments was accepted")
	}
}

// The user commands take --db (and --force) after their arguments, as
// people type them.
func TestUserCommandFlagsAfterTheArguments(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "u.db")
	none := func(string) string { return "" }
	if err := run(ctx, []string{"user", "add", "maryam", "--role", "admin", "--db", path}, none, strings.NewReader("a-long-password\n"), io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := run(ctx, []string{"user", "role", "maryam", "editor", "--db", path, "--force"}, none, nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "maryam is now editor") {
		t.Errorf("role said %q", out.String())
	}
}
