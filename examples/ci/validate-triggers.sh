#!/usr/bin/env bash
# Validates Trigger manifests against the live Devcaster schema before merge: a server-side dry
# run goes through the operator's admission webhook (invalid config, unknown trigger type or a type
# missing at the requested toolkit version are refused with every failing field path) and stores
# nothing. Needs kubectl with a kubeconfig (KUBECONFIG) of a cluster where the operator runs, e.g.
# staging, and rights to create Triggers in NAMESPACE (see rbac.yaml).
#
#   examples/ci/validate-triggers.sh NAMESPACE PATH...     # files or folders (a folder with a
#                                                          # kustomization.yaml is built with -k)
# Exit code 0 when every Trigger is admitted (warnings, e.g. an account not connected yet, are
# printed but pass), 1 when one is refused, 2 on wrong usage.
set -uo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 NAMESPACE PATH..." >&2
  exit 2
fi
namespace="$1"
shift

status=0
for path in "$@"; do
  if [[ -d "$path" && -f "$path/kustomization.yaml" ]]; then
    source=(-k "$path")
  else
    source=(-f "$path")
  fi
  echo "--- $path"
  if ! kubectl apply --dry-run=server -n "$namespace" "${source[@]}"; then
    status=1
  fi
done
if [[ $status -ne 0 ]]; then
  echo "Some Triggers were refused (see above): fix the field paths named there." >&2
fi
exit $status
