#!/usr/bin/env bash
# --output type=docker: a `docker load` archive of one platform (OCI layout + manifest.json),
# read back by skopeo; several platforms are refused before anything is written.
source "$(dirname "$0")/lib.sh"
need_builds
need skopeo
need jq

ctx="$MANIFOLD_SOURCE_DIR/examples/hello"
export SOURCE_DATE_EPOCH=1700000000
"$MANIFOLD" build --progress=plain --platform linux/arm64 -t localhost:5000/hello:1.0 -t hello:latest \
  --output "type=docker,dest=$WORK/hello.tar" "$ctx" 2>"$WORK/build.log" || { cat "$WORK/build.log"; fail "build"; }
ok "build of one platform into a docker archive"

mkdir -p "$WORK/x"
tar -xf "$WORK/hello.tar" -C "$WORK/x"
m="$WORK/x/manifest.json"
assert_eq "manifest.json has one image" 1 "$(jq length "$m")"
assert_eq "RepoTags in docker's short form" "localhost:5000/hello:1.0 hello:latest" "$(jq -r '.[0].RepoTags | join(" ")' "$m")"
config="$WORK/x/$(jq -r '.[0].Config' "$m")"
assert_eq "Config is a blob named by its digest" "$(basename "$config")" "$(sha256sum "$config" | cut -d' ' -f1)"
assert_eq "the config is arm64's" arm64 "$(jq -r .architecture "$config")"
assert_eq "one Layers path per diff_id" "$(jq '.rootfs.diff_ids | length' "$config")" "$(jq '.[0].Layers | length' "$m")"
for layer in $(jq -r '.[0].Layers[]' "$m"); do
  [[ -f "$WORK/x/$layer" ]] || fail "layer $layer is not in the archive"
done
ok "every layer path is in the archive"
assert_eq "Docker media types by default" "application/vnd.docker.distribution.manifest.v2+json" \
  "$(skopeo inspect --raw "docker-archive:$WORK/hello.tar" | jq -r .mediaType)"
assert_eq "skopeo reads the platform" arm64 "$(skopeo inspect "docker-archive:$WORK/hello.tar" | jq -r .Architecture)"
skopeo copy -q "docker-archive:$WORK/hello.tar" "oci:$WORK/copy:x" || fail "skopeo copy docker-archive -> oci"
assert_eq "the copied image has the same config" "$(jq -cS . "$config")" "$(skopeo inspect --config "oci:$WORK/copy:x" | jq -cS .)"
assert_eq "index.json names the image" "localhost:5000/hello:1.0" \
  "$(jq -r '.manifests[0].annotations["io.containerd.image.name"]' "$WORK/x/index.json")"

MANIFOLD_ROOT="$WORK/root2" "$MANIFOLD" build --progress=quiet --platform linux/arm64 -t localhost:5000/hello:1.0 \
  -t hello:latest --output "type=docker,dest=$WORK/again.tar" "$ctx" >/dev/null 2>&1 || fail "second build"
cmp -s "$WORK/hello.tar" "$WORK/again.tar" || fail "two builds gave different archives"
ok "deterministic with SOURCE_DATE_EPOCH"

expect_failure "several platforms are refused" "a docker archive holds one platform" \
  "$MANIFOLD" build --platform linux/amd64,linux/arm64 --output "type=docker,dest=$WORK/multi.tar" "$ctx"
[[ ! -e "$WORK/multi.tar" ]] || fail "a refused build left a file"
ok "nothing written when refused"
echo "$CHECKS checks passed"
