#!/usr/bin/env bash
# kill -9 of manifold during a RUN: no process of the build outlives it (native and under QEMU,
# and `manifold run`), no secret value is ever on disk (env= and file secrets), and the next
# build cleans what the dead one left without disturbing a live concurrent build.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/registry_lib.sh"
need_builds
need runc
need skopeo
need docker-registry

registry_with_busybox  # sets R; $R/busybox:latest is the multi-arch base
ctx="$WORK/ctx"
mkdir -p "$ctx" "$WORK/src"
secret="kill-s3cr3t-$RANDOM$RANDOM"
printf 'file-%s' "$secret" >"$WORK/src/token"
export TOKEN_SOURCE="env-$secret"
secret_flags=(--secret "id=file,src=$WORK/src/token" --secret id=tok,env=TOKEN_SOURCE)

# Processes whose command line holds one of the arguments (a RUN's marker, a container id prefix); the
# pattern goes through a file so that grep's own command line does not match.
procs_with() {
  printf '%s\n' "$@" >"$WORK/pattern"
  grep -laFf "$WORK/pattern" /proc/[0-9]*/cmdline 2>/dev/null | cut -d/ -f3 | tr '\n' ' ' || true
}

# Every file holding the secret value on disk: under the root, in runc's default state dir, and
# what changed in /tmp since the test began (the secret's own source file excepted; not all of
# /tmp: other programs' files there may be huge or never end).
secret_hits() {
  local rc=0
  {
    find "$MANIFOLD_ROOT" /run/runc -xdev -type f -print0 2>/dev/null
    find /tmp -xdev -type f -newer "$WORK/src/token" -size -64M ! -path "$WORK/src/*" -print0 2>/dev/null
  } | sort -zu | timeout 30 xargs -0r grep -lsF -D skip -- "$secret" || rc=$?
  [[ $rc != 124 ]] || echo "(the search timed out)"
}

# build_pid PID: the pid that names a manifold's containers (manifold-PID-…): its own, or for a
# user, its child's, which does the work in the user namespace (README "Rootless").
build_pid() { if [[ $(id -u) == 0 ]]; then echo "$1"; else pgrep -P "$1" -x manifold | head -1 || true; fi; }

# start_victim MARKER PLATFORM: a build whose RUN loops with MARKER in its command line and
# both secrets mounted; returns once the build's runtime has started (VICTIM = its pid, VPID =
# build_pid's).
start_victim() {
  local marker=$1 platform=$2
  printf 'FROM %s/busybox:latest\nRUN --mount=type=secret,id=file --mount=type=secret,id=tok,env=TOKEN echo started; while :; do sleep 1; done # %s\n' \
    "$R" "$marker" >"$ctx/Dockerfile"
  "$MANIFOLD" build --progress=plain --platform "$platform" "${secret_flags[@]}" --output "type=oci,dest=$WORK/x.tar" "$ctx" \
    >"$WORK/victim.log" 2>&1 &
  VICTIM=$!
  for _ in $(seq 1 300); do
    VPID=$(build_pid "$VICTIM")
    [[ -n $VPID && -n $(procs_with "manifold-$VPID-") ]] && return 0
    sleep 0.05
  done
  cat "$WORK/victim.log"
  kill -KILL "$VICTIM" 2>/dev/null || true  # it would outlive the test, its root removed
  fail "the RUN step of the victim build never started"
}

# kill_and_check WHAT MARKER: kill -9 the victim; within 2 s nothing of it may run.
kill_and_check() {
  local what=$1 marker=$2 left=""
  local reaper
  reaper=$(pgrep -P "$VPID" -x manifold-reaper || true)
  local start=${EPOCHREALTIME/./} took=0
  kill -KILL "$VICTIM"
  wait "$VICTIM" 2>/dev/null || true
  while :; do
    left=$(procs_with "$marker" "manifold-$VPID-")
    for p in $reaper; do
      # A zombie waiting for init to reap it runs nothing.
      [[ -d /proc/$p && $(cut -d' ' -f3 "/proc/$p/stat" 2>/dev/null) != Z ]] && left+="$p(reaper) "
    done
    took=$(((${EPOCHREALTIME/./} - start) / 1000))
    [[ -z $left ]] || ((took > 2000)) && break
    sleep 0.05
  done
  if [[ -n $left ]]; then
    for p in $left; do
      echo "left: $p: $(cut -d' ' -f3 "/proc/${p%(*}/stat" 2>/dev/null) $(tr '\0' ' ' <"/proc/${p%(*}/cmdline" 2>/dev/null)" >&2
    done
    ps -ef --forest >&2
    pkill -KILL -f "$marker" || true
    fail "$what: processes of the killed build still run 2 s later"
  fi
  ok "$what: nothing of the killed build runs ${took} ms after kill -9"
  if [[ $crun_steps == yes ]]; then
    # crun runs steps without a cgroup of their own: a killed step cannot leave an empty one.
    assert_eq "$what: no cgroup of the killed build's containers" "" \
      "$(find /sys/fs/cgroup -mindepth 2 -maxdepth 2 -type d -name "manifold-$VPID-*" 2>/dev/null)"
  fi
}
# Whether this machine's builds run their steps in crun (root; `manifold version` says).
crun_steps=no
[[ $(id -u) == 0 && $("$MANIFOLD" version | grep '^runtime: ') == "runtime: crun "* ]] && crun_steps=yes

# --- native: killed while the runtime creates the container, then while the step runs.
marker="kill-native-a-$RANDOM$RANDOM"
start_victim "$marker" linux/amd64
kill_and_check "native, during container creation" "$marker"
marker="kill-native-b-$RANDOM$RANDOM"
start_victim "$marker" linux/amd64
for _ in $(seq 1 100); do grep -q started "$WORK/victim.log" && break; sleep 0.05; done
grep -q started "$WORK/victim.log" || { cat "$WORK/victim.log"; fail "the step never printed"; }
# While the step runs, its bundle and runtime state (the env= secret among them) and the file
# secret are nowhere on disk.
assert_eq "no file holds a secret value while the step runs" "" "$(secret_hits)"
sleep "0.$((RANDOM % 5))"
kill_and_check "native, while the step runs" "$marker"
assert_eq "no file holds a secret value after kill -9" "" "$(secret_hits)"

# --- what an older manifold left: its scratch dir (no lock file, a dead pid in the name) with
# the bundle on disk and the runtime's state, its container still running. Made by hand with
# runc as root; a user's runc would need its own user namespace, which no manifold ever made.
if [[ $(id -u) == 0 ]]; then
sh -c 'exit 0' &
dead_pid=$!
wait "$dead_pid"
old="$MANIFOLD_ROOT/snapshots/build-$dead_pid-0123abcd/exec"
old_marker="kill-old-layout-$RANDOM$RANDOM"
mkdir -p "$old/manifold-$dead_pid-0000beef" "$old/runtime"
(cd "$old/manifold-$dead_pid-0000beef" && runc spec) || fail "runc spec"
/usr/bin/python3 - "$old/manifold-$dead_pid-0000beef/config.json" "$WORK/deb-amd64" "$old_marker" "$secret" <<'PY'
import json, sys
path, rootfs, marker, secret = sys.argv[1:]
c = json.load(open(path))
c["root"] = {"path": rootfs, "readonly": True}
c["process"].update(terminal=False, args=["/bin/busybox", "sh", "-c", "while :; do /bin/busybox sleep 1; done # " + marker])
c["process"]["env"].append("TOKEN=env-" + secret)
json.dump(c, open(path, "w"))
PY
runc --root "$old/runtime" run -d --bundle "$old/manifold-$dead_pid-0000beef" "manifold-$dead_pid-0000beef" \
  </dev/null >/dev/null 2>&1 || fail "starting an old-layout container"
# `runc run -d` returns once it has told the container to start; its process may still be `runc
# init` for a moment before it execs the command that carries the marker.
for _ in $(seq 100); do [[ -n $(procs_with "$old_marker") ]] && break; sleep 0.05; done
[[ -n $(procs_with "$old_marker") ]] || fail "the old-layout container does not run"
else
  echo "note: an older manifold's leftover container is made with root's runc: not checked as $(id -un)" >&2
fi

# --- the next build cleans up: no dead scratch dir and no mount is left under the root.
printf 'FROM %s/busybox:latest\nRUN --mount=type=secret,id=file --mount=type=secret,id=tok,env=TOKEN test -n "$TOKEN"\n' \
  "$R" >"$ctx/Dockerfile"
"$MANIFOLD" build --progress=plain "${secret_flags[@]}" --output "type=oci,dest=$WORK/next.tar" "$ctx" \
  >"$WORK/next.log" 2>&1 || { cat "$WORK/next.log"; fail "the build after the kills"; }
ok "the next build on the root succeeds"
# The killed builds' archive (begun when they started: content::LayoutTarHead) had no name yet.
assert_eq "no temporary archive of a killed build is left beside its dest" "" \
  "$(find "$WORK" -maxdepth 1 -name '.tmp-x.tar-*' -printf '%f ')"
assert_eq "no scratch dir of a dead build is left" "" "$(ls "$MANIFOLD_ROOT/snapshots" | grep -E '^(build|run)-' || true)"
[[ -z ${old_marker:-} ]] || assert_eq "an older version's leftover container is gone" "" "$(procs_with "$old_marker")"
if command -v sqlite3 >/dev/null; then
  # The killed steps' layer dirs, which no cache record knows: a build alone on the root drops them.
  assert_eq "no layer dir of a killed step is left" "$(sqlite3 "$MANIFOLD_ROOT/meta.db" 'SELECT count(*) FROM diffs')" \
    "$(find "$MANIFOLD_ROOT/snapshots/diffs" -mindepth 1 -maxdepth 1 | wc -l)"
fi
assert_eq "no mount is left under the root" "" "$(grep -F " $MANIFOLD_ROOT" /proc/self/mountinfo || true)"
assert_eq "no file holds a secret value after a normal build" "" "$(secret_hits)"

# --- emulated (arm64 under QEMU): QEMU runs in the container's PID namespace and dies with it.
if [[ $(uname -m) == x86_64 ]] && have_emulation arm64; then
  marker="kill-emulated-$RANDOM$RANDOM"
  start_victim "$marker" linux/arm64
  for _ in $(seq 1 200); do [[ -n $(procs_with "$marker") ]] && break; sleep 0.05; done
  sleep "0.$((RANDOM % 5))"
  kill_and_check "emulated arm64" "$marker"
else
  echo "note: no arm64 emulation (qemu-user-static, or its handler: \`manifold binfmt install arm64\` as root); the emulated case is skipped" >&2
fi

# --- manifold run: the interactive container dies with it too.
marker="kill-run-$RANDOM$RANDOM"
"$MANIFOLD" run "$R/busybox:latest" sh -c "while :; do sleep 1; done # $marker" </dev/null >/dev/null 2>&1 &
VICTIM=$!
for _ in $(seq 1 200); do
  VPID=$(build_pid "$VICTIM")
  [[ -n $VPID && -n $(procs_with "manifold-$VPID-") ]] && break
  sleep 0.05
done
[[ -n $VPID && -n $(procs_with "manifold-$VPID-") ]] || fail "manifold run never started its container"
sleep 0.3
kill_and_check "manifold run" "$marker"

# --- a live build is not disturbed by another build's start-up cleanup.
printf 'FROM %s/busybox:latest\nRUN echo started; sleep 3 # live-%s\n' "$R" "$RANDOM" >"$ctx/Dockerfile"
"$MANIFOLD" build --progress=plain --output "type=oci,dest=$WORK/live.tar" "$ctx" >"$WORK/live.log" 2>&1 &
live=$!
for _ in $(seq 1 200); do grep -q started "$WORK/live.log" && break; sleep 0.05; done
grep -q started "$WORK/live.log" || { cat "$WORK/live.log"; fail "the live build's step never started"; }
mkdir -p "$WORK/ctx2"
printf 'FROM %s/busybox:latest\nRUN true\n' "$R" >"$WORK/ctx2/Dockerfile"
"$MANIFOLD" build --progress=plain --output "type=oci,dest=$WORK/other.tar" "$WORK/ctx2" >"$WORK/other.log" 2>&1 ||
  { cat "$WORK/other.log"; fail "a build beside a live one"; }
rc=0
wait "$live" || rc=$?
[[ $rc == 0 ]] || { cat "$WORK/live.log"; fail "the live build failed after another build started beside it"; }
ok "a live build survives another build's start-up cleanup"
assert_eq "nothing is left after both" "" "$(ls "$MANIFOLD_ROOT/snapshots" | grep -E '^(build|run)-' || true)"
echo "$CHECKS checks passed"
