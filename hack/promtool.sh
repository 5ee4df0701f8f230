#!/usr/bin/env bash
# Builds Prometheus' promtool from Go modules (no package ships it here and nothing else may be
# downloaded), for the tests of the chart's PrometheusRule (`promtool check rules`, `promtool test
# rules`). Cached outside the repo; rebuilt only when missing. Prints the binary's path on its last line.
set -euo pipefail

# Prometheus' Go module versions: v0.3XX.Y is Prometheus v3.XX.Y.
PROMETHEUS_MODULE_VERSION="${PROMETHEUS_MODULE_VERSION:-v0.316.0}"
CACHE_ROOT="${DEVCASTER_CACHE:-$HOME/.cache/devcaster-operator}"
BIN_DIR="$CACHE_ROOT/tools/promtool-$PROMETHEUS_MODULE_VERSION-linux-$(go env GOARCH 2>/dev/null || echo amd64)"
BIN="$BIN_DIR/promtool"

log() { printf '[promtool] %s\n' "$*" >&2; }

if [[ -x "$BIN" ]]; then
  log "cached: $BIN"
  echo "$BIN"
  exit 0
fi

command -v go >/dev/null || { log "Go is needed to build promtool (apt-get install golang or see go.dev)"; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$BIN_DIR"
start=$SECONDS
log "building promtool $PROMETHEUS_MODULE_VERSION from Go modules (once, a few minutes; cached in $BIN_DIR)"

cd "$work"
go mod init devcaster.dev/tools/promtool >/dev/null 2>&1
go get "github.com/prometheus/prometheus/cmd/promtool@$PROMETHEUS_MODULE_VERSION" >&2
# promtool --version names the Prometheus release (v0.3XX.Y -> 3.XX.Y).
release="$(echo "$PROMETHEUS_MODULE_VERSION" | sed -E 's/^v0\.3([0-9]{2})\.([0-9]+)$/3.\1.\2/; s/^3\.0([0-9])/3.\1/')"
CGO_ENABLED=0 go build -trimpath -tags netgo,builtinassets \
  -ldflags "-s -w -X github.com/prometheus/common/version.Version=$release -X github.com/prometheus/common/version.Branch=go-module -X github.com/prometheus/common/version.Revision=$PROMETHEUS_MODULE_VERSION" \
  -o "$BIN.tmp" github.com/prometheus/prometheus/cmd/promtool
mv "$BIN.tmp" "$BIN"
log "built after $((SECONDS - start))s: $("$BIN" --version 2>&1 | head -1)"
echo "$BIN"
