package brief

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	htmltemplate "html/template"
	"math"
	"reflect"
	"strconv"
	"strings"
	"text/template"
	"time"
	"unicode/utf16"
)

//go:embed templates/*.tmpl
var templateFiles embed.FS

// Formats the brief is rendered in.
const (
	FormatHTML = "html"
	FormatPDF  = "pdf"
	FormatMD   = "md"
	FormatJSON = "json"
)

// Formats lists the formats in the order the CLI documents them.
var Formats = []string{FormatHTML, FormatPDF, FormatMD, FormatJSON}

// TelegramLimit is the longest Telegram message (UTF-16 code units).
const TelegramLimit = 4096

var funcs = map[string]any{
	"num":  num,
	"dec":  decimal,
	"inc":  func(i int) int { return i + 1 },
	"join": strings.Join,
	"time": func(t time.Time) string { return shortDateTime(t) },
	"width": func(part, whole int) string {
		return strconv.FormatFloat(math.Round(1000*float64(part)/float64(max(whole, 1)))/10, 'f', 1, 64)
	},
	"trendWords": func(is Issue) string {
		switch is.Trend {
		case "baru":
			return "baru, rata-rata 7 hari 0"
		default:
			return fmt.Sprintf("%s; kemarin %d, rata-rata 7 hari %s", is.Trend, is.Prev, decimal(is.Avg))
		}
	},
	"md":   mdText,
	"link": mdLink,
	"clip": clip,
	// ref links to an anchor of the full brief page when it has one (short
	// enough for Telegram), else to the API.
	"ref": func(page, anchor, api string) string {
		if page == "" {
			return mdLink(api)
		}
		return mdLink(page + "#" + anchor)
	},
	"limit": func(v any, n int) any {
		rv := reflect.ValueOf(v)
		if rv.Kind() == reflect.Slice && rv.Len() > n {
			return rv.Slice(0, n).Interface()
		}
		return v
	},
}

var (
	htmlTmpl = htmltemplate.Must(htmltemplate.New("brief.html.tmpl").Funcs(funcs).ParseFS(templateFiles, "templates/brief.html.tmpl"))
	mdTmpl   = template.Must(template.New("brief.md.tmpl").Funcs(funcs).ParseFS(templateFiles, "templates/brief.md.tmpl"))
)

// num renders an integer with Indonesian thousands separators: 12.345.
func num(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// mdText makes text safe for Telegram's legacy Markdown, which has no
// escapes: the characters that open entities are replaced by look-alikes.
func mdText(s string) string {
	return strings.NewReplacer("*", "∗", "_", " ", "`", "'", "[", "(", "]", ")").Replace(s)
}

// mdLink makes a URL safe inside a Markdown link target.
func mdLink(s string) string {
	return strings.NewReplacer(")", "%29", "(", "%28", " ", "%20").Replace(s)
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// HTML renders the self-contained page.
func HTML(b *Brief) ([]byte, error) {
	var buf bytes.Buffer
	if err := htmlTmpl.Execute(&buf, b); err != nil {
		return nil, fmt.Errorf("render brief html: %w", err)
	}
	return buf.Bytes(), nil
}

// JSON renders the brief's data, indented.
func JSON(b *Brief) ([]byte, error) {
	out, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("render brief json: %w", err)
	}
	return append(out, '\n'), nil
}

// mdLimits bound the Markdown's lists; Markdown tightens them until the
// text fits one Telegram message.
type mdLimits struct{ Headlines, Respond, Quotes, Emerging, Releases int }

var mdLevels = []mdLimits{
	{2, 5, 1, 3, 3},
	{1, 5, 1, 3, 3},
	{1, 3, 1, 2, 2},
	{0, 3, 0, 2, 1},
	{0, 2, 0, 1, 1},
	{0, 1, 0, 0, 0},
}

// Markdown renders the Telegram message: legacy Markdown no longer than
// TelegramLimit, with less detail when the full text would not fit.
func Markdown(b *Brief) ([]byte, error) {
	var last []byte
	for _, l := range mdLevels {
		var buf bytes.Buffer
		page := ""
		if b.Links.Archive != "" {
			page = b.Links.Archive + b.Date
		}
		if err := mdTmpl.Execute(&buf, struct {
			*Brief
			L    mdLimits
			Page string
		}{b, l, page}); err != nil {
			return nil, fmt.Errorf("render brief markdown: %w", err)
		}
		last = squeezeBlankLines(buf.Bytes())
		if TelegramLen(string(last)) <= TelegramLimit {
			return last, nil
		}
	}
	// Still too long (very long titles): cut at the limit on a line end.
	s := string(last)
	for TelegramLen(s) > TelegramLimit-2 {
		i := strings.LastIndexByte(s[:len(s)-1], '\n')
		if i <= 0 {
			s = string([]rune(s)[:TelegramLimit/2])
			break
		}
		s = s[:i]
	}
	return []byte(s + "\n…"), nil
}

// TelegramLen counts s as Telegram does: in UTF-16 code units.
func TelegramLen(s string) int { return len(utf16.Encode([]rune(s))) }

func squeezeBlankLines(b []byte) []byte {
	for bytes.Contains(b, []byte("\n\n\n")) {
		b = bytes.ReplaceAll(b, []byte("\n\n\n"), []byte("\n\n"))
	}
	return append(bytes.TrimSpace(b), '\n')
}

// Subject is the brief's title line (e-mail subject, PDF caption).
func Subject(b *Brief) string {
	return fmt.Sprintf("Brief Isu Pagi %s — %s berita, %s negatif", b.DateLabel, num(b.Headline.Total.N), num(b.Headline.Negative.N))
}
