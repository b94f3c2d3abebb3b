// Package langeval measures language detectors on the shared data sets:
// accuracy on the multilingual article-extraction-benchmark (full article
// body and its first 200 characters), false positives on English news
// (Wikinews articles and CoNLL-2003 sentences), speed per call with one
// core, and the heap a detector keeps after loading its models.
//
// It is test support for package lang (TestMeasure) and for the candidate
// comparison in internal/lang/testdata/langeval; it imports nothing but the
// standard library, so it costs nothing to a binary that does not import it.
package langeval

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"time"
	"unicode"
)

// DataDir returns the shared data folder: $DATELINE_DATA when set, else def
// (callers pass the path of shared/data relative to their package folder).
func DataDir(def string) string {
	if d := os.Getenv("DATELINE_DATA"); d != "" {
		return d
	}
	return def
}

// Sample is one benchmark page with its language label.
type Sample struct {
	Name   string // file name without .html.gz
	URL    string
	Lang   string // ISO 639-1, lower case
	Source string // where the label came from: html, meta, og, hand
	Text   string // articleBody
}

// Data is everything a measurement reads.
type Data struct {
	Bench    []Sample // labelled benchmark pages
	Skipped  []string // benchmark pages without a usable label
	Wikinews []string // English Wikinews article texts
	CoNLL    []string // English CoNLL-2003 sentences (tokens joined by spaces)
}

// HandLabels labels the benchmark pages whose HTML carries no language, or
// whose declared language contradicts the text (checked by reading the
// text). Everything else is labelled from the HTML.
var HandLabels = map[string]string{
	// No lang attribute, content-language or og:locale; text is plainly
	// Portuguese (autoracing.com.br).
	"11ea381ad92b5448cf66eae62f52ac565361a244c8881615fc6a7bb523cc0c32": "pt",
	"cc03ddb5ef7d5f1fdb8a87f5e6dfd058a2a70acedf2551655a898dc5c18eb79e": "pt",
	// No label; plainly English US/UK/intl news (ctpost, crn, linknaija,
	// aljazeera, sfgate, billboard, chron, quantamagazine, thespacereview,
	// cnn, panarmenian/eng, jpost, timesunion, mysanantonio).
	"05844573ca7e1fba714d715bb11ca08c26e25328999c74a1cb3bc8a0e4399f0f": "en",
	"291a8bf33ee49074f33dcff37544ac40506cae450db83b6cb63f02b9920b51c2": "en",
	"34a7328535ad4e60b059f81d37eec5d25c2bc8de759ce9a7b5e47ac7dc6fd1b0": "en",
	"358cc4a080456476b0f883c56bdce796874c286ed6efab25f5718dd95fab42a8": "en",
	"42aad16bde9288623543642a9ce1a396be83e2db44aa2ff8cbbfe46e14abd7cc": "en",
	"5caf91b8a4423735f866b089d2611ea14503584cf3b6f487c6d26eb7b9521fca": "en",
	"7916ecca969ffdd8f6fc32d171fbe0dd63db40fe4c1d2ade02b1dec5929a162f": "en",
	"9cb8224b660f36c932823ab613fb76a07928fcbc41956c4c1f96f4ecab9202aa": "en",
	"9ebb3af65694a953005df5bd3869b2cefc263e1dea0471e3ef361c66a264cdd3": "en",
	"a6968f427cdb786531cfb326518e674bd8b48af94df7c5c6165cdf40e944357a": "en",
	"aec5deeaada8b2fb81b55349da0229d5c77a4dc9605c1aaa31e5ce8b71358bc9": "en",
	"bdb56ac83513635db1d8b9eb46b2da4c0de8da2f1f28f5bf5163df3eb3d3ec06": "en",
	"c00962aabe7bdd1fca78f5360ea7fa93cd7674863b05157e00827506a7aa58c4": "en",
	"d605bdef2cde7308a9f2fbd1484d4a9c3da0167177245d346da61e455f42208d": "en",
	"d90bda7ed14df19574f4ca8b1ccde5752a78f40058af1393e81cc99adb3e8756": "en",
	"db6b0816c612296c7f1f001c6df874214fcca0da0fc86fb3aea9358c7f681754": "en",
	"e372e42c0a3df7b86e1c0bacf7bc14d042144a01e88833bc5a643d61b3547090": "en",
	"ecb46e3e489d2aac92b2563112e1801077b4219a6db9751f18e228bcaf457802": "en",
	"eecd2575093b85933997521d6babddd397599419588d7096c5c19dc4ffe2ea72": "en",
	"ef2b3f268a67950c16563de9ca3209163c7618868c0216739e1e794e7884cc20": "en",
	"ef4e67b66d63b5facef55c06a94d85f2ae01a0a1a4a3a1bcfe2499c8c8a7dacf": "en",
}

// Corrections override an HTML label that the text contradicts (each
// checked by reading the article).
var Corrections = map[string]string{
	// businessinsider.com pages that declare <html lang="de">; the
	// articles are in English.
	"f81c6c05d9cbc93316992fa23ef74ec405194e292611f2e94f6a814868903665": "en",
	"fde930b01859de8311c6a14f8aa8c72be0659b551367803deb6736cf3526cf2e": "en",
	// blog.comwrap.com pages that declare <html lang="en">; the articles
	// are in German.
	"57b4dafd18cfd0531b69f81e87158648227c673ef159f8d8c87d34e34bdb21f2": "de",
	"ba07d1e64775f4090e39116c382111f5a2cfe9528dd179673f4e9bfcea370c15": "de",
}

var (
	reHTMLLang = regexp.MustCompile(`(?is)<html\b[^>]*?\blang\s*=\s*["']?\s*([A-Za-z]{2,3})`)
	reMeta1    = regexp.MustCompile(`(?is)<meta\b[^>]*?http-equiv\s*=\s*["']?content-language["']?[^>]*?content\s*=\s*["']?\s*([A-Za-z]{2,3})`)
	reMeta2    = regexp.MustCompile(`(?is)<meta\b[^>]*?content\s*=\s*["']?\s*([A-Za-z]{2,3})[^>]*?http-equiv\s*=\s*["']?content-language`)
	reOG1      = regexp.MustCompile(`(?is)<meta\b[^>]*?property\s*=\s*["']og:locale["'][^>]*?content\s*=\s*["']\s*([A-Za-z]{2,3})`)
	reOG2      = regexp.MustCompile(`(?is)<meta\b[^>]*?content\s*=\s*["']\s*([A-Za-z]{2,3})[^"']*["'][^>]*?property\s*=\s*["']og:locale["']`)
)

// LabelHTML returns the language declared by an HTML page (lower-case,
// first two letters) and where it was found, or "", "".
func LabelHTML(page []byte) (lang, source string) {
	try := func(src string, res ...*regexp.Regexp) bool {
		for _, re := range res {
			if m := re.FindSubmatch(page); m != nil {
				lang, source = strings.ToLower(string(m[1][:2])), src
				return true
			}
		}
		return false
	}
	if try("html", reHTMLLang) || try("meta", reMeta1, reMeta2) || try("og", reOG1, reOG2) {
		return lang, source
	}
	return "", ""
}

// Load reads all data sets from dir (the shared data folder).
func Load(dir string) (*Data, error) {
	d := &Data{}
	var err error
	if d.Bench, d.Skipped, err = LoadBenchmark(filepath.Join(dir, "article-extraction-benchmark")); err != nil {
		return nil, err
	}
	if d.Wikinews, err = LoadWikinews(filepath.Join(dir, "demo-news", "wikinews_2019_2020.jsonl.gz")); err != nil {
		return nil, err
	}
	if d.CoNLL, err = LoadCoNLL(filepath.Join(dir, "conll2003")); err != nil {
		return nil, err
	}
	return d, nil
}

// LoadBenchmark reads the article-extraction-benchmark and labels each page.
func LoadBenchmark(dir string) (samples []Sample, skipped []string, err error) {
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, nil, err
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		return nil, nil, err
	}
	names := make([]string, 0, len(truth))
	for k := range truth {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		page, err := readGzip(filepath.Join(dir, "html", name+".html.gz"))
		if err != nil {
			return nil, nil, err
		}
		lang, src := LabelHTML(page)
		if c, ok := Corrections[name]; ok {
			lang, src = c, "hand"
		}
		if h, ok := HandLabels[name]; ok && lang == "" {
			lang, src = h, "hand"
		}
		if lang == "" {
			skipped = append(skipped, name)
			continue
		}
		samples = append(samples, Sample{Name: name, URL: truth[name].URL, Lang: lang, Source: src, Text: truth[name].ArticleBody})
	}
	return samples, skipped, nil
}

// LoadWikinews reads the "text" field of each line of the Wikinews dump.
func LoadWikinews(file string) ([]string, error) {
	b, err := readGzip(file)
	if err != nil {
		return nil, err
	}
	var out []string
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var rec struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, err
		}
		if strings.TrimSpace(rec.Text) != "" {
			out = append(out, rec.Text)
		}
	}
	return out, sc.Err()
}

// LoadCoNLL reads the sentences of eng.testa and eng.testb.
func LoadCoNLL(dir string) ([]string, error) {
	var out []string
	for _, f := range []string{"eng.testa", "eng.testb"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			return nil, err
		}
		var toks []string
		flush := func() {
			if len(toks) > 0 {
				out = append(out, strings.Join(toks, " "))
			}
			toks = toks[:0]
		}
		for _, line := range strings.Split(string(b), "\n") {
			fields := strings.Fields(line)
			if len(fields) == 0 {
				flush()
				continue
			}
			if fields[0] == "-DOCSTART-" {
				continue
			}
			toks = append(toks, fields[0])
		}
		flush()
	}
	return out, nil
}

func readGzip(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return io.ReadAll(zr)
}

// Prefix returns the first n runes of s.
func Prefix(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

// Letters counts the letters in s.
func Letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// Score counts the outcomes of a detector on labelled texts.
type Score struct {
	N, Right, Wrong, Unsure int
}

// Acc is the fraction of texts labelled correctly ("" counts as a miss).
func (s Score) Acc() float64 { return frac(s.Right, s.N) }

// FP is the fraction of texts given a wrong language ("" is not one).
func (s Score) FP() float64 { return frac(s.Wrong, s.N) }

// UnsureRate is the fraction of texts answered "".
func (s Score) UnsureRate() float64 { return frac(s.Unsure, s.N) }

func frac(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func (s *Score) add(want, got string) {
	s.N++
	switch got {
	case want:
		s.Right++
	case "":
		s.Unsure++
	default:
		s.Wrong++
	}
}

// Miss is one wrong or unsure answer on the benchmark.
type Miss struct {
	Name, Want, Got string
	Short           bool // on the first 200 characters
}

// Result is the measurement of one detector.
type Result struct {
	Name       string
	Bench      Score // articleBody
	Bench200   Score // first 200 runes of articleBody
	ByLang     map[string]Score
	Wiki       Score          // Wikinews articles, want "en"
	Wiki200    Score          // their first 200 runes
	CoNLL      Score          // CoNLL sentences with at least 20 letters, want "en"
	CoNLLWrong map[string]int // the wrong answers on CoNLL, by code
	NsPerCall  float64        // wall time
	CPUPerCall float64        // process CPU time (user+system), ns; less noisy on a busy machine
	BenchBytes int            // mean articleBody size in bytes (what NsPerCall is per)
	FirstCall  time.Duration
	HeapBytes  int64 // live heap added by the detector after all texts were seen
	Misses     []Miss
}

// ShortChars is the prefix length used for short-text robustness.
const ShortChars = 200

// MinLetters is the shortest CoNLL sentence (in letters) that is scored.
const MinLetters = 20

// Measure runs detect over all the data. It measures the first call (model
// loading when the detector loads lazily) and the live heap the detector
// adds, so call it in a fresh process for those two numbers to mean
// anything. Timing runs with GOMAXPROCS=1.
func Measure(name string, detect func(string) string, d *Data) Result {
	r := Result{Name: name, ByLang: map[string]Score{}, CoNLLWrong: map[string]int{}}

	heap0 := liveHeap()
	t0 := time.Now()
	detect(d.Bench[0].Text)
	r.FirstCall = time.Since(t0)

	for _, s := range d.Bench {
		got := detect(s.Text)
		r.Bench.add(s.Lang, got)
		bl := r.ByLang[s.Lang]
		bl.add(s.Lang, got)
		r.ByLang[s.Lang] = bl
		if got != s.Lang {
			r.Misses = append(r.Misses, Miss{Name: s.Name, Want: s.Lang, Got: got})
		}
		got = detect(Prefix(s.Text, ShortChars))
		r.Bench200.add(s.Lang, got)
		if got != s.Lang {
			r.Misses = append(r.Misses, Miss{Name: s.Name, Want: s.Lang, Got: got, Short: true})
		}
	}
	for _, t := range d.Wikinews {
		r.Wiki.add("en", detect(t))
		r.Wiki200.add("en", detect(Prefix(t, ShortChars)))
	}
	for _, t := range d.CoNLL {
		if Letters(t) >= MinLetters {
			got := detect(t)
			r.CoNLL.add("en", got)
			if got != "" && got != "en" {
				r.CoNLLWrong[got]++
			}
		}
	}
	r.HeapBytes = liveHeap() - heap0

	// Speed: articleBody texts, one core, at least 2 s or 3 passes.
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	var calls, bytes int
	start, cpu0 := time.Now(), cpuTime()
	for pass := 0; pass < 3 || time.Since(start) < 2*time.Second; pass++ {
		for _, s := range d.Bench {
			detect(s.Text)
			calls++
			bytes += len(s.Text)
		}
	}
	r.NsPerCall = float64(time.Since(start).Nanoseconds()) / float64(calls)
	r.CPUPerCall = float64(cpuTime()-cpu0) / float64(calls)
	r.BenchBytes = bytes / calls
	return r
}

func liveHeap() int64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

// Header is the Markdown table header that Row fills.
const Header = "| detector | bench acc (n) | bench acc, first 200 chars | Wikinews wrong / unsure | Wikinews 200 chars wrong / unsure | CoNLL sentences wrong / unsure | µs/call wall / CPU (mean body) | first call | heap after load |\n" +
	"|---|---|---|---|---|---|---|---|---|"

// Row formats r as a Markdown table row.
func Row(r Result) string {
	pct := func(f float64) string { return fmt.Sprintf("%.1f%%", 100*f) }
	return fmt.Sprintf("| %s | %s (%d/%d) | %s (%d/%d) | %s / %s (n=%d) | %s / %s | %s / %s (n=%d) | %.0f / %.0f (%.1f KB) | %s | %.1f MB |",
		r.Name,
		pct(r.Bench.Acc()), r.Bench.Right, r.Bench.N,
		pct(r.Bench200.Acc()), r.Bench200.Right, r.Bench200.N,
		pct(r.Wiki.FP()), pct(r.Wiki.UnsureRate()), r.Wiki.N,
		pct(r.Wiki200.FP()), pct(r.Wiki200.UnsureRate()),
		pct(r.CoNLL.FP()), pct(r.CoNLL.UnsureRate()), r.CoNLL.N,
		r.NsPerCall/1e3, r.CPUPerCall/1e3, float64(r.BenchBytes)/1024,
		r.FirstCall.Round(time.Microsecond*100),
		float64(r.HeapBytes)/(1<<20))
}

// Details lists per-language accuracy and the misses, for a test log.
func Details(r Result) string {
	var b strings.Builder
	langs := make([]string, 0, len(r.ByLang))
	for l := range r.ByLang {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	fmt.Fprintf(&b, "%s per language:", r.Name)
	for _, l := range langs {
		s := r.ByLang[l]
		fmt.Fprintf(&b, " %s %d/%d", l, s.Right, s.N)
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "  wrong answers on CoNLL: %v\n", r.CoNLLWrong)
	for _, m := range r.Misses {
		kind := "body"
		if m.Short {
			kind = "200c"
		}
		fmt.Fprintf(&b, "  miss %s %s want %q got %q\n", kind, m.Name[:8], m.Want, m.Got)
	}
	return b.String()
}
