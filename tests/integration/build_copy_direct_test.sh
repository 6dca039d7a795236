#!/usr/bin/env bash
# Direct COPY layers (a COPY from the context into an empty layer, FROM scratch or --link,
# written as its blob in the pass that reads the context): archives byte-identical to the slow
# path's (MANIFOLD_COPY_DIRECT=0), files visible to later stages, RUN and local outputs, the
# cache, and a compression change on a cache hit.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/registry_lib.sh"
need_builds
need jq
need skopeo

export SOURCE_DATE_EPOCH=1700000000
ctx=$WORK/ctx
mkdir -p "$ctx/dir/sub" "$ctx/empty" "$ctx/ignored" "$ctx/bin" "$WORK/outside"
head -c $((9 << 20)) /dev/urandom >"$ctx/big"
for i in $(seq 1 40); do head -c $((i * 97)) /dev/urandom >"$ctx/dir/f$i"; done
echo "hello from the context" >"$ctx/dir/a.txt"
echo nested >"$ctx/dir/sub/n.txt"
printf '#!/bin/sh\necho hi\n' >"$ctx/bin/run.sh"
chmod 4755 "$ctx/bin/run.sh"
chmod 1777 "$ctx/dir/sub"
ln -s ../dir/a.txt "$ctx/bin/link"
echo "two names" >"$ctx/hard1"
ln "$ctx/hard1" "$ctx/dir/hard2"
echo "twin outside" >"$ctx/twin"
ln "$ctx/twin" "$WORK/outside/twin"  # nlink 2, one name in the context (a cp -al farm)
setfattr -n user.note -v hello "$ctx/dir/a.txt" 2>/dev/null || true
echo drop >"$ctx/ignored/drop"
echo keep >"$ctx/ignored/keep"
echo tmp >"$ctx/x.tmp"
touch -d @1600000000 "$ctx/dir/f1"
touch -d @1800000000 "$ctx/dir/f2"  # after SOURCE_DATE_EPOCH: clamped
printf 'Dockerfile*\nignored\n!ignored/keep\n*.tmp\n' >"$ctx/.dockerignore"
cat >"$ctx/Dockerfile" <<'EOF'
FROM scratch
COPY . /data
COPY --chmod=0640 --chown=1000:1000 dir /chowned/
COPY --link big /linked/big
COPY --link dir/a* /a/b/c/
COPY --link hard1 twin bin /several/
EOF

build() {  # build ROOT LOG ARGS...: one build on its own MANIFOLD_ROOT
  local root=$1 log=$2
  shift 2
  MANIFOLD_ROOT="$WORK/$root" "$MANIFOLD" build --progress=plain "$@" 2>"$WORK/$log" ||
    { cat "$WORK/$log"; fail "build ($root, $log)"; }
}
platforms=linux/amd64,linux/arm64

MANIFOLD_COPY_DIRECT=0 build slow slow.log --platform $platforms -o "type=oci,dest=$WORK/slow.tar" "$ctx"
build fast fast.log --platform $platforms -o "type=oci,dest=$WORK/fast.tar" "$ctx"
cmp "$WORK/slow.tar" "$WORK/fast.tar" || fail "the direct layers' archive differs from the slow path's"
ok "gzip: archive byte-identical with and without direct layers"
assert_contains "the export reuses the direct layers" "reused (written while copying)" "$(cat "$WORK/fast.log")"
assert_contains "the direct COPY shows its bytes up to the total" "copying files 9.4" "$(grep -E 'copying files ([0-9.]+)MB / \1MB' "$WORK/fast.log" || true)"
assert_eq "the slow path makes no direct layer" 0 "$(grep -c 'written while copying' "$WORK/slow.log" || true)"
assert_contains "the archive goes on after the layer the first COPY wrote into it (no second copy)" \
  "was written into the archive while copying" "$(cat "$WORK/fast.log")"

# Warm: every step CACHED, the same archive.
build fast warm.log --platform $platforms -o "type=oci,dest=$WORK/warm.tar" "$ctx"
assert_eq "warm rebuild: the five COPY steps (shared by both platforms) cached" 5 "$(grep -c 'CACHED' "$WORK/warm.log")"
cmp "$WORK/fast.tar" "$WORK/warm.tar" || fail "warm rebuild gave another archive"
ok "warm rebuild: same archive (same index digest)"
assert_eq "warm rebuild: no layer is written, none goes into the archive as it is made" 0 \
  "$(grep -c 'written into the archive while copying' "$WORK/warm.log" || true)"

# A docker archive begun during the build (the first COPY's layer written into it as it is made)
# is the one a warm rebuild writes whole.
build dock dock.log --platform linux/amd64 -o "type=docker,dest=$WORK/dock.tar" "$ctx"
assert_contains "docker archive: the first COPY's layer went into it while copying" \
  "was written into the archive while copying" "$(cat "$WORK/dock.log")"
build dock dockwarm.log --platform linux/amd64 -o "type=docker,dest=$WORK/dockwarm.tar" "$ctx"
cmp "$WORK/dock.tar" "$WORK/dockwarm.tar" || fail "a docker archive begun during the build differs from one written whole"
ok "docker archive: begun during the build, byte-identical to a warm rebuild's"

# A cache hit made as gzip, exported as zstd: zstd layers, identical to a cold slow zstd build.
build fast zstd.log --platform $platforms -o "type=oci,dest=$WORK/zstd.tar,compression=zstd" "$ctx"
assert_eq "zstd rebuild is a cache hit" 5 "$(grep -c 'CACHED' "$WORK/zstd.log")"
mkdir -p "$WORK/zstd"
tar -xf "$WORK/zstd.tar" -C "$WORK/zstd"
types=$(for m in $(jq -r '.manifests[].digest' "$WORK/zstd/blobs/sha256/$(jq -r '.manifests[0].digest' "$WORK/zstd/index.json" | cut -d: -f2)"); do
  jq -r '.layers[].mediaType' "$WORK/zstd/blobs/sha256/${m#sha256:}"
done | sort | uniq -c | awk '{print $2 "=" $1}' | xargs)
assert_eq "zstd rebuild: layer media types" "application/vnd.oci.image.layer.v1.tar+zstd=10" "$types"
MANIFOLD_COPY_DIRECT=0 build slowzstd slowzstd.log --platform $platforms -o "type=oci,dest=$WORK/slowzstd.tar,compression=zstd" "$ctx"
cmp "$WORK/slowzstd.tar" "$WORK/zstd.tar" || fail "zstd from the cache differs from a cold slow zstd build"
ok "zstd: re-encoded cache hit byte-identical to the slow path"

# Another SOURCE_DATE_EPOCH: the direct layers' clamped mtimes cannot serve, the steps run again.
SOURCE_DATE_EPOCH=1700000001 build fast epoch.log --platform linux/amd64 -o "type=oci,dest=$WORK/epoch.tar" "$ctx"
SOURCE_DATE_EPOCH=1700000001 MANIFOLD_COPY_DIRECT=0 build slowepoch slowepoch.log --platform linux/amd64 \
  -o "type=oci,dest=$WORK/slowepoch.tar" "$ctx"
cmp "$WORK/epoch.tar" "$WORK/slowepoch.tar" || fail "another SOURCE_DATE_EPOCH over a warm cache differs"
ok "another SOURCE_DATE_EPOCH over the cache: byte-identical to the slow path"

# The files of a direct layer, as a type=local output and through a later stage's COPY --from and RUN.
build fast local.log --platform linux/amd64 -o "type=local,dest=$WORK/local" "$ctx"
assert_eq "local output: a file" "hello from the context" "$(cat "$WORK/local/data/dir/a.txt")"
assert_eq "local output: the re-included file" "keep" "$(cat "$WORK/local/data/ignored/keep")"
assert_eq "local output: no excluded file" "no" "$([[ -e $WORK/local/data/ignored/drop ]] && echo yes || echo no)"
assert_eq "local output: the --link layer" "$(sha256sum <"$ctx/big")" "$(sha256sum <"$WORK/local/linked/big")"
# Root writes the image's owners; a user's files are the user's own, as buildx's client writes them.
if [[ $(id -u) == 0 ]]; then
  assert_eq "local output: chowned" "1000:1000 640" "$(stat -c '%u:%g %a' "$WORK/local/chowned/a.txt")"
else
  # --chmod=0640 made the directory 0640 too (as BuildKit does): its owner may not search it.
  assert_eq "local output, rootless: the user's own files" "$(id -u):$(id -g) 640" "$(stat -c '%u:%g %a' "$WORK/local/chowned")"
fi

registry_with_busybox
mkdir -p "$WORK/multi"
cp -a "$ctx/dir" "$WORK/multi/dir"
cat >"$WORK/multi/Dockerfile" <<EOF
FROM scratch AS files
COPY dir /data
FROM $R/busybox:latest
COPY --from=files /data /data
COPY --link dir /linked
RUN ls /data/sub >/listing && cat /data/a.txt /linked/sub/n.txt >/out.txt
EOF
build fast multi.log --platform linux/amd64 -o "type=local,dest=$WORK/multi-out" "$WORK/multi"
assert_eq "RUN reads a COPY --from of a direct layer and a --link direct layer" \
  "hello from the context
nested" "$(cat "$WORK/multi-out/out.txt")"
assert_eq "RUN lists the direct layer's directory" "n.txt" "$(cat "$WORK/multi-out/listing")"
