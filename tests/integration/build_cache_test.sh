#!/usr/bin/env bash
# The persistent build cache: a rebuild with nothing changed runs nothing, a changed file reruns
# only the steps that depend on it (for every platform), --no-cache and --no-cache-filter, two
# builds at once on one root, and a build killed with SIGKILL leaving a root the next build uses.
# RUN steps count their executions in a cache mount (it persists on the host, outside the
# image and outside the cache keys), so "did not run" is observed, not inferred from the log.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/registry_lib.sh"
need_builds
need runc
need jq
need docker-registry
need sqlite3
[[ $(uname -m) == x86_64 ]] || skip "the expectations below are written for an x86_64 host"
need_arm64_emulation

registry_with_busybox  # sets R

ctx="$WORK/ctx"
mkdir -p "$ctx"
echo one >"$ctx/a.txt"
echo two >"$ctx/b.txt"
echo ignored >"$ctx/notes.md"
cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $R/busybox:latest AS base
ARG TARGETARCH
COPY a.txt /a.txt
RUN --mount=type=cache,id=counter,target=/count,sharing=locked echo "a \$TARGETARCH" >>/count/log && cp /a.txt /a.copy
FROM base AS final
ARG TARGETARCH
COPY b.txt /b.txt
RUN --mount=type=cache,id=counter,target=/count,sharing=locked echo "b \$TARGETARCH" >>/count/log && cp /b.txt /b.copy
ARG FLAVOR=plain
RUN --mount=type=cache,id=counter,target=/count,sharing=locked echo "flavor \$FLAVOR \$TARGETARCH" >>/count/log
DOCKERFILE
counter="$MANIFOLD_ROOT/cache/mounts/$(printf counter | sha256sum | cut -d' ' -f1)/data/log"
runs() { grep -c "$1" "$counter" 2>/dev/null || true; }
# build NAME [flags...]: an OCI archive per build, rawjson progress kept. SOURCE_DATE_EPOCH
# makes the config's timestamps those of the inputs, so unchanged inputs give the same digest.
build() {
  local name=$1
  shift
  SOURCE_DATE_EPOCH=1700000000 "$MANIFOLD" build --progress=rawjson --platform linux/amd64,linux/arm64 \
    --output "type=oci,dest=$WORK/$name.tar" "$@" "$ctx" 2>"$WORK/$name.log" || { tail -20 "$WORK/$name.log"; fail "build $name"; }
}
# The JSON lines of the log (until the rawjson renderer owns all of stderr).
events() { grep '^{' "$WORK/$1.log" | jq -r "select(.kind == \"$2\") | .name" | sort -u; }

build cold
assert_eq "cold: every RUN ran for both platforms" "2 2 2" "$(runs '^a ') $(runs '^b ') $(runs '^flavor ')"
[[ -z $(events cold cached) ]] || fail "cold: nothing can be cached on an empty root: $(events cold cached)"
ok "cold: no step was cached"

manifest_gets() { grep -c '"GET /v2/busybox/manifests/' "$REGISTRY_STATE/registry.log" || true; }
gets_before=$(manifest_gets)
build warm
# The base's tag is asked once for both platforms; the platform manifests come from the store.
sleep 0.2  # the registry writes its access log after the response
assert_eq "warm: one manifest request for the base (its tag), none per platform" 1 "$(($(manifest_gets) - gets_before))"
assert_eq "warm: no RUN ran again" "2 2 2" "$(runs '^a ') $(runs '^b ') $(runs '^flavor ')"
assert_eq "warm: no COPY or RUN step started" "" "$(events warm started | grep 'RUN\|COPY' || true)"
cached_steps=$(events warm cached | grep -c 'RUN\|COPY')
assert_eq "warm: every COPY and RUN of both platforms was reported cached" 10 "$cached_steps"
assert_eq "warm: the image is the same bytes" "$(tar -xOf "$WORK/cold.tar" index.json | sha256sum)" \
  "$(tar -xOf "$WORK/warm.tar" index.json | sha256sum)"

echo "two, changed" >"$ctx/b.txt"
build changed
assert_eq "one file changed: the steps before it did not rerun" 2 "$(runs '^a ')"
assert_eq "one file changed: the step reading it reran once per platform" "2 2" "$(runs '^b amd64') $(runs '^b arm64')"
assert_eq "one file changed: the step after it reran too" 4 "$(runs '^flavor ')"
tar -xf "$WORK/changed.tar" -C "$WORK" index.json
[[ $(tar -xOf "$WORK/cold.tar" index.json | sha256sum) != $(sha256sum <"$WORK/index.json") ]] || fail "a changed file gave the same image"
ok "one file changed: a new image"

echo "not in any COPY" >"$ctx/notes.md"
touch "$ctx/a.txt"
build untouched
assert_eq "a file no step reads changed, another was touched: nothing reran" "2 4 4" "$(runs '^a ') $(runs '^b ') $(runs '^flavor ')"

build arg --build-arg FLAVOR=spicy
assert_eq "a changed ARG reruns only the steps using it" "2 4 6" "$(runs '^a ') $(runs '^b ') $(runs '^flavor ')"
assert_eq "the ARG's value reached the step" 2 "$(runs '^flavor spicy')"

build filtered --no-cache-filter final
assert_eq "--no-cache-filter final: only that stage's steps ran" "2 6 8" "$(runs '^a ') $(runs '^b ') $(runs '^flavor ')"

build nocache --no-cache
assert_eq "--no-cache: every step ran" "4 8 10" "$(runs '^a ') $(runs '^b ') $(runs '^flavor ')"

# Two builds of a new change at once on one root: both succeed, and a third finds it cached.
echo "three" >"$ctx/b.txt"
build concurrent1 &
first=$!
build concurrent2 &
second=$!
wait $first || fail "the first of two concurrent builds failed"
wait $second || fail "the second of two concurrent builds failed"
ok "two concurrent builds on one root both succeeded"
b_runs=$(runs '^b ')
(( b_runs >= 10 && b_runs <= 12 )) || fail "concurrent builds ran the changed step $((b_runs - 8)) times (want 2 to 4)"
build after_concurrent
assert_eq "after concurrent builds: the result is cached once" "$b_runs" "$(runs '^b ')"
assert_eq "concurrent builds made the same image" "$(tar -xOf "$WORK/concurrent1.tar" index.json | sha256sum)" \
  "$(tar -xOf "$WORK/concurrent2.tar" index.json | sha256sum)"

# SIGKILL in the middle of a RUN: the next build works and reruns only what did not finish.
# The step's command line carries a marker of this run, so that the clean-up below kills its
# own leftovers only, never another `sleep 30…` on the machine (a developer's `sleep 300`).
kill_marker="manifold-build-cache-test-$$"
cat >>"$ctx/Dockerfile" <<DOCKERFILE
RUN --mount=type=cache,id=counter,target=/count,sharing=locked echo "slow" >>/count/log && sleep 30 # $kill_marker
DOCKERFILE
"$MANIFOLD" build --progress=plain --platform linux/amd64 --output "type=oci,dest=$WORK/killed.tar" "$ctx" \
  >"$WORK/killed.log" 2>&1 &
victim=$!
for _ in $(seq 100); do [[ $(runs '^slow') -ge 1 ]] && break; sleep 0.2; done
[[ $(runs '^slow') -ge 1 ]] || fail "the slow step never started"
kill -9 $victim
wait $victim 2>/dev/null || true
pkill -9 -f "$kill_marker" || true
ok "a build was killed with SIGKILL mid-step"
sed -i "s/sleep 30 # $kill_marker/true/" "$ctx/Dockerfile"
build after_kill
assert_eq "after the kill: steps that had finished were not rerun" "$b_runs" "$(runs '^b ')"
sqlite3 "$MANIFOLD_ROOT/meta.db" 'PRAGMA integrity_check' | grep -qx ok || fail "meta.db is corrupt after SIGKILL"
ok "after the kill: the cache database is intact"

echo "$CHECKS checks passed"
