package ner

import "github.com/dateline-news/dateline/internal/fhash"

// docStats is what the first pass says about a whole document, read by
// the second pass: the labels each word got everywhere in the document,
// and the names it found, matched again wherever they recur. This is how
// "Stoltenberg" alone, or a headline's "BRUSSELS", borrows the label the
// same word got in clearer company (Ratinov and Roth's two-stage
// aggregation).
type docStats struct {
	idx   smallMap        // word (lower case) → votes index
	votes [][nTags]uint16 // labels the first pass gave the word, counted
	ents  smallMap        // name phrase → bits 0-3 types it was found as, bit 4 a longer name continues
	match []uint16        // per token: 4 bits per type, 0 or 1 + BILOU position in a recurring name
	conf  []uint8         // the first pass's confidence per token
}

func (d *docStats) reset(n int) {
	d.idx.reset(n)
	d.ents.reset(n)
	d.votes = d.votes[:0]
}

// build counts the first pass's labels over the document. ts holds all
// its tokens, bounds the sentence starts (and the end), tags the labels.
func (d *docStats) build(ts []tok, bounds []int, tags, conf []uint8) {
	d.reset(len(ts))
	d.conf = conf
	for i := range ts {
		n := d.idx.n
		kp := d.idx.ref(ts[i].low)
		if d.idx.n > n {
			*kp = int32(len(d.votes))
			d.votes = append(d.votes, [nTags]uint16{})
		}
		k := *kp
		if d.votes[k][tags[i]] < 0xFFFF {
			d.votes[k][tags[i]]++
		}
	}
	// Names as phrases of lower-case words.
	for s := 0; s+1 < len(bounds); s++ {
		lo, hi := bounds[s], bounds[s+1]
		for i := lo; i < hi; i++ {
			t := tags[i]
			if t == tagO || (tagPos(t) != posB && tagPos(t) != posU) {
				continue
			}
			ty := tagType(t)
			h := uint64(phraseSeed)
			j := i
			for ; j < hi; j++ {
				h = phraseStep(h, ts[j].low)
				if tags[j] == tagO || tagType(tags[j]) != ty || (j > i && (tagPos(tags[j]) == posB || tagPos(tags[j]) == posU)) {
					break
				}
				if p := tagPos(tags[j]); p == posL || p == posU {
					*d.ents.ref(h) |= 1 << ty
					break
				}
				*d.ents.ref(h) |= 1 << 4
			}
		}
	}
	if cap(d.match) < len(ts) {
		d.match = make([]uint16, len(ts))
	}
	d.match = d.match[:len(ts)]
	for s := 0; s+1 < len(bounds); s++ {
		d.matchSentence(ts[bounds[s]:bounds[s+1]], d.match[bounds[s]:bounds[s+1]])
	}
}

// matchSentence finds the document's names in one sentence, longest
// first, per type, as gazetteer.match does for the lists.
func (d *docStats) matchSentence(ts []tok, out []uint16) {
	for i := range out {
		out[i] = 0
	}
	if d.ents.n == 0 {
		return
	}
	var next [nTypes]int
	for i := range ts {
		var best [nTypes]int
		h := uint64(phraseSeed)
		for k := 0; i+k < len(ts) && k < maxPhrase; k++ {
			h = phraseStep(h, ts[i+k].low)
			v, ok := d.ents.get(h)
			if !ok {
				break
			}
			for ty := 0; ty < nTypes; ty++ {
				if v&(1<<ty) != 0 {
					best[ty] = k + 1
				}
			}
			if v&(1<<4) == 0 {
				break
			}
		}
		for ty, n := range best {
			if n == 0 || i < next[ty] {
				continue
			}
			next[ty] = i + n
			sh := uint(4 * ty)
			if n == 1 {
				out[i] |= uint16(1+posU) << sh
				continue
			}
			out[i] |= uint16(1+posB) << sh
			for j := i + 1; j < i+n-1; j++ {
				out[j] |= uint16(1+posI) << sh
			}
			out[i+n-1] |= uint16(1+posL) << sh
		}
	}
}

// features appends the second pass's document-level features for token
// i of the document, whose sentence is ts[lo:hi].
func (d *docStats) features(cfg uint32, ts []tok, lo, hi, i int, tags []uint8, dst []uint64) []uint64 {
	t := &ts[i]
	cc := t.capClass()
	at := func(j int) uint64 {
		if j < lo || j >= hi {
			return noTag
		}
		return uint64(tags[j])
	}
	t0 := uint64(tags[i])
	dst = append(dst,
		fhash.Mix(tS1Tag, t0),
		fhash.Mix(tS1TagP1, at(i-1)),
		fhash.Mix(tS1TagN1, at(i+1)),
	)
	if cfg&cfgS2Ctx != 0 {
		dst = append(dst,
			fhash.Mix(tS1TagP2, at(i-2)),
			fhash.Mix(tS1TagN2, at(i+2)),
			fhash.Mix(tS1BiP, at(i-1)<<8|t0),
			fhash.Mix(tS1BiN, t0<<8|at(i+1)),
		)
	}
	if cfg&cfgS2Conf != 0 && d.conf != nil {
		dst = append(dst, fhash.Mix(tS1Conf, t0<<3|uint64(d.conf[i])))
	}
	if cfg&cfgS2Cap != 0 {
		dst = append(dst, fhash.Mix(tS1TagCap, t0<<2|cc))
	}
	// Votes of the word's other occurrences.
	k, _ := d.idx.get(t.low)
	v := d.votes[k]
	v[tags[i]]--
	var byType [nTypes]int
	total := 0
	for tag, c := range v {
		if c == 0 {
			continue
		}
		total += int(c)
		dst = append(dst, fhash.Mix(tVote, uint64(tag)))
		if tag != tagO {
			byType[tagType(uint8(tag))] += int(c)
		}
	}
	best := -1
	for ty, c := range byType {
		if c > 0 && (best < 0 || c > byType[best]) {
			best = ty
		}
	}
	if best >= 0 {
		bin := uint64(0)
		switch {
		case byType[best] == total:
			bin = 2
		case 2*byType[best] >= total:
			bin = 1
		}
		dst = append(dst, fhash.Mix(tVoteMaj, uint64(best)<<4|bin<<2|cc))
	}
	for m := d.match[i]; m != 0; {
		ty := uint64(trailingZeros64(uint64(m)) / 4)
		pos := uint64(m>>(4*ty)) & 15
		m &^= 15 << (4 * ty)
		dst = append(dst, fhash.Mix(tEntMatch, ty<<4|pos))
	}
	return dst
}
