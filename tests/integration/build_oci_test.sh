#!/usr/bin/env bash
# A real multi-platform build of examples/hello into an OCI archive, read back by skopeo and
# umoci, every JSON validated against the OCI schemas, and the rootfs compared file by file.
source "$(dirname "$0")/lib.sh"
need_builds
need skopeo
need umoci
need jq

ctx="$MANIFOLD_SOURCE_DIR/examples/hello"
export SOURCE_DATE_EPOCH=1700000000
"$MANIFOLD" build --progress=plain --platform linux/amd64,linux/arm64,linux/arm/v7 \
  --output "type=oci,dest=$WORK/app.tar" "$ctx" 2>"$WORK/build.log" || { cat "$WORK/build.log"; fail "build failed"; }
ok "build of examples/hello for three platforms"

index=$(skopeo inspect --raw "oci-archive:$WORK/app.tar")
assert_eq "root is an OCI index" "application/vnd.oci.image.index.v1+json" "$(jq -r .mediaType <<<"$index")"
assert_eq "three platform entries" "linux/amd64 linux/arm64 linux/arm/v7" \
  "$(jq -r '[.manifests[].platform | .os + "/" + .architecture + (if .variant then "/" + .variant else "" end)] | join(" ")' <<<"$index")"

# The shared `assets` stage ran once: its vertex appears once in the plain progress.
assert_eq "shared stage built once" 1 "$(grep -c '^#[0-9]* \[assets 1/1\] COPY static/ /srv/static/$' "$WORK/build.log")"

mkdir -p "$WORK/layout"
tar -xf "$WORK/app.tar" -C "$WORK/layout"
validate_json image-layout-schema.json "$WORK/layout/oci-layout"
idx_digest=$(jq -r '.manifests[0].digest' "$WORK/layout/index.json")
validate_json image-index-schema.json "$WORK/layout/blobs/sha256/${idx_digest#sha256:}"

for entry in amd64: arm64: arm:v7; do
  arch=${entry%%:*} variant=${entry#*:}
  platform="linux/$arch${variant:+/$variant}"
  mdigest=$(jq -r --arg a "$arch" --arg v "$variant" \
    '.manifests[] | select(.platform.architecture == $a and ((.platform.variant // "") == $v)) | .digest' <<<"$index")
  [[ -n "$mdigest" ]] || fail "no manifest for $platform"
  manifest="$WORK/layout/blobs/sha256/${mdigest#sha256:}"
  validate_json image-manifest-schema.json "$manifest"
  config="$WORK/layout/blobs/sha256/$(jq -r '.config.digest' "$manifest" | cut -d: -f2)"
  validate_json config-schema.json "$config"
  assert_eq "$platform config architecture" "$arch" "$(jq -r .architecture "$config")"
  assert_eq "$platform config variant" "$variant" "$(jq -r '.variant // ""' "$config")"
  assert_eq "$platform env" '["PATH=/usr/bin","LANG=C.UTF-8"]' "$(jq -c .config.Env "$config")"
  assert_eq "$platform entrypoint+cmd" '["/usr/bin/app"] ["--port","8080"]' \
    "$(jq -c .config.Entrypoint "$config") $(jq -c .config.Cmd "$config")"
  assert_eq "$platform user/workdir" "1000:1000 /srv" "$(jq -r '.config.User + " " + .config.WorkingDir' "$config")"
  assert_eq "$platform exposed port" '{"8080/tcp":{}}' "$(jq -c .config.ExposedPorts "$config")"
  assert_eq "$platform label" "https://example.invalid/app" \
    "$(jq -r '.config.Labels["org.opencontainers.image.source"]' "$config")"
  assert_eq "$platform created from SOURCE_DATE_EPOCH" "2023-11-14T22:13:20Z" "$(jq -r .created "$config")"
  assert_eq "$platform diff_ids match layers" "$(jq '.layers | length' "$manifest")" "$(jq '.rootfs.diff_ids | length' "$config")"

  # skopeo copies the platform's image out; umoci unpacks it into a rootfs.
  skopeo copy --override-os linux --override-arch "$arch" ${variant:+--override-variant "$variant"} \
    "oci-archive:$WORK/app.tar" "oci:$WORK/copy-$arch:img" >/dev/null
  ok "skopeo copy of $platform"
  umoci_unpack --image "$WORK/copy-$arch:img" "$WORK/bundle-$arch" >/dev/null
  rootfs="$WORK/bundle-$arch/rootfs"
  want_app="app-$arch$variant"
  assert_eq "$platform /usr/bin/app" "$(cat "$ctx/bin/$want_app")" "$(cat "$rootfs/usr/bin/app")"
  assert_eq "$platform /usr/bin/app mode" "755" "$(stat -c %a "$rootfs/usr/bin/app")"
  assert_eq "$platform static files" "$(cat "$ctx/static/index.html")" "$(cat "$rootfs/srv/static/index.html")"
  assert_eq "$platform ADD extracted rootfs" "ARCH=$arch" "$(grep ARCH "$rootfs/etc/os-release")"
  assert_eq "$platform workdir exists" "directory" "$(stat -c %F "$rootfs/srv")"
done

# Determinism: another root, same inputs, same bytes.
MANIFOLD_ROOT="$WORK/root2" "$MANIFOLD" build --progress=quiet --platform linux/amd64,linux/arm64,linux/arm/v7 \
  --output "type=oci,dest=$WORK/again.tar" "$ctx" >/dev/null
cmp "$WORK/app.tar" "$WORK/again.tar" || fail "two builds of the same inputs differ"
ok "byte-identical archives from two roots"
echo "$CHECKS checks passed"
