package ingest

import (
	"errors"
	"io"
	"strings"
	"testing"
)

func TestCSVExportWithHeaderMap(t *testing.T) {
	in := "Judul,Isi,Tautan,Tanggal,Media\n" +
		"Banjir Samarinda,Air naik di Sempaja,https://kaltimpost.id/a,2024-05-31T14:05:00+08:00,kaltim-post\n" +
		"Tanpa tanggal,Isi,https://kaltimpost.id/b,bukan-tanggal,kaltim-post\n" +
		"Jalan rusak,Warga mengeluh,https://prokal.co/c,2024-06-01T09:00:00+08:00,prokal\n"
	hm, err := ParseHeaderMap("Judul=title,Isi=body,Tautan=url,Tanggal=published_at,Media=source")
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewCSV(strings.NewReader(in), hm, "csv-impor")
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	var bad []int
	for {
		d, err := c.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var le *LineError
		if errors.As(err, &le) {
			bad = append(bad, le.Line)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		titles = append(titles, d.GetTitle()+"@"+d.GetSource())
	}
	if strings.Join(titles, "|") != "Banjir Samarinda@kaltim-post|Jalan rusak@prokal" {
		t.Errorf("documents: %v", titles)
	}
	if len(bad) != 1 || bad[0] != 3 {
		t.Errorf("bad rows: %v, want line 3", bad)
	}
	if _, err := ParseHeaderMap("Judul"); err == nil {
		t.Error("malformed header map accepted")
	}
}
