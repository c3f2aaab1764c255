package bus

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	pantauv1 "github.com/biroadpim/pantau/proto/pantau/v1"
)

func TestCanonicalURL(t *testing.T) {
	cases := []struct{ in, want string }{
		{"HTTPS://KaltimPost.JawaPos.com:443/daerah/123/judul/?utm_source=fb&b=2&a=1#top", "https://kaltimpost.jawapos.com/daerah/123/judul?a=1&b=2"},
		{"http://example.id", "http://example.id/"},
		{"http://example.id:8080/a?fbclid=x", "http://example.id:8080/a"},
		{"https://kaltim.tribunnews.com/2024/05/31/banjir-samarinda?page=all", "https://kaltim.tribunnews.com/2024/05/31/banjir-samarinda?page=all"},
	}
	for _, c := range cases {
		got, err := CanonicalURL(c.in)
		if err != nil {
			t.Fatalf("CanonicalURL(%q): %v", c.in, err)
		}
		if got != c.want {
			t.Errorf("CanonicalURL(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, bad := range []string{"", "/relative/path", "ftp://x.id/a", "http://%zz"} {
		if _, err := CanonicalURL(bad); err == nil {
			t.Errorf("CanonicalURL(%q): want error", bad)
		}
	}
	if DocumentID("https://a.id/x") == DocumentID("https://a.id/y") || len(DocumentID("https://a.id/x")) != 32 {
		t.Error("DocumentID must differ per URL and be 32 hex chars")
	}
	if PostID("telegram", "1") == PostID("mastodon", "1") {
		t.Error("PostID must include the source")
	}
}

// startJS starts a real embedded NATS server with JetStream for a test.
func startJS(t *testing.T) (jetstream.JetStream, *nats.Conn) {
	t.Helper()
	s, err := StartEmbedded(ServerOptions{StoreDir: t.TempDir(), Port: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Shutdown(); s.WaitForShutdown() })
	nc, err := nats.Connect(s.ClientURL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	return js, nc
}

func TestPublishDeduplicatesByDocumentID(t *testing.T) {
	js, _ := startJS(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for i := 0; i < 2; i++ { // idempotent
		if err := EnsureStreams(ctx, js, DefaultStreamConfig()); err != nil {
			t.Fatal(err)
		}
	}
	p := NewPublisher(js)
	doc := func() *pantauv1.Document {
		return &pantauv1.Document{Source: "tribun-kaltim", Url: "https://kaltim.tribunnews.com/a?utm_source=x", Title: "Banjir"}
	}
	r1, err := p.PublishDoc(ctx, doc())
	if err != nil || r1.Duplicate {
		t.Fatalf("first publish: %+v %v", r1, err)
	}
	r2, err := p.PublishDoc(ctx, &pantauv1.Document{Source: "tribun-kaltim", Url: "https://kaltim.tribunnews.com/a", Title: "Banjir"})
	if err != nil || !r2.Duplicate {
		t.Fatalf("same canonical URL must be a duplicate: %+v %v", r2, err)
	}
	v2 := doc()
	v2.Version = 2
	r3, err := p.PublishDoc(ctx, v2)
	if err != nil || r3.Duplicate {
		t.Fatalf("a new version must be stored: %+v %v", r3, err)
	}
	info, err := js.Stream(ctx, RawStream)
	if err != nil {
		t.Fatal(err)
	}
	if n := info.CachedInfo().State.Msgs; n != 2 {
		t.Fatalf("stream holds %d messages, want 2", n)
	}
	err = p.Publish(ctx, &pantauv1.Document{Source: "Bad Source!", Url: "https://a.id/"})
	if !errors.Is(err, ErrInvalidDocument) {
		t.Fatalf("bad source: got %v, want ErrInvalidDocument", err)
	}
	if err := p.Publish(ctx, &pantauv1.Document{Source: "x"}); !errors.Is(err, ErrInvalidDocument) {
		t.Fatalf("no url: got %v", err)
	}
}

func TestDeadLetterCarriesReason(t *testing.T) {
	js, _ := startJS(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := EnsureStreams(ctx, js, StreamConfig{}); err != nil {
		t.Fatal(err)
	}
	d := NewDeadLetters(js)
	if err := d.Send(ctx, "decode", "proto: cannot parse", "pantau.raw.x", []byte{0xff}, 1, "m1"); err != nil {
		t.Fatal(err)
	}
	st, err := js.Stream(ctx, DLQStream)
	if err != nil {
		t.Fatal(err)
	}
	m, err := st.GetLastMsgForSubject(ctx, DLQPrefix+"decode")
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Header.Get(HeaderDLQReason); got != "proto: cannot parse" {
		t.Fatalf("reason header %q", got)
	}
}

func TestStreamConfigValidate(t *testing.T) {
	c := DefaultStreamConfig()
	c.Duplicates = 0
	c.Replicas = 9
	err := c.Validate()
	if err == nil {
		t.Fatal("want error")
	}
	for _, want := range []string{"duplicate_window", "replicas"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %s", err, want)
		}
	}
}
