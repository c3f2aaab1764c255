package deliver

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/base64"
	"errors"
	"fmt"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"strconv"
	"strings"
	"time"
)

// TLS modes of EmailConfig.
const (
	TLSStartTLS = "starttls"
	TLSImplicit = "tls"
	TLSNone     = "none"
)

// EmailConfig configures delivery by SMTP.
type EmailConfig struct {
	Host         string   `yaml:"smtp_host" doc:"SMTP server host (empty = no e-mail delivery)"`
	Port         int      `yaml:"smtp_port" doc:"SMTP server port (587 with starttls, 465 with tls)"`
	TLS          string   `yaml:"tls" doc:"transport security: starttls (required), tls (implicit, port 465) or none (trusted local relay only)"`
	Username     string   `yaml:"username" doc:"SMTP user (empty = no authentication)"`
	Password     string   `yaml:"password" secret:"true" doc:"SMTP password (secret: use PANTAU_BRIEF_EMAIL_PASSWORD or password_file)"`
	PasswordFile string   `yaml:"password_file" doc:"file holding the SMTP password"`
	From         string   `yaml:"from" doc:"sender address, e.g. Pantau Biro Adpim <pantau@kaltimprov.go.id>"`
	To           []string `yaml:"to" doc:"recipient addresses (comma-separated in env)"`
}

// DefaultEmailConfig returns the defaults.
func DefaultEmailConfig() EmailConfig { return EmailConfig{Port: 587, TLS: TLSStartTLS} }

// Configured reports whether e-mail delivery is on.
func (c EmailConfig) Configured() bool { return c.Host != "" }

// Validate reports unusable values.
func (c EmailConfig) Validate() error {
	if !c.Configured() {
		return nil
	}
	var errs []error
	if c.Port < 1 || c.Port > 65535 {
		errs = append(errs, fmt.Errorf("brief.email.smtp_port %d is not a port", c.Port))
	}
	if c.TLS != TLSStartTLS && c.TLS != TLSImplicit && c.TLS != TLSNone {
		errs = append(errs, fmt.Errorf("brief.email.tls %q: use starttls, tls or none", c.TLS))
	}
	if _, err := mail.ParseAddress(c.From); err != nil {
		errs = append(errs, fmt.Errorf("brief.email.from %q is not an e-mail address: %v", c.From, err))
	}
	if len(c.To) == 0 {
		errs = append(errs, errors.New("brief.email.to is empty: give at least one recipient"))
	}
	for _, to := range c.To {
		if _, err := mail.ParseAddress(to); err != nil {
			errs = append(errs, fmt.Errorf("brief.email.to %q is not an e-mail address: %v", to, err))
		}
	}
	if c.Username != "" && c.Password == "" && c.PasswordFile == "" {
		errs = append(errs, errors.New("brief.email.username is set without a password: set PANTAU_BRIEF_EMAIL_PASSWORD or brief.email.password_file"))
	}
	return errors.Join(errs...)
}

// LoadSecrets reads PasswordFile.
func (c *EmailConfig) LoadSecrets() error {
	return readSecret(&c.Password, c.PasswordFile, "brief.email.password")
}

// Email sends the brief as an HTML e-mail with a plain-text part and the PDF
// attached.
type Email struct {
	Config EmailConfig
	// TLSConfig overrides the TLS settings (tests); nil verifies Host.
	TLSConfig *tls.Config
}

// Name implements Channel.
func (e *Email) Name() string { return "email" }

// Send implements Channel.
func (e *Email) Send(ctx context.Context, m Message) error {
	c := e.Config
	addr := net.JoinHostPort(c.Host, strconv.Itoa(c.Port))
	tlsCfg := e.TLSConfig
	if tlsCfg == nil {
		tlsCfg = &tls.Config{ServerName: c.Host, MinVersion: tls.VersionTLS12}
	}
	d := net.Dialer{Timeout: 30 * time.Second}
	var conn net.Conn
	var err error
	if c.TLS == TLSImplicit {
		conn, err = (&tls.Dialer{NetDialer: &d, Config: tlsCfg}).DialContext(ctx, "tcp", addr)
	} else {
		conn, err = d.DialContext(ctx, "tcp", addr)
	}
	if err != nil {
		return fmt.Errorf("smtp dial %s: %w", addr, err)
	}
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	cl, err := smtp.NewClient(conn, c.Host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("smtp %s: %w", addr, err)
	}
	defer cl.Close()
	if c.TLS == TLSStartTLS {
		if ok, _ := cl.Extension("STARTTLS"); !ok {
			return &Permanent{fmt.Errorf("smtp %s does not offer STARTTLS; set brief.email.tls to tls or (local relay only) none", addr)}
		}
		if err := cl.StartTLS(tlsCfg); err != nil {
			return fmt.Errorf("smtp starttls %s: %w", addr, err)
		}
	}
	if c.Username != "" {
		if err := cl.Auth(plainAuth{user: c.Username, pass: c.Password}); err != nil {
			return &Permanent{fmt.Errorf("smtp auth as %s: %w", c.Username, err)}
		}
	}
	from, _ := mail.ParseAddress(c.From)
	if err := cl.Mail(from.Address); err != nil {
		return fmt.Errorf("smtp MAIL FROM: %w", err)
	}
	for _, to := range c.To {
		a, _ := mail.ParseAddress(to)
		if err := cl.Rcpt(a.Address); err != nil {
			return fmt.Errorf("smtp RCPT TO %s: %w", a.Address, err)
		}
	}
	w, err := cl.Data()
	if err != nil {
		return fmt.Errorf("smtp DATA: %w", err)
	}
	body, err := buildMail(c, m, time.Now())
	if err != nil {
		return err
	}
	if _, err := w.Write(body); err != nil {
		return fmt.Errorf("smtp write: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("smtp end of data: %w", err)
	}
	return cl.Quit()
}

// plainAuth is PLAIN authentication; unlike smtp.PlainAuth it leaves the
// decision about transport security to the TLS setting.
type plainAuth struct{ user, pass string }

func (a plainAuth) Start(*smtp.ServerInfo) (string, []byte, error) {
	return "PLAIN", []byte("\x00" + a.user + "\x00" + a.pass), nil
}

func (a plainAuth) Next(_ []byte, more bool) ([]byte, error) {
	if more {
		return nil, errors.New("unexpected SMTP auth challenge")
	}
	return nil, nil
}

// buildMail renders the MIME message: multipart/mixed with a
// multipart/alternative (text, HTML) and the PDF.
func buildMail(c EmailConfig, m Message, now time.Time) ([]byte, error) {
	var buf bytes.Buffer
	mixed := multipart.NewWriter(&buf)
	hdr := func(k, v string) { fmt.Fprintf(&buf, "%s: %s\r\n", k, v) }
	var rnd [12]byte
	_, _ = rand.Read(rnd[:])
	host := "pantau"
	if a, err := mail.ParseAddress(c.From); err == nil {
		if _, h, ok := strings.Cut(a.Address, "@"); ok {
			host = h
		}
	}
	hdr("From", c.From)
	hdr("To", strings.Join(c.To, ", "))
	hdr("Subject", mime.QEncoding.Encode("utf-8", m.Subject))
	hdr("Date", now.Format(time.RFC1123Z))
	hdr("Message-ID", fmt.Sprintf("<brief-%s-%x@%s>", m.Date, rnd, host))
	hdr("MIME-Version", "1.0")
	hdr("Content-Type", "multipart/mixed; boundary="+mixed.Boundary())
	buf.WriteString("\r\n")

	var altBuf bytes.Buffer
	alt := multipart.NewWriter(&altBuf)
	for _, part := range []struct{ typ, body string }{{"text/plain; charset=utf-8", m.Text}, {"text/html; charset=utf-8", m.HTML}} {
		pw, err := alt.CreatePart(textproto.MIMEHeader{"Content-Type": {part.typ}, "Content-Transfer-Encoding": {"quoted-printable"}})
		if err != nil {
			return nil, err
		}
		qp := quotedprintable.NewWriter(pw)
		if _, err := qp.Write([]byte(part.body)); err != nil {
			return nil, err
		}
		qp.Close()
	}
	alt.Close()
	pw, err := mixed.CreatePart(textproto.MIMEHeader{"Content-Type": {"multipart/alternative; boundary=" + alt.Boundary()}})
	if err != nil {
		return nil, err
	}
	pw.Write(altBuf.Bytes())
	if len(m.PDF) > 0 {
		name := "brief-isu-pagi-" + m.Date + ".pdf"
		pw, err := mixed.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {"application/pdf; name=\"" + name + "\""},
			"Content-Disposition":       {"attachment; filename=\"" + name + "\""},
			"Content-Transfer-Encoding": {"base64"},
		})
		if err != nil {
			return nil, err
		}
		enc := base64.StdEncoding.EncodeToString(m.PDF)
		for len(enc) > 76 {
			pw.Write([]byte(enc[:76] + "\r\n"))
			enc = enc[76:]
		}
		pw.Write([]byte(enc + "\r\n"))
	}
	mixed.Close()
	return buf.Bytes(), nil
}
