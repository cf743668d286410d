package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/sqlite"
)

var dtstamp = regexp.MustCompile(`(?m)^DTSTAMP:.*\r\n`)

func TestExportImportICSRoundTrip(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src := filepath.Join(dir, "src.db")
	db, err := sqlite.Open(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []domain.Event{
		{Title: "همایش روز خبرنگار؛ استان همدان", Kind: domain.KindConference, Start: jalali.MustNew(1404, 5, 17), StartTime: "09:00", EndTime: "12:00"},
		{Title: "هفته دولت", Kind: domain.KindOther, Start: jalali.MustNew(1404, 6, 2), End: jalali.MustNew(1404, 6, 8)},
		{Title: "سالروز", Kind: domain.KindCeremony, Start: jalali.MustNew(1400, 1, 20), Yearly: true},
	} {
		if err := db.CreateEvent(ctx, &e); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	first, second := filepath.Join(dir, "a.ics"), filepath.Join(dir, "b.ics")
	var out strings.Builder
	if err := run(ctx, []string{"export", "--db", src, "--ics", first}, noenv, nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "wrote 3 events") {
		t.Errorf("export said %q", out.String())
	}
	dst := filepath.Join(dir, "dst.db")
	out.Reset()
	if err := run(ctx, []string{"import", "--db", dst, "--ics", first}, noenv, nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "imported 3 events") {
		t.Errorf("import said %q", out.String())
	}
	if err := run(ctx, []string{"export", "--db", dst, "--ics", second}, noenv, nil, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(first)
	b, _ := os.ReadFile(second)
	if !bytes.Equal(dtstamp.ReplaceAll(a, nil), dtstamp.ReplaceAll(b, nil)) {
		t.Error("export → import → export changed the feed")
	}

	bad := filepath.Join(dir, "bad.ics")
	os.WriteFile(bad, []byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n"), 0o644)
	if err := run(ctx, []string{"import", "--db", dst, "--ics", bad}, noenv, nil, io.Discard, io.Discard); err == nil || !strings.Contains(err.Error(), "malformed") {
		t.Errorf("malformed import: %v", err)
	}
	if err := run(ctx, []string{"export", "--db", dst, "--ics", first, "--kind", "party"}, noenv, nil, io.Discard, io.Discard); err == nil {
		t.Error("export with an unknown kind succeeded")
	}
	out.Reset()
	if err := run(ctx, []string{"export", "--db", dst, "--ics", "-", "--no-occasions"}, noenv, nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out.String(), "BEGIN:VEVENT"); n < 3 || strings.Contains(out.String(), "occasion-") {
		t.Errorf("stdout export has %d VEVENTs", n)
	}
}
