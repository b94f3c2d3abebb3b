package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"github.com/dateline-news/dateline/internal/eval"
	"github.com/dateline-news/dateline/internal/lang"
)

// defaultData is where the public datasets live beside a checkout.
const defaultData = "../shared/data"

func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", defaultData, "folder holding the public datasets")
	asJSON := fs.Bool("json", false, "print one JSON object")
	textMode := fs.Bool("text", false, "extraction: clean each page's naive text dump instead of its HTML")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: dateline eval TASK [--data DIR] [--json]\n\nTASK: extraction\n\nFlags:")
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
	if task == "" && fs.NArg() > 0 {
		task = fs.Arg(0)
	}
	switch task {
	case "extraction":
		mode := "html"
		if *textMode {
			mode = "text"
		}
		res, err := eval.RunExtraction(ctx, filepath.Join(*data, "article-extraction-benchmark"), mode, lang.Detect)
		if err != nil {
			return err
		}
		if *asJSON {
			return json.NewEncoder(stdout).Encode(res)
		}
		fmt.Fprintf(stdout, "extraction (%s mode, %d pages, %d-fold cross-validation by host)\n", res.Mode, res.N, res.Folds)
		fmt.Fprintf(stdout, "  dateline        P %.4f  R %.4f  F1 %.4f\n", res.Precision, res.Recall, res.F1)
		fmt.Fprintf(stdout, "  go-trafilatura  P %.4f  R %.4f  F1 %.4f\n", res.BaselinePrecision, res.BaselineRecall, res.BaselineF1)
		if res.Mode == "text" {
			fmt.Fprintf(stdout, "  keep every line                  F1 %.4f\n", res.KeepAllF1)
		}
		fmt.Fprintf(stdout, "  %.1f s\n", res.Seconds)
		return nil
	case "":
		fs.Usage()
		return errUsage
	default:
		fmt.Fprintf(stderr, "dateline eval: unknown task %q (have: extraction)\n", task)
		return errUsage
	}
}
