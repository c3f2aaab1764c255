package quote

import (
	"sort"
	"strings"
	"testing"
)

// mentionsOf finds every occurrence of the given names (name → canonical)
// in text, as a named-entity recogniser would report them.
func mentionsOf(text string, names map[string]string) []Mention {
	var ms []Mention
	for name, canon := range names {
		for i := 0; ; {
			j := strings.Index(text[i:], name)
			if j < 0 {
				break
			}
			s := i + j
			ms = append(ms, Mention{Start: s, End: s + len(name), Text: name, Canonical: canon, Person: true})
			i = s + len(name)
		}
	}
	sort.Slice(ms, func(a, b int) bool { return ms[a].Start < ms[b].Start })
	// drop mentions nested in longer ones
	out := ms[:0]
	for _, m := range ms {
		if len(out) > 0 && m.Start < out[len(out)-1].End {
			if m.End-m.Start > out[len(out)-1].End-out[len(out)-1].Start {
				out[len(out)-1] = m
			}
			continue
		}
		out = append(out, m)
	}
	return out
}

func TestDirectQuoteVerbs(t *testing.T) {
	verbs := []string{"kata", "ujar", "ucap", "tutur", "ungkap", "jelas", "tegas", "imbuh", "tambah", "sambung", "tandas", "harap", "saran"}
	for _, v := range verbs {
		for _, q := range [][2]string{{"\"", "\""}, {"“", "”"}} {
			text := "Banjir melanda Samarinda. " + q[0] + "Kami akan segera membantu warga," + q[1] + " " + v + " Andi Harun, Senin."
			got := Extract(text, mentionsOf(text, map[string]string{"Andi Harun": "Andi Harun"}))
			if len(got) != 1 || got[0].Canonical != "Andi Harun" || got[0].Text != "Kami akan segera membantu warga" || !got[0].Direct {
				t.Errorf("verb %q quotes %q: got %+v", v, q[0], got)
			}
		}
	}
}

func TestNyaFormsAndContinuation(t *testing.T) {
	text := "Kepala BPBD Samarinda Suwarso meninjau lokasi. Gubernur Rudy Mas'ud juga hadir.\n\n" +
		"\"Air mulai surut sejak pagi tadi,\" kata Suwarso.\n\n" +
		"\"Kami kekurangan perahu karet di lapangan,\" tegasnya.\n\n" +
		"“Bantuan logistik sudah kami kirim ke posko,” ungkapnya.\n\n" +
		"Rudy Mas'ud menyatakan dukungan. \"Provinsi siap menambah anggaran penanganan,\" ujarnya."
	ms := mentionsOf(text, map[string]string{"Suwarso": "Suwarso", "Rudy Mas'ud": "Rudy Mas'ud"})
	got := Extract(text, ms)
	want := []string{"Suwarso", "Suwarso", "Suwarso", "Rudy Mas'ud"}
	var direct []Quote
	for _, q := range got {
		if q.Direct {
			direct = append(direct, q)
		}
	}
	if len(direct) != len(want) {
		t.Fatalf("got %d direct quotes %+v, want %d", len(direct), direct, len(want))
	}
	for i, q := range direct {
		if q.Canonical != want[i] {
			t.Errorf("quote %d %q: speaker %q, want %q", i, q.Text, q.Canonical, want[i])
		}
	}
}

func TestPreQuoteAndIndirect(t *testing.T) {
	text := "Sekda Sri Wahyuni mengatakan, \"Semua OPD wajib hadir tepat waktu dalam apel pagi.\" " +
		"Menurut Bambang Arwanto, tambang itu tidak memiliki izin usaha pertambangan. " +
		"Seno Aji mengatakan bahwa jalan poros akan diperbaiki tahun depan."
	ms := mentionsOf(text, map[string]string{"Sri Wahyuni": "Sri Wahyuni", "Bambang Arwanto": "Bambang Arwanto", "Seno Aji": "Seno Aji"})
	got := Extract(text, ms)
	type qk struct {
		who    string
		direct bool
		text   string
	}
	want := []qk{
		{"Sri Wahyuni", true, "Semua OPD wajib hadir tepat waktu dalam apel pagi."},
		{"Bambang Arwanto", false, "tambang itu tidak memiliki izin usaha pertambangan"},
		{"Seno Aji", false, "jalan poros akan diperbaiki tahun depan"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %d quotes", got, len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Canonical != w.who || g.Direct != w.direct || g.Text != w.text {
			t.Errorf("quote %d: got %+v, want %+v", i, g, w)
		}
	}
}

func TestScareQuotesIgnored(t *testing.T) {
	text := "Program \"Gratispol\" diluncurkan oleh Rudy Mas'ud di Samarinda."
	if got := Extract(text, mentionsOf(text, map[string]string{"Rudy Mas'ud": "Rudy Mas'ud"})); len(got) != 0 {
		t.Errorf("scare quotes taken as speech: %+v", got)
	}
}
