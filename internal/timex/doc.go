// Package timex finds time expressions in news text and resolves them to
// TIMEX3 values (TimeML 1.2.1): "Thursday" in an article of 2023-04-20 is
// 2023-04-20, "early 2024" is 2024 with mod START, "the previous day" is
// the day before the last date the text named.
//
// It is a hand-written rule tagger over the shared tokens and sentences of
// internal/text, in the manner of HeidelTime and SUTime but with no code
// from either. Each token is classified once by a lexicon (months,
// weekdays, numbers, units, deictic and part words, ...; lexicon.go), most
// tokens being rejected by their first and last letter and length before
// any lookup; a set of productions over those classes (grammar.go) is
// tried where a token can begin an expression, and the longest match
// wins. Values are computed on a calendar of periods at a granularity
// (calendar.go) and written in the TIMEX3 grammar of value.go.
//
// # Use
//
//	tg := timex.New()                          // shareable, no state
//	dc := timex.NewDocContext(art.Published)  // one per article
//	for p, para := range art.Paragraphs {
//		toks := text.Tokenize(para)
//		dates = tg.Tag(dates, p, para, toks, text.Sentences(para, toks), dc)
//	}
//
// Paragraphs must be passed in order: dc carries the last date named from
// one to the next. Without a reference date (an empty or unreadable
// published date), absolute dates are resolved and relative ones get
// TimeML's unresolved forms ("XXXX-XX-XX", "XXXX-WXX-5", "XXXX").
//
// # Spans
//
// TimeML's TIMEX3 extents as TimeBank and the TempEval-3 data apply them:
//
//   - A preposition is not part of the expression: "on Friday" is tagged
//     "Friday", "in 2008" "2008", "since Tuesday" "Tuesday".
//   - A determiner or modifier that belongs to it is: "the previous day",
//     "the third quarter", "last year", "early 2024", "Earlier this month",
//     "nearly four years ago", "more than two weeks", "the next two years
//     or so". "about" and "just" stay outside ("about <two weeks>", "just
//     <over a year ago>"), as TimeBank marks them more often than not.
//   - "the" before a date that modifies a noun stays outside: "the <Aug.
//     7> bombings".
//   - A weekday with a part of the day is one TIME: "Thursday morning" is
//     2023-04-20TMO; a clock time takes the day attached to it ("4 a.m.
//     EDT Thursday") or else the last day named.
//   - A range written as one token is two expressions: "2009-2010",
//     "1957-58" (the only spans that do not begin or end on a token
//     boundary; they begin or end at the hyphen).
//
// # Direction
//
// A weekday, month or day of the month named without its year is placed
// against the reference date by the tense around it (tense.go):
//
//   - The same weekday as the reference date is the reference date.
//   - "will", "'ll", "shall", "is going to", "plans to", "is expected to",
//     "effective", "soon" point forward; past forms and auxiliaries
//     ("said", "was", "met", "-ed" participles read with their
//     auxiliaries, so "will be held" is future) point back. The cue
//     nearest the expression in its sentence wins.
//   - A future seen from a report ("was expected to", "planned to",
//     "would", "might") and a deadline ("until Saturday", "by Friday")
//     give the nearest occurrence, as does a weekday with no cue.
//   - A bare month follows only a verb that governs it ("rose in July",
//     "will meet in July", "In January, the company said"); after an event
//     noun ("a summit in July") or with no governing verb it is the
//     nearest. The sentence's or clause's tense was measured worse
//     (MEASUREMENTS.md).
//   - A day of the month without a year follows the sentence's tense,
//     unless that puts it more than 300 days away: then the nearest.
//
// # Values
//
// Dates at the granularity the words give (2023, 2023-04, 2023-04-20,
// 2023-W16, 2023-Q1, 2023-H2, 2023-SU, decades 199, centuries 19); times
// 2023-04-20T15:00 or with a part of the day (TMO, TAF, TEV, TNI);
// durations P2W, PT2S, P2Y6M, vague PXY and PXDE (decades); sets P1W,
// XXXX-WXX-1; references PRESENT_REF, PAST_REF, FUTURE_REF ("now",
// "recently", "recent months", "coming weeks"). Counted dates take the
// unit's granularity ("two weeks ago" is a week, "a decade ago" a year);
// counted from a named date they keep its granularity ("a year earlier"
// after "the third quarter" is the third quarter a year before). Dates
// computed from another ("a year earlier", "the previous day") do not
// become the last date named, so a run of them counts from the same one.
package timex
