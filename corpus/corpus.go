// Package corpus embeds dateline's small bundled corpus: 291 English
// Wikinews articles of 2019–2020 (CC BY 2.5, Wikinews contributors; see
// wikinews/ATTRIBUTION.md). It feeds `dateline bench` and the demo, so
// both run on a fresh machine with nothing else to fetch.
package corpus

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
)

// WikinewsName is the file name the corpus carries in sources.
const WikinewsName = "wikinews_2019_2020.jsonl.gz"

// Wikinews is the gzipped JSON Lines corpus: one article per line with
// id, url, date, title and text.
//
//go:embed wikinews/wikinews_2019_2020.jsonl.gz
var Wikinews []byte

// Article is one record of the Wikinews corpus.
type Article struct {
	ID    string `json:"id"`
	URL   string `json:"url"`
	Date  string `json:"date"` // YYYY-MM-DD
	Title string `json:"title"`
	Text  string `json:"text"` // paragraphs, one a line
}

// Paragraphs are the article's non-blank lines, trimmed.
func (a Article) Paragraphs() []string {
	var ps []string
	for _, p := range strings.Split(a.Text, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			ps = append(ps, p)
		}
	}
	return ps
}

// Articles decodes the Wikinews corpus, in its order.
func Articles() ([]Article, error) {
	zr, err := gzip.NewReader(bytes.NewReader(Wikinews))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", WikinewsName, err)
	}
	var out []Article
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var a Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return nil, fmt.Errorf("%s record %d: %w", WikinewsName, len(out)+1, err)
		}
		out = append(out, a)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", WikinewsName, err)
	}
	return out, nil
}
