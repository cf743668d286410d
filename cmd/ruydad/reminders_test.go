package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// TestExportRemindersAndImportAlarms: 'export --ics' writes an event's
// reminders always and a prepared occasion's with --reminders only;
// 'import --ics' keeps the relative VALARMs and names, in English, the one
// it leaves out.
func TestExportRemindersAndImportAlarms(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src := filepath.Join(dir, "src.db")
	db, err := openDB(ctx, src, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	e := domain.Event{Title: "نشست خبری", Kind: domain.KindPressConference, Start: jalali.MustNew(1404, 5, 10),
		Reminders: domain.RemindersOf(domain.ReminderDay)}
	if err := uc(db).SaveEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	if err := db.SetPreparation(ctx, domain.Preparation{Occasion: "journalist-day", LeadDays: 7}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	export := func(args ...string) string {
		var out strings.Builder
		if err := run(ctx, append([]string{"export", "--db", src, "--ics", "-", "--from-year", "1404", "--to-year", "1404"}, args...), noenv, nil, &out, io.Discard); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	plain, with := export(), export("--reminders")
	if strings.Count(plain, "BEGIN:VALARM") != 1 || !strings.Contains(plain, "TRIGGER;RELATED=START:-P1D\r\n") {
		t.Errorf("without --reminders: %d VALARMs", strings.Count(plain, "BEGIN:VALARM"))
	}
	if strings.Count(with, "BEGIN:VALARM") != 2 || !strings.Contains(with, "DESCRIPTION:روز خبرنگار\r\nTRIGGER;RELATED=START:-P1W\r\n") {
		t.Errorf("with --reminders: %d VALARMs", strings.Count(with, "BEGIN:VALARM"))
	}

	file := filepath.Join(dir, "in.ics")
	ics := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:a@example.com\r\nDTSTAMP:20250501T000000Z\r\n" +
		"DTSTART;VALUE=DATE:20250801\r\nSUMMARY:جلسه\r\n" +
		"BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:x\r\nTRIGGER:-PT2H\r\nEND:VALARM\r\n" +
		"BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:x\r\nTRIGGER;VALUE=DATE-TIME:20250731T050000Z\r\nEND:VALARM\r\n" +
		"END:VEVENT\r\nEND:VCALENDAR\r\n"
	if err := os.WriteFile(file, []byte(ics), 0o644); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	dst := filepath.Join(dir, "dst.db")
	if err := run(ctx, []string{"import", "--db", dst, "--ics", file}, noenv, nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `VEVENT 1 (UID "a@example.com", SUMMARY "جلسه"): VALARM with TRIGGER "20250731T050000Z" ignored: an absolute TRIGGER`) {
		t.Errorf("import said %q", out.String())
	}
	if got := exportEvents(t, ctx, dst); strings.Count(got, "BEGIN:VALARM") != 1 || !strings.Contains(got, "TRIGGER;RELATED=START:-PT2H\r\n") {
		t.Errorf("the imported event's VALARMs:\n%s", got)
	}
}

// exportEvents returns the events of database path as 'export --ics' writes
// them, without the occasions.
func exportEvents(t *testing.T, ctx context.Context, path string) string {
	t.Helper()
	var out strings.Builder
	if err := run(ctx, []string{"export", "--db", path, "--ics", "-", "--no-occasions"}, noenv, nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	return out.String()
}
