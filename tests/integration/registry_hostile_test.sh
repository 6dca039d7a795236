#!/usr/bin/env bash
# Registries that die or lie, end to end: a push whose registry restarts mid-upload completes in
# the same invocation; a killed pull's partial blob is cleaned by the next command while a live
# pull's survives and `manifold du` shows it; a registry's escape sequences never reach the
# terminal (imagetools inspect, error messages).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/registry_lib.sh"
need_builds
need skopeo
need docker-registry
need jq

HOSTILE_PIDS=()
hostile_cleanup() {
  local p
  for p in "${HOSTILE_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  registry_cleanup
}
trap hostile_cleanup EXIT
# hostile_start ARGS...: tests/support/registry/hostile_registry.py; sets H (host:port), H_LOG.
hostile_start() {
  local dir
  dir=$(mktemp -d "$WORK/hostile-XXXXXX")
  H_LOG=$dir/log
  /usr/bin/python3 "$MANIFOLD_SOURCE_DIR/tests/support/registry/hostile_registry.py" "$dir/port" "$H_LOG" "$@" \
    2>"$dir/stderr" &
  HOSTILE_PIDS+=($!)
  for _ in $(seq 100); do [[ -s "$dir/port" ]] && break; sleep 0.05; done
  [[ -s "$dir/port" ]] || fail "the hostile registry did not start: $(cat "$dir/stderr")"
  H=127.0.0.1:$(cat "$dir/port")
}
export SOURCE_DATE_EPOCH=1700000000

# --- the registry restarts while a blob upload is in flight: the same push completes ----------
# The blob's final PUT is held 2 s in the proxy; meanwhile the registry is killed and started
# again on its port (with a new secret: the upload session is gone, HTTP 404
# BLOB_UPLOAD_INVALID). manifold starts that blob's upload again and the push succeeds.
registry_start plain
ctx="$WORK/ctx"
mkdir -p "$ctx"
head -c 3000000 /dev/urandom >"$ctx/big.bin"
printf 'FROM scratch\nCOPY big.bin /big.bin\n' >"$ctx/Dockerfile"
proxy_start --delay 'PUT /v2/restart/blobs/uploads/.*:2:1'
"$MANIFOLD" build --progress=plain --platform linux/amd64 -t "$PROXY/restart:1" --push "$ctx" >"$WORK/restart.log" 2>&1 &
pusher=$!
for _ in $(seq 200); do grep -q ' delayed$' "$PROXY_LOG" && break; sleep 0.05; done
grep -q ' delayed$' "$PROXY_LOG" || { cat "$WORK/restart.log"; fail "no blob upload reached the proxy"; }
kill -9 "$REGISTRY_PID"
REGISTRY_PORT=${REGISTRY##*:} "$MANIFOLD_SOURCE_DIR/tests/support/registry/start" plain "$REGISTRY_STATE" ||
  fail "registry restart"
source "$REGISTRY_STATE/env"
wait "$pusher" || { cat "$WORK/restart.log"; fail "the push did not survive its registry restarting"; }
ok "the push survived the registry restarting mid-upload"
grep -q '^PUT /v2/restart/blobs/uploads/.* 404$' "$PROXY_LOG" || fail "no upload was refused: $(cat "$PROXY_LOG")"
ok "the held upload was refused by the restarted registry (HTTP 404)"
(( $(grep -c '^POST /v2/restart/blobs/uploads/' "$PROXY_LOG") >= 2 )) || fail "no new upload session: $(cat "$PROXY_LOG")"
ok "the upload started again from a fresh POST"
skopeo copy -q --src-tls-verify=false "docker://$REGISTRY/restart:1" "oci:$WORK/restart-copy:1" ||
  fail "skopeo cannot read the pushed image"
ok "skopeo reads the pushed image"
proxy_stop

# --- partial downloads: a live pull's survives other commands, a killed one's is cleaned -------
hostile_start --layer-size 50000000 --layer-body slow:200000
mkdir -p "$WORK/pull"
printf 'FROM %s/app:1\nCOPY Dockerfile /again\n' "$H" >"$WORK/pull/Dockerfile"
"$MANIFOLD" build --progress=plain --platform linux/amd64 --output "type=oci,dest=$WORK/pull.tar" "$WORK/pull" \
  >"$WORK/pull.log" 2>&1 &
puller=$!
ingest="$MANIFOLD_ROOT/content/ingest"
for _ in $(seq 200); do
  [[ -n "$(find "$ingest" -name '.tmp-*' -size +100k 2>/dev/null)" ]] && break
  sleep 0.05
done
partial=$(find "$ingest" -name '.tmp-*' -size +100k 2>/dev/null | head -1)
[[ -n "$partial" ]] || { cat "$WORK/pull.log"; fail "no partial download appeared in $ingest"; }
du_out=$("$MANIFOLD" du) || fail "manifold du during a pull"
assert_contains "manifold du shows the download under way" "Downloading:" "$du_out"
[[ -f "$partial" ]] || fail "manifold du removed a live pull's partial blob"
ok "a live pull's partial blob survives another manifold process"
kill -9 "$puller"
wait "$puller" 2>/dev/null || true
[[ -f "$partial" ]] || fail "the killed pull left nothing to clean (the test is wrong)"
"$MANIFOLD" du >/dev/null || fail "manifold du after the killed pull"
[[ -f "$partial" ]] && fail "the killed pull's partial blob ($(stat -c %s "$partial") bytes) is still in $ingest"
ok "the killed pull's partial blob is removed by the next command"

# --- a registry's escape sequences are shown, not acted on --------------------------------------
hostile_start --annotations ansi
out=$("$MANIFOLD" imagetools inspect "$H/app:1" 2>&1) || fail "imagetools inspect: $out"
[[ "$out" == *$'\e'* || "$out" == *$'\a'* ]] && fail "raw escape sequences in imagetools inspect: $(printf %q "$out")"
assert_contains "annotations are shown with visible escapes" 'x\x1b[2J\x1b]0;pwned\x07\x1b[31mred\u009bK' "$out"
json=$("$MANIFOLD" imagetools inspect --format '{{json .Manifest}}' "$H/app:1" 2>&1) || fail "inspect --format: $json"
[[ "$json" == *$'\e'* ]] && fail "raw escape sequences in imagetools inspect --format json"
echo "$json" | jq -e '.manifests[0].annotations | to_entries[0].value | startswith("x\u001b[2J")' >/dev/null ||
  fail "the JSON no longer says what the registry sent: $json"
ok "JSON output escapes them as JSON and stays valid"
hostile_start --errors ansi
err=$("$MANIFOLD" imagetools inspect "$H/app:missing" 2>&1) && fail "inspect of a missing tag succeeded"
[[ "$err" == *$'\e'* ]] && fail "raw escape sequences in an error: $(printf %q "$err")"
assert_contains "the registry's error text is shown with visible escapes" 'manifest unknown \x1b[2J' "$err"
