#!/usr/bin/env bash
# The README's first command: a local kube-apiserver + etcd, the Devcaster emulator with demo data,
# the CRD, the operator and examples/, with a live table of the Triggers; Ctrl-C stops it all.
# Builds what is missing first (control-plane binaries once, the jars when sources changed).
#   hack/sandbox.sh --help      all flags (ports, --once for CI, real cluster / real service)
# Local by default: KUBECONFIG and DEVCASTER_API_KEY in the environment are ignored; only
# --kubeconfig / --use-current-context and --real-devcaster pick real targets.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/sandbox/target/devcaster-sandbox.jar"
# The sandbox also prints how to try kubectl devcaster (plugin/bin): the plugin is built in the same Maven run.
# One clock for the whole run: the Java side continues it, so the times add up to what you waited.
DEVCASTER_SANDBOX_STARTED_MS="$(date +%s%3N)"
export DEVCASTER_SANDBOX_STARTED_MS

say() {
  local ms=$(( $(date +%s%3N) - DEVCASTER_SANDBOX_STARTED_MS ))
  printf '[%3d.%01ds] %s\n' $((ms / 1000)) $((ms % 1000 / 100)) "$*"
}
fail() { printf 'sandbox: %s\n  what to do: %s\n' "$1" "$2" >&2; exit 1; }

for arg in "$@"; do
  case "$arg" in -h|--help) help=1 ;; esac
done

command -v java >/dev/null || fail "java is not on PATH" "install a JDK 17 or newer (e.g. apt-get install openjdk-17-jdk) and run again"
java_major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')"
if [[ -n "$java_major" && "$java_major" -lt 17 ]]; then
  fail "java is version $java_major" "the operator needs JDK 17 or newer: install one and put it first on PATH (or set JAVA_HOME)"
fi

# A local cluster is started unless a flag picks a real one (KUBECONFIG alone never does; see --help).
local_cluster=1
for arg in "$@"; do
  case "$arg" in --kubeconfig|--kubeconfig=*|--use-current-context) local_cluster=0 ;; esac
done

if [[ -z "${help:-}" && "$local_cluster" == 1 ]]; then
  K8S_VERSION="${K8S_VERSION:-1.34.4}"
  BIN_DIR="${DEVCASTER_CACHE:-$HOME/.cache/devcaster-operator}/k8s/$K8S_VERSION-linux-$(go env GOARCH 2>/dev/null || echo amd64)"
  if [[ ! -x "$BIN_DIR/kube-apiserver" || ! -x "$BIN_DIR/etcd" || ! -x "$BIN_DIR/kubectl" ]]; then
    command -v go >/dev/null || fail "kube-apiserver and etcd are not built yet, and building them needs Go" \
      "install Go 1.24+ (apt-get install golang, or go.dev/dl) and run again; or use an existing cluster: hack/sandbox.sh --use-current-context"
    say "building kube-apiserver, etcd and kubectl $K8S_VERSION from Go modules (first run only, about 4 minutes; cached in $BIN_DIR)"
    K8S_VERSION="$K8S_VERSION" bash "$ROOT/hack/control-plane.sh" >/dev/null \
      || fail "building kube-apiserver and etcd failed (output above)" "check that Go can download modules (GOPROXY), then run hack/control-plane.sh again"
    say "kube-apiserver, etcd and kubectl built"
  fi
fi

# Build the jars when missing or older than any source they are built from.
stale=""
if [[ ! -f "$JAR" ]]; then
  stale="first run; longer while Maven downloads dependencies"
elif [[ -n "$(find "$ROOT/pom.xml" "$ROOT"/{emulator,operator,sandbox,plugin}/pom.xml "$ROOT"/{emulator,operator,sandbox,plugin}/src/main \
              -newer "$JAR" -type f -print -quit 2>/dev/null)" ]]; then
  stale="sources changed"
fi
if [[ -n "$stale" ]]; then
  command -v mvn >/dev/null || fail "mvn is not on PATH (needed to build the operator)" "install Maven 3.8+ (e.g. apt-get install maven) and run again"
  say "building the operator, the emulator, the sandbox and the plugin with Maven ($stale) ..."
  log="$(mktemp -t devcaster-sandbox-build.XXXXXX)"
  ( n=0; while sleep 1; do n=$((n + 1)); (( n % 15 )) || say "  still building ..."; done ) &
  ticker=$!
  trap 'kill "$ticker" 2>/dev/null || true' EXIT
  if ! ( cd "$ROOT" && mvn -B -q -pl sandbox,plugin -am package -DskipTests ) >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    fail "the Maven build failed (full output: $log)" "fix the error above, or run: mvn -B -pl sandbox,plugin -am package -DskipTests"
  fi
  kill "$ticker" 2>/dev/null || true
  trap - EXIT
  rm -f "$log"
  touch "$JAR"   # Maven leaves an up-to-date jar untouched; the next start must not build again
  say "built"
fi

# The table redraws in place on a terminal; lines are cut to its width so they never wrap.
if [[ -t 1 ]]; then
  export DEVCASTER_SANDBOX_TTY=1
  COLUMNS="$(tput cols 2>/dev/null || echo "${COLUMNS:-0}")"
  export COLUMNS
fi
exec java ${SANDBOX_JAVA_OPTS:-} -jar "$JAR" "$@"
