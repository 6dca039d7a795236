#!/usr/bin/env bash
# Rootless manifold inside an unprivileged container, as a CI pod would run it: Debian's runc
# runs the host's filesystem read-only as an unprivileged user, with no effective capabilities,
# Docker's default bounding set, runc's default masked /proc paths and no new namespace of
# privilege. The build there gives root's archive byte for byte when newuidmap/newgidmap carry
# file capabilities (as Podman's images install them); with setuid-root helpers or no_new_privs
# it fails saying so, and so it does under a seccomp profile refusing unshare as Docker's
# default does (no AppArmor on this host: README "Rootless" says what a policy must allow). A
# linux/arm64 build there runs its RUN steps through the host's QEMU handler. runc's masks do
# not stop the steps' proc mounts here only because the host's /proc lies beneath the
# container's (fully visible): own_image_test.sh runs a real image, where they do.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/registry_lib.sh"
source "$(dirname "$0")/container_lib.sh"
need_root "running runc as root to start a container as another user"
need runc
need useradd
need runuser
need setcap
need newuidmap
need newgidmap
need unshare
need jq

rootless_test_user
RL_UID=$(id -u "$RL_USER")
RL_GID=$(id -g "$RL_USER")
RL_HOME=$(getent passwd "$RL_USER" | cut -d: -f6)

chmod 755 "$WORK"
PUB="$WORK/pub"
mkdir -m 755 "$PUB" "$PUB/bin" "$PUB/capbin"
cp "$MANIFOLD" "$PUB/bin/manifold"
chmod 755 "$PUB/bin/manifold"
# newuidmap/newgidmap with file capabilities instead of the setuid bit.
cp /usr/bin/newuidmap /usr/bin/newgidmap "$PUB/capbin/"
chmod 755 "$PUB/capbin/newuidmap" "$PUB/capbin/newgidmap"
setcap cap_setuid+ep "$PUB/capbin/newuidmap" && setcap cap_setgid+ep "$PUB/capbin/newgidmap" ||
  skip "setcap does not work on $WORK's filesystem"
install -d -m 755 -o "$RL_USER" "$PUB/out"
state="$PUB/state"
install -d -m 755 -o "$RL_USER" "$state"

rootless_build_fixture "$PUB"
build_args=(build --progress=plain --platform linux/amd64 --build-context "base=oci-layout://$PUB/busybox" "$PUB/ctx")

SOURCE_DATE_EPOCH=1700000000 "$MANIFOLD" "${build_args[@]}" --output "type=oci,dest=$WORK/root.tar" \
  2>"$WORK/root.log" || { cat "$WORK/root.log"; fail "root build"; }
ok "root builds linux/amd64"

# container NAME PATH_PREFIX NO_NEW_PRIVS CMD [SECCOMP]: runs CMD (sh -c) as $RL_USER in a fresh
# container, under the seccomp profile SECCOMP (JSON, none by default).
container() {
  local name=$1 path_prefix=$2 nnp=$3 cmd=$4 seccomp=${5:-null} bundle="$WORK/bundle-$1"
  mkdir -p "$WORK/rootfs-$name"
  unprivileged_bundle "$bundle" "$WORK/rootfs-$name" "$RL_UID" "$RL_GID" "$nnp" "$seccomp" '
    .process.env = ["PATH=" + $path, "HOME=" + $home, "SOURCE_DATE_EPOCH=1700000000",
                    "BUILDX_NO_DEFAULT_ATTESTATIONS=1"]
    | .process.args = ["sh", "-c", $cmd]
    | .mounts += [{destination: "/tmp", type: "bind", source: "/tmp", options: ["rbind", "rw"]},
                  {destination: $home, type: "bind", source: $home, options: ["rbind", "rw"]}]
  ' --arg home "$RL_HOME" --arg path "${path_prefix}/usr/sbin:/usr/bin:/sbin:/bin" --arg cmd "$cmd"
  # The host's / as the rootfs, bound in a mount namespace of the test's own.
  timeout 600 unshare -m --propagation private sh -c \
    'mount --rbind / "$1" && exec runc --root "$2" run --bundle "$3" "$4"' _ \
    "$WORK/rootfs-$name" "$WORK/runc-state" "$bundle" "manifold-rl-$name-$$"
}

run_build="cd $PUB && MANIFOLD_ROOT=$state $PUB/bin/manifold ${build_args[*]}"
container filecaps "$PUB/capbin:" false "$run_build --output type=oci,dest=$PUB/out/container.tar" \
  >"$WORK/container.log" 2>&1 || { cat "$WORK/container.log"; fail "the rootless build in a container"; }
ok "a rootless build in an unprivileged container (newuidmap with file capabilities)"
cmp "$WORK/root.tar" "$PUB/out/container.tar" || fail "the container's archive differs from root's"
ok "the container's archive is root's, byte for byte"

# A foreign platform in the container: its /proc has no binfmt_misc, but the host's handler
# (registered with the F flag) runs arm64 there; manifold finds it by running a probe binary.
need_arm64_emulation
arm_args=(build --progress=plain --platform linux/arm64 --build-context "base=oci-layout://$PUB/busybox" "$PUB/ctx")
SOURCE_DATE_EPOCH=1700000000 "$MANIFOLD" "${arm_args[@]}" --output "type=oci,dest=$WORK/root-arm64.tar" \
  2>"$WORK/root-arm64.log" || { cat "$WORK/root-arm64.log"; fail "root arm64 build"; }
container arm64 "$PUB/capbin:" false \
  "cd $PUB && MANIFOLD_ROOT=$state $PUB/bin/manifold ${arm_args[*]} --output type=oci,dest=$PUB/out/arm64.tar" \
  >"$WORK/container-arm64.log" 2>&1 || { cat "$WORK/container-arm64.log"; fail "the rootless arm64 build in a container"; }
ok "a rootless linux/arm64 build in the container (the host's QEMU handler, found by a probe)"
cmp "$WORK/root-arm64.tar" "$PUB/out/arm64.tar" || fail "the container's arm64 archive differs from root's"
ok "the container's arm64 archive is root's, byte for byte"

out=$(container setuid "" false "$run_build --no-cache --output type=oci,dest=$PUB/out/setuid.tar" 2>&1) &&
  fail "setuid-root newuidmap worked in the container: the README says it does not"
assert_contains "setuid-root newuidmap: the error says to use file capabilities" "setcap cap_setuid+ep" "$out"
out=$(container nnp "$PUB/capbin:" true "$run_build --no-cache --output type=oci,dest=$PUB/out/nnp.tar" 2>&1) &&
  fail "newuidmap worked under no_new_privs"
assert_contains "no_new_privs: the error names allowPrivilegeEscalation" "allowPrivilegeEscalation" "$out"

# Docker's default seccomp profile lets only CAP_SYS_ADMIN unshare: without it, EPERM.
docker_like_seccomp='{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["unshare"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1}]}'
out=$(container seccomp "$PUB/capbin:" false "$run_build --no-cache --output type=oci,dest=$PUB/out/seccomp.tar" \
  "$docker_like_seccomp" 2>&1) && fail "unshare worked under a seccomp profile that refuses it"
assert_contains "a seccomp profile refusing unshare: the error says what to unconfine" "seccomp=unconfined" "$out"
assert_contains "a seccomp profile refusing unshare: and how in Kubernetes" "seccompProfile" "$out"

container prune "$PUB/capbin:" false "MANIFOLD_ROOT=$state $PUB/bin/manifold prune -a -f" >/dev/null 2>&1 ||
  fail "prune in the container"
echo "PASS: $CHECKS checks"
