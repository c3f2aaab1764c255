package api

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestRateLimitAndProtect(t *testing.T) {
	l := newLimiter(1, 3)
	allowed := 0
	for i := 0; i < 10; i++ {
		if l.allow("10.0.0.1:5000") {
			allowed++
		}
	}
	if allowed != 3 {
		t.Errorf("burst of 3: %d of 10 allowed", allowed)
	}
	if !l.allow("10.0.0.2:5000") {
		t.Error("another client must have its own bucket")
	}

	tokens, err := hashTokens([]string{"rahasia"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	a := &API{tokens: tokens, limit: newLimiter(100, 100)}
	h := a.Protect(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) }))
	for tok, want := range map[string]int{"": http.StatusUnauthorized, "salah": http.StatusUnauthorized, "rahasia": http.StatusNoContent} {
		r := httptest.NewRequest(http.MethodGet, "/briefs/", nil)
		if tok != "" {
			r.Header.Set("Authorization", "Bearer "+tok)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != want {
			t.Errorf("token %q: status %d, want %d", tok, w.Code, want)
		}
	}
	a.limit = newLimiter(0.001, 1)
	codes := map[int]int{}
	for i := 0; i < 3; i++ {
		r := httptest.NewRequest(http.MethodGet, "/briefs/", nil)
		r.Header.Set("Authorization", "Bearer rahasia")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		codes[w.Code]++
	}
	if codes[http.StatusTooManyRequests] != 2 {
		t.Errorf("rate limit: %v, want two 429s", codes)
	}
}
