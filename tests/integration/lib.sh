# Helpers for integration tests: each test is a bash script run by CTest with $MANIFOLD set to
# the binary. Exit 0 = pass, 77 = skipped (with a reason on stderr), anything else = failure.

set -euo pipefail

: "${MANIFOLD:?MANIFOLD must point at the manifold binary}"
: "${MANIFOLD_SOURCE_DIR:?}"
CONFORMANCE_DIR="${MANIFOLD_CONFORMANCE_DIR:-${MANIFOLD_DEFAULT_CONFORMANCE_DIR:-$MANIFOLD_SOURCE_DIR/../shared/conformance}}"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/manifold-it-XXXXXX")
export MANIFOLD_ROOT="$WORK/root"
# Pushes and type=oci outputs carry a provenance attestation by default (as buildx's); the
# tests that assert exact index shapes, reproducible digests and re-pushes predate that, so
# they build without the default. attestations_test.sh unsets this and tests the default.
export BUILDX_NO_DEFAULT_ATTESTATIONS=1
# remove_work: removes $WORK (unless KEEP_WORK is set). A user's builds leave files of the
# container's users in MANIFOLD_ROOT, owned on the host by the user's subordinate ids: only a
# user namespace with the same mapping (util-linux's unshare --map-auto) may remove those.
remove_work() {
  [[ -z ${KEEP_WORK:-} ]] || return 0
  rm -rf "$WORK" 2>/dev/null && return 0
  [[ $(id -u) != 0 ]] && unshare --map-root-user --map-auto rm -rf "$WORK" && return 0
  echo "note: could not remove $WORK" >&2
}
cleanup() { remove_work; }
trap cleanup EXIT

CHECKS=0
fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*" >&2; exit 77; }
ok() { CHECKS=$((CHECKS + 1)); echo "ok $CHECKS - $*"; }
need() { command -v "$1" >/dev/null 2>&1 || skip "$1 is not installed (scripts/setup installs it)"; }
# need_root REASON: for what only root may do (REASON says what: "registers binfmt handlers").
need_root() { [[ $(id -u) == 0 ]] || skip "${1:?need_root REASON} needs root: run this test as root"; }
# need_builds: build, run, du, prune work for root, and for a user through a user namespace
# (README "Rootless"), which needs newuidmap/newgidmap and the user's subordinate ids (the
# tests' images hold files of other owners and run steps as other users).
need_builds() {
  [[ $(id -u) == 0 ]] && return 0
  command -v newuidmap >/dev/null && command -v newgidmap >/dev/null ||
    skip "rootless builds need newuidmap and newgidmap: apt-get install uidmap (as root; scripts/setup does it)"
  local name id file
  name=$(id -un) id=$(id -u)
  for file in /etc/subuid /etc/subgid; do
    grep -qE "^($name|$id):" "$file" 2>/dev/null ||
      skip "rootless builds need $name's subordinate ids in $file: usermod --add-subuids 100000-165535 --add-subgids 100000-165535 $name (as root, a free range)"
  done
}
# binfmt_registered NAME: the kernel has the QEMU handler NAME (qemu-aarch64, qemu-arm) enabled.
binfmt_registered() { [[ $(head -1 "/proc/sys/fs/binfmt_misc/$1" 2>/dev/null) == enabled ]]; }
_qemu_handler() { case $1 in arm64) echo qemu-aarch64 ;; 386) echo qemu-i386 ;; *) echo "qemu-$1" ;; esac; }
# have_emulation ARCH,…: true when RUN steps for these architectures (binfmt's names: arm64,
# arm) run under QEMU here. Root registers the handlers (idempotent); a user cannot (binfmt_misc
# is the kernel's) and counts on root having done it once.
have_emulation() {
  local arch
  for arch in ${1//,/ }; do
    [[ -e /usr/share/binfmts/$(_qemu_handler "$arch") ]] || return 1
    if [[ $(id -u) == 0 ]]; then
      "$MANIFOLD" binfmt install "$arch" >/dev/null 2>&1 || return 1
    else
      binfmt_registered "$(_qemu_handler "$arch")" || return 1
    fi
  done
}
# need_emulation ARCH,…: have_emulation, else skip (or fail, when root's install fails).
need_emulation() {
  local arch
  for arch in ${1//,/ }; do
    [[ -e /usr/share/binfmts/$(_qemu_handler "$arch") ]] || skip "qemu-user-static is not installed"
  done
  have_emulation "$1" && return 0
  [[ $(id -u) != 0 ]] || fail "manifold binfmt install $1"
  skip "RUN steps for $1 need QEMU's handlers registered: run \`manifold binfmt install $1\` once as root"
}
need_arm64_emulation() { need_emulation arm64; }

# rootless_test_user: sets RL_USER (MANIFOLD_ROOTLESS_USER, default manifold-rl) to a user with
# subordinate ids, creating it and its ranges when missing (root only: useradd, usermod).
rootless_test_user() {
  RL_USER=${MANIFOLD_ROOTLESS_USER:-manifold-rl}
  id "$RL_USER" >/dev/null 2>&1 || useradd -m "$RL_USER" || fail "useradd $RL_USER"
  grep -q "^$RL_USER:" /etc/subuid || usermod --add-subuids 300000-365535 "$RL_USER" || fail "subuids for $RL_USER"
  grep -q "^$RL_USER:" /etc/subgid || usermod --add-subgids 300000-365535 "$RL_USER" || fail "subgids for $RL_USER"
}

# The fixture cache and busybox_deb (also sourced by bench/lib.sh, without the rest of this file).
source "$(dirname "${BASH_SOURCE[0]}")/fixture_lib.sh"

# umoci_unpack ARGS…: umoci unpack; a user's unpack is --rootless (files of other owners
# become the user's, which the tests' checks of contents do not see).
umoci_unpack() {
  if [[ $(id -u) == 0 ]]; then umoci unpack "$@"; else umoci unpack --rootless "$@"; fi
}

# free_port: a TCP port free on 127.0.0.1 at this moment, for a loopback server of the test.
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# assert_eq WHAT EXPECTED ACTUAL
assert_eq() { [[ "$2" == "$3" ]] || fail "$1: expected [$2], got [$3]"; ok "$1"; }
# assert_contains WHAT NEEDLE HAYSTACK
assert_contains() { [[ "$3" == *"$2"* ]] || fail "$1: [$2] not found in: $3"; ok "$1"; }

# expect_failure WHAT NEEDLE CMD...: CMD must exit non-zero and print NEEDLE on stderr.
expect_failure() {
  local what=$1 needle=$2
  shift 2
  local err rc=0
  err=$("$@" 2>&1 >/dev/null) || rc=$?
  [[ $rc != 0 ]] || fail "$what: succeeded but should have failed"
  [[ "$err" == *"$needle"* ]] || fail "$what: error does not mention [$needle]: $err"
  ok "$what"
}

# validate_json SCHEMA_NAME FILE: validates against ../shared/conformance/oci-image-spec/schema.
validate_json() {
  local schema=$1 file=$2 dir="$CONFORMANCE_DIR/oci-image-spec/schema"
  if [[ ! -d "$dir" ]]; then
    echo "note: conformance schemas absent; skipping schema validation of $file" >&2
    return 0
  fi
  /usr/bin/python3 - "$dir" "$schema" "$file" <<'PY' || fail "$file does not validate against $schema"
import json, sys, pathlib
import jsonschema
d, name, f = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
store = {}
for p in d.glob("*.json"):
    s = json.loads(p.read_text())
    store[p.name] = s
    if "id" in s: store[s["id"]] = s
    for prefix in ["https://opencontainers.org/schema/", "https://opencontainers.org/schema/image/",
                   "https://opencontainers.org/schema/image/descriptor/"]:
        store[prefix + p.name] = s
# image-spec resolves these ids offline too (see conformance/README.md).
base = "https://opencontainers.org/schema/"
for alias in ["defs.json", "image/defs.json", "image/descriptor/defs.json"]:
    store[base + alias] = store["defs.json"]
for alias in ["defs-descriptor.json", "image/defs-descriptor.json", "image/descriptor/mediaType"]:
    store[base + alias] = store["defs-descriptor.json"]
schema = store[name]
resolver = jsonschema.RefResolver(base_uri=d.as_uri() + "/", referrer=schema, store=store)
jsonschema.Draft4Validator(schema, resolver=resolver).validate(json.loads(pathlib.Path(f).read_text()))
PY
  ok "$(basename "$file") validates against $schema"
}
