package brief

import (
	"context"
	"errors"
	"html"
	"os"
	"regexp"
	"strconv"
	"testing"

	"github.com/biroadpim/pantau/analytics/brief/internal/corpus"
)

func chromium(t *testing.T) PDFRenderer {
	t.Helper()
	p := PDFRenderer{Chromium: DefaultChromium}
	if err := p.Available(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%v: CI must install chromium", err)
		}
		t.Skip(err)
	}
	return p
}

var swAttr = regexp.MustCompile(`data-sw="(\d+)/(\d+)/(\d+)"`)

// phoneWidths loads page and a control page that is too wide, each in a
// 390 px wide frame (headless Chromium makes no window narrower than
// 500 px; a frame has no such limit), in one Chromium run, and returns both
// scroll widths and the frame's viewport width.
func phoneWidths(t *testing.T, p PDFRenderer, page []byte) (sw, control, vw int) {
	t.Helper()
	frame := func(id, doc string) string {
		return `<iframe id="` + id + `" style="width:390px;height:844px;border:0" srcdoc="` + html.EscapeString(doc) + `"></iframe>`
	}
	wrapper := `<!DOCTYPE html><html><body style="margin:0">` + frame("a", string(page)) +
		frame("b", `<!DOCTYPE html><html><body><div style="width:600px">terlalu lebar</div></body></html>`) +
		`<script>window.onload=function(){var a=document.getElementById("a"),b=document.getElementById("b");` +
		`document.body.setAttribute("data-sw",a.contentDocument.documentElement.scrollWidth+"/"+b.contentDocument.documentElement.scrollWidth+"/"+a.contentWindow.innerWidth)}</script></body></html>`
	dom, err := p.DumpDOM(context.Background(), []byte(wrapper), 900, 900)
	if err != nil {
		t.Fatal(err)
	}
	m := swAttr.FindSubmatch(dom)
	if m == nil {
		t.Fatalf("the measuring script did not run; DOM starts %.300s", dom)
	}
	sw, _ = strconv.Atoi(string(m[1]))
	control, _ = strconv.Atoi(string(m[2]))
	vw, _ = strconv.Atoi(string(m[3]))
	return sw, control, vw
}

func TestHTMLFitsPhoneAndPrintsToPDF(t *testing.T) {
	p := chromium(t)
	s := loadDay(t, corpus.Options{})
	b, err := newTestGenerator(t, s).Generate(context.Background(), corpus.Date)
	if err != nil {
		t.Fatal(err)
	}
	page, err := HTML(b)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("no horizontal scroll at 390 px", func(t *testing.T) {
		sw, control, vw := phoneWidths(t, p, page)
		if vw != 390 {
			t.Fatalf("viewport %d px, want 390", vw)
		}
		if control <= vw {
			t.Fatalf("the measure is blind: a 600 px block measured %d px in a %d px viewport", control, vw)
		}
		if sw > vw {
			t.Fatalf("page is %d px wide in a %d px viewport: it scrolls sideways on a phone", sw, vw)
		}
	})
	t.Run("pdf", func(t *testing.T) {
		pdf, err := p.PDF(context.Background(), page)
		if err != nil {
			t.Fatal(err)
		}
		if n := PDFPages(pdf); n < 1 {
			t.Fatalf("pdf of %d bytes has %d pages", len(pdf), n)
		}
	})
}

func TestPDFWithoutChromium(t *testing.T) {
	_, err := PDFRenderer{Chromium: "/nonexistent/chromium"}.PDF(context.Background(), []byte("<p>x</p>"))
	if !errors.Is(err, ErrNoChromium) {
		t.Fatalf("error %v, want ErrNoChromium", err)
	}
}
