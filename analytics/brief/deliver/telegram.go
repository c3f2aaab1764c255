package deliver

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// DefaultTelegramAPI is the Bot API base URL.
const DefaultTelegramAPI = "https://api.telegram.org"

// TelegramConfig configures delivery through a Telegram bot.
type TelegramConfig struct {
	APIBase      string   `yaml:"api_base" doc:"Telegram Bot API base URL (a local Bot API server or a proxy may replace it)"`
	BotToken     string   `yaml:"bot_token" secret:"true" doc:"bot token from @BotFather (secret: use PANTAU_BRIEF_TELEGRAM_BOT_TOKEN or bot_token_file)"`
	BotTokenFile string   `yaml:"bot_token_file" doc:"file holding the bot token"`
	ChatIDs      []string `yaml:"chat_ids" doc:"chats that receive the brief: numeric ids or @channel names (comma-separated in env; empty = no Telegram delivery)"`
	SendPDF      bool     `yaml:"send_pdf" doc:"also send the PDF with sendDocument"`
}

// DefaultTelegramConfig returns the defaults.
func DefaultTelegramConfig() TelegramConfig {
	return TelegramConfig{APIBase: DefaultTelegramAPI, SendPDF: true}
}

// Configured reports whether Telegram delivery is on.
func (c TelegramConfig) Configured() bool { return len(c.ChatIDs) > 0 }

// Validate reports unusable values.
func (c TelegramConfig) Validate() error {
	if !c.Configured() {
		return nil
	}
	var errs []error
	if u, err := url.Parse(c.APIBase); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		errs = append(errs, fmt.Errorf("brief.telegram.api_base %q: expected a URL such as %s", c.APIBase, DefaultTelegramAPI))
	}
	if c.BotToken == "" && c.BotTokenFile == "" {
		errs = append(errs, errors.New("brief.telegram.chat_ids is set but there is no bot token: set PANTAU_BRIEF_TELEGRAM_BOT_TOKEN or brief.telegram.bot_token_file"))
	}
	return errors.Join(errs...)
}

// LoadSecrets reads BotTokenFile.
func (c *TelegramConfig) LoadSecrets() error {
	return readSecret(&c.BotToken, c.BotTokenFile, "brief.telegram.bot_token")
}

// Telegram sends the brief's text with sendMessage (legacy Markdown) and the
// PDF with sendDocument to every chat.
type Telegram struct {
	Config TelegramConfig
	Client *http.Client

	mu   sync.Mutex
	sent map[string]bool // date/chat/method already sent: a retry skips them
}

// Name implements Channel.
func (t *Telegram) Name() string { return "telegram" }

// Send implements Channel.
func (t *Telegram) Send(ctx context.Context, m Message) error {
	var errs []error
	for _, chat := range t.Config.ChatIDs {
		if err := t.once(ctx, m.Date, chat, "sendMessage", map[string]string{"chat_id": chat, "text": m.Text,
			"parse_mode": "Markdown", "disable_web_page_preview": "true"}, nil); err != nil {
			errs = append(errs, fmt.Errorf("chat %s: %w", chat, err))
			continue
		}
		if t.Config.SendPDF && len(m.PDF) > 0 {
			file := &upload{field: "document", name: "brief-isu-pagi-" + m.Date + ".pdf", data: m.PDF}
			if err := t.once(ctx, m.Date, chat, "sendDocument", map[string]string{"chat_id": chat, "caption": m.Subject}, file); err != nil {
				errs = append(errs, fmt.Errorf("chat %s: %w", chat, err))
			}
		}
	}
	if len(errs) == 1 {
		return errs[0] // keeps Permanent and retryAfter visible to errors.As
	}
	return errors.Join(errs...)
}

// once calls method unless it already succeeded for this date and chat,
// so that a retry after a partial failure does not repeat a message.
func (t *Telegram) once(ctx context.Context, date, chat, method string, fields map[string]string, file *upload) error {
	key := date + "/" + chat + "/" + method
	t.mu.Lock()
	done := t.sent[key]
	t.mu.Unlock()
	if done {
		return nil
	}
	if err := t.call(ctx, method, fields, file); err != nil {
		return err
	}
	t.mu.Lock()
	if t.sent == nil {
		t.sent = map[string]bool{}
	}
	t.sent[key] = true
	t.mu.Unlock()
	return nil
}

type upload struct {
	field, name string
	data        []byte
}

// call posts one Bot API method as multipart form data.
func (t *Telegram) call(ctx context.Context, method string, fields map[string]string, file *upload) error {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		if err := mw.WriteField(k, v); err != nil {
			return err
		}
	}
	if file != nil {
		fw, err := mw.CreateFormFile(file.field, file.name)
		if err != nil {
			return err
		}
		fw.Write(file.data)
	}
	mw.Close()
	u := strings.TrimRight(t.Config.APIBase, "/") + "/bot" + t.Config.BotToken + "/" + method
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, &body)
	if err != nil {
		return fmt.Errorf("telegram %s: bad api_base", method)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	client := t.Client
	if client == nil {
		client = http.DefaultClient
	}
	res, err := client.Do(req)
	if err != nil {
		// The URL holds the token: never return it.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fmt.Errorf("telegram %s: %w", method, err)
	}
	defer res.Body.Close()
	var out struct {
		OK          bool   `json:"ok"`
		ErrorCode   int    `json:"error_code"`
		Description string `json:"description"`
		Parameters  struct {
			RetryAfter int `json:"retry_after"`
		} `json:"parameters"`
	}
	raw, _ := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	if err := json.Unmarshal(raw, &out); err != nil {
		return fmt.Errorf("telegram %s: HTTP %d with a body that is not Bot API JSON", method, res.StatusCode)
	}
	if out.OK {
		return nil
	}
	err = fmt.Errorf("telegram %s: %d %s", method, out.ErrorCode, out.Description)
	switch {
	case res.StatusCode == http.StatusTooManyRequests:
		return &retryAfter{Err: err, After: time.Duration(out.Parameters.RetryAfter) * time.Second}
	case res.StatusCode >= 400 && res.StatusCode < 500:
		return &Permanent{err}
	}
	return err
}
