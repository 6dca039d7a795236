#!/usr/bin/env bash
# --build-context NAME=VALUE as buildx: a directory read by COPY --from (with its own
# .dockerignore) and used as FROM, docker-image:// replacing FROM for two platforms, an OCI
# layout written by manifold itself, per-file cache keys of a named directory, and the errors.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/registry_lib.sh"
need_builds
need runc
need jq
need docker-registry
need skopeo
[[ $(uname -m) == x86_64 ]] || skip "the expectations below are written for an x86_64 host"

cd "$WORK"
mkdir -p ctx src/sub rootfs/etc
echo main >ctx/main.txt
echo hello >src/hello.txt
echo deep >src/sub/deep.txt
echo secret >src/secret.key
echo log >src/build.log
printf '*.key\n*.log\n' >src/.dockerignore
echo from-rootfs >rootfs/etc/marker

# Errors first: they need nothing built. Usage errors exit 2 and name the flag.
printf 'FROM scratch\nCOPY --from=src hello.txt /\n' >ctx/Dockerfile
usage() {
  local what=$1 needle=$2 rc=0 err
  shift 2
  err=$("$MANIFOLD" build --progress=quiet --output type=local,dest="$WORK/never" "$@" ctx 2>&1 >/dev/null) || rc=$?
  [[ $rc == 2 ]] || fail "$what: exit $rc, expected 2 ($err)"
  [[ $err == *"$needle"* ]] || fail "$what: error does not mention [$needle]: $err"
  ok "$what exits 2"
}
usage "a NAME with bad characters" 'invalid context name "Bad Name"' --build-context "Bad Name=./src"
usage "no =" "expected NAME=VALUE" --build-context src
usage "a bad scheme" 'unknown scheme "s3://"' --build-context src=s3://bucket/dir
usage "an http(s) URL that is no git repository" "http(s) URLs other than git" --build-context src=https://example.invalid/ctx.tar
usage "bake's target:" "bake" --build-context src=target:other
usage "the name context" 'the name "context"' --build-context context=./src
usage "a name given twice" "already given" --build-context src=./src --build-context src=./rootfs
usage "a bad image reference" "docker-image" --build-context base=docker-image://UPPER/case
expect_failure "a missing directory" "--build-context src=./nope: ./nope is not a directory" \
  "$MANIFOLD" build --progress=quiet --output type=local,dest="$WORK/never" --build-context src=./nope ctx
[[ ! -e "$WORK/never" ]] || fail "a failed build left its output"

# A directory (relative to the working directory, as buildx) read by COPY --from, with its
# own .dockerignore; another used as FROM.
cat >ctx/Dockerfile <<'DOCKERFILE'
FROM rootfs
COPY --from=src / /src/
COPY main.txt /
DOCKERFILE
"$MANIFOLD" build --progress=plain --output type=local,dest="$WORK/out1" \
  --build-context src=./src --build-context rootfs=rootfs ctx >build1.log 2>&1 || { cat build1.log; fail "build 1"; }
assert_eq "files: FROM rootfs, COPY --from=src through src/.dockerignore, the main context" \
  "etc/marker main.txt src/.dockerignore src/hello.txt src/sub/deep.txt" \
  "$(cd out1 && find . -type f | sed 's|^\./||' | sort | xargs)"
assert_eq "the directory's file" "from-rootfs" "$(cat out1/etc/marker)"
assert_contains "progress names the context" "context src] load from client" "$(cat build1.log)"

# A registry holds a second image made here: one file that says its platform. `FROM base` is
# replaced by it per target platform, with its config.
registry_with_busybox  # sets R
mkdir other
echo amd64 >other/marker-amd64
echo arm64 >other/marker-arm64
printf 'FROM scratch\nARG TARGETARCH\nCOPY marker-${TARGETARCH} /marker\nENV FROM_OTHER=yes\n' >other/Dockerfile
"$MANIFOLD" build --progress=quiet --platform linux/amd64,linux/arm64 -t "$R/other:tag" --push other >/dev/null 2>push.log ||
  { cat push.log; fail "push the other image"; }
printf 'FROM base\nCOPY main.txt /\n' >ctx/Dockerfile
"$MANIFOLD" build --progress=quiet --platform linux/amd64,linux/arm64 --output type=local,dest="$WORK/out2" \
  --build-context "base=docker-image://$R/other:tag" ctx >/dev/null 2>build2.log || { cat build2.log; fail "build 2"; }
assert_eq "FROM base on amd64 is the other image's amd64" "amd64" "$(cat out2/linux_amd64/marker)"
assert_eq "FROM base on arm64 is the other image's arm64" "arm64" "$(cat out2/linux_arm64/marker)"
"$MANIFOLD" build --progress=quiet --platform linux/arm64 --output "type=oci,dest=$WORK/img2,tar=false" \
  --build-context "base=docker-image://$R/other:tag" ctx >/dev/null 2>build2b.log || { cat build2b.log; fail "build 2b"; }
config=$(skopeo inspect --config "oci:$WORK/img2" 2>/dev/null) || fail "inspect img2"
assert_contains "the context image's config comes along" "FROM_OTHER=yes" "$(jq -c .config.Env <<<"$config")"

# A stage of the same name: the context wins (the stage would fail).
printf 'FROM scratch AS base\nCOPY does-not-exist /\nFROM base\nCOPY main.txt /\n' >ctx/Dockerfile
"$MANIFOLD" build --progress=quiet --platform linux/arm64 --output type=local,dest="$WORK/out3" \
  --build-context "base=docker-image://$R/other:tag" ctx >/dev/null 2>build3.log || { cat build3.log; fail "build 3"; }
assert_eq "a stage named base is replaced by the context" "arm64" "$(cat out3/marker)"

# oci-layout:// from a layout manifold wrote (two platforms: the index picks per platform).
"$MANIFOLD" build --progress=quiet --platform linux/amd64,linux/arm64 --output "type=oci,dest=$WORK/layout,tar=false" \
  other >/dev/null 2>layout.log || { cat layout.log; fail "write the layout"; }
printf 'FROM base\nCOPY main.txt /\n' >ctx/Dockerfile
"$MANIFOLD" build --progress=quiet --platform linux/amd64,linux/arm64 --output type=local,dest="$WORK/out4" \
  --build-context base=oci-layout://layout ctx >/dev/null 2>build4.log || { cat build4.log; fail "build 4"; }
assert_eq "oci-layout: amd64 from the layout's index" "amd64" "$(cat out4/linux_amd64/marker)"
assert_eq "oci-layout: arm64 from the layout's index" "arm64" "$(cat out4/linux_arm64/marker)"
digest=$(jq -r '.manifests[0].digest' layout/index.json)
"$MANIFOLD" build --progress=quiet --platform linux/arm64 --output type=local,dest="$WORK/out5" \
  --build-context "base=oci-layout://layout@$digest" ctx >/dev/null 2>build5.log || { cat build5.log; fail "build 5"; }
assert_eq "oci-layout@DIGEST" "arm64" "$(cat out5/marker)"
expect_failure "oci-layout of an unknown digest" "lists no image" "$MANIFOLD" build --progress=quiet \
  --output type=local,dest="$WORK/never" --build-context "base=oci-layout://layout@sha256:$(printf '%064d' 0)" ctx

# Cache keys: a changed file of the named context reruns only the step that reads it. RUN
# steps count their runs in a cache mount (outside the image and the cache keys).
cat >ctx/Dockerfile <<DOCKERFILE
FROM $R/busybox:latest
COPY --from=src hello.txt /hello.txt
RUN --mount=type=cache,id=counter,target=/count,sharing=locked echo hello >>/count/log && cat /hello.txt
COPY --from=src sub/ /sub/
RUN --mount=type=cache,id=counter,target=/count,sharing=locked echo sub >>/count/log && cat /sub/deep.txt
RUN --mount=type=cache,id=counter,target=/count,sharing=locked --mount=from=src,target=/m echo mount >>/count/log
DOCKERFILE
counter="$MANIFOLD_ROOT/cache/mounts/$(printf counter | sha256sum | cut -d' ' -f1)/data/log"
runs() { grep -c "^$1\$" "$counter" 2>/dev/null || true; }
build() {
  "$MANIFOLD" build --progress=plain --output type=oci,dest="$WORK/cache-$1.tar" --build-context src=./src ctx \
    2>"cache-$1.log" || { tail -20 "cache-$1.log"; fail "build $1"; }
}
build cold
assert_eq "cold: every step ran" "1 1 1" "$(runs hello) $(runs sub) $(runs mount)"
build warm
assert_eq "warm: nothing ran again" "1 1 1" "$(runs hello) $(runs sub) $(runs mount)"
echo changed >src/sub/deep.txt
build sub
assert_eq "a changed sub/deep.txt reruns the steps after COPY sub/ and the mount, not COPY hello.txt" "1 2 2" \
  "$(runs hello) $(runs sub) $(runs mount)"
echo more >>src/build.log
build ignored
assert_eq "a file its .dockerignore hides changes nothing" "1 2 2" "$(runs hello) $(runs sub) $(runs mount)"
echo "$CHECKS checks passed"
