package main

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

func TestUserCommands(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "u.db")
	env := func(k string) string {
		if k == "RUYDAD_DB" {
			return db
		}
		return ""
	}
	var out, errs strings.Builder
	if err := run(ctx, []string{"user", "add", "maryam", "--role", "admin"}, env, strings.NewReader("a-long-password\n"), &out, &errs); err != nil {
		t.Fatal(err, errs.String())
	}
	if !strings.Contains(out.String(), "added maryam (admin)") {
		t.Errorf("add said %q", out.String())
	}
	for _, tc := range []struct {
		args  []string
		stdin string
		want  string
	}{
		{[]string{"user", "add", "ali", "--role", "editor"}, "short\n", "at least 10 characters"},
		{[]string{"user", "add", "ali", "--role", "boss"}, "a-long-password\n", "viewer, editor or admin"},
		{[]string{"user", "add", "MARYAM", "--role", "viewer"}, "a-long-password\n", "taken"},
		{[]string{"user", "add", "ali", "--role", "editor"}, "", "no password"},
		{[]string{"user", "add", "ali", "--role", "editor", "--password", "x"}, "", "flag provided but not defined"},
		{[]string{"user", "role", "nobody", "editor"}, "", "no user called"},
		{[]string{"user", "add", "\u0430dmin", "--role", "admin"}, "a-long-password\n", "one script"}, // a Cyrillic а
	} {
		err := run(ctx, tc.args, env, strings.NewReader(tc.stdin), io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: %v, want %q", tc.args, err, tc.want)
		}
	}
	// The last administrator stays one, unless --force (before or after
	// the arguments).
	for _, args := range [][]string{{"user", "role", "maryam", "editor"}, {"user", "delete", "maryam"}} {
		if err := run(ctx, args, env, nil, io.Discard, io.Discard); err == nil || !strings.Contains(err.Error(), "last administrator") {
			t.Errorf("%v: %v, want the last administrator refused", args, err)
		}
	}
	out.Reset()
	for _, args := range [][]string{{"user", "role", "maryam", "editor", "--force"}, {"user", "feed-reset", "maryam"}, {"user", "list"}} {
		if err := run(ctx, args, env, strings.NewReader("new-long-password\n"), &out, io.Discard); err != nil {
			t.Fatalf("%v: %v", args, err)
		}
	}
	if !strings.Contains(out.String(), "maryam\teditor") {
		t.Errorf("list:\n%s", out.String())
	}
	if err := run(ctx, []string{"user", "passwd", "maryam"}, env, strings.NewReader("new-long-password\n"), io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := run(ctx, []string{"user", "delete", "maryam"}, env, nil, io.Discard, io.Discard); err != nil {
		t.Fatal(err) // an editor: no administrator is lost
	}
}
