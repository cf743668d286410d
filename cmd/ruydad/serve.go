package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/ruydad/ruydad/internal/sqlite"
	"github.com/ruydad/ruydad/internal/web"
)

// config is the settings of serve, from flags and the environment.
type config struct {
	addr    string
	db      string
	private bool
}

const defaultDB = "ruydad.db"

// dbFlag adds --db (default $RUYDAD_DB, else ruydad.db in the working
// directory) to fs.
func dbFlag(fs *flag.FlagSet, getenv func(string) string) *string {
	def := getenv("RUYDAD_DB")
	if def == "" {
		def = defaultDB
	}
	return fs.String("db", def, "SQLite database file (env RUYDAD_DB)")
}

func parseServe(args []string, getenv func(string) string, stderr io.Writer) (config, error) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := getenv("RUYDAD_ADDR")
	if addr == "" {
		addr = ":8080"
	}
	var c config
	fs.StringVar(&c.addr, "addr", addr, "address to listen on (env RUYDAD_ADDR)")
	db := dbFlag(fs, getenv)
	fs.BoolVar(&c.private, "private", getenv("RUYDAD_PRIVATE") == "1" || getenv("RUYDAD_PRIVATE") == "true",
		"private calendar: every page needs a signed-in user (env RUYDAD_PRIVATE=1)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("serve: unexpected argument %q", fs.Arg(0))
	}
	c.db = *db
	return c, nil
}

// openDB opens the database and brings its occasions up to the built-in
// catalogue (all of it on first use; on an upgrade, what it lacks, leaving
// what a person edited or deleted as it is).
func openDB(ctx context.Context, path string, log *slog.Logger) (*sqlite.DB, error) {
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	cat, err := catalogue()
	if err != nil {
		db.Close()
		return nil, err
	}
	rep, err := db.SeedOccasions(ctx, cat)
	if err != nil {
		db.Close()
		return nil, err
	}
	if rep.Added+rep.Updated+rep.Kept > 0 {
		log.Info("brought the occasions up to the built-in catalogue", "added", rep.Added, "updated", rep.Updated,
			"already_there", rep.Kept)
	}
	return db, nil
}

func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, err := parseServe(args, getenv, stderr)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	db, a, err := open(ctx, cfg.db, log)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := seedArticles(ctx, db, a, log); err != nil {
		return err
	}

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	srv := &http.Server{
		Handler:           web.New(a, web.Config{Logger: log, Private: cfg.private}),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	log.Info("serving", "addr", ln.Addr().String(), "db", cfg.db)
	fmt.Fprintf(stdout, "ruydad: serving on http://%s (database %s)\n", displayAddr(ln.Addr()), cfg.db)

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	return nil
}

// displayAddr turns a wildcard listen address into one a browser can open.
func displayAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || tcp.IP.IsUnspecified() {
		if ok {
			return fmt.Sprintf("localhost:%d", tcp.Port)
		}
	}
	return a.String()
}

func runMigrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := dbFlag(fs, getenv)
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := openDB(ctx, *path, slog.New(slog.NewTextHandler(stderr, nil)))
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(stdout, "ruydad: %s is up to date\n", *path)
	return nil
}
