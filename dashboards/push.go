package dashboards

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/go-openapi/runtime"
	"github.com/go-openapi/strfmt"
	goapi "github.com/grafana/grafana-openapi-client-go/client"
	"github.com/grafana/grafana-openapi-client-go/client/dashboards"
	"github.com/grafana/grafana-openapi-client-go/client/folders"
	"github.com/grafana/grafana-openapi-client-go/client/health"
	"github.com/grafana/grafana-openapi-client-go/client/provisioning"
	"github.com/grafana/grafana-openapi-client-go/models"

	"github.com/biroadpim/pantau/dashboards/alerting"
)

// PushOptions say which Grafana to push to and how to authenticate.
type PushOptions struct {
	// URL is Grafana's base URL (http://host:3000 or https://host/grafana).
	URL string
	// Token is a service-account token; when empty, User and Password are
	// used for basic auth.
	Token          string
	User, Password string
	// HTTPClient is used for requests (default: 30 s timeout).
	HTTPClient *http.Client
	// Logger receives one line per object pushed (default: discard).
	Logger *slog.Logger
}

// PushReport lists what Push did.
type PushReport struct {
	// FolderUID is the uid of the folder holding dashboards and rules.
	FolderUID string
	// FolderCreated is false when the folder already existed.
	FolderCreated bool
	// Dashboards are the uids of the dashboards saved.
	Dashboards []string
	// RulesCreated and RulesUpdated are alert rule uids.
	RulesCreated, RulesUpdated []string
}

// ErrNoCredentials reports a push without a token or user and password.
var ErrNoCredentials = errors.New("no Grafana credentials: set GRAFANA_TOKEN, or GRAFANA_USER and GRAFANA_PASSWORD")

// Push creates or updates the Pantau folder, dashboards and alert rules on a
// running Grafana through its HTTP API. It is idempotent: an existing folder
// is reused, dashboards are saved with overwrite, and an alert rule that
// already exists is updated with PutAlertRule. Rules are pushed without
// provenance so they stay editable in the UI. Do not push to a Grafana that
// also file-provisions the same dashboards: it refuses to overwrite them.
func (p *Provisioning) Push(ctx context.Context, o PushOptions) (*PushReport, error) {
	api, err := newClient(o)
	if err != nil {
		return nil, err
	}
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if _, err := api.Health.GetHealthWithParams(health.NewGetHealthParamsWithContext(ctx)); err != nil {
		return nil, fmt.Errorf("grafana %s is not reachable: %w", o.URL, err)
	}
	rep := &PushReport{}
	if rep.FolderUID, rep.FolderCreated, err = ensureFolder(ctx, api); err != nil {
		return rep, err
	}
	log.Info("folder ready", "folder_uid", rep.FolderUID, "created", rep.FolderCreated)

	for _, d := range p.Dashboards {
		raw, err := json.Marshal(d)
		if err != nil {
			return rep, fmt.Errorf("encode dashboard %s: %w", d.UID, err)
		}
		var body map[string]any
		if err := json.Unmarshal(raw, &body); err != nil {
			return rep, fmt.Errorf("encode dashboard %s: %w", d.UID, err)
		}
		params := dashboards.NewPostDashboardParamsWithContext(ctx).WithBody(&models.SaveDashboardCommand{
			Dashboard: body, FolderUID: rep.FolderUID, Overwrite: true, Message: "pantau dashboards push",
		})
		if _, err := api.Dashboards.PostDashboardWithParams(params); err != nil {
			return rep, fmt.Errorf("save dashboard %s: %w", d.UID, err)
		}
		rep.Dashboards = append(rep.Dashboards, d.UID)
		log.Info("dashboard saved", "uid", d.UID)
	}

	noProvenance := "true"
	for _, g := range p.Rules.Groups {
		var group []*models.ProvisionedAlertRule
		for _, r := range g.Rules {
			body := apiRule(r, g, rep.FolderUID)
			group = append(group, body)
			post := provisioning.NewPostAlertRuleParamsWithContext(ctx).WithBody(body).WithXDisableProvenance(&noProvenance)
			_, postErr := api.Provisioning.PostAlertRule(post)
			if postErr == nil {
				rep.RulesCreated = append(rep.RulesCreated, r.UID)
				log.Info("alert rule created", "uid", r.UID)
				continue
			}
			if code := statusCode(postErr); code != http.StatusConflict && code != http.StatusInternalServerError && code != http.StatusBadRequest {
				return rep, fmt.Errorf("create alert rule %s: %w", r.UID, postErr)
			}
			put := provisioning.NewPutAlertRuleParamsWithContext(ctx).WithUID(r.UID).WithBody(body).WithXDisableProvenance(&noProvenance)
			if _, err := api.Provisioning.PutAlertRule(put); err != nil {
				return rep, fmt.Errorf("update alert rule %s (create failed: %v): %w", r.UID, postErr, err)
			}
			rep.RulesUpdated = append(rep.RulesUpdated, r.UID)
			log.Info("alert rule updated", "uid", r.UID)
		}
		// The group carries the evaluation interval.
		params := provisioning.NewPutAlertRuleGroupParamsWithContext(ctx).
			WithFolderUID(rep.FolderUID).WithGroup(g.Name).WithXDisableProvenance(&noProvenance).
			WithBody(&models.AlertRuleGroup{FolderUID: rep.FolderUID, Title: g.Name,
				Interval: int64(time.Duration(g.Interval) / time.Second), Rules: group})
		if _, err := api.Provisioning.PutAlertRuleGroup(params); err != nil {
			return rep, fmt.Errorf("set interval of rule group %s: %w", g.Name, err)
		}
	}
	return rep, nil
}

func newClient(o PushOptions) (*goapi.GrafanaHTTPAPI, error) {
	u, err := url.Parse(o.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("grafana url %q: want an absolute http(s) URL such as http://grafana:3000", o.URL)
	}
	cfg := &goapi.TransportConfig{
		Host: u.Host, BasePath: strings.TrimRight(u.Path, "/") + "/api", Schemes: []string{u.Scheme},
		Client: o.HTTPClient, NumRetries: 0,
	}
	if cfg.Client == nil {
		cfg.Client = &http.Client{Timeout: 30 * time.Second}
	}
	switch {
	case o.Token != "":
		cfg.APIKey = o.Token
	case o.User != "" && o.Password != "":
		cfg.BasicAuth = url.UserPassword(o.User, o.Password)
	default:
		return nil, ErrNoCredentials
	}
	return goapi.NewHTTPClientWithConfig(strfmt.Default, cfg), nil
}

// ensureFolder creates the Pantau folder or finds the existing one. Grafana
// answers 409 or 412 when the uid or title exists; a folder created by file
// provisioning has the same title and a random uid.
func ensureFolder(ctx context.Context, api *goapi.GrafanaHTTPAPI) (uid string, created bool, err error) {
	_, err = api.Folders.CreateFolderWithParams(folders.NewCreateFolderParamsWithContext(ctx).
		WithBody(&models.CreateFolderCommand{UID: FolderUID, Title: Folder}))
	if err == nil {
		return FolderUID, true, nil
	}
	if code := statusCode(err); code != http.StatusConflict && code != http.StatusPreconditionFailed {
		return "", false, fmt.Errorf("create folder %s: %w", Folder, err)
	}
	if _, gerr := api.Folders.GetFolderByUIDWithParams(folders.NewGetFolderByUIDParamsWithContext(ctx).WithFolderUID(FolderUID)); gerr == nil {
		return FolderUID, false, nil
	}
	list, lerr := api.Folders.GetFolders(folders.NewGetFoldersParamsWithContext(ctx))
	if lerr != nil {
		return "", false, fmt.Errorf("find existing folder %s: %w", Folder, lerr)
	}
	for _, f := range list.Payload {
		if f.Title == Folder {
			return f.UID, false, nil
		}
	}
	return "", false, fmt.Errorf("create folder %s: %w (and no folder with that title exists)", Folder, err)
}

// statusCode returns the HTTP status carried by an API client error, or 0.
func statusCode(err error) int {
	var coded interface{ Code() int }
	if errors.As(err, &coded) {
		return coded.Code()
	}
	var apiErr *runtime.APIError
	if errors.As(err, &apiErr) {
		return apiErr.Code
	}
	return 0
}

// apiRule converts a file-provisioning rule to the HTTP API model.
func apiRule(r alerting.Rule, g alerting.RuleGroup, folderUID string) *models.ProvisionedAlertRule {
	data := make([]*models.AlertQuery, 0, len(r.Data))
	for _, q := range r.Data {
		aq := &models.AlertQuery{RefID: q.RefID, DatasourceUID: q.DatasourceUID, QueryType: q.QueryType, Model: q.Model}
		if q.RelativeTimeRange != nil {
			aq.RelativeTimeRange = &models.RelativeTimeRange{From: models.Duration(q.RelativeTimeRange.From), To: models.Duration(q.RelativeTimeRange.To)}
		} else {
			aq.RelativeTimeRange = &models.RelativeTimeRange{}
		}
		data = append(data, aq)
	}
	ann := map[string]string{}
	for k, v := range r.Annotations {
		ann[k] = v
	}
	if r.DashboardUID != "" {
		ann["__dashboardUid__"] = r.DashboardUID
		ann["__panelId__"] = strconv.FormatInt(r.PanelID, 10)
	}
	forDur := strfmt.Duration(time.Duration(r.For))
	org := g.OrgID
	return &models.ProvisionedAlertRule{
		UID: r.UID, Title: &r.Title, Condition: &r.Condition, Data: data,
		FolderUID: &folderUID, RuleGroup: &g.Name, For: &forDur, OrgID: &org,
		NoDataState: &r.NoDataState, ExecErrState: &r.ExecErrState,
		Labels: r.Labels, Annotations: ann, IsPaused: r.IsPaused,
	}
}
