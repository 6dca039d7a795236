#!/usr/bin/env bash
# Re-push of the big-copy image when the registry already has every blob: requests made and wall
# time, manifold beside `skopeo copy` of the same image in the same run. Not a test.
# usage: bench/repush.sh   (reuses bench/out/layer-data from bench/layer_writer.sh)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
out=$here/out
data=$out/layer-data
[ -e "$data/.complete" ] || { echo "run bench/layer_writer.sh once first to create $data" >&2; exit 1; }

build=$src/build/bench
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMANIFOLD_SANITIZE=OFF -DMANIFOLD_TESTS=OFF -DMANIFOLD_WERROR=OFF >/dev/null
ninja -C "$build" -j2 manifold >/dev/null
bin=$build/src/cli/manifold

state=$(mktemp -d)
trap '"$src/tests/support/registry/stop" "$state"; rm -rf "$state"' EXIT
"$src/tests/support/registry/start" plain "$state"
source "$state/env"
log=$state/registry.log

ctx=$out/big-copy-context
rm -rf "$ctx" && mkdir -p "$ctx"
cp -al "$data/big.bin" "$data/files" "$ctx/"
printf 'FROM scratch\nCOPY . /data\n' > "$ctx/Dockerfile"
printf 'Dockerfile\n' > "$ctx/.dockerignore"
# Without default provenance: each build would otherwise push a fresh statement, not "every blob present".
export MANIFOLD_ROOT=$out/repush-root SOURCE_DATE_EPOCH=1700000000 BUILDX_NO_DEFAULT_ATTESTATIONS=1
rm -rf "$MANIFOLD_ROOT"

"$bin" build --progress=quiet --platform linux/amd64,linux/arm64 --output "type=oci,dest=$out/repush.tar" \
  -t "$REGISTRY/big:1" --push "$ctx" >/dev/null
echo "first push done: $(grep -c '"PUT /v2/big/blobs' "$log") blobs uploaded"

requests() {  # name cmd...: runs cmd, prints wall time and the requests the registry logged for it
  local name=$1; shift
  local before after start end
  before=$(grep -c '" [0-9][0-9][0-9] ' "$log" || true)
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s.%N)
  sleep 0.2  # the access log is written after the response
  after=$(grep -c '" [0-9][0-9][0-9] ' "$log" || true)
  local lines; lines=$(grep '" [0-9][0-9][0-9] ' "$log" | tail -n +$((before + 1)))
  printf '%-44s %6.2f s %4d requests (HEAD %d, GET %d, PUT %d, POST %d, PATCH %d)\n' "$name" \
    "$(echo "$end - $start" | bc -l)" "$((after - before))" \
    "$(grep -c '"HEAD ' <<<"$lines" || true)" "$(grep -c '"GET ' <<<"$lines" || true)" \
    "$(grep -c '"PUT ' <<<"$lines" || true)" "$(grep -c '"POST ' <<<"$lines" || true)" "$(grep -c '"PATCH ' <<<"$lines" || true)"
}
blobs=$(tar -xOf "$out/repush.tar" index.json >/dev/null; tar -tf "$out/repush.tar" | grep -c 'blobs/sha256/.')
echo "the image: $blobs blobs and documents in its OCI archive"
requests "manifold build --push (every blob present)" \
  "$bin" build --progress=quiet --platform linux/amd64,linux/arm64 -t "$REGISTRY/big:1" --push "$ctx"
requests "skopeo copy --all oci-archive -> registry" \
  skopeo copy -q --all --dest-tls-verify=false "oci-archive:$out/repush.tar" "docker://$REGISTRY/big:1"
