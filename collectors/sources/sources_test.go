package sources

import (
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

func TestDefaultRegistry(t *testing.T) {
	list := Default()
	news, official := 0, 0
	for _, s := range list {
		if s.Kind == KindNews {
			news++
			if s.Pattern == nil {
				t.Errorf("%s: news source without article_pattern", s.Name)
			}
			if s.Verified == "" || s.Check == "" {
				t.Errorf("%s: verified and check must say what was and was not confirmed", s.Name)
			}
			if s.AllowPrivate {
				t.Errorf("%s: allow_private must never be set in the default registry", s.Name)
			}
		}
		if s.Official {
			official++
		}
	}
	if news < 20 {
		t.Errorf("default registry has %d news sources, want at least 20", news)
	}
	if official < 10 {
		t.Errorf("default registry has %d official sources, want the government sites", official)
	}
}

func TestParseGood(t *testing.T) {
	list, err := Load("testdata/good.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 {
		t.Fatalf("got %d sources, want 2", len(list))
	}
	s := list[0]
	if s.Interval != DefaultInterval || s.MaxPages != DefaultMaxPages || s.Language != "id" {
		t.Errorf("defaults not applied: %+v", s)
	}
	if got := strings.Join(s.Allow, ","); got != "127.0.0.1" {
		t.Errorf("allow derived as %q, want 127.0.0.1", got)
	}
	if !s.IsArticle("http://127.0.0.1:8080/berita/12/banjir") || s.IsArticle("http://127.0.0.1:8080/tag/banjir") || s.IsArticle("http://other.example/berita/12/x") {
		t.Error("IsArticle does not apply pattern and allowed domains")
	}
	if s.Selectors.Body != "div.isi" || !s.Official || !s.AllowPrivate {
		t.Errorf("fields not decoded: %+v", s)
	}
	if list[1].BaseURL != DefaultTelegramBase || list[1].Allow[0] != "t.me" {
		t.Errorf("telegram defaults: %+v", list[1])
	}
}

func TestParseBad(t *testing.T) {
	tests := []struct {
		file string
		want []string
	}{
		{"unknown_key.bad.yaml", []string{"unknown_key.bad.yaml:5:", `unknown key "artikel_pattern"`}},
		{"bad_regex.bad.yaml", []string{"bad_regex.bad.yaml:2:", `source "prokal"`, "article_pattern", "missing closing )"}},
		{"bad_selector_key.bad.yaml", []string{"bad_selector_key.bad.yaml:6:", `unknown key "judul"`}},
		{"duplicate.bad.yaml", []string{"duplicate.bad.yaml:5:", "already used at line 2"}},
		{"bad_kind.bad.yaml", []string{"bad_kind.bad.yaml:2:", `kind "koran" is unknown`}},
		{"offsite_feed.bad.yaml", []string{"offsite_feed.bad.yaml:2:", "not on an allowed domain"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := Load("testdata/" + tt.file)
			if err == nil {
				t.Fatal("want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestConfigInlineAndFile(t *testing.T) {
	var main struct {
		Sources Config `yaml:"sources"`
	}
	in := "sources:\n  - name: a\n    kind: news\n    feeds: [https://a.example/feed]\n    interval: 30m\n"
	if err := yaml.Unmarshal([]byte(in), &main); err != nil {
		t.Fatal(err)
	}
	list, err := main.Sources.Resolve()
	if err != nil || len(list) != 1 || list[0].Interval != 30*time.Minute {
		t.Fatalf("inline: %v %+v", err, list)
	}
	var m2 struct {
		Sources Config `yaml:"sources"`
	}
	if err := yaml.Unmarshal([]byte("sources:\n  file: testdata/good.yaml\n"), &m2); err != nil {
		t.Fatal(err)
	}
	if list, err := m2.Sources.Resolve(); err != nil || len(list) != 2 {
		t.Fatalf("file: %v %d", err, len(list))
	}
	var m3 struct {
		Sources Config `yaml:"sources"`
	}
	if err := yaml.Unmarshal([]byte("sources:\n  fil: x\n"), &m3); err == nil || !strings.Contains(err.Error(), `unknown key "fil"`) {
		t.Fatalf("want unknown key error, got %v", err)
	}
}

func TestSelect(t *testing.T) {
	list := Default()
	got, err := Select(list, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range got {
		if s.Disabled {
			t.Errorf("Select returned disabled source %s", s.Name)
		}
	}
	one, err := Select(list, "antara-kaltim")
	if err != nil || len(one) != 1 || one[0].Name != "antara-kaltim" {
		t.Fatalf("Select by name: %v %v", one, err)
	}
	if _, err := Select(list, "tidak-ada"); err == nil {
		t.Fatal("want an error for an unknown name")
	}
}
