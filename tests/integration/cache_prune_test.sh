#!/usr/bin/env bash
# `manifold du` and `manifold prune`: the numbers agree with what is on disk, prune removes what
# nothing keeps (a killed build's leftovers too) but never a stored image, waits for a running
# build instead of deleting its layers, and the next build works from what is left.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/registry_lib.sh"
need_builds
need runc
need docker-registry
need sqlite3
registry_with_busybox  # sets R

ctx="$WORK/ctx"
mkdir -p "$ctx"
head -c 3000000 /dev/urandom >"$ctx/blob.bin"
cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $R/busybox:latest
COPY blob.bin /blob.bin
RUN cp /blob.bin /copy.bin
DOCKERFILE
build() { "$MANIFOLD" build --progress=plain --platform linux/amd64 "$@" "$ctx" >"$WORK/build.log" 2>&1 || { tail "$WORK/build.log"; fail "build $*"; }; }
bytes() { sed -n 's/^Total:.*(\([0-9]*\) bytes)$/\1/p' <<<"$1"; }
on_disk() {  # blocks of every layer dir and blob, as du counts them (hard links once)
  local dirs=("$MANIFOLD_ROOT"/snapshots/diffs/* "$MANIFOLD_ROOT"/content/blobs/sha256/*)
  [[ -e ${dirs[0]} || -e ${dirs[-1]} ]] || { echo 0; return; }
  du -s --block-size=1 -c "${dirs[@]}" 2>/dev/null | tail -1 | cut -f1
}
roughly() {  # roughly LABEL A B: within 1% or 64 KiB
  local d=$(( $2 > $3 ? $2 - $3 : $3 - $2 ))
  (( d <= 65536 || d * 100 <= $2 )) || fail "$1: $2 vs $3"
  ok "$1 ($2 vs $3 bytes)"
}

build --output "type=oci,dest=$WORK/one.tar"
"$MANIFOLD" prune -f >/dev/null || fail "prune of dangling data"  # the exported image's configs and manifests
du_out=$("$MANIFOLD" du) || fail "du"
assert_contains "du lists the RUN step's record" "RECLAIMABLE" "$du_out"
roughly "du's total is what the cache holds on disk" "$(bytes "$du_out")" "$(on_disk)"
(( $(bytes "$du_out") > 5000000 )) || fail "du: the two 3 MB layers are missing from $(bytes "$du_out") bytes"
ok "du counts the COPY and RUN layers"

# A build killed mid-step leaves a layer dir nothing knows about: du shows it, prune removes it.
# The step is found by a marker of its own: a bare `sleep 30` pattern also matched (and killed)
# any other `sleep 30…` on the machine, and then the build was killed before its step began.
marker="prune-victim-$$-$RANDOM"
printf 'RUN dd if=/dev/zero of=/zeros bs=1M count=4 && sleep 30 # %s\n' "$marker" >>"$ctx/Dockerfile"
"$MANIFOLD" build --progress=plain --platform linux/amd64 --output "type=oci,dest=$WORK/killed.tar" "$ctx" >/dev/null 2>&1 &
victim=$!
for _ in $(seq 100); do pgrep -f "sleep 30 # $marker" >/dev/null && break; sleep 0.2; done
sleep 0.5
kill -9 $victim; wait $victim 2>/dev/null || true
pkill -9 -f "$marker" || true
assert_contains "du reports the killed build's leftovers" "Leftovers:" "$("$MANIFOLD" du)"
"$MANIFOLD" prune -f >/dev/null || fail "prune after a kill"
[[ $("$MANIFOLD" du) != *Leftovers:* ]] || fail "prune left the killed build's layer behind"
ok "prune reclaims what a killed build left"
[[ -z $(ls "$MANIFOLD_ROOT/snapshots" | grep '^build-') ]] || fail "prune left a dead build's scratch dir"
ok "prune removes dead builds' scratch dirs"
sed -i '$d' "$ctx/Dockerfile"

# A stored image survives prune --all; everything else goes, and the numbers match.
build --load -t kept:1
before=$(on_disk)
pruned=$("$MANIFOLD" prune --all -f) || fail "prune --all"
roughly "prune's total is what left the disk" "$(bytes "$pruned")" "$((before - $(on_disk)))"
assert_eq "prune --all: no layer dir is left" "" "$(ls "$MANIFOLD_ROOT/snapshots/diffs")"
assert_eq "prune --all: no record is left" 0 "$(sqlite3 "$MANIFOLD_ROOT/meta.db" 'SELECT count(*) FROM records')"
"$MANIFOLD" images save kept:1 -o "$WORK/kept.tar" >/dev/null 2>&1 || fail "the stored image lost blobs to prune --all"
ok "prune --all keeps stored images whole"
build --output "type=oci,dest=$WORK/again.tar"
assert_contains "after prune --all the steps run again" "RUN cp /blob.bin /copy.bin" "$(grep -v CACHED "$WORK/build.log")"

# Prune while a build runs: it waits for the build, which finishes intact.
printf 'RUN sleep 3 && echo slow-done # %s-during\n' "$marker" >>"$ctx/Dockerfile"
"$MANIFOLD" build --progress=plain --platform linux/amd64 --output "type=oci,dest=$WORK/during.tar" "$ctx" \
  >"$WORK/during.log" 2>&1 &
builder=$!
for _ in $(seq 100); do pgrep -f "$marker-during" >/dev/null && break; sleep 0.1; done
"$MANIFOLD" prune --all -f >"$WORK/prune-during.out" 2>&1 || fail "prune during a build"
wait $builder || { tail "$WORK/during.log"; fail "the build running during a prune failed"; }
assert_contains "prune waited for the running build" "waiting for running builds" "$(cat "$WORK/prune-during.out")"
tar -tf "$WORK/during.tar" >/dev/null || fail "the build's output is broken"
ok "the build running during a prune finished intact"

expect_failure "prune --filter with an unknown key" "--filter" "$MANIFOLD" prune -f --filter label=x
expect_failure "prune --keep-storage that is not a size" "--keep-storage" "$MANIFOLD" prune -f --keep-storage lots
echo "$CHECKS checks passed"
