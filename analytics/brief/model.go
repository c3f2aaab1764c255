package brief

import "time"

// Brief is one morning brief. It is the JSON format and the data every
// other format is rendered from.
type Brief struct {
	// Date is the brief's date (YYYY-MM-DD, WITA); DateLabel the same in
	// words ("Jumat, 20 November 2026").
	Date      string `json:"date"`
	DateLabel string `json:"date_label"`
	// From and To bound the covered period [From, To).
	From        time.Time `json:"from"`
	To          time.Time `json:"to"`
	PeriodLabel string    `json:"period_label"`
	GeneratedAt time.Time `json:"generated_at"`

	Headline  Headline   `json:"headline"`
	Issues    []Issue    `json:"issues"`
	Respond   []Respond  `json:"respond"`
	Leaders   []Leader   `json:"leaders"`
	Conflicts []Conflict `json:"conflicts"`
	Emerging  []Emerging `json:"emerging"`
	Releases  []Release  `json:"releases"`
	Sources   Sources    `json:"sources"`
	// Notes are caveats the reader must know (empty day, quiet sources).
	Notes []string `json:"notes"`
	// Links lead to the API and dashboards behind the numbers.
	Links Links `json:"links"`
}

// Links are the brief-wide links.
type Links struct {
	Documents string `json:"documents"`
	Grafana   string `json:"grafana,omitempty"`
	Archive   string `json:"archive,omitempty"`
}

// Count is a number with the link to the documents it counts.
type Count struct {
	N    int    `json:"n"`
	Link string `json:"link,omitempty"`
}

// Headline holds the day's volume and tone against the previous day and
// the seven-day average (media documents; official releases apart).
type Headline struct {
	Total    Count `json:"total"`
	Positive Count `json:"positive"`
	Neutral  Count `json:"neutral"`
	Negative Count `json:"negative"`
	Official Count `json:"official"`
	Outlets  int   `json:"outlets"`
	// PrevTotal and PrevNegative are the previous 24 hours; AvgTotal and
	// AvgNegative the mean of the seven periods before the covered one.
	PrevTotal    int     `json:"prev_total"`
	PrevNegative int     `json:"prev_negative"`
	AvgTotal     float64 `json:"avg_total"`
	AvgNegative  float64 `json:"avg_negative"`
	// NegativeShare is Negative/Total in percent, PrevNegativeShare the same
	// for the previous period.
	NegativeShare     float64 `json:"negative_share"`
	PrevNegativeShare float64 `json:"prev_negative_share"`
	// VsPrev and VsAvg describe the change of Total in words ("+12% dari kemarin").
	VsPrev string `json:"vs_prev"`
	VsAvg  string `json:"vs_avg"`
}

// Headline of an issue or a story: one article.
type Article struct {
	ID          string    `json:"id"`
	Title       string    `json:"title"`
	Source      string    `json:"source"`
	Outlet      string    `json:"outlet"`
	URL         string    `json:"url"`
	PublishedAt time.Time `json:"published_at"`
	Time        string    `json:"time"`
	Sentiment   string    `json:"sentiment"`
}

// Issue is one of the day's top issues.
type Issue struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Count Count  `json:"count"`
	// Negative counts the negative documents; Positive the positive.
	Negative Count   `json:"negative"`
	Positive int     `json:"positive"`
	Prev     int     `json:"prev"`
	Avg      float64 `json:"avg"`
	// Trend is naik, turun, stabil or baru; Arrow the symbol shown.
	Trend string `json:"trend"`
	Arrow string `json:"arrow"`
	// Tone is the tone in words ("dominan negatif (64%)").
	Tone      string    `json:"tone"`
	Spike     bool      `json:"spike"`
	Headlines []Article `json:"headlines"`
}

// Respond is a negative story that needs an answer.
type Respond struct {
	StoryID    string   `json:"story_id"`
	Headline   Article  `json:"headline"`
	Issue      string   `json:"issue"`
	IssueLabel string   `json:"issue_label"`
	Articles   int      `json:"articles"`
	Outlets    []string `json:"outlets"`
	Reach      float64  `json:"reach"`
	// Why is the one-line reason it ranks here.
	Why  string `json:"why"`
	Link string `json:"link"`
}

// Leader is the coverage of one of the leaders the brief follows.
type Leader struct {
	Name     string  `json:"name"`
	Title    string  `json:"title"`
	Mentions Count   `json:"mentions"`
	Prev     int     `json:"prev"`
	Positive int     `json:"positive"`
	Neutral  int     `json:"neutral"`
	Negative int     `json:"negative"`
	MeanTone float64 `json:"mean_tone"`
	Tone     string  `json:"tone"`
	Quotes   []Quote `json:"quotes"`
}

// Quote is a leader's statement.
type Quote struct {
	Text    string  `json:"text"`
	Article Article `json:"article"`
}

// Conflict is a pair of diverging statements by two leaders.
type Conflict struct {
	Issue      string    `json:"issue"`
	IssueLabel string    `json:"issue_label"`
	A          Statement `json:"a"`
	B          Statement `json:"b"`
	Reasons    []string  `json:"reasons"`
}

// Statement is one side of a conflict.
type Statement struct {
	Speaker string  `json:"speaker"`
	Text    string  `json:"text"`
	Article Article `json:"article"`
}

// Emerging is a new or growing issue, entity or phrase.
type Emerging struct {
	Kind     string  `json:"kind"`
	Key      string  `json:"key"`
	Label    string  `json:"label"`
	Count    Count   `json:"count"`
	Sources  int     `json:"sources"`
	Negative int     `json:"negative"`
	Expected float64 `json:"expected"`
	// Status is "baru" (no baseline) or "naik" (growing); Change in words.
	Status   string    `json:"status"`
	Change   string    `json:"change"`
	Articles []Article `json:"articles"`
}

// Release is one official release of the period and its pickup.
type Release struct {
	Article Article `json:"article"`
	Outlets int     `json:"outlets"`
	// Carriers are the media articles of its story published before the cutoff.
	Carriers    []Article `json:"carriers"`
	FirstPickup string    `json:"first_pickup"`
	Tone        string    `json:"tone"`
	Negative    int       `json:"negative"`
	Link        string    `json:"link"`
}

// Sources is source health at the cutoff.
type Sources struct {
	Active int     `json:"active"`
	Quiet  []Quiet `json:"quiet"`
	Link   string  `json:"link"`
}

// Quiet is a source that went silent.
type Quiet struct {
	Source        string    `json:"source"`
	Outlet        string    `json:"outlet"`
	LastCollected time.Time `json:"last_collected"`
	Silence       string    `json:"silence"`
	Last7d        int       `json:"last_7d"`
}
