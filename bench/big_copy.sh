#!/usr/bin/env bash
# The big-copy build: FROM scratch + COPY . /data of the layer data set (one 256 MiB random
# file + 20,000 random 1-16 KiB files) for linux/amd64,linux/arm64 into an OCI archive, beside
# the machine's own limits on the same data in the same run. Not a test.
# usage: bench/big_copy.sh   (reuses bench/out/layer-data from bench/layer_writer.sh)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
out=$here/out
data=$out/layer-data
[ -e "$data/.complete" ] || { echo "run bench/layer_writer.sh once first to create $data" >&2; exit 1; }

build=$src/build/bench
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMANIFOLD_SANITIZE=OFF -DMANIFOLD_TESTS=OFF -DMANIFOLD_WERROR=OFF >/dev/null
ninja -C "$build" -j1 manifold >/dev/null  # -j1: the machine is shared
bin=$build/src/cli/manifold

ctx=$out/big-copy-context
rm -rf "$ctx" && mkdir -p "$ctx"
cp -al "$data/big.bin" "$data/files" "$ctx/"
printf 'FROM scratch\nCOPY . /data\n' > "$ctx/Dockerfile"
printf 'Dockerfile\n' > "$ctx/.dockerignore"
bytes=$(du -sb --exclude=Dockerfile --exclude=.dockerignore "$ctx" | cut -f1)
cat "$ctx"/big.bin >/dev/null; tar -cf - -C "$ctx" . | cat >/dev/null  # warm the page cache for all

row() {  # name seconds rss_kib
  printf '%-46s %7.2f s %8.1f MB/s %7d MiB\n' "$1" "$2" "$(echo "$bytes / $2 / 1000000" | bc -l)" "$(($3 / 1024))"
}
# Every line starts from the same state: earlier runs' writeback done, the page cache emptied
# (on this VM a page cache holding GBs of earlier runs' files makes every write several times
# slower: `cp -a` of the context took 18 s instead of 3.4 s), then the context read back in.
fresh_cache() {
  sync
  [[ -w /proc/sys/vm/drop_caches ]] && echo 3 >/proc/sys/vm/drop_caches
  cat "$ctx"/big.bin >/dev/null
  tar -cf - -C "$ctx" . | cat >/dev/null
}
timed() {  # name cmd...
  local name=$1; shift
  local start end rss rss_file
  rss_file=$(mktemp)
  fresh_cache
  start=$(date +%s.%N)
  # -o: time's report goes to a file; the command's own stderr is discarded (it was mixed up
  # with the report and sent to /dev/null before, so the RSS column read 0).
  /usr/bin/time -o "$rss_file" -f %M "$@" >/dev/null 2>/dev/null || true
  end=$(date +%s.%N)
  rss=$(tail -1 "$rss_file"); rm -f "$rss_file"
  row "$name" "$(echo "$end - $start" | bc -l)" "${rss:-0}"
}
export MANIFOLD_ROOT=$out/bench-root
rm -rf "$MANIFOLD_ROOT"
echo "context: $bytes bytes"
timed "manifold build (2 platforms, gzip) -> oci tar" \
  "$bin" build --progress=quiet --platform linux/amd64,linux/arm64 --output "type=oci,dest=$out/big.tar" "$ctx"
timed "tar -cf - DIR | pigz -p2 | sha256sum" bash -c "tar -cf - -C '$ctx' . | pigz -p2 | sha256sum"
timed "tar -cf - DIR | sha256sum" bash -c "tar -cf - -C '$ctx' . | sha256sum"
echo "layers in the archive: $(tar -tf "$out/big.tar" | grep -c 'blobs/sha256/') blobs (the shared layer is one)"
