#!/usr/bin/env bash
# buildx's --call and bare --check: the Dockerfile's lint (BuildKit's rule names, messages,
# links, exit 1 on findings) and its outline/targets, all without building; manifold's own
# --check=OPTIONS spelling still sets the build checks; `# check=error=true` stops a build on
# a lint finding before anything is written.
source "$(dirname "$0")/lib.sh"
need_builds
need python3

ctx="$WORK/ctx"
mkdir -p "$ctx"
echo data >"$ctx/file"
cat >"$ctx/Dockerfile" <<'DF'
# VERSION is the release number
ARG VERSION=1.0
# build prepares the files
FROM scratch as build
COPY file /file
FROM scratch AS release
COPY --from=build /file /out
CMD echo hi
DF

# Bare --check: lint only, exit 1, nothing built or written.
rc=0
out=$("$MANIFOLD" build --check -o "type=local,dest=$WORK/never" "$ctx" 2>"$WORK/err") || rc=$?
assert_eq "--check with findings exits 1" 1 "$rc"
assert_contains "FromAsCasing named with its link" \
  "WARNING: FromAsCasing - https://docs.docker.com/go/dockerfile/rule/from-as-casing/" "$out"
assert_contains "the offending line is shown" "   4 | >>> FROM scratch as build" "$out"
assert_contains "JSONArgsRecommended on CMD's shell form" "JSON arguments recommended for CMD" "$out"
assert_contains "buildx's summary line" "Check complete, 2 warnings have been found!" "$out"
[[ ! -e "$WORK/never" ]] || fail "--check wrote the build's output"
ok "--check builds nothing"
[[ ! -d "$MANIFOLD_ROOT/content" ]] || [[ -z $(ls -A "$MANIFOLD_ROOT/content/blobs/sha256" 2>/dev/null) ]] \
  || fail "--check stored blobs"
ok "--check stores nothing"

# --call=check,format=json, --check=true and --call=check agree.
json=$("$MANIFOLD" build --call=check,format=json "$ctx" 2>/dev/null) && fail "--call=check,format=json exited 0"
rules=$(python3 -c 'import json,sys; print(",".join(w["ruleName"] for w in json.load(sys.stdin)["warnings"]))' <<<"$json")
assert_eq "the JSON lists the rules" "FromAsCasing,JSONArgsRecommended" "$rules"
"$MANIFOLD" build --check=true "$ctx" >/dev/null 2>&1 && fail "--check=true found nothing"
ok "--check=true is --call=check"

# Skipped rules (directive or manifold's --check=skip=…) are quiet; a clean file passes.
out=$("$MANIFOLD" build --call=check --build-arg 'BUILDKIT_DOCKERFILE_CHECK=skip=FromAsCasing,JSONArgsRecommended' \
  "$ctx") || fail "skipped rules still fail: $out"
assert_contains "a clean check" "Check complete, no warnings found." "$out"

# Targets and outline, text and JSON.
out=$("$MANIFOLD" build --call=targets "$ctx")
grep -qE '^build +prepares the files$' <<<"$out" || fail "targets: no description of build: $out"
ok "targets lists stages with their descriptions"
assert_contains "the default target is marked" "release (default)" "$out"
out=$("$MANIFOLD" build --call=outline --build-arg VERSION=2.0 "$ctx")
grep -qE '^TARGET: +release$' <<<"$out" || fail "outline does not name the target: $out"
ok "outline names the target"
grep -qE '^VERSION +2.0 +is the release number$' <<<"$out" || fail "outline: VERSION row: $out"
ok "outline lists the arg with its value and description"
name=$("$MANIFOLD" build --call=outline,format=json --target build "$ctx" | python3 -c 'import json,sys; print(json.load(sys.stdin)["name"])')
assert_eq "outline --target build" "build" "$name"
expect_failure "an unknown call is refused" "--call \"frobnicate\": use build, check, outline or targets" \
  "$MANIFOLD" build --call=frobnicate "$ctx"
rc=0; "$MANIFOLD" build --call=frobnicate "$ctx" >/dev/null 2>&1 || rc=$?
assert_eq "a bad --call is a usage error" 2 "$rc"

# A normal build lists the lint findings after building...
"$MANIFOLD" build --progress=plain -o "type=local,dest=$WORK/out" "$ctx" 2>"$WORK/build.log" \
  || { cat "$WORK/build.log"; fail "the build failed"; }
assert_contains "a build lists lint warnings" " - FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 4)" \
  "$(cat "$WORK/build.log")"
# ...and with # check=error=true it stops before building.
{ echo '# check=error=true'; cat "$ctx/Dockerfile"; } >"$ctx/Dockerfile.strict"
expect_failure "error=true stops the build on a lint finding" "2 lint violations found" \
  "$MANIFOLD" build -f "$ctx/Dockerfile.strict" -o "type=local,dest=$WORK/strict" "$ctx"
[[ ! -e "$WORK/strict" ]] || fail "error=true: the output was written"
ok "error=true: nothing written"
# manifold's --check=error spelling still sets the checks (here: makes lint findings fatal).
expect_failure "--check=error makes lint fatal" "lint violations found" \
  "$MANIFOLD" build --check=error -o "type=local,dest=$WORK/strict" "$ctx"
expect_failure "--check error (space) is manifold's spelling too" "lint violations found" \
  "$MANIFOLD" build --check error -o "type=local,dest=$WORK/strict" "$ctx"
