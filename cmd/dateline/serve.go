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
	"os"
	"time"

	"github.com/dateline-news/dateline/internal/server"
	"github.com/dateline-news/dateline/internal/store"
)

// defaultAddr listens on loopback only: exposing the server is a choice
// the user makes with --addr.
const defaultAddr = "127.0.0.1:8080"

// shutdownGrace is how long requests in flight get to finish once the
// server is told to stop.
const shutdownGrace = 10 * time.Second

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "the store: a folder (default $"+store.EnvDB+", else ./"+store.DefaultDir+")")
	addr := fs.String("addr", defaultAddr, "listen on HOST:PORT (port 0: any free port)")
	setUsage(fs, stderr, `Usage: dateline serve [flags]

Serves the store read-only: the JSON API under /api/ and the web UI at /.
Requests log to stderr. Stop it with Ctrl-C (SIGINT) or SIGTERM: requests in
flight get 10 s to finish. Writes (any method but GET and HEAD) are refused
unless $`+server.EnvToken+` is set, and then need "Authorization: Bearer TOKEN".

Flags:`)
	if done, err := parseOutcome(fs.Parse(args)); done || err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	loc := store.Location(*db, os.Getenv)
	st, err := store.Open(ctx, loc, store.Options{MustExist: true})
	if errors.Is(err, store.ErrNoStore) {
		return fmt.Errorf("no store at %s: run 'dateline ingest --db %s INPUT...' first, or set --db or $%s", loc, loc, store.EnvDB)
	}
	if err != nil {
		return err
	}
	defer st.Close()
	return serve(ctx, st, *addr, stdout, stderr)
}

// serve answers HTTP on addr until ctx is done (SIGINT or SIGTERM), then
// shuts down gracefully. It prints the server's address on stdout once it
// listens, so that a script can read it.
func serve(ctx context.Context, st server.Store, addr string, stdout, stderr io.Writer) error {
	log := slog.New(slog.NewTextHandler(stderr, nil))
	h, err := server.New(st, server.Options{Token: os.Getenv(server.EnvToken), Logger: log})
	if err != nil {
		return err
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("%w (choose another address with --addr; port 0 takes any free one)", err)
	}
	srv := server.NewHTTPServer(addr, h, log)
	fmt.Fprintf(stdout, "dateline: serving %d articles at http://%s/\n", stats.Articles, ln.Addr())

	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	fmt.Fprintln(stderr, "dateline: stopped")
	return nil
}
