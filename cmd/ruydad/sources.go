package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/sqlite"
)

const sourcesUsage = `usage:
  ruydad sources add URL [--name N] [--province P] [--organization O] [--interval 30m]
  ruydad sources list
  ruydad sources remove ID|URL
all take --db FILE (env RUYDAD_DB). URL is a news feed (RSS, Atom, RDF) or a
site page, http or https; the interval is 5m to 24h (default 30m).`

// allowPrivateFlag adds --allow-private-sources (default
// $RUYDAD_ALLOW_PRIVATE_SOURCES) to fs.
func allowPrivateFlag(fs *flag.FlagSet, getenv func(string) string) (*bool, error) {
	def := false
	if v := getenv("RUYDAD_ALLOW_PRIVATE_SOURCES"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return nil, fmt.Errorf("RUYDAD_ALLOW_PRIVATE_SOURCES=%q: want 1 or 0 (true or false)", v)
		}
		def = b
	}
	return fs.Bool("allow-private-sources", def,
		"let news sources and pasted links reach loopback, private, link-local and metadata addresses\n"+
			"(env RUYDAD_ALLOW_PRIVATE_SOURCES=1; default off: only public addresses are fetched)"), nil
}

// runSources adds, lists and removes the news sources an office watches.
func runSources(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, sourcesUsage)
		return errors.New("sources: missing subcommand")
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("sources "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := dbFlag(fs, getenv)
	var s domain.Source
	fs.StringVar(&s.Name, "name", "", "the source's name, as articles name it (e.g. ایرنا همدان)")
	fs.StringVar(&s.Province, "province", "", "the province its articles default to")
	fs.StringVar(&s.Organization, "organization", "", "the organization its articles' events default to")
	fs.DurationVar(&s.Interval, "interval", domain.DefaultSourceInterval, "how often it is polled, 5m to 24h")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	db, err := sqlite.Open(ctx, *path)
	if err != nil {
		return err
	}
	defer db.Close()
	a := app.Over(db, app.Options{Logger: cliLog(stderr)})
	switch {
	case sub == "add" && fs.NArg() == 1:
		s.URL = fs.Arg(0)
		if err := a.AddSource(ctx, &s); err != nil {
			return sourceError(err)
		}
		fmt.Fprintf(stdout, "added source %d: %s, every %v\n", s.ID, s.URL, s.Interval)
		return nil
	case sub == "list" && fs.NArg() == 0:
		list, err := a.Sources(ctx)
		if err != nil {
			return err
		}
		w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "ID\tON\tEVERY\tURL\tNAME\tSTATUS")
		for _, s := range list {
			on := "on"
			if !s.Enabled {
				on = "off"
			}
			fmt.Fprintf(w, "%d\t%s\t%v\t%s\t%s\t%s\n", s.ID, on, s.Interval, s.URL, s.Name, statusLine(s.Status))
		}
		return w.Flush()
	case sub == "remove" && fs.NArg() == 1:
		s, err := sourceNamed(ctx, a, fs.Arg(0))
		if err != nil {
			return err
		}
		if err := a.RemoveSource(ctx, s.ID); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "removed source %d: %s (its articles stay)\n", s.ID, s.URL)
		return nil
	}
	fmt.Fprintln(stderr, sourcesUsage)
	return fmt.Errorf("sources: bad use of %q", sub)
}

// sourceNamed is the source whose ID or URL is arg.
func sourceNamed(ctx context.Context, a *app.App, arg string) (domain.Source, error) {
	var s domain.Source
	var err error
	if id, perr := strconv.ParseInt(arg, 10, 64); perr == nil {
		s, err = a.Source(ctx, id)
	} else {
		s, err = a.SourceByURL(ctx, arg)
	}
	if errors.Is(err, domain.ErrNotFound) {
		return s, fmt.Errorf("sources: no source %s", arg)
	}
	return s, err
}

// sourceError says in English what is wrong with a source.
func sourceError(err error) error {
	var v domain.ValidationError
	if !errors.As(err, &v) {
		return err
	}
	var msgs []string
	for _, e := range v {
		switch e.Code {
		case domain.CodeSourceTaken:
			msgs = append(msgs, "that URL is watched already")
		case domain.CodeIntervalRange:
			msgs = append(msgs, "the interval must be 5m to 24h")
		case domain.CodeURLMissing, domain.CodeURLInvalid, domain.CodeURLScheme:
			msgs = append(msgs, "the URL must be a full http:// or https:// address")
		default:
			msgs = append(msgs, fmt.Sprintf("%s is too long (at most %d characters)", e.Field, e.Max))
		}
	}
	return errors.New("sources: " + strings.Join(msgs, "; "))
}

// statusLine is a source's status in English.
func statusLine(st domain.SourceStatus) string {
	if st.LastFetch.IsZero() {
		return "never fetched"
	}
	t := st.LastFetch.In(jalali.Tehran)
	s := "fetched " + jalali.FromTime(t).String() + " " + t.Format("15:04") + " Tehran: "
	if st.Problem != "" {
		s += "FAILED (" + problemText(st.Problem, st.HTTPStatus) + ")"
		if st.Failures > 1 {
			s += fmt.Sprintf(", %d in a row", st.Failures)
		}
		return s + ", next " + st.NextDue.In(jalali.Tehran).Format("15:04")
	}
	s += fmt.Sprintf("%d new", st.NewItems)
	if st.Skipped > 0 {
		s += fmt.Sprintf(", %d unreadable", st.Skipped)
	}
	return s
}

func problemText(p domain.FetchProblem, status int) string {
	if status != 0 {
		return fmt.Sprintf("%s, HTTP %d", p, status)
	}
	return string(p)
}

// runFetch polls the news sources once, for cron: the due ones, or with
// --all every one switched on. It prints a line a source and fails when
// every source polled failed.
func runFetch(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("fetch", flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := dbFlag(fs, getenv)
	all := fs.Bool("all", false, "poll every source switched on, due or not")
	allowPrivate, err := allowPrivateFlag(fs, getenv)
	if err != nil {
		return fmt.Errorf("fetch: %w", err)
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("fetch: unexpected argument %q", fs.Arg(0))
	}
	f := fetcher(*allowPrivate)
	if f == nil {
		return errors.New("fetch: this build of ruydad cannot fetch news")
	}
	db, err := openDB(ctx, *path, cliLog(stderr))
	if err != nil {
		return err
	}
	defer db.Close()
	a := app.Over(db, app.Options{Logger: cliLog(stderr), Fetcher: f})
	poll := a.FetchDue
	if *all {
		poll = a.FetchAll
	}
	reports, err := poll(ctx)
	if err != nil {
		return fmt.Errorf("fetch: %w", err)
	}
	if len(reports) == 0 {
		fmt.Fprintln(stdout, "no source due (--all polls every source switched on)")
		return nil
	}
	failed := 0
	for _, r := range reports {
		switch {
		case r.Err != nil:
			failed++
			fmt.Fprintf(stdout, "FAIL %d %s: %v\n", r.Source.ID, r.Source.URL, r.Err)
		case r.NotModified:
			fmt.Fprintf(stdout, "ok   %d %s: not modified\n", r.Source.ID, r.Source.URL)
		default:
			fmt.Fprintf(stdout, "ok   %d %s: %d new links, %d new articles, %d unreadable\n", r.Source.ID, r.Source.URL, r.New, r.Articles, r.Skipped)
		}
	}
	if failed == len(reports) {
		return fmt.Errorf("fetch: every source failed (%d)", failed)
	}
	return nil
}

// pollEvery is how often the server looks for sources that are due.
const pollEvery = time.Minute
