#!/usr/bin/env bash
# Whiteout interop: RUN steps that delete a directory (`.wh.x`) and replace one (opaque,
# `.wh..wh..opq`) on busybox, for linux/amd64 natively and linux/arm64 under QEMU, into an OCI
# archive that umoci unpacks and skopeo copies out, with every layer listed by tar.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/registry_lib.sh"
need_builds
need runc
need skopeo
need umoci
need jq
need docker-registry
[[ $(uname -m) == x86_64 ]] || skip "the expectations below are written for an x86_64 host"

platforms=(linux/amd64)
if have_emulation arm64; then
  platforms+=(linux/arm64)
else
  echo "note: no arm64 emulation here (qemu-user-static, or its handler: \`manifold binfmt install arm64\` as root); testing linux/amd64 only" >&2
fi

registry_with_busybox  # sets R; $R/busybox:latest is the multi-arch base

ctx="$WORK/ctx"
mkdir -p "$ctx"
cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $R/busybox:latest
RUN mkdir -p /etc/x /dir/sub && touch /etc/x/f /dir/sub/f /dir/keepnot
RUN rm -rf /etc/x
RUN rm -rf /dir && mkdir /dir && touch /dir/new
DOCKERFILE
plist=$(IFS=,; echo "${platforms[*]}")
"$MANIFOLD" build --progress=plain --platform "$plist" --output "type=oci,dest=$WORK/img.tar,name=whiteouts:1" "$ctx" \
  2>"$WORK/build.log" || { cat "$WORK/build.log"; fail "build for $plist"; }
ok "build for $plist into an OCI archive"

# umoci reads the archive as a layout (extracted); it unpacks one manifest, not an index, so
# skopeo tags each platform's manifest (of the ref "1", the tag of name=whiteouts:1) in it.
mkdir -p "$WORK/layout"
tar -xf "$WORK/img.tar" -C "$WORK/layout"
for platform in "${platforms[@]}"; do
  arch=${platform#linux/}
  # --- umoci: the archive's own layout, the platform's manifest tagged for it ----------------
  skopeo copy -q --override-arch "$arch" "oci:$WORK/layout:1" "oci:$WORK/layout:$arch" ||
    fail "$arch: tagging the platform's manifest in the layout"
  umoci_unpack --image "$WORK/layout:$arch" "$WORK/bundle-$arch" >"$WORK/umoci-$arch.log" 2>&1 ||
    { cat "$WORK/umoci-$arch.log"; fail "$arch: umoci unpack"; }
  rootfs="$WORK/bundle-$arch/rootfs"
  [[ -f $rootfs/etc/passwd ]] || fail "$arch (umoci): /etc/passwd from the base is gone"
  [[ -d $rootfs/etc && ! -e $rootfs/etc/x ]] || fail "$arch (umoci): /etc/x survived its whiteout"
  [[ -f $rootfs/dir/new ]] || fail "$arch (umoci): /dir/new is missing"
  [[ ! -e $rootfs/dir/sub && ! -e $rootfs/dir/keepnot ]] || fail "$arch (umoci): the opaque /dir still shows lower files"
  assert_eq "$arch (umoci): /dir holds only new" "new" "$(ls -A "$rootfs/dir" | xargs)"
  [[ -x $rootfs/bin/busybox ]] || fail "$arch (umoci): the base's /bin/busybox is gone"
  ok "$arch (umoci): /etc/x deleted, /dir replaced, the base intact"

  # --- skopeo dir: and the layers by hand ----------------------------------------------------
  skopeo copy -q --override-arch "$arch" "oci-archive:$WORK/img.tar" "dir:$WORK/dir-$arch" || fail "$arch: skopeo copy to dir:"
  m="$WORK/dir-$arch/manifest.json"
  config="$WORK/dir-$arch/$(jq -r '.config.digest | sub("sha256:"; "")' "$m")"
  assert_eq "$arch: the config is for $arch" "$arch" "$(jq -r .architecture "$config")"
  assert_eq "$arch: base + three RUN layers" 4 "$(jq '.layers | length' "$m")"
  listings=()
  for digest in $(jq -r '.layers[].digest | sub("sha256:"; "")' "$m"); do
    listings+=("$(tar -tzf "$WORK/dir-$arch/$digest" | sed 's|^\./||' | LC_ALL=C sort | xargs)")
  done
  echo "  $arch layers:"
  printf '    %s\n' "${listings[@]:1}"
  assert_contains "$arch: layer 2 (mkdir + touch) adds the files" "dir/keepnot dir/sub/ dir/sub/f etc/ etc/x/ etc/x/f" \
    "${listings[1]}"
  assert_eq "$arch: layer 3 (rm -rf /etc/x) is one whiteout" "etc/ etc/.wh.x" "${listings[2]}"
  assert_contains "$arch: layer 4 (rm + mkdir /dir) makes /dir opaque" "dir/.wh..wh..opq" "${listings[3]}"
  assert_contains "$arch: layer 4 adds /dir/new" "dir/new" "${listings[3]}"
  [[ ${listings[3]} != *"dir/sub"* && ${listings[3]} != *"keepnot"* ]] ||
    fail "$arch: layer 4 mentions the deleted files: ${listings[3]}"
  # The layers applied by hand, in order, as the OCI spec's "Whiteouts" section says (python's
  # tarfile, no whiteout-aware unpacker involved): the same filesystem umoci made.
  python3 - "$WORK/dir-$arch" "$WORK/byhand-$arch" <<'PY' || fail "$arch: applying the layers by hand"
import json, os, shutil, sys, tarfile
src, root = sys.argv[1], sys.argv[2]
os.makedirs(root)
for layer in json.load(open(os.path.join(src, "manifest.json")))["layers"]:
    with tarfile.open(os.path.join(src, layer["digest"].split(":")[1])) as t:
        members = t.getmembers()
        for m in members:  # whiteouts first: they hide lower layers only
            d, base = os.path.split(m.name)
            if base == ".wh..wh..opq":
                for child in os.listdir(os.path.join(root, d)) if os.path.isdir(os.path.join(root, d)) else []:
                    p = os.path.join(root, d, child)
                    shutil.rmtree(p) if os.path.isdir(p) and not os.path.islink(p) else os.remove(p)
            elif base.startswith(".wh."):
                p = os.path.join(root, d, base[4:])
                if os.path.lexists(p):
                    shutil.rmtree(p) if os.path.isdir(p) and not os.path.islink(p) else os.remove(p)
        t.extractall(root, [m for m in members if not os.path.basename(m.name).startswith(".wh.")])
PY
  byhand="$WORK/byhand-$arch"
  [[ -f $byhand/etc/passwd && ! -e $byhand/etc/x && -f $byhand/dir/new ]] || fail "$arch (by hand): wrong rootfs"
  assert_eq "$arch (skopeo dir: + layers by hand): /dir holds only new, /etc/x is gone" "new" "$(ls -A "$byhand/dir" | xargs)"
  # The opaque marker precedes the new content of its directory, as the OCI spec's
  # "Opaque Whiteout" asks of producers that want order-dependent consumers to agree.
  order=$(tar -tzf "$WORK/dir-$arch/$(jq -r '.layers[3].digest | sub("sha256:"; "")' "$m")" | sed 's|^\./||' |
    grep -n -e '^dir/.wh..wh..opq$' -e '^dir/new$' | cut -d: -f2 | xargs)
  assert_eq "$arch: the opaque marker comes before dir/new" "dir/.wh..wh..opq dir/new" "$order"
done

# Each platform's image stands on its own busybox.
if ((${#platforms[@]} == 2)); then
  base_amd=$(jq -r '.layers[0].digest' "$WORK/dir-amd64/manifest.json")
  base_arm=$(jq -r '.layers[0].digest' "$WORK/dir-arm64/manifest.json")
  [[ $base_amd != "$base_arm" ]] || fail "amd64 and arm64 share a base layer: the wrong base was used"
  ok "each platform is built on its own busybox"
fi
echo "$CHECKS checks passed"
