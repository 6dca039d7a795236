#!/usr/bin/env bash
# examples/bake (3 targets x linux/amd64,linux/arm64, a base stage they share) pushed to a local
# registry from an empty build cache: one `manifold bake --push` (one solve) beside the three
# `manifold build --push` commands a script would run instead, one after another, in the same
# run. Prints wall times and how many RUN steps ran. Not a test.
# usage: bench/bake_shared.sh [RUNS]   (default 3)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
runs=${1:-3}
build=$src/build/bench
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMANIFOLD_SANITIZE=OFF -DMANIFOLD_TESTS=OFF \
  -DMANIFOLD_WERROR=OFF >/dev/null
ninja -C "$build" -j2 manifold >/dev/null
export MANIFOLD=$build/src/cli/manifold MANIFOLD_SOURCE_DIR=$src
# The integration tests' registry and busybox fixture (Debian's busybox-static, three arches).
source "$src/tests/integration/lib.sh"
source "$src/tests/integration/registry_lib.sh"
registry_with_busybox
proj=$WORK/proj
cp -r "$src/examples/bake" "$proj"
cd "$proj"
export REGISTRY=$R TAG=bench BASE_IMAGE=$R/busybox:latest SOURCE_DATE_EPOCH=1700000000

runs_of() { jq -r 'select(.kind == "started" and (.name | contains("] RUN "))) | .vertex' "$1" | sort -u | wc -l; }
seconds() { local start=$1; echo "$(date +%s.%N) - $start" | bc; }
for i in $(seq "$runs"); do
  export MANIFOLD_ROOT=$WORK/root-bake
  rm -rf "$MANIFOLD_ROOT"
  start=$(date +%s.%N)
  "$MANIFOLD" bake --push --progress=rawjson 2>"$WORK/bake.jsonl"
  bake_s=$(seconds "$start")
  bake_runs=$(runs_of "$WORK/bake.jsonl")

  export MANIFOLD_ROOT=$WORK/root-builds
  rm -rf "$MANIFOLD_ROOT"
  : >"$WORK/builds.jsonl"
  common=(--push --progress=rawjson --platform linux/amd64,linux/arm64 --build-arg "BASE_IMAGE=$BASE_IMAGE"
          --label org.opencontainers.image.source=https://example.invalid/shop)
  start=$(date +%s.%N)
  "$MANIFOLD" build "${common[@]}" --target app -t "$R/app:bench" . 2>>"$WORK/builds.jsonl"
  "$MANIFOLD" build "${common[@]}" --target worker -t "$R/worker:bench" . 2>>"$WORK/builds.jsonl"
  "$MANIFOLD" build "${common[@]}" -t "$R/migrate:bench" migrate 2>>"$WORK/builds.jsonl"
  builds_s=$(seconds "$start")
  builds_runs=$(runs_of "$WORK/builds.jsonl")
  printf 'run %d: bake %.2f s (%d RUN steps ran)   3 x build %.2f s (%d RUN steps ran)   ratio %.2f\n' \
    "$i" "$bake_s" "$bake_runs" "$builds_s" "$builds_runs" "$(echo "$builds_s / $bake_s" | bc -l)"
done
