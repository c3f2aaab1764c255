package dates

import (
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	now := time.Date(2024, 6, 1, 10, 0, 0, 0, WITA)
	tests := []struct {
		in   string
		want string // RFC 3339
	}{
		{"Jumat, 31 Mei 2024 14:05 WITA", "2024-05-31T14:05:00+08:00"},
		{"Jumat, 31 Mei 2024 14:05 WIB", "2024-05-31T14:05:00+07:00"},
		{"Kamis, 30 Mei 2024 | 09.15 WIT", "2024-05-30T09:15:00+09:00"},
		{"31 Mei 2024, 14:05", "2024-05-31T14:05:00+08:00"},
		{"31 Mei 2024 pukul 14.05 WITA", "2024-05-31T14:05:00+08:00"},
		{"Senin, 3 Juni 2024 - 07:30", "2024-06-03T07:30:00+08:00"},
		{"Jum'at, 7 Agustus 2020", "2020-08-07T00:00:00+08:00"},
		{"12 Agt 2023 18:00 WIB", "2023-08-12T18:00:00+07:00"},
		{"1 Nopember 2022", "2022-11-01T00:00:00+08:00"},
		{"31/5/2024", "2024-05-31T00:00:00+08:00"},
		{"31/05/2024 14:05", "2024-05-31T14:05:00+08:00"},
		{"31-05-2024", "2024-05-31T00:00:00+08:00"},
		{"Selasa (11/04/2023)", "2023-04-11T00:00:00+08:00"},
		{"Selasa (11/04/2023) - 13:45 WITA", "2023-04-11T13:45:00+08:00"},
		{"2024-05-31T14:05:00+08:00", "2024-05-31T14:05:00+08:00"},
		{"2024-05-31T06:05:00Z", "2024-05-31T06:05:00Z"},
		{"2024-05-31 14:05:00", "2024-05-31T14:05:00+08:00"},
		{"2024-05-31T14:05:00+0700", "2024-05-31T14:05:00+07:00"},
		{"2024-05-31", "2024-05-31T00:00:00+08:00"},
		{"Fri, 31 May 2024 06:05:00 GMT", "2024-05-31T06:05:00Z"},
		{"Fri, 31 May 2024 14:05:00 +0800", "2024-05-31T14:05:00+08:00"},
		{"Jum, 31 Mei 2024 14:05:00 +0800", "2024-05-31T14:05:00+08:00"},
		{"May 31, 2024", "2024-05-31T00:00:00+08:00"},
		{"Diperbarui 31 Mei 2024 14:05 WITA", "2024-05-31T14:05:00+08:00"},
		{"2 jam lalu", "2024-06-01T08:00:00+08:00"},
		{"2 jam yang lalu", "2024-06-01T08:00:00+08:00"},
		{"15 menit lalu", "2024-06-01T09:45:00+08:00"},
		{"3 hari lalu", "2024-05-29T10:00:00+08:00"},
		{"sejam lalu", "2024-06-01T09:00:00+08:00"},
		{"1 minggu lalu", "2024-05-25T10:00:00+08:00"},
		{"kemarin", "2024-05-31T00:00:00+08:00"},
		{"Kemarin 16:20", "2024-05-31T16:20:00+08:00"},
		{"baru saja", "2024-06-01T10:00:00+08:00"},
		{"5 hours ago", "2024-06-01T05:00:00+08:00"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Parse(tt.in, now, nil)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if s := got.Format(time.RFC3339); s != tt.want {
				t.Errorf("Parse(%q) = %s, want %s", tt.in, s, tt.want)
			}
		})
	}
}

func TestParseRejects(t *testing.T) {
	now := time.Date(2024, 6, 1, 10, 0, 0, 0, WITA)
	for _, in := range []string{"", "Berita terkini Kaltim", "31 Februari 2024", "32/13/2024", "2024-13-01", "1 Mei 1850", "Halaman 1/2"} {
		if got, err := Parse(in, now, nil); err == nil {
			t.Errorf("Parse(%q) = %s, want an error", in, got)
		}
	}
}

func TestParseDefaultLocation(t *testing.T) {
	got, err := Parse("31 Mei 2024 14:05", time.Now(), WIB)
	if err != nil {
		t.Fatal(err)
	}
	if got.Format(time.RFC3339) != "2024-05-31T14:05:00+07:00" {
		t.Errorf("got %s, want the date in WIB", got.Format(time.RFC3339))
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"Jumat, 31 Mei 2024 14:05 WITA", "31/5/2024", "Selasa (11/04/2023)", "2 jam lalu", "2024-05-31T14:05:00+08:00", "Fri, 31 May 2024 06:05:00 GMT", "kemarin 16:20"} {
		f.Add(s)
	}
	now := time.Date(2024, 6, 1, 10, 0, 0, 0, WITA)
	f.Fuzz(func(t *testing.T, s string) {
		got, err := Parse(s, now, nil)
		if err != nil {
			return
		}
		if got.Year() < minYear || got.Year() > maxYear {
			t.Fatalf("Parse(%q) = %s: year out of range", s, got)
		}
		// Parsing is deterministic.
		again, err := Parse(s, now, nil)
		if err != nil || !again.Equal(got) {
			t.Fatalf("Parse(%q) not deterministic: %s vs %s (%v)", s, got, again, err)
		}
		if strings.TrimSpace(s) == "" {
			t.Fatalf("Parse(%q) accepted blank input", s)
		}
	})
}
