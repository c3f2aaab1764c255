package documents

import (
	"strconv"
	"time"
)

// Article identifies one stored document in an analytics result.
type Article struct {
	ID          string    `json:"id"`
	Source      string    `json:"source"`
	URL         string    `json:"url"`
	Title       string    `json:"title"`
	PublishedAt time.Time `json:"published_at"`
	Sentiment   string    `json:"sentiment"`
	Score       float32   `json:"sentiment_score"`
}

// Millis renders t as the text value of an Int64 parameter in Unix
// milliseconds, the form every analytics query takes times in
// (fromUnixTimestamp64Milli({x:Int64})).
func Millis(t time.Time) string {
	return strconv.FormatInt(t.UnixMilli(), 10)
}
