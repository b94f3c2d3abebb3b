package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The seed page lives outside the module; tests that need it skip when
// it is absent.
const seedPath = "../../../shared/seed/000_d6a30c3b1669f77a.txt"

// storyA and storyB are plain-text news stories the cleaner keeps.
var storyA = strings.Join([]string{
	"NATO chief Jens Stoltenberg defiantly declared Thursday that Ukraine’s “rightful place” is in the military alliance and pledged more support for the country on his first visit to Kyiv since Russia’s invasion just over a year ago.",
	"Ukrainian President Volodymyr Zelenskyy urged Stoltenberg, who has been instrumental in marshaling support from NATO members, to push for even more from them, including warplanes, artillery and armored equipment.",
	"The Kremlin has given various justifications for going to war, but repeated Thursday that preventing Ukraine from joining NATO is still a key goal of its invasion, arguing that Kyiv’s membership in the alliance would pose an existential threat to Russia.",
	"NATO leaders said in 2008 that Ukraine would join the alliance one day, and Stoltenberg has repeated that promise throughout the war, though the organization has established no pathway or timetable for membership.",
	"Zelenskyy said he was grateful for an invitation to a NATO summit in July in Vilnius, Lithuania, but said his country needs a roadmap for becoming a member.",
}, "\n") + "\n"

var storyB = strings.Join([]string{
	"Thousands of people were evacuated from seaside resorts and villages southeast of Athens on Monday as a wildfire fanned by strong winds burned through pine forest and farmland for a second day.",
	"Firefighters backed by water-dropping planes and helicopters struggled to contain the blaze near the village of Kouvaras, about 50 kilometers from the capital, as temperatures climbed above 40 degrees Celsius.",
	"Authorities sent text messages ordering residents of several settlements to leave, and the coast guard stood by to take people away by sea if roads were cut off. No injuries had been reported by Monday evening, officials said.",
	"Greece has been sweltering under a heat wave since last week, and the civil protection agency warned that the risk of fire would remain very high in much of the country through the weekend.",
}, "\n") + "\n"

func storyHTML(story string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><head><title>Wildfire forces thousands to flee near Athens</title></head><body>")
	b.WriteString("<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article><h1>Wildfire forces thousands to flee near Athens</h1>")
	for _, p := range strings.Split(strings.TrimSpace(story), "\n") {
		b.WriteString("<p>" + p + "</p>\n")
	}
	b.WriteString("</article><footer>© 2023 Example News</footer></body></html>")
	return b.String()
}

// contractKeys are the keys every article line carries (CONTRACT.md).
var contractKeys = []string{"id", "source", "url", "publisher", "title", "authors", "published", "published_from", "language", "paragraphs", "captions", "removed", "entities", "quotes", "dates"}

var listKeys = []string{"authors", "paragraphs", "captions", "removed", "entities", "quotes", "dates"}

// runCmd runs dateline with args and returns its exit code and output.
func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// articles decodes stdout's JSON lines, checking the contract's keys on
// each, and returns them in order.
func articles(t *testing.T, stdout string) []map[string]json.RawMessage {
	t.Helper()
	var out []map[string]json.RawMessage
	for i, line := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
		if line == "" {
			if stdout == "" {
				break
			}
			t.Fatalf("stdout line %d is empty", i+1)
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("stdout line %d is not JSON: %v\n%s", i+1, err, line)
		}
		for _, k := range contractKeys {
			if _, ok := m[k]; !ok {
				t.Errorf("line %d: key %q missing", i+1, k)
			}
		}
		for _, k := range listKeys {
			if v := string(m[k]); !strings.HasPrefix(v, "[") {
				t.Errorf("line %d: %q is %s, want a list", i+1, k, v)
			}
		}
		var id string
		if err := json.Unmarshal(m["id"], &id); err != nil || len(id) != 16 {
			t.Errorf("line %d: id %s is not 16 hex digits", i+1, m["id"])
		}
		out = append(out, m)
	}
	return out
}

func str(t *testing.T, raw json.RawMessage) string {
	t.Helper()
	var s *string
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatalf("%s is not a string or null: %v", raw, err)
	}
	if s == nil {
		return ""
	}
	return *s
}

func sources(t *testing.T, arts []map[string]json.RawMessage) []string {
	var out []string
	for _, a := range arts {
		out = append(out, str(t, a["source"]))
	}
	return out
}

func write(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func gz(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestRunUsage(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string // a substring stderr must hold
	}{
		{"no args", nil, 2, "Usage: dateline COMMAND"},
		{"help", []string{"help"}, 0, "Commands:"},
		{"-h", []string{"-h"}, 0, "extract"},
		{"--help", []string{"--help"}, 0, "extract"},
		{"unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"extract without inputs", []string{"extract"}, 2, "Usage: dateline extract"},
		{"extract with flags only", []string{"extract", "-workers", "2"}, 2, "Usage: dateline extract"},
		{"extract with a bad flag", []string{"extract", "-no-such-flag", "x.txt"}, 2, "no-such-flag"},
		{"extract with a bad flag value", []string{"extract", "-max-page-bytes", "lots", "x.txt"}, 2, "max-page-bytes"},
		{"extract -h", []string{"extract", "-h"}, 0, "-max-page-bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCmd(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want nothing", stdout)
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, stderr)
			}
		})
	}
}

func TestExtractSeed(t *testing.T) {
	if _, err := os.Stat(seedPath); errors.Is(err, os.ErrNotExist) {
		t.Skipf("seed page not found at %s", seedPath)
	}
	code, stdout, stderr := runCmd(t, "extract", seedPath)
	if code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	if stderr != "" {
		t.Errorf("stderr = %q, want nothing", stderr)
	}
	if n := strings.Count(stdout, "\n"); n != 1 {
		t.Fatalf("%d lines on stdout, want 1", n)
	}
	arts := articles(t, stdout)
	a := arts[0]
	if got := str(t, a["source"]); got != seedPath {
		t.Errorf("source = %q, want %q", got, seedPath)
	}
	if got := string(a["url"]); got != "null" {
		t.Errorf("url = %s, want null for a text file", got)
	}
	for k, want := range map[string]string{"publisher": "Fox News", "published": "2023-04-20", "published_from": "text", "language": "en"} {
		if got := str(t, a[k]); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	var caps []struct {
		Text   string  `json:"text"`
		Credit *string `json:"credit"`
	}
	if err := json.Unmarshal(a["captions"], &caps); err != nil || len(caps) != 1 || caps[0].Credit == nil || *caps[0].Credit != "AP Photo/Efrem Lukatsky" {
		t.Errorf("captions = %s", a["captions"])
	}
	// HTML-looking text is not escaped: the contract is plain JSON.
	if strings.Contains(stdout, `\u003c`) || strings.Contains(stdout, `\u0026`) {
		t.Error("stdout escapes HTML characters")
	}
}

// TestExtractStages turns the annotate stage's parts off: -quotes=false
// keeps entities and dates and leaves quotes [], -annotate=false leaves
// all three [].
func TestExtractStages(t *testing.T) {
	if _, err := os.Stat(seedPath); errors.Is(err, os.ErrNotExist) {
		t.Skipf("seed page not found at %s", seedPath)
	}
	for _, tt := range []struct {
		flags            []string
		entities, quotes bool
	}{
		{nil, true, true},
		{[]string{"-quotes=false"}, true, false},
		{[]string{"-annotate=false"}, false, false},
	} {
		code, stdout, stderr := runCmd(t, append(append([]string{"extract"}, tt.flags...), seedPath)...)
		if code != 0 {
			t.Fatalf("%v: exit %d; stderr:\n%s", tt.flags, code, stderr)
		}
		a := articles(t, stdout)[0]
		for key, want := range map[string]bool{"entities": tt.entities, "dates": tt.entities, "quotes": tt.quotes} {
			if got := string(a[key]) != "[]"; got != want {
				t.Errorf("%v: %s = %.60s…, want some: %v", tt.flags, key, a[key], want)
			}
		}
	}
}

// TestExtractFolderWithBadInputs extracts a folder where most inputs are
// broken: the good ones are printed in input order, each bad one is
// named on one stderr line, and the exit status is 1.
func TestExtractFolderWithBadInputs(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	// Latin-1 bytes in a .txt: not refused, the bad bytes are replaced.
	latin1 := strings.ReplaceAll(storyB, "Athens", "Ath\xe8nes")
	cut := gz(t, []byte(storyA))
	bomb := gz(t, make([]byte, 4<<20)) // 4 MiB of zeros, ~4 KiB on disk
	big := bytes.Repeat([]byte(storyA), 3<<20/len(storyA)+1)
	files := map[string][]byte{
		"a_good.txt":         []byte(storyA),
		"b_empty.txt":        nil,
		"c_binary.txt":       append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 512)...),
		"d_latin1.txt":       []byte(latin1),
		"e_truncated.txt.gz": cut[:len(cut)/2],
		"f_bomb.txt.gz":      bomb,
		"g_big.txt":          big,
		"h_good.html":        []byte(storyHTML(storyB)),
		"i_notes.md":         []byte("not a page: skipped, not an error"),
		"j_nothing.html":     []byte("<html><body><nav><a href=/>Home</a></nav></body></html>"),
		"sub/k_good.txt.gz":  gz(t, []byte(storyB)),
	}
	for name, data := range files {
		write(t, filepath.Join(in, name), data)
	}
	if len(big) < 3<<20 {
		t.Fatalf("big page is only %d bytes", len(big))
	}
	bad := []string{"b_empty.txt", "c_binary.txt", "e_truncated.txt.gz", "f_bomb.txt.gz", "g_big.txt", "j_nothing.html"}
	good := []string{"a_good.txt", "d_latin1.txt", "h_good.html", "sub/k_good.txt.gz"}

	for _, workers := range []string{"1", "8"} {
		t.Run("workers="+workers, func(t *testing.T) {
			code, stdout, stderr := runCmd(t, "extract", "-workers", workers, "-max-page-bytes", "1000000", in)
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			arts := articles(t, stdout)
			var want []string
			for _, g := range good {
				want = append(want, filepath.Join(in, g))
			}
			if got := sources(t, arts); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("articles from\n%q\nwant\n%q", got, want)
			}
			for _, a := range arts {
				if str(t, a["source"]) == filepath.Join(in, "d_latin1.txt") && !strings.Contains(string(a["paragraphs"]), "Ath\uFFFDnes") {
					t.Errorf("latin-1 page: bad byte not replaced with U+FFFD: %s", a["paragraphs"])
				}
			}
			lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
			if len(lines) != len(bad) {
				t.Errorf("%d stderr lines for %d bad inputs:\n%s", len(lines), len(bad), stderr)
			}
			for i, b := range bad {
				if i < len(lines) && !strings.Contains(lines[i], filepath.Join(in, b)) {
					t.Errorf("stderr line %d = %q, want it to name %s", i+1, lines[i], b)
				}
			}
			for _, g := range good {
				if strings.Contains(stderr, g) {
					t.Errorf("stderr names good input %s:\n%s", g, stderr)
				}
			}
			if strings.Contains(stderr, "i_notes.md") {
				t.Errorf("a skipped file is reported:\n%s", stderr)
			}
		})
	}
}

func TestExtractErrorsSay(t *testing.T) {
	// Each failure says why, not only which input.
	dir := t.TempDir()
	write(t, filepath.Join(dir, "empty.txt"), nil)
	write(t, filepath.Join(dir, "bomb.txt.gz"), gz(t, make([]byte, 2<<20)))
	write(t, filepath.Join(dir, "cut.txt.gz"), gz(t, []byte(storyA))[:40])
	for name, why := range map[string]string{"empty.txt": "empty", "bomb.txt.gz": "size limit", "cut.txt.gz": "truncated", "missing.txt": "no such file"} {
		path := filepath.Join(dir, name)
		code, stdout, stderr := runCmd(t, "extract", "-max-page-bytes", "1000000", path)
		if code != 1 || stdout != "" {
			t.Errorf("%s: exit %d, stdout %q; want 1 and nothing", name, code, stdout)
		}
		if !strings.Contains(stderr, path) || !strings.Contains(stderr, why) {
			t.Errorf("%s: stderr %q, want it to name the file and say %q", name, stderr, why)
		}
	}
}

func TestExtractJSONL(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "records.jsonl")
	rec := func(m map[string]string) string {
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	data := strings.Join([]string{
		rec(map[string]string{"url": "https://www.example.com/world/2023/04/20/nato-chief-kyiv", "title": "NATO chief visits Kyiv", "text": storyA}),
		`{"url": "https://www.example.com/broken", "text": "never closed`,
		"",
		rec(map[string]string{"html": storyHTML(storyB), "published": "2023-07-17"}),
		`not json at all`,
	}, "\n") + "\n"
	write(t, path, []byte(data))

	code, stdout, stderr := runCmd(t, "extract", path)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	arts := articles(t, stdout)
	if got, want := sources(t, arts), []string{path + "#1", path + "#4"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("sources = %q, want %q", got, want)
	}
	if got := str(t, arts[0]["url"]); got != "https://www.example.com/world/2023/04/20/nato-chief-kyiv" {
		t.Errorf("url = %q", got)
	}
	if got := str(t, arts[0]["title"]); got != "NATO chief visits Kyiv" {
		t.Errorf("title = %q", got)
	}
	if got, from := str(t, arts[0]["published"]), str(t, arts[0]["published_from"]); got != "2023-04-20" || from != "url" {
		t.Errorf("published = %q from %q, want 2023-04-20 from url", got, from)
	}
	if got, from := str(t, arts[1]["published"]), str(t, arts[1]["published_from"]); got != "2023-07-17" || from != "metadata" {
		t.Errorf("published = %q from %q, want 2023-07-17 from metadata", got, from)
	}
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], path+"#2") || !strings.Contains(lines[1], path+"#5") {
		t.Errorf("stderr should name %s#2 and %s#5, one line each:\n%s", path, path, stderr)
	}
}

func TestExtractStdin(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "stdin.txt")
	write(t, path, []byte(storyA))
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	old := os.Stdin
	os.Stdin = f
	defer func() { os.Stdin = old }()

	code, stdout, stderr := runCmd(t, "extract", "-")
	if code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	arts := articles(t, stdout)
	if got := sources(t, arts); len(got) != 1 || got[0] != "-" {
		t.Errorf("sources = %q, want [-]", got)
	}
}

// TestExtractSameBodySameID: the same text from two inputs has one id.
func TestExtractSameBodySameID(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.txt"), []byte(storyA))
	write(t, filepath.Join(dir, "b.txt.gz"), gz(t, []byte(strings.ReplaceAll(storyA, "\n", "\r\n"))))
	code, stdout, stderr := runCmd(t, "extract", dir)
	if code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	arts := articles(t, stdout)
	if len(arts) != 2 || string(arts[0]["id"]) != string(arts[1]["id"]) {
		t.Errorf("ids differ for the same body: %s", stdout)
	}
}

func TestExtractCanceled(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.txt"), []byte(storyA))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	code := run(ctx, []string{"extract", dir}, &out, &errb)
	if code == 0 {
		t.Errorf("exit 0 on a canceled run; stdout %q", out.String())
	}
}

// TestExtractJSONLDateField: corpora that call the publication date
// "date" (Wikinews dumps, news-please) are read too; "published" wins.
func TestExtractJSONLDateField(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dates.jsonl")
	recs := []map[string]string{
		{"text": storyA, "date": "2023-04-20"},
		{"text": storyB, "date": "2023-07-01", "published": "2023-07-17"},
	}
	var b strings.Builder
	for _, r := range recs {
		line, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	write(t, path, []byte(b.String()))
	code, stdout, stderr := runCmd(t, "extract", path)
	if code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	arts := articles(t, stdout)
	if len(arts) != 2 {
		t.Fatalf("%d articles, want 2", len(arts))
	}
	for i, want := range []string{"2023-04-20", "2023-07-17"} {
		if got, from := str(t, arts[i]["published"]), str(t, arts[i]["published_from"]); got != want || from != "metadata" {
			t.Errorf("record %d: published %q from %q, want %q from metadata", i+1, got, from, want)
		}
	}
}
