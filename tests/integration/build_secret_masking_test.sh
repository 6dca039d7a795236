#!/usr/bin/env bash
# Secret masking: a secret printed by a RUN step is "****" in every shape a user's secret takes
# (a trailing newline, several lines, base64, an env= variable, a line written in two pieces,
# a step that does not mount it), in the error tail of a failed step, and in the plain, tty and
# rawjson views.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/registry_lib.sh"
need_builds
need runc
need docker-registry
need openssl

registry_with_busybox  # sets R
ctx="$WORK/ctx"
mkdir -p "$ctx"

token="tok-$RANDOM$RANDOM-value"
echo "$token" >"$WORK/token"                       # the usual way: a trailing newline
openssl genpkey -algorithm ed25519 -out "$WORK/key.pem" 2>/dev/null || fail "openssl genpkey"
env_value="env-$RANDOM$RANDOM-value"

# Every string that must never be shown: the values, each line of the key, their base64.
forbidden=("$token" "$env_value" "$(base64 -w0 "$WORK/token")" "$(printf %s "$token" | base64 -w0)")
while IFS= read -r line; do [[ ${#line} -ge 4 ]] && forbidden+=("$line"); done <"$WORK/key.pem"
forbidden+=("$(base64 -w0 "$WORK/key.pem" | cut -c1-40)")
check_clean() {  # WHAT FILE
  local s
  for s in "${forbidden[@]}"; do
    grep -qF -- "$s" "$2" && fail "$1: [$s] is shown in clear: $(grep -F -- "$s" "$2" | head -3)"
  done
  ok "$1: no secret shape in clear"
}

cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $R/busybox:latest
RUN --mount=type=secret,id=token echo "newline: \$(cat /run/secrets/token)"; cat /run/secrets/token
RUN --mount=type=secret,id=key cat /run/secrets/key
RUN --mount=type=secret,id=token base64 /run/secrets/token; printf 'prefixed:%s' "\$(cat /run/secrets/token)" | base64
RUN --mount=type=secret,id=envtok,env=API_TOKEN echo "env: \$API_TOKEN"
RUN --mount=type=secret,id=token sh -c 'printf "split: %s" "\$(head -c 8 /run/secrets/token)"; sleep 0.3; printf "%s\n" "\$(tail -c +9 /run/secrets/token)"'
RUN --mount=type=secret,id=token --mount=type=cache,id=stash,target=/stash cp /run/secrets/token /stash/t
RUN --mount=type=cache,id=stash,target=/stash echo "unmounted: \$(cat /stash/t)"; rm /stash/t
DOCKERFILE
secrets=(--secret "id=token,src=$WORK/token" --secret "id=key,src=$WORK/key.pem" --secret id=envtok,env=ENV_SOURCE)
for mode in plain tty rawjson; do
  ENV_SOURCE="$env_value" "$MANIFOLD" build --no-cache --progress=$mode "${secrets[@]}" \
    --output "type=local,dest=$WORK/out-$mode" "$ctx" >"$WORK/$mode.log" 2>&1 || { cat "$WORK/$mode.log"; fail "build ($mode)"; }
  check_clean "--progress=$mode" "$WORK/$mode.log"
done
# The masking is not vacuous: the steps did print, and the mask is there in each place.
log=$(cat "$WORK/plain.log")
assert_contains "a value with a trailing newline is masked" "newline: ****" "$log"
assert_contains "an env= secret is masked" "env: ****" "$log"
assert_contains "a line written in two pieces is masked" "split: ****" "$log"
assert_contains "a secret printed by a step that does not mount it is masked" "unmounted: ****" "$log"
[[ $(grep -c '\*\*\*\*' "$WORK/plain.log") -ge 10 ]] || fail "fewer masks than printed secret shapes: $log"
ok "every printed shape became ****"

# The error tail of a failed step is masked too.
printf 'FROM %s/busybox:latest\nRUN --mount=type=secret,id=key sh -c "cat /run/secrets/key; exit 3"\n' "$R" >"$ctx/Dockerfile"
rc=0
ENV_SOURCE="$env_value" "$MANIFOLD" build --no-cache --progress=plain "${secrets[@]}" --output "type=local,dest=$WORK/fail" "$ctx" \
  >"$WORK/fail.log" 2>&1 || rc=$?
[[ $rc != 0 ]] || fail "the failing step did not fail the build"
assert_contains "the error names the exit code" "exit code: 3" "$(cat "$WORK/fail.log")"
check_clean "the failed step's error tail" "$WORK/fail.log"
echo "$CHECKS checks passed"
