// Command dateline turns raw news pages into clean, structured articles.
//
// Usage:
//
//	dateline extract [flags] INPUT...
//	dateline ingest [--db DIR] [flags] INPUT...
//	dateline search [--db DIR] [flags] QUERY
//	dateline serve [--db DIR] [--addr HOST:PORT]
//	dateline demo [--addr HOST:PORT] [--db DIR]
//	dateline eval TASK [--data DIR] [--json]
//	dateline train TASK [--data DIR] [--out FILE]
//	dateline bench [flags]
//
// See docs/cli.md for every flag.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// errUsage marks a command line dateline cannot act on: exit status 2.
var errUsage = errors.New("usage")

// errSomeFailed marks a run where some inputs failed and the rest were
// processed: exit status 1, as the contract says.
var errSomeFailed = errors.New("some inputs failed")

type command struct {
	name, summary string
	run           func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

var commands = []command{
	{"extract", "clean raw pages into articles (JSON Lines on stdout)", runExtract},
	{"ingest", "extract, annotate and store articles in a knowledge base", runIngest},
	{"search", "full-text search of a knowledge base from the terminal", runSearch},
	{"serve", "serve a knowledge base: JSON API and web UI", runServe},
	{"demo", "ingest the bundled corpus into a fresh store and serve it", runDemo},
	{"eval", "score a component on its public dataset", runEval},
	{"train", "rebuild a shipped model from its public training data", runTrain},
	{"bench", "measure whole-pipeline throughput and memory", runBench},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, args[1:], stdout, stderr)
		switch {
		case err == nil:
			return 0
		case errors.Is(err, errUsage):
			return 2
		case errors.Is(err, errSomeFailed):
			return 1
		default:
			fmt.Fprintf(stderr, "dateline %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "dateline: unknown command %q\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "dateline: news pages in, clean structured articles out\n\nUsage: dateline COMMAND [flags] [args]\n\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'dateline COMMAND -h' for a command's flags.")
}

// setUsage makes fs print text, then its flags' defaults, on stderr.
func setUsage(fs *flag.FlagSet, stderr io.Writer, text string) {
	fs.Usage = func() {
		fmt.Fprintln(stderr, text)
		fs.PrintDefaults()
	}
}

// parseOutcome turns what parsing a command's flags returned into what
// the command does next: done when the user asked for help (the flag
// package has printed it), errUsage for a bad flag (it has printed why).
func parseOutcome(err error) (done bool, cmdErr error) {
	switch {
	case err == nil:
		return false, nil
	case errors.Is(err, flag.ErrHelp):
		return true, nil
	}
	return false, errUsage
}
