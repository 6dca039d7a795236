#!/usr/bin/env bash
# Attestations on the real registry: buildx's default provenance on a two-platform push, stored
# as BuildKit stores it (attestation manifests, in-toto layers that validate against the in-toto
# and SLSA schemas of tests/data/schemas), copied by skopeo and imagetools create, printed by
# imagetools inspect; turned off three ways; never in the image store; mode=max with build args
# and steps but no secret value; SLSA v1; the OCI referrers form (tag-schema fallback: Debian's
# docker-registry has no referrers API) for pushes and OCI layouts; flag refusals.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/registry_lib.sh"
need_builds
need skopeo
need jq
need curl
need git
need docker-registry
/usr/bin/python3 -c 'import jsonschema' 2>/dev/null || skip "python3-jsonschema is not installed (scripts/setup installs it)"
validate() { /usr/bin/python3 "$MANIFOLD_SOURCE_DIR/tests/support/validate_attestation.py" "$1" || fail "$2 does not validate"; ok "$2 validates against the in-toto and SLSA schemas"; }
raw() { skopeo inspect --tls-verify=false --raw "docker://$1"; }
blob() { curl -fsS "http://$R/v2/$1/blobs/$2"; }

registry_with_busybox  # a plain base (built without attestations, as lib.sh sets)
unset BUILDX_NO_DEFAULT_ATTESTATIONS
srv="$WORK/srv" && mkdir -p "$srv" && echo "tool v1" >"$srv/tool.txt"
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
(cd "$srv" && exec /usr/bin/python3 -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1) &
PROXY_PIDS+=($!)  # stopped with the registries
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/tool.txt" >/dev/null && break; sleep 0.05; done
tool_sum=$(sha256sum "$srv/tool.txt" | cut -d' ' -f1)

# The context is a git checkout with an origin whose URL carries a token.
ctx="$WORK/ctx" && mkdir -p "$ctx"
cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $R/busybox:latest
ARG VERSION=0
ADD http://127.0.0.1:$port/tool.txt /tool.txt
COPY app.txt /app.txt
DOCKERFILE
echo app >"$ctx/app.txt"
git -C "$ctx" init -q && git -C "$ctx" add -A &&
  git -C "$ctx" -c user.name=t -c user.email=t@t commit -qm init &&
  git -C "$ctx" remote add origin "https://ci:t0ken@git.example/team/app.git" || fail "git checkout"
commit=$(git -C "$ctx" rev-parse HEAD)
busybox_amd64=$(raw "$R/busybox:latest" | jq -r '.manifests[] | select(.platform.architecture=="amd64") | .digest')

# --- default provenance on a two-platform push --------------------------------------------------
"$MANIFOLD" build --progress=plain --platform linux/amd64,linux/arm64 -t "$R/app:1" --push \
  --metadata-file "$WORK/meta.json" "$ctx" 2>"$WORK/push.log" || { cat "$WORK/push.log"; fail "default push"; }
index=$(raw "$R/app:1")
assert_eq "index: two images and two attestation manifests" "linux/amd64 linux/arm64 unknown/unknown unknown/unknown" \
  "$(jq -r '.manifests[] | .platform.os + "/" + .platform.architecture' <<<"$index" | xargs)"
assert_eq "metadata containerimage.digest is the index with attestations" \
  "sha256:$(printf '%s' "$index" | sha256sum | cut -d' ' -f1)" "$(jq -r '."containerimage.digest"' "$WORK/meta.json")"
for i in 0 1; do
  image=$(jq -r ".manifests[$i].digest" <<<"$index")
  arch=$(jq -r ".manifests[$i].platform.architecture" <<<"$index")
  att=$(jq ".manifests[$((i + 2))]" <<<"$index")
  assert_eq "$arch: reference type annotation" attestation-manifest "$(jq -r '.annotations["vnd.docker.reference.type"]' <<<"$att")"
  assert_eq "$arch: reference digest annotation" "$image" "$(jq -r '.annotations["vnd.docker.reference.digest"]' <<<"$att")"
  am=$(raw "$R/app@$(jq -r .digest <<<"$att")")
  assert_eq "$arch: attestation config" "unknown/unknown" \
    "$(blob app "$(jq -r .config.digest <<<"$am")" | jq -r '.os + "/" + .architecture')"
  assert_eq "$arch: in-toto layer" "application/vnd.in-toto+json https://slsa.dev/provenance/v0.2" \
    "$(jq -r '.layers[0] | .mediaType + " " + .annotations["in-toto.io/predicate-type"]' <<<"$am")"
  blob app "$(jq -r '.layers[0].digest' <<<"$am")" >"$WORK/statement-$arch.json"
  validate "$WORK/statement-$arch.json" "$arch statement"
  s="$WORK/statement-$arch.json"
  assert_eq "$arch: subject is the platform manifest" "${image#sha256:}" "$(jq -r '.subject[0].digest.sha256' "$s")"
  assert_eq "$arch: subject name" "pkg:docker/$R/app@1?platform=linux%2F$arch" "$(jq -r '.subject[0].name' "$s")"
  assert_eq "$arch: manifold's buildType" "https://manifold.dev/build/dockerfile@v1" "$(jq -r .predicate.buildType "$s")"
  assert_eq "$arch: platform" "linux/$arch" "$(jq -r .predicate.invocation.environment.platform "$s")"
  assert_eq "$arch: Dockerfile digest" "$(sha256sum "$ctx/Dockerfile" | cut -d' ' -f1)" \
    "$(jq -r .predicate.invocation.parameters.dockerfile.digest.sha256 "$s")"
  assert_eq "$arch: the ADD URL with its digest" "$tool_sum" \
    "$(jq -r --arg u "http://127.0.0.1:$port/tool.txt" '.predicate.materials[] | select(.uri==$u) | .digest.sha256' "$s")"
  assert_contains "$arch: the base image as a material" "pkg:docker/$R/busybox@latest?platform=linux%2F$arch" \
    "$(jq -r '.predicate.materials[].uri' "$s")"
  assert_eq "$arch: git commit" "$commit" "$(jq -r .predicate.invocation.configSource.digest.sha1 "$s")"
  assert_eq "$arch: vcs source without the token" "https://git.example/team/app.git" \
    "$(jq -r '.predicate.metadata["https://manifold.dev/build/dockerfile@v1#metadata"].vcs.source' "$s")"
  assert_eq "$arch: min mode has no args and no steps" "null null" \
    "$(jq -r '[.predicate.invocation.parameters.args, .predicate.buildConfig] | map(tostring) | join(" ")' "$s")"
  assert_eq "$arch: not reproducible without SOURCE_DATE_EPOCH" false "$(jq -r .predicate.metadata.reproducible "$s")"
done
assert_eq "amd64 base material digest is busybox's amd64 manifest" "${busybox_amd64#sha256:}" \
  "$(jq -r '.predicate.materials[] | select(.uri | startswith("pkg:docker/")) | .digest.sha256' "$WORK/statement-amd64.json")"

# --- skopeo and imagetools carry them ---------------------------------------------------------------
skopeo copy -q --all --src-tls-verify=false --dest-tls-verify=false "docker://$R/app:1" "docker://$R/copy:1" ||
  fail "skopeo copy --all"
assert_eq "skopeo copied the index with its attestations" "$index" "$(raw "$R/copy:1")"
"$MANIFOLD" imagetools create -t "$R/created:1" "$R/app:1" 2>/dev/null || fail "imagetools create"
assert_eq "imagetools create keeps the attestation manifests" \
  "$(jq -c '[.manifests[] | {digest, annotations}]' <<<"$index")" "$(raw "$R/created:1" | jq -c '[.manifests[] | {digest, annotations}]')"
prov=$("$MANIFOLD" imagetools inspect --format '{{json .Provenance}}' "$R/app:1")
assert_eq ".Provenance maps each platform to its SLSA predicate" \
  "linux/amd64=https://manifold.dev/build/dockerfile@v1 linux/arm64=https://manifold.dev/build/dockerfile@v1" \
  "$(jq -r 'to_entries[] | .key + "=" + .value.SLSA.buildType' <<<"$prov" | xargs)"
assert_eq ".SBOM is empty without one" "{}" "$("$MANIFOLD" imagetools inspect --format '{{json .SBOM}}' "$R/app:1" | jq -c .)"
text=$("$MANIFOLD" imagetools inspect "$R/app:1")
assert_contains "inspect lists attestation manifests" "Platform:  unknown/unknown" "$text"
assert_contains "inspect shows their annotations" "vnd.docker.reference.type: attestation-manifest" "$text"

# --- one platform becomes an index; three ways to have none ---------------------------------------
"$MANIFOLD" build --progress=quiet --platform linux/amd64 -t "$R/one:1" --push "$ctx" >/dev/null 2>&1 || fail "one-platform push"
assert_eq "a single platform with provenance is an index" "application/vnd.oci.image.index.v1+json 2" \
  "$(raw "$R/one:1" | jq -r '.mediaType + " " + (.manifests | length | tostring)')"
for off in "--provenance=false" "--attest=type=provenance,disabled=true" "BUILDX_NO_DEFAULT_ATTESTATIONS=1"; do
  if [[ $off == BUILDX_* ]]; then
    env "$off" "$MANIFOLD" build --progress=quiet --platform linux/amd64,linux/arm64 -t "$R/off:1" --push "$ctx" >/dev/null 2>&1
  else
    "$MANIFOLD" build --progress=quiet --platform linux/amd64,linux/arm64 -t "$R/off:1" --push "$off" "$ctx" >/dev/null 2>&1
  fi || fail "push with $off"
  assert_eq "$off: no attestation manifests" "linux/amd64 linux/arm64" \
    "$(raw "$R/off:1" | jq -r '.manifests[] | .platform.os + "/" + .platform.architecture' | xargs)"
done

# --- --load never stores them -------------------------------------------------------------------------
"$MANIFOLD" build --progress=quiet --platform linux/amd64 -t loaded:1 --load --provenance=true "$ctx" >/dev/null 2>&1 ||
  fail "--load"
assert_eq "--load stores the platform manifest, not an index with attestations" "application/vnd.oci.image.manifest.v1+json" \
  "$(jq -r '.manifests[] | select(.annotations["io.containerd.image.name"]=="docker.io/library/loaded:1") | .mediaType' \
    "$MANIFOLD_ROOT/content/index.json")"

# --- mode=max: args and steps, never a secret's value; SLSA v1 ---------------------------------------
printf 'TOPSECRET-%s' "$RANDOM$RANDOM" >"$WORK/token"
secret=$(cat "$WORK/token")
# FROM an index with an attestation manifest: the base resolves to its image, not unknown/unknown.
cat >"$ctx/Dockerfile.max" <<DOCKERFILE
FROM $R/one:1
ARG VERSION
RUN --mount=type=secret,id=token test -s /run/secrets/token && echo "version \$VERSION" >/v
DOCKERFILE
"$MANIFOLD" build --progress=quiet --platform linux/amd64 -f "$ctx/Dockerfile.max" -t "$R/max:1" --push \
  --build-arg VERSION=4.2 --secret "id=token,src=$WORK/token" --provenance=mode=max \
  --metadata-file "$WORK/meta-max.json" "$ctx" >/dev/null 2>"$WORK/max.log" || { cat "$WORK/max.log"; fail "mode=max"; }
am=$(raw "$R/max@$(raw "$R/max:1" | jq -r '.manifests[1].digest')")
blob max "$(jq -r '.layers[0].digest' <<<"$am")" >"$WORK/max.json"
validate "$WORK/max.json" "mode=max statement"
assert_eq "mode=max records the build arg" "4.2" "$(jq -r '.predicate.invocation.parameters.args["build-arg:VERSION"]' "$WORK/max.json")"
assert_contains "mode=max records the RUN step" "test -s /run/secrets/token" "$(jq -c '.predicate.buildConfig.llbDefinition' "$WORK/max.json")"
grep -q "$secret" "$WORK/max.json" && fail "the secret's value is in the provenance"
ok "the secret's value is nowhere in the provenance"
assert_eq "metadata buildx.build.provenance is the mode=max predicate" "$(jq -c .predicate "$WORK/max.json")" \
  "$(jq -c '."buildx.build.provenance"' "$WORK/meta-max.json")"
grep -q "$secret" "$WORK/meta-max.json" && fail "the secret's value is in the metadata file"
ok "the secret's value is not in the metadata file"
SOURCE_DATE_EPOCH=1700000000 "$MANIFOLD" build --progress=quiet --platform linux/amd64 -t "$R/v1:1" --push \
  --attest type=provenance,version=v1 "$ctx" >/dev/null 2>&1 || fail "version=v1"
am=$(raw "$R/v1@$(raw "$R/v1:1" | jq -r '.manifests[1].digest')")
blob v1 "$(jq -r '.layers[0].digest' <<<"$am")" >"$WORK/v1.json"
validate "$WORK/v1.json" "SLSA v1 statement"
assert_eq "v1 predicate type" "https://slsa.dev/provenance/v1" "$(jq -r .predicateType "$WORK/v1.json")"
assert_eq "v1 reproducible with SOURCE_DATE_EPOCH" true "$(jq -r .predicate.runDetails.metadata.manifold_reproducible "$WORK/v1.json")"

# --- attestations=referrers: a clean index, referrers under the tag schema ---------------------------
# SOURCE_DATE_EPOCH: the second build below makes the same images (and a new provenance).
SOURCE_DATE_EPOCH=1700000000 "$MANIFOLD" build --progress=plain --platform linux/amd64,linux/arm64 \
  -o "type=registry,name=$R/ref:1,attestations=referrers" "$ctx" 2>"$WORK/ref.log" || { cat "$WORK/ref.log"; fail "referrers push"; }
index=$(raw "$R/ref:1")
assert_eq "referrers: the index holds only the images" "linux/amd64 linux/arm64" \
  "$(jq -r '.manifests[] | .platform.os + "/" + .platform.architecture' <<<"$index" | xargs)"
assert_contains "referrers: the tag schema was used" "tag schema" "$(cat "$WORK/ref.log")"
for i in 0 1; do
  image=$(jq -r ".manifests[$i].digest" <<<"$index")
  refs=$(raw "$R/ref:sha256-${image#sha256:}")
  assert_eq "referrers index of image $i lists one in-toto artifact" "application/vnd.in-toto+json" \
    "$(jq -r '.manifests | map(.artifactType) | join(" ")' <<<"$refs")"
  artifact=$(raw "$R/ref@$(jq -r '.manifests[0].digest' <<<"$refs")")
  assert_eq "referrer $i: subject is the image" "$image" "$(jq -r .subject.digest <<<"$artifact")"
  blob ref "$(jq -r '.layers[0].digest' <<<"$artifact")" >"$WORK/ref-$i.json"
  validate "$WORK/ref-$i.json" "referrer $i statement"
done
SOURCE_DATE_EPOCH=1700000000 "$MANIFOLD" build --progress=quiet --platform linux/amd64,linux/arm64 \
  -o "type=registry,name=$R/ref:1,attestations=referrers" "$ctx" >/dev/null 2>&1 || fail "second referrers push"
assert_eq "the second build made the same images" "$index" "$(raw "$R/ref:1")"
image=$(raw "$R/ref:1" | jq -r '.manifests[0].digest')
assert_eq "a second build adds its referrer to the same tag (read-modify-write)" 2 \
  "$(raw "$R/ref:sha256-${image#sha256:}" | jq '.manifests | length')"

# --- OCI layouts: the index form by default, referrers listed in index.json on request -------------
"$MANIFOLD" build --progress=quiet --platform linux/amd64,linux/arm64 -o "type=oci,dest=$WORK/oci,tar=false" "$ctx" \
  >/dev/null 2>&1 || fail "type=oci"
root=$(jq -r '.manifests[0].digest' "$WORK/oci/index.json")
assert_eq "type=oci: attestation manifests in the index" 2 \
  "$(jq '[.manifests[] | select(.annotations["vnd.docker.reference.type"]=="attestation-manifest")] | length' \
    "$WORK/oci/blobs/sha256/${root#sha256:}")"
"$MANIFOLD" build --progress=quiet --platform linux/amd64,linux/arm64 \
  -o "type=oci,dest=$WORK/oci-ref,tar=false,attestations=referrers" "$ctx" >/dev/null 2>&1 || fail "type=oci referrers"
assert_eq "type=oci referrers: index.json lists the root and two artifacts" " application/vnd.in-toto+json application/vnd.in-toto+json" \
  "$(jq -r '[.manifests[] | .artifactType // ""] | join(" ")' "$WORK/oci-ref/index.json")"
skopeo copy -q --all "oci:$WORK/oci" "oci:$WORK/oci-copy:x" || fail "skopeo reads the OCI layout with attestations"
ok "skopeo copies the OCI layout with attestations"

# --- refusals --------------------------------------------------------------------------------------------
for case in "--attest=type=signature|unknown attestation type \"signature\"" \
  "--sbom=generator=docker/scout-sbom-indexer|generator=docker/scout-sbom-indexer cannot be honoured" \
  "--provenance=mode=huge|mode=\"huge\" is not valid" "--attest=type=provenance,colour=red|unknown key \"colour\"" \
  "--sbom=maybe|--sbom"; do
  bad=${case%%|*} needle=${case#*|} rc=0
  err=$("$MANIFOLD" build --progress=quiet -t "$R/x:1" --push "$bad" "$ctx" 2>&1 >/dev/null) || rc=$?
  assert_eq "$bad exits 2" 2 "$rc"
  assert_contains "$bad is refused with its reason" "$needle" "$err"
done
