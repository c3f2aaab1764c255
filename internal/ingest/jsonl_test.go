package ingest

import (
	"errors"
	"io"
	"strings"
	"testing"
)

func TestReaderReportsBadLinesAndContinues(t *testing.T) {
	in := strings.Join([]string{
		`{"url":"https://kaltimpost.id/a","source":"kaltim-post","kind":"article","title":"Banjir","body":"Air naik.","published_at":"2024-05-31T14:05:00+08:00"}`,
		``,
		`{"url":"https://kaltimpost.id/b","source":"kaltim-post","title":"x","published_at":"31 Mei 2024"}`,
		`not json`,
		`{"url":"https://kaltimpost.id/c","source":"Kaltim Post","title":"x","published_at":"2024-05-31T14:05:00Z"}`,
		`{"url":"https://kaltimpost.id/d","source":"kaltim-post","kind":"video","title":"x","published_at":"2024-05-31T14:05:00Z"}`,
		`{"id":"tg-1","source":"telegram-humas","kind":"post","body":"Info banjir","published_at":"2024-05-31T14:05:00+08:00","lang":"bjn","colour":"red"}`,
		`{"id":"tg-2","source":"telegram-humas","kind":"post","body":"Info banjir","published_at":"2024-05-31T14:05:00+08:00","lang":"bjn"}`,
	}, "\n")
	r := NewReader(strings.NewReader(in))
	var docs []string
	badLines := map[int]string{}
	for {
		d, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var le *LineError
		if errors.As(err, &le) {
			badLines[le.Line] = le.Error()
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d.GetId())
		if d.GetId() == "" || d.GetCollectedAt() == nil || d.GetContentHash() == "" {
			t.Errorf("document not prepared: %v", d)
		}
	}
	if len(docs) != 2 {
		t.Fatalf("good documents = %d, want 2 (lines 1 and 8)", len(docs))
	}
	want := map[int]string{
		3: "published_at \"31 Mei 2024\" bukan waktu RFC 3339",
		4: "bukan JSON yang sah",
		5: "source \"Kaltim Post\"",
		6: "kind \"video\"",
		7: "unknown field \"colour\"",
	}
	for line, frag := range want {
		msg, ok := badLines[line]
		if !ok {
			t.Errorf("line %d not reported", line)
			continue
		}
		if !strings.Contains(msg, frag) || !strings.HasPrefix(msg, "baris ") {
			t.Errorf("line %d: %q does not contain %q", line, msg, frag)
		}
	}
	if len(badLines) != len(want) {
		t.Errorf("bad lines = %v", badLines)
	}
}

func TestSameURLSameID(t *testing.T) {
	a, err := ParseLine([]byte(`{"url":"https://Kaltim.Tribunnews.com/x?utm_source=wa","source":"tribun-kaltim","title":"t","published_at":"2024-05-31T14:05:00Z"}`), fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	b, err := ParseLine([]byte(`{"url":"https://kaltim.tribunnews.com/x","source":"tribun-kaltim","title":"t","published_at":"2024-05-31T14:05:00Z"}`), fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	if a.GetId() != b.GetId() {
		t.Fatalf("ids differ for one canonical URL: %s %s", a.GetId(), b.GetId())
	}
}
