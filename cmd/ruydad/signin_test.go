package main

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// The administrator the tests that write through a running server sign in
// as: nobody writes anonymously.
const testAdmin, testPassword = "office", "office-password-1404"

// addAdmin adds testAdmin to the database at path, as an operator would.
func addAdmin(t *testing.T, path string) {
	t.Helper()
	if err := run(context.Background(), []string{"user", "add", testAdmin, "--role", "admin", "--db", path},
		func(string) string { return "" }, strings.NewReader(testPassword+"\n"), io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
}

// signIn signs c in at base as testAdmin through the login form.
func signIn(t *testing.T, c *http.Client, base string) {
	t.Helper()
	resp, err := c.Get(base + "/login")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	tok := regexp.MustCompile(`name="_csrf" value="([^"]+)"`).FindStringSubmatch(string(body))
	if tok == nil {
		t.Fatal("no CSRF token in the login form")
	}
	resp, err = c.PostForm(base+"/login", url.Values{"_csrf": {tok[1]}, "username": {testAdmin}, "password": {testPassword}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in as %s: %d", testAdmin, resp.StatusCode)
	}
}
