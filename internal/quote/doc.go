// Package quote finds who said what in an article: direct quotes, partial
// quotes and reported speech, each with its cue ("said", "told",
// "according to") and its speaker resolved to one of the article's
// entities.
//
// # How
//
// A tagger labels every token of a paragraph as source, cue or content of
// an attribution (BIO labels, Viterbi decoding over the whole paragraph,
// so that a content may run over several sentences). It is an averaged
// structured perceptron in two stacked passes: the first reads the text
// (words and their neighbours to ±3, suffixes, stems, Brown word
// clusters, quotation-mark state, distance to the nearest cue word and
// the clause separators in between, the recognizer's entities, how the
// paragraph follows the one before); the second reads the same and the
// first pass's labels around each token, where its nearest cue lies and
// the sentence's pattern of chunks. The second pass learns from the
// first pass's labels on articles it did not see (five folds), so that
// they are as wrong as they will be on new text. It is trained on
// PolNeAR (train split) by Train, deterministically, and shipped
// embedded (model/quote.bin.gz); MEASUREMENTS.md has the figures.
//
// Rules then read the labels: a source that ends in a comma keeps it only
// when it holds an apposition (PolNeAR's convention), and a source ends
// before a manner adverb ("Clinton sternly said"); each source and
// content goes to the nearest cue in its sentence, else in its paragraph,
// and a content that opens a paragraph continuing a quotation goes to
// the last cue before it. A cue keeps one source, the nearest of those
// it was given (a relative pronoun only for the cue right after it). A
// cue left without a source right after a comma or a conjunction shares
// the source of the cue before it in its sentence ("McCain said, citing
// …", "Zelenskyy said …, but said …"); one still without takes its
// sentence's subject when it is a participle ("Kasich suspended his
// campaign, telling supporters …") or follows a phrase set off by commas
// ("Clinton, after the scandal broke, initially said …"). FindSpans
// returns these attributions as spans.
//
// # What Find reports
//
//   - direct: a content that is one or more quotations with nothing but
//     punctuation around them. One quote per quotation, its text without
//     the marks: “…,” he said. “…” gives two quotes of one speaker, and
//     each paragraph of a quotation running over several paragraphs is a
//     quote of its own. Curly and straight double marks count, and a
//     doubled straight apostrophe, as some archives write them; single marks
//     inside double ones are part of the quotation. Direct quotes need no
//     particular cue word: the marks say it is speech.
//   - indirect: any other content whose cue holds a word of saying,
//     writing, asking or stated belief (lexicon.go): "Peskov said Thursday
//     that …", "…, the ministry said", "according to officials, …". The
//     text is the reported clause without a leading "that"; at least three
//     words.
//   - partial: each whole quotation inside an indirect content: "Putin has
//     warned that Moscow could use “all means available”" gives the
//     indirect quote and the partial "all means available", both Putin's,
//     both with the cue "has warned".
//
// Not speech: quotation marks that are no content of any attribution
// (scare quotes, titles of works, nicknames, terms such as "special
// military operation" written by the author) give no quote at all; no
// quote has kind "term". A term inside reported speech ("what Moscow calls
// its “special military operation”" inside Peskov's words) is part of
// that speech and comes out as a partial quote of its speaker, which is
// the best the text says. Attributions that are not speech (PolNeAR also
// marks perception, intention, expectation: "is expected to", "has
// focused on") are in FindSpans but not in Find, unless they quote.
//
// A content in a later paragraph than its cue counts only when the
// paragraphs between carry a quotation on (each opens with a mark, or
// follows an open one or a colon); elsewhere FindSpans's guess of the cue
// would give a wrong speaker.
//
// Find reads only the paragraphs it is given: boilerplate and captions
// are the cleaner's to remove, and give nothing when they are gone.
//
// # Speakers
//
//   - A source holding a person's name is that person, by the entity's
//     canonical name ("NATO chief Jens Stoltenberg" → "Jens Stoltenberg";
//     a possessor is skipped: "Trump’s campaign manager Corey Lewandowski"
//     → Lewandowski). A source that is an organisation's or a place's name
//     and nothing more but an article ("the Ukraine Space Agency", "the
//     Kremlin") is that entity, typed ORG or LOC; an abbreviation in
//     parentheses after it does not count ("the World Health
//     Organization (WHO) said"), nor words for the kind of body an
//     organisation is ("Time magazine", "the journal Science", "the
//     Atlantic Council think tank") or, for a place, its government
//     ("the United States government", "the government of American
//     Samoa", "Goa's government", "US authorities": the place). Someone
//     speaking for it is not it: "a Woolworths spokesperson" stays
//     speaker null.
//   - he and she are the person who spoke or was the subject of a
//     sentence most recently before, in the same paragraph or the three
//     before it (names inside quotations do not count), passing over a
//     person the article calls "Mr." for she, "Mrs." or "Ms." for he, or
//     whose first name is given to the other sex in 95 % of US births
//     (model/first-names.tsv.gz; an unknown or mixed name passes for
//     both, and gender is never reported); it and they are
//     the organisation or place that spoke most recently, in the same or
//     the previous paragraph; who is the name right before it (past a
//     comma, a closing parenthesis or an age: "Thomas Gray, 24, who"), or when
//     that is no person, the person an apposition before it describes
//     ("Mark Hay, a marine ecologist at GT, who said" → Mark Hay). A
//     speaker counts as heard where its cue stands.
//   - I and we in a paragraph of an interview's transcript are the
//     person its label names: "((Zara Kay)) I think …", "Kay: I think
//     …" (we: the group they speak for, said by them); in a
//     paragraph with no label, the person the most recent label names
//     (an answer over several paragraphs), unless that label is no
//     person ("((WN))", the interviewer). You in the interviewer's
//     paragraph is the interviewee, the person whose answer comes next
//     ("((WN)) As you mentioned, …"); a question put to them ("((WN)) Do
//     you think …?") is no one's words and gives no quote.
//   - A description ("the Kremlin spokesman") is the person the article
//     names with the same words as a title ("Kremlin spokesman Dmitry
//     Peskov") or in an apposition ("Peskov, the Kremlin spokesman"),
//     with short and long titles equal ("Sen." = "senator").
//   - A source the recognizer missed that spells an entity's name, or a
//     surname only one person in the article has, is that entity.
//   - Anything else ("NATO leaders", "officials", "his campaign", or a
//     description the article never ties to a name) has speaker null;
//     mention always holds the words of the source, so the reader can see
//     who is meant. No world knowledge: "the former Norwegian prime
//     minister" stays unresolved unless the article itself says so.
//
// # Evaluation
//
// internal/eval scores FindSpans on PolNeAR (RunQuotes). PolNeAR marks
// attributions of speech, belief and intention alike and does not tell
// them apart, so every attribution counts as gold, whatever it reports.
package quote
