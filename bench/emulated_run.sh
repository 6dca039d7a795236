#!/usr/bin/env bash
# The emulated-run workload: a CPU-bound shell loop in RUN on the multi-arch busybox base, for
# linux/amd64 and linux/arm64 at once: each platform's step time, the emulation factor, and the
# total (≈ the slowest platform when they run concurrently, not the sum). Not a test.
# usage: bench/emulated_run.sh   (needs root, docker-registry, skopeo, qemu-user-static)
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
# The same base image the tests use (made from Debian's busybox-static .debs, pushed by skopeo).
WORK=$work MANIFOLD=$bin MANIFOLD_SOURCE_DIR=$src bash -c 'fail() { echo "$*" >&2; exit 1; }; skip() { echo "$*" >&2; exit 1; };
  source "$MANIFOLD_SOURCE_DIR/tests/integration/registry_lib.sh"; trap - EXIT; fixture_busybox_layout "$WORK/busybox"'
skopeo copy -q --all --dest-tls-verify=false "oci:$work/busybox:latest" "docker://$REGISTRY/busybox:latest"

mkdir -p "$work/ctx"
printf 'FROM %s/busybox:latest\nRUN sh -c '"'"'i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done'"'"'\n' "$REGISTRY" >"$work/ctx/Dockerfile"
export MANIFOLD_ROOT=$work/root
start=$(date +%s.%N)
"$bin" build --progress=plain --platform linux/amd64,linux/arm64 --output "type=local,dest=$work/out" "$work/ctx" 2>"$work/log"
total=$(echo "$(date +%s.%N) - $start" | bc -l)
step() {  # the RUN step's time for one platform, from the plain progress
  local id
  id=$(grep -E "^#[0-9]+ \[$1 stage-0 2/2\] RUN" "$work/log" | head -1 | cut -d' ' -f1)
  grep -E "^$id DONE" "$work/log" | sed -E 's/.* DONE ([0-9.]+)s/\1/'
}
amd64=$(step linux/amd64)
arm64=$(step linux/arm64)
printf 'RUN loop, linux/amd64 (native)     %6.1f s\n' "$amd64"
printf 'RUN loop, linux/arm64 (QEMU)       %6.1f s   emulation factor %.1fx\n' "$arm64" "$(echo "$arm64 / $amd64" | bc -l)"
printf 'whole build, both platforms        %6.1f s   (sum of the steps: %.1f s)\n' "$total" "$(echo "$amd64 + $arm64" | bc -l)"
if command -v buildah >/dev/null; then
  # The same Dockerfile from the same registry; buildah's storage in the scratch dir, so the
  # base is pulled by both tools within the measured time.
  bstore=(--root "$work/buildah" --runroot "$work/buildah-run")
  start=$(date +%s.%N)
  # runc, as manifold uses here: crun (buildah's default) fails on this VM's hybrid cgroups.
  if ! buildah "${bstore[@]}" build --runtime runc --tls-verify=false --platform linux/amd64,linux/arm64 --manifest bench-emulated \
    "$work/ctx" >"$work/buildah.log" 2>&1; then
    tail -5 "$work/buildah.log"
    echo "buildah build failed: no peer line"
  else
    btotal=$(echo "$(date +%s.%N) - $start" | bc -l)
    printf 'buildah build, both platforms      %6.1f s   manifold is %.1fx faster\n' "$btotal" "$(echo "$btotal / $total" | bc -l)"
  fi
  buildah "${bstore[@]}" rm --all >/dev/null 2>&1 || true
else
  echo "buildah is not installed: no peer line"
fi
