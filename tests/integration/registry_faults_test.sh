#!/usr/bin/env bash
# A registry that misbehaves: 5xx and 429 answers are retried (Retry-After honoured), a pull whose
# connection drops mid-blob resumes with Range, a push that fails (or whose registry is killed)
# halfway is run again and sends only what is missing, and every failure names the registry,
# the repository, the object and the HTTP status.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/registry_lib.sh"
need_builds
need skopeo
need jq
need docker-registry

registry_start plain
export SOURCE_DATE_EPOCH=1700000000
ctx="$WORK/ctx"
mkdir -p "$ctx"
head -c 3000000 /dev/urandom >"$ctx/big.bin"
printf 'FROM scratch\nCOPY big.bin /big.bin\nCOPY Dockerfile /Dockerfile\n' >"$ctx/Dockerfile"
build_push() {  # NAME [registry]: build ctx for two platforms and push it to REG/NAME
  "$MANIFOLD" build --progress=plain --platform linux/amd64,linux/arm64 -t "${2:-$PROXY}/$1" --push "$ctx"
}

# --- 500s on uploads, then 429 with Retry-After on HEADs: retried, the push succeeds ------------
proxy_start --fail 'POST /v2/.*/blobs/uploads/:500:2' --throttle 'HEAD /v2/.*/blobs/.*:429:2:1'
start=$(date +%s.%N)
build_push retry:1 2>"$WORK/retry.log" || { cat "$WORK/retry.log"; fail "push through 500s and 429s"; }
elapsed=$(echo "$(date +%s.%N) - $start" | bc -l)
ok "push succeeds through injected 500s and 429s"
assert_eq "two 500s were injected" 2 "$(grep -c ' 500 injected' "$PROXY_LOG")"
assert_eq "two 429s were injected" 2 "$(grep -c ' 429 injected' "$PROXY_LOG")"
(( $(echo "$elapsed >= 1" | bc -l) )) || fail "Retry-After: 1 was not honoured (push took $elapsed s)"
ok "Retry-After was honoured"
assert_eq "the result is complete" 2 \
  "$(skopeo inspect --tls-verify=false --raw "docker://$REGISTRY/retry:1" | jq '.manifests | length')"
proxy_stop

# --- a failure that does not go away: a clear error, nothing tagged; the rerun sends no blob ---
proxy_start --fail 'PUT /v2/.*/manifests/.*:503:1000'
err=$(build_push half:1 2>&1 >/dev/null) && fail "push succeeded although manifests always fail"
assert_contains "the error names the registry and repository" "$PROXY/half" "$err"
assert_contains "the error names the status and the registry's code" "HTTP 503 UNAVAILABLE: injected fault" "$err"
assert_contains "the error names the manifest" "pushing manifest sha256:" "$err"
skopeo inspect --tls-verify=false --raw "docker://$REGISTRY/half:1" >/dev/null 2>&1 && fail "a tag exists after a failed push"
ok "no tag after a failed push"
proxy_stop
proxy_start
build_push half:1 2>"$WORK/rerun.log" || { cat "$WORK/rerun.log"; fail "rerun of the failed push"; }
assert_contains "the rerun sends no blob again" "0 blobs sent, 4 already there" "$(cat "$WORK/rerun.log")"
assert_eq "the rerun PUT no blob" 0 "$(grep -c '^PUT /v2/half/blobs' "$PROXY_LOG" || true)"
proxy_stop

# --- the registry is killed mid-push and restarted: the rerun completes ------------------------
# The first manifest PUT is held back 3 s (429, Retry-After: 3): by then every blob is in the
# registry; it is killed while the push waits.
proxy_start --throttle 'PUT /v2/.*/manifests/.*:429:1:3'
build_push killed:1 >"$WORK/killed.log" 2>&1 &
pusher=$!
for _ in $(seq 100); do grep -q ' 429 injected' "$PROXY_LOG" && break; sleep 0.05; done
kill -9 "$REGISTRY_PID"
wait "$pusher" && fail "the push survived its registry being killed"
assert_contains "the failure names the registry" "$PROXY/killed" "$(cat "$WORK/killed.log")"
REGISTRY_PORT=${REGISTRY##*:} "$MANIFOLD_SOURCE_DIR/tests/support/registry/start" plain "$REGISTRY_STATE" ||
  fail "registry restart"
source "$REGISTRY_STATE/env"
build_push killed:1 2>"$WORK/after-kill.log" || { cat "$WORK/after-kill.log"; fail "rerun after the restart"; }
assert_contains "after the restart the rerun sends no blob" " 0 blobs sent" "$(cat "$WORK/after-kill.log")"
assert_eq "the killed push's image is complete now" 2 \
  "$(skopeo inspect --tls-verify=false --raw "docker://$REGISTRY/killed:1" | jq '.manifests | length')"
proxy_stop

# --- a pull whose connection drops mid-blob resumes with Range ---------------------------------
big_layer=$(skopeo inspect --tls-verify=false --override-arch amd64 "docker://$REGISTRY/retry:1" | jq -r '.Layers[0]')
proxy_start --cut "GET /v2/retry/blobs/$big_layer:1000000:1"
mkdir -p "$WORK/from"
printf 'FROM %s/retry:1\nCOPY Dockerfile /again\n' "$PROXY" >"$WORK/from/Dockerfile"
# A fresh root: the blobs the pushes left in the store must come over the wire.
MANIFOLD_ROOT="$WORK/root-pull" "$MANIFOLD" build --progress=plain --platform linux/amd64 --output "type=local,dest=$WORK/from-out" "$WORK/from" \
  2>"$WORK/resume.log" || { cat "$WORK/resume.log"; fail "pull through a dropped connection"; }
assert_eq "one blob transfer was cut" 1 "$(grep -c 'cut-after-1000000' "$PROXY_LOG")"
assert_contains "the rest came with a Range request" "GET /v2/retry/blobs/$big_layer 206" "$(cat "$PROXY_LOG")"
cmp -s "$ctx/big.bin" "$WORK/from-out/big.bin" || fail "the resumed layer's file differs"
ok "the resumed layer is intact"
proxy_stop

# --- a tag that is not there ---------------------------------------------------------------------
expect_failure "a missing tag names registry, repository and tag" "$REGISTRY/retry:2: not found" \
  "$MANIFOLD" imagetools inspect "$REGISTRY/retry:2"
echo "$CHECKS checks passed"
