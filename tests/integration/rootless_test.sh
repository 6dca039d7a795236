#!/usr/bin/env bash
# Rootless builds: an unprivileged user with subordinate ids builds the same Dockerfile as root
# (chown to other ids, a user added by hand as busybox's adduser would, a step run as that user,
# writes under /root, a base file deleted, a directory replaced) for linux/amd64 and, under
# QEMU, linux/arm64, and the two OCI archives are byte-identical. That user also pushes, runs
# the image and prunes; a user without subordinate ids gets the documented error; nothing is
# written outside the users' homes and /tmp.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/registry_lib.sh"
source "$(dirname "$0")/ssh_lib.sh"
need_root "creating its users (useradd) and comparing with a root build"
need useradd
need runuser
need newuidmap
need newgidmap
need runc
need skopeo
need docker-registry

# Users: one with subordinate ids (useradd gives them per /etc/login.defs), one without.
rootless_test_user
NOSUB_USER=manifold-rl-nosub
id "$NOSUB_USER" >/dev/null 2>&1 || useradd -m -K SUB_UID_COUNT=0 -K SUB_GID_COUNT=0 "$NOSUB_USER" ||
  fail "useradd $NOSUB_USER"
! grep -q "^$NOSUB_USER:" /etc/subuid /etc/subgid || skip "$NOSUB_USER has subordinate ids here"
RL_HOME=$(getent passwd "$RL_USER" | cut -d: -f6)
NOSUB_HOME=$(getent passwd "$NOSUB_USER" | cut -d: -f6)
IFS=: read -r _ SUB_START SUB_COUNT < <(grep "^$RL_USER:" /etc/subuid | head -1)

# The users reach the binary and their output dirs through a world-readable corner of $WORK.
chmod 755 "$WORK"
PUB="$WORK/pub"
mkdir -m 755 "$PUB" "$PUB/bin"
cp "$MANIFOLD" "$PUB/bin/manifold"
chmod 755 "$PUB/bin/manifold"
install -d -m 755 -o "$RL_USER" "$PUB/rl"
install -d -m 755 -o "$NOSUB_USER" "$PUB/nosub"
# as USER CMD...: a clean environment, state under the user's home (the non-root default).
as() {
  local user=$1 home
  home=$(getent passwd "$user" | cut -d: -f6)
  shift
  (cd "$PUB" && runuser -u "$user" -- env -i HOME="$home" USER="$user" PATH=/usr/sbin:/usr/bin:/sbin:/bin \
    SOURCE_DATE_EPOCH=1700000000 BUILDX_NO_DEFAULT_ATTESTATIONS=1 ${ASAN_OPTIONS:+ASAN_OPTIONS=$ASAN_OPTIONS} "$@")
}
# Earlier runs' state: pruned by its owner (files of subordinate ids are theirs alone), then gone.
for u in "$RL_USER" "$NOSUB_USER"; do
  as "$u" "$PUB/bin/manifold" prune -a -f >/dev/null 2>&1 || true
  rm -rf "$(getent passwd "$u" | cut -d: -f6)/.local/share/manifold"
done

platforms=(linux/amd64)
if [[ -e /usr/share/binfmts/qemu-aarch64 ]]; then
  need_arm64_emulation
  platforms+=(linux/arm64)
else
  echo "note: no arm64 emulation here (qemu-user-static missing); testing linux/amd64 only" >&2
fi
plist=$(IFS=,; echo "${platforms[*]}")

registry_with_busybox  # sets R; $R/busybox:latest is the multi-arch base
ctx="$PUB/ctx"
mkdir -p "$ctx"
# The host's setcap with its libraries, run by their loader from a bind mount (busybox has no
# setcap): a capability set inside the user namespace must land in the layer as root's would.
tools="$PUB/tools"
mkdir -p "$tools"
setcap_bin=$(command -v setcap || true)
if [[ $(uname -m) == x86_64 && -n $setcap_bin && -e /lib64/ld-linux-x86-64.so.2 ]]; then
  cp "$setcap_bin" /lib64/ld-linux-x86-64.so.2 "$tools/"
  ldd "$setcap_bin" | awk '$3 ~ /^\// {print $3}' | xargs -r cp -t "$tools/"
  with_setcap=1
else
  echo "note: no x86_64 setcap here: the security.capability check is left out" >&2
  with_setcap=0
fi
# Debian's busybox-static has no adduser/addgroup applets: the lines they would write.
cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $R/busybox:latest
RUN echo secret >/root/x && chmod 600 /root/x && chown 1234:5678 /root/x && mkdir -p /d/sub && touch /d/sub/f /d/old && uname -m >/arch
RUN rm -rf /d /bin/wc && mkdir /d && touch /d/new && echo 'grp:x:2000:' >>/etc/group && \\
    echo 'usr:x:2001:2000::/home/usr:/bin/sh' >>/etc/passwd && mkdir -p /home/usr && chown usr:grp /home/usr && \\
    mkdir /srv && chown 65534:65534 /srv
ARG TARGETARCH
RUN --mount=type=bind,from=tools,target=/t if [ "\$TARGETARCH" = amd64 ] && [ $with_setcap = 1 ]; then \\
      touch /capfile && /t/ld-linux-x86-64.so.2 --library-path /t /t/setcap cap_net_raw+ep /capfile; fi
USER usr
RUN touch /home/usr/mine && id -u >/home/usr/uid
DOCKERFILE
chmod -R a+rX "$ctx"

# --- root -------------------------------------------------------------------------------------
SOURCE_DATE_EPOCH=1700000000 "$MANIFOLD" build --progress=plain --platform "$plist" \
  --build-context tools="$tools" --output "type=oci,dest=$WORK/root.tar" "$ctx" 2>"$WORK/root.log" || { cat "$WORK/root.log"; fail "root build"; }
ok "root builds $plist"

MARKER="$WORK/marker"
touch "$MARKER"
sleep 1  # mtimes have a granularity; what follows is strictly newer

# --- the user with subordinate ids ---------------------------------------------------------------
as "$RL_USER" "$PUB/bin/manifold" build --progress=plain --platform "$plist" \
  --build-context tools=tools --output "type=oci,dest=$PUB/rl/user.tar" ctx 2>"$WORK/user.log" || { cat "$WORK/user.log"; fail "rootless build"; }
ok "$RL_USER builds $plist without root"
[[ -d $RL_HOME/.local/share/manifold/content ]] || fail "the rootless state is not under ~/.local/share/manifold"
cmp "$WORK/root.tar" "$PUB/rl/user.tar" || fail "the rootless archive differs from root's"
ok "rootless and root archives are byte-identical ($plist)"

assert_contains "$RL_USER: inspect names the overlayfs snapshotter" "Snapshotter:           overlayfs" \
  "$(as "$RL_USER" "$PUB/bin/manifold" inspect 2>&1)"

# The native (copying) snapshotter, forced for both: the same bytes too.
MANIFOLD_SNAPSHOTTER=native MANIFOLD_ROOT="$WORK/root-native" SOURCE_DATE_EPOCH=1700000000 "$MANIFOLD" build \
  --progress=plain --platform linux/amd64 --build-context tools="$tools" --output "type=oci,dest=$WORK/root-native.tar" \
  "$ctx" 2>"$WORK/root-native.log" || { cat "$WORK/root-native.log"; fail "root build (native)"; }
as "$RL_USER" env MANIFOLD_SNAPSHOTTER=native MANIFOLD_ROOT="$RL_HOME/native-state" "$PUB/bin/manifold" build \
  --progress=plain --platform linux/amd64 --build-context tools=tools --output "type=oci,dest=$PUB/rl/native.tar" ctx \
  2>"$WORK/user-native.log" || { cat "$WORK/user-native.log"; fail "rootless build (native)"; }
cmp "$WORK/root-native.tar" "$PUB/rl/native.tar" || fail "the rootless archive (native snapshotter) differs from root's"
ok "native snapshotter: rootless and root archives are byte-identical (linux/amd64)"
as "$RL_USER" env MANIFOLD_ROOT="$RL_HOME/native-state" "$PUB/bin/manifold" prune -a -f >/dev/null 2>&1 ||
  fail "prune of the native state"
rm -rf "${RL_HOME:?}/native-state"

# What the layers hold, read from the user's archive (the same bytes as root's, but say what).
mkdir "$WORK/layout"
tar -xf "$PUB/rl/user.tar" -C "$WORK/layout"
index=$(jq -r '.manifests[0].digest' "$WORK/layout/index.json")
for platform in "${platforms[@]}"; do
  manifest=$(jq -r --arg a "${platform#linux/}" '.manifests[] | select(.platform.architecture == $a) | .digest' \
    "$WORK/layout/blobs/sha256/${index#sha256:}")
  listing=""
  for layer in $(jq -r '.layers[1:][].digest' "$WORK/layout/blobs/sha256/${manifest#sha256:}"); do
    listing+=$(tar --numeric-owner -tvzf "$WORK/layout/blobs/sha256/${layer#sha256:}")$'\n'
  done
  assert_contains "$platform: /root/x owned 1234:5678, mode 600" "-rw------- 1234/5678" "$(grep ' root/x$' <<<"$listing")"
  assert_contains "$platform: /home/usr owned 2001:2000" "2001/2000" "$(grep ' home/usr/$' <<<"$listing")"
  assert_contains "$platform: /srv owned by nobody 65534" "65534/65534" "$(grep ' srv/$' <<<"$listing")"
  assert_contains "$platform: the step as usr wrote as 2001" "2001/2000" "$(grep ' home/usr/mine$' <<<"$listing")"
  grep -q ' bin/.wh.wc$' <<<"$listing" || fail "$platform: no whiteout for the base's /bin/wc"
  grep -q ' d/.wh..wh..opq$' <<<"$listing" || fail "$platform: the replaced /d is not opaque"
  ok "$platform: whiteout and opaque marker in the layers"
  if grep -qE " ($SUB_START|$((SUB_START + 1)))/" <<<"$listing"; then fail "$platform: host subordinate ids in a layer"; fi
  if [[ $platform == linux/amd64 && $with_setcap == 1 ]]; then
    # VFS_CAP_REVISION_2 with CAP_NET_RAW (bit 13) and the effective flag: no v3 root id.
    cap=$(for layer in $(jq -r '.layers[].digest' "$WORK/layout/blobs/sha256/${manifest#sha256:}"); do
      /usr/bin/python3 - "$WORK/layout/blobs/sha256/${layer#sha256:}" <<'PY'
import sys, tarfile
with tarfile.open(sys.argv[1], "r:gz") as t:
    for m in t.getmembers():
        if m.name == "capfile":
            print(m.pax_headers.get("SCHILY.xattr.security.capability", "").encode("utf-8", "surrogateescape").hex())
PY
    done)
    assert_eq "$platform: security.capability as root's (v2)" "0100000200200000000000000000000000000000" "$cap"
  fi
done

# Push, then run the pushed image, as that user.
as "$RL_USER" "$PUB/bin/manifold" build --progress=plain --platform "$plist" --push -t "$R/rootless:1" --build-context tools=tools ctx \
  2>"$WORK/push.log" || { cat "$WORK/push.log"; fail "rootless push"; }
raw=$(skopeo inspect --raw --tls-verify=false "docker://$R/rootless:1") || fail "skopeo inspect"
assert_eq "the pushed index has ${#platforms[@]} platforms" "${#platforms[@]}" "$(jq '.manifests | length' <<<"$raw")"
for platform in "${platforms[@]}"; do
  out=$(as "$RL_USER" "$PUB/bin/manifold" run --rm --platform "$platform" "$R/rootless:1" sh -c 'cat /arch; id -u; cat /home/usr/uid' \
    2>"$WORK/run.log") || { cat "$WORK/run.log"; fail "$platform: rootless run"; }
  want=$([[ $platform == linux/amd64 ]] && echo x86_64 || echo aarch64)
  assert_eq "$platform: manifold run as $RL_USER (arch, USER usr, the step's uid)" "$want 2001 2001" "$(echo $out)"
done
out=$(as "$RL_USER" "$PUB/bin/manifold" run --rm --network=none --platform linux/amd64 "$R/rootless:1" \
  sh -c 'ls /sys/class/net | sort | xargs' 2>"$WORK/run.log") || { cat "$WORK/run.log"; fail "run --network=none"; }
assert_eq "--network=none: loopback only" "lo" "$out"
# A step's default network, rootless: with slirp4netns (and /dev/net/tun open to the user, as
# scripts/setup leaves it) an isolated namespace (lo + tap0) with outbound access — a server on
# the host's own non-loopback address is reached through slirp's NAT — and no way to the host's
# loopback (the registry); without slirp4netns the host's network, as root's. --network=host
# (granted with --allow network.host) reaches the host's loopback; --network=none has only lo.
# Natively and under QEMU.
host_ip=$(ip -4 -o addr show scope global 2>/dev/null | awk '{print $4}' | cut -d/ -f1 | head -1)
[[ -n $host_ip ]] || host_ip=127.0.0.1
mkdir -p "$WORK/www" && echo outside >"$WORK/www/hello"
wport=$(free_port)
/usr/bin/python3 -m http.server --bind "$host_ip" --directory "$WORK/www" "$wport" >/dev/null 2>&1 &
www_pid=$!
for _ in $(seq 50); do curl -fs "http://$host_ip:$wport/hello" >/dev/null 2>&1 && break; sleep 0.1; done
if [[ -x /usr/bin/slirp4netns && $host_ip != 127.0.0.1 ]] && as "$RL_USER" test -r /dev/net/tun -a -w /dev/net/tun; then
  isolated=1
else
  isolated=0
  echo "note: slirp4netns, /dev/net/tun or a non-loopback address missing: the default network is the host's" >&2
fi
mkdir -p "$PUB/ctx5"
cat >"$PUB/ctx5/Dockerfile" <<DOCKERFILE
FROM $R/busybox:latest
RUN wget -q -O /outside http://$host_ip:$wport/hello
RUN (wget -q -T 5 -O /dev/null http://$R/v2/ && echo reached || echo unreachable) >/loopback
RUN ls /sys/class/net | xargs >/ifaces
RUN --network=host wget -q -O /v2 http://$R/v2/
RUN --network=none sh -c 'ls /sys/class/net | xargs' >/net
DOCKERFILE
chmod -R a+rX "$PUB/ctx5"
as "$RL_USER" "$PUB/bin/manifold" build --no-cache --progress=plain --allow network.host --platform "$plist" \
  --output "type=local,dest=$PUB/rl/net" ctx5 2>"$WORK/net.log" || { cat "$WORK/net.log"; fail "RUN with the network as $RL_USER"; }
kill $www_pid 2>/dev/null || true
for platform in "${platforms[@]}"; do
  dir="$PUB/rl/net"; ((${#platforms[@]} > 1)) && dir+="/${platform//\//_}"
  assert_eq "$RL_USER, $platform: the default network reaches a server outside" outside "$(cat "$dir/outside")"
  if ((isolated)); then
    assert_eq "$RL_USER, $platform: the default network is isolated (no host loopback)" unreachable "$(cat "$dir/loopback")"
    assert_eq "$RL_USER, $platform: its interfaces are slirp's tap and lo" "lo tap0" "$(cat "$dir/ifaces")"
  else
    assert_eq "$RL_USER, $platform: the default network is the host's" reached "$(cat "$dir/loopback")"
  fi
  assert_eq "$RL_USER, $platform: RUN --network=host reaches the host's loopback (the registry's /v2/)" "{}" "$(cat "$dir/v2")"
  assert_eq "$RL_USER, $platform: RUN --network=none has loopback only" "lo" "$(cat "$dir/net")"
done
mkdir -p "$PUB/ctx3"
printf 'FROM %s/busybox:latest\nRUN true\n' "$R" >"$PUB/ctx3/Dockerfile"
chmod -R a+rX "$PUB/ctx3"
expect_failure "$RL_USER: --cgroup-parent without a delegated cgroup is refused clearly" \
  "--cgroup-parent manifold-rl-none cannot be honoured in a rootless build" \
  as "$RL_USER" "$PUB/bin/manifold" build --no-cache --cgroup-parent manifold-rl-none --platform linux/amd64 ctx3
mkdir -p "$PUB/ctx4"
printf 'FROM %s/busybox:latest\nRUN --security=insecure mkdir -p /mnt/t && mount -t tmpfs none /mnt/t && touch /mnt/t/x && umount /mnt/t\n' \
  "$R" >"$PUB/ctx4/Dockerfile"
chmod -R a+rX "$PUB/ctx4"
as "$RL_USER" "$PUB/bin/manifold" build --no-cache --allow security.insecure --progress=plain --platform linux/amd64 ctx4 \
  2>"$WORK/insecure.log" || { cat "$WORK/insecure.log"; fail "RUN --security=insecure as $RL_USER"; }
ok "$RL_USER: RUN --security=insecure mounts a tmpfs (every capability, in the user namespace)"
as "$RL_USER" "$PUB/bin/manifold" du >"$WORK/du.out" 2>&1 || { cat "$WORK/du.out"; fail "rootless du"; }
ok "$RL_USER: du"

# --- a remote node over ssh, with the user's own ssh identity --------------------------------------
# No MANIFOLD_SSH_COMMAND: ssh in the namespace must find the user's name, key and known_hosts
# (not root's), and the node, logged in as that user, runs rootless too.
if [[ -x /usr/sbin/sshd ]] && command -v ssh >/dev/null; then
  usermod -p '*' "$RL_USER"  # no password, but not locked: sshd without PAM refuses locked accounts
  remote_root="$PUB/remote-root"
  install -d -m 755 -o "$RL_USER" "$remote_root"
  sshd_start "$remote_root"
  install -d -m 700 -o "$RL_USER" "$RL_HOME/.ssh"
  install -m 600 -o "$RL_USER" "$SSH_DIR/client_key" "$RL_HOME/.ssh/id_ed25519"
  install -m 644 -o "$RL_USER" "$SSH_DIR/known_hosts" "$RL_HOME/.ssh/known_hosts"
  endpoint="ssh://127.0.0.1:$SSH_NODE_PORT"
  as "$RL_USER" "$PUB/bin/manifold" create --name rl-multi --node here >/dev/null || fail "create rl-multi"
  as "$RL_USER" "$PUB/bin/manifold" create --append --name rl-multi --node far --platform linux/arm64 "$endpoint" \
    >/dev/null || fail "append the ssh node"
  as "$RL_USER" "$PUB/bin/manifold" build --builder rl-multi --progress=plain --platform "$plist" \
    --build-context tools=tools --output "type=oci,dest=$PUB/rl/multi.tar" ctx 2>"$WORK/multi.log" ||
    { cat "$WORK/multi.log"; tail -5 "$SSH_DIR/sshd.log"; fail "rootless build with an ssh node"; }
  if [[ " ${platforms[*]} " == *" linux/arm64 "* ]]; then
    assert_contains "$RL_USER: arm64 built on the ssh node" "Node:      far" "$(cat "$WORK/multi.log")"
  fi
  assert_eq "the node logged in as $RL_USER (its state is that user's)" "$RL_USER" "$(stat -c %U "$remote_root/content")"
  cmp "$WORK/root.tar" "$PUB/rl/multi.tar" || fail "the two-node rootless archive differs from root's"
  ok "the two-node rootless archive is root's, byte for byte"
  as "$RL_USER" env MANIFOLD_ROOT="$remote_root" "$PUB/bin/manifold" prune -a -f >/dev/null 2>&1 || fail "prune the node's state"
  sshd_stop
else
  echo "note: no sshd/ssh here: the rootless ssh node is not tested" >&2
fi

# --- the user without subordinate ids --------------------------------------------------------------
expect_failure "$NOSUB_USER: a chown to another id names /etc/subuid" "/etc/subuid" \
  as "$NOSUB_USER" "$PUB/bin/manifold" build --progress=plain --platform linux/amd64 --output "type=oci,dest=$PUB/nosub/x.tar" --build-context tools=tools ctx
expect_failure "$NOSUB_USER: the error says what to run" "usermod --add-subuids" \
  as "$NOSUB_USER" "$PUB/bin/manifold" build --progress=plain --platform linux/amd64 --output "type=oci,dest=$PUB/nosub/x.tar" --build-context tools=tools ctx
# A base with files of other owners cannot be unpacked with one id.
mkdir -p "$PUB/ctx2"
printf 'FROM %s/rootless:1\nRUN true\n' "$R" >"$PUB/ctx2/Dockerfile"
chmod -R a+rX "$PUB/ctx2"
expect_failure "$NOSUB_USER: a base owned by other ids names /etc/subuid" "/etc/subuid" \
  as "$NOSUB_USER" "$PUB/bin/manifold" build --progress=plain --platform linux/amd64 --output "type=oci,dest=$PUB/nosub/y.tar" ctx2
printf 'FROM %s/busybox:latest\nRUN echo one >/root/one\n' "$R" >"$PUB/ctx2/Dockerfile"
as "$NOSUB_USER" "$PUB/bin/manifold" build --progress=plain --platform linux/amd64 --output "type=oci,dest=$PUB/nosub/z.tar" ctx2 \
  2>"$WORK/nosub.log" || { cat "$WORK/nosub.log"; fail "$NOSUB_USER: a root-only build"; }
ok "$NOSUB_USER: a build whose files are all root's works with one id"

# --- the snapshot layer's own tests, as root of the user's namespace (userxattr overlays) --------
snapshot_test="$(dirname "$MANIFOLD")/../snapshot/snapshot_test"
if [[ -x $snapshot_test ]] && unshare --help 2>&1 | grep -q -- --map-users; then
  cp "$snapshot_test" "$PUB/bin/snapshot_test"
  IFS=: read -r _ GID_START GID_COUNT < <(grep "^$RL_USER:" /etc/subgid | head -1)
  as "$RL_USER" env TMPDIR=/tmp unshare --map-root-user --map-users="$SUB_START,1,$SUB_COUNT" \
    --map-groups="$GID_START,1,$GID_COUNT" --mount "$PUB/bin/snapshot_test" >"$WORK/snapshot_test.log" 2>&1 ||
    { tail -40 "$WORK/snapshot_test.log"; fail "snapshot unit tests in a user namespace"; }
  ok "$RL_USER: the snapshot unit tests pass in a user namespace ($(grep -o 'PASSED.*' "$WORK/snapshot_test.log" | head -1))"
else
  echo "note: no snapshot_test beside the binary (or unshare without --map-users): not run rootless" >&2
fi

# --- nothing of the users' outside their homes and /tmp ------------------------------------------
# Files newer than the marker owned by the users or by the subordinate ids (the lead's and other
# root processes' writes are not the users'), outside the homes, /tmp, /var/tmp and $WORK.
stray=$(for fs in / /run /dev/shm; do
  find "$fs" -xdev \( -path /proc -o -path /sys -o -path /tmp -o -path /var/tmp -o -path "$RL_HOME" -o -path "$NOSUB_HOME" \
    -o -path "$WORK" \) -prune -o -newer "$MARKER" -printf '%U %p\n' 2>/dev/null
done | awk -v u1="$(id -u "$RL_USER")" -v u2="$(id -u "$NOSUB_USER")" -v s="$SUB_START" -v c="$SUB_COUNT" \
  '$1 == u1 || $1 == u2 || ($1 >= s && $1 < s + c)')
[[ -z $stray ]] || fail "written outside the homes and /tmp: $stray"
ok "nothing written outside the users' homes and /tmp"

# The user removes its own state (files of subordinate ids included) with prune.
as "$RL_USER" "$PUB/bin/manifold" prune -a -f >"$WORK/prune.out" 2>&1 || { cat "$WORK/prune.out"; fail "rootless prune"; }
left=$(find "$RL_HOME/.local/share/manifold/snapshots" -mindepth 2 ! -user "$RL_USER" 2>/dev/null | head -3)
[[ -z $left ]] || fail "prune left files of subordinate ids: $left"
ok "$RL_USER: prune -a removes the snapshots"
echo "PASS: $CHECKS checks"
