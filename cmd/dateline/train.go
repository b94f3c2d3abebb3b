package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/dateline-news/dateline/internal/clean"
	"github.com/dateline-news/dateline/internal/eval"
)

func runTrain(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", defaultData, "folder holding the public datasets")
	out := fs.String("out", "", "where to write the model (default: the shipped model's path in this checkout)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: dateline train TASK [--data DIR] [--out FILE]\n\nTASK: cleaner (the line model, from the article-extraction-benchmark)\n\nFlags:")
		fs.PrintDefaults()
	}
	task, rest := "", args
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		task, rest = args[0], args[1:]
	}
	if err := fs.Parse(rest); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return errUsage
	}
	switch task {
	case "cleaner":
		pages, err := eval.LoadExtraction(ctx, filepath.Join(*data, "article-extraction-benchmark"))
		if err != nil {
			return err
		}
		m := clean.TrainLineModel(eval.CleanerTrainingDocs(pages))
		b, err := json.Marshal(m)
		if err != nil {
			return err
		}
		path := *out
		if path == "" {
			path = filepath.Join("internal", "clean", "model", "lines.json")
		}
		if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
			return fmt.Errorf("write model: %w", err)
		}
		fmt.Fprintf(stdout, "trained the line model on %d pages; wrote %s (%d bytes)\n", len(pages), path, len(b)+1)
		return nil
	default:
		fs.Usage()
		return errUsage
	}
}
