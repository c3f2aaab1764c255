package youtube

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/biroadpim/pantau/collectors/fetch"
	"github.com/biroadpim/pantau/collectors/sources"
	pantauv1 "github.com/biroadpim/pantau/proto/pantau/v1"
)

// ErrNoAPIKey is returned when a YouTube source runs without a key.
var ErrNoAPIKey = errors.New("PANTAU_YOUTUBE_API_KEY is not set: create a YouTube Data API v3 key and export it")

// VideosPerChannel bounds the recent videos read per channel.
const VideosPerChannel = 10

type comment struct {
	ID      string `json:"id"`
	Snippet struct {
		VideoID         string `json:"videoId"`
		TotalReplyCount int64  `json:"totalReplyCount"`
		TopLevelComment struct {
			ID      string `json:"id"`
			Snippet struct {
				TextOriginal      string    `json:"textOriginal"`
				TextDisplay       string    `json:"textDisplay"`
				AuthorDisplayName string    `json:"authorDisplayName"`
				LikeCount         int64     `json:"likeCount"`
				PublishedAt       time.Time `json:"publishedAt"`
				UpdatedAt         time.Time `json:"updatedAt"`
			} `json:"snippet"`
		} `json:"topLevelComment"`
	} `json:"snippet"`
}

// commentThreads is one page of commentThreads.list.
type commentThreads struct {
	NextPageToken string    `json:"nextPageToken"`
	Items         []comment `json:"items"`
}

// Collect reads the comments on the recent uploads of src's channels.
func Collect(ctx context.Context, f *fetch.Fetcher, src sources.Source, apiKey string, now func() time.Time, emit func(context.Context, *pantauv1.Document) error) error {
	if apiKey == "" {
		return ErrNoAPIKey
	}
	api := strings.TrimSuffix(src.BaseURL, "/")
	hdr := http.Header{"X-Goog-Api-Key": {apiKey}, "Accept": {"application/json"}}
	get := func(path string, q url.Values, v any) error {
		p, err := f.Do(ctx, api+path+"?"+q.Encode(), fetch.Validators{}, hdr)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(p.Body, v); err != nil {
			return fmt.Errorf("decode %s: %w", path, err)
		}
		return nil
	}
	for _, ch := range src.Channels {
		var chans struct {
			Items []struct {
				ContentDetails struct {
					RelatedPlaylists struct {
						Uploads string `json:"uploads"`
					} `json:"relatedPlaylists"`
				} `json:"contentDetails"`
			} `json:"items"`
		}
		if err := get("/channels", url.Values{"part": {"contentDetails"}, "id": {ch}}, &chans); err != nil {
			return fmt.Errorf("youtube channel %s: %w", ch, err)
		}
		if len(chans.Items) == 0 {
			return fmt.Errorf("youtube channel %s: not found; check the channel id (UC...)", ch)
		}
		var items struct {
			Items []struct {
				Snippet struct {
					Title string `json:"title"`
				} `json:"snippet"`
				ContentDetails struct {
					VideoID string `json:"videoId"`
				} `json:"contentDetails"`
			} `json:"items"`
		}
		uploads := chans.Items[0].ContentDetails.RelatedPlaylists.Uploads
		if err := get("/playlistItems", url.Values{"part": {"snippet,contentDetails"}, "playlistId": {uploads}, "maxResults": {strconv.Itoa(VideosPerChannel)}}, &items); err != nil {
			return fmt.Errorf("youtube channel %s uploads: %w", ch, err)
		}
		for _, it := range items.Items {
			vid := it.ContentDetails.VideoID
			token := ""
			for page := 0; page < src.MaxPages && vid != "" && ctx.Err() == nil; page++ {
				q := url.Values{"part": {"snippet"}, "videoId": {vid}, "maxResults": {"100"}, "order": {"time"}, "textFormat": {"plainText"}}
				if token != "" {
					q.Set("pageToken", token)
				}
				var threads commentThreads
				if err := get("/commentThreads", q, &threads); err != nil {
					var se *fetch.StatusError
					if errors.As(err, &se) && se.Code == http.StatusForbidden {
						break // comments disabled on this video
					}
					return fmt.Errorf("youtube video %s comments: %w", vid, err)
				}
				for _, c := range threads.Items {
					if err := emit(ctx, document(c, ch, it.Snippet.Title, src)); err != nil {
						return err
					}
				}
				if threads.NextPageToken == "" {
					break
				}
				token = threads.NextPageToken
			}
		}
	}
	return ctx.Err()
}

func document(c comment, channel, videoTitle string, src sources.Source) *pantauv1.Document {
	s := c.Snippet.TopLevelComment.Snippet
	text := s.TextOriginal
	if text == "" {
		text = s.TextDisplay
	}
	id := c.Snippet.TopLevelComment.ID
	if id == "" {
		id = c.ID
	}
	u := "https://www.youtube.com/watch?v=" + url.QueryEscape(c.Snippet.VideoID) + "&lc=" + url.QueryEscape(id)
	doc := &pantauv1.Document{
		Kind:         pantauv1.Kind_KIND_COMMENT,
		Source:       src.Name,
		NativeId:     id,
		Url:          u,
		CanonicalUrl: u,
		Body:         strings.TrimSpace(text),
		Author:       s.AuthorDisplayName,
		LanguageHint: src.Language,
		Metadata: map[string]string{
			"platform":    "youtube",
			"channel_id":  channel,
			"video_id":    c.Snippet.VideoID,
			"video_title": videoTitle,
			"likes":       strconv.FormatInt(s.LikeCount, 10),
			"replies":     strconv.FormatInt(c.Snippet.TotalReplyCount, 10),
		},
	}
	// YouTube began in 2005; anything else in the answer is not a date.
	sane := func(t time.Time) bool { return t.Year() >= 2005 && t.Year() <= 2100 }
	if sane(s.PublishedAt) {
		doc.PublishedAt = timestamppb.New(s.PublishedAt)
	}
	if sane(s.UpdatedAt) && s.UpdatedAt.After(s.PublishedAt) {
		doc.Metadata["modified_at"] = s.UpdatedAt.Format(time.RFC3339)
	}
	return doc
}
