package ner

// Tags are BILOU over the four types: O, then Begin, Inside, Last, Unit
// for each type. BILOU rather than IOB because the model then learns
// separately what ends a name and what a one-word name looks like
// (Ratinov and Roth 2009 measured it better than BIO).
const (
	tagO  = 0
	nTags = 1 + 4*nTypes
	posB  = 0
	posI  = 1
	posL  = 2
	posU  = 3
	noTag = nTags     // history before the sentence starts
	nHist = nTags + 1 // tags plus noTag
)

func mkTag(typ, pos int) uint8 { return uint8(1 + 4*typ + pos) }

func tagType(t uint8) int { return (int(t) - 1) / 4 }
func tagPos(t uint8) int  { return (int(t) - 1) % 4 }

// tagName is for logs and tests.
func tagName(t uint8) string {
	if t == tagO {
		return "O"
	}
	if t >= nTags {
		return "-"
	}
	return string("BILU"[tagPos(t)]) + "-" + Types[tagType(t)]
}

// encodeBILOU writes the tags of n tokens covered by spans into dst.
// Spans of unknown types, and overlapping spans, are skipped.
func encodeBILOU(dst []uint8, spans []Span) {
	for i := range dst {
		dst[i] = tagO
	}
	for _, s := range spans {
		t := typeIndex(s.Type)
		if t < 0 || s.Start < 0 || s.End > len(dst) || s.Start >= s.End {
			continue
		}
		free := true
		for i := s.Start; i < s.End; i++ {
			if dst[i] != tagO {
				free = false
			}
		}
		if !free {
			continue
		}
		if s.End-s.Start == 1 {
			dst[s.Start] = mkTag(t, posU)
			continue
		}
		dst[s.Start] = mkTag(t, posB)
		for i := s.Start + 1; i < s.End-1; i++ {
			dst[i] = mkTag(t, posI)
		}
		dst[s.End-1] = mkTag(t, posL)
	}
}

// decodeBILOU reads spans back from tags, appending to dst. It is lenient
// with sequences the decoder should never produce (I without B, a B at
// the end): a run of one type's B/I/L tags is one span, U is a span of
// its own, so no tagged token is lost.
func decodeBILOU(dst []Span, tags []uint8) []Span {
	open, typ := -1, -1
	for i, t := range tags {
		if t == tagO || t >= nTags {
			if open >= 0 {
				dst = append(dst, Span{Start: open, End: i, Type: Types[typ]})
				open = -1
			}
			continue
		}
		ty, pos := tagType(t), tagPos(t)
		if open >= 0 && (ty != typ || pos == posB || pos == posU) {
			dst = append(dst, Span{Start: open, End: i, Type: Types[typ]})
			open = -1
		}
		switch pos {
		case posU:
			dst = append(dst, Span{Start: i, End: i + 1, Type: Types[ty]})
		case posL:
			if open < 0 {
				open = i
			}
			dst = append(dst, Span{Start: open, End: i + 1, Type: Types[ty]})
			open = -1
		default:
			if open < 0 {
				open, typ = i, ty
			}
		}
	}
	if open >= 0 {
		dst = append(dst, Span{Start: open, End: len(tags), Type: Types[typ]})
	}
	return dst
}

// allowed[prev] lists, as a bitmask over tags, what may follow prev;
// allowedLast is the same for the last token of a sentence, which must
// close any open name. Decoding within these keeps every output a valid
// BILOU sequence.
var allowed [nHist]uint32
var allowedLast [nHist]uint32

// preds[t] lists the labels (not noTag) that t may follow, for Viterbi.
var preds [nTags][]uint8

func init() {
	outside := uint32(1) // O
	for ty := 0; ty < nTypes; ty++ {
		outside |= 1<<mkTag(ty, posB) | 1<<mkTag(ty, posU)
	}
	for p := 0; p < nHist; p++ {
		pt := uint8(p)
		if pt == tagO || pt == noTag || tagPos(pt) == posL || tagPos(pt) == posU {
			allowed[p] = outside
		} else {
			ty := tagType(pt)
			allowed[p] = 1<<mkTag(ty, posI) | 1<<mkTag(ty, posL)
		}
		last := allowed[p]
		for ty := 0; ty < nTypes; ty++ {
			last &^= 1<<mkTag(ty, posB) | 1<<mkTag(ty, posI)
		}
		allowedLast[p] = last
	}
	for t := 0; t < nTags; t++ {
		for q := 0; q < nTags; q++ {
			if allowed[q]&(1<<t) != 0 {
				preds[t] = append(preds[t], uint8(q))
			}
		}
	}
}
