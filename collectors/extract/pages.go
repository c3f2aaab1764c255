package extract

import (
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

var (
	showAllText = regexp.MustCompile(`(?i)^\s*(?:tampilkan|lihat|baca)\s+(?:semua|seluruh)(?:\s+halaman|\s+isi)?|^\s*(?:show\s+all|single\s+page|view\s+all)\b`)
	pathPage    = regexp.MustCompile(`^(.*?)/(\d{1,2})/?$`)
)

// maxPages bounds how many further pages of one article are followed.
const maxPages = 20

// pagination finds the single-page view (?page=all, "Tampilkan semua") and
// the further pages (?page=2, /2) of an article split over pages. It only
// reports them on the article's first page.
func pagination(doc *goquery.Document, base *url.URL) (all string, next []string) {
	if base == nil || pageNumber(base, base) > 1 || strings.EqualFold(base.Query().Get("page"), "all") {
		return "", nil
	}
	nums := map[int]string{}
	doc.Find("a[href]").Each(func(_ int, s *goquery.Selection) {
		href, _ := s.Attr("href")
		u, err := base.Parse(strings.TrimSpace(href))
		if err != nil || !strings.EqualFold(u.Host, base.Host) {
			return
		}
		u.Fragment = ""
		q := u.Query()
		samePath := strings.TrimSuffix(u.Path, "/") == strings.TrimSuffix(base.Path, "/")
		if all == "" && samePath && (strings.EqualFold(q.Get("page"), "all") || strings.EqualFold(q.Get("show"), "all") || q.Get("single") == "1") {
			all = u.String()
			return
		}
		if all == "" && samePath && showAllText.MatchString(s.Text()) {
			all = u.String()
			return
		}
		if n := pageNumber(u, base); n >= 2 && n <= maxPages+1 {
			if _, ok := nums[n]; !ok {
				nums[n] = u.String()
			}
		}
	})
	if all != "" {
		return all, nil
	}
	keys := make([]int, 0, len(nums))
	for n := range nums {
		keys = append(keys, n)
	}
	sort.Ints(keys)
	for _, n := range keys {
		next = append(next, nums[n])
	}
	return "", next
}

// pageNumber returns the page of u as a page of base's article: ?page=N (or
// p, hal, halaman) on the same path, or a /N path suffix. It is 0 when u is
// not a page of that article.
func pageNumber(u, base *url.URL) int {
	basePath := strings.TrimSuffix(base.Path, "/")
	if m := pathPage.FindStringSubmatch(basePath); m != nil && u == base {
		// base itself ends in /N: it is page N of m[1] only if N is small.
		if n, _ := strconv.Atoi(m[2]); n >= 2 && n <= maxPages+1 && strings.Count(m[1], "/") >= 1 && len(m[1]) > 20 {
			return n
		}
	}
	path := strings.TrimSuffix(u.Path, "/")
	if path == basePath {
		for _, k := range []string{"page", "p", "hal", "halaman"} {
			if v := u.Query().Get(k); v != "" {
				n, err := strconv.Atoi(v)
				if err == nil {
					return n
				}
			}
		}
		return 0
	}
	if m := pathPage.FindStringSubmatch(path); m != nil && m[1] == basePath {
		n, _ := strconv.Atoi(m[2])
		return n
	}
	return 0
}
