package brief

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// WITA is the analysts' time zone (Asia/Makassar, UTC+8 without DST).
var WITA = func() *time.Location {
	if l, err := time.LoadLocation("Asia/Makassar"); err == nil {
		return l
	}
	return time.FixedZone("WITA", 8*3600)
}()

var hari = [...]string{"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"}

var bulan = [...]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
	"Agustus", "September", "Oktober", "November", "Desember"}

// DateLabel renders t's date in WITA in Indonesian: "Senin, 23 November 2026".
func DateLabel(t time.Time) string {
	t = t.In(WITA)
	return fmt.Sprintf("%s, %d %s %d", hari[t.Weekday()], t.Day(), bulan[t.Month()-1], t.Year())
}

// shortDate renders "19 Nov 05.00".
func shortDateTime(t time.Time) string {
	t = t.In(WITA)
	return fmt.Sprintf("%d %s %s", t.Day(), bulan[t.Month()-1][:3], clock(t))
}

// clock renders the WITA time of day the Indonesian way: "05.00".
func clock(t time.Time) string { return t.In(WITA).Format("15.04") }

// ParseDate reads a brief date (YYYY-MM-DD) as midnight WITA.
func ParseDate(s string) (time.Time, error) {
	d, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(s), WITA)
	if err != nil {
		return time.Time{}, fmt.Errorf("tanggal %q tidak dikenali: pakai format YYYY-MM-DD, mis. 2026-11-20", s)
	}
	return d, nil
}

// duration renders a duration in Indonesian words: "2 jam 5 menit", "3 hari".
func duration(d time.Duration) string {
	neg := d < 0
	if neg {
		d = -d
	}
	d = d.Round(time.Minute)
	var s string
	switch {
	case d < time.Hour:
		s = fmt.Sprintf("%d menit", int(d.Minutes()))
	case d < 48*time.Hour:
		h, m := int(d.Hours()), int(d.Minutes())%60
		s = fmt.Sprintf("%d jam", h)
		if m > 0 && h < 10 {
			s += fmt.Sprintf(" %d menit", m)
		}
	default:
		s = fmt.Sprintf("%d hari", int(math.Round(d.Hours()/24)))
	}
	if neg {
		return "−" + s
	}
	return s
}

// decimal renders x with one decimal and a decimal comma: "12,5".
func decimal(x float64) string {
	return strings.Replace(fmt.Sprintf("%.1f", x), ".", ",", 1)
}

// percent renders a share in [0, 1] as a whole percentage: "64%".
func percent(part, whole int) string {
	if whole == 0 {
		return "0%"
	}
	return fmt.Sprintf("%d%%", int(math.Round(100*float64(part)/float64(whole))))
}

// change describes n against ref: "+12% dari kemarin" style words without
// the reference name.
func change(n int, ref float64) string {
	switch {
	case ref == 0 && n == 0:
		return "sama"
	case ref == 0:
		return "baru"
	}
	p := math.Round(100 * (float64(n) - ref) / ref)
	switch {
	case p > 0:
		return fmt.Sprintf("+%d%%", int(p))
	case p < 0:
		return fmt.Sprintf("−%d%%", int(-p))
	}
	return "sama"
}
