#!/usr/bin/env bash
# The channel to a remote node, measured: the emulated-run workload (a CPU-bound RUN loop) plus a
# COPY of a 12 MiB, 400-file context, for linux/amd64 + linux/arm64, built
#   A) by this machine alone (arm64 under QEMU here), and
#   B) by a two-node builder whose arm64 node is an ssh node on this same machine (a stand-in
#      for a native box: the same QEMU, plus ssh, the graph and the context transfer).
# Reported: the handshake, context transfer and whole-build overhead in ms (cold, warm, one file
# changed), and bytes of context and on the channel; a bare ssh round trip is the floor. Not a test.
# usage: bench/multi_node.sh   (needs root, docker-registry, skopeo, qemu-user-static, openssh-server)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
build=$src/build/bench
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMANIFOLD_SANITIZE=OFF -DMANIFOLD_TESTS=OFF -DMANIFOLD_WERROR=OFF >/dev/null
ninja -C "$build" -j"${BENCH_JOBS:-1}" manifold >/dev/null  # -j1 by default: the machine is shared
MANIFOLD=$build/src/cli/manifold
"$MANIFOLD" binfmt install arm64 >/dev/null

state=$(mktemp -d)
WORK=$(mktemp -d)
fail() { echo "$*" >&2; exit 1; }
skip() { echo "$*" >&2; exit 1; }
cleanup() { "$src/tests/support/registry/stop" "$state"; rm -rf "$state" "$WORK"; }
trap cleanup EXIT
"$src/tests/support/registry/start" plain "$state"
source "$state/env"
MANIFOLD_SOURCE_DIR=$src
source "$src/tests/integration/registry_lib.sh"
trap cleanup EXIT  # registry_lib installs its own trap; ours stops the registry started above
fixture_busybox_layout "$WORK/busybox"
skopeo copy -q --all --dest-tls-verify=false "oci:$WORK/busybox:latest" "docker://$REGISTRY/busybox:latest"
source "$src/tests/integration/ssh_lib.sh"
sshd_start "$WORK/remote-root"

ctx=$WORK/ctx
mkdir -p "$ctx/src"
for i in $(seq 400); do head -c 32768 /dev/urandom >"$ctx/src/f$i"; done
cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $REGISTRY/busybox:latest
COPY src/ /src/
RUN sh -c 'i=0; while [ \$i -lt 300000 ]; do i=\$((i+1)); done'
DOCKERFILE

export MANIFOLD_ROOT=$WORK/root
"$MANIFOLD" create --name two --node here --platform linux/amd64 >/dev/null
"$MANIFOLD" create --append --name two --node arm --platform linux/arm64 "$SSH_NODE_ENDPOINT" >/dev/null

run() {  # run NAME BUILDER: one build; prints its wall time in ms and keeps its log
  local name=$1 builder=$2 start end
  start=$(date +%s%N)
  "$MANIFOLD" build --builder "$builder" --progress=plain --platform linux/amd64,linux/arm64 \
    --output "type=oci,dest=$WORK/out.tar" "$ctx" 2>"$WORK/$name.log" || { tail -20 "$WORK/$name.log"; fail "$name failed"; }
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}
field() { sed -n "s/.*$2.*/\1/p" "$WORK/$1.log" | head -1; }

# Each configuration on its own root, so both start cold.
export MANIFOLD_ROOT=$WORK/root-local
"$MANIFOLD" create --name one --node here >/dev/null
local_cold=$(run local-cold one)
local_warm=$(run local-warm one)
export MANIFOLD_ROOT=$WORK/root
two_cold=$(run two-cold two)
two_warm=$(run two-warm two)
echo changed >"$ctx/src/f7"
two_edit=$(run two-edit two)

printf '%-44s %8s %8s\n' "" "cold" "warm"
printf '%-44s %6s ms %6s ms\n' "build, this machine alone (arm64 by QEMU here)" "$local_cold" "$local_warm"
printf '%-44s %6s ms %6s ms\n' "build, two nodes (arm64 on the ssh node)" "$two_cold" "$two_warm"
printf '%-44s %6s ms %6s ms\n' "  overhead of the second node" "$((two_cold - local_cold))" "$((two_warm - local_warm))"
for run in two-cold two-warm two-edit; do
  printf '%-10s handshake %4s ms; context %s; %s\n' "$run" \
    "$(field $run 'connected in \([0-9]*\) ms')" \
    "$(field $run 'context: \([0-9]* files, [0-9]* bytes sent in [0-9]* ms\)')" \
    "$(field $run 'channel: \([0-9]* bytes sent, [0-9]* bytes received\)')"
done
printf 'two nodes, one context file changed (its COPY and the RUN after it rerun on both): %s ms\n' "$two_edit"
# The machine's own limit for the handshake: a bare ssh round trip to the same sshd.
start=$(date +%s%N)
$MANIFOLD_SSH_COMMAND -p "$SSH_NODE_PORT" root@manifold-node -- true
echo "bare ssh round trip (the handshake's floor): $((($(date +%s%N) - start) / 1000000)) ms"
