package eval

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/dateline-news/dateline/internal/quote"
)

var (
	quotesTrain  = flag.Bool("quotes.train", false, "train the quote tagger on PolNeAR train and score dev after each epoch")
	quotesEpochs = flag.Int("quotes.epochs", 0, "epochs (0: the default)")
	quotesOut    = flag.String("quotes.out", "", "write the trained model here")
	quotesNoEnt  = flag.Bool("quotes.noent", false, "train without entity features")
	quotesSplit  = flag.String("quotes.split", "dev", "split to score")
)

const quotesData = "../../../shared/data"

func (r QuotesResult) line() string {
	f := func(q QuotesFigures) string {
		return fmt.Sprintf("att P %.4f R %.4f F1 %.4f | src %.4f cue %.4f con %.4f ovl %.4f (n %d, pred %d)",
			q.Precision, q.Recall, q.F1, q.SourceExactF1, q.CueF1, q.ContentExactF1, q.ContentOverlapF1, q.N, q.Predicted)
	}
	return f(r.QuotesFigures) + "\n    marks:    " + f(r.WithMarks) + "\n    no marks: " + f(r.WithoutMarks)
}

// TestQuotesTrainDev is the development harness:
//
//	go test ./internal/eval -run TestQuotesTrainDev -quotes.train -v
func TestQuotesTrainDev(t *testing.T) {
	if !*quotesTrain {
		t.Skip("-quotes.train not set")
	}
	ctx := context.Background()
	dev, err := quote.LoadPolNeAR(ctx, quote.PolNeARDir(quotesData), *quotesSplit)
	if err != nil {
		t.Fatal(err)
	}
	score := func(m *quote.Model) string {
		r, err := ScoreQuotes(ctx, quote.New(m).FindSpans, dev)
		if err != nil {
			t.Fatal(err)
		}
		return r.line()
	}
	m, err := quote.TrainWith(ctx, quote.TrainOptions{
		DataDir: quotesData, Log: os.Stderr, Epochs: *quotesEpochs,
		NoEntities: *quotesNoEnt, Dev: score,
	})
	if err != nil {
		t.Fatal(err)
	}
	_ = m
	if *quotesOut != "" {
		_ = filepath.Dir(*quotesOut)
	}
}
