#!/usr/bin/env bash
# manifold's own image (the repository's Dockerfile), built by manifold and run as CI runs it:
# a Debian bookworm base made here by debootstrap from the machine's apt mirror (cached), the
# tested binary put in through `--build-context binary=DIR` (no compile inside the build), the
# image's config read back by skopeo, its filesystem unpacked by umoci and run by runc as an
# unprivileged container (the image's user, no effective capabilities, Docker's bounding set,
# the root filesystem read-only). There `manifold version` runs; a rootless build fails under
# runc's masked /proc paths (README "In a CI container") and, /proc unmasked, gives root's
# archive byte for byte with chown to other ids.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/registry_lib.sh"
source "$(dirname "$0")/container_lib.sh"
need_root "building as root and starting the image's container with runc"
need runc
need jq
need skopeo
need umoci
need getcap
need curl
need debootstrap
export SOURCE_DATE_EPOCH=1700000000

mirror=$(debian_mirror)
started=$SECONDS
fixture_debian_layout "$WORK/debian" "$mirror"
ok "a Debian bookworm base from $mirror ($((SECONDS - started)) s)"

# The tested binary as the image's; a sanitizer build also needs its runtimes in the image, and
# the libraries a Release build links statically (cmake/static_deps.cmake): the package of every
# library it links (those the image has already are no-ops for apt).
mkdir -p "$WORK/binary"
cp "$MANIFOLD" "$WORK/binary/manifold"
extra=()
for lib in $(ldd "$MANIFOLD" | awk '$3 ~ /^\// {print $3}'); do
  # By its multiarch directory and name: dpkg may know the file under /lib or /usr/lib.
  extra+=("$(dpkg -S "*/$(basename "$(dirname "$lib")")/$(basename "$lib")" | head -1 | cut -d: -f1)")
done
mapfile -t extra < <(printf '%s\n' "${extra[@]}" | sort -u)

started=$SECONDS
"$MANIFOLD" build --progress=plain --platform linux/amd64 \
  --build-arg DEBIAN=base --build-context "base=oci-layout://$WORK/debian" \
  --build-context "binary=$WORK/binary" --build-arg "EXTRA_PACKAGES=${extra[*]}" \
  --output "type=oci,dest=$WORK/image,tar=false,name=latest" "$MANIFOLD_SOURCE_DIR" \
  >"$WORK/image-build.log" 2>&1 || { tail -40 "$WORK/image-build.log"; fail "building the Dockerfile"; }
ok "manifold builds its own image from the Dockerfile ($((SECONDS - started)) s)"
if grep -q 'cmake' "$WORK/image-build.log"; then fail "the build stage ran although binary was replaced"; fi
ok "the named context binary replaced the stage: nothing compiled"

config=$(skopeo inspect --config "oci:$WORK/image:latest") || fail "skopeo inspect"
assert_eq "the image's user" "builder" "$(jq -r '.config.User' <<<"$config")"
assert_eq "the image's entrypoint" '["manifold"]' "$(jq -c '.config.Entrypoint' <<<"$config")"
assert_eq "the image's working directory" "/home/builder" "$(jq -r '.config.WorkingDir' <<<"$config")"
assert_contains "the image's description label" "rootless builds in CI" \
  "$(jq -r '.config.Labels["org.opencontainers.image.description"]' <<<"$config")"
assert_eq "the image's platform" "linux/amd64" "$(jq -r '.os + "/" + .architecture' <<<"$config")"

umoci unpack --image "$WORK/image:latest" "$WORK/unpacked" >/dev/null 2>&1 || fail "umoci unpack"
rootfs="$WORK/unpacked/rootfs"
[[ -x $rootfs/usr/local/bin/manifold ]] || fail "no /usr/local/bin/manifold in the image"
ok "umoci unpacks the image"
assert_contains "newuidmap has cap_setuid as a file capability" "cap_setuid=ep" "$(getcap "$rootfs/usr/bin/newuidmap")"
assert_contains "newgidmap has cap_setgid as a file capability" "cap_setgid=ep" "$(getcap "$rootfs/usr/bin/newgidmap")"
[[ ! -u $rootfs/usr/bin/newuidmap && ! -u $rootfs/usr/bin/newgidmap ]] || fail "newuidmap/newgidmap are still setuid"
ok "newuidmap and newgidmap are not setuid"
assert_eq "the builder's subordinate uids" "builder:100000:65536" "$(cat "$rootfs/etc/subuid")"
assert_eq "the builder's subordinate gids" "builder:100000:65536" "$(cat "$rootfs/etc/subgid")"
for tool in runc newuidmap newgidmap slirp4netns git ssh; do
  [[ -n $(find "$rootfs/usr/bin" "$rootfs/usr/sbin" -maxdepth 1 -name "$tool" 2>/dev/null) ]] ||
    fail "$tool is not in the image"
done
ok "runc, newuidmap, newgidmap, slirp4netns, git and ssh are in the image"
for tool in qemu-aarch64-static skopeo setcap; do
  [[ -z $(find "$rootfs/usr/bin" "$rootfs/usr/sbin" -maxdepth 1 -name "$tool" 2>/dev/null) ]] ||
    fail "$tool is in the image"
done
ok "no QEMU, skopeo or setcap in the image"
if compgen -G "$rootfs/var/cache/apt/archives/*.deb" >/dev/null || compgen -G "$rootfs/var/lib/apt/lists/*_Packages" >/dev/null; then
  fail "apt's downloads or lists are left in the image"
fi
ok "no apt downloads or lists in the image"

# The rootless build: the busybox fixture as its base, a Dockerfile that chowns to other ids.
rootless_build_fixture "$WORK"
build_args=(build --progress=plain --platform linux/amd64 --build-context base=oci-layout:///fixture/busybox /fixture/ctx)
"$MANIFOLD" build --progress=plain --platform linux/amd64 --build-context "base=oci-layout://$WORK/busybox" \
  --output "type=oci,dest=$WORK/root.tar" "$WORK/ctx" >"$WORK/root.log" 2>&1 || { cat "$WORK/root.log"; fail "root build"; }
ok "root builds the small Dockerfile on the host"

# The container: the image's user, entrypoint, environment and working directory; its home, /tmp
# and the output directory writable, the fixture and the context read-only; the host's resolver
# and hosts files, as Docker binds its own.
uid=$(awk -F: '$1 == "builder" {print $3}' "$rootfs/etc/passwd")
gid=$(awk -F: '$1 == "builder" {print $4}' "$rootfs/etc/passwd")
chmod 755 "$WORK"
install -d -m 755 -o "$uid" -g "$gid" "$WORK/home" "$WORK/out"
install -d -m 1777 "$WORK/tmp"
# image_bundle NAME ARG...: a bundle running the image's entrypoint with ARGs (run_bundle NAME).
image_bundle() {
  local name=$1
  shift
  unprivileged_bundle "$WORK/bundle-$name" "$rootfs" "$uid" "$gid" false null '
    .process.env = $config.config.Env + ["HOME=/home/builder", "SOURCE_DATE_EPOCH=1700000000",
                                         "BUILDX_NO_DEFAULT_ATTESTATIONS=1"]
    | .process.args = $config.config.Entrypoint + $args
    | .process.cwd = $config.config.WorkingDir
    | .mounts += [{destination: "/tmp", type: "bind", source: ($work + "/tmp"), options: ["rbind", "rw"]},
                  {destination: "/home/builder", type: "bind", source: ($work + "/home"), options: ["rbind", "rw"]},
                  {destination: "/out", type: "bind", source: ($work + "/out"), options: ["rbind", "rw"]},
                  {destination: "/fixture/busybox", type: "bind", source: ($work + "/busybox"), options: ["rbind", "ro"]},
                  {destination: "/fixture/ctx", type: "bind", source: ($work + "/ctx"), options: ["rbind", "ro"]},
                  {destination: "/etc/resolv.conf", type: "bind", source: "/etc/resolv.conf", options: ["rbind", "ro"]},
                  {destination: "/etc/hosts", type: "bind", source: "/etc/hosts", options: ["rbind", "ro"]}]
  ' --argjson config "$config" --arg work "$WORK" \
    --argjson args "$(/usr/bin/python3 -c 'import json, sys; print(json.dumps(sys.argv[1:]))' "$@")"
}
run_bundle() { timeout 600 runc --root "$WORK/runc-state" run --bundle "$WORK/bundle-$1" "manifold-own-$1-$$"; }

image_bundle version version
out=$(run_bundle version 2>&1) || { echo "$out"; fail "manifold version in the image's container"; }
assert_eq "manifold version in the image's container: the tested binary" "$("$MANIFOLD" version | head -1)" "$(head -1 <<<"$out")"
assert_contains "manifold version in the container: libarchive loaded" "libarchive 3." "$out"
assert_contains "manifold version in the container: the image's runc" "runtime: runc" "$out"
# Under runc's masked /proc paths (Docker's and Kubernetes' default) the steps' own /proc cannot
# be mounted: the kernel lets a user namespace mount proc only where a proc is already fully
# visible. The container needs an unmasked /proc (Docker: --security-opt systempaths=unconfined,
# Kubernetes: procMount: Unmasked), as rootless BuildKit's process sandbox does.
image_bundle masked "${build_args[@]}" --output type=oci,dest=/out/masked.tar
out=$(run_bundle masked 2>&1) && fail "a rootless RUN step worked under masked /proc paths: say so in the README"
assert_contains "masked /proc paths: the step's proc mount is refused" 'mounting "proc"' "$out"
assert_contains "masked /proc paths: the error says to unmask the container's /proc" 'systempaths=unconfined' "$out"
started=$SECONDS
image_bundle build "${build_args[@]}" --output type=oci,dest=/out/container.tar
jq '.linux.maskedPaths = [] | .linux.readonlyPaths = []' "$WORK/bundle-build/config.json" >"$WORK/unmasked.json" &&
  mv "$WORK/unmasked.json" "$WORK/bundle-build/config.json" || fail "unmasking /proc"
run_bundle build >"$WORK/container.log" 2>&1 ||
  { cat "$WORK/container.log"; fail "the rootless build in the image's container"; }
ok "a rootless build in the image's unprivileged container, /proc unmasked ($((SECONDS - started)) s)"
cmp "$WORK/root.tar" "$WORK/out/container.tar" || fail "the container's archive differs from root's"
ok "the container's archive is root's, byte for byte"
echo "PASS: $CHECKS checks"
