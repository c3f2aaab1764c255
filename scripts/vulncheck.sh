#!/usr/bin/env bash
# vulncheck: govulncheck (pinned, fetched from the Go module proxy) over every
# module of the workspace, against the Go vulnerability database.
#
#   VULNDB                     database URL: https://vuln.go.dev (default), a mirror,
#                              or file:///path for an offline copy in the v1 layout
#   VULNCHECK_MODULES          module directories (default: every module of go.work)
#   VULNCHECK_PKGS             package patterns inside each module (default: ./...)
#   PANTAU_REQUIRE_VULNCHECK=1 an unreachable database fails the run instead of
#                              being reported and skipped
#
# Exit status: 0 clean (or database unreachable and not required), 1 otherwise.
set -uo pipefail

GOVULNCHECK=golang.org/x/vuln/cmd/govulncheck@v1.9.0
VULNDB=${VULNDB:-https://vuln.go.dev}
MODULES=${VULNCHECK_MODULES:-. ./proto ./pipeline ./collectors ./analytics ./dashboards}
PKGS=${VULNCHECK_PKGS:-./...}
REQUIRE=${PANTAU_REQUIRE_VULNCHECK:-0}
GO=${GO:-go}
root=$(cd "$(dirname "$0")/.." && pwd)

# A network database that cannot be reached is reported and skipped (not passed)
# unless PANTAU_REQUIRE_VULNCHECK=1; a file:// copy must exist and be valid.
# Behind an HTTP proxy the direct probe means nothing, so govulncheck decides.
if [[ $VULNDB =~ ^(https?)://([^/:]+)(:([0-9]+))? ]] && [ -z "${HTTPS_PROXY:-}${https_proxy:-}" ]; then
	host=${BASH_REMATCH[2]}
	port=${BASH_REMATCH[4]:-$([ "${BASH_REMATCH[1]}" = https ] && echo 443 || echo 80)}
	if ! timeout 10 bash -c "exec 3<>/dev/tcp/$host/$port" 2>/dev/null; then
		msg="vulncheck: the vulnerability database $VULNDB cannot be reached from this machine ($host:$port)"
		if [ "$REQUIRE" = 1 ]; then
			echo "$msg; PANTAU_REQUIRE_VULNCHECK=1, so this fails. Set VULNDB to a reachable mirror or a file:// copy." >&2
			exit 1
		fi
		echo "$msg: SKIPPED (not a pass). Run 'make vulncheck' where it is reachable, or set VULNDB to a mirror or file:// copy."
		exit 0
	fi
fi

# Installed, not "go run": go run turns govulncheck's exit status 3 into 1.
tools="$root/.tools"
GOBIN="$tools" $GO install "$GOVULNCHECK" || { echo "vulncheck: cannot install $GOVULNCHECK from the module proxy" >&2; exit 1; }

for m in $MODULES; do
	echo "govulncheck $m (database $VULNDB)"
	# shellcheck disable=SC2086 # PKGS is a list of patterns
	out=$(cd "$root/$m" && "$tools/govulncheck" -db "$VULNDB" $PKGS 2>&1)
	rc=$?
	case $rc in
	0)
		echo "  clean: no known vulnerability reaches the code of $m"
		;;
	3)
		echo "$out"
		echo "vulncheck: FAILED: module $m calls vulnerable code (listed above); upgrade the named modules or Go" >&2
		exit 1
		;;
	*)
		echo "$out"
		echo "vulncheck: govulncheck failed on module $m (exit $rc, output above)" >&2
		exit 1
		;;
	esac
done
echo "vulncheck: clean"
