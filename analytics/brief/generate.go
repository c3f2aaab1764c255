package brief

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/biroadpim/pantau/analytics/documents"
	"github.com/biroadpim/pantau/analytics/emerging"
	"github.com/biroadpim/pantau/analytics/leaders"
	"github.com/biroadpim/pantau/analytics/releases"
	"github.com/biroadpim/pantau/analytics/sources"
	"github.com/biroadpim/pantau/analytics/spikes"
	"github.com/biroadpim/pantau/dashboards/spike"
	"github.com/biroadpim/pantau/pipeline/nlp/issue"
	"github.com/biroadpim/pantau/pipeline/store"
)

// Limits of the brief's sections (it is read on a phone).
const (
	MaxIssues    = 5
	MaxHeadlines = 3
	MaxRespond   = 5
	MaxQuotes    = 2
	MaxConflicts = 3
	MaxEmerging  = 5
	MaxReleases  = 5
	MaxCarriers  = 6
)

// EmergingParams is the emerging-issue rule of the brief: the covered 24
// hours against the same hours of the seven days before.
var EmergingParams = func() emerging.Params {
	p := emerging.Default
	p.Window, p.BaselineDays, p.ArticlesPerBurst = 24*time.Hour, 7, 3
	return p
}()

// SpikeParams is the shared spike rule over the brief's 24-hour window.
var SpikeParams = spike.Params{Window: 24 * time.Hour, BaselineDays: 7, MinCount: spike.Default.MinCount, Threshold: spike.Default.Threshold}

// Generator builds briefs from the store.
type Generator struct {
	conn    driver.Conn
	cfg     Config
	leaders []leaderRef
	weights map[string]float64
	cutoff  time.Duration
	outlets map[string]string
	labels  map[string]string
	now     func() time.Time
	log     *slog.Logger
}

// GeneratorOptions are the parts of a Generator besides its Config.
type GeneratorOptions struct {
	// Outlets maps source names to the titles shown (e.g. tribun-kaltim →
	// Tribun Kaltim); unknown sources show their name.
	Outlets map[string]string
	// Now is the clock (default time.Now), recorded as GeneratedAt.
	Now func() time.Time
	Log *slog.Logger
}

// NewGenerator validates cfg and builds a Generator reading conn.
func NewGenerator(conn driver.Conn, cfg Config, o GeneratorOptions) (*Generator, error) {
	if conn == nil {
		return nil, errors.New("brief: no ClickHouse connection; pass store.Store.Conn()")
	}
	ls, err := parseLeaders(cfg.Leaders)
	if err != nil {
		return nil, err
	}
	ws, err := parseWeights(cfg.OutletWeights)
	if err != nil {
		return nil, err
	}
	cut, err := parseClock(cfg.Cutoff)
	if err != nil {
		return nil, fmt.Errorf("brief.cutoff: %w", err)
	}
	g := &Generator{conn: conn, cfg: cfg, leaders: ls, weights: ws, cutoff: cut, outlets: o.Outlets, now: o.Now, log: o.Log,
		labels: map[string]string{}}
	if g.now == nil {
		g.now = time.Now
	}
	if g.log == nil {
		g.log = slog.New(slog.DiscardHandler)
	}
	if tx, err := issue.Default(); err == nil {
		for _, is := range tx.Issues() {
			g.labels[is.Key] = is.Label
		}
	}
	return g, nil
}

// Period returns the 24 hours [from, to) the brief of date covers.
func (g *Generator) Period(date time.Time) (from, to time.Time) {
	d := time.Date(date.In(WITA).Year(), date.In(WITA).Month(), date.In(WITA).Day(), 0, 0, 0, 0, WITA)
	to = d.Add(g.cutoff)
	return to.Add(-24 * time.Hour), to
}

// Generate builds the brief of date (its day in WITA).
func (g *Generator) Generate(ctx context.Context, date time.Time) (*Brief, error) {
	from, to := g.Period(date)
	b := &Brief{
		Date: from.Add(24 * time.Hour).In(WITA).Format("2006-01-02"), DateLabel: DateLabel(to),
		From: from, To: to, PeriodLabel: shortDateTime(from) + " – " + shortDateTime(to) + " WITA",
		GeneratedAt: g.now().In(WITA).Truncate(time.Second),
		Issues:      []Issue{}, Respond: []Respond{}, Leaders: []Leader{}, Conflicts: []Conflict{},
		Emerging: []Emerging{}, Releases: []Release{}, Notes: []string{},
		Sources: Sources{Quiet: []Quiet{}},
	}
	b.Links = Links{Documents: g.docsLink(from, to, nil), Grafana: g.cfg.GrafanaURL}
	if g.cfg.BaseURL != "" {
		b.Links.Archive = strings.TrimRight(g.cfg.BaseURL, "/") + "/briefs/"
	}
	spiking, err := g.spikes(ctx, to)
	if err != nil {
		return nil, err
	}
	steps := []struct {
		name string
		fn   func(context.Context, *Brief) error
	}{
		{"headline", g.headline},
		{"issues", func(ctx context.Context, b *Brief) error { return g.issues(ctx, b, spiking) }},
		{"respond", func(ctx context.Context, b *Brief) error { return g.respond(ctx, b, spiking) }},
		{"leaders", g.leaderSection},
		{"emerging", g.emerging},
		{"releases", g.releases},
		{"sources", g.sources},
	}
	// The sections write disjoint fields of b: run them concurrently, the
	// time is mostly query round trips.
	errs := make([]error, len(steps))
	var wg sync.WaitGroup
	for i, s := range steps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := s.fn(ctx, b); err != nil {
				errs[i] = fmt.Errorf("brief %s: %s: %w", b.Date, s.name, err)
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if b.Headline.Total.N == 0 && b.Headline.Official.N == 0 {
		b.Notes = append(b.Notes, "Tidak ada dokumen yang terkumpul pada periode ini. Angka nol di bawah bukan berarti tidak ada pemberitaan: periksa kolektor dan kesehatan sumber.")
	}
	if n := len(b.Sources.Quiet); n > 0 {
		names := make([]string, n)
		for i, q := range b.Sources.Quiet {
			names[i] = q.Outlet
		}
		b.Notes = append(b.Notes, fmt.Sprintf("%d sumber tidak mengirim berita (%s): angka dan daftar isu mungkin belum lengkap.", n, strings.Join(names, ", ")))
	}
	return b, nil
}

func (g *Generator) spikes(ctx context.Context, to time.Time) (map[string]bool, error) {
	r, err := spikes.Current(ctx, g.conn, to, spikes.Options{Params: SpikeParams, Articles: 1})
	if err != nil {
		return nil, fmt.Errorf("brief spikes: %w", err)
	}
	out := map[string]bool{spike.OverallIssue: r.Overall.Firing}
	for _, s := range r.Issues {
		if s.Firing {
			out[s.Issue] = true
		}
	}
	return out, nil
}

func (g *Generator) params(from, to time.Time) map[string]string {
	return map[string]string{"from": documents.Millis(from), "to": documents.Millis(to),
		"from8": documents.Millis(to.Add(-8 * 24 * time.Hour))}
}

func (g *Generator) headline(ctx context.Context, b *Brief) error {
	rows, err := g.conn.Query(store.WithParams(ctx, g.params(b.From, b.To)), daysSQL)
	if err != nil {
		return err
	}
	defer rows.Close()
	type day struct{ media, pos, neu, neg, off, outlets uint64 }
	days := make([]day, 8)
	for rows.Next() {
		var d uint32
		var x day
		if err := rows.Scan(&d, &x.media, &x.pos, &x.neu, &x.neg, &x.off, &x.outlets); err != nil {
			return err
		}
		if d < 8 {
			days[d] = x
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	h := &b.Headline
	cur := days[0]
	h.Total = Count{int(cur.media), g.docsLink(b.From, b.To, url.Values{"official": {"false"}})}
	h.Positive = Count{int(cur.pos), g.docsLink(b.From, b.To, url.Values{"official": {"false"}, "sentiment": {"positive"}})}
	h.Neutral = Count{int(cur.neu), g.docsLink(b.From, b.To, url.Values{"official": {"false"}, "sentiment": {"neutral"}})}
	h.Negative = Count{int(cur.neg), g.docsLink(b.From, b.To, url.Values{"official": {"false"}, "sentiment": {"negative"}})}
	h.Official = Count{int(cur.off), g.docsLink(b.From, b.To, url.Values{"official": {"true"}})}
	h.Outlets = int(cur.outlets)
	h.PrevTotal, h.PrevNegative = int(days[1].media), int(days[1].neg)
	var st, sn float64
	for _, d := range days[1:] {
		st += float64(d.media)
		sn += float64(d.neg)
	}
	h.AvgTotal, h.AvgNegative = round1(st/7), round1(sn/7)
	h.NegativeShare = share(h.Negative.N, h.Total.N)
	h.PrevNegativeShare = share(h.PrevNegative, h.PrevTotal)
	h.VsPrev = change(h.Total.N, float64(h.PrevTotal))
	h.VsAvg = change(h.Total.N, h.AvgTotal)
	return nil
}

func share(part, whole int) float64 {
	if whole == 0 {
		return 0
	}
	return math.Round(1000*float64(part)/float64(whole)) / 10
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

func (g *Generator) issues(ctx context.Context, b *Brief, spiking map[string]bool) error {
	rows, err := g.conn.Query(store.WithParams(ctx, g.params(b.From, b.To)), issueDaysSQL)
	if err != nil {
		return err
	}
	type counts struct {
		days          [8]int
		pos, neg, cur int
	}
	by := map[string]*counts{}
	for rows.Next() {
		var key string
		var d uint32
		var n, pos, neg uint64
		if err := rows.Scan(&key, &d, &n, &pos, &neg); err != nil {
			rows.Close()
			return err
		}
		c := by[key]
		if c == nil {
			c = &counts{}
			by[key] = c
		}
		if d < 8 {
			c.days[d] = int(n)
		}
		if d == 0 {
			c.pos, c.neg = int(pos), int(neg)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	keys := make([]string, 0, len(by))
	for k, c := range by {
		if c.days[0] > 0 {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		a, c := by[keys[i]], by[keys[j]]
		if a.days[0] != c.days[0] {
			return a.days[0] > c.days[0]
		}
		if a.neg != c.neg {
			return a.neg > c.neg
		}
		return keys[i] < keys[j]
	})
	if len(keys) > MaxIssues {
		keys = keys[:MaxIssues]
	}
	for _, k := range keys {
		c := by[k]
		sum := 0
		for _, n := range c.days[1:] {
			sum += n
		}
		is := Issue{Key: k, Label: g.label(k),
			Count:    Count{c.days[0], g.docsLink(b.From, b.To, url.Values{"official": {"false"}, "issue": {k}})},
			Negative: Count{c.neg, g.docsLink(b.From, b.To, url.Values{"official": {"false"}, "issue": {k}, "sentiment": {"negative"}})},
			Positive: c.pos, Prev: c.days[1], Avg: round1(float64(sum) / 7), Spike: spiking[k], Headlines: []Article{}}
		is.Trend, is.Arrow = trend(is.Count.N, float64(sum)/7)
		is.Tone = toneWords(c.pos, c.neg, c.days[0])
		b.Issues = append(b.Issues, is)
	}
	if len(keys) == 0 {
		return nil
	}
	p := g.params(b.From, b.To)
	p["issues"] = store.ArrayParam(keys)
	p["per_issue"] = strconv.Itoa(MaxHeadlines)
	hr, err := g.conn.Query(store.WithParams(ctx, p), headlinesSQL)
	if err != nil {
		return err
	}
	defer hr.Close()
	idx := map[string]int{}
	for i, is := range b.Issues {
		idx[is.Key] = i
	}
	for hr.Next() {
		var key, story string
		var n, outlets uint64
		var a Article
		if err := hr.Scan(&key, &story, &n, &outlets, &a.ID, &a.Title, &a.Source, &a.URL, &a.PublishedAt, &a.Sentiment); err != nil {
			return err
		}
		g.fill(&a)
		i := idx[key]
		b.Issues[i].Headlines = append(b.Issues[i].Headlines, a)
	}
	return hr.Err()
}

// trend compares a count with its seven-day average.
func trend(n int, avg float64) (string, string) {
	x := float64(n)
	switch {
	case avg == 0 && n > 0:
		return "baru", "✦"
	case x >= 1.5*avg && x-avg >= 3:
		return "naik", "▲"
	case x <= avg/1.5 && avg-x >= 3:
		return "turun", "▼"
	}
	return "stabil", "▶"
}

func toneWords(pos, neg, n int) string {
	switch {
	case n == 0:
		return "tidak ada"
	case 2*neg > n:
		return "dominan negatif (" + percent(neg, n) + ")"
	case 2*pos > n:
		return "dominan positif (" + percent(pos, n) + ")"
	}
	return "campuran (negatif " + percent(neg, n) + ")"
}

func (g *Generator) label(key string) string {
	if l, ok := g.labels[key]; ok {
		return l
	}
	s := strings.ReplaceAll(key, "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func (g *Generator) outlet(source string) string {
	if t, ok := g.outlets[source]; ok && t != "" {
		return t
	}
	return source
}

func (g *Generator) weight(source string) float64 {
	if w, ok := g.weights[source]; ok {
		return w
	}
	return 1
}

// fill completes an article's display fields.
func (g *Generator) fill(a *Article) {
	a.Outlet = g.outlet(a.Source)
	a.PublishedAt = a.PublishedAt.In(WITA)
	a.Time = shortDateTime(a.PublishedAt)
}

func (g *Generator) article(a documents.Article) Article {
	out := Article{ID: a.ID, Title: a.Title, Source: a.Source, URL: a.URL, PublishedAt: a.PublishedAt, Sentiment: a.Sentiment}
	g.fill(&out)
	return out
}

// docsLink links to the API's document listing of [from, to) with extra filters.
func (g *Generator) docsLink(from, to time.Time, extra url.Values) string {
	v := periodValues(from, to)
	v.Set("limit", "200")
	for k, vs := range extra {
		v[k] = vs
	}
	return g.apiLink("/documents", v)
}

// periodValues are the from and to parameters of [from, to), in UTC so
// that the links stay short.
func periodValues(from, to time.Time) url.Values {
	return url.Values{"from": {from.UTC().Format(time.RFC3339)}, "to": {to.UTC().Format(time.RFC3339)}}
}

func (g *Generator) apiLink(path string, v url.Values) string {
	u := strings.TrimRight(g.cfg.BaseURL, "/") + "/api/v1" + path
	if len(v) > 0 {
		// Colons are valid in a query; leaving them unescaped keeps the
		// Telegram message short.
		u += "?" + strings.ReplaceAll(v.Encode(), "%3A", ":")
	}
	return u
}

func (g *Generator) respond(ctx context.Context, b *Brief, spiking map[string]bool) error {
	names := make([]string, len(g.leaders))
	titles := map[string]string{}
	for i, l := range g.leaders {
		names[i] = l.Name
		titles[l.Name] = l.Title
	}
	p := g.params(b.From, b.To)
	p["leaders"] = store.ArrayParam(names)
	p["limit"] = "200"
	rows, err := g.conn.Query(store.WithParams(ctx, p), respondSQL)
	if err != nil {
		return err
	}
	defer rows.Close()
	var out []Respond
	for rows.Next() {
		var r Respond
		var n, neg uint64
		var iss, targeted []string
		a := &r.Headline
		if err := rows.Scan(&r.StoryID, &n, &neg, &r.Outlets, &a.ID, &a.Title, &a.Source, &a.URL, &a.PublishedAt, &iss, &targeted); err != nil {
			return err
		}
		a.Sentiment = "negative"
		g.fill(a)
		sort.Strings(r.Outlets)
		sort.Strings(targeted)
		r.Articles = int(n)
		r.Issue = mostFrequent(iss)
		if r.Issue != "" {
			r.IssueLabel = g.label(r.Issue)
		}
		var w float64
		for _, o := range r.Outlets {
			w += g.weight(o)
		}
		reach := w * (1 + math.Log(float64(n)))
		var why []string
		if len(r.Outlets) > 1 {
			why = append(why, fmt.Sprintf("%d artikel di %d media (%s)", n, len(r.Outlets), g.outletList(r.Outlets, 3)))
		} else {
			why = append(why, fmt.Sprintf("%d artikel di %s", n, g.outletList(r.Outlets, 3)))
		}
		if spiking[r.Issue] {
			reach *= 1.5
			why = append(why, "isu "+strings.ToLower(r.IssueLabel)+" sedang lonjakan negatif")
		}
		if len(targeted) > 0 {
			reach *= 1.5
			ts := make([]string, len(targeted))
			for i, t := range targeted {
				ts[i] = titles[t]
			}
			why = append(why, "nada negatif terhadap "+strings.Join(ts, " dan "))
		}
		r.Reach = math.Round(reach*100) / 100
		r.Why = strings.Join(why, "; ")
		r.Link = g.apiLink("/stories/"+url.PathEscape(r.StoryID), nil)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Reach != out[j].Reach {
			return out[i].Reach > out[j].Reach
		}
		if !out[i].Headline.PublishedAt.Equal(out[j].Headline.PublishedAt) {
			return out[i].Headline.PublishedAt.After(out[j].Headline.PublishedAt)
		}
		return out[i].StoryID < out[j].StoryID
	})
	if len(out) > MaxRespond {
		out = out[:MaxRespond]
	}
	if out != nil {
		b.Respond = out
	}
	return nil
}

func (g *Generator) outletList(srcs []string, max int) string {
	names := make([]string, 0, max)
	for i, s := range srcs {
		if i == max {
			names = append(names, fmt.Sprintf("+%d", len(srcs)-max))
			break
		}
		names = append(names, g.outlet(s))
	}
	return strings.Join(names, ", ")
}

func mostFrequent(v []string) string {
	c := map[string]int{}
	best := ""
	for _, s := range v {
		c[s]++
	}
	for s, n := range c {
		if n > c[best] || (n == c[best] && s < best) {
			best = s
		}
	}
	return best
}

func (g *Generator) leaderSection(ctx context.Context, b *Brief) error {
	cur, err := leaders.Summary(ctx, g.conn, b.From, b.To)
	if err != nil {
		return err
	}
	prev, err := leaders.Summary(ctx, g.conn, b.From.Add(-24*time.Hour), b.From)
	if err != nil {
		return err
	}
	byID := func(ls []leaders.Leader) map[string]leaders.Leader {
		m := map[string]leaders.Leader{}
		for _, l := range ls {
			m[l.ID] = l
		}
		return m
	}
	cm, pm := byID(cur), byID(prev)
	period := periodValues(b.From, b.To)
	for _, ref := range g.leaders {
		c := cm[ref.Name]
		l := Leader{Name: ref.Name, Title: ref.Title, Prev: pm[ref.Name].Mentions,
			Mentions: Count{c.Mentions, g.apiLink("/leaders/"+url.PathEscape(ref.Name), period)},
			Positive: c.Positive, Neutral: c.Neutral, Negative: c.Negative, MeanTone: c.MeanTone, Quotes: []Quote{}}
		l.Tone = toneWords(c.Positive, c.Negative, c.Mentions)
		b.Leaders = append(b.Leaders, l)
	}
	if err := g.quotes(ctx, b); err != nil {
		return err
	}
	cs, err := leaders.Inconsistencies(ctx, g.conn, b.From.Add(-48*time.Hour), b.To, leaders.ConsistencyOptions{})
	if err != nil {
		return err
	}
	for _, c := range cs {
		if c.B.PublishedAt.Before(b.From) && c.A.PublishedAt.Before(b.From) {
			continue
		}
		cf := Conflict{Issue: c.Issue, IssueLabel: g.label(c.Issue),
			A: Statement{Speaker: c.A.Speaker, Text: c.A.Text, Article: g.article(c.A.Article)},
			B: Statement{Speaker: c.B.Speaker, Text: c.B.Text, Article: g.article(c.B.Article)}}
		for _, r := range c.Reasons {
			cf.Reasons = append(cf.Reasons, r.Detail)
		}
		b.Conflicts = append(b.Conflicts, cf)
		if len(b.Conflicts) == MaxConflicts {
			break
		}
	}
	return nil
}

func (g *Generator) quotes(ctx context.Context, b *Brief) error {
	names := make([]string, len(g.leaders))
	idx := map[string]int{}
	for i, l := range g.leaders {
		names[i] = l.Name
		idx[l.Name] = i
	}
	p := g.params(b.From, b.To)
	p["leaders"] = store.ArrayParam(names)
	p["per_leader"] = strconv.Itoa(MaxQuotes)
	rows, err := g.conn.Query(store.WithParams(ctx, p), quotesSQL)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var speaker string
		var q Quote
		a := &q.Article
		if err := rows.Scan(&speaker, &q.Text, &a.ID, &a.Source, &a.URL, &a.Title, &a.PublishedAt, &a.Sentiment); err != nil {
			return err
		}
		g.fill(a)
		if i, ok := idx[speaker]; ok && i < len(b.Leaders) {
			b.Leaders[i].Quotes = append(b.Leaders[i].Quotes, q)
		}
	}
	return rows.Err()
}

func (g *Generator) emerging(ctx context.Context, b *Brief) error {
	bs, err := emerging.Detect(ctx, g.conn, b.To, EmergingParams)
	if err != nil {
		return err
	}
	bs = diversify(bs)
	for _, x := range bs {
		e := Emerging{Kind: x.Kind, Key: x.Key, Sources: x.Sources, Negative: x.Negative, Expected: x.Expected, Articles: []Article{}}
		v := url.Values{"official": {"false"}}
		switch x.Kind {
		case emerging.KindIssue:
			e.Label = g.label(x.Key)
			v.Set("issue", x.Key)
		case emerging.KindEntity:
			e.Label = x.Key
			v.Set("entity", x.Key)
		default:
			e.Label = "“" + x.Key + "”"
			v.Set("q", x.Key)
		}
		e.Count = Count{x.Count, g.docsLink(b.From, b.To, v)}
		seen := false
		for _, n := range x.Baseline {
			seen = seen || n > 0
		}
		if !seen {
			e.Status, e.Change = "baru", "baru muncul"
		} else {
			e.Status, e.Change = "naik", fmt.Sprintf("%s× rata-rata (%s)", decimal(x.Ratio), decimal(x.Expected))
		}
		for _, a := range x.Articles {
			e.Articles = append(e.Articles, g.article(a))
		}
		b.Emerging = append(b.Emerging, e)
		if len(b.Emerging) == MaxEmerging {
			break
		}
	}
	return nil
}

func (g *Generator) releases(ctx context.Context, b *Brief) error {
	rs, err := releases.Pickup(ctx, g.conn, b.From, b.To, 50)
	if err != nil {
		return err
	}
	for _, r := range rs {
		rel := Release{Article: g.article(r.Article), Carriers: []Article{},
			Link: g.apiLink("/stories/"+url.PathEscape(r.StoryID), nil)}
		outlets := map[string]bool{}
		var pos, neg, first time.Duration = 0, 0, -1
		for _, c := range r.Carriers {
			if !c.PublishedAt.Before(b.To) {
				continue
			}
			outlets[c.Source] = true
			switch c.Sentiment {
			case "negative":
				neg++
			case "positive":
				pos++
			}
			if d := c.PublishedAt.Sub(r.PublishedAt); first < 0 || d < first {
				first = d
			}
			if len(rel.Carriers) < MaxCarriers {
				rel.Carriers = append(rel.Carriers, g.article(c.Article))
			}
		}
		rel.Outlets, rel.Negative = len(outlets), int(neg)
		n := 0
		for _, c := range r.Carriers {
			if c.PublishedAt.Before(b.To) {
				n++
			}
		}
		if first >= 0 {
			rel.FirstPickup = duration(first)
		}
		if n > 0 {
			rel.Tone = toneWords(int(pos), int(neg), n)
		}
		b.Releases = append(b.Releases, rel)
	}
	sort.SliceStable(b.Releases, func(i, j int) bool {
		if b.Releases[i].Outlets != b.Releases[j].Outlets {
			return b.Releases[i].Outlets > b.Releases[j].Outlets
		}
		return b.Releases[i].Article.PublishedAt.Before(b.Releases[j].Article.PublishedAt)
	})
	if len(b.Releases) > MaxReleases {
		b.Releases = b.Releases[:MaxReleases]
	}
	return nil
}

func (g *Generator) sources(ctx context.Context, b *Brief) error {
	ss, err := sources.Freshness(ctx, g.conn, b.To)
	if err != nil {
		return err
	}
	b.Sources.Link = g.apiLink("/sources", nil)
	for _, s := range ss {
		if s.Last24h > 0 {
			b.Sources.Active++
		}
		if s.Stale {
			b.Sources.Quiet = append(b.Sources.Quiet, Quiet{Source: s.Source, Outlet: g.outlet(s.Source),
				LastCollected: s.LastCollected.In(WITA), Silence: duration(b.To.Sub(s.LastCollected)), Last7d: s.Last7d})
		}
	}
	return nil
}

// diversify orders bursts for the brief: issue bursts first (they name
// what analysts track), then phrases and entities that are not just another
// face of a listed issue (a phrase containing the issue's words, or
// articles already shown for an earlier burst).
func diversify(bs []emerging.Burst) []emerging.Burst {
	sort.SliceStable(bs, func(i, j int) bool {
		return (bs[i].Kind == emerging.KindIssue) && (bs[j].Kind != emerging.KindIssue)
	})
	var out []emerging.Burst
	var issueWords []string
	shown := map[string]bool{}
	for _, b := range bs {
		if b.Kind == emerging.KindIssue {
			issueWords = append(issueWords, strings.ReplaceAll(b.Key, "_", " "))
		} else {
			key := strings.ToLower(b.Key)
			covered := false
			for _, w := range issueWords {
				covered = covered || strings.Contains(key, w)
			}
			dup := 0
			for _, a := range b.Articles {
				if shown[a.ID] {
					dup++
				}
			}
			if covered || (len(b.Articles) > 0 && 2*dup >= len(b.Articles)) {
				continue
			}
		}
		for _, a := range b.Articles {
			shown[a.ID] = true
		}
		out = append(out, b)
	}
	return out
}
