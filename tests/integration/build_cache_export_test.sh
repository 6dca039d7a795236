#!/usr/bin/env bash
# --cache-to / --cache-from: a cache exported by one machine (root) makes another, empty one skip
# the steps: type=local, type=registry (against the real registry) and type=inline (in the
# pushed image's configs). "Skipped" is observed: every RUN appends to a file in a cache mount,
# which lives in the root on the host and in no layer, so an empty root that reran a step has
# the line and one that hit the cache has no file at all. mode=min vs mode=max: a builder
# stage only in mode=max.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/registry_lib.sh"
need_builds
need runc
need jq
need skopeo
need docker-registry
[[ $(uname -m) == x86_64 ]] || skip "the expectations below are written for an x86_64 host"
need_arm64_emulation
registry_with_busybox  # sets R

ctx="$WORK/ctx"
mkdir -p "$ctx"
echo hello >"$ctx/hello.txt"
cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $R/busybox:latest AS builder
ARG TARGETARCH
RUN --mount=type=cache,id=counter,target=/count,sharing=locked echo "builder \$TARGETARCH" >>/count/log && echo built-\$TARGETARCH >/artifact
FROM $R/busybox:latest
ARG TARGETARCH
COPY hello.txt /hello.txt
RUN --mount=type=cache,id=counter,target=/count,sharing=locked echo "final \$TARGETARCH" >>/count/log && cp /hello.txt /hello.copy
COPY --from=builder /artifact /artifact
DOCKERFILE
counter_of() { echo "$1/cache/mounts/$(printf counter | sha256sum | cut -d' ' -f1)/data/log"; }
runs() {  # runs ROOT PATTERN: how many times RUN steps matching PATTERN ran on that root
  local log
  log=$(counter_of "$1")
  if [[ -f $log ]]; then grep -c "$2" "$log" || true; else echo 0; fi
}
build() {  # build ROOT NAME [flags...]
  local root=$1 name=$2
  shift 2
  MANIFOLD_ROOT=$root SOURCE_DATE_EPOCH=1700000000 "$MANIFOLD" build --progress=rawjson \
    --platform linux/amd64,linux/arm64 "$@" "$ctx" 2>"$WORK/$name.log" || { grep -v '^{' "$WORK/$name.log" | tail; fail "build $name"; }
}
cached() { grep '^{' "$WORK/$1.log" | jq -r 'select(.kind == "cached") | .name' | grep -c 'RUN\|COPY' || true; }

# The first machine builds once and exports in every form.
build "$WORK/first" first --output "type=oci,dest=$WORK/first.tar" \
  --cache-to "type=local,dest=$WORK/cache-max,mode=max" --cache-to "type=local,dest=$WORK/cache-min" \
  --cache-to "type=registry,ref=$R/app:buildcache,mode=max"
assert_eq "first build: every RUN ran" "2 2" "$(runs "$WORK/first" '^builder ') $(runs "$WORK/first" '^final ')"
[[ -f $WORK/cache-max/index.json && -f $WORK/cache-min/index.json ]] || fail "no local cache was written"
ok "local caches written"
skopeo inspect --raw --tls-verify=false "docker://$R/app:buildcache" | jq -e '.config.mediaType == "application/vnd.manifold.cache.config.v1+json"' \
  >/dev/null || fail "the registry cache is not a manifold cache manifest"
ok "the registry cache is a manifest skopeo reads"

# type=local, mode=max, on an empty root: nothing runs, the image is the same.
build "$WORK/local" local --cache-from "type=local,src=$WORK/cache-max" --output "type=oci,dest=$WORK/local.tar"
assert_eq "local mode=max import: no RUN ran on the empty root" "0 0" "$(runs "$WORK/local" '^builder ') $(runs "$WORK/local" '^final ')"
assert_eq "local mode=max import: every COPY and RUN cached" 8 "$(cached local)"
assert_eq "local import: the same image as the first build" "$(tar -xOf "$WORK/first.tar" index.json | sha256sum)" \
  "$(tar -xOf "$WORK/local.tar" index.json | sha256sum)"

# mode=min holds only the final images' steps: the builder stage runs again, the rest does not.
build "$WORK/min" min --cache-from "type=local,src=$WORK/cache-min" --output "type=oci,dest=$WORK/min.tar"
assert_eq "local mode=min import: the builder stage ran, the final stage did not" "2 0" \
  "$(runs "$WORK/min" '^builder ') $(runs "$WORK/min" '^final ')"

# type=registry on an empty root.
build "$WORK/reg" reg --cache-from "type=registry,ref=$R/app:buildcache" --output "type=oci,dest=$WORK/reg.tar"
assert_eq "registry import: no RUN ran on the empty root" "0 0" "$(runs "$WORK/reg" '^builder ') $(runs "$WORK/reg" '^final ')"

# type=inline: the pushed image carries its cache; another root builds from the image alone.
build "$WORK/inline1" inline1 --cache-to type=inline -t "$R/app:1" --push
skopeo inspect --config --raw --tls-verify=false --override-arch arm64 "docker://$R/app:1" | jq -e '."manifold.cache.v0"' >/dev/null ||
  fail "the pushed arm64 config has no inline cache"
ok "inline cache is in the pushed image's config"
build "$WORK/inline2" inline2 --cache-from "$R/app:1" --output "type=oci,dest=$WORK/inline2.tar"
assert_eq "inline import: the final stage did not run" 0 "$(runs "$WORK/inline2" '^final ')"

# Failures: a missing import is a warning; an unwritable export fails unless ignore-error=true.
build "$WORK/warn" warn --cache-from "type=local,src=$WORK/nothing-here" --output "type=oci,dest=$WORK/warn.tar"
assert_contains "a missing cache source is a warning" "nothing-here" "$(grep '^{' "$WORK/warn.log" | jq -r 'select(.kind == "warning") | .text')"
mkdir -p "$WORK/ro" && touch "$WORK/ro/file"
build "$WORK/warn" ignored --cache-to "type=local,dest=$WORK/ro/file/sub,ignore-error=true" --output "type=oci,dest=$WORK/ig.tar"
ok "an export failure with ignore-error=true does not fail the build"
expect_failure "an export failure fails the build" "--cache-to" env MANIFOLD_ROOT="$WORK/warn" "$MANIFOLD" build --progress=plain \
  --cache-to "type=local,dest=$WORK/ro/file/sub" --output "type=oci,dest=$WORK/x.tar" "$ctx"
expect_failure "an unsupported cache type is refused" "\"s3\" is not supported" "$MANIFOLD" build --cache-to type=s3,region=x "$ctx"
echo "$CHECKS checks passed"
