#!/usr/bin/env bash
# The RUN environment flags on real runc containers: --network (and RUN --network) against a
# loopback listener of the test, --add-host in /etc/hosts (and not in the layer), --ulimit,
# --shm-size, --cgroup-parent, RUN --security=insecure with and without --allow, the cache rule
# for --add-host (names count, addresses do not), and the usage errors.
source "$(dirname "$0")/lib.sh"
need_builds
need runc
need python3
need dpkg-deb

arch=$(dpkg --print-architecture)
busybox_deb "$arch"
ctx="$WORK/ctx"
mkdir -p "$ctx/rootfs/bin" "$ctx/rootfs/etc" "$ctx/rootfs/tmp" "$ctx/rootfs/mnt"
dpkg-deb -x "$BUSYBOX_DEB" "$WORK/deb"
cp "$WORK/deb/bin/busybox" "$ctx/rootfs/bin/busybox"
for applet in sh cat grep nc df mount tail awk od head echo mkdir; do ln -s busybox "$ctx/rootfs/bin/$applet"; done
echo 'root:x:0:0:root:/root:/bin/sh' >"$ctx/rootfs/etc/passwd"

# A loopback listener on the host that greets whoever connects.
python3 - "$WORK/port" <<'PY' &
import socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(16)
open(sys.argv[1] + ".tmp", "w").write(str(s.getsockname()[1]))
__import__("os").rename(sys.argv[1] + ".tmp", sys.argv[1])
while True:
    c, _ = s.accept()
    c.sendall(b"hello\n")
    c.close()
PY
listener=$!
CGROUP_PARENT="manifold-it-$$"
finish() {
  kill "$listener" 2>/dev/null || true
  # runc removes the step's own cgroup; the parent the flag named is the test's to remove.
  find /sys/fs/cgroup -depth -type d -name "$CGROUP_PARENT" -exec rmdir {} \; 2>/dev/null || true
  cleanup
}
trap finish EXIT
for _ in $(seq 50); do [[ -s "$WORK/port" ]] && break; sleep 0.1; done
port=$(cat "$WORK/port") || fail "the listener did not start"

build() {  # build NAME [FLAGS...]: builds $ctx into $WORK/NAME (a local directory)
  local name=$1
  shift
  "$MANIFOLD" build --progress=plain --output "type=local,dest=$WORK/$name" "$@" "$ctx" 2>"$WORK/$name.log"
}
build_fails() {  # build_fails WHAT NAME NEEDLE [FLAGS...]: the build fails and its log has NEEDLE
  local what=$1 name=$2 needle=$3
  shift 3
  if build "$name" "$@"; then fail "$what: succeeded but should have failed"; fi
  assert_contains "$what" "$needle" "$(cat "$WORK/$name.log")"
}
dockerfile() { printf 'FROM scratch\nCOPY rootfs/ /\n%s\n' "$1" >"$ctx/Dockerfile"; }

# --network: the host's by default (for root) and with host; none cannot reach the host's loopback.
dockerfile "RUN nc -w 3 127.0.0.1 $port </dev/null > /greeting"
if [[ $(id -u) != 0 ]] && command -v slirp4netns >/dev/null && [[ -r /dev/net/tun && -w /dev/net/tun ]]; then
  # A user's step has a network of its own behind slirp4netns, without the host's loopback
  # (README "Rootless"), as BuildKit's and Buildah's rootless modes.
  build_fails "default network, rootless: isolated, the host's loopback is not reached" net-default \
    "did not complete successfully" --no-cache
else
  build net-default --no-cache || { cat "$WORK/net-default.log"; fail "default network build"; }
  assert_eq "default network: the RUN reached the host's listener" hello "$(cat "$WORK/net-default/greeting")"
fi
build net-host --no-cache --network host || { cat "$WORK/net-host.log"; fail "--network host build"; }
assert_eq "--network host (no --allow needed, as buildx): reached" hello "$(cat "$WORK/net-host/greeting")"
build_fails "--network none: the RUN cannot connect to the host's loopback" net-none "did not complete successfully" \
  --no-cache --network none

# RUN --network=none inside a host build, RUN --network=host inside a none build.
printf 'FROM scratch\nCOPY rootfs/ /\nRUN --network=none sh -c "nc -w 3 127.0.0.1 %s </dev/null || echo refused" > /none\nRUN nc -w 3 127.0.0.1 %s </dev/null > /host\n' \
  "$port" "$port" >"$ctx/Dockerfile"
build mixed --no-cache --network host || { cat "$WORK/mixed.log"; fail "RUN --network=none in a host build"; }
assert_eq "RUN --network=none in a --network host build is isolated" refused "$(cat "$WORK/mixed/none")"
assert_eq "the build's other RUN has the host network" hello "$(cat "$WORK/mixed/host")"
printf 'FROM scratch\nCOPY rootfs/ /\nRUN --network=host nc -w 3 127.0.0.1 %s </dev/null > /host\n' "$port" >"$ctx/Dockerfile"
build_fails "RUN --network=host without --allow network.host: refused, naming the line" needs-allow \
  "Dockerfile:3" --network none
assert_contains "... and the flag to add" "--allow network.host" "$(cat "$WORK/needs-allow.log")"
build allowed --no-cache --network none --allow network.host || { cat "$WORK/allowed.log"; fail "--allow network.host"; }
assert_eq "RUN --network=host with --allow network.host in a none build" hello "$(cat "$WORK/allowed/host")"

# --add-host lines in /etc/hosts during the RUN, and nothing of /etc/hosts in the layer.
dockerfile 'RUN cat /etc/hosts > /hosts.seen && head -c 8 /dev/urandom | od -A n -t x1 > /nonce'
build hosts --add-host db.internal:10.1.2.3 --add-host "V6host=[2001:db8::1]" || { cat "$WORK/hosts.log"; fail "--add-host"; }
assert_contains "--add-host NAME:IP in /etc/hosts" $'10.1.2.3\tdb.internal' "$(cat "$WORK/hosts/hosts.seen")"
assert_contains "--add-host NAME=[IPv6] in /etc/hosts (lower-cased, canonical)" $'2001:db8::1\tv6host' \
  "$(cat "$WORK/hosts/hosts.seen")"
assert_contains "the standard lines stay" $'127.0.0.1\tlocalhost' "$(cat "$WORK/hosts/hosts.seen")"
[[ ! -e "$WORK/hosts/etc/hosts" && -f "$WORK/hosts/etc/passwd" ]] || fail "/etc/hosts was left in the layer"
ok "/etc/hosts is not in the layer"
# The cache follows BuildKit: an extra host's name is part of the step's key, its address is not.
build hosts-moved --add-host db.internal:10.9.9.9 --add-host "V6host=[2001:db8::1]" || fail "--add-host, address changed"
assert_eq "another address for the same names: the step is cached" "$(cat "$WORK/hosts/nonce")" \
  "$(cat "$WORK/hosts-moved/nonce")"
build hosts-renamed --add-host db2.internal:10.1.2.3 --add-host "V6host=[2001:db8::1]" || fail "--add-host, renamed"
[[ "$(cat "$WORK/hosts/nonce")" != "$(cat "$WORK/hosts-renamed/nonce")" ]] || fail "a renamed host reused the cache"
assert_contains "another name: the step ran again" $'10.1.2.3\tdb2.internal' "$(cat "$WORK/hosts-renamed/hosts.seen")"

# --ulimit, --shm-size and --cgroup-parent, seen from inside the step.
dockerfile 'RUN sh -c "ulimit -n; ulimit -Hn" > /limits && df -k /dev/shm | tail -1 | awk "{print \$2}" > /shm && cat /proc/self/cgroup > /cgroup'
# A user may not create cgroups outside a delegated one (README "Rootless", "Not yet").
cgroup_flag=(--cgroup-parent "$CGROUP_PARENT")
if [[ $(id -u) != 0 ]]; then
  build_fails "--cgroup-parent, rootless without a delegated cgroup: refused, saying why" cgroup-refused \
    "cannot be honoured in a rootless build" --cgroup-parent "$CGROUP_PARENT"
  cgroup_flag=()
fi
build limits --ulimit nofile=123:456 --shm-size 16m ${cgroup_flag[@]+"${cgroup_flag[@]}"} ||
  { cat "$WORK/limits.log"; fail "--ulimit/--shm-size/--cgroup-parent"; }
assert_eq "--ulimit nofile=123:456: soft and hard limits in the step" "123 456" "$(xargs <"$WORK/limits/limits")"
assert_eq "--shm-size 16m: /dev/shm is 16 MiB" 16384 "$(cat "$WORK/limits/shm")"
if ((${#cgroup_flag[@]})); then
  grep -q "^[0-9]*:pids:/$CGROUP_PARENT/manifold-" "$WORK/limits/cgroup" ||
    fail "--cgroup-parent: the step's cgroup is not under /$CGROUP_PARENT: $(cat "$WORK/limits/cgroup")"
  ok "--cgroup-parent: the step ran in a cgroup under /$CGROUP_PARENT"
fi
build defaults --no-cache || fail "a build without the flags"
assert_eq "without --shm-size: the 64 MiB default" 65536 "$(cat "$WORK/defaults/shm")"
grep -q "$CGROUP_PARENT" "$WORK/defaults/cgroup" && fail "without --cgroup-parent the step still used it"
ok "without --cgroup-parent: the runtime's default cgroup"
if [[ $(id -u) == 0 && $("$MANIFOLD" version | grep '^runtime: ') == "runtime: crun "* ]]; then
  # crun gets --cgroup-manager=disabled (executor/container.cpp): the step stays in the cgroup of
  # the build (this shell's, which manifold inherits), so limits put on a build hold for its steps.
  assert_eq "with crun and no --cgroup-parent: the step stays in the build's own cgroups" \
    "$(grep -v '^0::' /proc/self/cgroup)" "$(grep -v '^0::' "$WORK/defaults/cgroup")"
fi

# RUN --security=insecure: refused without --allow security.insecure; a privileged step with it.
printf 'FROM scratch\nCOPY rootfs/ /\nRUN --security=insecure sh -c "grep CapEff /proc/self/status > /caps; mount -t tmpfs t /mnt && echo mounted > /mounted"\nRUN sh -c "grep CapEff /proc/self/status > /sandbox-caps; mount -t tmpfs t /mnt 2>/dev/null && echo mounted || echo refused" > /sandbox\n' \
  >"$ctx/Dockerfile"
build_fails "RUN --security=insecure without --allow: refused, naming the line" insecure-refused "Dockerfile:3"
assert_contains "... and the flag to add" "--allow security.insecure" "$(cat "$WORK/insecure-refused.log")"
build insecure --allow security.insecure || { cat "$WORK/insecure.log"; fail "--allow security.insecure"; }
# What manifold holds: as root, our own set; rootless, root of a new user namespace holds every
# capability the kernel has there (user_namespaces(7)), whatever our own bounding set.
if [[ $(id -u) == 0 ]]; then
  full=$(awk '/^CapPrm/ {print $2}' /proc/self/status)
else
  full=$(printf '%016x' $(((1 << ($(cat /proc/sys/kernel/cap_last_cap) + 1)) - 1)))
fi
assert_eq "insecure: every capability manifold holds is effective" "CapEff:	$full" "$(cat "$WORK/insecure/caps")"
assert_eq "insecure: the step can mount a tmpfs" mounted "$(cat "$WORK/insecure/mounted")"
assert_eq "the next, sandboxed step cannot" refused "$(cat "$WORK/insecure/sandbox")"
[[ "$(cat "$WORK/insecure/sandbox-caps")" != "CapEff:	$full" ]] || fail "the sandboxed step had every capability"
ok "the sandboxed step has fewer capabilities"

# Usage errors: exit 2 with the flag named.
usage() {  # usage WHAT NEEDLE FLAGS...
  local what=$1 needle=$2 rc=0 err
  shift 2
  err=$("$MANIFOLD" build --output "type=local,dest=$WORK/x" "$@" "$ctx" 2>&1 >/dev/null) || rc=$?
  assert_eq "$what: exit 2" 2 "$rc"
  assert_contains "$what: names the flag" "$needle" "$err"
}
usage "--network bridge" "--network \"bridge\"" --network bridge
usage "--add-host without an address" "--add-host" --add-host justaname
usage "--add-host host-gateway" "host gateway" --add-host gw:host-gateway
usage "--ulimit unknown name" "unknown limit" --ulimit files=10
usage "--ulimit soft above hard" "soft limit is above" --ulimit nofile=20:10
usage "--shm-size garbage" "--shm-size" --shm-size lots
usage "--cgroup-parent systemd form" "systemd" --cgroup-parent system.slice:manifold:
usage "--allow unknown entitlement" "unknown entitlement" --allow device
