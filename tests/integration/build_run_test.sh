#!/usr/bin/env bash
# RUN: steps in runc containers, natively for the host's platform and under QEMU (binfmt_misc,
# `manifold binfmt install`) for the others; users, whiteouts, the cross-compilation pattern
# (a `FROM --platform=$BUILDPLATFORM` stage runs natively), and failures that say what failed.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/registry_lib.sh"
need_builds
need runc
need skopeo
need umoci
need jq
need docker-registry
[[ -e /usr/share/binfmts/qemu-aarch64 && -e /usr/share/binfmts/qemu-arm ]] || skip "qemu-user-static is not installed"
[[ $(uname -m) == x86_64 ]] || skip "the expectations below are written for an x86_64 host"

# Registering handlers is root's (binfmt_misc is the kernel's); a user builds with root's.
if [[ $(id -u) == 0 ]]; then
  "$MANIFOLD" binfmt install arm64,arm || fail "binfmt install"
else
  need_emulation arm64,arm
  expect_failure "binfmt install as a user says it needs root" "binfmt install needs root" "$MANIFOLD" binfmt install arm64
fi
ls_out=$("$MANIFOLD" binfmt ls)
assert_contains "binfmt ls: arm64 is emulated" "linux/arm64      qemu-aarch64   emulated" "$ls_out"
assert_contains "binfmt ls: the host is native" "linux/amd64      -              native" "$ls_out"
if [[ $(id -u) == 0 ]]; then
  "$MANIFOLD" binfmt install arm64 || fail "a second install is fine"
  ok "binfmt install is idempotent"
fi

registry_with_busybox  # sets R; $R/busybox:latest is the multi-arch base

ctx="$WORK/ctx"
mkdir -p "$ctx"
cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM --platform=\$BUILDPLATFORM $R/busybox:latest AS tools
RUN uname -m > /built-on
FROM $R/busybox:latest
ARG TARGETARCH
RUN uname -m > /arch && echo "building for \$TARGETARCH"
USER app
RUN id > /tmp/id
USER root
RUN rm -rf /etc/group && mkdir -p /new/dir && echo x > /new/dir/file
COPY --from=tools /built-on /built-on
DOCKERFILE
"$MANIFOLD" build --progress=plain --platform linux/amd64,linux/arm64,linux/arm/v7 \
  --output "type=local,dest=$WORK/out" "$ctx" 2>"$WORK/build.log" || { cat "$WORK/build.log"; fail "build with RUN"; }
ok "build with RUN for three platforms"
for entry in linux_amd64:x86_64 linux_arm64:aarch64 linux_arm_v7:armv7l; do
  dir=${entry%%:*} machine=${entry#*:}
  assert_eq "$dir: uname -m in RUN" "$machine" "$(cat "$WORK/out/$dir/arch")"
  assert_eq "$dir: the build-platform stage ran natively" x86_64 "$(cat "$WORK/out/$dir/built-on")"
  assert_eq "$dir: USER app" "uid=1000(app) gid=1000(app)" "$(cat "$WORK/out/$dir/tmp/id")"
  [[ ! -e "$WORK/out/$dir/etc/group" ]] || fail "$dir: /etc/group survived rm -rf"
  for leftover in proc sys dev etc/hosts etc/resolv.conf; do
    [[ ! -e "$WORK/out/$dir/$leftover" ]] || fail "$dir: the runtime's mount point /$leftover is in the image"
  done
  ok "$dir: deletions applied, no runtime mount points left behind"
done
assert_contains "RUN sees TARGETARCH when declared" "building for arm64" "$(cat "$WORK/build.log")"
assert_eq "the native stage ran once for all targets" 1 "$(grep -c '\] RUN uname -m > /built-on$' "$WORK/build.log")"

# The layers as a peer unpacks them: the RUN rm of /etc/group is a whiteout umoci applies.
"$MANIFOLD" build --progress=quiet --platform linux/arm64 --output "type=oci,dest=$WORK/img,tar=false,name=img:1" "$ctx" \
  >/dev/null 2>&1 || fail "build into an OCI layout"
umoci_unpack --image "$WORK/img:1" "$WORK/bundle" >/dev/null 2>&1 || fail "umoci unpack"
[[ ! -e "$WORK/bundle/rootfs/etc/group" && -f "$WORK/bundle/rootfs/etc/passwd" ]] || fail "umoci: the whiteout was not applied"
assert_eq "umoci sees the RUN's files" x "$(cat "$WORK/bundle/rootfs/new/dir/file")"

# Heredocs: a script on its own, one a command reads, and a tab-stripped one with a #!/bin/sh line.
printf 'FROM %s/busybox:latest\nRUN <<EOT\necho one > /one\necho two >> /one\nEOT\nRUN cat > /two <<EOF\nhello $(uname -m)\nEOF\nRUN <<-EOF\n\t#!/bin/sh\n\techo tabbed > /three\n\tEOF\n' "$R" \
  >"$ctx/Dockerfile"
"$MANIFOLD" build --progress=quiet --platform linux/arm64 --output "type=local,dest=$WORK/hd" "$ctx" >/dev/null 2>&1 ||
  fail "build with RUN heredocs"
assert_eq "RUN heredoc scripts" "one two hello aarch64 tabbed" "$(cat "$WORK/hd/one" "$WORK/hd/two" "$WORK/hd/three" | xargs)"

# RUN --network=none gets a network namespace of its own (loopback only); the default is the host's.
printf 'FROM %s/busybox:latest\nRUN --network=none cat /proc/net/dev > /none\nRUN cat /proc/net/dev > /host\n' "$R" >"$ctx/Dockerfile"
"$MANIFOLD" build --progress=quiet --output "type=local,dest=$WORK/net" "$ctx" >/dev/null 2>&1 || fail "build with --network"
assert_eq "--network=none sees only lo" "lo" "$(grep ':' "$WORK/net/none" | cut -d: -f1 | xargs)"
[[ $(grep -c ':' "$WORK/net/host") -gt 1 ]] || fail "the default network is not the host's: $(cat "$WORK/net/host")"
ok "the default RUN network is the host's"

# Failures say which step, the exit code and the output.
printf 'FROM %s/busybox:latest\nRUN echo about to fail && exit 3\n' "$R" >"$ctx/Dockerfile"
expect_failure "a failing RUN names the platform and step" "[linux/arm64 stage-0 2/2] RUN echo about to fail && exit 3" \
  "$MANIFOLD" build --progress=plain --platform linux/arm64 --output "type=local,dest=$WORK/x" "$ctx"
expect_failure "a failing RUN gives its exit code and last output" "exit code: 3; its last output:
  about to fail" "$MANIFOLD" build --progress=plain --platform linux/arm64 --output "type=local,dest=$WORK/x" "$ctx"
printf 'FROM %s/busybox:latest\nRUN ["no-such-program"]\n' "$R" >"$ctx/Dockerfile"
expect_failure "a missing program is named" "no-such-program" \
  "$MANIFOLD" build --progress=plain --output "type=local,dest=$WORK/x" "$ctx"
printf 'FROM %s/busybox:latest\nUSER nobody-here\nRUN true\n' "$R" >"$ctx/Dockerfile"
expect_failure "an unknown USER is named" "USER nobody-here: no such user" \
  "$MANIFOLD" build --progress=plain --output "type=local,dest=$WORK/x" "$ctx"
# A platform nothing here can execute is refused before any work, with the fix; without RUN
# steps it builds fine.
# riscv64 must have no handler: root removes it; a user checks only where root left none.
if [[ $(id -u) == 0 ]]; then "$MANIFOLD" binfmt uninstall riscv64 || fail "binfmt uninstall"; fi
printf 'FROM scratch\nRUN true\n' >"$ctx/Dockerfile"
if ! binfmt_registered qemu-riscv64; then
  expect_failure "an unrunnable platform names the fix" "manifold binfmt install riscv64" \
    "$MANIFOLD" build --progress=plain --platform linux/amd64,linux/riscv64 --output "type=local,dest=$WORK/x" "$ctx"
  [[ ! -e "$WORK/x" ]] || fail "the refused build wrote its output"
else
  echo "note: riscv64's handler is registered and only root may remove it: its refusal is not checked" >&2
fi
printf 'FROM scratch\nCOPY Dockerfile /\n' >"$ctx/Dockerfile"
"$MANIFOLD" build --progress=quiet --platform linux/riscv64 --output "type=local,dest=$WORK/rv" "$ctx" >/dev/null 2>&1 ||
  fail "a riscv64 build without RUN"
ok "a platform without RUN steps needs no emulator"
echo "$CHECKS checks passed"
