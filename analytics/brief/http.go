package brief

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"
)

// ArchivePath is where the archive is served.
const ArchivePath = "/briefs/"

// Register serves the archive: GET /briefs/ lists the archived briefs
// (?format=json for JSON), GET /briefs/YYYY-MM-DD serves one
// (?format=html|pdf|md|json). A past date not in the archive is generated
// on request (and not archived).
func (s *Service) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET "+ArchivePath+"{$}", s.serveList)
	mux.HandleFunc("GET "+ArchivePath+"{date}", s.serveBrief)
}

func httpError(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(code)
	fmt.Fprintln(w, msg)
}

var listTmpl = template.Must(template.New("list").Funcs(funcs).Funcs(template.FuncMap{"label": DateLabel}).Parse(`<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Arsip Brief Isu Pagi</title>
<style>body{margin:0;font:16px/1.45 -apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;background:#f3f4f6;color:#111827}
main{max-width:720px;margin:0 auto;padding:12px}h1{font-size:1.3rem;color:#0f3d6e}
li{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:8px 12px;margin:0 0 8px;list-style:none}
ul{padding:0}a{color:#1d4ed8}.small{font-size:.85rem;color:#4b5563}</style></head>
<body><main><h1>Arsip Brief Isu Pagi</h1>
<ul>{{range .}}<li><a href="{{.Date.Format "2006-01-02"}}">{{label .Date}}</a><br><span class="small">{{num .Documents}} berita, {{num .Negative}} negatif · dibuat {{time .GeneratedAt}} · <a href="{{.Date.Format "2006-01-02"}}?format=pdf">PDF</a> · <a href="{{.Date.Format "2006-01-02"}}?format=md">teks</a></span></li>
{{else}}<li>Belum ada brief di arsip.</li>{{end}}</ul></main></body></html>`))

func (s *Service) serveList(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 30*time.Second)
	defer cancel()
	es, err := s.list(ctx, 400)
	if err != nil {
		s.log.Error("brief archive list", "err", err)
		httpError(w, http.StatusServiceUnavailable, "arsip brief tidak dapat dibaca saat ini; coba lagi sebentar lagi")
		return
	}
	if r.URL.Query().Get("format") == FormatJSON {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"briefs": es})
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := listTmpl.Execute(w, es); err != nil {
		s.log.Error("brief archive list", "err", err)
	}
}

func (s *Service) serveBrief(w http.ResponseWriter, r *http.Request) {
	key := r.PathValue("date")
	date, err := ParseDate(key)
	if err != nil {
		httpError(w, http.StatusBadRequest, err.Error())
		return
	}
	format := r.URL.Query().Get("format")
	if format == "" {
		format = FormatHTML
	}
	if !validFormat(format) {
		httpError(w, http.StatusBadRequest, fmt.Sprintf("format %q tidak dikenal: pakai html, pdf, md atau json", format))
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Minute)
	defer cancel()
	rd, err := s.load(ctx, key)
	if err == nil && rd == nil {
		rd, err = s.onDemand(ctx, date)
	}
	if errors.Is(err, ErrNotYet) {
		httpError(w, http.StatusNotFound, fmt.Sprintf("brief %s belum tersedia: periodenya berakhir %s WITA", key, shortDateTime(s.periodEnd(date))))
		return
	}
	if err != nil {
		s.log.Error("brief archive", "date", key, "err", err)
		httpError(w, http.StatusServiceUnavailable, "brief tidak dapat dibuat saat ini; coba lagi sebentar lagi")
		return
	}
	switch format {
	case FormatHTML:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(rd.HTML)
	case FormatMD:
		w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
		w.Write(rd.Markdown)
	case FormatJSON:
		w.Header().Set("Content-Type", "application/json")
		w.Write(rd.JSON)
	case FormatPDF:
		pdf := rd.PDF
		if len(pdf) == 0 {
			if pdf, err = s.pdf.PDF(ctx, rd.HTML); err != nil {
				s.log.Error("brief pdf", "date", key, "err", err)
				httpError(w, http.StatusServiceUnavailable, "PDF tidak dapat dibuat: Chromium tidak tersedia di server; buka versi HTML lalu cetak")
				return
			}
		}
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Disposition", `inline; filename="brief-isu-pagi-`+key+`.pdf"`)
		w.Write(pdf)
	}
}

func validFormat(f string) bool {
	for _, x := range Formats {
		if f == x {
			return true
		}
	}
	return false
}

func (s *Service) periodEnd(date time.Time) time.Time {
	_, to := s.gen.Period(date)
	return to
}

// onDemand generates a past brief that is not in the archive, without
// the PDF (rendered only when asked for).
func (s *Service) onDemand(ctx context.Context, date time.Time) (*Rendered, error) {
	if s.clock.Now().Before(s.periodEnd(date)) {
		return nil, ErrNotYet
	}
	b, err := s.gen.Generate(ctx, date)
	if err != nil {
		return nil, err
	}
	rd := &Rendered{Brief: b}
	if rd.HTML, err = HTML(b); err != nil {
		return nil, err
	}
	if rd.Markdown, err = Markdown(b); err != nil {
		return nil, err
	}
	rd.JSON, err = JSON(b)
	return rd, err
}

func decodeBrief(js []byte) (*Brief, error) {
	var b Brief
	if err := json.NewDecoder(strings.NewReader(string(js))).Decode(&b); err != nil {
		return nil, err
	}
	return &b, nil
}
