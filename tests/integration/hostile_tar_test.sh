#!/usr/bin/env bash
# Malicious layer tarballs through the real binary: each tar of tests/support/hostile_tars.py is
# ADDed (plain and gzip) and used as a base image's layer (from a registry); a watched host
# directory outside the build's root (a victim file, checksummed) and the parent directories
# must be untouched, and the build either confines every entry to the root (the output shows
# where each one landed) or fails naming the entry. Last, a RUN step (whose binaries a base
# image supplies) that points /etc at the watched dir cannot make manifold's tidying reach it.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/registry_lib.sh"
need_builds
need skopeo
need docker-registry
need python3
need jq

registry_start plain
R=$REGISTRY
W="$WORK/watched"  # the sentinel every attack aims at; recreated for every build
corpus="$WORK/corpus"
out="$WORK/out" logs="$WORK/logs"
mkdir -p "$out" "$logs" "$MANIFOLD_ROOT"
arch=$(dpkg --print-architecture)
python3 "$MANIFOLD_SOURCE_DIR/tests/support/hostile_tars.py" generate "$corpus" "$W" "$arch" || fail "generating the corpus"
cut -f1 "$corpus/cases.tsv" >"$WORK/names"
for tag in lower $(cat "$WORK/names"); do
  skopeo copy -q --dest-tls-verify=false "oci:$corpus/layout:$tag" "docker://$R/hostile:$tag" >/dev/null ||
    fail "pushing hostile:$tag"
done
ok "$(wc -l <"$WORK/names") hostile tars generated and pushed as base images"

watch_reset() {
  rm -rf "$W"
  mkdir -p "$W/sub"
  echo "the host's victim $RANDOM$RANDOM" >"$W/victim"
  echo "only the host has this" >"$W/host-only"
  : >"$W/resolv.conf"  # empty, like the mount points a runtime leaves behind
  : >"$W/hosts"
  chmod 750 "$W"
}
# Everything an escape could change: the watched tree (types, modes, owners, sizes, mtimes,
# link targets, checksums), the names in its parent (where MANIFOLD_ROOT and the outputs
# live too), in / and in /etc, and /etc/passwd's bytes.
host_state() {
  (cd "$W" && find . -printf '%p %y %m %U:%G %s %T@ %l\n' | LC_ALL=C sort && sha256sum victim host-only)
  echo "--- $WORK"; ls -A "$WORK"
  echo "--- /"; ls -A /
  echo "--- /etc"; ls -A /etc
  sha256sum /etc/passwd
  # A user may not read /etc/shadow (nor could its rootless build write it).
  [[ ! -r /etc/shadow ]] || sha256sum /etc/shadow
}
# No file named like a payload anywhere outside the outputs: not in $WORK (the parent of
# MANIFOLD_ROOT, of the watched dir and of the outputs), /, /tmp or /etc.
stray_payloads() {
  # Inside a layer of the build cache is inside: the entries were confined to its root.
  find "$WORK" \( -path "$out" -o -path "$MANIFOLD_ROOT/snapshots/diffs/*/*" \) -prune -o \
    \( -name 'pwned*' -o -name 'stolen' -o -name '.wh.*' \) -print
  # Other tests' scratch dirs come and go in /tmp meanwhile: a vanished entry is not a finding.
  find / /tmp /etc -maxdepth 1 -name 'pwned*' -print 2>/dev/null || true
}

# build_case WHAT EXPECT LOG BUILD-ARGS...: runs the build against a fresh sentinel and checks
# the host; EXPECT "ok" means it must succeed, "error:TEXT" that it must fail and say TEXT.
build_case() {
  local what=$1 expect=$2 log=$3
  shift 3
  watch_reset
  local before rc=0
  before=$(host_state)
  "$MANIFOLD" build --progress=plain "$@" >"$log" 2>&1 || rc=$?
  [[ "$(host_state)" == "$before" ]] || fail "$what: the host changed: $(diff <(echo "$before") <(host_state))"
  local stray
  stray=$(stray_payloads)
  [[ -z $stray ]] || fail "$what: payloads outside the outputs: $stray"
  if [[ $expect == ok ]]; then
    [[ $rc == 0 ]] || { cat "$log"; fail "$what: the build failed"; }
  else
    [[ $rc != 0 ]] || fail "$what: the build succeeded but must fail"
    local said
    said=$(grep -E 'ERROR|error:' "$log" | grep -m1 -F -- "${expect#error:}") ||
      { cat "$log"; fail "$what: no error line says [${expect#error:}]"; }
    echo "    refused: ${said:0:300}"
  fi
  ok "$what: the watched dir, its parent, /, /etc and /etc/passwd are untouched ($([[ $expect == ok ]] && echo built || echo refused))"
}

# layer_is_clean OCI_TAR: the image's top layer (the ADD) holds only relative names without
# "..": whatever the input said, what manifold writes is confined too.
layer_is_clean() {
  local dir="$1.d" blob
  mkdir -p "$dir" && tar -xf "$1" -C "$dir"
  blob="$dir/blobs/sha256/$(jq -r '.manifests[0].digest | sub("sha256:"; "")' "$dir/index.json")"
  if [[ $(jq -r .mediaType "$blob") == *index* ]]; then  # one platform still gets an index
    blob="$dir/blobs/sha256/$(jq -r '.manifests[0].digest | sub("sha256:"; "")' "$blob")"
  fi
  python3 - "$dir/blobs/sha256/$(jq -r '.layers[-1].digest | sub("sha256:"; "")' "$blob")" <<'PY' ||
import sys, tarfile
names = [m.name for m in tarfile.open(sys.argv[1])]
bad = [n for n in names if n.startswith("/") or ".." in n.split("/")]
sys.exit(f"unclean names: {bad}" if bad else "an empty layer" if not names else 0)
PY
    fail "$1: the ADD layer"
}

# landed NAME add|layer DEST: hostile_tars.py's check of what landed in the root. Rootless, device
# nodes are skipped (a user namespace may not mknod them; as rootless Docker and BuildKit do):
# a user accepts exactly those as missing.
landed() {
  local out rc=0 part
  out=$(python3 "$MANIFOLD_SOURCE_DIR/tests/support/hostile_tars.py" check "$1" "$2" "$3" "$W" 2>&1) || rc=$?
  [[ -z $out ]] || echo "$out"
  [[ $rc != 0 ]] || return 0
  [[ $(id -u) != 0 && $out == "$1 ($2): "* ]] || return 1
  while read -r part; do
    [[ $part =~ is\ missing\ \(expected\ (chr|blk)\)$ ]] || return 1
  done < <(sed "s/^$1 ($2): //; s/; /\n/g" <<<"$out")
  echo "note: $1: device nodes are skipped rootless, as expected"
}

while IFS=$'\t' read -r name add_expect layer_expect desc; do
  echo "# $name: $desc"
  # (a) ADD evil.tar / over the lower image, plain and gzip, into an OCI archive and a directory.
  for form in tar tar.gz; do
    ctx="$WORK/ctx-$name-$form"
    mkdir -p "$ctx"
    cp "$corpus/$name.$form" "$ctx/evil.$form"
    printf 'FROM %s/hostile:lower\nADD evil.%s /\n' "$R" "$form" >"$ctx/Dockerfile"
    dest="$out/$name-add-$form"
    build_case "$name: ADD evil.$form" "$add_expect" "$logs/$name-add-$form.log" \
      --output "type=oci,dest=$dest.oci.tar" --output "type=local,dest=$dest" "$ctx"
    if [[ $add_expect == ok ]]; then
      landed "$name" add "$dest" || fail "$name: ADD evil.$form: what landed in the root"
      layer_is_clean "$dest.oci.tar"
      ok "$name: ADD evil.$form: confined to the root as listed, the image's layer has clean names"
    else
      [[ ! -e $dest && ! -e $dest.oci.tar ]] || fail "$name: a failed build wrote its outputs"
    fi
  done
  # (b) FROM an image whose top layer is the tar (gzip or uncompressed media type).
  ctx="$WORK/ctx-$name-layer"
  mkdir -p "$ctx"
  printf 'FROM %s/hostile:%s\n' "$R" "$name" >"$ctx/Dockerfile"
  dest="$out/$name-layer"
  build_case "$name: FROM a base with it as a layer" "$layer_expect" "$logs/$name-layer.log" \
    --output "type=local,dest=$dest" "$ctx"
  if [[ $layer_expect == ok ]]; then
    landed "$name" layer "$dest" || fail "$name: base layer: what landed in the root"
    ok "$name: base layer: confined to the root as listed"
  fi
  rm -rf "$out"/* "$WORK/ctx-$name"-*
done <"$corpus/cases.tsv"
# --- RUN steps: their binaries come from the base image too --------------------------------------
# One that swaps /etc for a symlink to the watched dir after the runtime made /etc/resolv.conf and
# /etc/hosts in it must not make manifold's tidying of those mount points delete the host's
# (empty) files of those names: they are resolved inside the root again.
if command -v runc >/dev/null || command -v crun >/dev/null; then
  fixture_busybox_layout "$WORK/busybox"
  skopeo copy -q --all --dest-tls-verify=false "oci:$WORK/busybox:latest" "docker://$R/busybox:latest" >/dev/null ||
    fail "push busybox"
  ctx="$WORK/ctx-run"
  mkdir -p "$ctx"
  # No /etc below the step (only /bin): the runtime creates it in the step's own layer, where
  # overlayfs lets the step rename it away.
  printf 'FROM %s/busybox:latest AS bb\nFROM scratch\nCOPY --from=bb /bin /bin\nRUN mv /etc /etc.moved && ln -s %s /etc\n' \
    "$R" "$W" >"$ctx/Dockerfile"
  echo "# run-swaps-etc: RUN mv /etc /etc.moved && ln -s WATCHED /etc"
  build_case "run-swaps-etc: RUN" ok "$logs/run-swaps-etc.log" --output "type=local,dest=$out/run" "$ctx"
  assert_eq "run-swaps-etc: /etc in the image is the step's symlink" "$W" "$(readlink "$out/run/etc")"
  [[ -d $out/run/etc.moved ]] || fail "run-swaps-etc: the step's /etc.moved is missing"
  ok "run-swaps-etc: the host's empty resolv.conf and hosts survive the mount points' removal"
else
  echo "note: neither runc nor crun is installed; the RUN case is left out" >&2
fi
echo "$CHECKS checks passed"
