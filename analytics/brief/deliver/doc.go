// Package deliver sends a rendered morning brief through e-mail (SMTP),
// the Telegram Bot API (sendMessage with the text, sendDocument with the PDF)
// and a JSON webhook, each retried with exponential backoff.
package deliver
