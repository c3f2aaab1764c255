package sources

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"net/url"
	"os"
	"reflect"
	"regexp"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Kind is what a source publishes and how it is collected.
type Kind string

// Source kinds.
const (
	KindNews     Kind = "news"
	KindTelegram Kind = "telegram"
	KindMastodon Kind = "mastodon"
	KindYouTube  Kind = "youtube"
)

// Defaults applied to sources that do not set a value.
const (
	DefaultInterval    = 15 * time.Minute
	DefaultMaxPages    = 3
	DefaultMaxArticles = 100
	DefaultLanguage    = "id"
	MinInterval        = time.Minute
)

// Default base URLs of the post sources.
const (
	DefaultTelegramBase = "https://t.me"
	DefaultYouTubeBase  = "https://www.googleapis.com/youtube/v3"
)

// Selectors are optional CSS selectors for a site whose markup the generic
// extractor gets wrong.
type Selectors struct {
	Title  string `yaml:"title"`
	Body   string `yaml:"body"`
	Date   string `yaml:"date"`
	Author string `yaml:"author"`
}

// Source is one entry of the registry.
type Source struct {
	// Name identifies the source; it becomes the NATS subject token
	// pantau.raw.<name>, so it is lower-case letters, digits, '-' and '_'.
	Name string `yaml:"name"`
	// Kind is news, telegram, mastodon or youtube.
	Kind Kind `yaml:"kind"`
	// Title is the human name shown to analysts.
	Title string `yaml:"title"`
	// Feeds are RSS/Atom feeds and XML sitemaps (news sitemaps, indexes).
	Feeds []string `yaml:"feeds"`
	// Start are listing pages whose links (and pagination) lead to articles.
	Start []string `yaml:"start"`
	// ArticlePattern is a regular expression an article URL must match.
	ArticlePattern string `yaml:"article_pattern"`
	// Allow lists the domains that may be fetched (subdomains included).
	// When empty it is derived from the hosts of feeds and start pages.
	Allow []string `yaml:"allow"`
	// Interval is the time between two passes.
	Interval time.Duration `yaml:"interval"`
	// Selectors override extraction for this site.
	Selectors Selectors `yaml:"selectors"`
	// Official marks government sources (press releases).
	Official bool `yaml:"official"`
	// AllowPrivate permits private and loopback addresses; only for local
	// test portals.
	AllowPrivate bool `yaml:"allow_private"`
	// MaxPages bounds listing pagination depth (news) and paging back
	// through a Telegram channel or Mastodon timeline.
	MaxPages int `yaml:"max_pages"`
	// MaxArticles bounds the articles fetched in one pass.
	MaxArticles int `yaml:"max_articles"`
	// Language is the ISO 639 code the source writes in.
	Language string `yaml:"language"`
	// BaseURL is the Telegram host, Mastodon instance or YouTube API base.
	BaseURL string `yaml:"base_url"`
	// Channels are Telegram channel names or YouTube channel ids.
	Channels []string `yaml:"channels"`
	// Hashtags and Accounts are Mastodon timelines to follow.
	Hashtags []string `yaml:"hashtags"`
	Accounts []string `yaml:"accounts"`
	// Verified says what of this entry was checked and how; Check says what
	// must still be checked against the live site.
	Verified string `yaml:"verified"`
	Check    string `yaml:"check"`
	// Disabled keeps an entry in the registry without collecting it.
	Disabled bool `yaml:"disabled"`

	// Pattern is ArticlePattern compiled; nil when no pattern is set.
	Pattern *regexp.Regexp `yaml:"-"`
	// Line is where the entry starts in its file.
	Line int `yaml:"-"`
}

// IsArticle reports whether u may be an article of the source: on an
// allowed domain and matching the article pattern when one is set.
func (s *Source) IsArticle(u string) bool {
	if !s.Allowed(u) {
		return false
	}
	return s.Pattern == nil || s.Pattern.MatchString(u)
}

// Allowed reports whether u is an http(s) URL on one of the allowed domains
// or their subdomains.
func (s *Source) Allowed(u string) bool {
	pu, err := url.Parse(u)
	if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") {
		return false
	}
	return DomainAllowed(s.Allow, pu.Hostname())
}

// DomainAllowed reports whether host is one of domains or a subdomain of one.
func DomainAllowed(domains []string, host string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	for _, d := range domains {
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}

// registryFile is the layout of a registry file.
type registryFile struct {
	Sources []Source `yaml:"sources"`
}

//go:embed kaltim.yaml
var kaltimYAML []byte

// Default returns the embedded registry of East Kalimantan sources. The
// embedded file is validated by the package tests, so an error here is a
// build defect and Default panics.
func Default() []Source {
	list, err := Parse(kaltimYAML, "kaltim.yaml")
	if err != nil {
		panic("sources: embedded kaltim.yaml is invalid: " + err.Error())
	}
	return list
}

// DefaultYAML returns the embedded registry file, for analysts who want a
// copy to edit.
func DefaultYAML() []byte { return bytes.Clone(kaltimYAML) }

// Load reads and validates a registry file.
func Load(path string) ([]Source, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read source registry: %w", err)
	}
	return Parse(data, path)
}

// Parse decodes and validates a registry file's contents. name (usually the
// path) prefixes every error together with the line, e.g.
// "sources.yaml:12: source \"prokal\": article_pattern: ...". Unknown keys,
// bad regular expressions, bad URLs and duplicate names are rejected.
func Parse(data []byte, name string) ([]Source, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return nil, fmt.Errorf("%s: empty source registry: add a 'sources:' list", name)
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: the registry must be a mapping with a 'sources:' list", name, doc.Line)
	}
	if err := checkKeys(doc, reflect.TypeFor[registryFile](), name); err != nil {
		return nil, err
	}
	var list *yaml.Node
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if doc.Content[i].Value == "sources" {
			list = doc.Content[i+1]
		}
	}
	if list == nil {
		return nil, fmt.Errorf("%s:%d: no 'sources:' list", name, doc.Line)
	}
	return DecodeList(list, name)
}

// DecodeList decodes and validates a YAML sequence of sources (the
// registry's 'sources:' value or an inline list in the main config).
func DecodeList(list *yaml.Node, name string) ([]Source, error) {
	if list.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%s:%d: 'sources' must be a list of sources", name, list.Line)
	}
	var errs []error
	out := make([]Source, 0, len(list.Content))
	seen := map[string]int{}
	for _, n := range list.Content {
		if n.Kind != yaml.MappingNode {
			errs = append(errs, fmt.Errorf("%s:%d: a source must be a mapping with name, kind, ...", name, n.Line))
			continue
		}
		if err := checkKeys(n, reflect.TypeFor[Source](), name); err != nil {
			errs = append(errs, err)
			continue
		}
		var s Source
		if err := n.Decode(&s); err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: %w", name, n.Line, err))
			continue
		}
		s.Line = n.Line
		if prev, dup := seen[s.Name]; dup && s.Name != "" {
			errs = append(errs, fmt.Errorf("%s:%d: source %q: name already used at line %d; names must be unique", name, n.Line, s.Name, prev))
			continue
		}
		seen[s.Name] = n.Line
		if err := s.normalize(); err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: source %q: %w", name, n.Line, s.Name, err))
			continue
		}
		out = append(out, s)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// checkKeys rejects mapping keys that t (a struct) has no yaml tag for,
// naming the file and line, and recurses into nested struct fields.
func checkKeys(n *yaml.Node, t reflect.Type, name string) error {
	fields := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := strings.Split(f.Tag.Get("yaml"), ",")[0]
		if tag == "" || tag == "-" {
			continue
		}
		fields[tag] = f.Type
	}
	var errs []error
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		ft, ok := fields[k.Value]
		if !ok {
			known := make([]string, 0, len(fields))
			for f := range fields {
				known = append(known, f)
			}
			errs = append(errs, fmt.Errorf("%s:%d: unknown key %q (known keys: %s)", name, k.Line, k.Value, strings.Join(sortStrings(known), ", ")))
			continue
		}
		if ft.Kind() == reflect.Struct && ft != reflect.TypeFor[time.Duration]() && n.Content[i+1].Kind == yaml.MappingNode {
			if err := checkKeys(n.Content[i+1], ft, name); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

func sortStrings(s []string) []string {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return s
}

var validName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)

// normalize applies defaults and validates one source.
func (s *Source) normalize() error {
	var errs []error
	if !validName.MatchString(s.Name) {
		errs = append(errs, fmt.Errorf("name %q must be 1-64 lower-case letters, digits, '-' or '_'", s.Name))
	}
	if s.Interval == 0 {
		s.Interval = DefaultInterval
	}
	if s.Interval < MinInterval {
		errs = append(errs, fmt.Errorf("interval %s is shorter than %s: be polite to the site", s.Interval, MinInterval))
	}
	if s.MaxPages == 0 {
		s.MaxPages = DefaultMaxPages
	}
	if s.MaxPages < 0 || s.MaxPages > 50 {
		errs = append(errs, fmt.Errorf("max_pages %d must be between 1 and 50", s.MaxPages))
	}
	if s.MaxArticles == 0 {
		s.MaxArticles = DefaultMaxArticles
	}
	if s.MaxArticles < 0 || s.MaxArticles > 5000 {
		errs = append(errs, fmt.Errorf("max_articles %d must be between 1 and 5000", s.MaxArticles))
	}
	if s.Language == "" {
		s.Language = DefaultLanguage
	}
	if s.ArticlePattern != "" {
		re, err := regexp.Compile(s.ArticlePattern)
		if err != nil {
			errs = append(errs, fmt.Errorf("article_pattern: %w", err))
		}
		s.Pattern = re
	}
	for i, d := range s.Allow {
		d = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(d)), ".")
		if d == "" || strings.ContainsAny(d, "/:* ") {
			errs = append(errs, fmt.Errorf("allow[%d] %q must be a bare domain such as kaltimpost.jawapos.com", i, s.Allow[i]))
		}
		s.Allow[i] = d
	}
	checkURLs := func(key string, list []string) {
		for i, u := range list {
			pu, err := url.Parse(u)
			if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
				errs = append(errs, fmt.Errorf("%s[%d] %q must be an absolute http(s) URL", key, i, u))
				continue
			}
			if len(s.Allow) > 0 && !DomainAllowed(s.Allow, pu.Hostname()) {
				errs = append(errs, fmt.Errorf("%s[%d] %q is not on an allowed domain (%s)", key, i, u, strings.Join(s.Allow, ", ")))
			}
		}
	}
	switch s.Kind {
	case KindNews:
		if len(s.Feeds) == 0 && len(s.Start) == 0 {
			errs = append(errs, errors.New("a news source needs at least one of feeds or start"))
		}
		if len(s.Allow) == 0 {
			s.Allow = hostsOf(append(append([]string{}, s.Feeds...), s.Start...))
		}
		checkURLs("feeds", s.Feeds)
		checkURLs("start", s.Start)
	case KindTelegram:
		if s.BaseURL == "" {
			s.BaseURL = DefaultTelegramBase
		}
		if len(s.Channels) == 0 {
			errs = append(errs, errors.New("a telegram source needs channels (public channel names as in t.me/s/<name>)"))
		}
	case KindMastodon:
		if s.BaseURL == "" {
			errs = append(errs, errors.New("a mastodon source needs base_url, the instance such as https://mastodon.social"))
		}
		if len(s.Hashtags) == 0 && len(s.Accounts) == 0 {
			errs = append(errs, errors.New("a mastodon source needs hashtags or accounts"))
		}
	case KindYouTube:
		if s.BaseURL == "" {
			s.BaseURL = DefaultYouTubeBase
		}
		if len(s.Channels) == 0 {
			errs = append(errs, errors.New("a youtube source needs channels (channel ids, UC...)"))
		}
	case "":
		errs = append(errs, errors.New("kind is missing: use news, telegram, mastodon or youtube"))
	default:
		errs = append(errs, fmt.Errorf("kind %q is unknown: use news, telegram, mastodon or youtube", s.Kind))
	}
	if s.Kind != KindNews && s.BaseURL != "" {
		pu, err := url.Parse(s.BaseURL)
		if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
			errs = append(errs, fmt.Errorf("base_url %q must be an absolute http(s) URL", s.BaseURL))
		} else if len(s.Allow) == 0 {
			s.Allow = []string{strings.ToLower(pu.Hostname())}
		}
	}
	return errors.Join(errs...)
}

func hostsOf(urls []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, u := range urls {
		pu, err := url.Parse(u)
		if err != nil || pu.Hostname() == "" {
			continue
		}
		h := strings.ToLower(pu.Hostname())
		if !seen[h] {
			seen[h] = true
			out = append(out, h)
		}
	}
	return out
}

// Select returns the enabled sources, or only the one named when name is
// not empty.
func Select(list []Source, name string) ([]Source, error) {
	var out []Source
	var names []string
	for _, s := range list {
		names = append(names, s.Name)
		if name != "" {
			if s.Name == name {
				return []Source{s}, nil
			}
			continue
		}
		if !s.Disabled {
			out = append(out, s)
		}
	}
	if name != "" {
		return nil, fmt.Errorf("source %q is not in the registry (known: %s)", name, strings.Join(names, ", "))
	}
	return out, nil
}
