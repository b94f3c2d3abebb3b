package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/dateline-news/dateline/internal/eval"
	"github.com/dateline-news/dateline/internal/lang"
	"github.com/dateline-news/dateline/internal/ner"
	"github.com/dateline-news/dateline/internal/quote"
	"github.com/dateline-news/dateline/internal/story"
)

// defaultData is where the public datasets live beside a checkout.
const defaultData = "../shared/data"

func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", defaultData, "folder holding the public datasets")
	asJSON := fs.Bool("json", false, "print one JSON object")
	textMode := fs.Bool("text", false, "extraction: clean each page's naive text dump instead of its HTML")
	modelFile := fs.String("model", "", "quotes: score this model file instead of the shipped one")
	split := fs.String("split", "", "ner: the CoNLL-2003 file (eng.testb, the default, to report; eng.testa to tune); quotes: test (default) or dev; time: te3-platinum (default) or TBAQ-cleaned; stories: test (default, the even ECB+ topics), dev (the odd ones, on which the defaults were chosen) or all")
	setUsage(fs, stderr, "Usage: dateline eval TASK [--data DIR] [--json]\n\nTASK: extraction, ner, quotes, time, stories, dedup\n\nFlags:")
	task, rest := "", args
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		task, rest = args[0], args[1:]
	}
	if done, err := parseOutcome(fs.Parse(rest)); done || err != nil {
		return err
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
	case "ner":
		m, err := ner.Default()
		if err != nil {
			return fmt.Errorf("load the entity model: %w", err)
		}
		res, err := eval.RunNER(ctx, m, *data, orDefault(*split, "eng.testb"))
		if err != nil {
			return err
		}
		if *asJSON {
			return json.NewEncoder(stdout).Encode(res)
		}
		fmt.Fprintf(stdout, "ner (CoNLL-2003 %s: %d documents, %d tokens, %d entities; conlleval exact span and type)\n", res.Split, res.Documents, res.Tokens, res.N)
		fmt.Fprintf(stdout, "  dateline  P %.4f  R %.4f  F1 %.4f  %.0f tokens/s\n", res.Precision, res.Recall, res.F1, res.TokensPerSec)
		for _, t := range []string{"PER", "ORG", "LOC", "MISC"} {
			x := res.PerType[t]
			fmt.Fprintf(stdout, "    %-4s    P %.4f  R %.4f  F1 %.4f\n", t, x.Precision, x.Recall, x.F1)
		}
		fmt.Fprintf(stdout, "  prose     P %.4f  R %.4f  F1 %.4f  %.0f tokens/s (PER and LOC; gold MISC left out)\n", res.ProsePrecision, res.ProseRecall, res.ProseF1, res.ProseTokensPerSec)
		fmt.Fprintf(stdout, "  %.1f s\n", res.Seconds)
		return nil
	case "quotes":
		var res eval.QuotesResult
		var err error
		if *modelFile != "" {
			res, err = evalQuoteModel(ctx, *modelFile, *data, orDefault(*split, "test"))
		} else {
			res, err = eval.RunQuotes(ctx, *data, orDefault(*split, "test"))
		}
		if err != nil {
			return err
		}
		if *asJSON {
			return json.NewEncoder(stdout).Encode(res)
		}
		fmt.Fprintf(stdout, "quotes (PolNeAR %s: %d documents, %d attributions; exact spans, content overlap = half the gold tokens covered)\n", res.Split, res.N, res.Attributions)
		fmt.Fprintf(stdout, "  %-22s %8s %8s %8s %8s %8s %8s %8s\n", "", "attr P", "attr R", "attr F1", "source", "cue", "content", "overlap")
		for _, g := range []struct {
			name string
			f    eval.QuotesFigures
		}{{"all", res.QuotesFigures}, {"with quotation marks", res.WithMarks}, {"without marks", res.WithoutMarks}} {
			fmt.Fprintf(stdout, "  %-22s %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f\n", g.name, g.f.Precision, g.f.Recall, g.f.F1, g.f.SourceExactF1, g.f.CueF1, g.f.ContentExactF1, g.f.ContentOverlapF1)
		}
		fmt.Fprintf(stdout, "  %.0f tokens/s finding; %.1f s\n", res.TokensPerSec, res.Seconds)
		return nil
	case "time":
		res, err := eval.RunTime(ctx, *data, orDefault(*split, "te3-platinum"))
		if err != nil {
			return err
		}
		if *asJSON {
			return json.NewEncoder(stdout).Encode(res)
		}
		fmt.Fprintf(stdout, "time (TempEval-3 %s: %d documents, %d gold and %d found time expressions)\n", res.Split, res.N, res.Gold, res.System)
		fmt.Fprintf(stdout, "  strict   P %.4f  R %.4f  F1 %.4f\n", res.StrictPrecision, res.StrictRecall, res.StrictF1)
		fmt.Fprintf(stdout, "  relaxed  P %.4f  R %.4f  F1 %.4f\n", res.RelaxedPrecision, res.RelaxedRecall, res.RelaxedF1)
		fmt.Fprintf(stdout, "  value    F1 %.4f (accuracy %.4f over relaxed matches)\n", res.ValueF1, res.ValueAccuracy)
		fmt.Fprintf(stdout, "  type     F1 %.4f (accuracy %.4f)\n", res.TypeF1, res.TypeAccuracy)
		fmt.Fprintf(stdout, "  %.0f tokens/s tagging; %.1f s\n", res.TokensPerSec, res.Seconds)
		return nil
	case "stories":
		res, err := eval.RunStories(ctx, *data, orDefault(*split, "test"), story.Options{})
		if err != nil {
			return err
		}
		if *asJSON {
			return json.NewEncoder(stdout).Encode(res)
		}
		fmt.Fprintf(stdout, "stories (ECB+ %s topics: %d documents, %d topics, %d events; online clustering in %d arrival orders, mean)\n", res.Split, res.N, res.Topics, res.Events, res.Orders)
		fmt.Fprintf(stdout, "  dateline  event B³ P %.4f  R %.4f  F1 %.4f (worst order %.4f)  pairwise F1 %.4f  topic B³ F1 %.4f  %.1f stories\n",
			res.BCubedPrecision, res.BCubedRecall, res.BCubedF1, res.BCubedF1Min, res.PairwiseF1, res.TopicBCubedF1, res.Clusters)
		fmt.Fprintf(stdout, "  baseline  event B³ F1 %.4f  pairwise F1 %.4f (TF-IDF, average link, threshold %.2f chosen on these answers)\n",
			res.BaselineBCubedF1, res.BaselinePairF1, res.BaselineThreshold)
		fmt.Fprintf(stdout, "  %.0f articles/s clustering; %.1f s\n", res.ArticlesPerSec, res.Seconds)
		return nil
	case "dedup":
		res, err := eval.RunDedup(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			return json.NewEncoder(stdout).Encode(res)
		}
		fmt.Fprintf(stdout, "dedup (perturbation set from the bundled Wikinews corpus: %d articles from %d sources; pairwise)\n", res.N, res.Sources)
		fmt.Fprintf(stdout, "  P %.4f  R %.4f  F1 %.4f  %d groups\n", res.Precision, res.Recall, res.F1, res.Groups)
		kinds := make([]string, 0, len(res.PerturbationRecall))
		for k := range res.PerturbationRecall {
			kinds = append(kinds, k)
		}
		slices.Sort(kinds)
		for _, k := range kinds {
			fmt.Fprintf(stdout, "    recall %-22s %.4f\n", k, res.PerturbationRecall[k])
		}
		fmt.Fprintf(stdout, "  most similar distinct pairs merged: %d of %d; template variants merged: %d of %d\n", res.SimilarMerged, res.Similar, res.TemplateMerged, res.Template)
		fmt.Fprintf(stdout, "  %.0f articles/s signing and indexing; %.0f bytes per article; %.1f s\n", res.ArticlesPerSec, res.BytesPerArticle, res.Seconds)
		return nil
	case "":
		fs.Usage()
		return errUsage
	default:
		fmt.Fprintf(stderr, "dateline eval: unknown task %q (have: extraction, ner, quotes, time, stories, dedup)\n", task)
		return errUsage
	}
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// evalQuoteModel is eval.RunQuotes with the quote model read from path
// (a candidate from `dateline train quotes --out`) instead of the shipped
// one.
func evalQuoteModel(ctx context.Context, path, dataDir, split string) (eval.QuotesResult, error) {
	start := time.Now()
	f, err := os.Open(path)
	if err != nil {
		return eval.QuotesResult{}, err
	}
	m, err := quote.Load(f)
	f.Close()
	if err != nil {
		return eval.QuotesResult{}, fmt.Errorf("%s: %w", path, err)
	}
	docs, err := quote.LoadPolNeAR(ctx, quote.PolNeARDir(dataDir), split)
	if err != nil {
		return eval.QuotesResult{}, err
	}
	r, err := eval.ScoreQuotes(ctx, quote.New(m).FindSpans, docs)
	if err != nil {
		return r, err
	}
	r.Split = split
	r.Seconds = time.Since(start).Seconds()
	return r, nil
}
