// Package digest sends the office its daily digest by e-mail: today's
// events, the coming week's, and the occasions to prepare for, in Persian.
// It runs inside 'ruydad serve' when SMTP is configured, and does nothing
// otherwise.
package digest

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/smtp"
	"strings"
	"time"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/locale"
)

// Config says where the digest goes and when.
type Config struct {
	SMTPAddr string   // the mail server, host:port
	From     string   // the sender's address
	To       []string // the recipients' addresses
	At       string   // the time of day it is sent, HH:MM in Tehran
	BaseURL  string   // the server's public URL, for the agenda's link
}

// Enabled reports whether a digest is configured (a server, a sender and
// recipients).
func (c Config) Enabled() bool { return c.SMTPAddr != "" || c.From != "" || len(c.To) > 0 }

// Check says, in English, what is wrong with a digest's configuration.
func (c Config) Check() error {
	if c.SMTPAddr == "" || c.From == "" || len(c.To) == 0 {
		return fmt.Errorf("the daily digest needs the mail server, the sender and the recipients together")
	}
	if host, port, err := net.SplitHostPort(c.SMTPAddr); err != nil || host == "" || port == "" {
		return fmt.Errorf("mail server %q: want host:port", c.SMTPAddr)
	}
	for _, a := range append([]string{c.From}, c.To...) {
		if _, err := bareAddress(a); err != nil {
			return err
		}
	}
	if !domain.ValidTime(c.At) {
		return fmt.Errorf("digest time %q: want HH:MM (24-hour, Tehran time)", c.At)
	}
	return nil
}

// bareAddress reads an e-mail address written alone (user@host).
func bareAddress(s string) (string, error) {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return "", fmt.Errorf("%q is not an e-mail address (user@host)", s)
	}
	return a.Address, nil
}

// Next returns the first time after now that is at (HH:MM) in Tehran.
func Next(now time.Time, at string) time.Time {
	h, m := int(at[0]-'0')*10+int(at[1]-'0'), int(at[3]-'0')*10+int(at[4]-'0')
	local := now.In(jalali.Tehran)
	next := time.Date(local.Year(), local.Month(), local.Day(), h, m, 0, 0, jalali.Tehran)
	for !next.After(now) {
		next = time.Date(next.Year(), next.Month(), next.Day()+1, h, m, 0, 0, jalali.Tehran)
	}
	return next
}

// weekDays is how many days after today the digest looks ahead.
const weekDays = 7

// Digest is one day's digest: its subject and plain text.
type Digest struct {
	Subject string
	Body    string
}

// Compose writes the digest of today: the confirmed events that take place
// today, those that begin in the coming week, by day, and the occasions
// whose preparation has begun.
func Compose(ctx context.Context, a *app.App, today jalali.Date, baseURL string) (Digest, error) {
	last := today.AddDays(weekDays)
	events, err := a.EventsBetween(ctx, today, last, domain.EventFilter{})
	if err != nil {
		return Digest{}, err
	}
	st, err := a.Calendar(ctx)
	if err != nil {
		return Digest{}, err
	}
	preparing, err := a.PreparingOn(ctx, today)
	if err != nil {
		return Digest{}, err
	}
	var todays []domain.Event
	byDay := map[jalali.Date][]domain.Event{}
	for _, e := range events {
		if occ, ok := st.Cal.EventOccurrence(e, today, today); ok {
			todays = append(todays, occ)
		}
		// Every occurrence that starts in the coming week: a meeting on
		// Saturdays and Tuesdays is under both.
		for _, span := range st.Cal.EventSpans(e, today.AddDays(1), last) {
			if span.Start.After(today) {
				occ := e
				occ.Start, occ.End = span.Start, span.End
				byDay[occ.Start] = append(byDay[occ.Start], occ)
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "برنامهٔ روابط عمومی، %s\n\n", today.FormatLong())
	b.WriteString("امروز\n")
	writeEvents(&b, todays, "رویدادی برای امروز ثبت نشده است.")
	b.WriteString("\nهفتهٔ پیش رو\n")
	if len(byDay) == 0 {
		b.WriteString("رویدادی در هفتهٔ پیش رو ثبت نشده است.\n")
	}
	for d := today.AddDays(1); !d.After(last); d = d.AddDays(1) {
		if len(byDay[d]) > 0 {
			fmt.Fprintf(&b, "%s\n", d.FormatLong())
			writeEvents(&b, byDay[d], "")
		}
	}
	if len(preparing) > 0 {
		b.WriteString("\nبرای آماده‌سازی\n")
		for _, p := range preparing {
			fmt.Fprintf(&b, "• %s، %s: %s\n", p.Occasion.Name, p.Start.Format(), locale.DaysLeft(p.DaysLeft))
		}
	}
	if baseURL != "" {
		fmt.Fprintf(&b, "\nبرنامهٔ پیش رو: %s/agenda\n", strings.TrimRight(baseURL, "/"))
	}
	return Digest{Subject: "برنامهٔ امروز، " + today.FormatLong(), Body: b.String()}, nil
}

// writeEvents lists events a line each: time, title, place; none says so.
func writeEvents(b *strings.Builder, events []domain.Event, none string) {
	if len(events) == 0 && none != "" {
		b.WriteString(none + "\n")
	}
	for _, e := range events {
		b.WriteString("• ")
		if e.StartTime != "" {
			b.WriteString("ساعت " + jalali.FaDigits(e.StartTime) + "، ")
		}
		b.WriteString(oneLine(e.Title))
		if e.Location != "" {
			b.WriteString(" (" + oneLine(e.Location) + ")")
		}
		b.WriteString("\n")
	}
}

// oneLine keeps a field on its line of the digest.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// Message returns d as an RFC 5322 message from from to to, dated now:
// a UTF-8 plain text body, quoted-printable, its subject an RFC 2047
// encoded word.
func (d Digest) Message(from string, to []string, now time.Time) []byte {
	var id [8]byte
	_, _ = rand.Read(id[:])
	host := from[strings.LastIndexByte(from, '@')+1:]
	var b bytes.Buffer
	header := func(name, value string) { b.WriteString(name + ": " + value + "\r\n") }
	header("From", (&mail.Address{Name: "رویداد", Address: from}).String())
	header("To", strings.Join(to, ", "))
	header("Subject", mime.BEncoding.Encode("UTF-8", d.Subject))
	header("Date", now.Format(time.RFC1123Z))
	header("Message-ID", "<digest-"+now.UTC().Format("20060102")+"-"+hex.EncodeToString(id[:])+"@"+host+">")
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=UTF-8")
	header("Content-Transfer-Encoding", "quoted-printable")
	header("Content-Language", "fa")
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b)
	_, _ = qp.Write([]byte(strings.ReplaceAll(d.Body, "\n", "\r\n")))
	_ = qp.Close()
	return b.Bytes()
}

// Send delivers msg through the mail server at addr (with STARTTLS when
// the server offers it).
func Send(addr, from string, to []string, msg []byte) error {
	if err := smtp.SendMail(addr, nil, from, to, msg); err != nil {
		return fmt.Errorf("digest: send through %s: %w", addr, err)
	}
	return nil
}

// Run sends the digest every day at c.At (Tehran time) until ctx ends:
// wait(d) is the channel that fires after d (time.After in the server);
// now is the clock. A digest that cannot be made or sent is logged, and
// the next day's is tried as usual.
func Run(ctx context.Context, a *app.App, c Config, now func() time.Time, wait func(time.Duration) <-chan time.Time, log *slog.Logger) {
	for {
		next := Next(now(), c.At)
		select {
		case <-ctx.Done():
			return
		case <-wait(next.Sub(now())):
		}
		t := now()
		d, err := Compose(ctx, a, jalali.FromTime(t), c.BaseURL)
		if err == nil {
			err = Send(c.SMTPAddr, c.From, c.To, d.Message(c.From, c.To, t))
		}
		if err != nil {
			log.Error("daily digest not sent", "err", err)
			continue
		}
		log.Info("daily digest sent", "to", strings.Join(c.To, ","))
	}
}
