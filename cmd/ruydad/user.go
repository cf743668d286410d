package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/sqlite"
	"github.com/ruydad/ruydad/views"
)

const userUsage = `usage:
  ruydad user add NAME --role viewer|editor|admin   (password from a prompt, or stdin)
  ruydad user passwd NAME                           (new password from a prompt, or stdin)
  ruydad user role NAME viewer|editor|admin [--force]
  ruydad user delete NAME [--force]
  ruydad user list
  ruydad user feed-reset NAME                       (revoke NAME's private feed URL, print a new one)
all take --db FILE (env RUYDAD_DB). role and delete refuse to leave no
administrator unless --force.`

// runUser manages accounts. Passwords are never taken from flags: they
// come from a prompt on a terminal, or from the first line of stdin.
func runUser(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, userUsage)
		return errors.New("user: missing subcommand")
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("user "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := dbFlag(fs, getenv)
	role := fs.String("role", "", "role of the new user: viewer, editor or admin")
	force := fs.Bool("force", false, "let role and delete remove the last administrator")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	// NAME, then the subcommand's own arguments (a role); flags anywhere.
	name, more := "", fs.Args()
	if len(more) > 0 {
		name, more = more[0], more[1:]
	}
	db, err := sqlite.Open(ctx, *path)
	if err != nil {
		return err
	}
	defer db.Close()
	a := app.Over(db, app.Options{Logger: cliLog(stderr)})
	switch sub {
	case "add":
		if name == "" || *role == "" || len(more) > 0 {
			return errors.New("usage: ruydad user add NAME --role viewer|editor|admin")
		}
		pw, err := readPassword(stdin, stderr, "Password for "+name+": ")
		if err != nil {
			return err
		}
		u, err := a.CreateUser(ctx, name, domain.Role(*role), pw)
		if err != nil {
			return userError(err)
		}
		fmt.Fprintf(stdout, "added %s (%s)\n", u.Name, u.Role)
		return nil
	case "passwd":
		u, err := namedUser(ctx, db, name, len(more) == 0)
		if err != nil {
			return err
		}
		pw, err := readPassword(stdin, stderr, "New password for "+u.Name+": ")
		if err != nil {
			return err
		}
		if err := a.SetPassword(ctx, u.ID, pw); err != nil {
			return userError(err)
		}
		fmt.Fprintf(stdout, "password of %s changed; its sessions ended\n", u.Name)
		return nil
	case "role":
		u, err := namedUser(ctx, db, name, len(more) == 1)
		if err != nil {
			return err
		}
		r := domain.Role(more[0])
		if !r.Valid() {
			return errors.New("user: the role must be viewer, editor or admin")
		}
		if err := a.SetUserRole(ctx, u.ID, r, *force); err != nil {
			return userError(err)
		}
		fmt.Fprintf(stdout, "%s is now %s\n", u.Name, more[0])
		return nil
	case "delete":
		u, err := namedUser(ctx, db, name, len(more) == 0)
		if err != nil {
			return err
		}
		if err := a.DeleteUser(ctx, u.ID, *force); err != nil {
			return userError(err)
		}
		fmt.Fprintf(stdout, "deleted %s\n", u.Name)
		return nil
	case "feed-reset":
		u, err := namedUser(ctx, db, name, len(more) == 0)
		if err != nil {
			return err
		}
		token, err := db.ResetFeedToken(ctx, u.ID)
		if err != nil {
			return err
		}
		// Only the token's hash is stored: this is the one time it is seen.
		fmt.Fprintf(stdout, "%s has a new private feed URL; the old one no longer works. It is shown only this once:\n"+
			"  %s   (after the server's public URL, e.g. https://cal.example.ir%[2]s)\n", u.Name, views.UserFeedURL(token))
		return nil
	case "list":
		users, err := db.Users(ctx)
		if err != nil {
			return err
		}
		for _, u := range users {
			fmt.Fprintf(stdout, "%s\t%s\n", u.Name, u.Role)
		}
		return nil
	}
	fmt.Fprintln(stderr, userUsage)
	return fmt.Errorf("user: unknown subcommand %q", sub)
}

func namedUser(ctx context.Context, db *sqlite.DB, name string, argsOK bool) (domain.User, error) {
	if name == "" || !argsOK {
		return domain.User{}, errors.New(userUsage)
	}
	u, err := db.UserByName(ctx, name)
	if errors.Is(err, domain.ErrNotFound) {
		return u, fmt.Errorf("user: no user called %q", name)
	}
	return u, err
}

// userError turns a validation error into an English command-line error,
// a sentence for each field at fault.
func userError(err error) error {
	var v domain.ValidationError
	switch {
	case errors.As(err, &v):
		var msgs []string
		for _, e := range v {
			if e.Code == domain.CodeUserNameMixedScripts {
				msgs = append(msgs, "the name must be written in one script (all Persian or all Latin letters, with digits, '.', '-', '_'), without look-alike letters (Cyrillic in Latin, Arabic ي ك, full-width forms)")
				continue
			}
			msgs = append(msgs, map[domain.Field]string{
				domain.FieldName:     "the name must be 2 to 40 letters, digits, '.', '-' or '_'",
				domain.FieldRole:     "the role must be viewer, editor or admin",
				domain.FieldPassword: fmt.Sprintf("the password must be at least %d characters", domain.MinPassword),
			}[e.Field])
		}
		return errors.New("user: " + strings.Join(msgs, "; "))
	case errors.Is(err, domain.ErrConflict):
		return errors.New("user: that name is taken")
	case errors.Is(err, domain.ErrLastAdmin):
		return errors.New("user: that is the last administrator; make another user admin first, or give --force")
	}
	return err
}

// readPassword asks twice on a terminal (without echo), or reads one line
// of stdin when it is not a terminal.
func readPassword(stdin io.Reader, stderr io.Writer, prompt string) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stderr, prompt)
		a, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
		fmt.Fprint(stderr, "Again: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
		if string(a) != string(b) {
			return "", errors.New("the passwords differ")
		}
		return string(a), nil
	}
	if stdin == nil {
		return "", errors.New("no password: give it on standard input")
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read password: %w", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", errors.New("no password on standard input")
	}
	return line, nil
}
