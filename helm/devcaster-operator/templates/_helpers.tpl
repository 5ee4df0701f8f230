{{/* Chart name, truncated to the 63 characters of a label value. */}}
{{- define "devcaster-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name of the release's objects. */}}
{{- define "devcaster-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "devcaster-operator.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "devcaster-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "devcaster-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "devcaster-operator.labels" -}}
helm.sh/chart: {{ include "devcaster-operator.chart" . }}
{{ include "devcaster-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: devcaster
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "devcaster-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "devcaster-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "devcaster-operator.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/* "true" or "false": explicit leaderElection.enabled, else on when more than one replica runs. */}}
{{- define "devcaster-operator.leaderElection" -}}
{{- if kindIs "bool" .Values.leaderElection.enabled }}
{{- .Values.leaderElection.enabled }}
{{- else }}
{{- gt (int .Values.replicaCount) 1 }}
{{- end }}
{{- end }}

{{- define "devcaster-operator.leaseName" -}}
{{- default (include "devcaster-operator.fullname" .) .Values.leaderElection.leaseName }}
{{- end }}

{{/* Secret holding the default API key: existingSecret, else the chart's own when apiKey is set, else none. */}}
{{- define "devcaster-operator.apiKeySecretName" -}}
{{- if .Values.devcaster.existingSecret }}
{{- .Values.devcaster.existingSecret }}
{{- else if .Values.devcaster.apiKey }}
{{- include "devcaster-operator.fullname" . }}
{{- end }}
{{- end }}

{{- define "devcaster-operator.apiKeySecretKey" -}}
{{- if .Values.devcaster.existingSecret }}
{{- .Values.devcaster.existingSecretKey }}
{{- else }}
{{- "apiKey" }}
{{- end }}
{{- end }}

{{/* DEFAULT_TOOLKIT_VERSIONS: github=20250909_00,slack=latest (sorted by toolkit). */}}
{{- define "devcaster-operator.toolkitVersions" -}}
{{- $pairs := list }}
{{- range $toolkit, $version := .Values.defaultToolkitVersions }}
{{- $pairs = append $pairs (printf "%s=%s" $toolkit $version) }}
{{- end }}
{{- join "," $pairs }}
{{- end }}

{{/* DEVCASTER_CA_BUNDLE: where the CA bundle is mounted, or "" without one. */}}
{{- define "devcaster-operator.caBundlePath" -}}
{{- if or .Values.devcaster.caBundle.configMap .Values.devcaster.caBundle.secret }}
{{- printf "/etc/devcaster/ca/%s" .Values.devcaster.caBundle.key }}
{{- end }}
{{- end }}

{{/* The environment variables the Deployment sets itself (extraEnv may not repeat them). */}}
{{- define "devcaster-operator.chartEnv" -}}
DEVCASTER_API_KEY DEFAULT_API_KEY_NAMESPACES DEVCASTER_BASE_URL WATCH_NAMESPACES SHARD_SELECTOR RESYNC_PERIOD DEFAULT_TOOLKIT_VERSIONS RECONCILE_CONCURRENCY DEVCASTER_RATE_LIMIT DEVCASTER_REQUEST_TIMEOUT TRIGGER_TYPE_CACHE_TTL RECHECK_PERIOD DEFAULT_DELETION_POLICY OPERATOR_NAMESPACE KEY_VAULT_SECRET LEADER_ELECTION LEADER_ELECTION_NAMESPACE LEADER_ELECTION_LEASE_NAME LOG_FORMAT LOG_LEVEL HTTP_PORT HTTP_BIND_ADDRESS DEVCASTER_PROXY DEVCASTER_CA_BUNDLE WEBHOOK_PORT WEBHOOK_TIMEOUT WEBHOOK_FAILURE_POLICY WEBHOOK_CONFIGURATION WEBHOOK_CERT_SECRET WEBHOOK_CERT_VALIDITY WEBHOOK_HOSTS WEBHOOK_CERT_DIR POD_NAMESPACE POD_NAME JAVA_TOOL_OPTIONS
{{- end }}

{{/* Checks across values that values.schema.json cannot express well. */}}
{{- define "devcaster-operator.validate" -}}
{{- if and .Values.devcaster.apiKey .Values.devcaster.existingSecret }}
{{- fail "set devcaster.apiKey or devcaster.existingSecret, not both" }}
{{- end }}
{{- range .Values.extraEnv }}
{{- if has .name (include "devcaster-operator.chartEnv" $ | splitList " ") }}
{{- fail (printf "extraEnv: %s is set by the chart; use its value instead (see values.yaml)" .name) }}
{{- end }}
{{- end }}
{{- if and .Values.crds.managed (not (.Files.Get "crds/triggers.devcaster.dev.yaml")) }}
{{- fail "crds.managed: the chart has no crds/triggers.devcaster.dev.yaml" }}
{{- end }}
{{- if and .Values.devcaster.caBundle.configMap .Values.devcaster.caBundle.secret }}
{{- fail "set devcaster.caBundle.configMap or devcaster.caBundle.secret, not both" }}
{{- end }}
{{- if and (gt (int .Values.replicaCount) 1) (eq (include "devcaster-operator.leaderElection" .) "false") }}
{{- fail "replicaCount > 1 needs leader election: leave leaderElection.enabled unset (null) or set it to true" }}
{{- end }}
{{- end }}

{{/* Service names are DNS labels (63 characters): room for the suffix. */}}
{{- define "devcaster-operator.metricsServiceName" -}}
{{- printf "%s-metrics" (include "devcaster-operator.fullname" . | trunc 55 | trimSuffix "-") }}
{{- end }}

{{/* The Secret in the release namespace that keeps the API keys remote triggers were made with. */}}
{{- define "devcaster-operator.keyVaultSecret" -}}
{{- .Values.keyVault.secretName | default (printf "%s-keys" (include "devcaster-operator.fullname" . | trunc 58 | trimSuffix "-")) }}
{{- end }}

{{/* The admission webhook's Service (DNS label: room for the suffix). */}}
{{- define "devcaster-operator.webhookServiceName" -}}
{{- printf "%s-webhook" (include "devcaster-operator.fullname" . | trunc 55 | trimSuffix "-") }}
{{- end }}

{{/* The ValidatingWebhookConfiguration: cluster-scoped, so named after the release namespace too. */}}
{{- define "devcaster-operator.webhookConfigurationName" -}}
{{- $name := include "devcaster-operator.fullname" . }}
{{- if .Release.Namespace }}{{ printf "%s-%s" .Release.Namespace $name | trunc 253 | trimSuffix "-" }}{{ else }}{{ $name }}{{ end }}
{{- end }}

{{/* The Secret with the webhook's serving certificate (the operator's own, or cert-manager's). */}}
{{- define "devcaster-operator.webhookCertSecret" -}}
{{- printf "%s-webhook-tls" (include "devcaster-operator.fullname" . | trunc 51 | trimSuffix "-") }}
{{- end }}

{{/* WEBHOOK_HOSTS: the names the API server calls the webhook Service by. */}}
{{- define "devcaster-operator.webhookHosts" -}}
{{- $svc := include "devcaster-operator.webhookServiceName" . }}
{{- $ns := .Release.Namespace }}
{{- printf "%s.%s.svc,%s.%s.svc.cluster.local,%s.%s,%s" $svc $ns $svc $ns $svc $ns $svc }}
{{- end }}

{{/* "true" when the operator issues its own certificates and keeps the caBundle (webhook on, no cert-manager). */}}
{{- define "devcaster-operator.webhookSelfManaged" -}}
{{- and .Values.webhook.enabled (not .Values.webhook.certManager.enabled) }}
{{- end }}

{{/*
The webhook's objectSelector for shard.selector (SHARD_SELECTOR), so the API server asks only this
shard's webhook about its Triggers. The same grammar and meaning as the operator's ShardSelector
(key=value, key==value, key!=value, key in (a,b), key notin (a,b), key, !key; comma-separated):
!= and notin become NotIn, which also selects Triggers without the label, as the API server does.
*/}}
{{- define "devcaster-operator.shardObjectSelector" -}}
{{- $key := `(?:[a-z0-9](?:[-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?` }}
{{- $value := `(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?)?` }}
{{- $equality := printf `^(%s)\s*(==|=|!=)\s*(%s)$` $key $value }}
{{- $set := printf `^(%s)\s+(in|notin)\s*\(([^()]*[^()\s][^()]*)\)$` $key }}
{{- $presence := printf `^(!?)\s*(%s)$` $key }}
{{- $refused := printf "shard.selector: %q is not a label selector (e.g. devcaster.dev/shard=b)" .Values.shard.selector }}
{{- $selector := trim .Values.shard.selector }}
{{- /* Commas inside a set's parentheses separate values, not requirements. */}}
{{- range regexFindAll `\([^()]*\)` $selector -1 }}
{{- $selector = replace . (replace "," ";" .) $selector }}
{{- end }}
matchExpressions:
{{- range splitList "," $selector }}
{{- $term := trim . }}
{{- if regexMatch $equality $term }}
  - key: {{ regexReplaceAll $equality $term "${1}" | quote }}
    operator: {{ ternary "NotIn" "In" (eq (regexReplaceAll $equality $term "${2}") "!=") }}
    values: [{{ regexReplaceAll $equality $term "${3}" | quote }}]
{{- else if regexMatch $set $term }}
  - key: {{ regexReplaceAll $set $term "${1}" | quote }}
    operator: {{ ternary "In" "NotIn" (eq (regexReplaceAll $set $term "${2}") "in") }}
    values:
    {{- range splitList ";" (regexReplaceAll $set $term "${3}") }}
    {{- if not (regexMatch (printf `^%s$` $value) (trim .)) }}
    {{- fail $refused }}
    {{- end }}
      - {{ trim . | quote }}
    {{- end }}
{{- else if regexMatch $presence $term }}
  - key: {{ regexReplaceAll $presence $term "${2}" | quote }}
    operator: {{ ternary "DoesNotExist" "Exists" (hasPrefix "!" $term) }}
{{- else }}
{{- fail $refused }}
{{- end }}
{{- end }}
{{- end }}
