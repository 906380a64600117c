# Shared by hack/kubemark-up.sh and hack/kubemark-down.sh: input checks, template rendering and
# kubectl helpers. Source it after lib.sh; don't run it.
# shellcheck shell=bash

# shellcheck disable=SC2034 # constants of the scripts that source this file
KUBEMARK_TEMPLATES="$NETMARK_ROOT/node-image/kubemark"
KUBECTL="${KUBECTL:-kubectl}"
KM_SCRIPT="$(basename "$0" .sh)" # names the script in messages
# shellcheck disable=SC2034
DEFAULT_SHIM_PORT=10260
# shellcheck disable=SC2034
HOLLOW_LABEL=netmark.dev/node-kind=hollow
# The only variables a template may use; render refuses any other ${NAME}.
TEMPLATE_VARS=(NAMESPACE NODE_COUNT IMAGE SHIM_PORT SHIM_HEAP MAX_PODS SHIM_ARGS KUBELET_ARGS
  KUBE_PROXY_ARGS SKIP_KUBE_PROXY CNI_CONFIG_SOURCE CNI_CONFIG_READ_ONLY CNI_CONFIG_LATER
  CPU_REQUEST MEMORY_REQUEST PROXY_MEMORY_REQUEST NODE_LABELS KUBECONFIG_BASE64)
readonly LABEL_RE='^([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?=([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$'

# A `&` in a replacement must stay a `&` (bash 5.2 would insert the match).
shopt -u patsub_replacement 2>/dev/null || true

need_file() {
  [ -n "$2" ] || die "$KM_SCRIPT: $1 FILE is required"
  { [ -f "$2" ] && [ -r "$2" ]; } || die "$KM_SCRIPT: $1 $2: no such readable file"
}

check_count() {
  [[ "$2" =~ ^[1-9][0-9]{0,5}$ ]] || die "$KM_SCRIPT: $1 must be a positive integer, found '$2'"
}

check_port() {
  { [[ "$2" =~ ^[1-9][0-9]{0,4}$ ]] && [ "$2" -le 65535 ]; } ||
    die "$KM_SCRIPT: $1 must be a port number 1-65535, found '$2'"
}

check_namespace() {
  [[ "$1" =~ ^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$ ]] ||
    die "$KM_SCRIPT: --namespace must be a DNS label (a-z, 0-9, '-', at most 63), found '$1'"
}

check_labels() {
  local label list=()
  [ -n "$1" ] || return 0
  IFS=, read -ra list <<<"$1"
  for label in "${list[@]}"; do
    [[ "$label" =~ $LABEL_RE ]] || die "$KM_SCRIPT: --labels: '$label' is not a label key=value (from '$1')"
    [[ "$label" != netmark.dev/node-kind=* ]] ||
      die "$KM_SCRIPT: --labels: netmark.dev/node-kind is set by the kind (--netperf or --hollow)"
  done
}

check_quantity() {
  [[ "$2" =~ ^[0-9]+(\.[0-9]+)?(m|k|M|G|Ki|Mi|Gi)?$ ]] ||
    die "$KM_SCRIPT: $1 must be a Kubernetes quantity such as 100m or 400Mi, found '$2'"
}

# Flags go into a YAML string and are split on blanks by netmark-node-start: no quotes, no
# backslashes, no line breaks, no $ (a template must never see ${...} in a value).
check_words() {
  [[ "$2" =~ ^[-A-Za-z0-9_.,:=/@+%\ ]*$ ]] ||
    die "$KM_SCRIPT: $1 may hold only letters, digits, blanks and - _ . , : = / @ + %, found '$2'"
}

check_image() {
  [[ "$1" =~ ^[a-z0-9]([-a-zA-Z0-9._/:]*[a-zA-Z0-9_])?(@sha256:[a-f0-9]{64})?$ ]] ||
    die "$KM_SCRIPT: --image '$1' is not an image reference like registry.example/netmark-node:v1"
}

join_labels() {
  if [ -n "$2" ]; then echo "$1,$2"; else echo "$1"; fi
}

# render FILE: the template with each ${VAR} of TEMPLATE_VARS replaced by its value (no eval).
render() {
  local text name
  text="$(<"$1")"
  # shellcheck disable=SC2016 # a literal ${NAME} is what is searched for
  while read -r name; do
    [ -n "$name" ] || continue
    [[ " ${TEMPLATE_VARS[*]} " == *" $name "* ]] ||
      die "$KM_SCRIPT: $1 uses \${$name}, which is not one of: ${TEMPLATE_VARS[*]}"
  done < <(grep -o '\${[A-Za-z_][A-Za-z0-9_]*}' "$1" | sed 's/^\${\(.*\)}$/\1/' | sort -u)
  for name in "${TEMPLATE_VARS[@]}"; do
    text="${text//"\${$name}"/"${!name}"}"
  done
  printf '%s\n' "$text"
}

# cni_files DIR: the CNI configuration files of DIR, one per line; dies when there is none.
cni_files() {
  local f found=0
  [ -d "$1" ] || die "$KM_SCRIPT: --cni-config $1: not a directory"
  for f in "$1"/*.conf "$1"/*.conflist "$1"/*.json; do
    [ -f "$f" ] || continue
    [[ "$(basename "$f")" =~ ^[-._a-zA-Z0-9]+$ ]] ||
      die "$KM_SCRIPT: --cni-config: '$(basename "$f")' cannot be a ConfigMap key (use - _ . letters digits)"
    found=1
    echo "$f"
  done
  [ "$found" = 1 ] || die "$KM_SCRIPT: --cni-config $1: no *.conf, *.conflist or *.json file in it"
}

# cni_configmap DIR NAMESPACE: ConfigMap netmark-cni-config holding every CNI file of DIR.
cni_configmap() {
  local f line
  cat <<YAML
apiVersion: v1
kind: ConfigMap
metadata:
  name: netmark-cni-config
  namespace: $2
  labels:
    app.kubernetes.io/managed-by: netmark-kubemark-up
data:
YAML
  while read -r f; do
    echo "  $(basename "$f"): |"
    while IFS= read -r line || [ -n "$line" ]; do
      printf '    %s\n' "$line"
    done <"$f"
  done < <(cni_files "$1")
}

need_kubectl() {
  command -v "$KUBECTL" >/dev/null ||
    die "kubectl not found (KUBECTL=$KUBECTL): install kubectl matching your clusters' version, or use --dry-run to see the manifests"
}

# ready_nodes FN SELECTOR: names of the Ready nodes with SELECTOR, one per line, via kubectl FN.
ready_nodes() {
  "$1" get nodes -l "$2" \
    -o jsonpath='{range .items[*]}{.metadata.name}{" "}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' \
    2>/dev/null | awk '$2 == "True" { print $1 }'
}
