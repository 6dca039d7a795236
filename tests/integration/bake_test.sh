#!/usr/bin/env bash
# manifold bake on examples/bake (docker-bake.hcl + compose.yaml, read as found, unedited):
# three images for linux/amd64 and linux/arm64 in one solve — the base stage the three share
# runs once per platform, not once per target — pushed to a real registry (skopeo reads each
# index), --metadata-file with one object per target, --load of every target, --print and
# --list, and errors that name the file.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/registry_lib.sh"
need_builds
need skopeo
need jq
need docker-registry
need_arm64_emulation

registry_with_busybox
proj="$WORK/proj"
cp -r "$MANIFOLD_SOURCE_DIR/examples/bake" "$proj"
cd "$proj"
export REGISTRY=$R TAG=1.0 BASE_IMAGE=$R/busybox:latest SOURCE_DATE_EPOCH=1700000000

# --- --print: the definition as buildx prints it, variables from the environment --------------
"$MANIFOLD" bake --print >"$WORK/print.json" 2>"$WORK/print.err" || { cat "$WORK/print.err"; fail "bake --print"; }
assert_eq "--print: the default group" '["app","migrate","worker"]' "$(jq -c '.group.default.targets' "$WORK/print.json")"
assert_eq "--print: a function and two variables make the tag" "$R/app:1.0" "$(jq -r '.target.app.tags[0]' "$WORK/print.json")"
assert_eq "--print: the Compose service, interpolated" "$R/migrate:1.0" "$(jq -r '.target.migrate.tags[0]' "$WORK/print.json")"
assert_eq "--print: the Compose service inherits _common's platforms" '["linux/amd64","linux/arm64"]' \
  "$(jq -c '.target.migrate.platforms' "$WORK/print.json")"
assert_eq "--print: BASE_IMAGE from the environment" "$R/busybox:latest" "$(jq -r '.target.worker.args.BASE_IMAGE' "$WORK/print.json")"
assert_eq "--print: the private _common is not a target" "null" "$(jq -r '.target._common' "$WORK/print.json")"
set_print=$("$MANIFOLD" bake --print --set '*.platform=linux/arm64' --set 'app.tags+=extra:1' app)
assert_eq "--set with a pattern and +=" '["linux/arm64"] ["'"$R"'/app:1.0","extra:1"]' \
  "$(jq -c '.target.app.platforms' <<<"$set_print") $(jq -c '.target.app.tags' <<<"$set_print")"
assert_eq "a named target alone" "app" "$(jq -r '.target | keys | join(",")' <<<"$set_print")"
# A matrix in HCL, a group and a label in JSON (strings are templates there), read together.
mkdir -p "$WORK/matrix"
cat >"$WORK/matrix/docker-bake.hcl" <<'HCL'
variable "VERSION" { default = "1" }
target "lib" {
  name = "lib-${replace(v, ".", "")}"
  matrix = { v = ["3.11", "3.12"] }
  args = { PY = v }
  tags = ["lib:${v}-${VERSION}"]
}
HCL
echo '{"group": {"default": {"targets": ["lib"]}}, "target": {"lib-312": {"labels": {"v": "${VERSION}"}}}}' \
  >"$WORK/matrix/docker-bake.json"
matrix=$(cd "$WORK/matrix" && VERSION=2 "$MANIFOLD" bake --print)
assert_eq "a matrix makes one target per value, grouped under its name" '["lib-311","lib-312"]' \
  "$(jq -c '.group.lib.targets' <<<"$matrix")"
assert_eq "matrix values and an environment variable in a tag" "lib:3.11-2" "$(jq -r '.target."lib-311".tags[0]' <<<"$matrix")"
assert_eq "a JSON file's template merged into a matrix target" "2" "$(jq -r '.target."lib-312".labels.v' <<<"$matrix")"
# Compose `include` and `extends` from another file: each file's paths relative to its directory.
mkdir -p "$WORK/composeinc/common" "$WORK/composeinc/lib"
cat >"$WORK/composeinc/compose.yaml" <<'YAML'
include:
  - lib/compose.yaml
services:
  api:
    extends: {file: common/build.yaml, service: base}
    build:
      target: api
      args: {MODE: api}
      tags: [api:dev]
YAML
cat >"$WORK/composeinc/common/build.yaml" <<'YAML'
services:
  base:
    build:
      context: .
      dockerfile: base.Dockerfile
      args: {MODE: base, SHARED: "1"}
      tags: [api:dev]
YAML
printf 'services:\n  lib:\n    build: ./src\n' >"$WORK/composeinc/lib/compose.yaml"
composeinc=$(cd "$WORK/composeinc" && "$MANIFOLD" bake --print)
assert_eq "Compose include and extends: the merged targets" \
  '["api","lib"] {"context":"common","dockerfile":"base.Dockerfile","args":{"MODE":"api","SHARED":"1"},"tags":["api:dev"],"target":"api"} "lib/src"' \
  "$(jq -c '.group.default.targets' <<<"$composeinc") $(jq -c '.target.api | {context, dockerfile, args, tags, target}' <<<"$composeinc") $(jq -c '.target.lib.context' <<<"$composeinc")"
list=$("$MANIFOLD" bake --list targets)
assert_contains "--list targets shows the group" "default" "$list"
assert_contains "--list targets shows a target" "worker" "$list"
assert_contains "--list variables shows TAG's value" "1.0" "$("$MANIFOLD" bake --list variables)"

# --- errors name the file -----------------------------------------------------------------------
printf 'target "x" {\n  tags = [\n' >"$WORK/broken.hcl"
expect_failure "a broken HCL file" "broken.hcl:" "$MANIFOLD" bake -f "$WORK/broken.hcl" --print
expect_failure "a missing target" "failed to find target nope" "$MANIFOLD" bake --print nope
assert_eq "several targets on the command line" "app,worker" \
  "$("$MANIFOLD" bake --print app worker | jq -r '.target | keys | join(",")')"
assert_eq "bare --provenance does not swallow the target" '["app"]' \
  "$("$MANIFOLD" bake --print --provenance app | jq -c '.target | keys')"

# --- one solve, pushed -----------------------------------------------------------------------------
"$MANIFOLD" bake --push --progress=rawjson --metadata-file "$WORK/meta.json" 2>"$WORK/push.jsonl" ||
  { tail -20 "$WORK/push.jsonl"; fail "bake --push"; }
ok "bake --push of three targets for two platforms"
deps_runs=$(jq -r 'select(.kind == "started" and (.name | contains("RUN echo \"dependencies installed"))) | .vertex' \
  "$WORK/push.jsonl" | sort -u | wc -l)
assert_eq "the base stage shared by three targets ran once per platform" 2 "$deps_runs"
assert_contains "a target's own step is named after it" "[worker " \
  "$(jq -r 'select(.kind == "started") | .name' "$WORK/push.jsonl" | grep 'COPY worker' || true)"
for t in app worker migrate; do
  raw=$(skopeo inspect --tls-verify=false --raw "docker://$R/$t:1.0")
  assert_eq "$t: an index of two platforms in the registry" "linux/amd64 linux/arm64" \
    "$(jq -r '[.manifests[] | .platform.os + "/" + .platform.architecture] | join(" ")' <<<"$raw")"
  assert_eq "$t: metadata digest is the pushed index's" "sha256:$(printf '%s' "$raw" | sha256sum | cut -d' ' -f1)" \
    "$(jq -r --arg t "$t" '.[$t]."containerimage.digest"' "$WORK/meta.json")"
  assert_eq "$t: metadata image.name" "$R/$t:1.0" "$(jq -r --arg t "$t" '.[$t]."image.name"' "$WORK/meta.json")"
done
skopeo copy -q --src-tls-verify=false --override-arch arm64 "docker://$R/worker:1.0" "oci:$WORK/worker-arm64:x" ||
  fail "skopeo copy of worker arm64"
cfg=$(skopeo inspect --config "oci:$WORK/worker-arm64:x")
assert_eq "worker arm64: the worker stage's command" '["cat","/deps.txt","/srv/worker/job.txt"]' "$(jq -c .config.Cmd <<<"$cfg")"
assert_eq "worker arm64: the label from _common" "https://example.invalid/shop" \
  "$(jq -r '.config.Labels."org.opencontainers.image.source"' <<<"$cfg")"

# --- a rebuild is all cache; --load puts every target in the image store --------------------------
"$MANIFOLD" bake --load --progress=rawjson 2>"$WORK/load.jsonl" || { tail -20 "$WORK/load.jsonl"; fail "bake --load"; }
assert_eq "a rebuild runs no RUN step" 0 \
  "$(jq -r 'select(.kind == "started" and (.name | contains("RUN"))) | .vertex' "$WORK/load.jsonl" | wc -l)"
images=$("$MANIFOLD" images)
for t in app worker migrate; do assert_contains "--load: $t is in the image store" "$R/$t" "$images"; done

# --- a target: context links to another target's result, no registry between them ----------------
cat >"$WORK/link.hcl" <<HCL
target "base" {
  dockerfile-inline = "FROM $R/busybox:latest\nRUN echo linked > /linked.txt\n"
  platforms = ["linux/amd64", "linux/arm64"]
}
target "app" {
  contexts = { base = "target:base" }
  dockerfile-inline = "FROM base\nRUN cat /linked.txt > /copied.txt\n"
  platforms = ["linux/amd64", "linux/arm64"]
  output = ["type=oci,dest=$WORK/linked.tar"]
}
HCL
"$MANIFOLD" bake -f "$WORK/link.hcl" --allow "fs.write=$WORK" --progress=plain app 2>"$WORK/link.log" || { cat "$WORK/link.log"; fail "bake with a target: link"; }
mkdir -p "$WORK/linked" && tar -xf "$WORK/linked.tar" -C "$WORK/linked"
inner=$(jq -r '.manifests[0].digest' "$WORK/linked/index.json")
assert_eq "the linked image has both platforms" 2 "$(jq '.manifests | length' "$WORK/linked/blobs/sha256/${inner#sha256:}")"
# The base's step serves both targets (app builds on it): one vertex, named without a target.
assert_eq "the linked base's step ran once per platform, in the same solve" 2 \
  "$(grep -E '^#[0-9]+ \[linux/(amd64|arm64) stage-0 2/2\] RUN echo linked' "$WORK/link.log" | awk '{print $1}' | sort -u | wc -l)"
echo "$CHECKS checks passed"
