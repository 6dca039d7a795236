#!/usr/bin/env bash
# A builder instance with a second node reached over ssh (a real OpenSSH server on loopback;
# the "remote" node is this binary with its own MANIFOLD_ROOT): platform assignment, progress
# and summary per node, the pushed index, blobs back for an OCI archive, incremental context
# transfer, and the faults: unreachable node, node killed mid-build, protocol mismatch.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/registry_lib.sh"
source "$(dirname "$0")/ssh_lib.sh"
need_builds
need runc
need skopeo
need umoci
need jq
need docker-registry
[[ -x /usr/sbin/sshd ]] || skip "openssh-server is not installed"
[[ $(uname -m) == x86_64 ]] || skip "the expectations below are written for an x86_64 host"
need_emulation arm64,arm
registry_with_busybox
REMOTE_ROOT="$WORK/remote-root"
sshd_start "$REMOTE_ROOT"

# --- the builder: this machine for amd64 (and arm/v7 by emulation), the ssh node owns arm64
"$MANIFOLD" create --name multi --node here >/dev/null || fail "create multi"
"$MANIFOLD" create --append --name multi --node arm --platform linux/arm64 "$SSH_NODE_ENDPOINT" >/dev/null ||
  fail "append the ssh node"
"$MANIFOLD" use multi || fail "use multi"
inspect=$("$MANIFOLD" inspect 2>&1) || fail "inspect: $inspect"
assert_contains "inspect: the ssh node's endpoint" "$SSH_NODE_ENDPOINT" "$inspect"
assert_contains "inspect: the ssh node answers" "running" "$inspect"
assert_contains "inspect: its platform is marked as configured" "linux/arm64*" "$inspect"

ctx="$WORK/ctx"
mkdir -p "$ctx/data"
marker="mn-$$-$RANDOM"
printf 'alpha\n' >"$ctx/data/a.txt"
head -c 20000 /dev/urandom >"$ctx/data/big.bin"
printf 'b-one\n' >"$ctx/data/b.txt"
printf 'secret-stuff\n' >"$ctx/ignored.txt"
printf 'ignored.txt\n' >"$ctx/.dockerignore"
cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $R/busybox:latest
ARG NAP=0
COPY data/ /data/
RUN uname -m > /arch && sleep \$NAP # $marker
DOCKERFILE
build() { "$MANIFOLD" build --progress=plain --platform linux/amd64,linux/arm64,linux/arm/v7 "$@"; }

# With provenance: the client writes it for every node's platforms into the index it pushes.
build -t "$R/app:1" --push --provenance=true "$ctx" 2>"$WORK/build1.log" ||
  { cat "$WORK/build1.log"; fail "a 3-platform build on two nodes"; }
ok "a 3-platform build on two nodes"
log1=$(cat "$WORK/build1.log")
assert_contains "progress: arm64's steps run on the ssh node" "[arm] [linux/arm64" "$log1"
assert_contains "summary: arm64 on the ssh node, emulated there" "Node:      arm (emulated)" "$log1"
assert_contains "summary: amd64 here, natively" "Node:      here (native)" "$log1"
grep -q '^#.*\[arm\] \[linux/amd64' "$WORK/build1.log" && fail "amd64 was built on the ssh node"
ok "amd64 was not sent to the ssh node"
index=$(skopeo inspect --raw --tls-verify=false "docker://$R/app:1") || fail "skopeo reads the index"
assert_eq "the index lists three platforms" "amd64 arm arm64" \
  "$(jq -r '[.manifests[] | select(.platform.os != "unknown") | .platform.architecture] | sort | join(" ")' <<<"$index")"
assert_eq "and an attestation manifest for each, made by the client" \
  "$(jq -r '[.manifests[] | select(.platform.os != "unknown") | .digest] | sort | join(" ")' <<<"$index")" \
  "$(jq -r '[.manifests[] | .annotations["vnd.docker.reference.digest"] // empty] | sort | join(" ")' <<<"$index")"
for entry in amd64:x86_64 arm64:aarch64 arm:armv7l; do
  arch=${entry%%:*} machine=${entry#*:}
  rm -rf "$WORK/pulled" "$WORK/unpacked"
  variant=()
  [[ $arch == arm ]] && variant=(--override-variant v7)
  skopeo copy -q --src-tls-verify=false --override-arch "$arch" "${variant[@]}" \
    "docker://$R/app:1" "oci:$WORK/pulled:x" >/dev/null 2>&1 || fail "skopeo copies $arch"
  umoci_unpack --image "$WORK/pulled:x" "$WORK/unpacked" >/dev/null 2>&1 || fail "umoci unpacks $arch"
  assert_eq "$arch: RUN ran for its own architecture" "$machine" "$(cat "$WORK/unpacked/rootfs/arch")"
  assert_eq "$arch: the context file arrived" "alpha" "$(cat "$WORK/unpacked/rootfs/data/a.txt")"
done
[[ -s "$REMOTE_ROOT/meta.db" ]] || fail "the ssh node keeps its cache under its own root"
ok "the ssh node keeps its own cache"
grep -rq "secret-stuff" "$REMOTE_ROOT/contexts" 2>/dev/null && fail "an ignored file was sent to the node"
ok ".dockerignore'd files never travel"

# --- incremental context: bytes of file content sent, as the client reports them
sent() { sed -n 's/.*context: [0-9]* files, \([0-9]*\) bytes sent.*/\1/p' "$1" | head -1; }
first=$(sent "$WORK/build1.log")
[[ $first -ge 20000 ]] || fail "the first build sent the whole context (got [$first] bytes)"
ok "the first build sent the context ($first bytes)"
printf 'b-two, longer\n' >"$ctx/data/b.txt"
build -t "$R/app:2" --push "$ctx" 2>"$WORK/build2.log" || { cat "$WORK/build2.log"; fail "rebuild after one change"; }
assert_eq "after changing one file only its bytes travel" "$(stat -c %s "$ctx/data/b.txt")" "$(sent "$WORK/build2.log")"
build -t "$R/app:2" --push "$ctx" 2>"$WORK/build3.log" || { cat "$WORK/build3.log"; fail "no-change rebuild"; }
assert_eq "an unchanged context sends nothing" 0 "$(sent "$WORK/build3.log")"
# --- a living context: a log written beside the build (`… | tee build.log` in the context
# folder) and a file no step reads are neither sent nor able to fail the transfer.
head -c 30000 /dev/urandom >"$ctx/unread.bin"
(while :; do echo "log line $RANDOM" >>"$ctx/build.log"; sleep 0.01; done) &
writer=$!
build -t "$R/app:2" --push "$ctx" 2>"$WORK/build-living.log" || rc=$?
kill "$writer"; wait "$writer" 2>/dev/null || true
[[ ${rc:-0} == 0 ]] || { cat "$WORK/build-living.log"; fail "a build beside a file being written"; }
ok "a build succeeds while a file no step reads changes in the context"
assert_eq "files no step reads are not sent" 0 "$(sent "$WORK/build-living.log")"
[[ -z $(find "$REMOTE_ROOT/contexts" \( -name build.log -o -name unread.bin \) 2>/dev/null) ]] ||
  fail "a file no step reads reached the node"
ok "a file no step reads never reaches the node"
rm -f "$ctx/build.log" "$ctx/unread.bin"
# cached LOG NAME: the step whose progress name starts with NAME was a cache hit in LOG.
cached() {
  local id
  id=$(grep -F -- "$2" "$1" | grep -E '^#[0-9]+ ' | head -1 | cut -d' ' -f1)
  [[ -n $id ]] && grep -qx "$id CACHED" "$1"
}
cached "$WORK/build3.log" "[arm] [linux/arm64 stage-0 4/4] RUN" || fail "the ssh node reran arm64's RUN"
ok "the unchanged rebuild is cached on the ssh node"

# --- a --build-context directory travels like the build context: its own .dockerignore, and
# only what the node's steps read of it
mkdir -p "$WORK/named-ctx" "$WORK/extra/unread"
printf 'FROM %s/busybox:latest\nCOPY --from=extra data.txt /extra.txt\n' "$R" >"$WORK/named-ctx/Dockerfile"
printf 'extra-data\n' >"$WORK/extra/data.txt"
printf 'extra-secret\n' >"$WORK/extra/secret.txt"
printf 'never-read\n' >"$WORK/extra/unread/x.txt"
printf 'secret.txt\ndata.txt.bak\n' >"$WORK/extra/.dockerignore"
build --build-context "extra=$WORK/extra" --output "type=oci,dest=$WORK/named.tar" "$WORK/named-ctx" \
  2>"$WORK/named.log" || { cat "$WORK/named.log"; fail "a named context on two nodes"; }
assert_contains "the named context was sent to the ssh node" "context:extra: 1 files, 11 bytes sent" "$(cat "$WORK/named.log")"
rm -rf "$WORK/unpacked"
skopeo copy -q --override-arch arm64 "oci-archive:$WORK/named.tar" "oci:$WORK/named-arm:x" >/dev/null 2>&1 ||
  fail "skopeo reads arm64 from the named-context archive"
umoci_unpack --image "$WORK/named-arm:x" "$WORK/unpacked" >/dev/null 2>&1 || fail "umoci unpacks it"
assert_eq "arm64 (built on the ssh node) has the named context's file" "extra-data" "$(cat "$WORK/unpacked/rootfs/extra.txt")"
grep -rq "extra-secret\|never-read" "$REMOTE_ROOT/contexts" 2>/dev/null && fail "an ignored or unread file of the named context reached the node"
ok "the named context's ignored and unread files never travel"

# --- an OCI archive: the ssh node's blobs come back over the channel
build --output "type=oci,dest=$WORK/multi.tar" "$ctx" 2>"$WORK/oci.log" || { cat "$WORK/oci.log"; fail "OCI output"; }
mkdir -p "$WORK/layout" && tar -xf "$WORK/multi.tar" -C "$WORK/layout"
arm_manifest=$(jq -r '.manifests[0].digest' "$WORK/layout/index.json")
skopeo inspect --raw "oci:$WORK/layout" >/dev/null 2>&1 || true
n=0
for blob in "$WORK"/layout/blobs/sha256/*; do
  [[ $(sha256sum "$blob" | cut -d' ' -f1) == $(basename "$blob") ]] || fail "blob $(basename "$blob") is corrupt"
  n=$((n + 1))
done
ok "the archive's $n blobs match their digests ($arm_manifest)"
rm -rf "$WORK/unpacked"
skopeo copy -q --override-arch arm64 "oci-archive:$WORK/multi.tar" "oci:$WORK/fromtar:x" >/dev/null 2>&1 ||
  fail "skopeo reads arm64 from the archive"
umoci_unpack --image "$WORK/fromtar:x" "$WORK/unpacked" >/dev/null 2>&1 || fail "umoci unpacks arm64 from the archive"
assert_eq "arm64 from the archive was built for arm64" aarch64 "$(cat "$WORK/unpacked/rootfs/arch")"

# --- one cache export holds every node's records: a fresh machine importing it runs nothing
build --cache-to "type=local,dest=$WORK/cache,mode=max" --output "type=oci,dest=$WORK/c.tar" "$ctx" \
  2>"$WORK/cacheto.log" || { cat "$WORK/cacheto.log"; fail "--cache-to on two nodes"; }
MANIFOLD_ROOT="$WORK/fresh-root" "$MANIFOLD" build --progress=plain --platform linux/amd64,linux/arm64,linux/arm/v7 \
  --cache-from "type=local,src=$WORK/cache" --output "type=oci,dest=$WORK/fresh.tar" "$ctx" 2>"$WORK/fresh.log" ||
  { cat "$WORK/fresh.log"; fail "a fresh root importing the merged cache"; }
for p in linux/amd64 linux/arm64 linux/arm/v7; do
  cached "$WORK/fresh.log" "[$p stage-0 4/4] RUN" || fail "$p: RUN was not a cache hit from the merged export"
done
ok "the merged cache export has every platform's steps, the ssh node's included"

# --- faults
"$MANIFOLD" create --name broken --node here >/dev/null
"$MANIFOLD" create --append --name broken --node far --platform linux/arm64 "ssh://root@127.0.0.1:1" >/dev/null
expect_failure "an unreachable node fails the build, naming it" 'node "far"' \
  build --builder broken -t "$R/broken:1" --push "$ctx"
skopeo inspect --raw --tls-verify=false "docker://$R/broken:1" >/dev/null 2>&1 && fail "something was pushed"
ok "nothing was pushed for the failed build"
build --builder broken --allow-fallback -t "$R/broken:1" --push "$ctx" 2>"$WORK/fallback.log" ||
  { cat "$WORK/fallback.log"; fail "--allow-fallback"; }
assert_contains "--allow-fallback builds arm64 here" "Node:      here (emulated)" "$(cat "$WORK/fallback.log")"

# The ssh node dies while arm64's RUN runs: the build fails naming it, nothing is tagged.
build -t "$R/killed:1" --push --build-arg NAP=30 "$ctx" 2>"$WORK/killed.log" &
pid=$!
# The node's RUN has started once its progress line arrives here.
for _ in $(seq 600); do
  grep -qF "[arm] [linux/arm64 stage-0 4/4] RUN" "$WORK/killed.log" && break
  sleep 0.1
done
grep -qF "[arm] [linux/arm64 stage-0 4/4] RUN" "$WORK/killed.log" ||
  { kill "$pid" 2>/dev/null || true; cat "$WORK/killed.log"; fail "the node's RUN step never started"; }
sleep 0.5
pkill -KILL -f "manifold node serve --stdio" || fail "no node process to kill"
rc=0
wait "$pid" || rc=$?
# The dead node's container outlives it (runc was its child): end its step's processes here.
pkill -KILL -f "$marker" || true
pkill -KILL -f -x "(/usr/libexec/qemu-binfmt/[a-z0-9]+-binfmt-P /bin/sh )?sleep 30" || true
[[ $rc != 0 ]] || fail "the build succeeded although its node died"
assert_contains "the error names the dead node" 'node "arm"' "$(cat "$WORK/killed.log")"
skopeo inspect --raw --tls-verify=false "docker://$R/killed:1" >/dev/null 2>&1 && fail "an index was pushed"
ok "no index was pushed for the killed build"
build -t "$R/killed:1" --push --build-arg NAP=1 "$ctx" 2>"$WORK/rerun.log" || { cat "$WORK/rerun.log"; fail "rerun after the node died"; }
ok "a rerun after the node died succeeds"

# Ctrl-C while the node's RUN runs: the node cancels its build, the client exits 130, no index.
# (the binary itself in the background, not the build function: $! must be manifold's pid)
"$MANIFOLD" build --progress=plain --platform linux/amd64,linux/arm64,linux/arm/v7 -t "$R/interrupted:1" --push \
  --build-arg NAP=31 "$ctx" 2>"$WORK/interrupted.log" &
pid=$!
for _ in $(seq 600); do
  grep -qF "[arm] [linux/arm64 stage-0 4/4] RUN" "$WORK/interrupted.log" && break
  sleep 0.1
done
sleep 0.5
kill -INT "$pid"
rc=0
wait "$pid" || rc=$?
assert_eq "Ctrl-C during a multi-node build exits 130" 130 "$rc"
for _ in $(seq 100); do pgrep -f "manifold node serve --stdio" >/dev/null || break; sleep 0.1; done
pgrep -f "manifold node serve --stdio" >/dev/null && fail "the node kept running after the client's Ctrl-C"
ok "the node's session ended with the client's"
skopeo inspect --raw --tls-verify=false "docker://$R/interrupted:1" >/dev/null 2>&1 && fail "an index was pushed"
ok "no index was pushed for the interrupted build"

# A node speaking another protocol version: the client refuses it, naming both versions.
cat >"$WORK/fake-ssh" <<'SH'
#!/bin/sh
# Answers any hello with protocol 99, as a future manifold would.
body='{"type":"hello","protocol":99,"version":"99.0.0","native":"linux/arm64","emulated":[]}'
len=$(printf '%s' "$body" | wc -c)
printf "$(printf '\\%03o\\%03o\\%03o\\%03oM' $((len >> 24 & 255)) $((len >> 16 & 255)) $((len >> 8 & 255)) $((len & 255)))"
printf '%s' "$body"
sleep 1
SH
chmod +x "$WORK/fake-ssh"
expect_failure "a protocol mismatch is refused, naming both versions" "speaks node protocol 99" \
  env MANIFOLD_SSH_COMMAND="$WORK/fake-ssh" "$MANIFOLD" build --progress=plain --platform linux/arm64 "$ctx"
# ...and the node refuses a client of another version.
reply=$(python3 - "$MANIFOLD" <<'PY'
import json, struct, subprocess, sys
body = json.dumps({"type": "hello", "protocol": 99, "version": "99.0.0"}).encode()
p = subprocess.run([sys.argv[1], "node", "serve", "--stdio"], input=struct.pack(">Ic", len(body), b"M") + body,
                   capture_output=True, timeout=30)
n, t = struct.unpack(">Ic", p.stdout[:5])
print(json.loads(p.stdout[5:5 + n])["message"], "| exit", p.returncode)
PY
)
assert_contains "the node refuses a client of another protocol" "protocol 99" "$reply"

"$MANIFOLD" rm multi broken || fail "rm"
assert_eq "rm: only the default is left" 1 "$("$MANIFOLD" ls --format json | jq -s length)"
