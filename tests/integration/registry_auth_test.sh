#!/usr/bin/env bash
# Registries that demand credentials: TLS with a CA made for the test + htpasswd Basic auth, and
# token auth with a token service that signs JWTs the registry verifies. login/logout write
# docker's config.json; pushes and pulls go through; refusals are clear; secrets stay out of
# every message.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/registry_lib.sh"
need_builds
need skopeo
need jq
need docker-registry
need htpasswd
need openssl

export DOCKER_CONFIG="$WORK/docker-config"
ctx="$MANIFOLD_SOURCE_DIR/examples/hello"
all_output="$WORK/all-output.log"
run() { "$@" 2>&1 | tee -a "$all_output"; return "${PIPESTATUS[0]}"; }

for mode in tls token; do
  registry_start "$mode"
  R=$REGISTRY
  if [[ $mode == tls ]]; then
    # The registry's CA, where docker and manifold look for it.
    mkdir -p "$MANIFOLD_ROOT/certs.d/$R"
    cp "$REGISTRY_CA" "$MANIFOLD_ROOT/certs.d/$R/ca.crt"
  fi

  out=$(run "$MANIFOLD" build --progress=plain -t "$R/app:1" --push "$ctx" 2>&1) && fail "$mode: anonymous push succeeded"
  [[ $mode == tls ]] && assert_contains "$mode: anonymous push says to log in" "run manifold login $R" "$out"
  [[ $mode == token ]] && assert_contains "$mode: anonymous push is refused by the token service" "refused anonymous access" "$out"

  out=$(echo "wrong-password" | run "$MANIFOLD" login "$R" -u "$REGISTRY_USER" --password-stdin 2>&1) &&
    fail "$mode: login with a wrong password succeeded"
  assert_contains "$mode: a wrong password is refused, naming the registry" "$R" "$out"
  [[ ! -e "$DOCKER_CONFIG/config.json" ]] || [[ $(jq -r --arg r "$R" '.auths[$r] // empty' "$DOCKER_CONFIG/config.json") == "" ]] ||
    fail "$mode: a refused login was stored"
  ok "$mode: a refused login stores nothing"

  out=$(echo "$REGISTRY_PASSWORD" | run "$MANIFOLD" login "$R" -u "$REGISTRY_USER" --password-stdin)
  assert_eq "$mode: login" "Login Succeeded" "$out"
  assert_eq "$mode: config.json holds base64(user:password)" "$REGISTRY_USER:$REGISTRY_PASSWORD" \
    "$(jq -r --arg r "$R" '.auths[$r].auth' "$DOCKER_CONFIG/config.json" | base64 -d)"
  assert_eq "$mode: config.json is private" 600 "$(stat -c %a "$DOCKER_CONFIG/config.json")"

  run "$MANIFOLD" build --progress=plain --platform linux/amd64,linux/arm64 -t "$R/app:1" --push "$ctx" >/dev/null ||
    fail "$mode: push after login"
  ok "$mode: push after login"
  creds="$REGISTRY_USER:$REGISTRY_PASSWORD"
  tls_flags=(--tls-verify=false)
  [[ $mode == tls ]] && tls_flags=(--cert-dir "$MANIFOLD_ROOT/certs.d/$R")
  assert_eq "$mode: skopeo reads the pushed index with the same credentials" 2 \
    "$(skopeo inspect "${tls_flags[@]}" --creds "$creds" --raw "docker://$R/app:1" | jq '.manifests | length')"

  mkdir -p "$WORK/ctx-$mode"
  printf 'FROM %s/app:1\nCOPY Dockerfile /built-on-top\n' "$R" >"$WORK/ctx-$mode/Dockerfile"
  run "$MANIFOLD" build --progress=plain --platform linux/arm64 -t "$R/derived:1" --push "$WORK/ctx-$mode" >/dev/null ||
    fail "$mode: build FROM a private image and push"
  ok "$mode: FROM a private image, pushed to another repository"
  if [[ $mode == token ]]; then
    assert_contains "$mode: the cross-repository mount asked for both scopes" \
      "repository:derived:pull,push repository:app:pull -> granted" "$(cat "$REGISTRY_STATE/token.log")"
  fi
  assert_contains "$mode: imagetools inspect with stored credentials" "Platform:  linux/arm64" \
    "$(run "$MANIFOLD" imagetools inspect "$R/app:1")"

  assert_eq "$mode: logout" "Removing login credentials for $R" "$(run "$MANIFOLD" logout "$R")"
  assert_eq "$mode: logout removed the entry" "" "$(jq -r --arg r "$R" '.auths[$r] // empty' "$DOCKER_CONFIG/config.json")"
  out=$(run "$MANIFOLD" imagetools inspect "$R/app:1" 2>&1) && fail "$mode: inspect after logout succeeded"
  ok "$mode: after logout the registry refuses again"
  secrets+=("$REGISTRY_PASSWORD")
done

# Other keys of config.json survive login and logout; a credential helper is used when named.
jq '. + {"proxies": {"default": {"httpProxy": "http://proxy.invalid:3128"}}}' "$DOCKER_CONFIG/config.json" >"$WORK/c.json"
mv "$WORK/c.json" "$DOCKER_CONFIG/config.json"
echo "$REGISTRY_PASSWORD" | "$MANIFOLD" login "$R" -u "$REGISTRY_USER" --password-stdin >/dev/null || fail "re-login"
assert_eq "login keeps other keys" "http://proxy.invalid:3128" "$(jq -r .proxies.default.httpProxy "$DOCKER_CONFIG/config.json")"

mkdir -p "$WORK/bin"
cat >"$WORK/bin/docker-credential-test" <<'HELPER'
#!/bin/sh
# A credential helper speaking docker's protocol, keeping one secret in a file.
store="$HELPER_STORE"
case "$1" in
  store) cat >"$store" ;;
  get) read -r server; [ -s "$store" ] && cat "$store" || { echo "credentials not found in native keychain"; exit 1; } ;;
  erase) [ -s "$store" ] && rm -f "$store" || { echo "credentials not found in native keychain"; exit 1; } ;;
esac
HELPER
chmod +x "$WORK/bin/docker-credential-test"
export HELPER_STORE="$WORK/helper-store" PATH="$WORK/bin:$PATH"
jq --arg r "$R" '. + {"credHelpers": {($r): "test"}}' "$DOCKER_CONFIG/config.json" >"$WORK/c.json"
mv "$WORK/c.json" "$DOCKER_CONFIG/config.json"
echo "$REGISTRY_PASSWORD" | "$MANIFOLD" login "$R" -u "$REGISTRY_USER" --password-stdin >/dev/null || fail "login through a helper"
assert_eq "the helper got the secret" "$REGISTRY_PASSWORD" "$(jq -r .Secret "$HELPER_STORE")"
assert_eq "config.json marks the host without the secret" "{}" "$(jq -c --arg r "$R" '.auths[$r]' "$DOCKER_CONFIG/config.json")"
assert_contains "a build pulls with the helper's credential" "Platform:  linux/amd64" \
  "$(run "$MANIFOLD" imagetools inspect "$R/app:1")"
"$MANIFOLD" logout "$R" >/dev/null
[[ ! -e "$HELPER_STORE" ]] || fail "logout did not erase through the helper"
ok "logout erases through the helper"

for s in "${secrets[@]}"; do
  ! grep -qF -- "$s" "$all_output" || fail "a password appeared in manifold's output"
done
ok "no password in any output of manifold"
echo "$CHECKS checks passed"
