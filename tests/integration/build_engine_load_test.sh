#!/usr/bin/env bash
# --load and -o type=docker (no dest) into a real Docker Engine: Debian's dockerd runs as a
# throwaway daemon on its own socket (DESIGN.md "Runtimes and emulation"); manifold finds it by
# DOCKER_HOST or by the current docker context, and says so when there is none.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/registry_lib.sh"
need_builds
need runc
need skopeo
need jq
need docker-registry
source "$(dirname "$0")/engine_lib.sh"
engine_start
SOCK=$ENGINE_SOCK
export DOCKER_HOST="unix://$SOCK"
ok "a throwaway dockerd answers on $SOCK"

registry_with_busybox  # sets R; $R/busybox:latest is the multi-arch base
ctx="$WORK/ctx"
mkdir -p "$ctx"
cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $R/busybox:latest
LABEL org.example.purpose=engine-load
RUN uname -m > /arch
CMD ["cat", "/arch"]
DOCKERFILE
emulates_arm64=false
if [[ -e /usr/share/binfmts/qemu-aarch64 ]] && "$MANIFOLD" binfmt install arm64 >/dev/null 2>&1; then
  emulates_arm64=true
fi
platforms=linux/amd64
[[ $emulates_arm64 == true ]] && platforms=linux/amd64,linux/arm64
[[ $(uname -m) == x86_64 ]] || skip "the expectations below are written for an x86_64 host"
config_of() {  # config_of LOG PLATFORM: the Config digest the build summary gives for PLATFORM
  awk -v p="$2" '$1 == "Platform:" {cur = $2} $1 == "Config:" && cur == p {print $2}' "$1"
}

# --- --load of several platforms: the host's goes into the Engine, all into manifold's store ----
"$MANIFOLD" build --progress=plain --platform "$platforms" --load -t app:test "$ctx" 2>"$WORK/multi.log" ||
  { cat "$WORK/multi.log"; fail "build --load"; }
log=$(cat "$WORK/multi.log")
assert_contains "the summary names the platform and the Engine" "loaded linux/amd64 into the Docker Engine at unix://$SOCK" "$log"
if [[ $emulates_arm64 == true ]]; then
  assert_contains "the summary says where the other platforms are" "all 2 platforms are in manifold's store: manifold images" "$log"
  assert_contains "manifold's store keeps every platform" "linux/amd64,linux/arm64" "$("$MANIFOLD" images)"
fi
assert_eq "docker run of the loaded image" x86_64 "$($DOCKER run --rm --network none app:test cat /arch)"
inspect=$($DOCKER image inspect app:test)
assert_eq "the Engine's image is amd64" amd64 "$(jq -r '.[0].Architecture' <<<"$inspect")"
assert_eq "the Dockerfile's label is on it" engine-load "$(jq -r '.[0].Config.Labels["org.example.purpose"]' <<<"$inspect")"
assert_eq "its image ID is the amd64 config digest" "$(config_of "$WORK/multi.log" linux/amd64)" "$(jq -r '.[0].Id' <<<"$inspect")"
assert_eq "the image's CMD came along" x86_64 "$($DOCKER run --rm --network none app:test)"

# --- --platform linux/arm64 --load: that one goes in ------------------------------------------
if [[ $emulates_arm64 == true ]]; then
  "$MANIFOLD" build --progress=plain --platform linux/arm64 --load -t app:arm --metadata-file "$WORK/arm.json" \
    "$ctx" 2>"$WORK/arm.log" || { cat "$WORK/arm.log"; fail "build --platform linux/arm64 --load"; }
  assert_contains "the arm64 image went into the Engine" "loaded linux/arm64 into the Docker Engine" "$(cat "$WORK/arm.log")"
  inspect=$($DOCKER image inspect app:arm)
  assert_eq "the Engine's image is arm64" arm64 "$(jq -r '.[0].Architecture' <<<"$inspect")"
  assert_eq "the metadata file's containerimage.config.digest is the Engine's image ID" \
    "$(jq -r '.[0].Id' <<<"$inspect")" "$(jq -r '.["containerimage.config.digest"]' "$WORK/arm.json")"
  # The Engine runs arm64 binaries through the binfmt_misc handler (F flag) binfmt install set up.
  if grep -q '^flags: .*F' /proc/sys/fs/binfmt_misc/qemu-aarch64 2>/dev/null; then
    assert_eq "docker run of the arm64 image (emulated)" aarch64 "$($DOCKER run --rm --network none app:arm)"
  else
    echo "note: no fixed-binary qemu-aarch64 handler: the arm64 image is not run" >&2
  fi
else
  echo "note: qemu-user-static is absent: the arm64 load is not tested" >&2
fi

# --- -o type=docker without dest: loaded, not written -----------------------------------------
"$MANIFOLD" build --progress=plain --platform linux/amd64 -o type=docker,name=app:out "$ctx" 2>"$WORK/out.log" ||
  { cat "$WORK/out.log"; fail "build -o type=docker"; }
assert_contains "-o type=docker loads into the Engine" "loaded linux/amd64 into the Docker Engine at unix://$SOCK as app:out" \
  "$(cat "$WORK/out.log")"
assert_eq "docker run of the type=docker image" x86_64 "$($DOCKER run --rm --network none app:out)"
if [[ $emulates_arm64 == true ]]; then
  "$MANIFOLD" build --progress=plain --platform linux/amd64,linux/arm64 -o type=docker -t app:two "$ctx" \
    2>"$WORK/two.log" || { cat "$WORK/two.log"; fail "build -o type=docker of two platforms"; }
  assert_contains "two platforms into a classic store: one, and it says so" \
    "its image store keeps one platform, the build made 2" "$(cat "$WORK/two.log")"
  assert_eq "the host's platform went in" amd64 "$($DOCKER image inspect -f '{{.Architecture}}' app:two)"
fi

# --- --load without -t: the Engine keeps it by its ID -----------------------------------------
"$MANIFOLD" build --progress=plain --platform linux/amd64 --load "$ctx" 2>"$WORK/unnamed.log" ||
  { cat "$WORK/unnamed.log"; fail "build --load without a name"; }
id=$(config_of "$WORK/unnamed.log" linux/amd64)
assert_contains "an unnamed image: the summary gives its image ID" "(image ID $id)" "$(cat "$WORK/unnamed.log")"
assert_eq "an unnamed image: the Engine has it by that ID" amd64 "$($DOCKER image inspect -f '{{.Architecture}}' "$id")"

# --- no Engine: --load keeps its image in manifold's store; type=docker needs dest= ---------------
/usr/bin/python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$WORK/dead.sock"
DOCKER_HOST="unix://$WORK/dead.sock" "$MANIFOLD" build --progress=plain --platform linux/amd64 --load -t app:nodaemon \
  "$ctx" 2>"$WORK/dead.log" || { cat "$WORK/dead.log"; fail "build --load with a dead Engine socket"; }
log=$(cat "$WORK/dead.log")
assert_contains "a dead socket: the summary says the Engine did not get it" "not loaded into a Docker Engine" "$log"
assert_contains "a dead socket: and where the image is" "the image is in manifold's store" "$log"
assert_contains "a dead socket: the image is in manifold's store" "app " "$("$MANIFOLD" images | grep nodaemon)"
DOCKER_HOST=tcp://127.0.0.1:2375 "$MANIFOLD" build --progress=plain --platform linux/amd64 --load -t app:tcp "$ctx" \
  2>"$WORK/tcp.log" || { cat "$WORK/tcp.log"; fail "build --load with DOCKER_HOST=tcp://"; }
assert_contains "DOCKER_HOST=tcp:// is named as not supported" "tcp:// is not supported" "$(cat "$WORK/tcp.log")"
expect_failure "-o type=docker without dest and no Engine names the flag and dest=" "Add dest=FILE" \
  env DOCKER_HOST="unix://$WORK/dead.sock" "$MANIFOLD" build --platform linux/amd64 -o type=docker -t app:x "$ctx"
if $DOCKER image inspect app:nodaemon >/dev/null 2>&1; then fail "app:nodaemon reached the Engine"; fi
ok "nothing reached the Engine"

# --- the current docker context, as Debian's docker CLI writes it ----------------------------
export DOCKER_CONFIG="$WORK/docker-config"
$DOCKER context create engine-test --docker "host=unix://$SOCK" >/dev/null 2>&1 || fail "docker context create"
$DOCKER context use engine-test >/dev/null 2>&1 || fail "docker context use"
env -u DOCKER_HOST "$MANIFOLD" build --progress=plain --platform linux/amd64 --load -t app:ctx "$ctx" \
  2>"$WORK/ctx.log" || { cat "$WORK/ctx.log"; fail "build --load through a docker context"; }
assert_contains "the context's Engine got the image" "loaded linux/amd64 into the Docker Engine at unix://$SOCK" \
  "$(cat "$WORK/ctx.log")"
assert_eq "docker (through the context) runs it" x86_64 "$(env -u DOCKER_HOST $DOCKER run --rm --network none app:ctx)"
unset DOCKER_CONFIG

# --- a user allowed on the Engine's socket (as the docker group is) loads into it rootless ---
# Only when this test runs as root (it starts the Engine; as a user engine_start skips) and can
# make the rootless test's user (README "Rootless").
if [[ $(id -u) == 0 ]] && command -v useradd >/dev/null && command -v runuser >/dev/null &&
  command -v newuidmap >/dev/null; then
  rootless_test_user
  chmod 755 "$WORK" "$ENGINE" && chmod -R a+rX "$ctx"
  chgrp "$(id -g "$RL_USER")" "$SOCK" && chmod 660 "$SOCK"
  rl_root=$(runuser -u "$RL_USER" -- mktemp -d)
  runuser -u "$RL_USER" -- env DOCKER_HOST="unix://$SOCK" MANIFOLD_ROOT="$rl_root" "$MANIFOLD" build --progress=plain \
    --platform linux/amd64 --load -t app:rootless "$ctx" 2>"$WORK/rootless.log" ||
    { cat "$WORK/rootless.log"; fail "a user's build --load into the Engine"; }
  assert_contains "a user's build: the Engine got the image" "loaded linux/amd64 into the Docker Engine" \
    "$(cat "$WORK/rootless.log")"
  assert_eq "docker runs the user's image" x86_64 "$($DOCKER run --rm --network none app:rootless)"
  runuser -u "$RL_USER" -- unshare --map-root-user --map-auto rm -rf "$rl_root" || true
else
  echo "note: the rootless --load part needs root (to start the Engine), useradd, runuser and newuidmap" >&2
fi

# --- the Engine leaves nothing behind -------------------------------------------------------
engine_kill  # as a user stops it; engine_stop's clean-up of leftovers runs only at exit
if pgrep -f -- "$ENGINE/" >/dev/null; then fail "processes of the Engine are still running: $(pgrep -af -- "$ENGINE/")"; fi
ok "no dockerd, containerd or shim of the throwaway Engine is left"
if awk -v root="$ENGINE/" 'index($2, root) == 1' /proc/mounts | grep -q .; then
  fail "mounts under $ENGINE are left"
fi
ok "nothing is left mounted under the Engine's roots"
echo "$CHECKS checks passed"
