package eval

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/jdkato/prose/v2"

	"github.com/dateline-news/dateline/internal/ner"
)

// ProseResult is github.com/jdkato/prose/v2 on a CoNLL file, scored as
// conlleval does over the types prose knows.
type ProseResult struct {
	Scores       ner.Scores
	Tokens       int
	TokensPerSec float64
}

// ProseNER tags every sentence of docs with prose (tokenisation, tagging
// and extraction, as its users run it; no segmentation, the sentences are
// given) and scores its entities against the gold spans.
//
// prose labels PERSON and GPE only; they are scored as PER and LOC. Gold
// MISC spans are left out of the count, since prose has no such type and
// cannot be blamed for them; ORG spans stay in (prose tags organisations
// as GPE or PERSON, and a user asking for organisations gets none). This
// is how the issue measured prose's 49 F1 "MISC ignored".
func ProseNER(ctx context.Context, docs []ner.Document) (ProseResult, error) {
	var tally ner.Tally
	var r ProseResult
	start := time.Now()
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return r, err
		}
		for _, s := range d.Sentences {
			r.Tokens += len(s.Tokens)
			pred, err := proseSpans(s.Tokens)
			if err != nil {
				return r, err
			}
			var gold []ner.Span
			for _, g := range s.Spans {
				if g.Type != "MISC" {
					gold = append(gold, g)
				}
			}
			tally.Add(gold, pred)
		}
	}
	if secs := time.Since(start).Seconds(); secs > 0 {
		r.TokensPerSec = float64(r.Tokens) / secs
	}
	r.Scores = tally.Scores()
	return r, nil
}

// proseSpans runs prose on one sentence and maps its entities back to
// the sentence's tokens. prose tokenises the joined text its own way, so
// each entity is found in the text by its words, from where the last one
// ended, and covers the tokens it overlaps.
func proseSpans(tokens []string) ([]ner.Span, error) {
	if len(tokens) == 0 {
		return nil, nil
	}
	text := strings.Join(tokens, " ")
	starts := make([]int, len(tokens))
	off := 0
	for i, t := range tokens {
		starts[i] = off
		off += len(t) + 1
	}
	doc, err := proseDoc(text)
	if err != nil {
		return nil, err
	}
	var spans []ner.Span
	cursor := 0
	for _, e := range doc.Entities() {
		typ := ""
		switch e.Label {
		case "PERSON":
			typ = "PER"
		case "GPE":
			typ = "LOC"
		default:
			continue
		}
		i := strings.Index(text[cursor:], e.Text)
		if i < 0 {
			continue
		}
		from, to := cursor+i, cursor+i+len(e.Text)
		cursor = to
		first, last := -1, -1
		for k, s := range starts {
			if s < to && s+len(tokens[k]) > from {
				if first < 0 {
					first = k
				}
				last = k
			}
		}
		if first >= 0 {
			spans = append(spans, ner.Span{Start: first, End: last + 1, Type: typ})
		}
	}
	return spans, nil
}

// NERResult is `dateline eval ner`: the shipped recognizer on a CoNLL-2003
// split, with prose on the same sentences in the same run. Figures are
// fractions (0..1).
type NERResult struct {
	Task         string         `json:"task"`
	Split        string         `json:"split"`
	N            int            `json:"n"` // gold entities
	Documents    int            `json:"documents"`
	Tokens       int            `json:"tokens"`
	Precision    float64        `json:"precision"`
	Recall       float64        `json:"recall"`
	F1           float64        `json:"f1"`
	PerType      map[string]PRF `json:"per_type"`
	TokensPerSec float64        `json:"tokens_per_sec"`
	// prose: PER and LOC only, gold MISC left out (see ProseNER).
	ProsePrecision    float64 `json:"prose_precision"`
	ProseRecall       float64 `json:"prose_recall"`
	ProseF1           float64 `json:"prose_f1"`
	ProseTokensPerSec float64 `json:"prose_tokens_per_sec"`
	Seconds           float64 `json:"seconds"`
}

// PRF is precision, recall and F1 in JSON.
type PRF struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// RunNER scores m on split (eng.testa or eng.testb under
// dataDir/conll2003) and runs prose on the same sentences. The tokens per
// second are for tagging pre-tokenised sentences on the calling
// goroutine; the whole path from raw text is `go test -bench` in
// internal/annotate.
func RunNER(ctx context.Context, m *ner.Model, dataDir, split string) (NERResult, error) {
	start := time.Now()
	path := filepath.Join(dataDir, "conll2003", split)
	docs, err := ner.ReadCoNLLFile(path)
	if err != nil {
		return NERResult{}, err
	}
	s, err := ner.Evaluate(ctx, m, path)
	if err != nil {
		return NERResult{}, err
	}
	p, err := ProseNER(ctx, docs)
	if err != nil {
		return NERResult{}, fmt.Errorf("prose on %s: %w", path, err)
	}
	r := NERResult{
		Task: "ner", Split: split, N: s.Gold, Documents: len(docs), Tokens: s.Tokens,
		Precision: s.Precision, Recall: s.Recall, F1: s.F1, PerType: map[string]PRF{},
		TokensPerSec:   s.TokensPerSec,
		ProsePrecision: p.Scores.Precision, ProseRecall: p.Scores.Recall, ProseF1: p.Scores.F1,
		ProseTokensPerSec: p.TokensPerSec,
	}
	for _, t := range []string{"PER", "ORG", "LOC", "MISC"} {
		x := s.PerType[t]
		r.PerType[t] = PRF{x.Precision, x.Recall, x.F1}
	}
	r.Seconds = time.Since(start).Seconds()
	return r, nil
}

// ProseDocument runs prose over text (tokenisation, tagging, extraction,
// its model loaded once) and returns the number of entities it found: the
// peer figure in `dateline bench`.
func ProseDocument(text string) (int, error) {
	doc, err := proseDoc(text)
	if err != nil {
		return 0, err
	}
	return len(doc.Entities()), nil
}

// proseModel is prose's default model, kept from its first document.
// prose decodes its model anew for every document unless it is handed
// one (about 0.3 s and 900 MB of allocation a call), which no user
// tagging many texts would put up with; sentence segmentation is off,
// since the recognizer does not use it.
var proseModel = sync.OnceValues(func() (*prose.Model, error) {
	doc, err := prose.NewDocument("Warm-up.", prose.WithSegmentation(false))
	if err != nil {
		return nil, err
	}
	return doc.Model, nil
})

func proseDoc(text string) (*prose.Document, error) {
	m, err := proseModel()
	if err != nil {
		return nil, err
	}
	return prose.NewDocument(text, prose.WithSegmentation(false), prose.UsingModel(m))
}
