#!/usr/bin/env bash
# Builds the test control plane (kube-apiserver + etcd, plus kube-controller-manager for the
# namespace controller the chaos program needs) from Go modules, because no package ships them here
# and kube-api-test cannot download them offline. Cached outside the repo; rebuilt only when
# missing. Prints the directory that holds the binaries on its last line.
# The layout is kube-api-test's: <cache>/k8s/<version>-<os>-<arch>/{kube-apiserver,etcd,kubectl},
# with kube-controller-manager beside them.
set -euo pipefail

K8S_VERSION="${K8S_VERSION:-1.34.4}"
ETCD_VERSION="${ETCD_VERSION:-3.6.5}"
CACHE_ROOT="${DEVCASTER_CACHE:-$HOME/.cache/devcaster-operator}"
BIN_DIR="$CACHE_ROOT/k8s/$K8S_VERSION-linux-$(go env GOARCH 2>/dev/null || echo amd64)"

log() { printf '[control-plane] %s\n' "$*" >&2; }

BINARIES=(kube-apiserver etcd kubectl kube-controller-manager)

all_cached() {
  local b
  for b in "${BINARIES[@]}"; do
    [[ -x "$BIN_DIR/$b" ]] || return 1
  done
}

if all_cached; then
  log "cached: $BIN_DIR"
  echo "$BIN_DIR"
  exit 0
fi

command -v go >/dev/null || { log "Go is needed to build kube-apiserver and etcd (apt-get install golang or see go.dev)"; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$BIN_DIR"
start=$SECONDS

# One Go module that requires k8s.io/kubernetes, for every binary built from it.
kube_module() {
  local mod="$work/kube"
  if [[ -f "$mod/go.mod" ]]; then
    cd "$mod"
    return
  fi
  mkdir -p "$mod" && cd "$mod"
  go mod init devcaster.dev/control-plane/kube >/dev/null 2>&1
  # k8s.io/kubernetes points its staging modules at ./staging; replace each with its published twin.
  local gomod
  gomod="$(go mod download -json "k8s.io/kubernetes@v$K8S_VERSION" | sed -n 's/.*"GoMod": "\(.*\)",/\1/p')"
  local staging_version="v0.${K8S_VERSION#1.}"
  grep -oE '^\s*k8s\.io/[a-z0-9-]+ => \./staging' "$gomod" | awk '{print $1}' | sort -u | while read -r m; do
    go mod edit -replace "$m=$m@$staging_version"
  done
  go mod edit -require "k8s.io/kubernetes@v$K8S_VERSION"
}

# Builds k8s.io/kubernetes/cmd/<name> into the cache; written beside it first and moved into place,
# so a concurrent reader never sees half a binary.
build_kube_cmd() {
  local name="$1"
  kube_module
  go get "k8s.io/kubernetes/cmd/$name@v$K8S_VERSION" >&2
  local major="${K8S_VERSION%%.*}" minor
  minor="$(echo "$K8S_VERSION" | cut -d. -f2)"
  local ldflags="-s -w -X k8s.io/component-base/version.gitVersion=v$K8S_VERSION -X k8s.io/component-base/version.gitMajor=$major -X k8s.io/component-base/version.gitMinor=$minor -X k8s.io/component-base/version.gitTreeState=clean"
  CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$BIN_DIR/.$name.partial" "k8s.io/kubernetes/cmd/$name"
  mv -f "$BIN_DIR/.$name.partial" "$BIN_DIR/$name"
}

build_etcd() {
  local mod="$work/etcd"
  mkdir -p "$mod" && cd "$mod"
  go mod init devcaster.dev/control-plane/etcd >/dev/null 2>&1
  go get "go.etcd.io/etcd/server/v3@v$ETCD_VERSION" >&2
  CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$BIN_DIR/etcd" go.etcd.io/etcd/server/v3
}

if [[ ! -x "$BIN_DIR/etcd" ]]; then
  log "building etcd v$ETCD_VERSION (once; cached in $BIN_DIR)"
  build_etcd
  log "etcd built after $((SECONDS - start))s"
fi
# kube-api-test insists on a kubectl beside the server; people use it against the sandbox too.
# kube-controller-manager runs only the namespace and garbage collector controllers, for the chaos
# program (a bare kube-apiserver leaves deleted namespaces Terminating forever).
for name in kube-apiserver kubectl kube-controller-manager; do
  if [[ ! -x "$BIN_DIR/$name" ]]; then
    log "building $name v$K8S_VERSION from Go modules (once, minutes; cached in $BIN_DIR)"
    build_kube_cmd "$name"
    log "$name built after $((SECONDS - start))s"
  fi
done
echo "$BIN_DIR"
