package lang

import (
	"strings"
	"testing"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"english", "The government announced on Tuesday that it would raise interest rates to curb inflation.", "en"},
		{"german", "Die Bundesregierung hat am Dienstag angekündigt, die Steuern für kleine Unternehmen zu senken.", "de"},
		{"french", "Le gouvernement a annoncé mardi qu'il allait augmenter les taux d'intérêt pour freiner l'inflation.", "fr"},
		{"spanish", "El gobierno anunció el martes que subirá los tipos de interés para frenar la inflación.", "es"},
		{"russian", "Правительство во вторник объявило о повышении процентных ставок для борьбы с инфляцией.", "ru"},
		{"japanese", "政府は火曜日、インフレを抑えるために金利を引き上げると発表しました。", "ja"},
		{"chinese", "政府周二宣布，将提高利率以抑制通货膨胀，并加强对房地产市场的监管。", "zh"},
		{"arabic", "أعلنت الحكومة يوم الثلاثاء أنها سترفع أسعار الفائدة للحد من التضخم.", "ar"},
		{"portuguese", "O governo anunciou na terça-feira que vai aumentar as taxas de juros para conter a inflação.", "pt"},
		{"italian", "Il governo ha annunciato martedì che aumenterà i tassi di interesse per frenare l'inflazione.", "it"},
		{"korean", "정부는 화요일 인플레이션을 억제하기 위해 금리를 인상할 것이라고 발표했다.", "ko"},
		{"empty", "", ""},
		{"whitespace", " \n\t ", ""},
		{"too short", "Hello world", ""},
		{"digits and punctuation", "12:30 — 4,500.00 (+3.2%) 2019-11-20 #42 !!! ??? ...", ""},
		{"garbage", "xq zzv kkpt qwrt bvnm xxcv plkj hgfd wqzx", ""},
		{"invalid utf-8", "\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6\xf5\xf4\xf3\xf2\xf1\xf0\xef\xee\xed\xec\xeb", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect(tt.text); got != tt.want {
				t.Errorf("Detect(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestDetectLong checks that a long article is decided from its head, and
// that a head the detector is unsure of gets the longer second look.
func TestDetectLong(t *testing.T) {
	de := "Die Bundesregierung hat am Dienstag angekündigt, die Steuern für kleine Unternehmen zu senken. "
	if got := Detect(strings.Repeat(de, 200)); got != "de" {
		t.Errorf("long German text: got %q", got)
	}
	// A head of figures and names, then prose.
	scores := strings.Repeat("Palm Bay 18 22 13 17 — 70. Rockledge 14 11 6 15 — 44. ", 12)
	en := "The home side took control early in the second half and never looked back, coach Smith said after the game. "
	text := scores + strings.Repeat(en, 30)
	if got := Detect(head(text, firstSample)); got != "" {
		t.Fatalf("the head alone should be unsure, got %q", got)
	}
	if got := Detect(text); got != "en" {
		t.Errorf("scores then English prose: got %q", got)
	}
}

func TestHead(t *testing.T) {
	s := strings.Repeat("é", 300) // 600 bytes, 2 per rune
	h := head(s, 511)
	if len(h) != 510 || !strings.HasPrefix(s, h) {
		t.Errorf("head cut inside a rune: len %d", len(h))
	}
	words := strings.Repeat("word ", 200)
	if h := head(words, 512); strings.HasSuffix(h, "wo") || len(h) > 512 {
		t.Errorf("head cut a word: %q", h[len(h)-10:])
	}
	if h := head("short", 512); h != "short" {
		t.Errorf("head of short text = %q", h)
	}
}

func BenchmarkDetect(b *testing.B) {
	text := strings.Repeat("The government announced on Tuesday that it would raise interest rates to curb inflation. ", 60)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Detect(text)
	}
}

// TestEnglishFastPath checks the shortcut both ways: English prose takes it,
// and prose in other Latin-script languages, even quoting English names and
// titles, does not.
func TestEnglishFastPath(t *testing.T) {
	tests := []struct {
		name, text string
		want       bool
	}{
		{"english news", "NATO Secretary-General Jens Stoltenberg arrived in Kyiv on Thursday for his first visit since the war began, and said that the alliance would stand with Ukraine for as long as it takes. The visit had not been announced in advance for security reasons, officials who spoke on condition of anonymity said.", true},
		{"too few words", "The minister said that the plan had been approved by the cabinet.", false},
		{"dutch", "De regering heeft op dinsdag aangekondigd dat zij de belastingen voor kleine bedrijven zal verlagen. Het plan is volgens de minister van Financiën nodig om de economie te steunen, maar de oppositie was kritisch en zegt dat het geld beter aan onderwijs en zorg kan worden besteed. Of het plan er komt is nog onzeker.", false},
		{"german quoting english", "Die Bundesregierung hat am Dienstag angekündigt, die Steuern für kleine Unternehmen zu senken. Der Minister sagte in einem Interview mit der Zeitung „The Guardian“, das sei notwendig, um die Wirtschaft zu stützen. Was die Opposition davon hält, ist noch offen; sie will im Bundestag dagegen stimmen und eine eigene Vorlage einbringen.", false},
		{"danish", "Regeringen meddelte tirsdag, at den vil sænke skatten for små virksomheder. Ifølge ministeren er det nødvendigt for at støtte økonomien, men oppositionen er kritisk og siger, at pengene hellere skulle bruges på uddannelse og sundhed. Det er endnu uklart, om planen får flertal i Folketinget her til foråret.", false},
		{"french", "Le gouvernement a annoncé mardi qu'il allait augmenter les taux d'intérêt pour freiner l'inflation. Selon le ministre, cette mesure est nécessaire pour soutenir l'économie, mais l'opposition s'est montrée critique et affirme que l'argent serait mieux dépensé pour l'éducation et la santé publique dans les régions.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := isEnglish(head(tt.text, firstSample)); got != tt.want {
				w, e, ok := englishShare(head(tt.text, firstSample))
				t.Errorf("isEnglish = %v, want %v (words %d, English %d, ascii %v)", got, tt.want, w, e, ok)
			}
		})
	}
}
