package quote

import "strings"

// Reporting words. PolNeAR marks every attribution of content to a
// source: speech, but also beliefs, intentions, findings and reactions
// ("received weapons from", "is expected to", "has focused on"). The
// tagger learns all of them, and FindSpans reports all of them, as the
// corpus scores them. Find answers "who said what", so it keeps reported
// speech and partial quotes only when the cue holds one of these words
// (or their inflections): verbs and nouns of saying, writing, asking,
// arguing, announcing and of stated belief. Direct quotes need no such
// word: the quotation marks say it is speech.
var reportingWords = func() map[string]bool {
	words := `say said says saying tell told telling add note state statement claim argue
insist warn declare announce announcement explain report write wrote written tweet post
reply respond answer ask urge suggest predict promise pledge vow threaten deny
admit acknowledge concede confirm assert maintain contend allege accuse charge criticize
criticise complain praise call describe recall repeat reiterate stress emphasize emphasise
point observe remark comment mention testify conclude estimate forecast believe think
thought feel felt fear hope worry doubt according interview recount joke quip boast
brag retort shout yell whisper scream chant exclaim signal indicate show find found
caution advise recommend propose demand request plead beg instruct invite decline
refuse dismiss disagree agree object protest condemn denounce slam blast question
speak spoke spoken talk wonder acknowledge brief assure blame boast cite contend muse
reckon recognize recognise reveal stress underline vow lament concede say-so told reckon
estimate calculate poll survey study analysis letter memo email message remarks words
speech tell-all testimony ruling verdict opinion view belief idea claim insisted disclose
disclosed publish publishes published notify notified inform informed advise advised
continue`
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[stem(w)] = true
	}
	return m
}()

// isReporting reports whether word w (as written) is a reporting word.
func isReporting(w string) bool {
	return reportingWords[stem(lowerForm(w))]
}
