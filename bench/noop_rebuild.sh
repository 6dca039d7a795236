#!/usr/bin/env bash
# Warm no-op rebuilds: the emulated-run workload (a RUN loop, linux/amd64 + linux/arm64) and the
# big-copy workload (a 422 MiB COPY, 2 platforms) built once, then again with nothing changed:
# wall time (median of 5) and peak RSS, with an OCI-dir output and with a push to the local
# registry whose blobs are already there; beside `buildah build --layers` on the same
# workloads in the same run. Not a test.
# usage: bench/noop_rebuild.sh   (needs root, docker-registry, skopeo, qemu-user-static;
#        bench/layer_writer.sh once before, for the big-copy data)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
out=$here/out
build=$src/build/bench
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMANIFOLD_SANITIZE=OFF -DMANIFOLD_TESTS=OFF -DMANIFOLD_WERROR=OFF >/dev/null
ninja -C "$build" -j"${BENCH_JOBS:-1}" manifold >/dev/null  # -j1 by default: the machine is shared
bin=$build/src/cli/manifold
"$bin" binfmt install arm64 >/dev/null

state=$(mktemp -d)
work=$(mktemp -d)
trap '"$src/tests/support/registry/stop" "$state"; rm -rf "$state" "$work"' EXIT
"$src/tests/support/registry/start" plain "$state"
source "$state/env"
WORK=$work MANIFOLD=$bin MANIFOLD_SOURCE_DIR=$src bash -c 'fail() { echo "$*" >&2; exit 1; }; skip() { echo "$*" >&2; exit 1; };
  source "$MANIFOLD_SOURCE_DIR/tests/integration/registry_lib.sh"; trap - EXIT; fixture_busybox_layout "$WORK/busybox"'
skopeo copy -q --all --dest-tls-verify=false "oci:$work/busybox:latest" "docker://$REGISTRY/busybox:latest"

median_run() {  # median_run CMD...: prints "seconds rss_kib" of the median of 5 runs
  local times=() rss=0 r
  for _ in 1 2 3 4 5; do
    local start end f
    f=$(mktemp)
    start=$(date +%s.%N)
    /usr/bin/time -o "$f" -f %M "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; cat "$f" >&2; exit 1; }
    end=$(date +%s.%N)
    r=$(tail -1 "$f"); rm -f "$f"
    (( r > rss )) && rss=$r
    times+=("$(echo "$end - $start" | bc -l)")
  done
  printf '%s %s\n' "$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)" "$rss"
}
row() { printf '%-58s %7.3f s %6d MiB\n' "$1" "$2" "$(($3 / 1024))"; }

workload() {  # workload NAME CONTEXT
  local name=$1 ctx=$2 m b
  export MANIFOLD_ROOT=$work/root-$name
  "$bin" build --progress=quiet --platform linux/amd64,linux/arm64 --output "type=oci,dest=$work/$name-oci,tar=false" "$ctx" >/dev/null
  "$bin" build --progress=quiet --platform linux/amd64,linux/arm64 -t "$REGISTRY/$name:1" --push "$ctx" >/dev/null
  read -r m rss < <(median_run "$bin" build --progress=quiet --platform linux/amd64,linux/arm64 \
    --output "type=oci,dest=$work/$name-oci,tar=false" "$ctx")
  row "$name: manifold warm no-op rebuild -> oci dir" "$m" "$rss"
  local oci=$m
  read -r m rss < <(median_run "$bin" build --progress=quiet --platform linux/amd64,linux/arm64 -t "$REGISTRY/$name:1" --push "$ctx")
  row "$name: manifold warm no-op rebuild -> push (blobs present)" "$m" "$rss"
  if command -v buildah >/dev/null; then
    local bstore=(--root "$work/buildah-$name" --runroot "$work/buildah-run-$name")
    local bargs=(build --layers --runtime runc --tls-verify=false --platform linux/amd64,linux/arm64 --manifest "bench-$name-$RANDOM")
    buildah "${bstore[@]}" "${bargs[@]}" "$ctx" >/dev/null 2>&1 || { echo "buildah build failed: no peer line"; return; }
    read -r b rss < <(median_run buildah "${bstore[@]}" build --layers --runtime runc --tls-verify=false \
      --platform linux/amd64,linux/arm64 "$ctx")
    row "$name: buildah --layers warm no-op rebuild" "$b" "$rss"
    printf '%-58s %7.1fx\n' "$name: manifold (oci dir) is faster than buildah by" "$(echo "$b / $oci" | bc -l)"
  else
    echo "buildah is not installed: no peer line"
  fi
}

mkdir -p "$work/emulated"
printf 'FROM %s/busybox:latest\nRUN sh -c '"'"'i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done'"'"'\n' "$REGISTRY" >"$work/emulated/Dockerfile"
workload emulated "$work/emulated"

data=$out/layer-data
if [[ -e $data/.complete ]]; then
  mkdir -p "$work/bigcopy"
  cp -al "$data/big.bin" "$data/files" "$work/bigcopy/"
  printf 'FROM %s/busybox:latest\nCOPY . /data\n' "$REGISTRY" >"$work/bigcopy/Dockerfile"
  printf 'Dockerfile\n' >"$work/bigcopy/.dockerignore"
  workload bigcopy "$work/bigcopy"
else
  echo "no big-copy data: run bench/layer_writer.sh once for the big-copy rows"
fi
