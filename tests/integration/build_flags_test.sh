#!/usr/bin/env bash
# Walks every flag of `docker buildx build --help` (buildx 0.2x, written down here) with a
# value CI would pass: each must be taken (the command line parses and a --call=targets run
# succeeds) or refused clearly (exit 2, the flag named on stderr). The refused ones must be
# exactly REFUSED below, so that a flag is never silently dropped and the README's flag table
# stays true. What each accepted flag *does* is tested by the feature's own test.
source "$(dirname "$0")/lib.sh"

ctx="$WORK/ctx"
mkdir -p "$ctx/named"
printf 'FROM scratch AS base\nCOPY Dockerfile /\n' >"$ctx/Dockerfile"

# flag|value ("-" = the flag takes no value; values use = so optional-value flags parse alike)
FLAGS=(
  "--add-host|h.example:127.0.0.1"
  "--allow|network.host"
  "--annotation|org.opencontainers.image.title=app"
  "--attest|type=provenance,mode=min"
  "--build-arg|A=1"
  "--build-context|named=$ctx/named"
  "--builder|default"
  "--cache-from|type=local,src=$WORK/cache"
  "--cache-to|type=local,dest=$WORK/cache"
  "--call|targets"
  "--cgroup-parent|/manifold-flags-test"
  "--check|-"
  "-D|-"
  "--debug|-"
  "-f|$ctx/Dockerfile"
  "--file|$ctx/Dockerfile"
  "--iidfile|$WORK/iid"
  "--label|a=b"
  "--load|-"
  "--metadata-file|$WORK/meta.json"
  "--network|none"
  "--no-cache|-"
  "--no-cache-filter|base"
  "-o|type=local,dest=$WORK/out"
  "--output|type=oci,dest=$WORK/out.tar"
  "--platform|linux/arm64"
  "--progress|plain"
  "--provenance|mode=max"
  "--pull|-"
  "--push|-"
  "-q|-"
  "--quiet|-"
  "--sbom|true"
  "--secret|id=token,env=HOME"
  "--shm-size|64m"
  "--ssh|default"
  "-t|127.0.0.1:5000/app:1"
  "--tag|127.0.0.1:5000/app:1"
  "--target|base"
  "--ulimit|nofile=1024:2048"
)
# Flags buildx has that manifold refuses (exit 2, named); keep the README's table in step.
REFUSED=(-D --debug)

refused=()
for entry in "${FLAGS[@]}"; do
  flag=${entry%%|*} value=${entry#*|}
  args=(build --call=targets)
  if [[ $value == - ]]; then args+=("$flag"); else args+=("$flag=$value"); fi
  [[ $flag == -? ]] && [[ $value != - ]] && args=(build --call=targets "$flag" "$value")
  [[ $flag == --push ]] && args+=(-t 127.0.0.1:5000/app:1)
  [[ $flag == --call ]] && args=(build "$flag=$value")
  rc=0
  err=$("$MANIFOLD" "${args[@]}" "$ctx" 2>&1 >/dev/null) || rc=$?
  if [[ $rc == 0 ]]; then
    ok "$flag is taken"
  elif [[ $rc == 2 && $err == *"$flag"* && $err != *"The following argument"* && $err != *"run with --help"* ]]; then
    refused+=("$flag")
    ok "$flag is refused clearly: ${err%%$'\n'*}"
  else
    fail "$flag: neither taken nor refused clearly (exit $rc): $err"
  fi
done
assert_eq "the refused flags are exactly the documented ones" "${REFUSED[*]}" "${refused[*]}"

# An unknown flag is a usage error naming it, as with buildx.
rc=0
err=$("$MANIFOLD" build --frobnicate "$ctx" 2>&1) || rc=$?
assert_eq "an unknown flag exits 2" 2 "$rc"
assert_contains "an unknown flag is named" "--frobnicate" "$err"
