package eval

import (
	"bytes"
	"context"
	"fmt"
	"hash/fnv"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"time"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"

	"github.com/dateline-news/dateline/internal/clean"
	"github.com/dateline-news/dateline/internal/ingest"
)

// ExtractionFolds is the number of cross-validation folds. Pages are
// assigned to folds by host, so a page is never scored by a model trained
// on another page of its own site.
const ExtractionFolds = 10

// CleanerTrainingDocs turns benchmark pages into the line model's training
// data: each page's naive text dump with line labels from its truth.
func CleanerTrainingDocs(pages []ExtractionPage) []clean.TrainDoc {
	docs := make([]clean.TrainDoc, len(pages))
	for i, p := range pages {
		lines := dumpLines(p.HTML)
		docs[i] = clean.TrainDoc{Lines: lines, Labels: LineLabels(lines, p.Truth)}
	}
	return docs
}

func dumpLines(b []byte) []string {
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return nil
	}
	return clean.VisibleLines(doc)
}

func HostFold(rawURL string, k int) int {
	host := rawURL
	if u, err := url.Parse(rawURL); err == nil {
		host = u.Hostname()
	}
	h := fnv.New32a()
	h.Write([]byte(strings.TrimPrefix(host, "www.")))
	return int(h.Sum32() % uint32(k))
}

// RunExtraction scores dateline's cleaning on the benchmark. mode "html"
// cleans each page's HTML; mode "text" cleans the page's naive text dump,
// which measures the text cleaner alone. Either way each page is cleaned
// by a line model trained, by host-grouped cross-validation, on the other
// folds only. The same run scores go-trafilatura alone on the HTML.
func RunExtraction(ctx context.Context, dir, mode string, lang func(string) string) (*ExtractionResult, error) {
	if mode != "html" && mode != "text" {
		return nil, fmt.Errorf("eval extraction: unknown mode %q", mode)
	}
	start := time.Now()
	pages, err := LoadExtraction(ctx, dir)
	if err != nil {
		return nil, err
	}
	docs := CleanerTrainingDocs(pages)
	folds := make([]int, len(pages))
	for i, p := range pages {
		folds[i] = HostFold(p.URL, ExtractionFolds)
	}
	preds := make([]string, len(pages))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	errs := make([]error, ExtractionFolds)
	for k := 0; k < ExtractionFolds; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			var train []clean.TrainDoc
			for i := range docs {
				if folds[i] != k {
					train = append(train, docs[i])
				}
			}
			c, err := clean.New(clean.TrainLineModel(train))
			if err != nil {
				errs[k] = err
				return
			}
			c.LangDetect = lang
			for i, p := range pages {
				if folds[i] != k || ctx.Err() != nil {
					continue
				}
				page := ingest.Page{Source: p.ID, URL: p.URL, Format: ingest.HTML, Body: p.HTML}
				if mode == "text" {
					page = ingest.Page{Source: p.ID, Format: ingest.Text, Body: []byte(strings.Join(docs[i].Lines, "\n"))}
				}
				a, err := c.Clean(ctx, page)
				if err == nil {
					preds[i] = strings.Join(a.Paragraphs, "\n")
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	res := &ExtractionResult{Task: "extraction", Mode: mode, N: len(pages), Folds: ExtractionFolds}
	var ours, base, all []PageScore
	for i, p := range pages {
		ours = append(ours, ShingleMatch(p.Truth, preds[i]))
		base = append(base, ShingleMatch(p.Truth, TrafilaturaText(p.HTML, p.URL)))
		if mode == "text" {
			all = append(all, ShingleMatch(p.Truth, strings.Join(docs[i].Lines, "\n")))
		}
	}
	res.Precision, res.Recall, res.F1 = Aggregate(ours)
	res.BaselinePrecision, res.BaselineRecall, res.BaselineF1 = Aggregate(base)
	if mode == "text" {
		_, _, res.KeepAllF1 = Aggregate(all)
	}
	res.Seconds = time.Since(start).Seconds()
	return res, nil
}

// TrafilaturaText is go-trafilatura alone, as the benchmark ran it:
// default focus, no fallback extractors, comments excluded.
func TrafilaturaText(page []byte, pageURL string) string {
	opts := trafilatura.Options{ExcludeComments: true, HtmlDateMode: trafilatura.Disabled}
	if u, err := url.Parse(pageURL); err == nil && pageURL != "" {
		opts.OriginalURL = u
	}
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return ""
	}
	res, err := trafilatura.ExtractDocument(doc, opts)
	if err != nil || res == nil {
		return ""
	}
	return res.ContentText
}
