package ner

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var (
	flagTrain   = flag.Bool("ner.train", false, "train on the shared data and report eng.testa figures")
	flagData    = flag.String("ner.data", filepath.Join("..", "..", "..", "shared", "data"), "the shared data folder")
	flagOut     = flag.String("ner.out", "", "write the trained model to this file")
	flagDisable = flag.String("ner.disable", "", "feature groups to turn off, comma-separated")
	flagEnable  = flag.String("ner.enable", "", "feature groups to turn on, comma-separated")
	flagEpochs  = flag.Int("ner.epochs", 0, "training epochs (0: default)")
	flagFolds   = flag.Int("ner.folds", 0, "jackknife folds (0: default)")
	flagSeed    = flag.Int64("ner.seed", 0, "shuffling seed (0: default)")
	flagMargin  = flag.Int("ner.margin", 0, "perceptron margin")
	flagMin     = flag.Int("ner.mincount", 0, "feature count cutoff")
	flagDev     = flag.Bool("ner.dev", false, "log eng.testa F1 after each epoch")
	flagTestb   = flag.Bool("ner.testb", false, "also report eng.testb (the final model only)")
	flagClus    = flag.String("ner.clusters", filepath.Join("model", "brown.tsv.gz"), "Brown clusters file")
)

// TestTrainDev trains a model from the shared data with the flags'
// options and reports its figures: the measurement harness behind
// MEASUREMENTS.md. Skipped unless -ner.train is given.
func TestTrainDev(t *testing.T) {
	if !*flagTrain {
		t.Skip("use -ner.train")
	}
	ctx := context.Background()
	opt := TrainOptions{
		DataDir:  *flagData,
		Clusters: *flagClus,
		Epochs:   *flagEpochs,
		Folds:    *flagFolds,
		Seed:     *flagSeed,
		Margin:   int32(*flagMargin),
		MinCount: int32(*flagMin),
		Dev:      *flagDev,
		Log:      os.Stderr,
	}
	if *flagDisable != "" {
		opt.Disable = strings.Split(*flagDisable, ",")
	}
	if *flagEnable != "" {
		opt.Enable = strings.Split(*flagEnable, ",")
	}
	m, err := Train(ctx, opt)
	if err != nil {
		t.Fatal(err)
	}
	if *flagOut != "" {
		f, err := os.Create(*flagOut)
		if err != nil {
			t.Fatal(err)
		}
		if err := m.Save(f); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Stat(*flagOut); err == nil {
			t.Logf("wrote %s: %d bytes", *flagOut, fi.Size())
		}
	}
	files := []string{"eng.testa"}
	if *flagTestb {
		files = append(files, "eng.testb")
	}
	for _, name := range files {
		sc, err := Evaluate(ctx, m, filepath.Join(*flagData, "conll2003", name))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: P %.4f R %.4f F1 %.4f  (%d tokens, %.0f tokens/s)", name, sc.Precision, sc.Recall, sc.F1, sc.Tokens, sc.TokensPerSec)
		for _, ty := range Types {
			s := sc.PerType[ty]
			t.Logf("  %-4s P %.4f R %.4f F1 %.4f", ty, s.Precision, s.Recall, s.F1)
		}
	}
}

var flagEval = flag.Bool("ner.eval", false, "score the shipped model on eng.testa (and eng.testb with -ner.testb)")

// TestEvalShipped reports the shipped model's figures. Skipped unless
// -ner.eval is given.
func TestEvalShipped(t *testing.T) {
	if !*flagEval {
		t.Skip("use -ner.eval")
	}
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	files := []string{"eng.testa"}
	if *flagTestb {
		files = append(files, "eng.testb")
	}
	for _, name := range files {
		sc, err := Evaluate(context.Background(), m, filepath.Join(*flagData, "conll2003", name))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: P %.4f R %.4f F1 %.4f  (%d tokens, %d gold, %d predicted, %.0f tokens/s)", name, sc.Precision, sc.Recall, sc.F1, sc.Tokens, sc.Gold, sc.Predicted, sc.TokensPerSec)
		for _, ty := range Types {
			s := sc.PerType[ty]
			t.Logf("  %-4s P %.4f R %.4f F1 %.4f", ty, s.Precision, s.Recall, s.F1)
		}
	}
}
