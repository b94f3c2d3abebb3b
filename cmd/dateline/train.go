package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/dateline-news/dateline/internal/brown"
	"github.com/dateline-news/dateline/internal/clean"
	"github.com/dateline-news/dateline/internal/eval"
	"github.com/dateline-news/dateline/internal/ner"
	"github.com/dateline-news/dateline/internal/quote"
)

// nerModelFile is the shipped recognizer's file under internal/ner/model.
const nerModelFile = "ner.bin.gz"

func runTrain(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", defaultData, "folder holding the public datasets")
	out := fs.String("out", "", "where to write the model (default: the shipped model's path in this checkout)")
	setUsage(fs, stderr, "Usage: dateline train TASK [--data DIR] [--out FILE]\n\nTASK: cleaner (the line model, from the article-extraction-benchmark),\n      ner (the entity recognizer, from CoNLL-2003 eng.train, tuned on eng.testa),\n      quotes (the attribution tagger, from PolNeAR train, tuned on dev),\n      clusters (the word clusters the recognizer reads, from unlabeled news text)\n\nFlags:")
	task, rest := "", args
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		task, rest = args[0], args[1:]
	}
	if done, err := parseOutcome(fs.Parse(rest)); done || err != nil {
		return err
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
	case "ner":
		path := *out
		if path == "" {
			path = filepath.Join("internal", "ner", "model", nerModelFile)
		}
		m, err := ner.Train(ctx, ner.TrainOptions{DataDir: *data, Log: stderr})
		if err != nil {
			return err
		}
		return writeFile(path, m.Save, stdout, "the entity recognizer")
	case "quotes":
		path := *out
		if path == "" {
			path = filepath.Join("internal", "quote", "model", "quote.bin.gz")
		}
		m, err := quote.Train(ctx, *data, stderr)
		if err != nil {
			return err
		}
		return writeFile(path, m.Save, stdout, "the quote model")
	case "clusters":
		path := *out
		if path == "" {
			path = filepath.Join("internal", "ner", "model", "brown.tsv.gz")
		}
		sents, err := brown.CorpusLog(ctx, *data, stderr)
		if err != nil {
			return err
		}
		r, err := brown.Cluster(ctx, sents, brown.Options{DataDir: *data, Log: stderr})
		if err != nil {
			return err
		}
		return writeFile(path, r.WriteGzipTSV, stdout, "the word clusters")
	default:
		fs.Usage()
		return errUsage
	}
}

// writeFile writes a model through a temporary file, so that a failed
// run never leaves a half-written model where the build embeds it.
func writeFile(path string, write func(io.Writer) error, stdout io.Writer, what string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".train-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "trained %s; wrote %s (%d bytes)\n", what, path, st.Size())
	return nil
}
