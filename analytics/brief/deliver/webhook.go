package deliver

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
)

// SignatureHeader carries the HMAC-SHA256 of the webhook body.
const SignatureHeader = "X-Pantau-Signature"

// WebhookConfig configures delivery of the brief's JSON to a URL.
type WebhookConfig struct {
	URL        string `yaml:"url" doc:"URL that receives the brief as JSON by POST (empty = no webhook)"`
	Secret     string `yaml:"secret" secret:"true" doc:"key of the HMAC-SHA256 signature sent in X-Pantau-Signature (secret: use PANTAU_BRIEF_WEBHOOK_SECRET or secret_file)"`
	SecretFile string `yaml:"secret_file" doc:"file holding the webhook signing key"`
}

// DefaultWebhookConfig returns the defaults.
func DefaultWebhookConfig() WebhookConfig { return WebhookConfig{} }

// Configured reports whether the webhook is on.
func (c WebhookConfig) Configured() bool { return c.URL != "" }

// Validate reports unusable values.
func (c WebhookConfig) Validate() error {
	if !c.Configured() {
		return nil
	}
	if u, err := url.Parse(c.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("brief.webhook.url %q: expected an http(s) URL", c.URL)
	}
	return nil
}

// LoadSecrets reads SecretFile.
func (c *WebhookConfig) LoadSecrets() error {
	return readSecret(&c.Secret, c.SecretFile, "brief.webhook.secret")
}

// Webhook posts the brief's JSON.
type Webhook struct {
	Config WebhookConfig
	Client *http.Client
}

// Name implements Channel.
func (w *Webhook) Name() string { return "webhook" }

// Sign returns the signature header value of body under key.
func Sign(key string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// Send implements Channel.
func (w *Webhook) Send(ctx context.Context, m Message) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.Config.URL, bytes.NewReader(m.JSON))
	if err != nil {
		return &Permanent{fmt.Errorf("webhook: %w", err)}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Pantau-Brief-Date", m.Date)
	if w.Config.Secret != "" {
		req.Header.Set(SignatureHeader, Sign(w.Config.Secret, m.JSON))
	}
	client := w.Client
	if client == nil {
		client = http.DefaultClient
	}
	res, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("webhook %s: %w", redactURL(w.Config.URL), unwrapURL(err))
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 1<<16))
	if res.StatusCode/100 == 2 {
		return nil
	}
	err = fmt.Errorf("webhook %s: HTTP %d", redactURL(w.Config.URL), res.StatusCode)
	if res.StatusCode >= 400 && res.StatusCode < 500 && res.StatusCode != http.StatusTooManyRequests && res.StatusCode != http.StatusRequestTimeout {
		return &Permanent{err}
	}
	return err
}

func unwrapURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// redactURL drops credentials and the query (which may hold a token).
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(url)"
	}
	u.User, u.RawQuery = nil, ""
	return u.String()
}
