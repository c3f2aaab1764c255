package nlp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
)

func newAnalyzer(t testing.TB) *Analyzer {
	t.Helper()
	a, err := New(Options{})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return a
}

// article reads a fixture: the first paragraph is the title, the rest the
// body.
func article(t testing.TB, name string) (title, body string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.SplitN(string(b), "\n\n", 2)
	return parts[0], parts[1]
}

type wantQuote struct {
	canonical string
	prefix    string
}

func TestArticles(t *testing.T) {
	a := newAnalyzer(t)
	tests := []struct {
		file      string
		sentiment []string // acceptable document labels
		entities  []string // "TYPE:canonical" that must be found
		quotes    []wantQuote
		issues    []string
		roles     map[string]string // canonical → role substring
	}{
		{
			file:      "banjir_samarinda.txt",
			sentiment: []string{"negative"},
			entities: []string{"PER:Rudy Mas'ud", "PER:Suwarso", "PER:Rahmawati", "LOC:Samarinda", "LOC:Kalimantan Timur",
				"ORG:BPBD Kota Samarinda", "ORG:Pemerintah Provinsi Kalimantan Timur"},
			quotes: []wantQuote{
				{"Rudy Mas'ud", "Kami tidak ingin warga terus menjadi korban"},
				{"Suwarso", "Sampai pagi ini tercatat 3.200 rumah"},
				{"Suwarso", "Kami kekurangan perahu dan logistik"},
				{"Rahmawati", "Setiap tahun begini"},
			},
			issues: []string{"banjir"},
			roles:  map[string]string{"Rudy Mas'ud": "Gubernur Kalimantan Timur"},
		},
		{
			file:      "pelantikan.txt",
			sentiment: []string{"neutral", "positive"},
			entities:  []string{"PER:Akmal Malik", "PER:Sri Wahyuni", "ORG:Pemerintah Provinsi Kalimantan Timur", "LOC:Samarinda", "ORG:Biro Administrasi Pimpinan Setda Kaltim"},
			quotes: []wantQuote{
				{"Akmal Malik", "Selamat kepada para pejabat"},
				{"Sri Wahyuni", "Kami optimistis dengan formasi baru"},
			},
			roles: map[string]string{"Akmal Malik": "Penjabat Gubernur", "Sri Wahyuni": "Sekretaris Daerah"},
		},
		{
			file:      "tambang_ilegal.txt",
			sentiment: []string{"negative"},
			entities:  []string{"PER:Sulaiman", "PER:Bambang Arwanto", "LOC:Kutai Kartanegara", "ORG:Polda Kalimantan Timur"},
			quotes: []wantQuote{
				{"Sulaiman", "Jalan kami hancur"},
				{"Bambang Arwanto", "Itu jelas penambangan tanpa izin"},
			},
			issues: []string{"tambang_ilegal"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			title, body := article(t, tt.file)
			r := a.AnalyzeDocument(title, "", body)
			if r.Language != "id" {
				t.Errorf("language %q, want id", r.Language)
			}
			okSent := false
			for _, l := range tt.sentiment {
				okSent = okSent || r.Sentiment.Label == l
			}
			if !okSent {
				t.Errorf("document sentiment %+v, want one of %v", r.Sentiment, tt.sentiment)
			}
			have := map[string]bool{}
			for _, e := range r.Entities {
				have[e.Type+":"+e.Canonical] = true
				text := title + "\n\n" + body
				if text[e.Start:e.End] != e.Text {
					t.Errorf("entity %q offsets %d..%d point at %q", e.Text, e.Start, e.End, text[e.Start:e.End])
				}
				if want, ok := tt.roles[e.Canonical]; ok && !strings.Contains(e.Role, want) {
					t.Errorf("entity %q role %q, want %q", e.Canonical, e.Role, want)
				}
			}
			for _, e := range tt.entities {
				if !have[e] {
					keys := make([]string, 0, len(have))
					for k := range have {
						keys = append(keys, k)
					}
					sort.Strings(keys)
					t.Errorf("entity %s not found; have %v", e, keys)
				}
			}
			var direct []Quote
			for _, q := range r.Quotes {
				if q.Direct {
					direct = append(direct, q)
				}
			}
			if len(direct) != len(tt.quotes) {
				t.Errorf("%d direct quotes, want %d: %+v", len(direct), len(tt.quotes), direct)
			}
			for i := 0; i < len(direct) && i < len(tt.quotes); i++ {
				if direct[i].Canonical != tt.quotes[i].canonical || !strings.HasPrefix(direct[i].Text, tt.quotes[i].prefix) {
					t.Errorf("quote %d: got %q by %q, want %q… by %q", i, direct[i].Text, direct[i].Canonical, tt.quotes[i].prefix, tt.quotes[i].canonical)
				}
			}
			for _, is := range tt.issues {
				found := false
				for _, g := range r.Issues {
					found = found || g == is
				}
				if !found {
					t.Errorf("issue %q not tagged; got %v", is, r.Issues)
				}
			}
			if len(r.Keyphrases) == 0 {
				t.Error("no key phrases")
			}
			for _, e := range r.Entities {
				if e.Type != "PER" {
					continue
				}
				for _, kp := range r.Keyphrases {
					if strings.Contains(kp, strings.ToLower(e.Text)) {
						t.Errorf("key phrase %q holds the person name %q", kp, e.Text)
					}
				}
			}
		})
	}
}

// TestEntitySentiment checks that the tone toward an entity is the tone of
// the sentences that mention it.
func TestEntitySentiment(t *testing.T) {
	a := newAnalyzer(t)
	text := "Gubernur Kalimantan Timur Rudy Mas'ud mengapresiasi kerja keras petugas yang sukses menyelesaikan jembatan tepat waktu. " +
		"Di sisi lain, PT Karya Lestari dikecam warga karena proyek jalan yang dikerjakannya rusak parah dan mangkrak."
	r := a.Analyze(text)
	tone := map[string]string{}
	for _, e := range r.Entities {
		tone[e.Canonical] = e.Sentiment.Label
	}
	if tone["Rudy Mas'ud"] != "positive" {
		t.Errorf("tone toward the governor %q, want positive (entities %+v)", tone["Rudy Mas'ud"], r.Entities)
	}
	if tone["PT Karya Lestari"] != "negative" {
		t.Errorf("tone toward the contractor %q, want negative (entities %+v)", tone["PT Karya Lestari"], r.Entities)
	}
}

func TestSentenceTone(t *testing.T) {
	a := newAnalyzer(t)
	text := "Jembatan baru itu diresmikan gubernur dan warga sangat bangga. Namun jalan menuju jembatan rusak parah dan berlubang."
	r := a.Analyze(text)
	if len(r.Sentences) != 2 {
		t.Fatalf("%d sentences, want 2", len(r.Sentences))
	}
	if r.Sentences[0].Sentiment.Label != "positive" || r.Sentences[1].Sentiment.Label != "negative" {
		t.Errorf("sentence tones %+v, want positive then negative", r.Sentences)
	}
	if got := text[r.Sentences[1].Start:r.Sentences[1].End]; !strings.HasPrefix(got, "Namun") {
		t.Errorf("second sentence %q", got)
	}
}

func TestShortNameResolution(t *testing.T) {
	a := newAnalyzer(t)
	text := "Juru bicara Faldo Maldini menjelaskan jadwal acara. Pengamat Prof Hendri Susanto dari Universitas Mulawarman menilai langkah itu tepat.\n\n" +
		"\"Kami sudah menyiapkan semuanya sejak pekan lalu,\" kata Faldo.\n\n" +
		"\"Pemerintah perlu konsisten menjalankan program ini,\" ujar Prof Hendri."
	r := a.Analyze(text)
	var got []string
	for _, q := range r.Quotes {
		if q.Direct {
			got = append(got, q.Canonical)
		}
	}
	want := []string{"Faldo Maldini", "Hendri Susanto"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("quote speakers %v, want %v (quotes %+v)", got, want, r.Quotes)
	}
}

func TestResultJSONShape(t *testing.T) {
	a := newAnalyzer(t)
	r := a.Analyze("")
	r.ID = "x"
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"x","language":"other","sentiment":{"label":"neutral","score":0,"confidence":1},"entities":[],"quotes":[],"issues":[],"keyphrases":[]}`
	if string(b) != want {
		t.Errorf("JSON\n got %s\nwant %s", b, want)
	}
	r = a.Analyze(`"Kami siap membantu warga terdampak banjir," kata Gubernur Kaltim Rudy Mas'ud di Samarinda.`)
	b, _ = json.Marshal(r)
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	ents := m["entities"].([]any)
	if len(ents) == 0 {
		t.Fatalf("no entities in %s", b)
	}
	var keys []string
	for k := range ents[0].(map[string]any) {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if strings.Join(keys, ",") != "canonical,end,role,sentiment,start,text,type" {
		t.Errorf("entity keys %v", keys)
	}
	q := m["quotes"].([]any)[0].(map[string]any)
	if q["speaker"] == nil || q["canonical"] != "Rudy Mas'ud" || q["text"] == nil {
		t.Errorf("quote %v", q)
	}
}

func TestConcurrentUse(t *testing.T) {
	a := newAnalyzer(t)
	title, body := article(t, "banjir_samarinda.txt")
	want, _ := json.Marshal(a.AnalyzeDocument(title, "", body))
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				got, _ := json.Marshal(a.AnalyzeDocument(title, "", body))
				if string(got) != string(want) {
					t.Error("concurrent analysis differs")
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestBadOverrideFiles(t *testing.T) {
	if _, err := New(Options{GazetteerFile: "testdata/does-not-exist.yaml"}); err == nil || !strings.Contains(err.Error(), "does-not-exist.yaml") {
		t.Errorf("missing gazetteer: %v", err)
	}
	if _, err := New(Options{TaxonomyFile: "testdata/does-not-exist.yaml"}); err == nil {
		t.Error("missing taxonomy accepted")
	}
}

func TestModelVersion(t *testing.T) {
	v := ModelVersion()
	if !strings.HasPrefix(v, "nlp2-s") || len(v) != len("nlp2-s12345678-n12345678") {
		t.Fatalf("model version %q", v)
	}
}
