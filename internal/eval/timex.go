package eval

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/text"
	"github.com/dateline-news/dateline/internal/timex"
)

// TimeResult is `dateline eval time`: the temporal tagger on a TempEval-3
// split, scored as the TempEval-3 toolkit scores TIMEX3 (UzZaman et al.,
// 2013). Extraction is strict (the same span) or relaxed (any overlap);
// value and type are the share of relaxed matches whose attribute is
// right, times relaxed F1. Figures are fractions (0..1).
type TimeResult struct {
	Task             string  `json:"task"`
	Split            string  `json:"split"`
	N                int     `json:"n"` // documents
	Gold             int     `json:"gold"`
	System           int     `json:"system"`
	Precision        float64 `json:"precision"` // relaxed
	Recall           float64 `json:"recall"`    // relaxed
	F1               float64 `json:"f1"`        // relaxed
	StrictPrecision  float64 `json:"strict_precision"`
	StrictRecall     float64 `json:"strict_recall"`
	StrictF1         float64 `json:"strict_f1"`
	RelaxedPrecision float64 `json:"relaxed_precision"`
	RelaxedRecall    float64 `json:"relaxed_recall"`
	RelaxedF1        float64 `json:"relaxed_f1"`
	ValueAccuracy    float64 `json:"value_accuracy"`
	TypeAccuracy     float64 `json:"type_accuracy"`
	ValueF1          float64 `json:"value_f1"`
	TypeF1           float64 `json:"type_f1"`
	Tokens           int     `json:"tokens"`
	TokensPerSec     float64 `json:"tokens_per_sec"` // tagging alone, on tokens and sentences already split
	Seconds          float64 `json:"seconds"`
}

// TimeMLDoc is one TimeML document: its text (the TEXT element, tags
// removed, entities decoded), its creation time and its TIMEX3 spans as
// byte offsets into Text.
type TimeMLDoc struct {
	Name  string
	DCT   string
	Text  string
	Gold  []TimeSpan
	Paras [][2]int // byte ranges of Text's paragraphs (blank-line separated)
}

// TimeSpan is a TIMEX3 (gold) or a tagged date (system) in a document.
type TimeSpan struct {
	Start, End int
	Type       string
	Value      string
	Mod        string
	Text       string
}

// ErrNoTimeML is returned when a split holds no .tml files.
var ErrNoTimeML = errors.New("no TimeML documents")

// LoadTimeML reads every .tml file under dir, in name order.
func LoadTimeML(ctx context.Context, dir string) ([]TimeMLDoc, error) {
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".tml") {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", dir, err)
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("%s: %w", dir, ErrNoTimeML)
	}
	sort.Strings(paths)
	docs := make([]TimeMLDoc, 0, len(paths))
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		d, err := ParseTimeML(string(b))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		d.Name = filepath.Base(p)
		docs = append(docs, d)
	}
	return docs, nil
}

// ParseTimeML reads one TimeML document. Only TIMEX3 tags inside TEXT
// are gold; the DCT's TIMEX3 gives the reference date.
func ParseTimeML(s string) (TimeMLDoc, error) {
	var d TimeMLDoc
	if i := strings.Index(s, "<DCT>"); i >= 0 {
		if j := strings.Index(s[i:], "</DCT>"); j >= 0 {
			d.DCT = attr(s[i:i+j], "value")
		}
	}
	a := strings.Index(s, "<TEXT>")
	b := strings.LastIndex(s, "</TEXT>")
	if a < 0 || b < a {
		return d, errors.New("no TEXT element")
	}
	body := s[a+len("<TEXT>") : b]
	var out strings.Builder
	type open struct {
		start int
		tag   string
	}
	var stack []open
	for i := 0; i < len(body); {
		c := body[i]
		switch c {
		case '<':
			j := strings.IndexByte(body[i:], '>')
			if j < 0 {
				return d, errors.New("unclosed tag")
			}
			tag := body[i+1 : i+j]
			i += j + 1
			switch {
			case strings.HasPrefix(tag, "/TIMEX3"):
				if len(stack) == 0 {
					return d, errors.New("unbalanced </TIMEX3>")
				}
				o := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				t := out.String()[o.start:out.Len()]
				d.Gold = append(d.Gold, TimeSpan{Start: o.start, End: out.Len(), Type: attr(o.tag, "type"),
					Value: attr(o.tag, "value"), Mod: attr(o.tag, "mod"), Text: t})
			case strings.HasPrefix(tag, "TIMEX3"):
				if strings.HasSuffix(tag, "/") {
					continue // an empty TIMEX3 marks no text
				}
				stack = append(stack, open{out.Len(), tag})
			}
		case '&':
			j := strings.IndexByte(body[i:], ';')
			if j > 0 && j < 10 {
				if r, ok := entity(body[i+1 : i+j]); ok {
					out.WriteString(r)
					i += j + 1
					continue
				}
			}
			out.WriteByte(c)
			i++
		default:
			out.WriteByte(c)
			i++
		}
	}
	d.Text = out.String()
	// Spans of white space at either end are not part of what the
	// annotator marked.
	for k := range d.Gold {
		g := &d.Gold[k]
		for g.Start < g.End && isSpace(d.Text[g.Start]) {
			g.Start++
		}
		for g.End > g.Start && isSpace(d.Text[g.End-1]) {
			g.End--
		}
		g.Text = d.Text[g.Start:g.End]
	}
	d.Paras = paragraphs(d.Text)
	return d, nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

func attr(tag, name string) string {
	k := strings.Index(tag, " "+name+"=\"")
	if k < 0 {
		return ""
	}
	v := tag[k+len(name)+3:]
	if e := strings.IndexByte(v, '"'); e >= 0 {
		return v[:e]
	}
	return ""
}

func entity(e string) (string, bool) {
	switch e {
	case "amp":
		return "&", true
	case "lt":
		return "<", true
	case "gt":
		return ">", true
	case "quot":
		return "\"", true
	case "apos":
		return "'", true
	}
	if strings.HasPrefix(e, "#") {
		var n int64
		var err error
		if strings.HasPrefix(e, "#x") {
			n, err = strconv.ParseInt(e[2:], 16, 32)
		} else {
			n, err = strconv.ParseInt(e[1:], 10, 32)
		}
		if err == nil && n > 0 {
			return string(rune(n)), true
		}
	}
	return "", false
}

// paragraphs splits text at blank lines, as the articles dateline tags
// are split into paragraphs, and trims the white space at either end of
// each.
func paragraphs(t string) [][2]int {
	var ps [][2]int
	add := func(a, b int) {
		for a < b && isSpace(t[a]) {
			a++
		}
		for b > a && isSpace(t[b-1]) {
			b--
		}
		if a < b {
			ps = append(ps, [2]int{a, b})
		}
	}
	start := 0
	for i := 0; i < len(t); i++ {
		if t[i] != '\n' {
			continue
		}
		j := i + 1
		for j < len(t) && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r') {
			j++
		}
		if j < len(t) && t[j] == '\n' {
			add(start, i)
			start = j
			i = j
		}
	}
	add(start, len(t))
	return ps
}

// TagTimeML runs the tagger over a document's paragraphs in order, with
// its DCT as the reference date, and returns the dates found with
// offsets into d.Text, the number of tokens, and the time spent tagging.
func TagTimeML(tg *timex.Tagger, d *TimeMLDoc) ([]TimeSpan, int, time.Duration) {
	dc := timex.NewDocContext(d.DCT)
	var toks []text.Token
	var sents []text.Sentence
	var dates []article.Date
	var out []TimeSpan
	n := 0
	var spent time.Duration
	for _, pr := range d.Paras {
		para := d.Text[pr[0]:pr[1]]
		toks = text.AppendTokens(toks[:0], para)
		sents = text.AppendSentences(sents[:0], para, toks)
		n += len(toks)
		t0 := time.Now()
		dates = tg.Tag(dates[:0], 0, para, toks, sents, dc)
		spent += time.Since(t0)
		for _, x := range dates {
			out = append(out, TimeSpan{Start: pr[0] + x.Start, End: pr[0] + x.End, Type: x.Type, Value: x.Value,
				Mod: article.Str(x.Mod), Text: x.Text})
		}
	}
	return out, n, spent
}

// TimeTally counts what the TempEval-3 scorer counts.
type TimeTally struct {
	Gold, System                int
	StrictGold, RelaxedGold     int // gold spans matched
	StrictSystem, RelaxedSystem int // system spans matched
	ValueMatch, TypeMatch       int // over relaxed gold matches
}

// Add scores one document's system spans against its gold spans. A gold
// span is matched by the system span with the same extent if there is
// one, else by the one that overlaps it most; its value and type are
// compared with that span's.
func (t *TimeTally) Add(gold, sys []TimeSpan) {
	t.Gold += len(gold)
	t.System += len(sys)
	for _, g := range gold {
		best, bestOv := -1, 0
		for k, x := range sys {
			ov := overlap(g.Start, g.End, x.Start, x.End)
			if ov <= 0 {
				continue
			}
			if x.Start == g.Start && x.End == g.End {
				best, bestOv = k, 1<<30
				break
			}
			if ov > bestOv {
				best, bestOv = k, ov
			}
		}
		if best < 0 {
			continue
		}
		x := sys[best]
		t.RelaxedGold++
		if x.Start == g.Start && x.End == g.End {
			t.StrictGold++
		}
		if x.Value == g.Value {
			t.ValueMatch++
		}
		if x.Type == g.Type {
			t.TypeMatch++
		}
	}
	for _, x := range sys {
		rel, strict := false, false
		for _, g := range gold {
			if overlap(g.Start, g.End, x.Start, x.End) > 0 {
				rel = true
				if x.Start == g.Start && x.End == g.End {
					strict = true
				}
			}
		}
		if rel {
			t.RelaxedSystem++
		}
		if strict {
			t.StrictSystem++
		}
	}
}

func overlap(a0, a1, b0, b1 int) int {
	lo, hi := a0, a1
	if b0 > lo {
		lo = b0
	}
	if b1 < hi {
		hi = b1
	}
	return hi - lo
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Fill sets r's scores from the tally.
func (t *TimeTally) Fill(r *TimeResult) {
	r.Gold, r.System = t.Gold, t.System
	r.StrictPrecision = ratio(t.StrictSystem, t.System)
	r.StrictRecall = ratio(t.StrictGold, t.Gold)
	r.StrictF1 = f1(r.StrictPrecision, r.StrictRecall)
	r.RelaxedPrecision = ratio(t.RelaxedSystem, t.System)
	r.RelaxedRecall = ratio(t.RelaxedGold, t.Gold)
	r.RelaxedF1 = f1(r.RelaxedPrecision, r.RelaxedRecall)
	r.Precision, r.Recall, r.F1 = r.RelaxedPrecision, r.RelaxedRecall, r.RelaxedF1
	r.ValueAccuracy = ratio(t.ValueMatch, t.RelaxedGold)
	r.TypeAccuracy = ratio(t.TypeMatch, t.RelaxedGold)
	r.ValueF1 = r.ValueAccuracy * r.RelaxedF1
	r.TypeF1 = r.TypeAccuracy * r.RelaxedF1
}

// RunTime scores the temporal tagger on split ("te3-platinum" to report,
// "TBAQ-cleaned" to develop) under dataDir/tempeval3, each document's DCT
// its reference date.
func RunTime(ctx context.Context, dataDir, split string) (TimeResult, error) {
	start := time.Now()
	docs, err := LoadTimeML(ctx, filepath.Join(dataDir, "tempeval3", split))
	if err != nil {
		return TimeResult{}, err
	}
	tg := timex.New()
	var tally TimeTally
	var spent time.Duration
	r := TimeResult{Task: "time", Split: split, N: len(docs)}
	for k := range docs {
		if err := ctx.Err(); err != nil {
			return r, err
		}
		sys, n, d := TagTimeML(tg, &docs[k])
		r.Tokens += n
		spent += d
		tally.Add(docs[k].Gold, sys)
	}
	tally.Fill(&r)
	if spent > 0 {
		r.TokensPerSec = float64(r.Tokens) / spent.Seconds()
	}
	r.Seconds = time.Since(start).Seconds()
	return r, nil
}
