#!/usr/bin/env bash
# Build checks: WrongArchBinary warns when a built layer adds an executable of another
# architecture (the amd64 busybox copied into an arm64 image), and `# check=` / --check /
# BUILDKIT_DOCKERFILE_CHECK skip it or make it fail the build before any output is written.
# No RUN steps: nothing here needs an emulator.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/registry_lib.sh"
need_builds
need skopeo
need docker-registry

registry_with_busybox  # sets R; $R/busybox:latest is the multi-arch base

ctx="$WORK/ctx"
mkdir -p "$ctx"
wrong_arch() {  # $1: directive line(s) to put first, if any
  { [[ -z ${1:-} ]] || printf '%s\n' "$1"
    printf 'FROM --platform=$BUILDPLATFORM %s/busybox:latest AS tools\n' "$R"
    printf 'FROM %s/busybox:latest\n' "$R"
    printf 'COPY --from=tools /bin/busybox /usr/local/bin/bb\n'
  } >"$ctx/Dockerfile"
}
step='COPY --from=tools /bin/busybox /usr/local/bin/bb'
warning="WARNING: WrongArchBinary: linux/arm64 image: 1 file built for linux/amd64, added by step \"$step\": /usr/local/bin/bb"

# The classic mistake warns, names file, step and platform, and still builds.
wrong_arch
"$MANIFOLD" build --progress=plain --platform linux/amd64,linux/arm64 --output "type=local,dest=$WORK/out" "$ctx" \
  2>"$WORK/build.log" || { cat "$WORK/build.log"; fail "a build with a wrong-architecture binary"; }
log=$(cat "$WORK/build.log")
assert_contains "the warning names platform, step and file" "$warning" "$log"
assert_contains "buildx's count line" "1 warning found:" "$log"
assert_contains "the check shows in the progress" "WARN: WrongArchBinary: linux/arm64 image:" "$log"
assert_contains "the check says what it read" "2 file headers read in 2 built layers" "$log"
assert_eq "only arm64 is warned about (amd64 runs its own busybox)" 1 "$(grep -c '^WARNING: WrongArchBinary' "$WORK/build.log")"
[[ -f "$WORK/out/linux_arm64/usr/local/bin/bb" ]] || fail "a warning kept the output from being written"
ok "a warning does not stop the build"
# The base image's own layers are not this Dockerfile's doing: an amd64 base is not flagged here.
printf 'FROM --platform=linux/amd64 %s/busybox:latest\nCOPY Dockerfile /\n' "$R" >"$ctx/Dockerfile"
out=$("$MANIFOLD" build --progress=plain --platform linux/arm64 --output "type=local,dest=$WORK/base" "$ctx" 2>&1) ||
  fail "a build over a foreign base: $out"
[[ "$out" != *"WARNING: WrongArchBinary"* ]] || fail "base image layers were checked: $out"
ok "base image layers are not checked"

# --check=error, and the directive's error=true: the build fails and writes nothing, pushes nothing.
wrong_arch
expect_failure "--check=error fails the build, naming the file" "/usr/local/bin/bb" \
  "$MANIFOLD" build --check=error --progress=plain --platform linux/arm64 --output "type=oci,dest=$WORK/img.tar" "$ctx"
[[ ! -e "$WORK/img.tar" ]] || fail "--check=error: the OCI archive was written"
expect_failure "the failure says why" "build check failed (check error=true)" \
  "$MANIFOLD" build --check 'skip=Other;error' --platform linux/arm64 --output "type=local,dest=$WORK/local" "$ctx"
[[ ! -e "$WORK/local" ]] || fail "--check=error: the local output was written"
expect_failure "--check=error before any push" "WrongArchBinary" \
  "$MANIFOLD" build --check=error --progress=quiet --platform linux/arm64 -t "$R/app:bad" --push "$ctx"
skopeo inspect --tls-verify=false "docker://$R/app:bad" >/dev/null 2>&1 && fail "--check=error: the image was pushed"
ok "nothing was pushed"
wrong_arch '# check=error=true'
expect_failure "# check=error=true fails the build" "linux/arm64 image: 1 file built for linux/amd64" \
  "$MANIFOLD" build --progress=plain --platform linux/arm64 --output "type=oci,dest=$WORK/img.tar" "$ctx"
[[ ! -e "$WORK/img.tar" ]] || fail "# check=error=true: the OCI archive was written"
"$MANIFOLD" build --check='error=false' --progress=quiet --platform linux/arm64 --output "type=oci,dest=$WORK/img.tar" \
  "$ctx" >/dev/null 2>&1 || fail "--check=error=false overrides the directive"
ok "--check=error=false overrides # check=error=true"

# Skipping: the directive, the flag, the build-arg; skip=all.
for how in directive flag build-arg all; do
  wrong_arch
  args=()
  case $how in
    directive) wrong_arch '# check=skip=WrongArchBinary' ;;
    flag) args=(--check 'skip=WrongArchBinary;error=true') ;;
    build-arg) args=(--build-arg BUILDKIT_DOCKERFILE_CHECK=skip=WrongArchBinary) ;;
    all) wrong_arch '# check=skip=all;error=true' ;;
  esac
  out=$("$MANIFOLD" build "${args[@]}" --progress=plain --platform linux/arm64 --output "type=local,dest=$WORK/skip-$how" \
    "$ctx" 2>&1) || fail "skipped by $how: the build failed: $out"
  [[ "$out" != *"WrongArchBinary"* ]] || fail "skipped by $how: the check still ran: $out"
  ok "skip=WrongArchBinary by $how"
done

# Invalid values name the directive or flag.
wrong_arch '# check=error=maybe'
expect_failure "an invalid directive names its line" "Dockerfile:1:1: check directive: invalid check option \"error=maybe\"" \
  "$MANIFOLD" build --platform linux/arm64 --output "type=local,dest=$WORK/x" "$ctx"
wrong_arch
expect_failure "an invalid --check is named" "--check bogus: invalid check option \"bogus\"" \
  "$MANIFOLD" build --check=bogus --platform linux/arm64 --output "type=local,dest=$WORK/x" "$ctx"
expect_failure "an invalid build-arg is named" "--build-arg BUILDKIT_BUILD_CHECK=skip: invalid check option" \
  "$MANIFOLD" build --build-arg BUILDKIT_BUILD_CHECK=skip --platform linux/arm64 --output "type=local,dest=$WORK/x" "$ctx"

# A correct cross build: every platform copies its own busybox. The check runs and finds nothing.
printf 'FROM %s/busybox:latest AS tools\nFROM %s/busybox:latest\nCOPY --from=tools /bin/busybox /usr/local/bin/bb\n' \
  "$R" "$R" >"$ctx/Dockerfile"
out=$("$MANIFOLD" build --check=error --progress=plain --platform linux/amd64,linux/arm64,linux/arm/v7 \
  --output "type=oci,dest=$WORK/good.tar" "$ctx" 2>&1) || fail "a correct build failed: $out"
assert_contains "the check ran" "[checks] WrongArchBinary" "$out"
[[ "$out" != *"WARN"* ]] || fail "a correct build warned: $out"
[[ -f "$WORK/good.tar" ]] || fail "a correct build wrote no output"
ok "a correct build has no WrongArchBinary warning"
echo "$CHECKS checks passed"
