// Package telegram collects public Telegram channels through their web
// previews (t.me/s/<channel>), paging back with ?before= to a bounded
// depth. Each message becomes a KIND_POST document with its views and date.
package telegram
