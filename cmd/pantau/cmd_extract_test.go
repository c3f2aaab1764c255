package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/biroadpim/pantau/collectors/portaltest"
)

func TestExtractFile(t *testing.T) {
	var out, errb bytes.Buffer
	code := dispatch(context.Background(), &cmdEnv{stdout: &out, stderr: &errb}, []string{"extract",
		"--url", "https://kaltim.tribunnews.com/samarinda/1130001/gubernur-kaltim-tinjau-banjir-di-samarinda-utara",
		"../../collectors/extract/testdata/tribun_like.html"})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var got extractOutput
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out.String())
	}
	if got.Title != "Gubernur Kaltim Tinjau Banjir di Samarinda Utara, Minta Drainase Dinormalisasi" ||
		got.PublishedAt != "2024-05-31T14:05:00+08:00" || got.Author != "Rina Kartika" ||
		got.SiteName != "Tribunkaltim.co" || got.Language != "id" ||
		!strings.Contains(got.Body, "Drainase di kawasan ini") || strings.Contains(got.Body, "Baca juga") {
		t.Errorf("unexpected output:\n%s", out.String())
	}
}

func TestExtractURL(t *testing.T) {
	portal := portaltest.New(6)
	defer portal.Close()
	a := portal.Articles()[5] // the windows-1252 page, dated in WIB
	var out, errb bytes.Buffer
	env := &cmdEnv{stdout: &out, stderr: &errb}
	if code := dispatch(context.Background(), env, []string{"extract", portal.URL(a.Path())}); code != 1 || !strings.Contains(errb.String(), "--allow-private") {
		t.Fatalf("a loopback URL must be refused with a hint; exit %d: %s", code, errb.String())
	}
	out.Reset()
	errb.Reset()
	if code := dispatch(context.Background(), env, []string{"extract", "--allow-private", portal.URL(a.Path())}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var got extractOutput
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Title != a.Title || got.PublishedAt != a.Published.Format("2006-01-02T15:04:05-07:00") || !strings.Contains(got.Body, "“café”") {
		t.Errorf("got %+v", got)
	}
	if code := dispatch(context.Background(), env, []string{"extract", "--allow-private", portal.URL(portaltest.PathDisallowed)}); code != 1 || !strings.Contains(errb.String(), "robots.txt") {
		t.Errorf("robots-disallowed URL: exit %d: %s", code, errb.String())
	}
}
