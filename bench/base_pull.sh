#!/usr/bin/env bash
# What a cold build pays for its base image, in two rows, each beside its machine line:
#   unpack    FROM an image of /usr/include (one ~130 MB layer, ~22 MB gzip) + busybox, one RUN,
#             linux/amd64, cold root -> OCI archive; beside `tar -xzf` of the same layer blob
#   metadata  FROM busybox (3 platforms: amd64, arm64, arm/v7) + LABEL, through a registry made
#             DELAY_MS away each way (bench/delay_proxy.py); when the last platform's "load
#             metadata" ends, beside 3 round trips (the tag, then a manifest, then its config: the
#             least any client waits for one platform)
# usage: bench/base_pull.sh   (root, docker-registry, skopeo; MANIFOLD=PATH measures that binary)
# env: BENCH_RUNS=N (3, the median is kept), DELAY_MS (10)
# shellcheck disable=SC2016  # bash -c '... "$1" ...' _ ARG: expanded by that shell, on purpose
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
[[ $(id -u) == 0 ]] || bench_die "needs root (drop_caches, RUN)"
command -v skopeo >/dev/null || bench_die "skopeo is needed (apt-get install skopeo)"
bench_build
runs=${BENCH_RUNS:-3} delay=${DELAY_MS:-10}
WORK=$BENCH_OUT/base-pull-work
proxy_pid=
cleanup() {
  [[ -n $proxy_pid ]] && kill "$proxy_pid" 2>/dev/null
  [[ -f $WORK/registry/env ]] && bench_registry_stop "$WORK/registry"
  rm -rf "$WORK"
}
trap cleanup EXIT
rm -rf "$WORK"
mkdir -p "$WORK"
bench_registry_start "$WORK/registry"
bench_busybox_fixture "$WORK" >/dev/null

# The base image, made and pushed once.
mkdir -p "$WORK/base" "$WORK/layout"
cp -a /usr/include "$WORK/base/include"
cp "$WORK/deb-amd64/bin/busybox" "$WORK/base/busybox"
printf 'FROM scratch\nCOPY busybox /bin/busybox\nCOPY include /usr/include\n' >"$WORK/base/Dockerfile"
MANIFOLD_ROOT=$WORK/root-base "$MANIFOLD" build --progress=quiet --platform linux/amd64 \
  --output "type=oci,dest=$WORK/layout,tar=false" "$WORK/base" >/dev/null
skopeo copy -q --dest-tls-verify=false "oci:$WORK/layout" "docker://$REGISTRY/base:1"
rm -rf "$WORK/root-base"
layer=$(find "$WORK/layout/blobs/sha256" -type f -printf '%s %p\n' | sort -n | tail -1 | cut -d' ' -f2)
mkdir -p "$WORK/run"
printf 'FROM %s/base:1\nRUN ["/bin/busybox", "true"]\n' "$REGISTRY" >"$WORK/run/Dockerfile"

ts=() ls=()
for ((i = 1; i <= runs; i++)); do
  rm -rf "$WORK/root" "$WORK/out.tar" "$WORK/x"
  fresh_cache "$WORK/run"
  bench_timed MANIFOLD_ROOT="$WORK/root" "$MANIFOLD" build --progress=plain --platform linux/amd64 \
    --output "type=oci,dest=$WORK/out.tar" "$WORK/run" || bench_die "the build failed: $(tail -5 "$BENCH_LOG")"
  ts+=("$BENCH_SECONDS")
  rm -rf "$WORK/root" "$WORK/out.tar"
  fresh_cache "$layer"
  bench_timed bash -c 'mkdir -p "$1" && tar -xzf "$2" -C "$1"' _ "$WORK/x" "$layer" || bench_die "tar -xzf failed"
  ls+=("$BENCH_SECONDS")
  echo "  unpack run $i: manifold $(printf '%.3f' "${ts[-1]}") s, tar -xzf $(printf '%.3f' "${ls[-1]}") s"
done
t=$(bench_median "${ts[@]}") l=$(bench_median "${ls[@]}")

proxy_out=$WORK/proxy.port
python3 "$BENCH_DIR/delay_proxy.py" "$REGISTRY" "$delay" >"$proxy_out" &
proxy_pid=$!
for _ in $(seq 50); do [[ -s $proxy_out ]] && break; sleep 0.1; done
far=127.0.0.1:$(head -1 "$proxy_out")
rtt=$(curl -s -o /dev/null -w '%{time_total}' "http://$far/v2/")
mkdir -p "$WORK/meta"
printf 'FROM %s/busybox:latest\nLABEL probe=1\n' "$far" >"$WORK/meta/Dockerfile"
ms=()
for ((i = 1; i <= runs; i++)); do
  rm -rf "$WORK/root"
  BENCH_LOG=$WORK/meta.log bench_timed MANIFOLD_ROOT="$WORK/root" "$MANIFOLD" build --progress=rawjson \
    --platform linux/amd64,linux/arm64,linux/arm/v7 --output "type=oci,dest=$WORK/meta.tar" "$WORK/meta" ||
    bench_die "the metadata build failed: $(tail -5 "$WORK/meta.log")"
  ms+=("$(python3 -c '
import json, sys
print(max(e["elapsed"] for e in map(json.loads, (l for l in open(sys.argv[1]) if l.startswith("{")))
          if e.get("kind") == "done" and "load metadata" in e.get("name", "")))' "$WORK/meta.log")")
  echo "  metadata run $i: last 'load metadata' done at $(printf '%.3f' "${ms[-1]}") s, the build $(printf '%.3f' "$BENCH_SECONDS") s"
done
m=$(bench_median "${ms[@]}")

echo
printf '| row | manifold | machine line | ratio |\n|---|---|---|---|\n'
printf '| unpack: cold FROM of a %s MiB gzip layer + RUN | %.3f s | `tar -xzf` of the layer %.3f s | %.2fx |\n' \
  "$(($(stat -c %s "$layer") >> 20))" "$t" "$l" "$(awk -v a="$t" -v b="$l" 'BEGIN { print a / b }')"
printf '| metadata: 3 platforms, registry %s ms away each way | %.3f s | 3 round trips %.3f s | %.2fx |\n' \
  "$delay" "$m" "$(awk -v r="$rtt" 'BEGIN { print 3 * r }')" "$(awk -v a="$m" -v r="$rtt" 'BEGIN { print a / (3 * r) }')"
