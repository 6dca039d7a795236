#!/usr/bin/env bash
# ADD of a local archive is bounded (a decompression bomb must not fill the disk): bytes counted
# as written (holes of sparse files included) and entries, each limit overridable in the
# environment (MANIFOLD_ADD_MAX_EXTRACT, MANIFOLD_ADD_MAX_ENTRIES). A refused ADD names the step,
# the archive, the limit and how to raise it, and leaves no scratch dir, diff dir or output.
source "$(dirname "$0")/lib.sh"
need_builds
need python3
need zstd
need jq

ctx="$WORK/ctx" out="$WORK/out"
mkdir -p "$ctx" "$out"
build() { "$MANIFOLD" build --progress=plain --no-cache --output "type=oci,dest=$out/$1.tar" "$ctx"; }

# Everything a build leaves under MANIFOLD_ROOT besides the content store and the metadata:
# scratch dirs of snapshots and diff dirs (earlier successful builds' stay cached). A refused
# ADD must add none.
leftovers() {
  [[ -d "$MANIFOLD_ROOT" ]] || return 0
  find "$MANIFOLD_ROOT" -mindepth 1 \( -path "$MANIFOLD_ROOT/content" -o -name "meta.db*" -o -name "*.lock" \
    -o -name overlay-works \) -prune -o -print | LC_ALL=C sort |
    grep -vxF -e "$MANIFOLD_ROOT/cache" -e "$MANIFOLD_ROOT/snapshots" -e "$MANIFOLD_ROOT/snapshots/diffs" || true
}
# expect_refused WHAT NEEDLE...: the build fails, its error says every NEEDLE, nothing is left.
expect_refused() {
  local what=$1 err rc=0 before
  shift
  before=$(leftovers)
  err=$(build refused 2>&1 >/dev/null) || rc=$?
  [[ $rc != 0 ]] || fail "$what: the build succeeded"
  local needle
  for needle in "$@"; do [[ "$err" == *"$needle"* ]] || fail "$what: error does not mention [$needle]: $err"; done
  [[ ! -e "$out/refused.tar" ]] || fail "$what: a refused build wrote its output"
  local left
  left=$(comm -13 <(echo "$before") <(leftovers))
  [[ -z "$left" ]] || fail "$what: left behind: $left"
  ok "$what"
}

# A gzip bomb of 8 files of 8 MiB of zeros (~70 KiB): none alone reaches a 20 MiB limit, so
# this proves that bytes are counted as they are written, not only as declared.
python3 - "$ctx/bomb.tar.gz" <<'PY'
import gzip, io, sys, tarfile
class Zeros(io.RawIOBase):
    def __init__(self, n): self.left = n
    def readable(self): return True
    def readinto(self, b):
        n = min(len(b), self.left); b[:n] = bytes(n); self.left -= n; return n
with gzip.open(sys.argv[1], "wb", compresslevel=1) as z, tarfile.open(fileobj=z, mode="w|") as t:
    for i in range(8):
        info = tarfile.TarInfo(f"zero{i}"); info.size = 8 << 20
        t.addfile(info, io.BufferedReader(Zeros(info.size), 1 << 20))
PY
printf 'FROM scratch\nADD bomb.tar.gz /x/\n' >"$ctx/Dockerfile"
MANIFOLD_ADD_MAX_EXTRACT=20M expect_refused "a gzip bomb stops at MANIFOLD_ADD_MAX_EXTRACT" \
  "stage-0 1/1] ADD bomb.tar.gz /x/" "extracting bomb.tar.gz" "more than 20.0 MiB (20971520 bytes)" \
  "MANIFOLD_ADD_MAX_EXTRACT=<size>"
MANIFOLD_ADD_MAX_EXTRACT=100m build raised >/dev/null 2>"$WORK/raised.log" || { cat "$WORK/raised.log"; fail "raised limit"; }
ok "the same archive extracts under a raised limit (64 MiB of files)"
rm -f "$out/raised.tar"
MANIFOLD_ADD_MAX_EXTRACT=lots expect_refused "a malformed limit is refused" "MANIFOLD_ADD_MAX_EXTRACT=\"lots\""

# At the default limit (100 times the archive's size, at least 1 GiB): a zstd bomb (~40 KiB)
# whose one file declares 1.1 GiB is refused before a byte is written. The tar is made sparse
# (header, then holes for the data and the end blocks) so that no 1.1 GiB goes through a pipe.
python3 -c 'import sys, tarfile; i = tarfile.TarInfo("big"); i.size = 1100 << 20; open(sys.argv[1], "wb").write(i.tobuf())' \
  "$WORK/bomb.tar"
truncate -s $((512 + (1100 << 20) + 1024)) "$WORK/bomb.tar"
zstd -q -1 --rm "$WORK/bomb.tar" -o "$ctx/bomb.tar.zst"
printf 'FROM scratch\nADD bomb.tar.zst /x/\n' >"$ctx/Dockerfile"
expect_refused "a zstd bomb is refused at the default limit" "extracting bomb.tar.zst" "more than 1.0 GiB"

# A sparse file declaring 1 TiB in a tiny tar: the holes count (they become bytes in the layer).
truncate -s 1T "$WORK/sparse"
tar -C "$WORK" --sparse -cf "$ctx/sparse.tar" sparse
rm -f "$WORK/sparse"
printf 'FROM scratch\nADD sparse.tar /x/\n' >"$ctx/Dockerfile"
expect_refused "a sparse file's holes count" "extracting sparse.tar" "more than 1.0 GiB"

# Entries: 3000 empty files against MANIFOLD_ADD_MAX_ENTRIES=1000.
mkdir -p "$WORK/many" && (cd "$WORK/many" && touch $(seq -f 'e%g' 1 3000))
tar -C "$WORK/many" -czf "$ctx/many.tar.gz" .
printf 'FROM scratch\nADD many.tar.gz /x/\n' >"$ctx/Dockerfile"
MANIFOLD_ADD_MAX_ENTRIES=1000 expect_refused "entries are bounded" "more than 1000 entries" "MANIFOLD_ADD_MAX_ENTRIES=<count>"
build many >/dev/null 2>"$WORK/many.log" || { cat "$WORK/many.log"; fail "3000 entries under the default limit"; }
mkdir -p "$WORK/layout" && tar -xf "$out/many.tar" -C "$WORK/layout"
manifest=$(jq -r '.manifests[0].digest' "$WORK/layout/index.json")
layer=$(jq -r '.layers[0].digest' "$WORK/layout/blobs/sha256/${manifest#sha256:}")
assert_eq "the default limits let an ordinary archive through" 3000 \
  "$(tar -tzf "$WORK/layout/blobs/sha256/${layer#sha256:}" | grep -c '^x/e')"
