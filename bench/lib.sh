# shellcheck shell=bash disable=SC2034  # (the variables set here are for the scripts that source it)
# Helpers shared by the bench scripts (source it; it sets nothing else up and runs nothing).
#   BENCH_DIR BENCH_SRC BENCH_OUT          bench/, the source tree, bench/out (git-ignored)
#   bench_layer_data DIR [MIB FILES]       the layer data set (one MIB MiB random file + FILES
#                                          random files of 1-16 KiB), created once, cached
#   bench_build                            sets MANIFOLD: $MANIFOLD if set, else a Release build
#                                          of this tree in build/bench (ninja -j$BENCH_JOBS, 1)
#   bench_registry_start DIR / _stop DIR   a throwaway plain docker-registry: REGISTRY, REGISTRY_LOG
#   bench_busybox_fixture WORK             the tests' multi-arch busybox layout in WORK/busybox
#                                          (WORK/deb-ARCH keep the unpacked .debs), pushed to
#                                          $REGISTRY/busybox:latest when REGISTRY is set
#   fresh_cache PATH...                    sync, empty the page cache, read PATHs and $MANIFOLD's
#                                          program files back in
#   bench_lazy_libraries                   the libraries manifold dlopens, and their dependencies
#   bench_runtime_files                    the OCI runtime manifold chooses, and its libraries
#   bench_with_libraries PATH              PATH and the shared libraries it links
#   bench_timed CMD...                     run CMD: BENCH_SECONDS, BENCH_RSS_KIB, log in BENCH_LOG
#   bench_median N...                      the median of numbers
#   bench_oci_summary ARCHIVE              what an OCI archive holds (platforms, layers, ...)

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH_SRC=$(cd "$BENCH_DIR/.." && pwd)
BENCH_OUT=$BENCH_DIR/out

bench_die() { echo "bench: $*" >&2; exit 1; }

# bench_layer_data DIR [MIB FILES]: one MIB MiB random file (big.bin) and FILES random files of
# 1-16 KiB in 100 directories (files/NNN/fNNNNN; sizes from a fixed seed), created once; DIR/.complete
# marks a finished set. The default (256, 20000) is the data set of layer_writer.sh and big_copy.sh.
bench_layer_data() {
  local data=$1 mib=${2:-256} files=${3:-20000}
  [[ -e $data/.complete ]] && return 0
  echo "creating data set in $data (one $mib MiB random file + $files random files of 1-16 KiB)" >&2
  rm -rf "$data"
  python3 - "$data" "$mib" "$files" <<'PY'
import os, random, sys
root, mib, files = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(root)
with open(os.path.join(root, "big.bin"), "wb") as f:
    for _ in range(mib):
        f.write(os.urandom(1 << 20))
rng = random.Random(42)
for i in range(files):
    d = os.path.join(root, "files", "%03d" % (i % 100))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "f%05d" % i), "wb") as f:
        f.write(os.urandom(rng.randint(1024, 16384)))
PY
  touch "$data/.complete"
}

# bench_build: MANIFOLD=path runs that binary (no build); otherwise a Release, non-sanitized
# build of this tree in build/bench (ccache when installed; -j1 by default: the machine is shared).
bench_build() {
  if [[ -n ${MANIFOLD:-} ]]; then
    [[ -x $MANIFOLD ]] || bench_die "MANIFOLD=$MANIFOLD is not an executable"
    return 0
  fi
  local build=$BENCH_SRC/build/bench launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  mkdir -p "$BENCH_OUT"
  if ! { cmake -S "$BENCH_SRC" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMANIFOLD_SANITIZE=OFF \
      -DMANIFOLD_TESTS=OFF -DMANIFOLD_WERROR=OFF "${launcher[@]}" &&
    ninja -C "$build" -j"${BENCH_JOBS:-1}" manifold; } >"$BENCH_OUT/build.log" 2>&1; then
    tail -30 "$BENCH_OUT/build.log" >&2
    bench_die "the Release build failed (log: $BENCH_OUT/build.log)"
  fi
  MANIFOLD=$build/src/cli/manifold
}

# bench_registry_start DIR: a plain (HTTP, anonymous) docker-registry on a free port, its state
# and access log (REGISTRY_LOG) in DIR; sets REGISTRY=127.0.0.1:PORT. bench_registry_stop DIR ends it.
bench_registry_start() {
  "$BENCH_SRC/tests/support/registry/start" plain "$1"
  # shellcheck disable=SC1091
  source "$1/env"
  REGISTRY_LOG=$1/registry.log
}
bench_registry_stop() { "$BENCH_SRC/tests/support/registry/stop" "$1"; }

# bench_busybox_fixture WORK: the tests' busybox base (linux/amd64, linux/arm64, linux/arm/v7, made
# from Debian's busybox-static .debs by $MANIFOLD itself) as an OCI layout in WORK/busybox, and
# pushed by skopeo to $REGISTRY/busybox:latest when REGISTRY is set. registry_lib.sh is sourced in
# a child shell: it installs an EXIT trap that removes $WORK.
bench_busybox_fixture() {
  local work=$1
  WORK=$work MANIFOLD=$MANIFOLD MANIFOLD_SOURCE_DIR=$BENCH_SRC bash -c '
    fail() { echo "$*" >&2; exit 1; }; skip() { echo "$*" >&2; exit 1; }
    source "$MANIFOLD_SOURCE_DIR/tests/integration/fixture_lib.sh"
    source "$MANIFOLD_SOURCE_DIR/tests/integration/registry_lib.sh"; trap - EXIT
    fixture_busybox_layout "$WORK/busybox"' || bench_die "the busybox fixture failed"
  if [[ -n ${REGISTRY:-} ]]; then
    skopeo copy -q --all --dest-tls-verify=false "oci:$work/busybox:latest" "docker://$REGISTRY/busybox:latest" ||
      bench_die "skopeo could not push the busybox fixture to $REGISTRY"
  fi
}

# fresh_cache PATH...: every measured line starts from the same state: earlier writeback done,
# the page cache emptied (on this VM a page cache full of earlier runs' files made writes several
# times slower; and ext4 without a journal scans recently deleted inodes when many files are
# created soon after many were deleted, unless the cache was dropped in between), then PATHs read
# back in (directories through tar into a pipe: `tar -cf - DIR >/dev/null` reads no file data,
# GNU tar skips it when the archive is /dev/null) and $MANIFOLD's program files loaded: its own
# pages (`manifold version`, in bench_runtime_files), the OCI runtime's and its libraries
# (bench_runtime_files), and the libraries it opens only when a build needs them
# (bench_lazy_libraries). The machine lines' programs (qemu, busybox, tar) are
# read back in as PATHs, so both sides start with their programs in memory and their data cold.
# BENCH_DROP_CACHES=0 skips the drop (only to try the scripts on a machine others are measuring on).
fresh_cache() {
  local p
  sync
  if [[ ${BENCH_DROP_CACHES:-1} != 0 && -w /proc/sys/vm/drop_caches ]]; then
    echo 3 >/proc/sys/vm/drop_caches
  fi
  for p in "$@"; do
    if [[ -d $p ]]; then
      tar -cf - -C "$p" . | cat >/dev/null
    elif [[ -e $p ]]; then
      cat "$p" >/dev/null
    fi
  done
  if [[ -n ${MANIFOLD:-} ]]; then
    { bench_lazy_libraries; bench_runtime_files; } | xargs -r cat >/dev/null
  fi
}

# bench_runtime_files: the OCI runtime $MANIFOLD chooses (`manifold version`'s "runtime:" line)
# and the libraries it links, one path a line. A memo of the runtime probe (executor/
# probe_memo.hpp) means `manifold version` no longer starts the runtime, so without this every
# cold line read its program from disk: ~10 MB for runc, crun's ten libraries (~3 MB) for crun,
# ~8 ms of the first container start here, where the lines' programs (qemu, busybox) are read
# back in as PATHs.
bench_runtime_files() {
  local name path
  name=$("$MANIFOLD" version 2>/dev/null | sed -n 's/^runtime: \([^ ]*\) .*/\1/p') || true
  [[ -n $name ]] || return 0
  path=$(command -v "$name") || return 0
  bench_with_libraries "$path"
}

# bench_with_libraries PATH: PATH and the files of the shared libraries it links, one a line.
bench_with_libraries() {
  echo "$1"
  ldd "$1" 2>/dev/null | grep -o '/[^ ]*' | grep -v ':$' || true
}

# bench_lazy_libraries: the files of the libraries manifold dlopens on first use (the sonames of
# src/util/crypto_library.cpp, src/content/archive_library.cpp, src/registry/internal/
# curl_library.cpp) and of what they link, one path a line. Without them in the page cache, a
# build after a drop read ~40 files (~15 MB) from disk on its way to the first pull and the
# first unpack (~40 ms on this VM), which `manifold version` never loads.
bench_lazy_libraries() {
  local soname path
  for soname in libcrypto.so.3 libarchive.so.13 libcurl.so.4; do
    path=$(ldconfig -p | awk -v n="$soname" '$1 == n && /x86-64|x86_64|64bit/ { print $NF; exit }')
    [[ -z $path ]] && path=$(ldconfig -p | awk -v n="$soname" '$1 == n { print $NF; exit }')
    [[ -n $path ]] || continue
    bench_with_libraries "$path"
  done | sort -u
}

# bench_timed [NAME=VALUE...] CMD...: runs CMD (with those variables) through bench/timed.py,
# its stdout and stderr in $BENCH_LOG (default: a file in bench/out); sets BENCH_SECONDS (wall,
# from its start to its end: no wrapper process inside the window, where `/usr/bin/time env`
# added ~13 ms) and BENCH_RSS_KIB (peak RSS of the largest process, wait4's ru_maxrss as GNU
# time's %M); returns CMD's exit status.
bench_timed() {
  local result rc=0
  : "${BENCH_LOG:=$BENCH_OUT/last-command.log}"
  result=$(mktemp)
  "$BENCH_SRC/bench/timed.py" "$result" "$BENCH_LOG" "$@" || rc=$?
  read -r BENCH_SECONDS BENCH_RSS_KIB <"$result" || true
  [[ ${BENCH_SECONDS:-} =~ ^[0-9.]+$ ]] || BENCH_SECONDS=0
  [[ ${BENCH_RSS_KIB:-} =~ ^[0-9]+$ ]] || BENCH_RSS_KIB=0
  rm -f "$result"
  return "$rc"
}

# bench_median N...: the median (the mean of the middle two for an even count).
bench_median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
    if (NR == 0) exit 1
    if (NR % 2) printf "%.4f\n", v[(NR + 1) / 2]; else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# bench_oci_summary ARCHIVE: one line of KEY=VALUE about an OCI archive (tar) with one index:
#   index=DIGEST  platforms=N (image manifests, attestation manifests left out)  attestations=N
#   layers=N (distinct layer digests of the platform manifests)  layer_entries=N (how many times the
#   most repeated of those is stored in the archive)  blobs=N (distinct configs and layers of every
#   manifest: what a push HEADs)  puts=N (every manifest, and the index when there is one: what a
#   push PUTs)
bench_oci_summary() {
  python3 - "$1" <<'PY'
import collections, json, sys, tarfile
with tarfile.open(sys.argv[1]) as t:
    names = collections.Counter(m.name.lstrip("./") for m in t.getmembers())
    def blob(d):
        return json.load(t.extractfile("blobs/sha256/" + d.split(":", 1)[1]))
    top = json.load(t.extractfile("index.json"))["manifests"][0]
    doc = blob(top["digest"])
    manifests = doc["manifests"] if "manifests" in doc else [dict(top, _doc=doc)]
    platforms = attestations = 0
    layers, blobs = set(), set()
    for m in manifests:
        man = m.get("_doc") or blob(m["digest"])
        attest = m.get("annotations", {}).get("vnd.docker.reference.type") == "attestation-manifest"
        attestations += attest
        platforms += not attest
        blobs.add(man["config"]["digest"])
        for layer in man["layers"]:
            blobs.add(layer["digest"])
            if not attest:
                layers.add(layer["digest"])
    entries = max((names["blobs/sha256/" + d.split(":", 1)[1]] for d in layers), default=0)
    print("index=%s platforms=%d attestations=%d layers=%d layer_entries=%d blobs=%d puts=%d" % (
        top["digest"], platforms, attestations, len(layers), entries, len(blobs),
        len(manifests) + ("manifests" in doc)))
PY
}
