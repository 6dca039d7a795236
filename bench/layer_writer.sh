#!/bin/bash
# Layer writer benchmark: manifold's tar+gzip/zstd layer path against the machine's own
# `tar | pigz -p2 | sha256sum` and `tar | sha256sum` on the same data, in the same run.
# usage: bench/layer_writer.sh [DATA_DIR]   (default: a generated data set, cached in bench/out)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
out=$here/out
mkdir -p "$out"

# shellcheck source=bench/lib.sh
source "$here/lib.sh"
data=${1:-$out/layer-data}
# The data set (one 256 MiB random file + 20,000 random files of 1-16 KiB), created once.
if [ -z "${1:-}" ]; then bench_layer_data "$data" 256 20000; fi

build=$src/build/bench
if [ ! -x "$build/bench/layer_writer" ] || [ "${REBUILD:-1}" = 1 ]; then
  cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMANIFOLD_SANITIZE=OFF -DMANIFOLD_WERROR=OFF \
    -DMANIFOLD_TESTS=OFF >/dev/null
  ninja -C "$build" -j2 layer_writer >/dev/null
fi
bin=$build/bench/layer_writer

# Same page-cache state for everyone: read the data once first.
tar -cf - -C "$data" . >/dev/null
tar_bytes=$(tar -cf - -C "$data" . | wc -c)
store=$out/layer-store
runs=${RUNS:-3}

# timed NAME CMD...: best wall time of $runs runs; peak RSS (largest process) of that run.
printf '%-44s %8s %9s %10s %12s\n' "line (data: $((tar_bytes / 1000000)) MB of tar)" "wall s" "MB/s" "peak RSS" "output MB"
timed() {
  local name=$1 outsize=$2; shift 2
  local best="" best_rss=""
  for _ in $(seq "$runs"); do
    rm -rf "$store"
    /usr/bin/time -f '%e %M' -o "$out/time.txt" bash -c "$*" >"$out/run.txt"
    read -r wall rss <"$out/time.txt"
    if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then best=$wall best_rss=$rss; fi
  done
  local size=$outsize
  if [ "$outsize" = "-" ]; then size=$(sed -n 's/.*blob_bytes=\([0-9]*\).*/\1/p' "$out/run.txt"); fi
  printf '%-44s %8.2f %9.1f %7d MiB %12s\n' "$name" "$best" \
    "$(awk "BEGIN{print $tar_bytes/1e6/$best}")" "$((best_rss / 1024))" \
    "$(awk "BEGIN{printf \"%.1f\", $size/1e6}")"
}

pigz_size=$(tar -cf - -C "$data" . | pigz -p2 | wc -c)
timed "manifold gzip (default level) -> null+sha256" - "$bin $data --compression gzip"
timed "manifold gzip (default level) -> store" - "$bin $data --compression gzip --store $store"
timed "manifold gzip level 6 -> null+sha256" - "$bin $data --compression gzip --level 6"
timed "manifold zstd (level 3) -> null+sha256" - "$bin $data --compression zstd"
timed "manifold zstd (level 3) -> store" - "$bin $data --compression zstd --store $store"
timed "tar -cf - DIR | pigz -p2 | sha256sum" "$pigz_size" "tar -cf - -C $data . | pigz -p2 | sha256sum"
timed "tar -cf - DIR | sha256sum" "$tar_bytes" "tar -cf - -C $data . | sha256sum"
rm -rf "$store"

# Ratio on compressible data (the random data set above does not compress at all).
ratio_dir=${RATIO_DIR:-/usr/include}
if [ -d "$ratio_dir" ]; then
  raw=$(tar -cf - -C "$ratio_dir" . | wc -c)
  echo
  echo "compression ratio on $ratio_dir ($((raw / 1000000)) MB of tar): compressed/raw"
  for spec in "pigz -6 (pigz -p2):tar -cf - -C $ratio_dir . | pigz -p2 | wc -c" \
              "manifold gzip default (igzip 1):$bin $ratio_dir --compression gzip" \
              "manifold gzip level 6 (igzip 2):$bin $ratio_dir --compression gzip --level 6" \
              "manifold gzip level 9 (igzip 3):$bin $ratio_dir --compression gzip --level 9" \
              "manifold zstd level 3:$bin $ratio_dir --compression zstd"; do
    name=${spec%%:*} cmd=${spec#*:}
    start=$(date +%s.%N)
    res=$(bash -c "$cmd")
    end=$(date +%s.%N)
    size=$(echo "$res" | sed -n 's/.*blob_bytes=\([0-9]*\).*/\1/p')
    [ -z "$size" ] && size=$res
    printf '  %-34s %6.3f  (%.2f s)\n' "$name" "$(awk "BEGIN{print $size/$raw}")" \
      "$(awk "BEGIN{print $end-$start}")"
  done
fi
