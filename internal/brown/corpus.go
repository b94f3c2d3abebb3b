package brown

import (
	"bufio"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/dateline-news/dateline/internal/text"
)

// A source yields documents; each document is a list of paragraphs (raw text)
// or, for pre-tokenised data, of sentences already cut into tokens.
type document struct {
	paras  []string
	tokens [][]string
}

type source struct {
	name string
	read func(ctx context.Context, dataDir string, emit func(document) error) error
}

// sources are read in this fixed order so that the same data directory always
// gives the same corpus and, with it, byte-identical clusters.
//
// Left out on purpose: CoNLL eng.testb (the NER test set), the PolNeAR dev and
// test articles (its README asks analysts not to look at them, and a quote
// model in this repository may be scored on them) and the TempEval-3 platinum
// test documents, for the same reason. They are held-out sets of other tasks;
// unlabeled as they are here, their vocabulary would still leak into features.
var sources = []source{
	{"conll2003/eng.train", func(ctx context.Context, d string, emit func(document) error) error {
		return readCoNLL(filepath.Join(d, "conll2003", "eng.train"), emit)
	}},
	{"conll2003/eng.testa", func(ctx context.Context, d string, emit func(document) error) error {
		return readCoNLL(filepath.Join(d, "conll2003", "eng.testa"), emit)
	}},
	{"quotes/polnear", readPolNeAR},
	{"news-stories/ecbplus", readECB},
	{"demo-news/wikinews", readWikinews},
	{"tempeval3", readTempEval},
	{"article-extraction-benchmark", readExtractionBenchmark},
}

// Corpus returns the tokenised sentences from dataDir, in a fixed order.
// Documents whose text repeats one seen before are skipped, so that copies
// of a wire story do not count twice.
func Corpus(ctx context.Context, dataDir string) ([][]string, error) {
	return CorpusLog(ctx, dataDir, nil)
}

// CorpusLog is Corpus with a line per source (documents, sentences, tokens)
// written to log, if it is not nil.
func CorpusLog(ctx context.Context, dataDir string, log io.Writer) ([][]string, error) {
	var sents [][]string
	seen := map[[32]byte]bool{}
	for _, src := range sources {
		before, ntok, docs, dups := len(sents), 0, 0, 0
		err := src.read(ctx, dataDir, func(doc document) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			h := sha256.New()
			for _, p := range doc.paras {
				io.WriteString(h, p)
				h.Write([]byte{0})
			}
			for _, s := range doc.tokens {
				io.WriteString(h, strings.Join(s, " "))
				h.Write([]byte{0})
			}
			var key [32]byte
			h.Sum(key[:0])
			if seen[key] {
				dups++
				return nil
			}
			seen[key] = true
			docs++
			sents = append(sents, doc.tokens...)
			for _, p := range doc.paras {
				sents = appendSentences(sents, p)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("brown: %s: %w", src.name, err)
		}
		for _, s := range sents[before:] {
			ntok += len(s)
		}
		if log != nil {
			fmt.Fprintf(log, "corpus: %-30s %5d docs (%d repeats skipped) %7d sentences %8d tokens\n",
				src.name, docs, dups, len(sents)-before, ntok)
		}
	}
	return sents, nil
}

// appendSentences tokenises a paragraph with the engine's own tokenizer, the
// one the NER model sees its input through, so that the clusters are keyed
// by the very strings it will look up (curly quotes and all).
func appendSentences(dst [][]string, para string) [][]string {
	toks := text.Tokenize(para)
	for _, s := range text.Sentences(para, toks) {
		words := make([]string, 0, s.End-s.Start)
		for _, t := range toks[s.Start:s.End] {
			words = append(words, t.Text)
		}
		dst = append(dst, words)
	}
	return dst
}

// readCoNLL emits one document per -DOCSTART- block, keeping only the first
// column: the labels are not used, the tokens are the reference tokenisation.
func readCoNLL(path string, emit func(document) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var doc document
	var sent []string
	endSent := func() {
		if len(sent) > 0 {
			doc.tokens = append(doc.tokens, sent)
			sent = nil
		}
	}
	endDoc := func() error {
		endSent()
		if len(doc.tokens) == 0 {
			return nil
		}
		d := doc
		doc = document{}
		return emit(d)
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		switch {
		case len(fields) == 0:
			endSent()
		case fields[0] == "-DOCSTART-":
			if err := endDoc(); err != nil {
				return err
			}
		default:
			sent = append(sent, fields[0])
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return endDoc()
}

// paragraphs splits raw text into non-empty lines; every source here puts
// one paragraph (or one sentence) on a line.
func paragraphs(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func readPolNeAR(ctx context.Context, d string, emit func(document) error) error {
	for _, part := range []string{"annotator-training", "train"} {
		dir := filepath.Join(d, "quotes", "polnear", part, "text")
		names, err := filepath.Glob(filepath.Join(dir, "*.txt"))
		if err != nil {
			return err
		}
		if len(names) == 0 {
			return fmt.Errorf("no texts in %s", dir)
		}
		sort.Strings(names)
		for _, n := range names {
			b, err := os.ReadFile(n)
			if err != nil {
				return err
			}
			if err := emit(document{paras: paragraphs(string(b))}); err != nil {
				return err
			}
		}
	}
	return nil
}

// spacedHyphen undoes the ECB+ detokeniser's "90 - day court - mandated":
// the original token stream split hyphenated words, while CoNLL keeps them
// whole. A spaced hyphen before a capital is left alone as a real dash.
var spacedHyphen = regexp.MustCompile(`([\pL\pN]) - ([\p{Ll}\pN])`)

func readECB(ctx context.Context, d string, emit func(document) error) error {
	return readJSONL(filepath.Join(d, "news-stories", "ecbplus", "documents.jsonl"), func(line []byte) error {
		var doc struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(line, &doc); err != nil {
			return err
		}
		var paras []string
		for _, p := range paragraphs(doc.Text) {
			for spacedHyphen.MatchString(p) {
				p = spacedHyphen.ReplaceAllString(p, "$1-$2")
			}
			paras = append(paras, p)
		}
		return emit(document{paras: paras})
	})
}

func readWikinews(ctx context.Context, d string, emit func(document) error) error {
	return readJSONL(filepath.Join(d, "demo-news", "wikinews_2019_2020.jsonl.gz"), func(line []byte) error {
		var doc struct {
			Title string `json:"title"`
			Text  string `json:"text"`
		}
		if err := json.Unmarshal(line, &doc); err != nil {
			return err
		}
		return emit(document{paras: append([]string{doc.Title}, paragraphs(doc.Text)...)})
	})
}

func readJSONL(path string, fn func([]byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return err
		}
		defer gz.Close()
		r = gz
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		if err := fn(sc.Bytes()); err != nil {
			return err
		}
	}
	return sc.Err()
}

var (
	timemlText = regexp.MustCompile(`(?s)<TEXT>(.*?)</TEXT>`)
	xmlTag     = regexp.MustCompile(`<[^>]*>`)
	blankLines = regexp.MustCompile(`\n\s*\n`)
)

// readTempEval reads the training documents (TimeBank, AQUAINT) only; the
// platinum test set is held out (see sources). Paragraphs are separated by
// blank lines and may be wrapped inside.
func readTempEval(ctx context.Context, d string, emit func(document) error) error {
	var names []string
	for _, sub := range []string{"AQUAINT", "TimeBank"} {
		m, err := filepath.Glob(filepath.Join(d, "tempeval3", "TBAQ-cleaned", sub, "*.tml"))
		if err != nil {
			return err
		}
		names = append(names, m...)
	}
	if len(names) == 0 {
		return fmt.Errorf("no .tml files under %s", filepath.Join(d, "tempeval3", "TBAQ-cleaned"))
	}
	sort.Strings(names)
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			return err
		}
		m := timemlText.FindSubmatch(b)
		if m == nil {
			continue
		}
		text := html.UnescapeString(xmlTag.ReplaceAllString(string(m[1]), ""))
		var paras []string
		for _, p := range blankLines.Split(text, -1) {
			if p = strings.Join(strings.Fields(p), " "); p != "" {
				paras = append(paras, p)
			}
		}
		if err := emit(document{paras: paras}); err != nil {
			return err
		}
	}
	return nil
}

// readExtractionBenchmark reads the hand-made article bodies of the
// benchmark (not the HTML pages), in the order of their ids.
func readExtractionBenchmark(ctx context.Context, d string, emit func(document) error) error {
	b, err := os.ReadFile(filepath.Join(d, "article-extraction-benchmark", "ground-truth.json"))
	if err != nil {
		return err
	}
	var gt map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(b, &gt); err != nil {
		return err
	}
	ids := make([]string, 0, len(gt))
	for id := range gt {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if err := emit(document{paras: paragraphs(gt[id].ArticleBody)}); err != nil {
			return err
		}
	}
	return nil
}
