package deliver

import "context"

// Message is one brief in every format a channel may send.
type Message struct {
	// Date is the brief's date (YYYY-MM-DD); Subject its title line.
	Date    string
	Subject string
	// Text is the Telegram-sized Markdown; HTML the full page; PDF the
	// printable file (may be nil when rendering failed); JSON the data.
	Text string
	HTML string
	PDF  []byte
	JSON []byte
}

// Channel delivers a message somewhere.
type Channel interface {
	// Name identifies the channel in logs and the delivery record.
	Name() string
	// Send delivers m once; the caller retries.
	Send(ctx context.Context, m Message) error
}

// Channels returns the channels that are configured, in a fixed order.
func Channels(e EmailConfig, t TelegramConfig, w WebhookConfig) []Channel {
	var out []Channel
	if e.Configured() {
		out = append(out, &Email{Config: e})
	}
	if t.Configured() {
		out = append(out, &Telegram{Config: t})
	}
	if w.Configured() {
		out = append(out, &Webhook{Config: w})
	}
	return out
}
