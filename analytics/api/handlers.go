package api

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/biroadpim/pantau/analytics/documents"
	"github.com/biroadpim/pantau/analytics/emerging"
	"github.com/biroadpim/pantau/analytics/leaders"
	"github.com/biroadpim/pantau/analytics/releases"
	"github.com/biroadpim/pantau/analytics/sources"
	"github.com/biroadpim/pantau/analytics/spikes"
	"github.com/biroadpim/pantau/analytics/stories"
)

const week = 7 * 24 * time.Hour

func (a *API) documents(w http.ResponseWriter, r *http.Request) error {
	from, to, err := a.rangeParams(r, week)
	if err != nil {
		return err
	}
	f := documents.Filter{From: from, To: to}
	for name, dst := range map[string]*string{"q": &f.Q, "issue": &f.Issue, "entity": &f.Entity, "source": &f.Source, "cursor": &f.Cursor} {
		if *dst, err = textParam(r, name); err != nil {
			return err
		}
	}
	if f.Sentiment, err = enumParam(r, "sentiment", "", "negative", "neutral", "positive"); err != nil {
		return err
	}
	off, err := enumParam(r, "official", "", "true", "false")
	if err != nil {
		return err
	}
	if off != "" {
		b := off == "true"
		f.Official = &b
	}
	if f.Limit, err = intParam(r, "limit", documents.DefaultLimit, 1, documents.MaxLimit); err != nil {
		return err
	}
	page, err := documents.List(r.Context(), a.opts.Conn, f)
	if errors.Is(err, documents.ErrBadCursor) {
		return badRequest("parameter 'cursor' tidak dikenali: pakai nilai next_cursor dari halaman sebelumnya, atau mulai lagi tanpa cursor")
	}
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, struct {
		From time.Time `json:"from"`
		To   time.Time `json:"to"`
		documents.Page
	}{from.In(wita), to.In(wita), page})
}

func (a *API) issues(w http.ResponseWriter, r *http.Request) error {
	from, to, err := a.rangeParams(r, week)
	if err != nil {
		return err
	}
	def := "hour"
	if to.Sub(from) > 8*24*time.Hour {
		def = "day"
	}
	interval, err := enumParam(r, "interval", def, "hour", "day")
	if err != nil {
		return err
	}
	step := time.Hour
	if interval == "day" {
		step = 24 * time.Hour
	}
	p := a.opts.Emerging
	hours, err := intParam(r, "window", int(p.Window/time.Hour), 1, 24)
	if err != nil {
		return err
	}
	p.Window = time.Duration(hours) * time.Hour
	if p.Limit, err = intParam(r, "limit", p.Limit, 1, 100); err != nil {
		return err
	}
	var bursts []emerging.Burst
	var trend []emerging.IssueTrend
	err = parallel(
		func() (err error) { bursts, err = emerging.Detect(r.Context(), a.opts.Conn, to, p); return err },
		func() (err error) { trend, err = emerging.Trend(r.Context(), a.opts.Conn, from, to, step); return err },
	)
	if err != nil {
		return err
	}
	if bursts == nil {
		bursts = []emerging.Burst{}
	}
	if trend == nil {
		trend = []emerging.IssueTrend{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{
		"from": from.In(wita), "to": to.In(wita), "interval": interval, "window_hours": hours,
		"emerging": bursts, "trend": trend,
	})
}

func (a *API) spikes(w http.ResponseWriter, r *http.Request) error {
	at, err := timeParam(r, "at", a.opts.Now())
	if err != nil {
		return err
	}
	p := a.opts.Spike
	hours, err := intParam(r, "window", int(p.Window/time.Hour), 1, 24)
	if err != nil {
		return err
	}
	p.Window = time.Duration(hours) * time.Hour
	n, err := intParam(r, "articles", 10, 0, 50)
	if err != nil {
		return err
	}
	rep, err := spikes.Current(r.Context(), a.opts.Conn, at, spikes.Options{Params: p, Articles: n})
	if err != nil {
		return err
	}
	rep.At = rep.At.In(wita)
	return writeJSON(w, http.StatusOK, rep)
}

func (a *API) story(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if id == "" || len(id) > 200 {
		return badRequest("id cerita tidak sah")
	}
	st, err := stories.Get(r.Context(), a.opts.Conn, id)
	if errors.Is(err, stories.ErrNotFound) {
		return &Error{Status: http.StatusNotFound, Message: sprintf("cerita %q tidak ditemukan: pakai story_id dari /api/v1/documents", id)}
	}
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, st)
}

func (a *API) leaderList(w http.ResponseWriter, r *http.Request) error {
	from, to, err := a.rangeParams(r, week)
	if err != nil {
		return err
	}
	var ls []leaders.Leader
	var cs []leaders.Conflict
	err = parallel(
		func() (err error) { ls, err = leaders.Summary(r.Context(), a.opts.Conn, from, to); return err },
		func() (err error) {
			cs, err = leaders.Inconsistencies(r.Context(), a.opts.Conn, from, to, leaders.ConsistencyOptions{Scorer: a.opts.Scorer})
			return err
		},
	)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"from": from.In(wita), "to": to.In(wita), "leaders": ls, "inconsistencies": cs})
}

func (a *API) leader(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if id == "" || len(id) > 200 {
		return badRequest("id pimpinan tidak sah")
	}
	from, to, err := a.rangeParams(r, week)
	if err != nil {
		return err
	}
	limit, err := intParam(r, "limit", 20, 1, 100)
	if err != nil {
		return err
	}
	d, err := leaders.Get(r.Context(), a.opts.Conn, id, from, to, limit)
	if errors.Is(err, leaders.ErrUnknownLeader) {
		return &Error{Status: http.StatusNotFound, Message: sprintf("pimpinan %q tidak ditemukan pada rentang ini: pakai id dari /api/v1/leaders", id)}
	}
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, d)
}

func (a *API) releases(w http.ResponseWriter, r *http.Request) error {
	from, to, err := a.rangeParams(r, week)
	if err != nil {
		return err
	}
	limit, err := intParam(r, "limit", 100, 1, releases.MaxReleases)
	if err != nil {
		return err
	}
	var rs []releases.Release
	var vs []releases.Voice
	err = parallel(
		func() (err error) { rs, err = releases.Pickup(r.Context(), a.opts.Conn, from, to, limit); return err },
		func() (err error) { vs, err = releases.ShareOfVoice(r.Context(), a.opts.Conn, from, to); return err },
	)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"from": from.In(wita), "to": to.In(wita), "releases": rs, "share_of_voice": vs})
}

func (a *API) sources(w http.ResponseWriter, r *http.Request) error {
	now := a.opts.Now()
	ss, err := sources.Freshness(r.Context(), a.opts.Conn, now)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"at": now.In(wita), "sources": ss})
}

// analyzeRequest is the body of POST /api/v1/analyze.
type analyzeRequest struct {
	ID    string `json:"id"`
	Text  string `json:"text"`
	Title string `json:"title"`
	Lead  string `json:"lead"`
	Body  string `json:"body"`
}

func (a *API) analyze(w http.ResponseWriter, r *http.Request) error {
	if a.opts.Analyzer == nil {
		return &Error{Status: http.StatusServiceUnavailable, Message: "analisis teks tidak tersedia di server ini (model NLP tidak dimuat)"}
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxAnalyzeBytes+1))
	if err != nil {
		return badRequest("badan permintaan tidak terbaca: %v", err)
	}
	if len(body) > MaxAnalyzeBytes {
		return &Error{Status: http.StatusRequestEntityTooLarge, Message: sprintf("teks terlalu panjang: maksimum %d byte", MaxAnalyzeBytes)}
	}
	var in analyzeRequest
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return badRequest("badan permintaan bukan JSON yang sah (%v): kirim {\"text\": \"...\"} atau {\"title\", \"lead\", \"body\"}", err)
	}
	if strings.TrimSpace(in.Text+in.Title+in.Lead+in.Body) == "" {
		return badRequest("teks kosong: isi \"text\" atau \"title\"/\"lead\"/\"body\"")
	}
	if in.Text != "" && in.Body == "" {
		in.Body = in.Text
	}
	res := a.opts.Analyzer.AnalyzeJSON(in.Title, in.Lead, in.Body)
	if in.ID != "" {
		// Echo the caller's id like `pantau analyze` does.
		raw, err := json.Marshal(res)
		if err == nil {
			var m map[string]any
			if json.Unmarshal(raw, &m) == nil {
				m["id"] = in.ID
				return writeJSON(w, http.StatusOK, m)
			}
		}
	}
	return writeJSON(w, http.StatusOK, res)
}
