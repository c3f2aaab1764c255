package mastodon

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/biroadpim/pantau/collectors/fetch"
	"github.com/biroadpim/pantau/collectors/sources"
	pantauv1 "github.com/biroadpim/pantau/proto/pantau/v1"
)

// Status is the part of a Mastodon status Pantau reads.
type Status struct {
	ID         string     `json:"id"`
	URI        string     `json:"uri"`
	URL        string     `json:"url"`
	CreatedAt  time.Time  `json:"created_at"`
	EditedAt   *time.Time `json:"edited_at"`
	Content    string     `json:"content"`
	Spoiler    string     `json:"spoiler_text"`
	Language   string     `json:"language"`
	Visibility string     `json:"visibility"`
	Replies    int64      `json:"replies_count"`
	Reblogs    int64      `json:"reblogs_count"`
	Favourites int64      `json:"favourites_count"`
	Reblog     *Status    `json:"reblog"`
	Account    struct {
		ID          string `json:"id"`
		Acct        string `json:"acct"`
		DisplayName string `json:"display_name"`
		URL         string `json:"url"`
	} `json:"account"`
}

const pageLimit = 40

var jsonHeader = http.Header{"Accept": {"application/json"}}

// Collect reads the hashtag timelines and account statuses of src.
func Collect(ctx context.Context, f *fetch.Fetcher, src sources.Source, now func() time.Time, emit func(context.Context, *pantauv1.Document) error) error {
	base := strings.TrimSuffix(src.BaseURL, "/")
	for _, tag := range src.Hashtags {
		tag = strings.TrimPrefix(strings.TrimSpace(tag), "#")
		u := base + "/api/v1/timelines/tag/" + url.PathEscape(tag) + "?limit=" + strconv.Itoa(pageLimit)
		if err := timeline(ctx, f, src, u, "#"+tag, emit); err != nil {
			return err
		}
	}
	for _, acct := range src.Accounts {
		acct = strings.TrimPrefix(strings.TrimSpace(acct), "@")
		p, err := f.Do(ctx, base+"/api/v1/accounts/lookup?acct="+url.QueryEscape(acct), fetch.Validators{}, jsonHeader)
		if err != nil {
			return fmt.Errorf("mastodon account %s: %w", acct, err)
		}
		var a struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal(p.Body, &a); err != nil || a.ID == "" {
			return fmt.Errorf("mastodon account %s: unexpected lookup answer: %v", acct, err)
		}
		u := base + "/api/v1/accounts/" + url.PathEscape(a.ID) + "/statuses?exclude_reblogs=true&limit=" + strconv.Itoa(pageLimit)
		if err := timeline(ctx, f, src, u, "@"+acct, emit); err != nil {
			return err
		}
	}
	return ctx.Err()
}

func timeline(ctx context.Context, f *fetch.Fetcher, src sources.Source, first, via string, emit func(context.Context, *pantauv1.Document) error) error {
	next := first
	for page := 0; page < src.MaxPages && next != "" && ctx.Err() == nil; page++ {
		p, err := f.Do(ctx, next, fetch.Validators{}, jsonHeader)
		if err != nil {
			return fmt.Errorf("mastodon %s: %w", via, err)
		}
		var statuses []Status
		if err := json.Unmarshal(p.Body, &statuses); err != nil {
			return fmt.Errorf("mastodon %s: decode statuses: %w", via, err)
		}
		if len(statuses) == 0 {
			return nil
		}
		for _, s := range statuses {
			if s.Reblog != nil || (s.Visibility != "" && s.Visibility != "public") {
				continue
			}
			doc := Document(s, src, via)
			if doc.GetBody() == "" {
				continue
			}
			if err := emit(ctx, doc); err != nil {
				return err
			}
		}
		next = withMaxID(first, statuses[len(statuses)-1].ID)
	}
	return nil
}

func withMaxID(u, id string) string {
	pu, err := url.Parse(u)
	if err != nil {
		return ""
	}
	q := pu.Query()
	q.Set("max_id", id)
	pu.RawQuery = q.Encode()
	return pu.String()
}

// Document turns a status into a post document.
func Document(s Status, src sources.Source, via string) *pantauv1.Document {
	native := s.URI
	if native == "" {
		native = s.URL
	}
	if native == "" {
		native = src.BaseURL + "/" + s.ID
	}
	lang := s.Language
	if lang == "" {
		lang = src.Language
	}
	body := HTMLText(s.Content)
	if s.Spoiler != "" {
		body = strings.TrimSpace(s.Spoiler + "\n\n" + body)
	}
	link := webURL(s.URL)
	doc := &pantauv1.Document{
		Kind:         pantauv1.Kind_KIND_POST,
		Source:       src.Name,
		NativeId:     native,
		Url:          link,
		CanonicalUrl: link,
		Body:         body,
		Author:       s.Account.Acct,
		LanguageHint: lang,
		Official:     src.Official,
		Metadata: map[string]string{
			"platform":     "mastodon",
			"timeline":     via,
			"display_name": s.Account.DisplayName,
			"replies":      strconv.FormatInt(s.Replies, 10),
			"reblogs":      strconv.FormatInt(s.Reblogs, 10),
			"favourites":   strconv.FormatInt(s.Favourites, 10),
		},
	}
	if saneDate(s.CreatedAt) {
		doc.PublishedAt = timestamppb.New(s.CreatedAt)
	}
	if s.EditedAt != nil && saneDate(*s.EditedAt) {
		doc.Metadata["modified_at"] = s.EditedAt.Format(time.RFC3339)
	}
	return doc
}

// saneDate reports whether t can be a post's date; an instance (or a
// hostile one) may send anything, "0000-01-01" included.
func saneDate(t time.Time) bool {
	return t.Year() >= 2005 && t.Year() <= 2100
}

// webURL returns u when it is an absolute http(s) URL, else "".
func webURL(u string) string {
	pu, err := url.Parse(strings.TrimSpace(u))
	if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
		return ""
	}
	return pu.String()
}

// HTMLText renders a status's HTML content as text, one line per paragraph.
func HTMLText(h string) string {
	if strings.TrimSpace(h) == "" {
		return ""
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader([]byte(h)))
	if err != nil {
		return ""
	}
	doc.Find("br").ReplaceWithHtml("\n")
	var paras []string
	doc.Find("p").Each(func(_ int, s *goquery.Selection) {
		if t := strings.TrimSpace(s.Text()); t != "" {
			paras = append(paras, t)
		}
	})
	if len(paras) == 0 {
		return strings.TrimSpace(doc.Text())
	}
	return strings.Join(paras, "\n\n")
}
