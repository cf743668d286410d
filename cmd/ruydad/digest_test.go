package main

import (
	"io"
	"strings"
	"testing"
)

// TestServeDigestSettings: the digest's settings come from flags or the
// environment (flags win); none given is no digest; some without the
// others, or a bad one, stops serve with what is wrong.
func TestServeDigestSettings(t *testing.T) {
	env := map[string]string{"RUYDAD_SMTP_ADDR": "mail.example.ir:25", "RUYDAD_SMTP_FROM": "ruydad@example.ir",
		"RUYDAD_DIGEST_TO": "pr@example.ir, head@example.ir", "RUYDAD_DIGEST_AT": "06:45"}
	c, err := parseServe(nil, func(k string) string { return env[k] }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	d := c.digest
	if !d.Enabled() || d.SMTPAddr != "mail.example.ir:25" || d.From != "ruydad@example.ir" || strings.Join(d.To, " ") != "pr@example.ir head@example.ir" || d.At != "06:45" {
		t.Errorf("from the environment: %+v", d)
	}
	c, err = parseServe([]string{"--smtp-addr", "127.0.0.1:2525", "--digest-to", "a@example.ir", "--digest-at", "08:00"},
		func(k string) string { return env[k] }, io.Discard)
	if err != nil || c.digest.SMTPAddr != "127.0.0.1:2525" || strings.Join(c.digest.To, " ") != "a@example.ir" || c.digest.At != "08:00" {
		t.Errorf("flags over the environment: %+v, %v", c.digest, err)
	}
	c, err = parseServe(nil, func(string) string { return "" }, io.Discard)
	if err != nil || c.digest.Enabled() || c.digest.At != "07:00" {
		t.Errorf("nothing given: %+v, %v", c.digest, err)
	}
	for _, args := range [][]string{
		{"--smtp-addr", "mail.example.ir:25"},
		{"--smtp-addr", "mail.example.ir:25", "--smtp-from", "ruydad@example.ir", "--digest-to", "not an address"},
		{"--smtp-addr", "mail.example.ir:25", "--smtp-from", "ruydad@example.ir", "--digest-to", "a@example.ir", "--digest-at", "25:00"},
	} {
		if _, err := parseServe(args, func(string) string { return "" }, io.Discard); err == nil || !strings.Contains(err.Error(), "daily digest") {
			t.Errorf("%q: %v", args, err)
		}
	}
}
