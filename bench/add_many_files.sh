#!/usr/bin/env bash
# ADD of a tar with many small entries: manifold's whole build (FROM scratch + ADD, output
# type=oci), beside GNU tar extracting the same archive, and GNU tar extracting it and then
# writing the tree back as a gzip layer (the work a build does besides). Not a test.
# usage: bench/add_many_files.sh [ENTRIES...]   (default: 10000 50000 100000)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
out=$here/out/add-many-files
counts=("${@:-10000 50000 100000}")
read -r -a counts <<<"${counts[*]}"

# MANIFOLD=path runs that binary instead of a Release build of this tree.
if [[ -z "${MANIFOLD:-}" ]]; then
  build=$src/build/bench
  cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMANIFOLD_SANITIZE=OFF -DMANIFOLD_TESTS=OFF -DMANIFOLD_WERROR=OFF >/dev/null
  ninja -C "$build" -j1 manifold >/dev/null  # -j1: the machine is shared
fi
bin=${MANIFOLD:-$build/src/cli/manifold}

echo "# $(uname -r), $(nproc) CPUs, $(df -T "$here" | awk 'NR==2 {print $2}') under $here"
printf '%-8s %10s %10s %8s %14s %8s\n' entries manifold "tar -x" ratio "tar -x; -cz" ratio
for n in "${counts[@]}"; do
  rm -rf "$out" && mkdir -p "$out/ctx" "$out/tree"
  # 100 directories of n/100 files of a few bytes each: a node_modules-like shape.
  python3 - "$out/ctx/many.tar" "$n" <<'PY'
import io, sys, tarfile
path, n = sys.argv[1], int(sys.argv[2])
with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as t:
    for d in range(100):
        info = tarfile.TarInfo(f"d{d}"); info.type = tarfile.DIRTYPE; info.mode = 0o755; t.addfile(info)
    for i in range(n):
        data = b"%d\n" % i
        info = tarfile.TarInfo(f"d{i % 100}/file{i}"); info.size = len(data); info.mode = 0o644
        t.addfile(info, io.BytesIO(data))
PY
  printf 'FROM scratch\nADD many.tar /x/\n' >"$out/ctx/Dockerfile"
  sync
  start=$(date +%s.%N)
  MANIFOLD_ROOT="$out/root" "$bin" build --progress=quiet --output "type=oci,dest=$out/img.tar" "$out/ctx" >/dev/null
  manifold=$(echo "$(date +%s.%N) - $start" | bc -l)
  sync
  start=$(date +%s.%N)
  tar -xf "$out/ctx/many.tar" -C "$out/tree"
  gnu=$(echo "$(date +%s.%N) - $start" | bc -l)
  sync
  start=$(date +%s.%N)
  tar -czf "$out/layer.tar.gz" -C "$out/tree" .
  both=$(echo "$(date +%s.%N) - $start + $gnu" | bc -l)
  printf '%-8s %9.2fs %9.2fs %7.1fx %13.2fs %7.1fx\n' "$n" "$manifold" "$gnu" "$(echo "$manifold / $gnu" | bc -l)" \
    "$both" "$(echo "$manifold / $both" | bc -l)"
done
rm -rf "$out"
