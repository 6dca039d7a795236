#!/usr/bin/env bash
# The native (copying) snapshotter, used where overlayfs is unavailable (forced here with
# MANIFOLD_SNAPSHOTTER=native): the same build gives the same files as on overlayfs, deletions
# included, natively and under QEMU, and umoci unpacks its layers to the same tree.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/registry_lib.sh"
need_builds
need runc
need skopeo
need umoci
need docker-registry
need_arm64_emulation

assert_contains "inspect shows a forced snapshotter" "native (MANIFOLD_SNAPSHOTTER=native)" \
  "$(MANIFOLD_SNAPSHOTTER=native "$MANIFOLD" inspect)"
assert_contains "inspect shows overlayfs where it works" "Snapshotter:           overlayfs" "$("$MANIFOLD" inspect)"

registry_with_busybox  # sets R; $R/busybox:latest is the multi-arch base
ctx="$WORK/ctx"
mkdir -p "$ctx"
echo "from the context" >"$ctx/file.txt"
cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $R/busybox:latest
RUN mkdir -p /etc/x /dir/sub && touch /etc/x/f /dir/sub/f /dir/gone && ln -s /etc/passwd /dir/link
RUN rm -rf /etc/x && chmod 0700 /dir/sub && echo changed > /dir/sub/f
RUN rm -rf /dir && mkdir /dir && touch /dir/new && uname -m > /arch
COPY file.txt /dir/
RUN rm /bin/ls && chown 1000:1000 /dir/file.txt
DOCKERFILE
export SOURCE_DATE_EPOCH=1700000000
expect_failure "an unknown snapshotter is named" "MANIFOLD_SNAPSHOTTER=\"zfs\"" \
  env MANIFOLD_SNAPSHOTTER=zfs "$MANIFOLD" build --output "type=local,dest=$WORK/x" "$ctx"
listing() {  # every entry with type, mode, owner, size, link target and content hash
  (cd "$1" && find . -printf '%p %y %m %u:%g %s %l\n' | sort &&
    find . -type f -exec sha256sum {} + | sort -k2)
}
for platform in linux/amd64 linux/arm64; do
  "$MANIFOLD" build --progress=quiet --platform "$platform" --output "type=local,dest=$WORK/overlay" "$ctx" >/dev/null 2>&1 ||
    fail "$platform: build on overlayfs"
  MANIFOLD_SNAPSHOTTER=native "$MANIFOLD" build --progress=plain --platform "$platform" \
    --output "type=local,dest=$WORK/native" "$ctx" >/dev/null 2>"$WORK/native.log" || { cat "$WORK/native.log"; fail "$platform: native build"; }
  diff <(listing "$WORK/overlay") <(listing "$WORK/native") || fail "$platform: the native snapshotter built other files"
  ok "$platform: the native snapshotter builds the same files as overlayfs"
  [[ ! -e "$WORK/native/etc/x" && ! -e "$WORK/native/dir/gone" && ! -e "$WORK/native/bin/ls" && -f "$WORK/native/dir/new" ]] ||
    fail "$platform: deletions were not applied"
  ok "$platform: deletions applied"
  rm -rf "$WORK/overlay" "$WORK/native"
done
# Its layers, as a peer unpacks them.
MANIFOLD_SNAPSHOTTER=native "$MANIFOLD" build --progress=quiet --platform linux/arm64 \
  --output "type=oci,dest=$WORK/img,tar=false,name=img:1" "$ctx" >/dev/null 2>&1 || fail "native build to an OCI layout"
umoci_unpack --image "$WORK/img:1" "$WORK/bundle" >/dev/null 2>&1 || fail "umoci unpack"
[[ ! -e "$WORK/bundle/rootfs/etc/x" && ! -e "$WORK/bundle/rootfs/dir/sub" && -f "$WORK/bundle/rootfs/dir/new" &&
   -f "$WORK/bundle/rootfs/etc/passwd" ]] || fail "umoci: the native layers' whiteouts were not right"
assert_eq "umoci sees the native layers' files" aarch64 "$(cat "$WORK/bundle/rootfs/arch")"
echo "$CHECKS checks passed"
