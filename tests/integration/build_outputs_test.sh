#!/usr/bin/env bash
# What buildx's CI recipes ask of outputs, against a real registry: annotations of every type
# where they say (registry, OCI archive, image store), push-by-digest of two one-platform builds
# stitched by imagetools create, no tag left by push-by-digest, cacheonly, force-compression to
# zstd (base layer included, read back by skopeo and zstd), archive names, metadata keys.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/registry_lib.sh"
need_builds
need skopeo
need jq
need curl
need docker-registry
need zstd

export SOURCE_DATE_EPOCH=1700000000
registry_with_busybox  # sets R; $R/busybox:latest: amd64, arm64, arm/v7, gzip layers
ctx="$WORK/ctx"
mkdir -p "$ctx"
echo a >"$ctx/a"
# COPY only: nothing runs, so no platform needs emulation.
printf 'FROM %s/busybox:latest\nCOPY a /a\n' "$R" >"$ctx/Dockerfile"
raw() { skopeo inspect --tls-verify=false --raw "docker://$1"; }
sha() { echo "sha256:$(sha256sum | cut -d' ' -f1)"; }
build() { "$MANIFOLD" build --progress=plain "$@" 2>"$WORK/last.log" || { cat "$WORK/last.log"; fail "build $*"; }; }

# --- annotations of every type: a push and an OCI archive of two platforms ------------------------
build --platform linux/amd64,linux/arm64 -t "$R/ann:1" --push --metadata-file "$WORK/ann.json" \
  --annotation 'org.example.all=m' --annotation 'index,manifest:org.example.both=b' \
  --annotation 'manifest[linux/arm64]:org.example.arm=only' --annotation 'manifest-descriptor:org.example.md=d' \
  --annotation 'index-descriptor:org.example.id=i' \
  -o "type=oci,dest=$WORK/ann.tar,annotation-index.org.example.oci=o" "$ctx"
index=$(raw "$R/ann:1")
assert_eq "registry: index annotation" "b" "$(jq -r '.annotations["org.example.both"]' <<<"$index")"
assert_eq "registry: the OCI output's own key is not on the pushed index" "null" \
  "$(jq -r '.annotations["org.example.oci"]' <<<"$index")"
assert_eq "registry: manifest-descriptor on every entry" "d d" \
  "$(jq -r '[.manifests[].annotations["org.example.md"]] | join(" ")' <<<"$index")"
assert_eq "metadata digest is the annotated index's" "$(printf %s "$index" | sha)" \
  "$(jq -r '."containerimage.digest"' "$WORK/ann.json")"
for arch in amd64 arm64; do
  d=$(jq -r --arg a "$arch" '.manifests[] | select(.platform.architecture == $a) | .digest' <<<"$index")
  m=$(raw "$R/ann@$d")
  assert_eq "registry: $arch manifest annotation" "m b" \
    "$(jq -r '[.annotations["org.example.all"], .annotations["org.example.both"]] | join(" ")' <<<"$m")"
  want=null && [[ $arch == arm64 ]] && want=only
  assert_eq "registry: [linux/arm64] selector on $arch" "$want" "$(jq -r '.annotations["org.example.arm"]' <<<"$m")"
  assert_eq "registry: no descriptor annotation inside the $arch manifest" "null" \
    "$(jq -r '.annotations["org.example.md"]' <<<"$m")"
done
mkdir -p "$WORK/ann" && tar -xf "$WORK/ann.tar" -C "$WORK/ann"
top=$(jq -c '.manifests[0]' "$WORK/ann/index.json")
assert_eq "archive: index-descriptor in index.json" "i" "$(jq -r '.annotations["org.example.id"]' <<<"$top")"
assert_eq "archive: named as buildx names it" "$R/ann:1 1" \
  "$(jq -r '[.annotations["io.containerd.image.name"], .annotations["org.opencontainers.image.ref.name"]] | join(" ")' <<<"$top")"
assert_eq "archive: created is SOURCE_DATE_EPOCH" "2023-11-14T22:13:20Z" \
  "$(jq -r '.annotations["org.opencontainers.image.created"]' <<<"$top")"
blob="$WORK/ann/blobs/sha256/$(jq -r .digest <<<"$top" | cut -d: -f2)"
assert_eq "archive: its own annotation-index key and the shared ones" "o b" \
  "$(jq -r '[.annotations["org.example.oci"], .annotations["org.example.both"]] | join(" ")' "$blob")"
assert_eq "skopeo reads the annotated archive by its ref.name" "$(jq -r .digest <<<"$top")" \
  "$(skopeo inspect --raw "oci-archive:$WORK/ann.tar:1" | sha)"

# --- what has no place is refused before anything is written --------------------------------------
expect_failure "index annotation on one platform (BuildKit refuses it too)" "no output of this build writes an image index" \
  "$MANIFOLD" build --platform linux/arm64 -t "$R/one:1" --push --annotation 'index:k=v' "$ctx"
expect_failure "manifest-descriptor with only a one-platform push" "no output of this build writes a manifest descriptor" \
  "$MANIFOLD" build --platform linux/arm64 -t "$R/one:1" --push --annotation 'manifest-descriptor:k=v' "$ctx"
expect_failure "a platform selector the build does not make" "does not make linux/s390x" \
  "$MANIFOLD" build --platform linux/arm64 -o "type=oci,dest=$WORK/x.tar" --annotation 'manifest[linux/s390x]:k=v' "$ctx"
expect_failure "--annotation with no image output" "no output of this build has a manifest" \
  "$MANIFOLD" build --annotation k=v -o "$WORK/files" "$ctx"
[[ ! -e "$WORK/x.tar" ]] || fail "a refused build left an archive"
assert_eq "nothing was pushed by the refused builds" "0" \
  "$(curl -s "http://$R/v2/one/tags/list" | jq '(.tags // []) | length')"

# Usage errors exit 2, naming the flag or key, before any work.
for args in "--annotation bogus:k=v" "--annotation index[linux/amd64]:k=v" "-o type=oci,dest=$WORK/u.tar,push-by-digest=true" \
  "-o type=image,unpack=true" "-o type=local,dest=$WORK/u,annotation.k=v" "-o type=image,push-by-digest=true"; do
  rc=0
  # shellcheck disable=SC2086
  "$MANIFOLD" build $args "$ctx" >/dev/null 2>"$WORK/usage.err" || rc=$?
  assert_eq "exit 2 for $args" 2 "$rc"
  grep -qE -- "--annotation|--output" "$WORK/usage.err" || fail "$args: the error names no flag: $(cat "$WORK/usage.err")"
done

# --- push-by-digest on two "runners", stitched by imagetools create -------------------------------
for arch in amd64 arm64; do
  build --platform "linux/$arch" --metadata-file "$WORK/$arch.json" \
    -o "type=image,name=$R/stitch,push-by-digest=true,name-canonical=true,push=true" "$ctx"
  d=$(jq -r '."containerimage.digest"' "$WORK/$arch.json")
  m=$(raw "$R/stitch@$d")
  assert_eq "$arch: pushed by digest" "$d" "$(printf %s "$m" | sha)"
  assert_eq "$arch: image.name is the name given (BuildKit)" "$R/stitch" "$(jq -r '."image.name"' "$WORK/$arch.json")"
  assert_eq "$arch: containerimage.config.digest" "$(jq -r .config.digest <<<"$m")" \
    "$(jq -r '."containerimage.config.digest"' "$WORK/$arch.json")"
  [[ $(jq -r '."buildx.build.ref"' "$WORK/$arch.json") =~ ^[^/]+/[^/]+/[a-z0-9]{25}$ ]] || fail "buildx.build.ref"
  ok "$arch: buildx.build.ref is BUILDER/NODE/REF"
done
assert_eq "push-by-digest made no tag" "0" "$(curl -s "http://$R/v2/stitch/tags/list" | jq '(.tags // []) | length')"
"$MANIFOLD" imagetools create -t "$R/stitch:1.0" "$R/stitch@$(jq -r '."containerimage.digest"' "$WORK/amd64.json")" \
  "$R/stitch@$(jq -r '."containerimage.digest"' "$WORK/arm64.json")" 2>"$WORK/create.log" ||
  { cat "$WORK/create.log"; fail "imagetools create"; }
stitched=$(raw "$R/stitch:1.0")
assert_eq "the stitched index has both platforms" "linux/amd64 linux/arm64" \
  "$(jq -r '[.manifests[].platform | .os + "/" + .architecture] | join(" ")' <<<"$stitched")"
assert_eq "its entries are the two pushed digests" \
  "$(jq -r '."containerimage.digest"' "$WORK/amd64.json" "$WORK/arm64.json" | xargs)" \
  "$(jq -r '[.manifests[].digest] | join(" ")' <<<"$stitched")"
assert_eq "now the repository has the one tag" '["1.0"]' "$(curl -s "http://$R/v2/stitch/tags/list" | jq -c .tags)"

# --- cacheonly: the cache is written, no image anywhere -------------------------------------------
MANIFOLD_ROOT="$WORK/cacheonly-root" build --platform linux/amd64 -o type=cacheonly \
  --cache-to "type=local,dest=$WORK/cache" "$ctx"
[[ -s "$WORK/cache/index.json" ]] || fail "cacheonly: no cache index"
ok "cacheonly wrote the local cache"
assert_eq "cacheonly stored no image" "" "$(MANIFOLD_ROOT="$WORK/cacheonly-root" "$MANIFOLD" images -q)"

# --- force-compression: every layer zstd, the base's too; skopeo, zstd and tar read it ----------------
build --platform linux/amd64,linux/arm64 -o "type=oci,dest=$WORK/zstd.tar,compression=zstd,force-compression=true" "$ctx"
build --platform linux/amd64 -o "type=oci,dest=$WORK/kept.tar,compression=zstd" "$ctx"
layer_types() {
  local dir=$1 d
  for d in $(jq -r '.manifests[].digest' "$dir/blobs/sha256/$(jq -r '.manifests[0].digest' "$dir/index.json" | cut -d: -f2)" 2>/dev/null ||
    jq -r '.manifests[0].digest' "$dir/index.json"); do
    jq -r '.layers[].mediaType' "$dir/blobs/sha256/${d#sha256:}"
  done | sort | uniq -c | awk '{print $2 "=" $1}' | xargs
}
mkdir -p "$WORK/zstd" "$WORK/kept" && tar -xf "$WORK/zstd.tar" -C "$WORK/zstd" && tar -xf "$WORK/kept.tar" -C "$WORK/kept"
assert_eq "force-compression: all four layers zstd" "application/vnd.oci.image.layer.v1.tar+zstd=4" "$(layer_types "$WORK/zstd")"
assert_eq "without it the base layer stays gzip" \
  "application/vnd.oci.image.layer.v1.tar+gzip=1 application/vnd.oci.image.layer.v1.tar+zstd=1" "$(layer_types "$WORK/kept")"
skopeo copy -q --override-arch arm64 "oci-archive:$WORK/zstd.tar" "dir:$WORK/zstd-copy" || fail "skopeo copy of zstd"
ok "skopeo copies the zstd image"
# umoci 0.4.7 (Debian 12) predates zstd layers; zstd(1) and tar read them, and each layer's tar
# must hash to the config's diffID (recompression must not touch the tar inside).
cfg="$WORK/zstd-copy/$(jq -r .config.digest "$WORK/zstd-copy/manifest.json" | cut -d: -f2)"
i=0
for d in $(jq -r '.layers[].digest' "$WORK/zstd-copy/manifest.json"); do
  assert_eq "layer $i's tar hashes to its diffID" "$(jq -r ".rootfs.diff_ids[$i]" "$cfg")" \
    "sha256:$(zstd -dc "$WORK/zstd-copy/${d#sha256:}" | sha256sum | cut -d' ' -f1)"
  zstd -dc "$WORK/zstd-copy/${d#sha256:}" | tar -t >>"$WORK/zstd-files"
  i=$((i + 1))
done
assert_eq "the recompressed base holds busybox, the built layer /a" "a bin/busybox" \
  "$(grep -xE '(\./)?(bin/busybox|a)' "$WORK/zstd-files" | sed 's|^\./||' | sort | xargs)"

# --- archive names: every -t, normalized, in index.json and manifest.json -------------------------
build --platform linux/arm64 -t app:1.0 -t "$R/team/x:2" -o "type=oci,dest=$WORK/named.tar" \
  -o "type=docker,dest=$WORK/named-docker.tar" --metadata-file "$WORK/named.json" "$ctx"
mkdir -p "$WORK/named" "$WORK/named-docker"
tar -xf "$WORK/named.tar" -C "$WORK/named" && tar -xf "$WORK/named-docker.tar" -C "$WORK/named-docker"
for dir in named named-docker; do
  assert_eq "$dir: index.json names" "docker.io/library/app:1.0=1.0 $R/team/x:2=2" \
    "$(jq -r '[.manifests[].annotations | .["io.containerd.image.name"] + "=" + .["org.opencontainers.image.ref.name"]] | join(" ")' "$WORK/$dir/index.json")"
done
assert_eq "docker archive RepoTags" "app:1.0 $R/team/x:2" "$(jq -r '.[0].RepoTags | join(" ")' "$WORK/named-docker/manifest.json")"
assert_eq "metadata image.name lists the archive names" "docker.io/library/app:1.0,$R/team/x:2" \
  "$(jq -r '."image.name"' "$WORK/named.json")"
skopeo inspect "oci-archive:$WORK/named.tar:1.0" >/dev/null || fail "skopeo by ref.name"
ok "skopeo finds the image by its ref.name"

# --- the image store: --load names in metadata, annotations on its index.json, name-canonical ------
build --platform linux/arm64 --load -t app:load --metadata-file "$WORK/load.json" \
  --annotation 'manifest-descriptor:org.example.stored=yes' "$ctx"
assert_eq "--load: image.name is the loaded name" "docker.io/library/app:load" "$(jq -r '."image.name"' "$WORK/load.json")"
assert_eq "--load: the descriptor annotation is on the store's entry" "yes" \
  "$(jq -r '.manifests[] | select(.annotations["io.containerd.image.name"] == "docker.io/library/app:load")
     | .annotations["org.example.stored"]' "$MANIFOLD_ROOT/content/index.json")"
build --platform linux/arm64 -o "type=image,name=app:canon,name-canonical=true" --metadata-file "$WORK/canon.json" "$ctx"
d=$(jq -r '."containerimage.digest"' "$WORK/canon.json")
assert_eq "name-canonical: stored as NAME and NAME@DIGEST" "docker.io/library/app:canon docker.io/library/app:canon@$d" \
  "$(jq -r '[.manifests[].annotations["io.containerd.image.name"] | select(startswith("docker.io/library/app:canon"))] | sort | join(" ")' "$MANIFOLD_ROOT/content/index.json")"

# --- rewrite-timestamp needs SOURCE_DATE_EPOCH ------------------------------------------------------
build --platform linux/arm64 -o "type=oci,dest=$WORK/rw.tar,rewrite-timestamp=true" "$ctx"
ok "rewrite-timestamp=true with SOURCE_DATE_EPOCH"
expect_failure "rewrite-timestamp=true without SOURCE_DATE_EPOCH" "rewrite-timestamp=true needs SOURCE_DATE_EPOCH" \
  env -u SOURCE_DATE_EPOCH "$MANIFOLD" build --platform linux/arm64 -o "type=oci,dest=$WORK/rw2.tar,rewrite-timestamp=true" "$ctx"
echo "$CHECKS checks passed"
