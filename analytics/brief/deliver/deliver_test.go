package deliver

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"
)

// smtpServer is a minimal SMTP server (RFC 5321 subset: EHLO, AUTH PLAIN,
// MAIL, RCPT, DATA, QUIT) on a real socket; no SMTP server runs here, so
// the test brings its own. failFirst makes the first n sessions fail with 451.
type smtpServer struct {
	ln        net.Listener
	mu        sync.Mutex
	messages  []string
	auth      []string
	failFirst int
	sessions  int
}

func newSMTPServer(t *testing.T) *smtpServer {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &smtpServer{ln: ln}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serve(c)
		}
	}()
	return s
}

func (s *smtpServer) port() int { return s.ln.Addr().(*net.TCPAddr).Port }

func (s *smtpServer) serve(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	say := func(l string) { io.WriteString(c, l+"\r\n") }
	s.mu.Lock()
	s.sessions++
	fail := s.sessions <= s.failFirst
	s.mu.Unlock()
	say("220 test ESMTP")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"):
			say("250-test")
			say("250 AUTH PLAIN")
		case strings.HasPrefix(cmd, "AUTH PLAIN"):
			s.mu.Lock()
			s.auth = append(s.auth, strings.TrimSpace(line)[len("AUTH PLAIN "):])
			s.mu.Unlock()
			say("235 ok")
		case strings.HasPrefix(cmd, "MAIL"):
			if fail {
				say("451 try again later")
				continue
			}
			say("250 ok")
		case strings.HasPrefix(cmd, "RCPT"):
			say("250 ok")
		case cmd == "DATA":
			say("354 go")
			var b strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				b.WriteString(strings.TrimPrefix(l, "."))
			}
			s.mu.Lock()
			s.messages = append(s.messages, b.String())
			s.mu.Unlock()
			say("250 queued")
		case cmd == "QUIT":
			say("221 bye")
			return
		default:
			say("250 ok")
		}
	}
}

var msg = Message{Date: "2026-11-20", Subject: "Brief Isu Pagi Jumat, 20 November 2026 — 69 berita",
	Text: "*BRIEF ISU PAGI*\nJumat, 20 November 2026", HTML: "<!DOCTYPE html><html><body><h1>Brief Isu Pagi</h1></body></html>",
	PDF: []byte("%PDF-1.4 test"), JSON: []byte(`{"date":"2026-11-20"}`)}

var fastRetry = RetryConfig{Attempts: 3, Backoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond, Timeout: 5 * time.Second}

func TestEmailDeliversMultipartWithPDF(t *testing.T) {
	srv := newSMTPServer(t)
	srv.failFirst = 1
	cfg := EmailConfig{Host: "127.0.0.1", Port: srv.port(), TLS: TLSNone, Username: "pantau", Password: "rahasia",
		From: "Pantau <pantau@kaltimprov.example>", To: []string{"kabiro@kaltimprov.example", "gubernur@kaltimprov.example"}}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	res := Send(context.Background(), &Email{Config: cfg}, msg, fastRetry, nil)
	if res.Err != nil || res.Attempts != 2 {
		t.Fatalf("result %+v: want success on the second attempt after a 451", res)
	}
	if len(srv.messages) != 1 {
		t.Fatalf("%d messages received, want 1", len(srv.messages))
	}
	m, err := mail.ReadMessage(strings.NewReader(srv.messages[0]))
	if err != nil {
		t.Fatal(err)
	}
	subj, _ := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if subj != msg.Subject {
		t.Errorf("subject %q, want %q", subj, msg.Subject)
	}
	_, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	mr := multipart.NewReader(m.Body, params["boundary"])
	var types []string
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		ct, pp, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		types = append(types, ct)
		if ct == "multipart/alternative" {
			ar := multipart.NewReader(p, pp["boundary"])
			for {
				ap, err := ar.NextPart()
				if err != nil {
					break
				}
				body, _ := io.ReadAll(ap) // quoted-printable decoded by the reader
				act, _, _ := mime.ParseMediaType(ap.Header.Get("Content-Type"))
				types = append(types, act)
				if act == "text/html" && !strings.Contains(string(body), "<h1>Brief Isu Pagi</h1>") {
					t.Errorf("html part %q", body)
				}
			}
		}
		if ct == "application/pdf" && !strings.Contains(p.Header.Get("Content-Disposition"), "brief-isu-pagi-2026-11-20.pdf") {
			t.Errorf("pdf disposition %q", p.Header.Get("Content-Disposition"))
		}
	}
	if strings.Join(types, ",") != "multipart/alternative,text/plain,text/html,application/pdf" {
		t.Errorf("parts %v", types)
	}
	if len(srv.auth) == 0 || srv.auth[0] != "AHBhbnRhdQByYWhhc2lh" {
		t.Errorf("auth %v: want PLAIN pantau/rahasia", srv.auth)
	}
}

func TestEmailRequiresStartTLS(t *testing.T) {
	srv := newSMTPServer(t)
	cfg := EmailConfig{Host: "127.0.0.1", Port: srv.port(), TLS: TLSStartTLS, From: "pantau@kaltimprov.example", To: []string{"a@b.example"}}
	res := Send(context.Background(), &Email{Config: cfg}, msg, fastRetry, nil)
	var perm *Permanent
	if !errors.As(res.Err, &perm) || res.Attempts != 1 || !strings.Contains(res.Err.Error(), "STARTTLS") {
		t.Fatalf("result %+v: want a permanent STARTTLS error after one attempt", res)
	}
	if len(srv.messages) != 0 {
		t.Fatal("message sent without TLS")
	}
}

// telegramAPI mimics the Bot API's sendMessage and sendDocument.
type telegramAPI struct {
	mu        sync.Mutex
	calls     []string
	texts     []string
	documents [][]byte
	limited   int // answer 429 to this many calls first
}

func (a *telegramAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.mu.Lock()
	defer a.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if !strings.HasPrefix(r.URL.Path, "/bot123:ABC/") {
		w.WriteHeader(http.StatusUnauthorized)
		io.WriteString(w, `{"ok":false,"error_code":401,"description":"Unauthorized"}`)
		return
	}
	if a.limited > 0 {
		a.limited--
		w.WriteHeader(http.StatusTooManyRequests)
		io.WriteString(w, `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 0","parameters":{"retry_after":0}}`)
		return
	}
	if err := r.ParseMultipartForm(10 << 20); err != nil {
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"ok":false,"error_code":400,"description":"Bad Request: no form"}`)
		return
	}
	method := r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:]
	a.calls = append(a.calls, method+":"+r.FormValue("chat_id"))
	switch method {
	case "sendMessage":
		if r.FormValue("parse_mode") != "Markdown" {
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, `{"ok":false,"error_code":400,"description":"Bad Request: parse mode"}`)
			return
		}
		a.texts = append(a.texts, r.FormValue("text"))
	case "sendDocument":
		f, h, err := r.FormFile("document")
		if err != nil || !strings.HasSuffix(h.Filename, ".pdf") {
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, `{"ok":false,"error_code":400,"description":"Bad Request: no document"}`)
			return
		}
		b, _ := io.ReadAll(f)
		a.documents = append(a.documents, b)
	}
	io.WriteString(w, `{"ok":true,"result":{"message_id":1}}`)
}

func TestTelegramSendsMessageAndPDF(t *testing.T) {
	api := &telegramAPI{limited: 1}
	srv := httptest.NewServer(api)
	defer srv.Close()
	cfg := TelegramConfig{APIBase: srv.URL, BotToken: "123:ABC", ChatIDs: []string{"-1001", "@biroadpim"}, SendPDF: true}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	res := Send(context.Background(), &Telegram{Config: cfg}, msg, fastRetry, nil)
	if res.Err != nil || res.Attempts != 2 {
		t.Fatalf("result %+v: want success after one 429", res)
	}
	// The 429 hit the first chat; the retry must not repeat the second.
	want := "sendMessage:@biroadpim,sendDocument:@biroadpim,sendMessage:-1001,sendDocument:-1001"
	if got := strings.Join(api.calls, ","); got != want {
		t.Fatalf("calls %s, want each chat served exactly once: %s", got, want)
	}
	if api.texts[0] != msg.Text || string(api.documents[0]) != string(msg.PDF) {
		t.Fatalf("text %q / document %q", api.texts[0], api.documents[0])
	}
}

func TestTelegramBadTokenIsPermanentAndNotLeaked(t *testing.T) {
	srv := httptest.NewServer(&telegramAPI{})
	defer srv.Close()
	cfg := TelegramConfig{APIBase: srv.URL, BotToken: "999:WRONG", ChatIDs: []string{"-1001"}}
	res := Send(context.Background(), &Telegram{Config: cfg}, msg, fastRetry, nil)
	var perm *Permanent
	if !errors.As(res.Err, &perm) || res.Attempts != 1 {
		t.Fatalf("result %+v: want a permanent error after one attempt", res)
	}
	if strings.Contains(res.Err.Error(), "WRONG") {
		t.Fatalf("error %q leaks the bot token", res.Err)
	}
}

func TestWebhookPostsSignedJSON(t *testing.T) {
	var mu sync.Mutex
	var bodies []string
	failures := 2
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if failures > 0 {
			failures--
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		b, _ := io.ReadAll(r.Body)
		if r.Header.Get(SignatureHeader) != Sign("kunci", b) || r.Header.Get("Content-Type") != "application/json" {
			w.WriteHeader(http.StatusForbidden)
			return
		}
		var v map[string]any
		if json.Unmarshal(b, &v) != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		bodies = append(bodies, string(b))
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	w := &Webhook{Config: WebhookConfig{URL: srv.URL + "/hook?token=abc", Secret: "kunci"}}
	res := Send(context.Background(), w, msg, fastRetry, nil)
	if res.Err != nil || res.Attempts != 3 || len(bodies) != 1 || bodies[0] != string(msg.JSON) {
		t.Fatalf("result %+v, bodies %v: want delivery on the third attempt", res, bodies)
	}
	// A 4xx is permanent and the URL's token is not logged.
	w.Config.Secret = "salah"
	res = Send(context.Background(), w, msg, fastRetry, nil)
	if res.Err == nil || res.Attempts != 1 || strings.Contains(res.Err.Error(), "abc") {
		t.Fatalf("result %+v: want one attempt and no token in the error", res)
	}
}

func TestConfigValidation(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"email without recipients", EmailConfig{Host: "smtp.example", Port: 587, TLS: TLSStartTLS, From: "a@b.example"}.Validate(), "brief.email.to is empty"},
		{"email bad tls", EmailConfig{Host: "smtp.example", Port: 587, TLS: "ssl", From: "a@b.example", To: []string{"c@d.example"}}.Validate(), "brief.email.tls"},
		{"email user without password", EmailConfig{Host: "smtp.example", Port: 587, TLS: TLSStartTLS, Username: "u", From: "a@b.example", To: []string{"c@d.example"}}.Validate(), "PANTAU_BRIEF_EMAIL_PASSWORD"},
		{"telegram without token", TelegramConfig{APIBase: DefaultTelegramAPI, ChatIDs: []string{"1"}}.Validate(), "bot_token_file"},
		{"webhook bad url", WebhookConfig{URL: "ftp://x"}.Validate(), "brief.webhook.url"},
		{"retry", RetryConfig{Attempts: 0, Timeout: time.Second}.Validate(), "attempts"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.err == nil || !strings.Contains(tc.err.Error(), tc.want) {
				t.Fatalf("error %v, want it to mention %q", tc.err, tc.want)
			}
		})
	}
	if err := (EmailConfig{}).Validate(); err != nil {
		t.Fatalf("unconfigured e-mail: %v", err)
	}
}
