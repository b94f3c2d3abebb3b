package eval

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
)

// ExtractionPage is one page of the article-extraction-benchmark: its
// HTML and the article body a person marked as the truth.
type ExtractionPage struct {
	ID    string
	URL   string
	HTML  []byte
	Truth string
}

// LoadExtraction reads the benchmark from dir (the folder holding
// ground-truth.json and html/), pages sorted by id so that every run and
// every cross-validation fold sees them in one order.
func LoadExtraction(ctx context.Context, dir string) ([]ExtractionPage, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, fmt.Errorf("read extraction benchmark: %w", err)
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		return nil, fmt.Errorf("parse %s: %w", filepath.Join(dir, "ground-truth.json"), err)
	}
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	pages := make([]ExtractionPage, 0, len(ids))
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		name := filepath.Join(dir, "html", id+".html.gz")
		b, err := readGzip(name)
		if err != nil {
			return nil, err
		}
		pages = append(pages, ExtractionPage{ID: id, URL: truth[id].URL, HTML: b, Truth: truth[id].ArticleBody})
	}
	return pages, nil
}

func readGzip(name string) ([]byte, error) {
	raw, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return b, nil
}

// ExtractionResult is the outcome of `dateline eval extraction`.
type ExtractionResult struct {
	Task              string  `json:"task"`
	Mode              string  `json:"mode"`
	N                 int     `json:"n"`
	Precision         float64 `json:"precision"`
	Recall            float64 `json:"recall"`
	F1                float64 `json:"f1"`
	BaselinePrecision float64 `json:"baseline_precision"`
	BaselineRecall    float64 `json:"baseline_recall"`
	BaselineF1        float64 `json:"baseline_f1"`
	// KeepAllF1 scores the page text uncleaned (text mode): the floor.
	KeepAllF1 float64 `json:"keep_all_f1,omitempty"`
	Folds     int     `json:"folds"`
	Seconds   float64 `json:"seconds"`
}
