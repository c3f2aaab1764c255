# Pantau — build, run and test. `make run` and `make test` install what is
# missing (Go modules, the embedded ClickHouse engine, test tools) first.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c

GO            ?= go
CHDB_VERSION  := 26.5.3
CHDB_PACKAGE  := @chdb/lib-linux-x64-gnu@$(CHDB_VERSION)
CACHE_HOME    := $(or $(XDG_CACHE_HOME),$(HOME)/.cache)
CHDB_DIR      := $(CACHE_HOME)/pantau/chdb/$(CHDB_VERSION)
CHDB_LIB      := $(CHDB_DIR)/libchdb.so
VERSION       ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
MODULES       := . ./proto ./pipeline ./collectors ./analytics ./dashboards
PKGS          := ./... ./proto/... ./pipeline/... ./collectors/... ./analytics/... ./dashboards/...
TOOLS         := $(CURDIR)/.tools
PROTOC_GEN_GO := google.golang.org/protobuf/cmd/protoc-gen-go@v1.36.11
TEST_FLAGS    ?= -timeout 15m
FUZZTIME      ?= 1m
RUN_FLAGS     ?=

export PANTAU_CHDB_LIB ?= $(CHDB_LIB)

.PHONY: all build run test vet deps libchdb test-tools proto models docs fuzz fuzz-short bench soak vulncheck clean

all: build

## deps: download the Go modules of every module in the workspace
deps:
	@for m in $(MODULES); do (cd $$m && $(GO) mod download); done

## libchdb: install the embedded ClickHouse engine (chDB) from npm into the cache
libchdb: $(CHDB_LIB)

$(CHDB_LIB):
	@echo "installing the embedded ClickHouse engine $(CHDB_PACKAGE) into $(CHDB_DIR)"
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  (cd "$$tmp" && npm pack --silent $(CHDB_PACKAGE) >/dev/null) && \
	  tar -xzf "$$tmp"/chdb-lib-linux-x64-gnu-$(CHDB_VERSION).tgz -C "$$tmp" package/libchdb.so && \
	  mkdir -p $(CHDB_DIR) && mv "$$tmp"/package/libchdb.so $(CHDB_LIB).tmp && mv $(CHDB_LIB).tmp $(CHDB_LIB)
	@ls -l $(CHDB_LIB)

## build: the pantau binary at bin/pantau
build: deps
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o bin/pantau ./cmd/pantau

## run: everything in one process (embedded NATS and ClickHouse under ./data)
run: build libchdb
	./bin/pantau run $(RUN_FLAGS)

## test-tools: tools some tests need: promtool (Debian's prometheus) and headless Chromium (brief PDF and phone layout)
test-tools:
	@missing=""; \
	command -v promtool >/dev/null || missing="$$missing prometheus"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing Debian packages:$$missing"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing) >/dev/null; \
	  else echo "missing test tools (install the Debian packages):$$missing"; fi; \
	fi

## vet: go vet on every module
vet: deps
	$(GO) vet $(PKGS)

## test: vet and test every module against the real embedded NATS and ClickHouse, then a short
## fuzz run and govulncheck
test: deps libchdb test-tools vet
	$(GO) test $(TEST_FLAGS) $(PKGS)
	@$(MAKE) --no-print-directory fuzz-short
	@$(MAKE) --no-print-directory vulncheck

## fuzz: every fuzz target for FUZZTIME (make fuzz FUZZTIME=10m for a long run)
## fuzz-short (in make test) runs a count of inputs, not a time: Go 1.26's fuzz coordinator can
## report "context deadline exceeded" at the end of a timed run on a loaded machine
## (go.dev/issue/75804, fixed in Go 1.27); a count has no deadline to race. Targets in FUZZ_SLOW
## query the real engine per input and get FUZZTIME_SLOW.
FUZZ_SLOW     := FuzzQueryParameters
fuzz-short: FUZZTIME = 3000x
fuzz-short: FUZZTIME_SLOW = 60x
fuzz-short fuzz:
	@grep -rl --include='*_test.go' '^func Fuzz' . | sort | while read f; do \
	  dir=./$$(dirname "$${f#./}"); \
	  for t in $$(grep -o '^func Fuzz[A-Za-z0-9_]*' "$$f" | sed 's/^func //'); do \
	    ft=$(FUZZTIME); case " $(FUZZ_SLOW) " in *" $$t "*) ft=$(or $(FUZZTIME_SLOW),$(FUZZTIME));; esac; \
	    echo "fuzz $$dir $$t ($$ft)"; \
	    $(GO) test -run '^$$' -fuzz "^$$t\$$" -fuzztime $$ft $$dir >/tmp/pantau-fuzz.log 2>&1 || { cat /tmp/pantau-fuzz.log; exit 1; }; \
	  done; \
	done

## proto: regenerate the Go code of proto/ with pinned tools (protoc from Debian)
proto:
	@command -v protoc >/dev/null || (apt-get update -qq && apt-get install -y -qq protobuf-compiler)
	GOBIN=$(TOOLS) $(GO) install $(PROTOC_GEN_GO)
	PATH=$(TOOLS):$$PATH protoc -I proto --go_out=proto --go_opt=paths=source_relative proto/pantau/v1/*.proto

## models: retrain the NLP models deterministically from the repository's data
models:
	$(GO) run ./cmd/pantau train sentiment
	$(GO) run ./cmd/pantau train ner

## docs: regenerate docs/config.md from the code
docs:
	$(GO) run ./cmd/pantau config reference > docs/config.md

## bench: the ingest → stored benchmark and the component benchmarks
bench: libchdb
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 1x ./internal/e2e/

## vulncheck: govulncheck (pinned) over every module against VULNDB (default https://vuln.go.dev;
## a mirror or file:// copy works too). An unreachable network database is reported as SKIPPED,
## not passed; PANTAU_REQUIRE_VULNCHECK=1 makes that fail. See scripts/vulncheck.sh.
vulncheck:
	@GO=$(GO) scripts/vulncheck.sh

## soak: the load test (500 docs/s for 10 minutes) and 20 kill -9 rounds, outside make test
soak: libchdb
	PANTAU_TEST_SOAK=1 $(GO) test -run 'TestSoak' -timeout 40m -v ./internal/e2e/ | grep -E 'soak:|PASS|FAIL|ok'
	PANTAU_TEST_KILL_ROUNDS=20 $(GO) test -run 'TestKillAndRestart' -timeout 30m -v ./internal/e2e/ | grep -E 'round|PASS|FAIL|ok'

clean:
	rm -rf bin
