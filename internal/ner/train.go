package ner

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/dateline-news/dateline/internal/fhash"
)

// Defaults chosen on eng.testa (MEASUREMENTS.md).
const (
	DefaultEpochs = 15
	DefaultSeed   = 1
	DefaultFolds  = 5
	DefaultMargin = 100
	defaultPrune  = 1e-3
)

// TrainOptions configure Train. Zero values take the defaults.
type TrainOptions struct {
	// DataDir holds conll2003/ and gazetteers/ (../shared/data).
	DataDir string
	// Clusters is the Brown clusters file; default
	// internal/ner/model/brown.tsv.gz under the working directory. A
	// missing file is an error unless clusters are disabled.
	Clusters string
	Seed     int64
	Epochs   int
	// Folds is how many parts the training set is cut into so that the
	// second pass learns from first-pass labels on documents the first
	// pass did not train on.
	Folds int
	// Disable turns feature groups off, for ablations: gaz, doccase,
	// clusters, stage2, form, s2ctx, bigrams, lowcap, histlow, viterbi
	// (greedy decoding instead), ctxagg.
	Disable []string
	// Enable turns on feature groups that are off by default: capwin,
	// s2cap, conj, capratio, senttype, s2conf, affixcase (features.go).
	Enable []string
	// Margin makes training also update on right answers that won by
	// less than this (in update counts); 0 takes DefaultMargin, a
	// negative value gives the plain perceptron.
	Margin int32
	// MinCount drops features seen fewer times in the training text.
	MinCount int32
	// Prune drops features whose weights are all smaller than this.
	Prune float64
	// Dev, when set, logs eng.testa F1 after every epoch of the final
	// first-pass training (slower).
	Dev bool
	// Log receives progress lines; nil for none.
	Log io.Writer
}

// trainDoc is a training document, prepared once.
type trainDoc struct {
	sents  [][]string
	toks   []tok
	bounds []int
	gold   []uint8
}

// Train rebuilds the model from opt.DataDir: it trains on
// conll2003/eng.train with the gazetteers and clusters, deterministically
// (same data, options and seed give the same bytes from Save).
func Train(ctx context.Context, opt TrainOptions) (*Model, error) {
	start := time.Now()
	logf := func(format string, args ...any) {
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, "%6.1fs  %s\n", time.Since(start).Seconds(), fmt.Sprintf(format, args...))
		}
	}
	if opt.Seed == 0 {
		opt.Seed = DefaultSeed
	}
	if opt.Epochs <= 0 {
		opt.Epochs = DefaultEpochs
	}
	if opt.Folds <= 1 {
		opt.Folds = DefaultFolds
	}
	switch {
	case opt.Margin == 0:
		opt.Margin = DefaultMargin
	case opt.Margin < 0:
		opt.Margin = 0
	}
	if opt.Prune == 0 {
		opt.Prune = defaultPrune
	}
	cfg := uint32(cfgDefault)
	for _, d := range opt.Disable {
		switch strings.ToLower(d) {
		case "gaz":
			cfg &^= cfgGaz
		case "doccase":
			cfg &^= cfgDocCase
		case "clusters":
			cfg &^= cfgClusters
		case "stage2":
			cfg &^= cfgStage2
		case "form":
			cfg &^= cfgForm
		case "viterbi":
			cfg &^= cfgViterbi
		case "ctxagg":
			cfg &^= cfgCtxAgg
		case "s2ctx":
			cfg &^= cfgS2Ctx
		case "bigrams":
			cfg |= cfgNoBigrams
		case "lowcap":
			cfg |= cfgNoLowCap
		case "histlow":
			cfg |= cfgNoHistLow
		case "":
		default:
			return nil, fmt.Errorf("train ner: unknown feature group %q", d)
		}
	}
	for _, e := range opt.Enable {
		switch strings.ToLower(e) {
		case "capwin":
			cfg |= cfgCapWin
		case "s2ctx":
			cfg |= cfgS2Ctx
		case "s2cap":
			cfg |= cfgS2Cap
		case "conj":
			cfg |= cfgConj
		case "capratio":
			cfg |= cfgCapRatio
		case "senttype":
			cfg |= cfgSentType
		case "s2conf":
			cfg |= cfgS2Conf
		case "affixcase":
			cfg |= cfgAffixCase
		case "viterbi":
			cfg |= cfgViterbi
		case "":
		default:
			return nil, fmt.Errorf("train ner: unknown feature group %q", e)
		}
	}
	docs, err := ReadCoNLLFile(filepath.Join(opt.DataDir, "conll2003", "eng.train"))
	if err != nil {
		return nil, fmt.Errorf("train ner: %w", err)
	}
	res := &parts{cfg: cfg, stages: 1}
	counts := map[string]int{}
	for _, d := range docs {
		for _, s := range d.Sentences {
			for _, w := range s.Tokens {
				counts[w]++
			}
		}
	}
	if cfg&cfgGaz != 0 {
		gb, err := buildGazetteers(filepath.Join(opt.DataDir, "gazetteers"))
		if err != nil {
			return nil, fmt.Errorf("train ner: %w", err)
		}
		res.gazKeys = sortedKeys(gb.phrases)
		res.gazVals = make([]uint32, len(res.gazKeys))
		for i, k := range res.gazKeys {
			res.gazVals[i] = gb.phrases[k]
		}
		var lists []string
		for g, n := range gb.entries {
			lists = append(lists, fmt.Sprintf("%s %d", gazNames[g], n))
		}
		logf("gazetteers: %d phrases (%s)", len(res.gazKeys), strings.Join(lists, ", "))
	}
	if cfg&cfgClusters != 0 {
		path := opt.Clusters
		if path == "" {
			path = filepath.Join("internal", "ner", "model", "brown.tsv.gz")
		}
		if err := readClusters(path, res, counts); err != nil {
			return nil, fmt.Errorf("train ner: %w (disable clusters or set Clusters)", err)
		}
		logf("clusters: %d words, %d clusters", len(res.wordKeys), len(res.clPrefix))
	}
	res.vocab = chooseVocab(counts)
	base := newModel(res)
	tdocs := make([]trainDoc, len(docs))
	ntok := 0
	for i, d := range docs {
		tdocs[i] = prepareTrainDoc(base, d)
		ntok += len(tdocs[i].toks)
	}
	logf("%d training documents, %d tokens", len(docs), ntok)
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	var dev []Document
	if opt.Dev {
		dev, err = ReadCoNLLFile(filepath.Join(opt.DataDir, "conll2003", "eng.testa"))
		if err != nil {
			return nil, fmt.Errorf("train ner: %w", err)
		}
	}

	// First pass on all documents: the shipped first stage.
	all := make([]int, len(tdocs))
	for i := range all {
		all[i] = i
	}
	s1 := stageFeatures(base, tdocs, nil, nil)
	var devLog func(ep int, p *perceptron)
	if opt.Dev {
		devLog = func(ep int, p *perceptron) {
			m := assemble(res, p, nil, opt.Prune)
			sc, _ := EvaluateDocs(ctx, m, dev)
			logf("epoch %d: testa first pass F1 %.4f (%d features)", ep+1, sc.F1, len(m.p.keys))
		}
	}
	p1, err := trainStage(ctx, &base.x, s1, tdocs, all, opt.Epochs, opt.Seed, opt.Margin, opt.MinCount, devLog)
	if err != nil {
		return nil, err
	}
	logf("first pass trained: %d features", len(p1.keys))
	if cfg&cfgStage2 == 0 {
		m := assemble(res, p1, nil, opt.Prune)
		logf("model: %d features after pruning", len(m.p.keys))
		return m, nil
	}

	// First-pass labels for every training document from a model that
	// did not see it, so that the second pass learns how far to trust
	// them on new text.
	tags1 := make([][]uint8, len(tdocs))
	conf1 := make([][]uint8, len(tdocs))
	for k := 0; k < opt.Folds; k++ {
		var in, out []int
		for i := range tdocs {
			if i%opt.Folds == k {
				out = append(out, i)
			} else {
				in = append(in, i)
			}
		}
		p, err := trainStage(ctx, &base.x, s1, tdocs, in, opt.Epochs, opt.Seed+int64(k)+1, opt.Margin, opt.MinCount, nil)
		if err != nil {
			return nil, err
		}
		m := assemble(res, p, nil, opt.Prune)
		for _, i := range out {
			tags1[i], conf1[i] = m.firstPass(tdocs[i].sents)
		}
		logf("fold %d/%d done", k+1, opt.Folds)
	}
	s1 = nil
	s2 := stageFeatures(base, tdocs, tags1, conf1)
	p2, err := trainStage(ctx, &base.x, s2, tdocs, all, opt.Epochs, opt.Seed, opt.Margin, opt.MinCount, nil)
	if err != nil {
		return nil, err
	}
	m := assemble(res, p1, p2, opt.Prune)
	logf("model: %d features after pruning (%d, %d before)", len(m.p.keys), len(p1.keys), len(p2.keys))
	return m, nil
}

// Vocabulary of the model's word cache: the most frequent words of the
// training text and the clusters' text (which is closer to today's
// news), as many as keep the cache to a few megabytes.
const (
	maxVocab      = 20000
	minVocabCount = 3
)

func chooseVocab(counts map[string]int) []string {
	var words []string
	for w, c := range counts {
		if c >= minVocabCount {
			words = append(words, w)
		}
	}
	slices.SortFunc(words, func(a, b string) int {
		if counts[a] != counts[b] {
			return counts[b] - counts[a]
		}
		return strings.Compare(a, b)
	})
	return words[:min(len(words), maxVocab)]
}

func prepareTrainDoc(base *Model, d Document) trainDoc {
	sents := make([][]string, len(d.Sentences))
	n := 0
	for i, s := range d.Sentences {
		sents[i] = s.Tokens
		n += len(s.Tokens)
	}
	st := base.getState()
	base.prepare(st, sents)
	td := trainDoc{
		sents:  sents,
		toks:   slices.Clone(st.toks),
		bounds: slices.Clone(st.bounds),
		gold:   make([]uint8, n),
	}
	base.states.Put(st)
	for i, s := range d.Sentences {
		encodeBILOU(td.gold[td.bounds[i]:td.bounds[i+1]], s.Spans)
	}
	return td
}

// firstPass tags a document with a first-pass-only model, for training
// the second.
func (m *Model) firstPass(sents [][]string) (tags, conf []uint8) {
	st := m.getState()
	m.prepare(st, sents)
	m.tag(st)
	tags, conf = slices.Clone(st.tags[0]), slices.Clone(st.conf)
	m.states.Put(st)
	return tags, conf
}

// stageData holds the static feature hashes of every training token.
type stageData struct {
	hashes []uint64
	off    [][]int32 // per document, per token: start in hashes; one extra at the end
}

// stageFeatures extracts the static features of every training token,
// with the second pass's document-level ones when tags1 (first-pass
// labels) is given.
func stageFeatures(base *Model, docs []trainDoc, tags1, conf1 [][]uint8) *stageData {
	sd := &stageData{off: make([][]int32, len(docs))}
	var buf []byte
	var ds docStats
	var dc docContext
	for di := range docs {
		d := &docs[di]
		off := make([]int32, len(d.toks)+1)
		if tags1 != nil {
			ds.build(d.toks, d.bounds, tags1[di], conf1[di])
		}
		if base.cfg&cfgCtxAgg != 0 {
			dc.build(d.toks, d.bounds)
		}
		for b := 0; b+1 < len(d.bounds); b++ {
			lo, hi := d.bounds[b], d.bounds[b+1]
			for i := lo; i < hi; i++ {
				off[i] = int32(len(sd.hashes))
				sd.hashes, buf = base.x.static(d.toks[lo:hi], i-lo, sd.hashes, buf)
				if base.cfg&cfgCtxAgg != 0 {
					sd.hashes = append(sd.hashes, dc.features(i)...)
				}
				if tags1 != nil {
					sd.hashes = ds.features(base.cfg, d.toks, lo, hi, i, tags1[di], sd.hashes)
				}
			}
		}
		off[len(d.toks)] = int32(len(sd.hashes))
		sd.off[di] = off
	}
	return sd
}

// perceptron is an averaged multiclass perceptron over hashed features,
// with integer weights so that training is exact and repeatable. The
// average is kept lazily: acc sums step×update, and the averaged weight
// is w - acc/step (Daumé's trick).
type perceptron struct {
	dict map[uint64]int32
	keys []uint64
	w    []int32
	acc  []int64
	step int64
}

func newPerceptron() *perceptron {
	return &perceptron{dict: map[uint64]int32{}, step: 1}
}

func (p *perceptron) row(h uint64) int32 {
	if r, ok := p.dict[h]; ok {
		return r
	}
	r := int32(len(p.keys))
	p.dict[h] = r
	p.keys = append(p.keys, h)
	p.w = append(p.w, make([]int32, nTags)...)
	p.acc = append(p.acc, make([]int64, nTags)...)
	return r
}

func (p *perceptron) add(r int32, t uint8, d int32) {
	i := int(r)*nTags + int(t)
	p.w[i] += d
	p.acc[i] += int64(d) * p.step
}

func (p *perceptron) update(r int32, gold, pred uint8) {
	i := int(r) * nTags
	p.w[i+int(gold)]++
	p.acc[i+int(gold)] += p.step
	p.w[i+int(pred)]--
	p.acc[i+int(pred)] -= p.step
}

func (p *perceptron) averaged(r int, t int) float32 {
	i := r*nTags + t
	return float32(float64(p.w[i]) - float64(p.acc[i])/float64(p.step))
}

// trainStage trains one pass's perceptron on the given documents,
// decoding as tagging will: by Viterbi (trainViterbi), or greedily left
// to right with its own predictions as history, one update per wrong
// token.
func trainStage(ctx context.Context, x *extractor, sd *stageData, docs []trainDoc, use []int, epochs int, seed int64, margin, minCount int32, each func(int, *perceptron)) (*perceptron, error) {
	p := newPerceptron()
	// Rows of the static features, resolved once in document order so
	// that row numbers do not depend on the shuffle.
	rows := make([][]int32, len(docs))
	type sent struct{ doc, lo, hi int }
	var sents []sent
	var count map[uint64]int32
	if minCount > 1 {
		count = map[uint64]int32{}
		for _, di := range use {
			off := sd.off[di]
			for _, h := range sd.hashes[off[0]:off[len(off)-1]] {
				count[h]++
			}
		}
	}
	for _, di := range use {
		off := sd.off[di]
		r := make([]int32, 0, off[len(off)-1]-off[0])
		for _, h := range sd.hashes[off[0]:off[len(off)-1]] {
			if count == nil || count[h] >= minCount {
				r = append(r, p.row(h))
			} else {
				r = append(r, -1)
			}
		}
		rows[di] = r
		b := docs[di].bounds
		for k := 0; k+1 < len(b); k++ {
			sents = append(sents, sent{di, b[k], b[k+1]})
		}
	}
	rng := rand.New(rand.NewPCG(uint64(seed), 0x6E6572))
	var hist []uint64
	var dyn []int32
	if x.cfg&cfgViterbi != 0 {
		return p, trainViterbi(ctx, x, p, sd, docs, rows, len(sents), func(i int) (int, int, int) { return sents[i].doc, sents[i].lo, sents[i].hi },
			func() { rng.Shuffle(len(sents), func(i, j int) { sents[i], sents[j] = sents[j], sents[i] }) }, epochs, margin, each)
	}
	for ep := 0; ep < epochs; ep++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rng.Shuffle(len(sents), func(i, j int) { sents[i], sents[j] = sents[j], sents[i] })
		for _, s := range sents {
			d := &docs[s.doc]
			off := sd.off[s.doc]
			off0 := off[0]
			ts := d.toks[s.lo:s.hi]
			p1, p2 := uint8(noTag), uint8(noTag)
			for i := s.lo; i < s.hi; i++ {
				var sc [nTags]int32
				static := rows[s.doc][off[i]-off0 : off[i+1]-off0]
				for _, r := range static {
					if r < 0 {
						continue
					}
					for t, v := range (*[nTags]int32)(p.w[int(r)*nTags : int(r)*nTags+nTags]) {
						sc[t] += v
					}
				}
				hist = x.history(ts, i-s.lo, p1, p2, hist[:0])
				dyn = dyn[:0]
				for _, h := range hist {
					r := p.row(h)
					dyn = append(dyn, r)
					for t, v := range (*[nTags]int32)(p.w[int(r)*nTags : int(r)*nTags+nTags]) {
						sc[t] += v
					}
				}
				mask := allowed[p1]
				if i == s.hi-1 {
					mask = allowedLast[p1]
				}
				pred := argmax(&sc, mask)
				gold := d.gold[i]
				// With a margin, a right answer that the runner-up
				// nearly beat is also a mistake.
				wrong := pred
				if pred == gold && margin > 0 && mask&(1<<gold) != 0 {
					if r := argmax(&sc, mask&^(1<<gold)); mask&^(1<<gold) != 0 && sc[gold]-sc[r] < margin {
						wrong = r
					}
				}
				if wrong != gold {
					for _, r := range static {
						if r >= 0 {
							p.update(r, gold, wrong)
						}
					}
					for _, r := range dyn {
						p.update(r, gold, wrong)
					}
				}
				p.step++
				p2, p1 = p1, pred
			}
		}
		if each != nil {
			each(ep, p)
		}
	}
	return p, nil
}

// assemble makes a model of the trained passes: one row per feature
// with both passes' averaged weights, features whose weights all round
// to less than prune dropped.
func assemble(res *parts, p1, p2 *perceptron, prune float64) *Model {
	p := *res
	p.stages = 1
	prs := []*perceptron{p1}
	if p2 != nil {
		p.stages = 2
		prs = append(prs, p2)
	}
	union := map[uint64]bool{}
	for _, pr := range prs {
		for _, k := range pr.keys {
			union[k] = true
		}
	}
	keys := sortedKeys(union)
	avg := make([]float32, len(keys)*width)
	maxAbs := 0.0
	for i, k := range keys {
		for s, pr := range prs {
			r, ok := pr.dict[k]
			if !ok {
				continue
			}
			for t := 0; t < nTags; t++ {
				v := pr.averaged(int(r), t)
				avg[i*width+s*nTags+t] = v
				maxAbs = max(maxAbs, math.Abs(float64(v)))
			}
		}
	}
	// One unit for all weights, such that the largest is weightRange
	// units: a token's summed score then stays well inside int16 (the
	// word cache stores sums so), and F1 on eng.testa does not move from
	// float weights (MEASUREMENTS.md).
	p.unit = float32(maxAbs / weightRange)
	if p.unit == 0 {
		p.unit = 1
	}
	p.keys = keys[:0:0]
	p.w = nil
	var row [width]int16
	for i, k := range keys {
		keep := false
		for j, v := range avg[i*width : (i+1)*width] {
			row[j] = 0
			if math.Abs(float64(v)) >= prune {
				row[j] = int16(math.Round(float64(v / p.unit)))
				keep = keep || row[j] != 0
			}
		}
		if keep {
			p.keys = append(p.keys, k)
			p.w = append(p.w, row[:]...)
		}
	}
	return newModel(&p)
}

// weightRange is the largest weight, in units.
const weightRange = 4000

// TrainFile trains with opt and writes the model to path.
func TrainFile(ctx context.Context, opt TrainOptions, path string) (*Model, error) {
	m, err := Train(ctx, opt)
	if err != nil {
		return nil, err
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := m.Save(f); err != nil {
		f.Close()
		return nil, err
	}
	return m, f.Close()
}

// trainViterbi is trainStage for models decoded by Viterbi: a structured
// perceptron, updating along the whole sentence where the best path
// (found with a margin added to every wrong label) differs from the gold
// one.
func trainViterbi(ctx context.Context, x *extractor, p *perceptron, sd *stageData, docs []trainDoc, rows [][]int32, nsent int,
	sent func(int) (int, int, int), shuffle func(), epochs int, margin int32, each func(int, *perceptron)) error {
	transRow := make([]int32, nHist)
	for t := 0; t < nHist; t++ {
		transRow[t] = p.row(fhash.Mix(tHist1, uint64(t)))
	}
	var sc [][nTags]int32
	var back [][nTags]int32
	var pred []uint8
	var trans [nHist][nTags]int32
	for ep := 0; ep < epochs; ep++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		shuffle()
		for k := 0; k < nsent; k++ {
			di, lo, hi := sent(k)
			d := &docs[di]
			off := sd.off[di]
			off0 := off[0]
			n := hi - lo
			sc = grow(sc, n)
			pred = grow(pred, n)
			back = grow(back, n)
			for i := lo; i < hi; i++ {
				v := &sc[i-lo]
				*v = [nTags]int32{}
				for _, r := range rows[di][off[i]-off0 : off[i+1]-off0] {
					if r < 0 {
						continue
					}
					for t, w := range (*[nTags]int32)(p.w[int(r)*nTags : int(r)*nTags+nTags]) {
						v[t] += w
					}
				}
				for t := range v {
					if uint8(t) != d.gold[i] {
						v[t] += margin
					}
				}
			}
			for t := 0; t < nHist; t++ {
				trans[t] = *(*[nTags]int32)(p.w[int(transRow[t])*nTags : int(transRow[t])*nTags+nTags])
			}
			viterbi(sc[:n], &trans, pred, back)
			gold := d.gold[lo:hi]
			for i := 0; i < n; i++ {
				if pred[i] != gold[i] {
					for _, r := range rows[di][off[lo+i]-off0 : off[lo+i+1]-off0] {
						if r >= 0 {
							p.update(r, gold[i], pred[i])
						}
					}
				}
				gp, pp := uint8(noTag), uint8(noTag)
				if i > 0 {
					gp, pp = gold[i-1], pred[i-1]
				}
				if gp != pp || gold[i] != pred[i] {
					p.add(transRow[gp], gold[i], 1)
					p.add(transRow[pp], pred[i], -1)
				}
			}
			p.step += int64(n)
		}
		if each != nil {
			each(ep, p)
		}
	}
	return nil
}
