package eval

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/dateline-news/dateline/corpus"
	"github.com/dateline-news/dateline/internal/dedup"
)

// DedupResult is `dateline eval dedup`: the near-duplicate index on the
// perturbation set built from the bundled Wikinews corpus.
//
// Precision, recall and F1 are pairwise over all pairs of the set's
// articles: a pair is predicted positive when the index put both in one
// group (groups are transitive), and gold positive when both come from
// one source article (the source and its copies). Negatives are every
// other pair, among them the hard ones that Similar and Template count.
type DedupResult struct {
	Task      string  `json:"task"`
	N         int     `json:"n"` // articles indexed
	Sources   int     `json:"sources"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	// PerturbationRecall is, per kind of copy, the share of copies put in
	// their source's group.
	PerturbationRecall map[string]float64 `json:"perturbation_recall"`
	// Similar is the number of the most similar pairs of distinct sources
	// (by word overlap) scored, SimilarMerged those the index grouped;
	// SimilarJaccard is the highest shingle Jaccard among them.
	Similar        int     `json:"similar_pairs"`
	SimilarMerged  int     `json:"similar_merged"`
	SimilarJaccard float64 `json:"similar_max_jaccard"`
	// Template is the number of "same template, different facts"
	// variants (every name and number of a source replaced), and
	// TemplateMerged those grouped with their source.
	Template       int `json:"template_variants"`
	TemplateMerged int `json:"template_merged"`
	// EarliestRight is the share of sources that their group names as
	// its earliest copy.
	EarliestRight   float64 `json:"earliest_right"`
	Groups          int     `json:"groups"` // predicted groups
	ArticlesPerSec  float64 `json:"articles_per_sec"`
	BytesPerArticle float64 `json:"bytes_per_article"`
	Seconds         float64 `json:"seconds"`
}

// DedupSeed is the perturbation set's seed.
const DedupSeed = 1

// RunDedup builds the perturbation set with DedupSeed and scores the
// index with its default options on it.
func RunDedup(ctx context.Context) (*DedupResult, error) {
	return ScoreDedup(ctx, DedupSeed, dedup.DefaultShingle, dedup.Options{})
}

// ScoreDedup builds the perturbation set with seed and scores an index
// with k-word shingles and opts on it. Speed is signing and adding on
// one goroutine; memory is the index's heap growth per article.
func ScoreDedup(ctx context.Context, seed uint64, k int, opts dedup.Options) (*DedupResult, error) {
	start := time.Now()
	src, err := dedupSources()
	if err != nil {
		return nil, err
	}
	r, err := scoreDedupSet(ctx, src, perturbSet(src, seed), dupSimilarSources(src, 100), k, opts)
	if err != nil {
		return nil, err
	}
	r.Seconds = time.Since(start).Seconds()
	return r, nil
}

// scoreDedupSet scores the index on docs, the perturbation set of src;
// similar are the hard pairs of distinct sources.
func scoreDedupSet(ctx context.Context, src, docs []dedupArticle, similar [][2]int, k int, opts dedup.Options) (*DedupResult, error) {
	ix, err := dedup.NewIndex(opts)
	if err != nil {
		return nil, fmt.Errorf("eval dedup: %w", err)
	}

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	t0 := time.Now()
	for i, d := range docs {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		ix.Add(dedup.Doc{ID: d.id, Published: d.published, Sig: dedup.Sign(d.paras, k)})
	}
	elapsed := time.Since(t0).Seconds()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(ix)

	r := &DedupResult{
		Task:               "dedup",
		N:                  len(docs),
		Sources:            len(src),
		PerturbationRecall: map[string]float64{},
		ArticlesPerSec:     float64(len(docs)) / elapsed,
		BytesPerArticle:    (float64(after.HeapAlloc) - float64(before.HeapAlloc)) / float64(len(docs)),
	}
	group := func(id string) string {
		g, _, _ := ix.Group(id)
		return g
	}

	// Pairwise figures from the contingency of gold and predicted groups.
	cells := map[[2]string]int{}
	gold := map[string]int{}
	pred := map[string]int{}
	for _, d := range docs {
		g := group(d.id)
		cells[[2]string{d.gold, g}]++
		gold[d.gold]++
		pred[g]++
	}
	pairs := func(n int) float64 { return float64(n) * float64(n-1) / 2 }
	var tp, gp, pp float64
	for _, n := range cells {
		tp += pairs(n)
	}
	for _, n := range gold {
		gp += pairs(n)
	}
	for _, n := range pred {
		pp += pairs(n)
	}
	r.Groups = len(pred)
	r.Precision, r.Recall = dedupRatio(tp, pp), dedupRatio(tp, gp)
	if r.Precision+r.Recall > 0 {
		r.F1 = 2 * r.Precision * r.Recall / (r.Precision + r.Recall)
	}

	found, total := map[string]int{}, map[string]int{}
	for _, d := range docs {
		switch d.kind {
		case "source":
			if _, earliest, _ := ix.Group(d.id); earliest == d.id {
				r.EarliestRight++
			}
		case "template":
			r.Template++
			if group(d.id) == group(src[d.source].id) {
				r.TemplateMerged++
			}
		default:
			total[d.kind]++
			if group(d.id) == group(src[d.source].id) {
				found[d.kind]++
			}
		}
	}
	r.EarliestRight /= float64(len(src))
	for kind, n := range total {
		r.PerturbationRecall[kind] = float64(found[kind]) / float64(n)
	}

	for _, p := range similar {
		r.Similar++
		if group(src[p[0]].id) == group(src[p[1]].id) {
			r.SimilarMerged++
		}
		a, b := dedup.Shingles(src[p[0]].paras, k), dedup.Shingles(src[p[1]].paras, k)
		r.SimilarJaccard = max(r.SimilarJaccard, dupSetJaccard(a, b))
	}
	return r, nil
}

func dedupRatio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// A dedupArticle is one article of the perturbation set: a headline
// followed by the body's paragraphs, as a page's text would carry them.
type dedupArticle struct {
	id, published string
	paras         []string
	gold          string // the source's id, or the article's own for a template variant
	kind          string // "source", "template" or the perturbation
	source        int    // the source's index
}

// dedupSources reads the bundled corpus: each article's title, then its
// paragraphs.
func dedupSources() ([]dedupArticle, error) {
	recs, err := corpus.Articles()
	if err != nil {
		return nil, fmt.Errorf("eval dedup: %w", err)
	}
	out := make([]dedupArticle, 0, len(recs))
	for _, rec := range recs {
		out = append(out, dedupArticle{
			id: rec.ID, published: rec.Date + "T08:00:00Z", paras: append([]string{rec.Title}, rec.Paragraphs()...),
			gold: rec.ID, kind: "source", source: len(out),
		})
	}
	return out, nil
}

// The kinds of copy, each made from every source. The combinations are
// what a syndicated copy on another site looks like.
var dupPerturbations = []struct {
	name string
	fn   func(r *rand.Rand, paras []string, titles []string) []string
}{
	{"chrome", dupAddChrome},
	{"headline", dupRewriteHeadline},
	{"truncate", dupTruncate},
	{"reorder", dupReorder},
	{"credit", dupChangeCredit},
	{"edits", dupLightEdits},
	{"resplit", dupResplit},
	{"combined", func(r *rand.Rand, p, t []string) []string {
		return dupAddChrome(r, dupTruncate(r, dupLightEdits(r, dupChangeCredit(r, dupRewriteHeadline(r, p, t), t), t), t), t)
	}},
	{"combined+order", func(r *rand.Rand, p, t []string) []string {
		p = dupReorder(r, dupResplit(r, dupLightEdits(r, dupChangeCredit(r, dupRewriteHeadline(r, p, t), t), t), t), t)
		return dupAddChrome(r, dupTruncate(r, p, t), t)
	}},
}

// perturbSet makes every source's copies and template variant, dated
// after the source, and shuffles the lot, so that copies sometimes reach
// the index before their source.
func perturbSet(src []dedupArticle, seed uint64) []dedupArticle {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	titles := make([]string, len(src))
	for i, s := range src {
		titles[i] = s.paras[0]
	}
	names := dupProperNames(src)
	var out []dedupArticle
	for i, s := range src {
		out = append(out, s)
		day, _ := time.Parse(time.RFC3339, s.published)
		for _, p := range dupPerturbations {
			out = append(out, dedupArticle{
				id:        s.id + "#" + p.name,
				published: day.Add(time.Duration(1+r.IntN(72)) * time.Hour).Format(time.RFC3339),
				paras:     p.fn(r, slices.Clone(s.paras), titles),
				gold:      s.id,
				kind:      p.name,
				source:    i,
			})
		}
		id := s.id + "#template"
		out = append(out, dedupArticle{
			id:        id,
			published: day.AddDate(0, 0, 1+r.IntN(300)).Format(time.RFC3339),
			paras:     dupNewFacts(r, s.paras, names),
			gold:      id,
			kind:      "template",
			source:    i,
		})
	}
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

var (
	dupMenus = []string{
		"Home | World | U.S. | Politics | Business | Tech | Health | Sports | Opinion",
		"News Sport Weather iPlayer Sounds",
		"Skip to main content",
		"Advertisement",
		"Subscribe now for unlimited access",
	}
	dupPromos = []string{
		"Click here to get the app",
		"CLICK HERE TO GET THE NEWS APP",
		"Share this article: Facebook Twitter Email WhatsApp",
		"Sign up for our daily newsletter",
		"Copyright 2020 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
		"Follow us on Twitter and Instagram",
		"Comments are closed.",
	}
	dupCities  = []string{"LONDON", "WASHINGTON", "NEW YORK", "PARIS", "BERLIN", "TOKYO", "SYDNEY", "MOSCOW"}
	dupCredits = []string{"(Reuters)", "(AP)", "(AFP)", "(dpa)", "(Bloomberg)"}
	dupPeople  = []string{"Jane Smith", "David Brunnstrom", "Maria Tsvetkova", "Luke Baker", "Andrew Osborn", "Kim Coghill"}
)

func dupPick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// dupAddChrome puts site furniture above and below the body: dupMenus,
// dupPromos, share prompts and related headlines.
func dupAddChrome(r *rand.Rand, paras, titles []string) []string {
	var top, bottom []string
	for range 1 + r.IntN(2) {
		top = append(top, dupPick(r, dupMenus))
	}
	for range 1 + r.IntN(2) {
		bottom = append(bottom, dupPick(r, dupPromos))
	}
	bottom = append(bottom, "Related:")
	for range 3 {
		bottom = append(bottom, dupPick(r, titles))
	}
	return slices.Concat(top, paras, bottom)
}

// dupRewriteHeadline rewrites the headline as a desk would: a new one from
// the lead's words, a tag, or the site's name appended.
func dupRewriteHeadline(r *rand.Rand, paras, _ []string) []string {
	title := paras[0]
	switch r.IntN(3) {
	case 0:
		lead := strings.Fields(paras[min(1, len(paras)-1)])
		title = strings.Join(lead[:min(len(lead), 6+r.IntN(5))], " ")
	case 1:
		title = "UPDATE " + fmt.Sprint(1+r.IntN(4)) + "-" + strings.ToLower(title)
	default:
		title += " - " + dupPick(r, []string{"The Daily Star", "Yahoo News", "MSN", "Local 10"})
	}
	paras[0] = title
	return paras
}

// dupTruncate keeps the first 60 to 80% of the body's words, as a site
// that shows a teaser does, and ends with a prompt to read on.
func dupTruncate(r *rand.Rand, paras, _ []string) []string {
	words := 0
	for _, p := range paras[1:] {
		words += len(strings.Fields(p))
	}
	keep := int(float64(words) * (0.6 + 0.2*r.Float64()))
	out := paras[:1]
	for _, p := range paras[1:] {
		f := strings.Fields(p)
		if len(f) >= keep {
			if keep > 0 {
				out = append(out, strings.Join(f[:keep], " ")+"…")
			}
			break
		}
		out = append(out, p)
		keep -= len(f)
	}
	return append(out, "Read more")
}

// dupReorder moves about a quarter of the body's paragraphs.
func dupReorder(r *rand.Rand, paras, _ []string) []string {
	body := paras[1:]
	for range max(1, len(body)/4) {
		i, j := r.IntN(len(body)), r.IntN(len(body))
		body[i], body[j] = body[j], body[i]
	}
	return paras
}

// dupChangeCredit gives the body a wire dateline and credit line of another
// agency, and a closing "Reporting by" line.
func dupChangeCredit(r *rand.Rand, paras, _ []string) []string {
	if len(paras) > 1 {
		paras[1] = dupPick(r, dupCities) + " " + dupPick(r, dupCredits) + " — " + paras[1]
	}
	return append(paras, fmt.Sprintf("Reporting by %s; Editing by %s", dupPick(r, dupPeople), dupPick(r, dupPeople)))
}

// dupLightEdits changes a word per paragraph, makes a typo now and then,
// and swaps the kind of quotation marks and dashes, as copy desks and
// content systems do.
func dupLightEdits(r *rand.Rand, paras, _ []string) []string {
	swaps := strings.NewReplacer(`"`, "“", "'", "’", " - ", " — ", "“", `"`, "”", `"`, "’", "'", "—", "--")
	for i, p := range paras {
		f := strings.Fields(p)
		if len(f) == 0 {
			continue
		}
		f[r.IntN(len(f))] = dupPick(r, []string{"reportedly", "also", "the", "several", "new", "said"})
		if r.IntN(2) == 0 {
			j := r.IntN(len(f))
			if w := []byte(f[j]); len(w) > 3 {
				k := 1 + r.IntN(len(w)-2)
				w[k], w[k+1] = w[k+1], w[k]
				f[j] = string(w)
			}
		}
		paras[i] = swaps.Replace(strings.Join(f, " "))
	}
	return paras
}

// dupResplit breaks the body into paragraphs another way: adjacent short
// ones joined, long ones split after a sentence.
func dupResplit(r *rand.Rand, paras, _ []string) []string {
	out := paras[:1:1]
	for i := 1; i < len(paras); i++ {
		p := paras[i]
		if i+1 < len(paras) && r.IntN(2) == 0 {
			out = append(out, p+" "+paras[i+1])
			i++
			continue
		}
		if k := strings.Index(p, ". "); k > 0 && r.IntN(2) == 0 {
			out = append(out, p[:k+1], p[k+2:])
			continue
		}
		out = append(out, p)
	}
	return out
}

// dupProperNames collects the capitalised words inside sentences and the
// numbers of the corpus: the facts a template variant swaps.
func dupProperNames(src []dedupArticle) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range src {
		for _, p := range s.paras[1:] {
			for i, w := range strings.Fields(p) {
				w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
				if i > 0 && dupIsName(w) && !seen[w] {
					seen[w] = true
					out = append(out, w)
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

func dupIsName(w string) bool {
	return len(w) > 1 && w[0] >= 'A' && w[0] <= 'Z' && strings.ToLower(w[1:]) == w[1:]
}

// dupNewFacts writes a source's template with other facts: every
// capitalised word inside a sentence becomes another name (the same
// name always the same other) and every number another number, as in two
// reports of one kind of event. Such a variant is not a copy.
func dupNewFacts(r *rand.Rand, paras, names []string) []string {
	swap := map[string]string{}
	out := make([]string, len(paras))
	for i, p := range paras {
		f := strings.Fields(p)
		for j, w := range f {
			core := strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
			if core == "" {
				continue
			}
			var rep string
			switch {
			case unicode.IsDigit(rune(core[0])):
				rep = fmt.Sprint(1 + r.IntN(2020))
			case j > 0 && dupIsName(core):
				var ok bool
				if rep, ok = swap[core]; !ok {
					rep = dupPick(r, names)
					swap[core] = rep
				}
			default:
				continue
			}
			f[j] = strings.Replace(w, core, rep, 1)
		}
		out[i] = strings.Join(f, " ")
	}
	return out
}

// dupSimilarSources returns the n pairs of distinct sources with the most
// word overlap (Jaccard of their sets of words), the hardest negatives
// the corpus holds.
func dupSimilarSources(src []dedupArticle, n int) [][2]int {
	sets := make([][]string, len(src))
	for i, s := range src {
		var ws []string
		for _, p := range s.paras {
			ws = append(ws, strings.FieldsFunc(strings.ToLower(p), func(r rune) bool {
				return !unicode.IsLetter(r) && !unicode.IsDigit(r)
			})...)
		}
		slices.Sort(ws)
		sets[i] = slices.Compact(ws)
	}
	type pair struct {
		i, j int
		sim  float64
	}
	var ps []pair
	for i := range sets {
		for j := i + 1; j < len(sets); j++ {
			ps = append(ps, pair{i, j, dupSetJaccard(sets[i], sets[j])})
		}
	}
	sort.Slice(ps, func(a, b int) bool { return ps[a].sim > ps[b].sim })
	var out [][2]int
	for _, p := range ps[:min(n, len(ps))] {
		out = append(out, [2]int{p.i, p.j})
	}
	return out
}

// dupSetJaccard is the Jaccard similarity of two sorted sets.
func dupSetJaccard[T int | uint64 | string](a, b []T) float64 {
	inter := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			inter++
			i++
			j++
		}
	}
	if u := len(a) + len(b) - inter; u > 0 {
		return float64(inter) / float64(u)
	}
	return 0
}
