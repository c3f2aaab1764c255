package brief

import (
	"context"
	"strings"
	"testing"

	"github.com/biroadpim/pantau/analytics/brief/internal/corpus"
)

func TestEmptyDayIsHonest(t *testing.T) {
	s := emptyStore(t)
	b, err := newTestGenerator(t, s).Generate(context.Background(), corpus.Date)
	if err != nil {
		t.Fatalf("empty day: %v", err)
	}
	if b.Headline.Total.N != 0 || len(b.Issues) != 0 || len(b.Respond) != 0 || len(b.Leaders) != 3 {
		t.Fatalf("empty day brief: %+v", b.Headline)
	}
	if len(b.Notes) == 0 || !strings.Contains(b.Notes[0], "Tidak ada dokumen") {
		t.Fatalf("notes %q: the brief must say nothing was collected", b.Notes)
	}
	html, err := HTML(b)
	if err != nil {
		t.Fatal(err)
	}
	md, err := Markdown(b)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Tidak ada dokumen", "Tidak ada isu pada periode ini", "Tidak ada berita negatif"} {
		if !strings.Contains(string(html), want) || !strings.Contains(string(md), want) {
			t.Errorf("html or markdown lacks %q", want)
		}
	}
}

func TestSourceOutageIsReported(t *testing.T) {
	s := loadDay(t, corpus.Options{Outage: "kaltimpost"})
	b, err := newTestGenerator(t, s).Generate(context.Background(), corpus.Date)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Sources.Quiet) != 1 || b.Sources.Quiet[0].Source != "kaltimpost" || b.Sources.Quiet[0].Outlet != "Kaltim Post" {
		t.Fatalf("quiet sources %+v, want only kaltimpost", b.Sources.Quiet)
	}
	note := strings.Join(b.Notes, " ")
	if !strings.Contains(note, "Kaltim Post") || !strings.Contains(note, "belum lengkap") {
		t.Fatalf("notes %q: must warn that numbers may be incomplete", b.Notes)
	}
	md, _ := Markdown(b)
	if !strings.Contains(string(md), "1 senyap (Kaltim Post") {
		t.Fatalf("telegram text does not name the quiet source:\n%s", md)
	}
}

func TestMarkdownFitsTelegram(t *testing.T) {
	s := loadDay(t, corpus.Options{})
	b, err := newTestGenerator(t, s).Generate(context.Background(), corpus.Date)
	if err != nil {
		t.Fatal(err)
	}
	// Long titles force the renderer to drop detail, never to exceed the limit.
	for i := range b.Issues {
		for j := range b.Issues[i].Headlines {
			b.Issues[i].Headlines[j].Title = strings.Repeat("Judul sangat panjang ", 20)
		}
	}
	for i := range b.Respond {
		b.Respond[i].Headline.Title = strings.Repeat("Berita negatif panjang ", 25)
		b.Respond[i].Why = strings.Repeat("alasan ", 40)
	}
	md, err := Markdown(b)
	if err != nil {
		t.Fatal(err)
	}
	if n := TelegramLen(string(md)); n > TelegramLimit {
		t.Fatalf("markdown is %d UTF-16 units, limit %d", n, TelegramLimit)
	}
	if !strings.Contains(string(md), "*Perlu respons*") || !strings.Contains(string(md), "*Pimpinan*") {
		t.Fatal("sections dropped instead of detail")
	}
}

func TestMarkdownEscapesEntities(t *testing.T) {
	if got := mdText("harga_bbm *naik* [lagi] `x`"); strings.ContainsAny(got, "*_[]`") {
		t.Fatalf("mdText left Markdown entity characters: %q", got)
	}
	if got := mdLink("https://x.example/a_(b)"); strings.ContainsAny(got, "()") {
		t.Fatalf("mdLink left parentheses: %q", got)
	}
}

func TestIndonesianDates(t *testing.T) {
	tests := []struct{ date, want string }{
		{"2026-11-23", "Senin, 23 November 2026"},
		{"2026-11-20", "Jumat, 20 November 2026"},
		{"2027-01-03", "Minggu, 3 Januari 2027"},
	}
	for _, tc := range tests {
		d, err := ParseDate(tc.date)
		if err != nil {
			t.Fatal(err)
		}
		if got := DateLabel(d); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.date, got, tc.want)
		}
	}
	if _, err := ParseDate("23/11/2026"); err == nil || !strings.Contains(err.Error(), "YYYY-MM-DD") {
		t.Fatalf("bad date error %v", err)
	}
}

func TestConfigValidate(t *testing.T) {
	c := DefaultConfig()
	if err := c.Validate(); err != nil {
		t.Fatalf("defaults: %v", err)
	}
	c.Schedule, c.Cutoff, c.Leaders, c.OutletWeights, c.BaseURL = "6 pagi", "25:00", []string{"Rudy"}, []string{"tribun=-1"}, "pantau"
	err := c.Validate()
	for _, want := range []string{"brief.schedule", "brief.cutoff", "brief.leaders", "brief.outlet_weights", "brief.base_url"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not name %s", err, want)
		}
	}
}
