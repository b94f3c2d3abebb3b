package ner

import (
	"context"
	"time"
)

// Evaluate scores m on a CoNLL file (e.g. eng.testb) with conlleval's
// method: exact span and type, micro-averaged. TokensPerSec is the
// tagging speed alone (both passes), on however many cores the caller
// lets run; documents are tagged one after another.
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
	var elapsed time.Duration
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
		start := time.Now()
		pred := m.TagDocument(sents)
		elapsed += time.Since(start)
		for i, s := range d.Sentences {
			t.Add(s.Spans, pred[i])
		}
	}
	sc := t.Scores()
	sc.Tokens = tokens
	if elapsed > 0 {
		sc.TokensPerSec = float64(tokens) / elapsed.Seconds()
	}
	return sc, nil
}
