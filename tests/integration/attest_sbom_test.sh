#!/usr/bin/env bash
# SBOM end to end: a two-platform image with a real dpkg database (busybox-static's .deb and its
# control fields) and a Go binary cross-built by Debian's Go toolchain is pushed with
# --sbom=true; each platform's attestation manifest holds provenance and an SPDX 2.3 document
# (both validate against the schemas under tests/data) listing the Debian package and the Go
# modules with their purls; imagetools inspect prints .SBOM per platform; skopeo copies the
# index; --load and a multi-node builder never pretend to make one.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/registry_lib.sh"
need_builds
need skopeo
need jq
need curl
need docker-registry
/usr/bin/python3 -c 'import jsonschema' 2>/dev/null || skip "python3-jsonschema is not installed (scripts/setup installs it)"
raw() { skopeo inspect --tls-verify=false --raw "docker://$1"; }
blob() { curl -fsS "http://$R/v2/$1/blobs/$2"; }

ctx="$WORK/ctx"
mkdir -p "$ctx"
rc=0; "$MANIFOLD_SOURCE_DIR/tests/support/sbom_rootfs.sh" "$ctx/rootfs" "$WORK/expected.env" >/dev/null 2>"$WORK/fixture.log" || rc=$?
[[ $rc == 77 ]] && skip "$(cat "$WORK/fixture.log")"
[[ $rc == 0 ]] || fail "sbom_rootfs.sh: $(cat "$WORK/fixture.log")"
source "$WORK/expected.env"   # DEB_VERSION, DEB_ARCH, DISTRO, GO_VERSION

registry_with_busybox
unset BUILDX_NO_DEFAULT_ATTESTATIONS
# The arm64 Go binary goes into both images: the check would rightly warn about amd64's.
printf '# check=skip=WrongArchBinary\nFROM %s/busybox:latest\nCOPY rootfs/ /\n' "$R" >"$ctx/Dockerfile"

"$MANIFOLD" build --progress=plain --platform linux/amd64,linux/arm64 --sbom=true --push -t "$R/sbom:1" "$ctx" \
  2>"$WORK/build.log" || { cat "$WORK/build.log"; fail "the --sbom build failed"; }
grep -qE '\[linux/arm64\] generating SBOM' "$WORK/build.log" || fail "no SBOM step in the progress"
grep -qE 'dpkg: [0-9]+ package.*go: 1 binar.* in [0-9]+ ms' "$WORK/build.log" || fail "the SBOM step does not say what it read: $(grep -A3 'generating SBOM' "$WORK/build.log")"
ok "the progress shows the SBOM scan with its counts and time"

index=$(raw "$R/sbom:1")
assert_eq "two images and two attestation manifests" "4" "$(jq '.manifests | length' <<<"$index")"
for arch in amd64 arm64; do
  image=$(jq -r --arg a "$arch" '.manifests[] | select(.platform.architecture == $a) | .digest' <<<"$index")
  att=$(jq -r --arg d "$image" '.manifests[] | select(.annotations["vnd.docker.reference.digest"] == $d) | .digest' <<<"$index")
  [[ -n $att ]] || fail "$arch: no attestation manifest"
  manifest=$(raw "$R/sbom@$att")
  types=$(jq -r '[.layers[].annotations["in-toto.io/predicate-type"]] | sort | join(",")' <<<"$manifest")
  assert_eq "$arch: provenance and SPDX statements" "https://slsa.dev/provenance/v0.2,https://spdx.dev/Document" "$types"
  spdx_layer=$(jq -r '.layers[] | select(.annotations["in-toto.io/predicate-type"] == "https://spdx.dev/Document") | .digest' <<<"$manifest")
  blob sbom "$spdx_layer" >"$WORK/spdx-$arch.json"
  /usr/bin/python3 "$MANIFOLD_SOURCE_DIR/tests/support/validate_attestation.py" "$WORK/spdx-$arch.json" \
    || fail "$arch: the SPDX statement does not validate"
  ok "$arch: the SPDX statement validates (in-toto + SPDX 2.3 schemas)"
  assert_eq "$arch: the statement's subject is the platform manifest" "${image#sha256:}" \
    "$(jq -r '.subject[0].digest.sha256' "$WORK/spdx-$arch.json")"
  purls=$(jq -r '.predicate.packages[].externalRefs[]?.referenceLocator' "$WORK/spdx-$arch.json")
  assert_contains "$arch: busybox-static with its purl" \
    "pkg:deb/${DISTRO%%-*}/busybox-static@$DEB_VERSION?arch=$DEB_ARCH" "$purls"
  assert_contains "$arch: the Go dependency" "pkg:golang/example.com/dep@v0.1.0" "$purls"
  assert_contains "$arch: the Go standard library" "pkg:golang/stdlib@$GO_VERSION" "$purls"
done

sbom=$("$MANIFOLD" imagetools inspect --format '{{json .SBOM}}' "$R/sbom:1")
assert_eq ".SBOM is a map by platform" "linux/amd64,linux/arm64" "$(jq -r 'keys | join(",")' <<<"$sbom")"
assert_eq ".SBOM holds the SPDX document" "SPDX-2.3" "$(jq -r '."linux/arm64".SPDX.spdxVersion' <<<"$sbom")"

skopeo copy --all --src-tls-verify=false --dest-tls-verify=false "docker://$R/sbom:1" "docker://$R/sbom-copy:1" >/dev/null \
  || fail "skopeo copy --all"
assert_eq "skopeo copies the index with its attestations" "$(raw "$R/sbom:1" | sha256sum)" "$(raw "$R/sbom-copy:1" | sha256sum)"

# --load carries no attestations: the SBOM is not even scanned.
"$MANIFOLD" build --progress=plain --platform linux/arm64 --sbom=true --load -t sbom:local "$ctx" 2>"$WORK/load.log" \
  || { cat "$WORK/load.log"; fail "--sbom --load failed"; }
grep -q 'generating SBOM' "$WORK/load.log" && fail "--load scanned an SBOM it cannot store"
ok "--load: no SBOM made"
expect_failure "stage scans are refused, named" "BUILDKIT_SBOM_SCAN_STAGE" \
  "$MANIFOLD" build --platform linux/arm64 --sbom=true --build-arg BUILDKIT_SBOM_SCAN_STAGE=true \
  -o "type=oci,dest=$WORK/stage.tar" "$ctx"
