#!/usr/bin/env bash
# Registries, plain HTTP: manifold pushes a 3-platform build (skopeo reads it back per platform),
# a re-push sends nothing, imagetools inspect/create work on the result, and a multi-arch
# busybox index pushed by skopeo is a base manifold builds FROM, for each platform.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/registry_lib.sh"
need_builds
need skopeo
need jq
need docker-registry

registry_start plain
R=$REGISTRY
ctx="$MANIFOLD_SOURCE_DIR/examples/hello"
# Same inputs, same bytes: a rebuild then pushes identical blobs (no build cache yet to do it).
export SOURCE_DATE_EPOCH=1700000000

# --- push: one index under two tags, metadata as buildx writes it -----------------------------
"$MANIFOLD" build --progress=plain --platform linux/amd64,linux/arm64,linux/arm/v7 \
  -t "$R/hello:1.0" -t "$R/hello:latest" --push --metadata-file "$WORK/meta.json" "$ctx" 2>"$WORK/push.log" ||
  { cat "$WORK/push.log"; fail "build --push failed"; }
ok "build --push of three platforms"
raw=$(skopeo inspect --tls-verify=false --raw "docker://$R/hello:1.0")
assert_eq "pushed an OCI index" "application/vnd.oci.image.index.v1+json" "$(jq -r .mediaType <<<"$raw")"
assert_eq "three platforms in the index" 3 "$(jq '.manifests | length' <<<"$raw")"
digest=$(skopeo inspect --tls-verify=false --format '{{.Digest}}' "docker://$R/hello:latest" 2>/dev/null ||
  skopeo inspect --tls-verify=false "docker://$R/hello:latest" | jq -r .Digest)
index_digest="sha256:$(printf '%s' "$raw" | sha256sum | cut -d' ' -f1)"
assert_eq "metadata containerimage.digest is the index's" "$index_digest" "$(jq -r '."containerimage.digest"' "$WORK/meta.json")"
assert_eq "metadata image.name" "$R/hello:1.0,$R/hello:latest" "$(jq -r '."image.name"' "$WORK/meta.json")"
assert_eq "metadata descriptor size" "${#raw}" "$(jq -r '."containerimage.descriptor".size' "$WORK/meta.json")"
for arch in amd64 arm64; do
  skopeo copy -q --src-tls-verify=false --override-arch "$arch" "docker://$R/hello:1.0" "oci:$WORK/copy-$arch:x" ||
    fail "skopeo copy $arch"
  cfg=$(skopeo inspect --config "oci:$WORK/copy-$arch:x")
  assert_eq "skopeo copied the $arch image" "$arch" "$(jq -r .architecture <<<"$cfg")"
done

# --- a re-push finds every blob present ----------------------------------------------------------
"$MANIFOLD" build --progress=plain --platform linux/amd64,linux/arm64,linux/arm/v7 -t "$R/hello:1.0" --push "$ctx" \
  2>"$WORK/repush.log" || { cat "$WORK/repush.log"; fail "re-push failed"; }
assert_contains "re-push sends no blob" " 0 blobs sent" "$(cat "$WORK/repush.log")"

# --- imagetools inspect ----------------------------------------------------------------------------
text=$("$MANIFOLD" imagetools inspect "$R/hello:1.0")
assert_contains "inspect names the image" "Name:      $R/hello:1.0" "$text"
assert_contains "inspect shows the digest" "Digest:    $index_digest" "$text"
assert_eq "inspect lists the platforms" "linux/amd64 linux/arm64 linux/arm/v7" \
  "$(grep '  Platform:' <<<"$text" | awk '{print $2}' | xargs)"
assert_eq "inspect --raw is the registry's bytes" "$raw" "$("$MANIFOLD" imagetools inspect --raw "$R/hello:1.0")"
assert_eq "--format json .Manifest carries the digest" "$index_digest" \
  "$("$MANIFOLD" imagetools inspect --format '{{json .Manifest}}' "$R/hello:1.0" | jq -r .digest)"
assert_eq "--format json .Image maps platforms to configs" "arm" \
  "$("$MANIFOLD" imagetools inspect --format '{{json .Image}}' "$R/hello:1.0" | jq -r '."linux/arm/v7".architecture')"
expect_failure "inspect of a missing tag" "not found" "$MANIFOLD" imagetools inspect "$R/hello:nope"

# --- imagetools create from single-platform images -----------------------------------------------
for p in amd64 arm64 arm/v7; do
  name=app-${p//\//}
  "$MANIFOLD" build --progress=quiet --platform "linux/$p" -t "$R/$name:1.0" --push "$ctx" >/dev/null 2>&1 ||
    fail "push of $name"
done
"$MANIFOLD" imagetools create -t "$R/app:multi" "$R/app-amd64:1.0" "$R/app-arm64:1.0" 2>/dev/null || fail "imagetools create"
assert_eq "created index has two platforms" "linux/amd64 linux/arm64" \
  "$("$MANIFOLD" imagetools inspect "$R/app:multi" | grep '  Platform:' | awk '{print $2}' | xargs)"
"$MANIFOLD" imagetools create --append -t "$R/app:multi" "$R/app-armv7:1.0" 2>/dev/null || fail "imagetools create --append"
assert_eq "--append adds the third" "linux/amd64 linux/arm64 linux/arm/v7" \
  "$("$MANIFOLD" imagetools inspect "$R/app:multi" | grep '  Platform:' | awk '{print $2}' | xargs)"
skopeo copy -q --src-tls-verify=false --override-arch arm --override-variant v7 "docker://$R/app:multi" \
  "oci:$WORK/copy-multi:x" || fail "skopeo copy of the created index"
ok "skopeo pulls arm/v7 from the created index (its blobs were copied across repositories)"
dry=$("$MANIFOLD" imagetools create --dry-run --annotation org.opencontainers.image.title=demo "$R/app-amd64:1.0")
assert_eq "--dry-run prints the index with the annotation" "demo" \
  "$(jq -r '.annotations["org.opencontainers.image.title"]' <<<"$dry")"

# --- FROM a multi-arch index that skopeo pushed --------------------------------------------------
fixture_busybox_layout "$WORK/busybox"
skopeo copy -q --all --dest-tls-verify=false "oci:$WORK/busybox:latest" "docker://$R/busybox:latest" ||
  fail "skopeo push of the busybox index"
mkdir -p "$WORK/fromctx"
printf 'FROM %s/busybox:latest\nARG TARGETARCH\nCOPY note /note-$TARGETARCH\n' "$R" >"$WORK/fromctx/Dockerfile"
echo note >"$WORK/fromctx/note"
"$MANIFOLD" build --progress=plain --platform linux/amd64,linux/arm64,linux/arm/v7 \
  --output "type=local,dest=$WORK/fromout" "$WORK/fromctx" 2>"$WORK/from.log" || { cat "$WORK/from.log"; fail "build FROM busybox"; }
for entry in linux_amd64:x86-64 linux_arm64:aarch64 linux_arm_v7:ARM; do
  dir=${entry%%:*} machine=${entry#*:}
  [[ -f "$WORK/fromout/$dir/bin/busybox" ]] || fail "$dir has no bin/busybox from the base"
  assert_contains "$dir got its own busybox" "$machine" "$(file -L "$WORK/fromout/$dir/bin/busybox")"
  [[ -f "$WORK/fromout/$dir/note-${dir#linux_}" || -f "$WORK/fromout/$dir/note-arm" ]] || fail "$dir lacks its COPY"
done
printf 'FROM scratch\nCOPY --from=%s/busybox:latest /bin/busybox /bb\n' "$R" >"$WORK/fromctx/Dockerfile.copyfrom"
"$MANIFOLD" build --progress=quiet --platform linux/arm64 -f "$WORK/fromctx/Dockerfile.copyfrom" \
  --output "type=local,dest=$WORK/copyfrom" "$WORK/fromctx" >/dev/null 2>&1 || fail "COPY --from=IMAGE"
assert_contains "COPY --from=IMAGE takes the platform's file" "aarch64" "$(file -L "$WORK/copyfrom/bb")"
"$MANIFOLD" build --progress=plain --platform linux/arm64 -t "$R/derived:1" --push "$WORK/fromctx" 2>"$WORK/derived.log" ||
  { cat "$WORK/derived.log"; fail "push of a derived image"; }
base_layers=$(skopeo inspect --tls-verify=false --override-arch arm64 "docker://$R/busybox:latest" | jq -c '.Layers')
derived_layers=$(skopeo inspect --tls-verify=false "docker://$R/derived:1" | jq -c '.Layers[:-1]')
assert_eq "the derived image reuses the base's layer blobs" "$base_layers" "$derived_layers"
assert_contains "the base's blobs were mounted, not uploaded" "mounted" "$(cat "$WORK/derived.log")"

# --- a base's config is inherited and its ONBUILD triggers run in the child --------------------
mkdir -p "$WORK/onbuild"
printf 'FROM %s/busybox:latest\nENV GREETING=hi\nWORKDIR /srv\nUSER app\nONBUILD COPY note /srv/from-trigger\n' "$R" \
  >"$WORK/onbuild/Dockerfile"
"$MANIFOLD" build --progress=quiet --platform linux/arm64 -t "$R/onbuild:1" --push "$WORK/onbuild" >/dev/null 2>&1 ||
  fail "push of an image with ONBUILD"
printf 'FROM %s/onbuild:1\n' "$R" >"$WORK/fromctx/Dockerfile.child"
"$MANIFOLD" build --progress=quiet --platform linux/arm64 -f "$WORK/fromctx/Dockerfile.child" \
  --output "type=oci,dest=$WORK/child.tar" "$WORK/fromctx" >/dev/null 2>&1 || fail "build FROM an ONBUILD image"
child=$(skopeo inspect --config "oci-archive:$WORK/child.tar")
assert_eq "the child inherits Env, WorkingDir and User" "GREETING=hi /srv app" \
  "$(jq -r '[(.config.Env[] | select(startswith("GREETING"))), .config.WorkingDir, .config.User] | join(" ")' <<<"$child")"
assert_eq "the trigger ran and was spent" "null" "$(jq -r '.config.OnBuild' <<<"$child")"
assert_eq "the child's history extends the base's" \
  "$(skopeo inspect --tls-verify=false --config "docker://$R/onbuild:1" | jq '.history | length + 1')" \
  "$(jq '.history | length' <<<"$child")"
"$MANIFOLD" build --progress=quiet --platform linux/arm64 -f "$WORK/fromctx/Dockerfile.child" \
  --output "type=local,dest=$WORK/child" "$WORK/fromctx" >/dev/null 2>&1 || fail "build FROM an ONBUILD image"
[[ -f "$WORK/child/srv/from-trigger" ]] || fail "the ONBUILD COPY did not land"
ok "the ONBUILD COPY landed in the child"

# --- zstd and uncompressed layers both ways -------------------------------------------------------
"$MANIFOLD" build --progress=quiet --platform linux/arm64 --output "type=registry,name=$R/zst:1,compression=zstd" \
  "$WORK/fromctx" >/dev/null 2>&1 || fail "push with zstd layers"
assert_eq "zstd layers pushed" "application/vnd.oci.image.layer.v1.tar+zstd" \
  "$(skopeo inspect --tls-verify=false --raw "docker://$R/zst:1" | jq -r '.layers[-1].mediaType')"
"$MANIFOLD" build --progress=quiet --platform linux/arm64 --output "type=registry,name=$R/unc:1,compression=uncompressed" \
  "$WORK/fromctx" >/dev/null 2>&1 || fail "push with uncompressed layers"
mkdir -p "$WORK/zctx"
printf 'FROM %s/unc:1 AS u\nFROM %s/zst:1\nCOPY --from=u /note-arm64 /from-uncompressed\n' "$R" "$R" >"$WORK/zctx/Dockerfile"
"$MANIFOLD" build --progress=quiet --platform linux/arm64 --output "type=local,dest=$WORK/zout" "$WORK/zctx" >/dev/null 2>&1 ||
  fail "build FROM zstd and uncompressed bases"
assert_eq "files from zstd and uncompressed bases" "note note" \
  "$(cat "$WORK/zout/note-arm64" "$WORK/zout/from-uncompressed" | xargs)"

# --- bad input -----------------------------------------------------------------------------------
printf 'FROM %s/busybox:nope\n' "$R" >"$WORK/fromctx/Dockerfile.missing"
expect_failure "FROM a missing tag" "busybox:nope: not found" \
  "$MANIFOLD" build --progress=plain -f "$WORK/fromctx/Dockerfile.missing" --output "type=local,dest=$WORK/x" "$WORK/fromctx"
expect_failure "FROM a platform the index lacks" "no matching manifest for linux/s390x" \
  "$MANIFOLD" build --progress=plain --platform linux/s390x --output "type=local,dest=$WORK/x" "$WORK/fromctx"
expect_failure "--push without a name" "--push needs at least one -t" "$MANIFOLD" build --push "$ctx"
echo "$CHECKS checks passed"
