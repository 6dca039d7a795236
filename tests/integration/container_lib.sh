# Unprivileged containers for integration tests (source after lib.sh; needs runc and jq): a runc
# bundle configured as Docker starts a container for a user other than root.

# unprivileged_bundle BUNDLE ROOTFS UID GID NO_NEW_PRIVS SECCOMP FILTER [JQ_ARG...]: writes
# BUNDLE/config.json running ROOTFS read-only as UID:GID with what Docker gives such a container:
# no effective capabilities, Docker's default bounding set, runc's default masked /proc paths,
# the host's /sys read-only; and the host's network (no network namespace). NO_NEW_PRIVS is
# true or false, SECCOMP a profile (JSON) or null. FILTER, a jq program applied after (given the
# JQ_ARGs, e.g. --arg cmd "…"), sets the process's env, args and cwd and adds the mounts.
unprivileged_bundle() {
  local bundle=$1 rootfs=$2 uid=$3 gid=$4 nnp=$5 seccomp=$6 filter=$7
  shift 7
  mkdir -p "$bundle"
  rm -f "$bundle/config.json"
  (cd "$bundle" && runc spec) || fail "runc spec"
  jq --arg rootfs "$rootfs" --argjson uid "$uid" --argjson gid "$gid" --argjson nnp "$nnp" \
    --argjson seccomp "$seccomp" "$@" '
    .root = {path: $rootfs, readonly: true}
    | .process.terminal = false
    | .process.user = {uid: $uid, gid: $gid}
    | .process.noNewPrivileges = $nnp
    # the default capabilities of Docker, none effective for a non-root process
    | .process.capabilities = {bounding: ["CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER",
        "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
        "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE"],
        permitted: [], effective: [], inheritable: [], ambient: []}
    | .mounts |= map(select(.destination != "/sys" and .destination != "/sys/fs/cgroup"))
    | .mounts += [{destination: "/sys", type: "bind", source: "/sys", options: ["rbind", "ro", "nosuid", "noexec", "nodev"]}]
    | .linux.namespaces |= map(select(.type != "network"))
    | if $seccomp == null then . else .linux.seccomp = $seccomp end
    | '"$filter" <"$bundle/config.json" >"$bundle/config.new" && mv "$bundle/config.new" "$bundle/config.json" ||
    fail "config.json"
}

# rootless_build_fixture DIR: DIR/busybox, the busybox fixture layout, and DIR/ctx, a Dockerfile
# `FROM base` whose steps chown to other ids, write under /root, delete base files, add a user and
# run as it: what a rootless build must give root's bytes for. Both readable by every user.
rootless_build_fixture() {
  local dir=$1
  fixture_busybox_layout "$dir/busybox"
  chmod -R a+rX "$dir/busybox"
  mkdir -p "$dir/ctx"
  cat >"$dir/ctx/Dockerfile" <<'DOCKERFILE'
FROM base
RUN echo secret >/root/x && chown 1234:5678 /root/x && mkdir -p /d/sub && touch /d/sub/f
RUN rm -rf /d /bin/wc && mkdir /d && echo 'usr:x:2001:2001::/home/usr:/bin/sh' >>/etc/passwd && mkdir /home/usr && chown 2001:2001 /home/usr
USER 2001
RUN touch /home/usr/mine
DOCKERFILE
  chmod -R a+rX "$dir/ctx"
}
