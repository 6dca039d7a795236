#!/usr/bin/env bash
# --load keeps every platform in manifold's image store; `manifold images` lists, tags, removes
# and saves them; `manifold run` runs any platform of them (emulated ones through QEMU) with
# docker run's flags and exit status; a later build's FROM finds them by name, without a registry.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/registry_lib.sh"
need_builds
need runc
need skopeo
need docker-registry
[[ $(uname -m) == x86_64 ]] || skip "the expectations below are written for an x86_64 host"
need_emulation arm64,arm

registry_with_busybox  # sets R; $R/busybox:latest is the multi-arch base
ctx="$WORK/ctx"
mkdir -p "$ctx"
cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $R/busybox:latest
RUN uname -m > /arch
ENV GREETING=hello
CMD ["cat", "/arch"]
DOCKERFILE
"$MANIFOLD" build --progress=plain --platform linux/amd64,linux/arm64,linux/arm/v7 --load -t app:1.0 "$ctx" \
  2>"$WORK/build.log" || { cat "$WORK/build.log"; fail "build --load"; }
assert_contains "the summary says where the image went" "Loaded:    docker.io/library/app:1.0" "$(cat "$WORK/build.log")"

listing=$("$MANIFOLD" images)
assert_contains "images lists the loaded name and tag" "app                                      1.0" "$listing"
assert_contains "images lists all three platforms" "linux/amd64,linux/arm64,linux/arm/v7" "$listing"

# run: each platform from the store, the image's CMD by default.
for entry in linux/amd64:x86_64 linux/arm64:aarch64 linux/arm/v7:armv7l; do
  platform=${entry%%:*} machine=${entry#*:}
  assert_eq "run --platform $platform uses the image's CMD" "$machine" "$("$MANIFOLD" run --rm --platform "$platform" app:1.0)"
done
assert_eq "run with a command, emulated" aarch64 "$("$MANIFOLD" run --rm --platform linux/arm64 app:1.0 uname -m)"
rc=0
"$MANIFOLD" run --rm --platform linux/arm64 app:1.0 sh -c 'exit 7' || rc=$?
assert_eq "run returns the command's exit status" 7 "$rc"
assert_eq "run -e -w -u and the image's ENV" "hello bar /tmp 1000" \
  "$("$MANIFOLD" run --rm -e FOO=bar -w /tmp -u app app:1.0 sh -c 'echo $GREETING $FOO $(pwd) $(id -u)')"
assert_eq "run -i passes stdin" "piped in" "$(echo "piped in" | "$MANIFOLD" run --rm -i --platform linux/arm/v7 app:1.0 cat)"
assert_eq "run without -i gives the process no stdin" "" "$(echo "piped in" | "$MANIFOLD" run --rm app:1.0 cat)"
tty_out=$(script -qec "$MANIFOLD run --rm -it --platform linux/arm64 app:1.0 busybox tty" /dev/null | tr -d '\r')
assert_contains "run -t gives the process a terminal" "/dev/pts/" "$tty_out"
assert_eq "run --entrypoint replaces the image's command" "x" "$("$MANIFOLD" run --rm --entrypoint echo app:1.0 x)"
"$MANIFOLD" run --rm app:1.0 sh -c 'echo scribble > /arch' || fail "run that writes"
assert_eq "a run's writes are thrown away" x86_64 "$("$MANIFOLD" run --rm app:1.0)"
rc=0
"$MANIFOLD" run --rm app:1.0 no-such-program 2>"$WORK/err" || rc=$?
assert_eq "a missing program exits 127, as docker run does" 127 "$rc"
assert_contains "and is named" "no-such-program" "$(cat "$WORK/err")"
# riscv64 must have no handler: root removes it; a user checks only where root left none.
if [[ $(id -u) == 0 ]]; then "$MANIFOLD" binfmt uninstall riscv64 >/dev/null || fail "binfmt uninstall"; fi
if ! binfmt_registered qemu-riscv64; then
  expect_failure "a platform that cannot run here names the fix" "manifold binfmt install riscv64" \
    "$MANIFOLD" run --rm --platform linux/riscv64 app:1.0
else
  echo "note: riscv64's handler is registered and only root may remove it: its refusal is not checked" >&2
fi
expect_failure "a platform the image lacks is named" "linux/s390x" \
  "$MANIFOLD" run --rm --platform linux/s390x app:1.0 true

# FROM a stored image, with its registry gone: the store answers.
"$MANIFOLD_SOURCE_DIR/tests/support/registry/stop" "$REGISTRY_STATE"
printf 'FROM app:1.0\nRUN cp /arch /arch-from-store\n' >"$ctx/Dockerfile"
"$MANIFOLD" build --progress=plain --platform linux/arm64 --output "type=local,dest=$WORK/from" "$ctx" \
  2>"$WORK/from.log" || { cat "$WORK/from.log"; fail "build FROM a stored image"; }
assert_eq "FROM a stored image by name, for one of its platforms" aarch64 "$(cat "$WORK/from/arch-from-store")"

# images tag / save / rm; the store is an OCI layout peers read as it is.
"$MANIFOLD" images tag app:1.0 localhost:5999/app:copy || fail "images tag"
assert_contains "a tag is another name for the same image" "localhost:5999/app" "$("$MANIFOLD" images)"
skopeo inspect --raw "oci:$MANIFOLD_ROOT/content:docker.io/library/app:1.0" >"$WORK/raw.json" || fail "skopeo reads the store"
assert_eq "skopeo sees the stored index" 3 "$(jq '.manifests | length' "$WORK/raw.json")"
"$MANIFOLD" images save app:1.0 -o "$WORK/app.tar" || fail "images save"
assert_eq "save writes every platform (OCI)" 3 "$(skopeo inspect --raw "oci-archive:$WORK/app.tar" | jq '.manifests | length')"
"$MANIFOLD" images save app:1.0 --format docker --platform linux/arm64 -o "$WORK/app-arm64.tar" || fail "images save docker"
assert_eq "save --format docker --platform writes that platform" arm64 \
  "$(skopeo inspect --config "docker-archive:$WORK/app-arm64.tar" | jq -r .architecture)"
expect_failure "a docker archive of three platforms is refused" "add --platform" \
  "$MANIFOLD" images save app:1.0 --format docker -o "$WORK/x.tar"
assert_eq "run an OCI archive" armv7l "$("$MANIFOLD" run --rm --platform linux/arm/v7 "oci-archive:$WORK/app.tar")"
"$MANIFOLD" images rm app:1.0 >/dev/null || fail "images rm"
listing=$("$MANIFOLD" images)
[[ "$listing" != *"docker.io/library/app "* && "$listing" != *"app                                      1.0"* ]] || fail "rm left the name: $listing"
assert_contains "rm removes only that name" "localhost:5999/app" "$listing"
expect_failure "removing an unknown name" "no image named" "$MANIFOLD" images rm app:1.0
echo "$CHECKS checks passed"
