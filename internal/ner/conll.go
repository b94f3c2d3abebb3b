package ner

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// Types are the CoNLL-2003 entity types, in the order the model numbers them.
var Types = [nTypes]string{"PER", "ORG", "LOC", "MISC"}

const nTypes = 4

// typeIndex maps a type name to its number, or -1.
func typeIndex(t string) int {
	for i, s := range Types {
		if s == t {
			return i
		}
	}
	return -1
}

// Sentence is one sentence of a labelled corpus: its tokens and the gold
// entity spans over them.
type Sentence struct {
	Tokens []string
	Spans  []Span
}

// Document is a run of sentences that belong together: document-level
// features look across all of them.
type Document struct {
	Sentences []Sentence
}

// ErrFormat is returned for a line a CoNLL reader cannot make sense of.
var ErrFormat = errors.New("ner: bad CoNLL line")

// ReadCoNLLFile reads a CoNLL-2003 file; see ReadCoNLL.
func ReadCoNLLFile(path string) ([]Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	docs, err := ReadCoNLL(f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return docs, nil
}

// ReadCoNLL reads CoNLL-2003 columns: the token first and the NER tag last
// (IOB1 or IOB2), one token a line, blank lines between sentences and
// -DOCSTART- lines between documents. The middle columns (POS, chunk) are
// ignored on purpose: at run time there is only raw text. A -DOCSTART-
// line may open or close a document (the mirrored files have one at the
// end and none at the start), so empty documents are dropped.
func ReadCoNLL(r io.Reader) ([]Document, error) {
	var (
		docs []Document
		doc  Document
		toks []string
		tags []string
	)
	endSentence := func() error {
		if len(toks) == 0 {
			return nil
		}
		spans, err := iobSpans(tags)
		if err != nil {
			return err
		}
		doc.Sentences = append(doc.Sentences, Sentence{Tokens: toks, Spans: spans})
		toks, tags = nil, nil
		return nil
	}
	endDoc := func() {
		if len(doc.Sentences) > 0 {
			docs = append(docs, doc)
		}
		doc = Document{}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(s) == "" {
			if err := endSentence(); err != nil {
				return nil, fmt.Errorf("line %d: %w", line, err)
			}
			continue
		}
		f := strings.Fields(s)
		if f[0] == "-DOCSTART-" {
			if err := endSentence(); err != nil {
				return nil, fmt.Errorf("line %d: %w", line, err)
			}
			endDoc()
			continue
		}
		if len(f) < 2 {
			return nil, fmt.Errorf("line %d: %w: %q", line, ErrFormat, s)
		}
		toks = append(toks, f[0])
		tags = append(tags, f[len(f)-1])
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if err := endSentence(); err != nil {
		return nil, fmt.Errorf("line %d: %w", line, err)
	}
	endDoc()
	return docs, nil
}

// iobSpans turns IOB1 or IOB2 tags into spans the way conlleval reads
// them: a chunk starts at B-X, or at I-X after O or after another type.
func iobSpans(tags []string) ([]Span, error) {
	var spans []Span
	open := -1
	cur := ""
	for i, t := range tags {
		var prefix, typ string
		if t != "O" {
			p, ty, ok := strings.Cut(t, "-")
			if !ok || (p != "B" && p != "I") || ty == "" {
				return nil, fmt.Errorf("%w: tag %q", ErrFormat, t)
			}
			prefix, typ = p, ty
		}
		if open >= 0 && (t == "O" || prefix == "B" || typ != cur) {
			spans = append(spans, Span{Start: open, End: i, Type: cur})
			open = -1
		}
		if t != "O" && open < 0 {
			open, cur = i, typ
		}
	}
	if open >= 0 {
		spans = append(spans, Span{Start: open, End: len(tags), Type: cur})
	}
	return spans, nil
}

// PRF is precision, recall and F1 as fractions (0..1).
type PRF struct{ Precision, Recall, F1 float64 }

// Scores are conlleval's figures: exact span and type, micro-averaged over
// all spans, as fractions (0..1). Tokens and TokensPerSec are filled in by
// Evaluate.
type Scores struct {
	Precision, Recall, F1 float64
	PerType               map[string]PRF
	Gold, Predicted       int // spans
	Correct               int
	Tokens                int
	TokensPerSec          float64
}

// Tally counts spans for conlleval's scores; add sentences one at a time,
// then read Scores.
type Tally struct {
	gold, pred, correct map[string]int
}

// Add counts one sentence: its gold spans and the predicted ones. A
// predicted span is correct when a gold span has the same start, end and
// type. Spans of any type are counted, so a tagger with other labels can
// be scored the same way (its unknown types only cost precision).
func (t *Tally) Add(gold, pred []Span) {
	if t.gold == nil {
		t.gold, t.pred, t.correct = map[string]int{}, map[string]int{}, map[string]int{}
	}
	for _, g := range gold {
		t.gold[g.Type]++
	}
	for _, p := range pred {
		t.pred[p.Type]++
		for _, g := range gold {
			if g == p {
				t.correct[p.Type]++
				break
			}
		}
	}
}

// Scores computes precision, recall and F1 overall and per type.
func (t *Tally) Scores() Scores {
	var s Scores
	s.PerType = map[string]PRF{}
	types := map[string]bool{}
	for k := range t.gold {
		types[k] = true
	}
	for k := range t.pred {
		types[k] = true
	}
	names := make([]string, 0, len(types))
	for k := range types {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		s.Gold += t.gold[k]
		s.Predicted += t.pred[k]
		s.Correct += t.correct[k]
		s.PerType[k] = prf(t.correct[k], t.pred[k], t.gold[k])
	}
	o := prf(s.Correct, s.Predicted, s.Gold)
	s.Precision, s.Recall, s.F1 = o.Precision, o.Recall, o.F1
	return s
}

func prf(correct, pred, gold int) PRF {
	var r PRF
	if pred > 0 {
		r.Precision = float64(correct) / float64(pred)
	}
	if gold > 0 {
		r.Recall = float64(correct) / float64(gold)
	}
	if r.Precision+r.Recall > 0 {
		r.F1 = 2 * r.Precision * r.Recall / (r.Precision + r.Recall)
	}
	return r
}

// ScoreSpans scores predicted spans against gold ones, sentence by
// sentence (gold[i] and pred[i] belong to the same sentence).
func ScoreSpans(gold, pred [][]Span) Scores {
	var t Tally
	for i := range gold {
		var p []Span
		if i < len(pred) {
			p = pred[i]
		}
		t.Add(gold[i], p)
	}
	for i := len(gold); i < len(pred); i++ {
		t.Add(nil, pred[i])
	}
	return t.Scores()
}
