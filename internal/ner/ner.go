// Package ner finds the names of people, organisations, places and other
// named things (PER, ORG, LOC, MISC, as in CoNLL-2003) in tokenised news
// text.
//
// The recognizer is a linear model over BILOU labels (a structured
// averaged perceptron trained with a margin), decoded by Viterbi over
// label pairs, in two passes over a document: the second pass reads what
// the first found elsewhere in the same document, so that a name keeps
// one label throughout. Features are hashed to 64 bits, so that tagging
// allocates nothing per token and the weights hold no strings: the word
// and its shape, affixes and neighbours, gazetteer matches, Brown word
// clusters, how the document writes the same word elsewhere, and the
// words around every occurrence of a recurring capitalised word. The
// model is trained on CoNLL-2003 by Train and shipped inside the binary
// (Default). MEASUREMENTS.md has the figures behind each choice.
package ner

// Span is a name over tokens [Start, End) of a sentence; Type is PER, ORG,
// LOC or MISC.
type Span struct {
	Start, End int
	Type       string
}
