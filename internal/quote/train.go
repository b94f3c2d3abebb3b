package quote

import (
	"context"
	"fmt"
	"io"
	"math/rand"
	"path/filepath"
	"time"

	"github.com/dateline-news/dateline/internal/fhash"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/entity"
	"github.com/dateline-news/dateline/internal/ner"
	"github.com/dateline-news/dateline/internal/text"
)

// TrainOptions configure TrainWith. The zero value of a field means its
// default.
type TrainOptions struct {
	DataDir string    // parent of quotes/polnear (default ../shared/data)
	Log     io.Writer // progress, or nil
	Epochs  int       // passes over the training data (default 10)
	// NoEntities trains without the recognizer's entities as features.
	NoEntities bool
	// Stages is 1 for the first pass alone, 2 (the default) for the
	// stacked second pass too.
	Stages int
	// Seeds is how many perceptrons, each over its own shuffle of the
	// data, are averaged into each stage (default 3).
	Seeds int
	// Skip leaves out the training articles it returns true for (folds
	// for error analysis).
	Skip func(i int, d Doc) bool
	// Dev, when set, is scored after every epoch with the averaged
	// weights (for the learning curve; costs time).
	Dev func(*Model) string
}

// Train trains the shipped model on PolNeAR's train split under
// dataDir/quotes/polnear, deterministically.
func Train(ctx context.Context, dataDir string, log io.Writer) (*Model, error) {
	return TrainWith(ctx, TrainOptions{DataDir: dataDir, Log: log})
}

// PolNeARDir is where PolNeAR lies under a data folder.
func PolNeARDir(dataDir string) string {
	return filepath.Join(dataDir, "quotes", "polnear")
}

// TrainWith is Train with options.
func TrainWith(ctx context.Context, opt TrainOptions) (*Model, error) {
	if opt.DataDir == "" {
		opt.DataDir = filepath.Join("..", "shared", "data")
	}
	if opt.Epochs == 0 {
		opt.Epochs = 10
	}
	if opt.Stages == 0 {
		opt.Stages = 2
	}
	if opt.Seeds == 0 {
		opt.Seeds = 3
	}
	logf := func(format string, a ...any) {
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, format+"\n", a...)
		}
	}
	start := time.Now()
	docs, err := LoadPolNeAR(ctx, PolNeARDir(opt.DataDir), "train")
	if err != nil {
		return nil, err
	}
	if opt.Skip != nil {
		kept := docs[:0:0]
		for i, d := range docs {
			if !opt.Skip(i, d) {
				kept = append(kept, d)
			}
		}
		docs = kept
	}
	var rec *ner.Model
	if !opt.NoEntities {
		if rec, err = ner.Default(); err != nil {
			return nil, err
		}
	}
	m := &draft{cues: cueLexicon(docs), lows: map[uint64]bool{}, sufs: map[uint64]bool{}, lems: map[uint64]bool{}, bigrams: map[uint64]bool{}}
	const lexFolds = 5
	var foldLex [lexFolds]map[uint64]uint8
	for k := range foldLex {
		var rest []Doc
		for i, d := range docs {
			if i%lexFolds != k {
				rest = append(rest, d)
			}
		}
		foldLex[k] = cueLexicon(rest)
	}
	logf("quote: %d training articles, %d cue words (%.1fs)", len(docs), len(m.cues), time.Since(start).Seconds())

	index := map[uint64]int32{}
	row := func(f uint64) int32 {
		r, ok := index[f]
		if !ok {
			r = int32(len(index))
			index[f] = r
		}
		return r
	}
	var insts []inst
	var hfeats []uint64
	var hoffs []int32
	var scr scratch
	for di, d := range docs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		paras := Prepare(d.Paragraphs)
		var ents []article.Entity
		if rec != nil {
			ents = Recognize(rec, paras)
		}
		// Each article's cue-word rates come from the other folds, so
		// that a word seen three times, all in this article, does not
		// look like a sure cue to the learner.
		foldModel := &Model{cues: foldLex[di%lexFolds]}
		ps := foldModel.prepare(paras, ents, nil, nil)
		gold := goldLabels(d, ps)
		for p := range ps {
			m.addVocab(&ps[p])
		}
		for p := range ps {
			if len(ps[p].ts) == 0 {
				continue
			}
			hfeats, hoffs = paraFeatures(&ps[p], &scr, hfeats[:0], hoffs[:0])
			in := inst{doc: di, ps: &ps[p], gold: gold[p], offs: make([]int32, len(hoffs)), feats: make([]int32, len(hfeats))}
			copy(in.offs, hoffs)
			for k, f := range hfeats {
				in.feats[k] = row(f)
			}
			insts = append(insts, in)
		}
	}
	logf("quote: %d paragraphs, %d features (%.1fs)", len(insts), len(index), time.Since(start).Seconds())

	// Stage 1 on everything, and jackknifed over five folds of articles
	// so that stage 2 learns from labels as wrong as they will be on new
	// text.
	m.index = index
	trainSeeds := func(in []inst, sel []int, each func(int, *weights)) *weights {
		var ws []*weights
		for r := 0; r < opt.Seeds; r++ {
			ws = append(ws, trainStage(ctx, in, sel, len(index), opt.Epochs, int64(r+1), each))
		}
		return meanWeights(ws)
	}
	const folds = 5
	cur := insts
	for st := 1; st <= opt.Stages; st++ {
		var each func(int, *weights)
		if opt.Dev != nil && opt.Seeds == 1 && st == opt.Stages {
			each = func(ep int, w *weights) {
				m.stages = append(m.stages[:st-1], w)
				logf("quote: stage %d epoch %d dev: %s", st, ep, opt.Dev(m.compile(pruneBelow)))
			}
		}
		ws := trainSeeds(cur, nil, each)
		m.stages = append(m.stages[:st-1], ws)
		logf("quote: stage %d trained (%.1fs)", st, time.Since(start).Seconds())
		if opt.Dev != nil && each == nil {
			logf("quote: stage %d dev: %s", st, opt.Dev(m.compile(pruneBelow)))
		}
		if st == opt.Stages || ctx.Err() != nil {
			break
		}
		// The next stage learns from this one's labels on articles it
		// did not see: jackknifed over five folds of articles, so that
		// they are as wrong as they will be on new text.
		pred := make([][]uint8, len(cur))
		for k := 0; k < folds; k++ {
			var tr, te []int
			for i := range cur {
				if cur[i].doc%folds == k {
					te = append(te, i)
				} else {
					tr = append(tr, i)
				}
			}
			wk := trainSeeds(cur, tr, nil)
			var em []float32
			var back []uint8
			for _, i := range te {
				in := &cur[i]
				n := len(in.gold)
				em = wk.emissionsRows(in.feats, in.offs, n, em)
				back = growU8(back, n*nLabels)
				pred[i] = make([]uint8, n)
				viterbi(em, &wk.trans, n, back, pred[i])
			}
			logf("quote: stage %d fold %d done (%.1fs)", st, k+1, time.Since(start).Seconds())
		}
		next := make([]inst, len(insts))
		var f2 []uint64
		var o2 []int32
		for i := range insts {
			in := &insts[i]
			f2, o2 = stage2Features(in.ps, pred[i], &scr, f2[:0], o2[:0])
			n := len(in.gold)
			out := inst{doc: in.doc, ps: in.ps, gold: in.gold, offs: make([]int32, n+1)}
			out.feats = make([]int32, 0, len(in.feats)+len(f2))
			for t := 0; t < n; t++ {
				out.offs[t] = int32(len(out.feats))
				out.feats = append(out.feats, in.feats[in.offs[t]:in.offs[t+1]]...)
				for _, f := range f2[o2[t]:o2[t+1]] {
					out.feats = append(out.feats, row(f))
				}
			}
			out.offs[n] = int32(len(out.feats))
			next[i] = out
		}
		cur = next
		logf("quote: stage %d: %d features (%.1fs)", st+1, len(index), time.Since(start).Seconds())
	}
	c := m.compile(pruneBelow)
	logf("quote: %d of %d features kept (%.1fs)", c.Rows(), len(index), time.Since(start).Seconds())
	return c, nil
}

// inst is one paragraph of training data: feature rows token by token
// (token i has feats[offs[i]:offs[i+1]]) and gold labels.
type inst struct {
	doc   int
	ps    *paraState
	feats []int32
	offs  []int32
	gold  []uint8
}

// trainStage trains an averaged structured perceptron on insts[sel] (all
// when sel is nil), deterministically. each, when set, is called after
// every epoch with the averaged weights so far.
func trainStage(ctx context.Context, insts []inst, sel []int, nf, epochs int, seed int64, each func(int, *weights)) *weights {
	if sel == nil {
		sel = make([]int, len(insts))
		for i := range sel {
			sel[i] = i
		}
	}
	order := append([]int(nil), sel...)
	w := make([]float32, nf*nLabels)
	u := make([]float32, nf*nLabels) // sum of c × update, for averaging
	var tw, tu [nLabels + 1][nLabels]float32
	c := float32(1)
	rng := rand.New(rand.NewSource(seed))
	cur := &weights{w: w}
	var em []float32
	var back, pred []uint8
	for ep := 0; ep < epochs && ctx.Err() == nil; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, oi := range order {
			in := &insts[oi]
			n := len(in.gold)
			cur.trans = tw
			em = cur.emissionsRows(in.feats, in.offs, n, em)
			back = growU8(back, n*nLabels)
			pred = growU8(pred, n)
			viterbi(em, &tw, n, back, pred)
			prevG, prevP := nLabels, nLabels
			for i := 0; i < n; i++ {
				g, p := int(in.gold[i]), int(pred[i])
				if g != p {
					for _, f := range in.feats[in.offs[i]:in.offs[i+1]] {
						w[int(f)*nLabels+g]++
						u[int(f)*nLabels+g] += c
						w[int(f)*nLabels+p]--
						u[int(f)*nLabels+p] -= c
					}
				}
				if g != p || prevG != prevP {
					tw[prevG][g]++
					tu[prevG][g] += c
					tw[prevP][p]--
					tu[prevP][p] -= c
				}
				prevG, prevP = g, p
			}
			c++
		}
		if each != nil {
			each(ep+1, averaged(w, u, &tw, &tu, c))
		}
	}
	return averaged(w, u, &tw, &tu, c)
}

// weights are one stage's: per feature row and label, and transitions.
type weights struct {
	w     []float32
	trans [nLabels + 1][nLabels]float32
}

// emissionsRows sums the weights of each token's feature rows.
func (ws *weights) emissionsRows(feats []int32, offs []int32, n int, em []float32) []float32 {
	em = growF(em, n*nLabels)
	for i := 0; i < n; i++ {
		row := em[i*nLabels : i*nLabels+nLabels]
		for k := range row {
			row[k] = 0
		}
		for _, f := range feats[offs[i]:offs[i+1]] {
			wr := ws.w[int(f)*nLabels : int(f)*nLabels+nLabels]
			for k := range row {
				row[k] += wr[k]
			}
		}
	}
	return em
}

// meanWeights averages weights of the same shape.
func meanWeights(ws []*weights) *weights {
	if len(ws) == 1 {
		return ws[0]
	}
	out := &weights{w: make([]float32, len(ws[0].w))}
	f := 1 / float32(len(ws))
	for _, x := range ws {
		for i, v := range x.w {
			out.w[i] += v * f
		}
		for p := range x.trans {
			for y := range x.trans[p] {
				out.trans[p][y] += x.trans[p][y] * f
			}
		}
	}
	return out
}

func averaged(w, u []float32, tw, tu *[nLabels + 1][nLabels]float32, c float32) *weights {
	out := &weights{w: make([]float32, len(w))}
	for i := range w {
		out.w[i] = w[i] - u[i]/c
	}
	for p := range tw {
		for y := range tw[p] {
			out.trans[p][y] = tw[p][y] - tu[p][y]/c
		}
	}
	return out
}

// lemmaKey marks a stem's entry in the cue lexicon.
const lemmaKey = 0x5eed

// cueLexicon finds the words that are often cues in the training data:
// at least 3 times, and a cue in at least a tenth of their uses. The
// value is the share, bucketed.
func cueLexicon(docs []Doc) map[uint64]uint8 {
	type count struct{ cue, all int }
	counts := map[uint64]*count{}
	for _, d := range docs {
		paras := Prepare(d.Paragraphs)
		inCue := make([][]bool, len(paras))
		for p := range paras {
			inCue[p] = make([]bool, len(paras[p].Tokens))
		}
		for _, a := range d.Attributions {
			for _, s := range a.Cue {
				for i, t := range paras[s.P].Tokens {
					if overlapsHalf(t, s) {
						inCue[s.P][i] = true
					}
				}
			}
		}
		for p := range paras {
			for i, t := range paras[p].Tokens {
				for _, h := range [2]uint64{hashLower(t.Text), fhash.Mix(lemmaKey, stemHash(t.Text))} {
					c := counts[h]
					if c == nil {
						c = &count{}
						counts[h] = c
					}
					c.all++
					if inCue[p][i] {
						c.cue++
					}
				}
			}
		}
	}
	lex := map[uint64]uint8{}
	for h, c := range counts {
		if c.cue < 3 {
			continue
		}
		r := float64(c.cue) / float64(c.all)
		switch {
		case r >= 0.6:
			lex[h] = 4
		case r >= 0.35:
			lex[h] = 3
		case r >= 0.2:
			lex[h] = 2
		case r >= 0.1:
			lex[h] = 1
		}
	}
	return lex
}

// overlapsHalf reports whether span s covers at least half of token t.
func overlapsHalf(t text.Token, s Span) bool {
	a, b := max(t.Start, s.Start), min(t.End, s.End)
	return b > a && 2*(b-a) >= t.End-t.Start
}

// goldLabels are the BIO labels of a document's attributions, per
// paragraph and token. A token takes the role of the span that covers at
// least half of it.
func goldLabels(d Doc, ps []paraState) [][]uint8 {
	out := make([][]uint8, len(ps))
	owner := make([][]int32, len(ps)) // attribution index + 1
	for p := range ps {
		out[p] = make([]uint8, len(ps[p].ts))
		owner[p] = make([]int32, len(ps[p].ts))
	}
	for ai, a := range d.Attributions {
		for role, spans := range [3][]Span{a.Source, a.Cue, a.Content} {
			for _, s := range spans {
				for i, t := range ps[s.P].Tokens {
					if overlapsHalf(t, s) {
						out[s.P][i] = uint8(1 + 2*role)
						owner[s.P][i] = int32(ai + 1)
					}
				}
			}
		}
	}
	for p := range out {
		for i := range out[p] {
			l := out[p][i]
			if l == lO {
				continue
			}
			if i > 0 && roleOf(out[p][i-1]) == roleOf(l) && owner[p][i-1] == owner[p][i] {
				out[p][i] = l + 1 // inside
			}
		}
	}
	return out
}

// Prepare tokenises and splits paragraphs as the annotator does.
func Prepare(paras []string) []Paragraph {
	out := make([]Paragraph, len(paras))
	for i, p := range paras {
		toks := text.AppendTokens(nil, p)
		out[i] = Paragraph{Text: p, Tokens: toks, Sentences: text.AppendSentences(nil, p, toks)}
	}
	return out
}

// Recognize finds the entities of paragraphs with rec, as
// internal/annotate does. The annotator calls this package, so this
// package cannot call the annotator; training and evaluation need the
// same entities it gives, hence the copy.
func Recognize(rec *ner.Model, paras []Paragraph) []article.Entity {
	var doc [][]string
	type place struct{ p, start, end int }
	var where [][]place
	texts := make([]string, len(paras))
	for p, para := range paras {
		texts[p] = para.Text
		for _, s := range para.Sentences {
			var words []string
			var pl []place
			for _, t := range para.Tokens[s.Start:s.End] {
				words = append(words, text.CoNLLForm(t.Text))
				pl = append(pl, place{p, t.Start, t.End})
			}
			doc = append(doc, words)
			where = append(where, pl)
		}
	}
	tagged := rec.TagDocument(doc)
	var mentions []entity.Mention
	for i, spans := range tagged {
		for _, s := range spans {
			first, last := where[i][s.Start], where[i][s.End-1]
			mentions = append(mentions, entity.Mention{P: first.p, Start: first.start, End: last.end, Type: s.Type})
		}
	}
	return entity.Resolve(texts, mentions)
}

// addVocab records the words, suffixes, stems and word pairs of a
// paragraph, whose weights compile gathers into rows.
func (d *draft) addVocab(ps *paraState) {
	prev := hBOS
	for _, t := range ps.ts {
		d.lows[t.low], d.sufs[t.suf], d.lems[t.lem] = true, true, true
		d.bigrams[fhash.Mix(prev, t.low)] = true
		prev = t.low
	}
	d.bigrams[fhash.Mix(prev, hEOS)] = true
}
