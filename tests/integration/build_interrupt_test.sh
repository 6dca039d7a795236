#!/usr/bin/env bash
# Ctrl-C during a build: the running container is killed, the build exits 130 soon after,
# nothing is written to the output, and no mount, scratch snapshot or process is left behind.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/registry_lib.sh"
need_builds
need runc
need skopeo
need docker-registry
need sqlite3

registry_with_busybox  # sets R; $R/busybox:latest is the multi-arch base
ctx="$WORK/ctx"
mkdir -p "$ctx"
marker="manifold-interrupt-$RANDOM$RANDOM"
printf 'FROM %s/busybox:latest\nRUN --mount=type=cache,target=/c sh -c "echo started; exec sleep 300 # %s"\n' "$R" "$marker" >"$ctx/Dockerfile"

"$MANIFOLD" build --progress=plain --output "type=oci,dest=$WORK/out.tar" "$ctx" >"$WORK/build.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  grep -q "started" "$WORK/build.log" && break
  sleep 0.1
done
grep -q "started" "$WORK/build.log" || { cat "$WORK/build.log"; fail "the RUN step never started"; }
kill -INT "$pid"
start=$(date +%s)
for _ in $(seq 1 200); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$pid" 2>/dev/null; then
  kill -KILL "$pid"
  pkill -KILL -f "$marker" || true
  cat "$WORK/build.log"
  fail "the build was still running 20s after Ctrl-C"
fi
rc=0
wait "$pid" || rc=$?
took=$(($(date +%s) - start))
assert_eq "an interrupted build exits 130" 130 "$rc"
[[ $took -le 10 ]] || fail "the build took ${took}s to stop after Ctrl-C"
ok "the build stopped within ${took}s"
assert_contains "the build says it was interrupted" "interrupted" "$(cat "$WORK/build.log")"
pgrep -f "$marker" >/dev/null && fail "the step's process is still running: $(pgrep -af "$marker")"
ok "the step's process was killed"
[[ ! -e "$WORK/out.tar" ]] || fail "the interrupted build wrote its output"
ok "no output was written"
leftovers=$(find "$MANIFOLD_ROOT/snapshots" -mindepth 1 -maxdepth 1 ! -name diffs ! -name overlay-works 2>/dev/null | wc -l)
assert_eq "no scratch snapshots are left" 0 "$leftovers"
# The layers kept are exactly the ones the cache knows (the interrupted step's is gone).
assert_eq "no unkept layer is left" "$(sqlite3 "$MANIFOLD_ROOT/meta.db" 'SELECT count(*) FROM diffs')" \
  "$(find "$MANIFOLD_ROOT/snapshots/diffs" -mindepth 1 -maxdepth 1 | wc -l)"
grep -q "$MANIFOLD_ROOT" /proc/mounts && fail "a mount under MANIFOLD_ROOT is left: $(grep "$MANIFOLD_ROOT" /proc/mounts)"
ok "no mounts are left"
# The store is usable afterwards: the same build completes.
sed -i 's/exec sleep 300/true/' "$ctx/Dockerfile"
"$MANIFOLD" build --progress=quiet --output "type=oci,dest=$WORK/out.tar" "$ctx" >/dev/null 2>&1 || fail "a build after the interruption"
ok "a build after the interruption succeeds"
echo "$CHECKS checks passed"
