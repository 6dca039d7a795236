#!/usr/bin/env bash
# What CI steers through the environment and special build args, as buildx reads them:
# SOURCE_DATE_EPOCH (--build-arg > environment > the Dockerfile's global ARG default),
# DOCKER_DEFAULT_PLATFORM, BUILDKIT_PROGRESS, BUILDKIT_INLINE_CACHE=1, and a type=gha cache
# that cannot be used (a warning, and the build goes on).
source "$(dirname "$0")/lib.sh"
need_builds
need python3

ctx="$WORK/ctx"
mkdir -p "$ctx"
echo data >"$ctx/file"
printf 'ARG SOURCE_DATE_EPOCH=1000\nFROM scratch\nCOPY file /file\n' >"$ctx/Dockerfile"

# config_of ARCHIVE KEY: a field of the single image's config in an OCI archive ("created",
# "architecture", or "inline" = whether the inline cache field is there).
config_of() {
  python3 - "$1" "$2" <<'PY'
import json, sys, tarfile
t = tarfile.open(sys.argv[1])
blob = lambda d: json.load(t.extractfile("blobs/sha256/" + d.split(":")[1]))
m = blob(json.load(t.extractfile("index.json"))["manifests"][0]["digest"])
if "manifests" in m:
    m = blob(m["manifests"][0]["digest"])
c = blob(m["config"]["digest"])
key = sys.argv[2]
print("yes" if key == "inline" and "manifold.cache.v0" in c else c.get(key, "no"))
PY
}
build() { "$MANIFOLD" build --progress=quiet -o "type=oci,dest=$WORK/$1.tar" "${@:2}" "$ctx" >/dev/null; }

(unset SOURCE_DATE_EPOCH; build arg)
assert_eq "the Dockerfile's ARG default sets the epoch" "1970-01-01T00:16:40Z" "$(config_of "$WORK/arg.tar" created)"
SOURCE_DATE_EPOCH=2000 build env
assert_eq "the environment wins over the ARG default" "1970-01-01T00:33:20Z" "$(config_of "$WORK/env.tar" created)"
SOURCE_DATE_EPOCH=2000 build flag --build-arg SOURCE_DATE_EPOCH=3000
assert_eq "--build-arg wins over the environment" "1970-01-01T00:50:00Z" "$(config_of "$WORK/flag.tar" created)"
expect_failure "a bad epoch names its source" "the environment's SOURCE_DATE_EPOCH \"yesterday\"" \
  env SOURCE_DATE_EPOCH=yesterday "$MANIFOLD" build -o "type=oci,dest=$WORK/x.tar" "$ctx"

DOCKER_DEFAULT_PLATFORM=linux/arm64 build defplat
assert_eq "DOCKER_DEFAULT_PLATFORM picks the platform" "arm64" "$(config_of "$WORK/defplat.tar" architecture)"
DOCKER_DEFAULT_PLATFORM=linux/arm64 build flagplat --platform linux/amd64
assert_eq "--platform wins over DOCKER_DEFAULT_PLATFORM" "amd64" "$(config_of "$WORK/flagplat.tar" architecture)"

BUILDKIT_PROGRESS=rawjson "$MANIFOLD" build -o "type=oci,dest=$WORK/p.tar" "$ctx" 2>"$WORK/raw.log" >/dev/null
python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1]) if l.strip()]' "$WORK/raw.log" \
  || fail "BUILDKIT_PROGRESS=rawjson: stderr is not JSON lines: $(head -3 "$WORK/raw.log")"
ok "BUILDKIT_PROGRESS=rawjson gives JSON lines"
out=$(BUILDKIT_PROGRESS=rawjson "$MANIFOLD" build --progress=plain -o "type=oci,dest=$WORK/p.tar" "$ctx" 2>&1 >/dev/null)
assert_contains "--progress wins over BUILDKIT_PROGRESS" "#1 " "$out"
expect_failure "a bad BUILDKIT_PROGRESS is named" "BUILDKIT_PROGRESS \"fancy\"" \
  env BUILDKIT_PROGRESS=fancy "$MANIFOLD" build -o "type=oci,dest=$WORK/x.tar" "$ctx"

build inline --build-arg BUILDKIT_INLINE_CACHE=1
assert_eq "BUILDKIT_INLINE_CACHE=1 writes the inline cache" "yes" "$(config_of "$WORK/inline.tar" inline)"
build noinline --build-arg BUILDKIT_INLINE_CACHE=0
assert_eq "BUILDKIT_INLINE_CACHE=0 does not" "no" "$(config_of "$WORK/noinline.tar" inline)"

out=$(env -u ACTIONS_CACHE_URL -u ACTIONS_RUNTIME_TOKEN "$MANIFOLD" build --progress=plain \
  --cache-from type=gha --cache-to type=gha,mode=max -o "type=oci,dest=$WORK/gha.tar" "$ctx" 2>&1) \
  || fail "a type=gha cache failed the build: $out"
assert_contains "gha without the service: a warning" \
  "WARNING: --cache-to type=gha,mode=max: the GitHub Actions cache service is not configured" "$out"
[[ -s "$WORK/gha.tar" ]] || fail "the gha build wrote no image"
ok "gha: the build goes on"
