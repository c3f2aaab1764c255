package telegram

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/biroadpim/pantau/collectors/dates"
	"github.com/biroadpim/pantau/collectors/extract"
	"github.com/biroadpim/pantau/collectors/fetch"
	"github.com/biroadpim/pantau/collectors/sources"
	pantauv1 "github.com/biroadpim/pantau/proto/pantau/v1"
)

// channelName is a public channel's username as it appears in data-post.
var channelName = regexp.MustCompile(`^[A-Za-z0-9_]{1,64}$`)

// Post is one channel message from a preview page.
type Post struct {
	// NativeID is "<channel>/<message number>".
	NativeID string
	Number   int
	Channel  string
	Author   string
	Text     string
	Views    int64
	Date     time.Time
	URL      string
}

// Collect reads every channel of src, newest page first, paging back at
// most src.MaxPages pages, and emits one document per message with text.
func Collect(ctx context.Context, f *fetch.Fetcher, src sources.Source, now func() time.Time, emit func(context.Context, *pantauv1.Document) error) error {
	base := strings.TrimSuffix(src.BaseURL, "/")
	for _, ch := range src.Channels {
		ch = strings.TrimPrefix(strings.TrimSpace(ch), "@")
		next := base + "/s/" + url.PathEscape(ch)
		for page := 0; page < src.MaxPages && next != "" && ctx.Err() == nil; page++ {
			p, err := f.Get(ctx, next, fetch.Validators{})
			if err != nil {
				return fmt.Errorf("telegram channel %s: %w", ch, err)
			}
			posts, err := ParsePage(p.Body, p.ContentType, p.URL, now())
			if err != nil {
				return fmt.Errorf("telegram channel %s: %w", ch, err)
			}
			minNum := 0
			for _, post := range posts {
				if minNum == 0 || post.Number < minNum {
					minNum = post.Number
				}
				if post.Text == "" {
					continue // photos or stickers without a caption
				}
				if err := emit(ctx, document(post, src)); err != nil {
					return err
				}
			}
			next = ""
			if minNum > 1 {
				next = base + "/s/" + url.PathEscape(ch) + "?before=" + strconv.Itoa(minNum)
			}
		}
	}
	return ctx.Err()
}

func document(p Post, src sources.Source) *pantauv1.Document {
	doc := &pantauv1.Document{
		Kind:         pantauv1.Kind_KIND_POST,
		Source:       src.Name,
		NativeId:     p.NativeID,
		Url:          p.URL,
		CanonicalUrl: p.URL,
		Body:         p.Text,
		Author:       p.Author,
		LanguageHint: src.Language,
		Official:     src.Official,
		Metadata: map[string]string{
			"platform": "telegram",
			"channel":  p.Channel,
			"views":    strconv.FormatInt(p.Views, 10),
		},
	}
	if !p.Date.IsZero() {
		doc.PublishedAt = timestamppb.New(p.Date)
	}
	return doc
}

// ParsePage reads the messages of a t.me/s/<channel> preview page.
func ParsePage(body []byte, contentType, pageURL string, now time.Time) ([]Post, error) {
	utf, err := extract.DecodeHTML(body, contentType)
	if err != nil {
		return nil, err
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(utf))
	if err != nil {
		return nil, fmt.Errorf("parse telegram page %s: %w", pageURL, err)
	}
	base, _ := url.Parse(pageURL)
	var posts []Post
	doc.Find(".tgme_widget_message[data-post]").Each(func(_ int, s *goquery.Selection) {
		dp, _ := s.Attr("data-post")
		ch, num, ok := strings.Cut(dp, "/")
		n, err := strconv.Atoi(num)
		if !ok || err != nil || n <= 0 || !channelName.MatchString(ch) {
			return // not a message of a public channel
		}
		p := Post{NativeID: dp, Number: n, Channel: ch}
		p.Author = strings.TrimSpace(s.Find(".tgme_widget_message_owner_name").First().Text())
		if t := s.Find(".tgme_widget_message_text").First(); t.Length() > 0 {
			t.Find("br").ReplaceWithHtml("\n")
			p.Text = cleanText(t.Text())
		}
		p.Views = parseViews(s.Find(".tgme_widget_message_views").First().Text())
		if dt, ok := s.Find("time[datetime]").First().Attr("datetime"); ok {
			// Telegram channels exist since 2015; a date far ahead is a lie.
			if t, err := dates.Parse(dt, now, nil); err == nil && t.Year() >= 2013 && !t.After(now.Add(48*time.Hour)) {
				p.Date = t
			}
		}
		p.URL = "https://t.me/" + ch + "/" + strconv.Itoa(n)
		href, _ := s.Find("a.tgme_widget_message_date").First().Attr("href")
		if base != nil && href != "" {
			if u, err := base.Parse(strings.TrimSpace(href)); err == nil && (u.Scheme == "https" || u.Scheme == "http") && (u.Host == "t.me" || u.Host == base.Host) {
				p.URL = u.String()
			}
		}
		p.Author = strings.ToValidUTF8(p.Author, "\uFFFD")
		p.Text = strings.ToValidUTF8(p.Text, "\uFFFD")
		posts = append(posts, p)
	})
	return posts, nil
}

func cleanText(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// parseViews reads "1.2K", "3,4M", "987".
func parseViews(s string) int64 {
	s = strings.TrimSpace(strings.ToUpper(s))
	if s == "" {
		return 0
	}
	mult := 1.0
	switch {
	case strings.HasSuffix(s, "K"):
		mult, s = 1e3, strings.TrimSuffix(s, "K")
	case strings.HasSuffix(s, "M"):
		mult, s = 1e6, strings.TrimSuffix(s, "M")
	}
	s = strings.ReplaceAll(s, ",", ".")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || v < 0 || v*mult > 1e12 {
		return 0 // not a view count (no channel has a trillion views)
	}
	return int64(v*mult + 0.5)
}
