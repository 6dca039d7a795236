#!/usr/bin/env bash
# 200 layer-producing steps (more than mount(2)'s one-page overlay options can name: the 85th
# or so used to fail with "Invalid argument"), then a RUN that reads every file through the
# merged view; the OCI output has all the layers, and the RUN saw the top of each.
source "$(dirname "$0")/lib.sh"
need_builds
need runc
need jq
need dpkg-deb

# A busybox root for the RUN step, from Debian's busybox-static for this machine.
arch=$(dpkg --print-architecture)
busybox_deb "$arch"
ctx="$WORK/ctx"
mkdir -p "$ctx/rootfs"
dpkg-deb -x "$BUSYBOX_DEB" "$WORK/deb"
mkdir -p "$ctx/rootfs/bin" "$ctx/rootfs/tmp"
cp "$WORK/deb/bin/busybox" "$ctx/rootfs/bin/busybox"
for applet in sh cat ls wc; do ln -s busybox "$ctx/rootfs/bin/$applet"; done

steps=200
{
  echo 'FROM scratch'
  echo 'COPY rootfs/ /'
  for i in $(seq 1 $steps); do
    # Step i adds /d/f$i and rewrites /d/top: the merged view must show the top layer's.
    mkdir "$ctx/s$i" && echo "$i" >"$ctx/s$i/f$i" && echo "$i" >"$ctx/s$i/top"
    echo "COPY s$i/ /d/"
  done
  echo 'RUN n=0; for f in /d/f*; do read v <"$f"; [ "$f" = "/d/f$v" ] || exit 1; n=$((n+1)); done; read t </d/top; echo "$n $t" >/seen'
} >"$ctx/Dockerfile"

start=$SECONDS
"$MANIFOLD" build --progress=plain --output "type=oci,dest=$WORK/img,tar=false" "$ctx" 2>"$WORK/build.log" ||
  { tail -20 "$WORK/build.log"; fail "a build of $((steps + 2)) layers"; }
ok "a build of $((steps + 2)) layers ($((SECONDS - start)) s)"

manifest="$WORK/img/blobs/sha256/$(jq -r '.manifests[0].digest' "$WORK/img/index.json" | cut -d: -f2)"
assert_eq "the image has every layer" $((steps + 2)) "$(jq '.layers | length' "$manifest")"
config="$WORK/img/blobs/sha256/$(jq -r '.config.digest' "$manifest" | cut -d: -f2)"
assert_eq "one diff id per layer" $((steps + 2)) "$(jq '.rootfs.diff_ids | length' "$config")"
last="$WORK/img/blobs/sha256/$(jq -r '.layers[-1].digest' "$manifest" | cut -d: -f2)"
assert_eq "the RUN read all $steps files and the top copy through the merged view" "$steps $steps" \
  "$(tar -xzOf "$last" seen)"
