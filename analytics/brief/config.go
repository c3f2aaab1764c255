package brief

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/biroadpim/pantau/analytics/brief/deliver"
)

// Defaults of Config.
const (
	DefaultSchedule = "06:00"
	DefaultCutoff   = "05:00"
	DefaultCatchUp  = 12 * time.Hour
	DefaultChromium = "/usr/bin/chromium"
)

// DefaultLeaders are the leaders the brief follows: canonical gazetteer
// name = title shown.
var DefaultLeaders = []string{"Rudy Mas'ud=Gubernur", "Seno Aji=Wakil Gubernur", "Sri Wahyuni=Sekretaris Daerah"}

// Config configures the morning brief (the brief: key of the main config).
type Config struct {
	Enabled       bool                   `yaml:"enabled" doc:"generate and deliver the morning brief on schedule inside pantau run (the /briefs/ archive is served either way)"`
	Schedule      string                 `yaml:"schedule" doc:"time of day (HH:MM, WITA) the brief is generated and delivered"`
	Cutoff        string                 `yaml:"cutoff" doc:"end (HH:MM, WITA, on the brief's date) of the 24 hours the brief covers"`
	CatchUp       time.Duration          `yaml:"catch_up" doc:"after downtime, a missed brief is still delivered when less than this late; older ones are only archived"`
	BaseURL       string                 `yaml:"base_url" doc:"public base URL of Pantau's HTTP server, for the links behind every number (/api/v1/documents?..., /briefs/)"`
	GrafanaURL    string                 `yaml:"grafana_url" doc:"URL of the Grafana dashboard linked from the brief (empty = no link)"`
	Leaders       []string               `yaml:"leaders" doc:"leaders followed, as canonical name=title (comma-separated in env)"`
	OutletWeights []string               `yaml:"outlet_weights" doc:"reach weight per source as name=weight (default weight 1), e.g. tribun-kaltim=1.5"`
	Chromium      string                 `yaml:"chromium" doc:"path of the headless Chromium binary that renders the PDF"`
	Email         deliver.EmailConfig    `yaml:"email"`
	Telegram      deliver.TelegramConfig `yaml:"telegram"`
	Webhook       deliver.WebhookConfig  `yaml:"webhook"`
	Retry         deliver.RetryConfig    `yaml:"retry"`
}

// DefaultConfig returns the defaults.
func DefaultConfig() Config {
	return Config{
		Schedule: DefaultSchedule, Cutoff: DefaultCutoff, CatchUp: DefaultCatchUp,
		BaseURL: "http://127.0.0.1:8080", Leaders: append([]string(nil), DefaultLeaders...),
		Chromium: DefaultChromium, Email: deliver.DefaultEmailConfig(), Telegram: deliver.DefaultTelegramConfig(),
		Webhook: deliver.DefaultWebhookConfig(), Retry: deliver.DefaultRetryConfig(),
	}
}

// Validate reports an unusable configuration, every problem at once.
func (c Config) Validate() error {
	var errs []error
	if _, err := parseClock(c.Schedule); err != nil {
		errs = append(errs, fmt.Errorf("brief.schedule: %w", err))
	}
	if _, err := parseClock(c.Cutoff); err != nil {
		errs = append(errs, fmt.Errorf("brief.cutoff: %w", err))
	}
	if c.CatchUp < 0 || c.CatchUp > 24*time.Hour {
		errs = append(errs, fmt.Errorf("brief.catch_up %s: must be between 0 and 24h", c.CatchUp))
	}
	for name, u := range map[string]string{"brief.base_url": c.BaseURL, "brief.grafana_url": c.GrafanaURL} {
		if u == "" {
			continue
		}
		if p, err := url.Parse(u); err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			errs = append(errs, fmt.Errorf("%s %q: expected an http(s) URL such as https://pantau.kaltimprov.go.id", name, u))
		}
	}
	if _, err := parseLeaders(c.Leaders); err != nil {
		errs = append(errs, err)
	}
	if _, err := parseWeights(c.OutletWeights); err != nil {
		errs = append(errs, err)
	}
	if c.Enabled && c.Chromium == "" {
		errs = append(errs, errors.New("brief.chromium is empty: give the path of headless Chromium (apt-get install chromium) for the PDF"))
	}
	errs = append(errs, c.Email.Validate(), c.Telegram.Validate(), c.Webhook.Validate(), c.Retry.Validate())
	return errors.Join(errs...)
}

// LoadSecrets reads the secrets given as files (*_file settings) into the
// secret fields. New calls it.
func (c *Config) LoadSecrets() error {
	return errors.Join(c.Email.LoadSecrets(), c.Telegram.LoadSecrets(), c.Webhook.LoadSecrets())
}

// parseClock reads "HH:MM" into the offset from midnight.
func parseClock(s string) (time.Duration, error) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 || len(m) != 2 {
		return 0, fmt.Errorf("%q is not a time of day; use HH:MM such as 06:00", s)
	}
	return time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute, nil
}

// leaderRef is one followed leader.
type leaderRef struct{ Name, Title string }

func parseLeaders(v []string) ([]leaderRef, error) {
	var out []leaderRef
	var errs []error
	for _, s := range v {
		name, title, ok := strings.Cut(s, "=")
		name, title = strings.TrimSpace(name), strings.TrimSpace(title)
		if !ok || name == "" || title == "" {
			errs = append(errs, fmt.Errorf("brief.leaders: %q must be canonical name=title, e.g. Rudy Mas'ud=Gubernur", s))
			continue
		}
		out = append(out, leaderRef{name, title})
	}
	return out, errors.Join(errs...)
}

func parseWeights(v []string) (map[string]float64, error) {
	out := map[string]float64{}
	var errs []error
	for _, s := range v {
		name, w, ok := strings.Cut(s, "=")
		f, err := strconv.ParseFloat(strings.TrimSpace(w), 64)
		if !ok || err != nil || f <= 0 || strings.TrimSpace(name) == "" {
			errs = append(errs, fmt.Errorf("brief.outlet_weights: %q must be source=weight with a positive weight, e.g. tribun-kaltim=1.5", s))
			continue
		}
		out[strings.TrimSpace(name)] = f
	}
	return out, errors.Join(errs...)
}
