package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/ruydad/ruydad/internal/digest"
)

// digestFlags adds serve's flags of the daily digest to fs, their defaults
// from the environment, filling d; the recipients, a comma-separated list,
// are returned for checkDigest.
func digestFlags(fs *flag.FlagSet, getenv func(string) string, d *digest.Config) *string {
	fs.StringVar(&d.SMTPAddr, "smtp-addr", getenv("RUYDAD_SMTP_ADDR"),
		"mail server (host:port) through which the daily digest is sent (env RUYDAD_SMTP_ADDR);\n"+
			"with --smtp-from and --digest-to; no digest when none of them is given")
	fs.StringVar(&d.From, "smtp-from", getenv("RUYDAD_SMTP_FROM"), "the digest's sender address (env RUYDAD_SMTP_FROM)")
	to := fs.String("digest-to", getenv("RUYDAD_DIGEST_TO"), "the digest's recipients, comma-separated (env RUYDAD_DIGEST_TO)")
	at := getenv("RUYDAD_DIGEST_AT")
	if at == "" {
		at = "07:00"
	}
	fs.StringVar(&d.At, "digest-at", at, "when the digest is sent each day, HH:MM in Tehran time (env RUYDAD_DIGEST_AT)")
	return to
}

// checkDigest reads the recipients and checks a digest's settings, when
// any is given.
func checkDigest(d *digest.Config, to string) error {
	for _, a := range strings.Split(to, ",") {
		if a = strings.TrimSpace(a); a != "" {
			d.To = append(d.To, a)
		}
	}
	if !d.Enabled() {
		return nil
	}
	if err := d.Check(); err != nil {
		return fmt.Errorf("serve: daily digest (--smtp-addr, --smtp-from, --digest-to, --digest-at): %w", err)
	}
	return nil
}
