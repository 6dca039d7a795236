#!/usr/bin/env bash
# docker/build-push-action v7.3.0, as published (../shared/peers, unmodified), run by the peers'
# run-action as a GitHub runner would, with manifold as `buildx` on PATH: first with no `docker`
# on PATH at all (the action's standalone mode), then through Debian's docker CLI with manifold
# installed as its buildx plugin and a real Docker Engine, whose next step is `docker run`.
# Every scenario asserts the action's exit status and outputs against what the registry, the
# archive, the Engine or the local output really hold.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/registry_lib.sh"
need_builds
need runc
need skopeo
need jq
need git
need docker-registry
PEERS=${MANIFOLD_PEERS_DIR:-$(dirname "$CONFORMANCE_DIR")/peers}
RUN_ACTION="$PEERS/run-action"
[[ -x $RUN_ACTION && -d $PEERS/build-push-action ]] || skip "../shared/peers is absent ($PEERS)"
command -v node >/dev/null || skip "node is not installed (the machine image has it; >= 20)"
(($(node -p 'process.versions.node.split(".")[0]') >= 20)) || skip "node $(node --version) is older than 20"
/usr/bin/python3 -c 'import yaml' 2>/dev/null || skip "python3-yaml is not installed (scripts/setup installs it)"
[[ $(uname -m) == x86_64 ]] || skip "the expectations below are written for an x86_64 host"
need_emulation arm64
# The action's own defaults decide attestations here, as on a runner.
unset BUILDX_NO_DEFAULT_ATTESTATIONS

registry_with_busybox  # R=host:port; $R/busybox:latest (amd64, arm64, arm/v7)

# A PATH with everything the machine has except docker: the action then runs `buildx` itself.
bin="$WORK/bin"
mkdir -p "$bin"
for dir in /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin; do
  for f in "$dir"/*; do
    name=${f##*/}
    case $name in docker | docker-* | dockerd*) continue ;; esac
    [[ -e $bin/$name ]] || ln -s "$f" "$bin/$name"
  done
done
ln -s "$MANIFOLD" "$bin/buildx"
export DOCKER_CONFIG="$WORK/docker-config"
mkdir -p "$DOCKER_CONFIG"
# No Engine in the standalone part: a socket nobody answers, so the machine's own is never used.
/usr/bin/python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$WORK/dead.sock"
export DOCKER_HOST="unix://$WORK/dead.sock"

ctx="$WORK/ctx"
mkdir -p "$ctx" "$WORK/extra"
cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $R/busybox:latest AS base
ARG GREETING=hi
RUN echo "\$GREETING from \$(uname -m)" > /greeting

FROM base AS tools
RUN echo tools > /tools-stage

FROM base
CMD ["cat", "/greeting"]
DOCKERFILE
cat >"$ctx/Dockerfile.secret" <<DOCKERFILE
FROM $R/busybox:latest
ARG EXPECTED_SHA
RUN --mount=type=secret,id=MYSECRET test "\$(sha256sum < /run/secrets/MYSECRET | cut -d' ' -f1)" = "\$EXPECTED_SHA" && \\
    echo seen > /secret-ok
DOCKERFILE
cat >"$ctx/Dockerfile.contexts" <<DOCKERFILE
FROM scratch
COPY --from=extra hello.txt /from-extra.txt
DOCKERFILE
printf 'FROM %s/busybox:latest as base\nCMD ["true"]\n' "$R" >"$ctx/Dockerfile.lint"
echo "hello from a named context" >"$WORK/extra/hello.txt"

# run_action NAME [INPUT=VALUE | ENV:NAME=VALUE]...: runs the action in ${ACTION_DIR:-$ctx} with
# PATH=${ACTION_PATH:-$bin}; its log is $WORK/NAME.log, its outputs (JSON) $WORK/NAME.json.
run_action() {
  local name=$1 rc=0
  shift
  (cd "${ACTION_DIR:-$ctx}" && PATH="${ACTION_PATH:-$bin}" RUN_DIR="$WORK/run-$name" \
    "$RUN_ACTION" build-push-action "$@" "ENV:MANIFOLD_ROOT=$MANIFOLD_ROOT") >"$WORK/$name.log" 2>&1 || rc=$?
  tail -n 1 "$WORK/$name.log" >"$WORK/$name.json"
  return $rc
}
action_ok() { run_action "$@" || { tail -n 40 "$WORK/$1.log"; fail "the action failed: $1"; }; }
output() { jq -r --arg k "$2" '.[$k] // empty' "$WORK/$1.json"; }
meta() { output "$1" metadata | jq -r --arg k "$2" '.[$k] // empty'; }
raw() { skopeo inspect --tls-verify=false --raw "docker://$1"; }
digest_of() { echo "sha256:$(raw "$1" | sha256sum | cut -d' ' -f1)"; }
attestations_in() { raw "$1" | jq '[.manifests[] | select(.annotations["vnd.docker.reference.type"] == "attestation-manifest")] | length'; }
layers_of() { skopeo inspect --tls-verify=false --override-arch "$2" "docker://$1" | jq -r '.Layers | join(" ")'; }
images_in() { raw "$1" | jq '[.manifests[] | select(.platform.os != "unknown")] | length'; }

# scenarios MODE: every input the issue lists, run through the action; names, tags and folders carry
# MODE (standalone: no docker on PATH; docker: docker buildx, the plugin, a real Engine).
scenarios() {
local m=$1
# --- a two-platform push with tags, labels, build args and the action's default attestations ------
action_ok $m-push context=. platforms=linux/amd64,linux/arm64 push=true "tags=$R/app-$m:1,$R/app-$m:latest" \
  labels=org.example.team=edge build-args=GREETING=hello
digest=$(output $m-push digest)
assert_eq "$m: push: the digest output is the pushed index's" "$(digest_of "$R/app-$m:1")" "$digest"
assert_eq "$m: push: every tag names that index" "$digest" "$(digest_of "$R/app-$m:latest")"
assert_eq "$m: push: metadata's containerimage.digest" "$digest" "$(meta $m-push containerimage.digest)"
assert_eq "$m: push: imageid is the index's digest (several platforms, as buildx)" "$digest" "$(output $m-push imageid)"
assert_eq "$m: push: metadata names both tags" "$R/app-$m:1,$R/app-$m:latest" "$(meta $m-push image.name)"
assert_eq "$m: push: two platform images" 2 "$(images_in "$R/app-$m:1")"
assert_eq "$m: push: the action's default provenance, one attestation per platform" 2 "$(attestations_in "$R/app-$m:1")"
provenance=$("$MANIFOLD" imagetools inspect "$R/app-$m:1" --format '{{json .Provenance}}')
assert_eq "$m: push: the provenance names the action's builder id" "https://github.com/acme/app/actions/runs/1/attempts/1" \
  "$(jq -r '.["linux/arm64"].SLSA.builder.id' <<<"$provenance")"
assert_eq "$m: push: mode=max, as the action asks: the build arg is recorded" hello \
  "$(jq -r '.["linux/amd64"].SLSA.invocation.parameters.args["build-arg:GREETING"]' <<<"$provenance")"
assert_eq "$m: push: the label is on the arm64 image" edge \
  "$(skopeo inspect --tls-verify=false --override-arch arm64 --config "docker://$R/app-$m:1" | jq -r '.config.Labels["org.example.team"]')"
assert_eq "$m: push: the arm64 RUN ran emulated, with the build arg" "hello from aarch64" \
  "$("$MANIFOLD" run --platform linux/arm64 "$R/app-$m:1" 2>/dev/null)"

# --- provenance: false, sbom: true -----------------------------------------------------------------
action_ok $m-noprov context=. platforms=linux/amd64,linux/arm64 push=true "tags=$R/app-$m:noprov" provenance=false
assert_contains "$m: provenance: false reaches manifold as buildx's disabled attestation" "type=provenance,disabled=true" \
  "$(cat "$WORK/$m-noprov.log")"
assert_eq "$m: provenance: false: no attestation manifests" 0 "$(attestations_in "$R/app-$m:noprov")"
assert_eq "$m: provenance: false: the digest output" "$(digest_of "$R/app-$m:noprov")" "$(output $m-noprov digest)"
action_ok $m-sbom context=. platforms=linux/amd64,linux/arm64 push=true "tags=$R/app-$m:sbom" sbom=true
sbom=$("$MANIFOLD" imagetools inspect "$R/app-$m:sbom" --format '{{json .SBOM}}')
assert_eq "$m: sbom: true: an SPDX document for each platform" "SPDX-2.3 SPDX-2.3" \
  "$(jq -r '[.["linux/amd64"].SPDX.spdxVersion, .["linux/arm64"].SPDX.spdxVersion] | join(" ")' <<<"$sbom")"

# --- cache-to / cache-from, type=registry and type=local, into an empty state ---------------------------
action_ok $m-cacheto context=. platforms=linux/amd64,linux/arm64 push=true "tags=$R/app-$m:cached" \
  "cache-to=type=registry,ref=$R/app-$m:buildcache,mode=max"$'\n'"type=local,dest=$WORK/$m-cache-local,mode=max"
[[ -s $WORK/$m-cache-local/index.json ]] || fail "$m: cache-to type=local wrote no index.json"
ok "$m: cache-to type=local: a cache directory"
cached_layers=$(layers_of "$R/app-$m:cached" arm64)
for from in "type=registry,ref=$R/app-$m:buildcache" "type=local,src=$WORK/$m-cache-local"; do
  kind=${from%%,*}
  kind=${kind#type=}
  MANIFOLD_ROOT="$WORK/root-$m-$kind" action_ok "$m-cachefrom-$kind" context=. platforms=linux/amd64,linux/arm64 \
    push=true "tags=$R/app-$m:cached" "cache-from=$from"
  grep -q 'RUN echo "$GREETING.*' "$WORK/$m-cachefrom-$kind.log" || fail "$m: cache-from $kind: no RUN step in the log"
  assert_eq "$m: cache-from $kind: both platforms' RUN come from the cache" 2 \
    "$(grep -A1 '\] RUN echo "\$GREETING' "$WORK/$m-cachefrom-$kind.log" | grep -c CACHED)"
  assert_eq "$m: cache-from $kind: the arm64 layers came from the cache (the same bytes)" "$cached_layers" \
    "$(layers_of "$R/app-$m@$(output "$m-cachefrom-$kind" digest)" arm64)"
done

# --- no-cache: the same build, every step run again ---------------------------------------------------
action_ok $m-again context=. platforms=linux/amd64 push=true "tags=$R/app-$m:again"
assert_contains "$m: a repeated build is cached" CACHED "$(cat "$WORK/$m-again.log")"
action_ok $m-nocache context=. platforms=linux/amd64 push=true "tags=$R/app-$m:again" no-cache=true
grep -A1 '\] RUN echo "\$GREETING' "$WORK/$m-nocache.log" | grep -q CACHED && fail "$m: no-cache: the RUN step was cached"
ok "$m: no-cache: the RUN step ran again"

# --- outputs: type=oci,dest ----------------------------------------------------------------------------
action_ok $m-oci context=. platforms=linux/amd64,linux/arm64 "outputs=type=oci,dest=$WORK/$m-app.tar"
mkdir -p "$WORK/$m-app-oci" && tar -xf "$WORK/$m-app.tar" -C "$WORK/$m-app-oci"
assert_eq "$m: outputs type=oci: the digest output is the archive's index" \
  "$(jq -r '.manifests[0].digest' "$WORK/$m-app-oci/index.json")" "$(output $m-oci digest)"
assert_eq "$m: outputs type=oci: skopeo reads the arm64 image" arm64 \
  "$(skopeo inspect --override-arch arm64 "oci-archive:$WORK/$m-app.tar" | jq -r .Architecture)"

# --- load: true -----------------------------------------------------------------------------------------
action_ok $m-load context=. platforms=linux/amd64,linux/arm64 load=true tags=app:test
assert_eq "$m: load: the imageid output is the loaded index" "$(meta $m-load containerimage.digest)" "$(output $m-load imageid)"
assert_contains "$m: load: manifold's store has both platforms" "linux/amd64,linux/arm64" "$("$MANIFOLD" images | grep 'app ')"
assert_eq "$m: load: manifold run of the loaded arm64 image" "hi from aarch64" \
  "$("$MANIFOLD" run --platform linux/arm64 app:test 2>/dev/null)"
if [[ $m == standalone ]]; then
  assert_contains "$m: load: no Engine, and the log says where the image is" "the image is in manifold's store" \
    "$(cat "$WORK/$m-load.log")"
else
  assert_contains "$m: load: the host's platform went into the Engine" "loaded linux/amd64 into the Docker Engine" \
    "$(cat "$WORK/$m-load.log")"
  assert_eq "$m: load: the job's next step runs it" "hi from x86_64" "$($DOCKER run --rm --network none app:test)"
  action_ok $m-load1 context=. platforms=linux/amd64 load=true tags=app:one labels=org.example.team=edge
  imageid=$(output $m-load1 imageid)
  assert_eq "$m: load one platform: imageid is the Engine's image ID" "$($DOCKER image inspect -f '{{.Id}}' app:one)" "$imageid"
  assert_eq "$m: load one platform: docker run by the imageid output" "hi from x86_64" \
    "$($DOCKER run --rm --network none "$imageid")"
  assert_eq "$m: load one platform: the label" edge \
    "$($DOCKER image inspect -f '{{index .Config.Labels "org.example.team"}}' app:one)"
fi

# --- secrets: seen by RUN, nowhere else ------------------------------------------------------------------
SECRET="s3cr3t-$(head -c 9 /dev/urandom | od -An -tx1 | tr -d ' \n')"
action_ok $m-secret context=. file=Dockerfile.secret platforms=linux/amd64 "secrets=MYSECRET=$SECRET" \
  "build-args=EXPECTED_SHA=$(printf %s "$SECRET" | sha256sum | cut -d' ' -f1)" "outputs=type=local,dest=$WORK/$m-out-secret"
assert_eq "$m: secrets: the RUN step read the secret" seen "$(cat "$WORK/$m-out-secret/secret-ok")"
# The action's own workflow commands (::add-mask::, ::debug:: inputs) carry the value for the runner
# to mask; everything else in the log is manifold's.
if grep -v '^::' "$WORK/$m-secret.log" | grep -qF "$SECRET" || grep -rqF "$SECRET" "$WORK/$m-out-secret" "$MANIFOLD_ROOT"; then
  fail "$m: secrets: the value leaked"
fi
ok "$m: secrets: the value is in no log line of manifold's, output, layer or cache"

# --- build-contexts, annotations, target, call: check ---------------------------------------------------
action_ok $m-contexts context=. file=Dockerfile.contexts "build-contexts=extra=$WORK/extra" \
  "outputs=type=local,dest=$WORK/$m-out-contexts"
assert_eq "$m: build-contexts: COPY --from the named context" "hello from a named context" \
  "$(cat "$WORK/$m-out-contexts/from-extra.txt")"
action_ok $m-annotations context=. platforms=linux/amd64,linux/arm64 push=true "tags=$R/app-$m:annotated" \
  "annotations=index:org.opencontainers.image.description=built by the action"$'\n'"manifest:org.example.kind=app"
assert_eq "$m: annotations: index: on the pushed index" "built by the action" \
  "$(raw "$R/app-$m:annotated" | jq -r '.annotations["org.opencontainers.image.description"]')"
arm_manifest=$(raw "$R/app-$m:annotated" | jq -r '.manifests[] | select(.platform.architecture == "arm64") | .digest')
assert_eq "$m: annotations: manifest: on each platform manifest" app \
  "$(raw "$R/app-$m@$arm_manifest" | jq -r '.annotations["org.example.kind"]')"
action_ok $m-target context=. platforms=linux/amd64 target=tools "outputs=type=local,dest=$WORK/$m-out-target"
assert_eq "$m: target: the named stage was built" tools "$(cat "$WORK/$m-out-target/tools-stage")"
action_ok $m-check context=. call=check
assert_contains "$m: call: check on a clean Dockerfile" "Check complete, no warnings found." "$(cat "$WORK/$m-check.log")"
run_action $m-checklint context=. file=Dockerfile.lint call=check && fail "$m: call: check with a lint finding succeeded"
assert_contains "$m: call: check reports the rule, and the step fails" "FromAsCasing" "$(cat "$WORK/$m-checklint.log")"

}

# --- standalone: the action's default context: the repository's git URL at GITHUB_SHA, with the github-token --------
repo="$WORK/repo"
cp -r "$ctx" "$repo"
echo "from git" >"$repo/origin.txt"
printf 'FROM scratch\nCOPY origin.txt /\n' >"$repo/Dockerfile"
git -C "$repo" init -q -b main && git -C "$repo" add -A &&
  git -C "$repo" -c user.name=t -c user.email=t@example.com commit -qm c1
sha=$(git -C "$repo" rev-parse HEAD)
mkdir -p "$WORK/srv/private/acme"
git clone -q --bare "$repo" "$WORK/srv/private/acme/app.git"
TOKEN="tok-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
hport=$(free_port)
/usr/bin/python3 "$(dirname "$0")/git_http_server.py" "$WORK/srv" "$hport" "$TOKEN" "$WORK/http.log" &
http_pid=$!
# engine_stop exists once engine_lib.sh is sourced; before that, under set -e, calling it would end
# the trap with 127 before registry_cleanup.
trap 'kill $http_pid 2>/dev/null; ! declare -F engine_stop >/dev/null || engine_stop; registry_cleanup' EXIT
for _ in $(seq 100); do
  git -c "http.extraHeader=Authorization: basic $(printf 'x-access-token:%s' "$TOKEN" | base64 -w0)" \
    ls-remote "http://127.0.0.1:$hport/private/acme/app.git" >/dev/null 2>&1 && break
  sleep 0.1
done
# A runner's github.com is this loopback server; the action builds the URL and passes the token.
action_ok gitctx "ENV:GITHUB_SERVER_URL=http://127.0.0.1:$hport/private" "ENV:GITHUB_SHA=$sha" \
  "github-token=$TOKEN" "outputs=type=local,dest=$WORK/out-git"
assert_contains "default context: the action's git URL at the commit" "http://127.0.0.1:$hport/private/acme/app.git#$sha" \
  "$(cat "$WORK/gitctx.log")"
assert_eq "default context: the file from the commit" "from git" "$(cat "$WORK/out-git/origin.txt")"
grep -q "auth=good" "$WORK/http.log" || fail "default context: the token never reached the server"
ok "default context: the github-token authenticated the fetch"
if grep -v '^::' "$WORK/gitctx.log" | grep -qF "$TOKEN" || grep -rqF "$TOKEN" "$WORK/out-git" "$MANIFOLD_ROOT"; then
  fail "the github-token leaked"
fi
ok "default context: the token is in no log, output or state"

# --- standalone: no docker on PATH ------------------------------------------------------------------------
scenarios standalone
assert_contains "standalone: the action ran buildx itself" "bin/buildx build" "$(cat "$WORK/standalone-push.log")"

# --- through docker: manifold as docker's buildx plugin, a real Engine, then docker run -------------------
if [[ $(id -u) != 0 ]]; then
  echo "note: starting a Docker Engine needs root: the scenarios through docker are not run as $(id -un)" >&2
  echo "# $CHECKS checks"
  exit 0
fi
source "$(dirname "$0")/engine_lib.sh"
engine_start
trap 'kill $http_pid 2>/dev/null; engine_stop; registry_cleanup' EXIT
export DOCKER_HOST="unix://$ENGINE_SOCK"
"$MANIFOLD" install --as buildx >/dev/null || fail "manifold install --as buildx"
dbin="$WORK/bin-docker"
mkdir -p "$dbin"
ln -s "$DOCKER" "$dbin/docker"
export ACTION_PATH="$dbin:$bin"
scenarios docker
assert_contains "docker: the action ran docker buildx" "docker buildx build" "$(cat "$WORK/docker-push.log")"
echo "# $CHECKS checks"
