package dashboards

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// fakeGrafana is an httptest stand-in for the few Grafana HTTP API endpoints
// Push uses. A fake is the only option here: no Grafana server can run in
// this environment. It keeps state (folders, dashboards, rules) so that a
// second push meets existing objects, and it answers like Grafana does for
// them (409 for an existing folder, 500 "conflicting alert rule" for an
// existing rule uid).
type fakeGrafana struct {
	mu         sync.Mutex
	calls      []string
	auth       []string
	folders    map[string]string // uid → title
	dashboards map[string]map[string]any
	rules      map[string]map[string]any
	groups     map[string]float64 // folder/group → interval
}

func newFakeGrafana() *fakeGrafana {
	return &fakeGrafana{folders: map[string]string{}, dashboards: map[string]map[string]any{},
		rules: map[string]map[string]any{}, groups: map[string]float64{}}
}

func (f *fakeGrafana) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, r.Method+" "+r.URL.Path)
	f.auth = append(f.auth, r.Header.Get("Authorization"))
	var body map[string]any
	if b, _ := io.ReadAll(r.Body); len(b) > 0 {
		if err := json.Unmarshal(b, &body); err != nil {
			http.Error(w, `{"message":"bad json"}`, http.StatusBadRequest)
			return
		}
	}
	reply := func(code int, v any) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_ = json.NewEncoder(w).Encode(v)
	}
	path := r.URL.Path
	switch {
	case r.Method == "GET" && path == "/api/health":
		reply(200, map[string]any{"database": "ok", "version": "11.6.0"})
	case r.Method == "POST" && path == "/api/folders":
		uid, _ := body["uid"].(string)
		if _, ok := f.folders[uid]; ok {
			reply(409, map[string]any{"message": "a folder with the same name already exists"})
			return
		}
		f.folders[uid] = body["title"].(string)
		reply(200, map[string]any{"uid": uid, "title": body["title"]})
	case r.Method == "GET" && strings.HasPrefix(path, "/api/folders/"):
		uid := strings.TrimPrefix(path, "/api/folders/")
		if t, ok := f.folders[uid]; ok {
			reply(200, map[string]any{"uid": uid, "title": t})
			return
		}
		reply(404, map[string]any{"message": "folder not found"})
	case r.Method == "POST" && path == "/api/dashboards/db":
		d := body["dashboard"].(map[string]any)
		if body["overwrite"] != true && f.dashboards[d["uid"].(string)] != nil {
			reply(412, map[string]any{"message": "version-mismatch"})
			return
		}
		f.dashboards[d["uid"].(string)] = body
		reply(200, map[string]any{"id": 1, "uid": d["uid"], "status": "success", "url": "/d/" + d["uid"].(string), "version": 1})
	case r.Method == "POST" && path == "/api/v1/provisioning/alert-rules":
		uid := body["uid"].(string)
		if _, ok := f.rules[uid]; ok {
			reply(500, map[string]any{"message": "failed to update rule group: conflicting alert rule found"})
			return
		}
		f.rules[uid] = body
		reply(201, body)
	case r.Method == "PUT" && strings.HasPrefix(path, "/api/v1/provisioning/alert-rules/"):
		uid := strings.TrimPrefix(path, "/api/v1/provisioning/alert-rules/")
		if _, ok := f.rules[uid]; !ok {
			reply(404, map[string]any{"message": "rule not found"})
			return
		}
		f.rules[uid] = body
		reply(200, body)
	case r.Method == "PUT" && strings.HasPrefix(path, "/api/v1/provisioning/folder/"):
		f.groups[strings.TrimPrefix(path, "/api/v1/provisioning/folder/")] = body["interval"].(float64)
		reply(200, body)
	default:
		reply(404, map[string]any{"message": "not found: " + r.Method + " " + path})
	}
}

func TestPushIsIdempotent(t *testing.T) {
	fake := newFakeGrafana()
	srv := httptest.NewServer(fake)
	defer srv.Close()
	p, _ := render(t)
	opts := PushOptions{URL: srv.URL, Token: "glsa_test"}

	first, err := p.Push(context.Background(), opts)
	if err != nil {
		t.Fatalf("first push: %v", err)
	}
	if !first.FolderCreated || first.FolderUID != FolderUID {
		t.Errorf("first push folder = %q created=%v, want %q created", first.FolderUID, first.FolderCreated, FolderUID)
	}
	nRules := 0
	for _, g := range p.Rules.Groups {
		nRules += len(g.Rules)
	}
	if len(first.RulesCreated) != nRules || len(first.RulesUpdated) != 0 {
		t.Errorf("first push created %d and updated %d rules, want %d created", len(first.RulesCreated), len(first.RulesUpdated), nRules)
	}
	if len(first.Dashboards) != len(p.Dashboards) || len(fake.dashboards) != len(p.Dashboards) {
		t.Errorf("dashboards saved: report %v, server has %d", first.Dashboards, len(fake.dashboards))
	}

	second, err := p.Push(context.Background(), opts)
	if err != nil {
		t.Fatalf("second push: %v", err)
	}
	if second.FolderCreated || second.FolderUID != FolderUID {
		t.Errorf("second push folder = %q created=%v, want the existing %q", second.FolderUID, second.FolderCreated, FolderUID)
	}
	if len(second.RulesUpdated) != nRules || len(second.RulesCreated) != 0 {
		t.Errorf("second push created %d and updated %d rules, want %d updated", len(second.RulesCreated), len(second.RulesUpdated), nRules)
	}
	if len(fake.rules) != nRules {
		t.Errorf("server holds %d rules after two pushes, want %d", len(fake.rules), nRules)
	}

	for _, a := range fake.auth {
		if a != "Bearer glsa_test" {
			t.Fatalf("request sent Authorization %q, want the token", a)
		}
	}
	spikeRule := fake.rules["pantau-lonjakan-negatif-isu"]
	if spikeRule == nil {
		t.Fatal("per-issue spike rule was not pushed")
	}
	if spikeRule["folderUID"] != FolderUID || spikeRule["ruleGroup"] != GroupSentimen {
		t.Errorf("spike rule placed in %v/%v", spikeRule["folderUID"], spikeRule["ruleGroup"])
	}
	ann := spikeRule["annotations"].(map[string]any)
	if ann["__dashboardUid__"] != UIDIkhtisar || ann["__panelId__"] == "" {
		t.Errorf("spike rule is not linked to its panel: %v", ann)
	}
	data := spikeRule["data"].([]any)
	model := data[0].(map[string]any)["model"].(map[string]any)
	if !strings.Contains(model["rawSql"].(string), "$__toTime") {
		t.Error("spike rule SQL lost its Grafana macros")
	}
	if got := fake.groups[FolderUID+"/rule-groups/"+GroupSentimen]; got != 300 {
		t.Errorf("sentimen group interval = %v s, want 300", got)
	}
	dash := fake.dashboards[UIDIkhtisar]
	if dash["folderUid"] != FolderUID || dash["overwrite"] != true {
		t.Errorf("dashboard saved with folder %v overwrite %v", dash["folderUid"], dash["overwrite"])
	}
}

func TestPushBasicAuthAndErrors(t *testing.T) {
	fake := newFakeGrafana()
	srv := httptest.NewServer(fake)
	defer srv.Close()
	p, _ := render(t)
	if _, err := p.Push(context.Background(), PushOptions{URL: srv.URL, User: "admin", Password: "rahasia"}); err != nil {
		t.Fatalf("push with basic auth: %v", err)
	}
	if !strings.HasPrefix(fake.auth[0], "Basic ") {
		t.Errorf("Authorization %q, want basic auth", fake.auth[0])
	}
	if _, err := p.Push(context.Background(), PushOptions{URL: srv.URL}); !errors.Is(err, ErrNoCredentials) {
		t.Errorf("push without credentials: %v, want ErrNoCredentials", err)
	}
	if _, err := p.Push(context.Background(), PushOptions{URL: "grafana:3000", Token: "x"}); err == nil || !strings.Contains(err.Error(), "grafana url") {
		t.Errorf("push with a bad URL: %v", err)
	}
	down := httptest.NewServer(http.NotFoundHandler())
	down.Close()
	if _, err := p.Push(context.Background(), PushOptions{URL: down.URL, Token: "x"}); err == nil || !strings.Contains(err.Error(), "not reachable") {
		t.Errorf("push to a closed server: %v", err)
	}
}
