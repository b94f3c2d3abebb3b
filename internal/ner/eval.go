package ner

import (
	"context"
	"time"
)

// Evaluate scores m on a CoNLL file (e.g. eng.testb) with conlleval's
// method: exact span and type, micro-averaged. TokensPerSec is the
// tagging speed alone (both passes), documents one after another on the
// calling goroutine, timed on a second pass over the file: the first
// fills the model's word cache, which a long-running process fills once.
func Evaluate(ctx context.Context, m *Model, path string) (Scores, error) {
	docs, err := ReadCoNLLFile(path)
	if err != nil {
		return Scores{}, err
	}
	return EvaluateDocs(ctx, m, docs)
}

// EvaluateDocs is Evaluate on documents already read.
func EvaluateDocs(ctx context.Context, m *Model, docs []Document) (Scores, error) {
	var t Tally
	tokens := 0
	sents := [][]string{}
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return Scores{}, err
		}
		sents = sents[:0]
		for _, s := range d.Sentences {
			sents = append(sents, s.Tokens)
			tokens += len(s.Tokens)
		}
		pred := m.TagDocument(sents)
		for i, s := range d.Sentences {
			t.Add(s.Spans, pred[i])
		}
	}
	var elapsed time.Duration
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return Scores{}, err
		}
		sents = sents[:0]
		for _, s := range d.Sentences {
			sents = append(sents, s.Tokens)
		}
		start := time.Now()
		m.TagDocument(sents)
		elapsed += time.Since(start)
	}
	sc := t.Scores()
	sc.Tokens = tokens
	if elapsed > 0 {
		sc.TokensPerSec = float64(tokens) / elapsed.Seconds()
	}
	return sc, nil
}
