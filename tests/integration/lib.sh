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
cleanup() { [[ -n ${KEEP_WORK:-} ]] || rm -rf "$WORK"; }
trap cleanup EXIT

CHECKS=0
fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*" >&2; exit 77; }
ok() { CHECKS=$((CHECKS + 1)); echo "ok $CHECKS - $*"; }
need() { command -v "$1" >/dev/null 2>&1 || skip "$1 is not installed (scripts/setup installs it)"; }
need_root() { [[ $(id -u) == 0 ]] || skip "builds need root (overlay mounts)"; }
# need_arm64_emulation: arm64 RUN steps under QEMU, its binfmt handler registered (idempotent).
need_arm64_emulation() {
  [[ -e /usr/share/binfmts/qemu-aarch64 ]] || skip "qemu-user-static is not installed"
  "$MANIFOLD" binfmt install arm64 >/dev/null || fail "binfmt install"
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
