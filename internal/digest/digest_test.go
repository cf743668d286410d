package digest

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/sqlite"
	"github.com/ruydad/ruydad/seeds"
)

// received is a message the test mail server took.
type received struct {
	from string
	to   []string
	data string
}

// smtpServer is a small SMTP server on loopback, for the tests: it takes
// every message and hands it over on a channel; it never relays.
func smtpServer(t *testing.T) (addr string, got <-chan received) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	ch := make(chan received, 4)
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go serveSMTP(conn, ch)
		}
	}()
	return ln.Addr().String(), ch
}

func serveSMTP(conn net.Conn, ch chan<- received) {
	defer conn.Close()
	r := bufio.NewReader(conn)
	say := func(s string) { io.WriteString(conn, s+"\r\n") }
	say("220 test.local ESMTP")
	var m received
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimRight(line, "\r\n"))
		switch {
		case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
			say("250-test.local\r\n250 8BITMIME")
		case strings.HasPrefix(cmd, "MAIL FROM:"):
			m.from = bracketed(line)
			say("250 OK")
		case strings.HasPrefix(cmd, "RCPT TO:"):
			m.to = append(m.to, bracketed(line))
			say("250 OK")
		case cmd == "DATA":
			say("354 go on")
			var data strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				data.WriteString(strings.TrimPrefix(l, ".")) // dot-unstuffing
			}
			m.data = data.String()
			ch <- m
			m = received{}
			say("250 queued")
		case cmd == "QUIT":
			say("221 bye")
			return
		default:
			say("250 OK")
		}
	}
}

// bracketed returns the address between < and > of an SMTP command.
func bracketed(line string) string {
	_, rest, _ := strings.Cut(line, "<")
	addr, _, _ := strings.Cut(rest, ">")
	return addr
}

// today is 20 Ordibehesht 1403; روز ملی ارتباطات و روابط عمومی is 7 days on.
var now = time.Date(2024, 5, 9, 6, 30, 0, 0, jalali.Tehran)

// officeApp returns the use cases over a real database (built-in
// occasions) with events around today and the PR day prepared for.
func officeApp(t *testing.T) *app.App {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "digest.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	cat, err := domain.ParseCatalogue(seeds.Occasions, seeds.OfficialOccasions)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SeedOccasions(ctx, cat); err != nil {
		t.Fatal(err)
	}
	a := app.Over(db, app.Options{Now: func() time.Time { return now }})
	d := jalali.MustNew
	for _, e := range []domain.Event{
		{Title: "نشست خبری استاندار", Kind: domain.KindPressConference, Start: d(1403, 2, 20), StartTime: "10:30", Location: "سالن\nاستانداری"},
		{Title: "نمایشگاه رسانه", Kind: domain.KindFestival, Start: d(1403, 2, 18), End: d(1403, 2, 21)},
		{Title: "جلسه شورای روابط عمومی‌ها", Kind: domain.KindMeeting, Start: d(1403, 2, 22)},
		{Title: "سالروز تأسیس", Kind: domain.KindCeremony, Start: d(1400, 2, 25), Repeat: domain.Repeat{Kind: domain.RepeatYearly}},
		{Title: "جلسهٔ هفتگی", Kind: domain.KindMeeting, Start: d(1403, 2, 22), StartTime: "09:00", // Saturdays and Tuesdays
			Repeat: domain.Repeat{Kind: domain.RepeatWeekly, Days: domain.WeekdaysOf(jalali.Saturday, jalali.Tuesday)}},
		{Title: "بازدید خبرنگاران", Kind: domain.KindVisit, Start: d(1403, 2, 28)}, // beyond the week
		{Title: "پیشنهاد بی‌تأیید", Kind: domain.KindMeeting, Start: d(1403, 2, 20), Status: domain.StatusProposed},
	} {
		if err := a.SaveEvent(ctx, &e); err != nil {
			t.Fatal(err)
		}
	}
	all, _ := db.Occasions(ctx)
	for _, o := range all {
		if o.Key == "pr-day" {
			if err := a.PrepareFor(ctx, o.ID, 7); err != nil {
				t.Fatal(err)
			}
		}
	}
	return a
}

// TestDigestSentInPersian: the digest reaches the mail server with proper
// MIME headers (a UTF-8 plain text body, quoted-printable; its subject an
// encoded word), in Persian: today's confirmed events (one under way
// since before), the week's by day, and the occasion to prepare for.
func TestDigestSentInPersian(t *testing.T) {
	ctx := context.Background()
	addr, got := smtpServer(t)
	today := jalali.FromTime(now)
	d, err := Compose(ctx, officeApp(t), today, "https://cal.example.ir")
	if err != nil {
		t.Fatal(err)
	}
	to := []string{"pr@example.ir", "head@example.ir"}
	if err := Send(addr, "ruydad@example.ir", to, d.Message("ruydad@example.ir", to, now)); err != nil {
		t.Fatal(err)
	}
	var m received
	select {
	case m = <-got:
	case <-time.After(10 * time.Second):
		t.Fatal("the mail server got nothing")
	}
	if m.from != "ruydad@example.ir" || strings.Join(m.to, " ") != "pr@example.ir head@example.ir" {
		t.Errorf("envelope from %q to %q", m.from, m.to)
	}
	msg, err := mail.ReadMessage(strings.NewReader(m.data))
	if err != nil {
		t.Fatal(err)
	}
	h := msg.Header
	subject, err := new(mime.WordDecoder).DecodeHeader(h.Get("Subject"))
	if err != nil || subject != "برنامهٔ امروز، پنج‌شنبه ۲۰ اردیبهشت ۱۴۰۳" {
		t.Errorf("subject %q (%v), raw %q", subject, err, h.Get("Subject"))
	}
	if from, err := mail.ParseAddress(h.Get("From")); err != nil || from.Address != "ruydad@example.ir" || from.Name != "رویداد" {
		t.Errorf("From %q: %v", h.Get("From"), err)
	}
	if list, err := mail.ParseAddressList(h.Get("To")); err != nil || len(list) != 2 {
		t.Errorf("To %q: %v", h.Get("To"), err)
	}
	if _, err := mail.ParseDate(h.Get("Date")); err != nil || h.Get("Message-ID") == "" || h.Get("MIME-Version") != "1.0" {
		t.Errorf("Date %q (%v), Message-ID %q, MIME-Version %q", h.Get("Date"), err, h.Get("Message-ID"), h.Get("MIME-Version"))
	}
	if mt, params, err := mime.ParseMediaType(h.Get("Content-Type")); err != nil || mt != "text/plain" || params["charset"] != "UTF-8" ||
		h.Get("Content-Transfer-Encoding") != "quoted-printable" {
		t.Errorf("Content-Type %q, Content-Transfer-Encoding %q", h.Get("Content-Type"), h.Get("Content-Transfer-Encoding"))
	}
	raw, err := io.ReadAll(msg.Body)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(raw), "\r\n") {
		if len(l) > 76 {
			t.Fatalf("a body line of %d bytes, over quoted-printable's 76", len(l))
		}
	}
	body, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(string(raw))))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(body), "\r\n", "\n")
	want := "برنامهٔ روابط عمومی، پنج‌شنبه ۲۰ اردیبهشت ۱۴۰۳\n\n" +
		"امروز\n" +
		"• نمایشگاه رسانه\n" + // under way since 18 Ordibehesht: listed first
		"• ساعت ۱۰:۳۰، نشست خبری استاندار (سالن استانداری)\n" +
		"\nهفتهٔ پیش رو\n" +
		"شنبه ۲۲ اردیبهشت ۱۴۰۳\n" +
		"• جلسه شورای روابط عمومی‌ها\n" +
		"• ساعت ۰۹:۰۰، جلسهٔ هفتگی\n" + // a weekly series: each of its days
		"سه‌شنبه ۲۵ اردیبهشت ۱۴۰۳\n" +
		"• سالروز تأسیس\n" +
		"• ساعت ۰۹:۰۰، جلسهٔ هفتگی\n" +
		"\nبرای آماده‌سازی\n" +
		"• روز ملی ارتباطات و روابط عمومی، ۲۷ اردیبهشت ۱۴۰۳: ۷ روز مانده\n" +
		"\nبرنامهٔ پیش رو: https://cal.example.ir/agenda\n"
	if text != want {
		t.Errorf("the digest reads\n%s\nwant\n%s", text, want)
	}
}

// TestRunSendsAtItsTime: Run waits until the next digest time (at 06:30,
// half an hour for 07:00) and then sends; it stops with its context.
func TestRunSendsAtItsTime(t *testing.T) {
	addr, got := smtpServer(t)
	a := officeApp(t)
	waits, fire := make(chan time.Duration, 2), make(chan time.Time)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	cfg := Config{SMTPAddr: addr, From: "ruydad@example.ir", To: []string{"pr@example.ir"}, At: "07:00"}
	go func() {
		defer close(done)
		Run(ctx, a, cfg, func() time.Time { return now }, func(d time.Duration) <-chan time.Time { waits <- d; return fire },
			slog.New(slog.DiscardHandler))
	}()
	if d := <-waits; d != 30*time.Minute {
		t.Errorf("Run waits %s for the first digest, want 30m", d)
	}
	fire <- now
	select {
	case m := <-got:
		if !strings.Contains(m.data, "Subject: =?UTF-8?b?") {
			t.Errorf("the digest sent:\n%s", m.data)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no digest sent when its time came")
	}
	<-waits // waiting for the next day's
	cancel()
	<-done
}

func TestNext(t *testing.T) {
	for _, tt := range []struct {
		now  time.Time
		at   string
		want time.Time
	}{
		{now, "07:00", time.Date(2024, 5, 9, 7, 0, 0, 0, jalali.Tehran)},
		{now, "06:30", time.Date(2024, 5, 10, 6, 30, 0, 0, jalali.Tehran)},
		{now, "00:00", time.Date(2024, 5, 10, 0, 0, 0, 0, jalali.Tehran)},
		{time.Date(2024, 5, 9, 4, 0, 0, 0, time.UTC), "07:00", time.Date(2024, 5, 10, 7, 0, 0, 0, jalali.Tehran)}, // 07:30 in Tehran
	} {
		if got := Next(tt.now, tt.at); !got.Equal(tt.want) {
			t.Errorf("Next(%s, %s) = %s, want %s", tt.now, tt.at, got, tt.want)
		}
	}
}

func TestConfigCheck(t *testing.T) {
	good := Config{SMTPAddr: "mail.example.ir:25", From: "ruydad@example.ir", To: []string{"a@example.ir"}, At: "07:00"}
	if err := good.Check(); err != nil || !good.Enabled() {
		t.Fatalf("%v", err)
	}
	if (Config{At: "07:00"}).Enabled() {
		t.Error("a digest with no server, sender or recipients is enabled")
	}
	for name, edit := range map[string]func(*Config){
		"no server":      func(c *Config) { c.SMTPAddr = "" },
		"no recipients":  func(c *Config) { c.To = nil },
		"no port":        func(c *Config) { c.SMTPAddr = "mail.example.ir" },
		"bad sender":     func(c *Config) { c.From = "ruydad" },
		"header in name": func(c *Config) { c.To = []string{"a@example.ir\r\nBcc: x@example.ir"} },
		"named":          func(c *Config) { c.From = "Ruydad <ruydad@example.ir>" },
		"bad time":       func(c *Config) { c.At = "7am" },
	} {
		c := good
		edit(&c)
		if err := c.Check(); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
