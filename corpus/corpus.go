// Package corpus embeds dateline's small bundled corpus: 291 English
// Wikinews articles of 2019–2020 (CC BY 2.5, Wikinews contributors; see
// wikinews/ATTRIBUTION.md). It feeds `dateline bench` and the demo, so
// both run on a fresh machine with nothing else to fetch.
package corpus

import _ "embed"

// WikinewsName is the file name the corpus carries in sources.
const WikinewsName = "wikinews_2019_2020.jsonl.gz"

// Wikinews is the gzipped JSON Lines corpus: one article per line with
// id, url, date, title and text.
//
//go:embed wikinews/wikinews_2019_2020.jsonl.gz
var Wikinews []byte
