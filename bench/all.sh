#!/usr/bin/env bash
# Every row of the performance table, each beside its machine line measured in the same run, then
# one table: row, value, machine line, ratio, target, met/MISSED. Not a test.
#
# usage: bench/all.sh [--scale] [ROW...]
#   rows: wl1 wl2 wl3 wl4 rss scale-files scale-bytes scale-platforms
#   default: wl2 wl3 wl4 wl1 rss (the table); --scale adds the three scale rows; `rss` alone means
#   wl1-wl4 (the peak RSS of every manifold line is reported whatever ran).
# env: BENCH_QUICK=1        small sizes (16 MiB + 500 files, 1k/5k files, 16/64 MiB, 2/4 platforms,
#                           a 3,000-iteration loop, one cold run): proves every row runs
#      MANIFOLD=PATH        measure that binary (no build); else a Release build in build/bench
#      BENCH_JOBS=N         ninja -j for that build (1)
#      BENCH_RUNS=N         cold runs per table row, the median is kept (3, WL1 5; quick 1)
#      BENCH_WARM_RUNS=N    warm runs of WL3/WL4 and their machine lines, the median is kept (7)
#      BENCH_FILES, BENCH_BYTES_MIB, BENCH_PLATFORMS   the scale rows' sizes (space-separated)
#      BENCH_DROP_CACHES=0  do not empty the page cache before cold lines (not for real figures)
#      KEEP_WORK=1          keep bench/out/all-work (roots, archives, logs)
#      BENCH_USER=NAME      run every manifold line as that user (rootless: README "Rootless"; the
#                           user needs /etc/subuid and /etc/subgid lines); setup stays root's
# needs root (drop_caches, binfmt, RUN), docker-registry, skopeo, qemu-user-static; buildah optional.
# Exits 1 when a line could not be measured (FAILED in the table), not for a MISSED target.
# shellcheck disable=SC2016  # bash -c '... "$1" ...' _ ARG: expanded by that shell, on purpose
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

usage() { sed -n '2,/^set -euo/p' "$0" | grep -v -e '^set ' -e '^# shellcheck' | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
rows=()
scale=0
for a in "$@"; do
  case $a in
    --scale) scale=1 ;;
    -h | --help) usage ;;
    wl1 | wl2 | wl3 | wl4 | scale-files | scale-bytes | scale-platforms) rows+=("$a") ;;
    rss) rows+=(wl1 wl2 wl3 wl4) ;;
    *) echo "all.sh: unknown row '$a'" >&2; usage 2 >&2 ;;
  esac
done
((${#rows[@]})) || rows=(wl1 wl2 wl3 wl4)
((scale)) && rows+=(scale-files scale-bytes scale-platforms)
want() { [[ " ${rows[*]} " == *" $1 "* ]]; }

quick=${BENCH_QUICK:-0}
[[ $quick == 1 ]] || quick=0
if ((quick)); then
  layer_mib=16 layer_files=500 loop=3000 runs=${BENCH_RUNS:-1} wl1_runs=${BENCH_RUNS:-1}
  files_sizes=${BENCH_FILES:-1000 5000} bytes_sizes=${BENCH_BYTES_MIB:-16 64} platform_counts=${BENCH_PLATFORMS:-2 4}
  platform_mib=16 layer_data=$BENCH_OUT/layer-data-quick
else
  layer_mib=256 layer_files=20000 loop=300000 runs=${BENCH_RUNS:-3}
  # The loop alone spreads ±0.1 s from one run to the next, more than what WL1's target leaves
  # manifold (0.15 s): five pairs, where three let one slow loop decide the row.
  wl1_runs=${BENCH_RUNS:-5}
  files_sizes=${BENCH_FILES:-10000 100000 1000000} bytes_sizes=${BENCH_BYTES_MIB:-1024 4096 16384}
  platform_counts=${BENCH_PLATFORMS:-8 16 32} platform_mib=64 layer_data=$BENCH_OUT/layer-data
fi
warm_runs=${BENCH_WARM_RUNS:-7}
read -r -a files_sizes <<<"$files_sizes"
read -r -a bytes_sizes <<<"$bytes_sizes"
read -r -a platform_counts <<<"$platform_counts"
loop_sh="i=0; while [ \$i -lt $loop ]; do i=\$((i+1)); done"
linear_max=1.5  # the scale rows' linearity check: per-unit cost at the largest size <= 1.5x the smallest
rss_max_kib=$((64 * 1024))
platforms2=linux/amd64,linux/arm64

# ---------------------------------------------------------------------------------------------
# Output: detail lines as the run goes, the table at the end.
table=()  # row TAB value TAB machine line TAB ratio TAB target TAB met
rss_rows=()  # label TAB peak RSS KiB (the largest over the label's runs)
add_row() { local IFS=$'\t'; table+=("$*"); }
add_rss() { rss_rows+=("$1"$'\t'"$2"); }
say() { printf '%s\n' "$*"; }
calc() { awk "BEGIN { printf \"%.9g\", $1 }"; }
secs() { awk -v x="$1" 'BEGIN { printf (x < 1 ? "%.3f s" : "%.2f s"), x }'; }
times_x() { awk -v a="$1" -v b="$2" 'BEGIN { printf (b > 0 ? "%.2fx" : "-"), (b > 0 ? a / b : 0) }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
met() { if "$@"; then echo met; else echo MISSED; fi; }
mib() { echo "$(($1 / 1024)) MiB"; }
maxof() { printf '%s\n' "$@" | sort -g | tail -1; }
free_bytes() { df -B1 --output=avail "$1" | tail -1 | tr -d ' '; }
free_inodes() { df --output=iavail "$1" | tail -1 | tr -d ' '; }

print_table() {
  printf '%s\n' "row"$'\t'"value"$'\t'"machine line"$'\t'"ratio"$'\t'"target"$'\t'"met" "${table[@]}" | awk -F'\t' '
    { n = NR; for (i = 1; i <= NF; i++) { gsub(/\|/, "\\|", $i); c[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } }
    END {
      for (r = 1; r <= n; r++) {
        line = "|"
        for (i = 1; i <= 6; i++) line = line sprintf(" %-" w[i] "s |", c[r, i])
        print line
        if (r == 1) { line = "|"; for (i = 1; i <= 6; i++) { d = ""; for (k = 0; k < w[i] + 2; k++) d = d "-"; line = line d "|" } print line }
      }
    }'
}

# ---------------------------------------------------------------------------------------------
# Set-up: binary, work dir, registry and busybox base when a row needs them.
bench_build
WORK=$BENCH_OUT/all-work
if [[ -e $WORK ]]; then  # a previous run's: deleted, then the 31 s that cold_root explains
  rm -rf "$WORK"
  sync
  sleep 31
fi
mkdir -p "$WORK/out" "$WORK/roots"
BENCH_LOG=$WORK/command.log
reg_state=$WORK/registry
cleanup() {
  [[ -f $reg_state/env ]] && bench_registry_stop "$reg_state"
  [[ -n ${KEEP_WORK:-} ]] || rm -rf "$WORK"
}
trap cleanup EXIT

started=$EPOCHREALTIME
say "# bench/all.sh -- $(date -Iseconds)"
say "# kernel $(uname -r), $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM," \
  "$(df -T "$BENCH_OUT" | awk 'NR == 2 { print $2 }') under $BENCH_OUT"
say "# $("$MANIFOLD" version | head -1) -- $MANIFOLD"
say "# tree: $BENCH_SRC at $(git -C "$BENCH_SRC" rev-parse --short=12 HEAD)$(git -C "$BENCH_SRC" diff --quiet HEAD -- src 2>/dev/null || echo ' (src/ modified)')" \
  "($(git -C "$BENCH_SRC" rev-parse --abbrev-ref HEAD))"
say "# mode: $( ((quick)) && echo "quick (BENCH_QUICK=1): small sizes, not figures" || echo full);" \
  "cold lines: median of $runs (WL1 $wl1_runs); warm lines: median of $warm_runs;" \
  "page cache dropped before cold lines: $([[ ${BENCH_DROP_CACHES:-1} != 0 ]] && echo yes || echo 'NO (BENCH_DROP_CACHES=0)')"
say "# rows: ${rows[*]}"
say

# cold_root NAME: ROOT is a MANIFOLD_ROOT never used before. The earlier roots and outputs are
# moved aside, not deleted: this ext4 has no journal, and creating many files within 30 s of
# deleting many makes the kernel walk the recently deleted inodes on every create (measured:
# the big copy's COPY step 1.6 s -> 3+ s after an `rm -rf` of the previous root, even with the
# page cache dropped in between). The pile is deleted when it passes 4 GiB, followed by a sync
# and a 31 s wait, which ends that window.
root_seq=0
cold_root() {
  mkdir -p "$WORK/trash"
  root_seq=$((root_seq + 1))
  [[ -d $WORK/roots ]] && mv "$WORK/roots" "$WORK/trash/roots-$root_seq"
  [[ -d $WORK/out ]] && mv "$WORK/out" "$WORK/trash/out-$root_seq"
  if (($(du -sm "$WORK/trash" | cut -f1) > 4096)); then
    rm -rf "$WORK/trash"
    sync
    sleep 31
  fi
  mkdir -p "$WORK/roots" "$WORK/out"
  [[ -z ${BENCH_USER:-} ]] || chown "$BENCH_USER" "$WORK/roots" "$WORK/out"
  ROOT=$WORK/roots/${1//[^a-zA-Z0-9.-]/-}-$root_seq
}

# try_timed CMD...: bench_timed; on failure says so with the end of the command's log.
try_timed() {
  bench_timed "$@" && return 0
  say "  FAILED (exit $?): $*"
  tail -15 "$BENCH_LOG" | sed 's/^/    | /'
  return 1
}

# copy_ctx DIR DATA: a COPY context of DATA's files (hard links), FROM scratch + COPY . /data.
copy_ctx() {
  local ctx=$1 data=$2 f
  rm -rf "$ctx" && mkdir -p "$ctx"
  for f in "$data"/*; do cp -al "$f" "$ctx/"; done
  printf 'FROM scratch\nCOPY . /data\n' >"$ctx/Dockerfile"
  printf 'Dockerfile\n.dockerignore\n.complete\n' >"$ctx/.dockerignore"
}

# random_file PATH BYTES: incompressible bytes, fast (AES-CTR of zeros; a different key per path).
random_file() {
  (
    set +o pipefail
    openssl enc -aes-128-ctr -nosalt -pbkdf2 -pass "pass:manifold-bench-$1" -in /dev/zero 2>/dev/null | head -c "$2" >"$1"
  )
  [[ $(stat -c %s "$1") == "$2" ]] || bench_die "could not write $2 random bytes to $1"
}

need_registry() { want wl1 || want wl3 || want wl4; }
if need_registry; then
  command -v skopeo >/dev/null || bench_die "skopeo is needed for the registry rows"
  bench_registry_start "$reg_state"
  say "registry: $REGISTRY (access log $REGISTRY_LOG)"
  if want wl1 || want wl3; then
    "$MANIFOLD" binfmt install arm64 >/dev/null
    bench_busybox_fixture "$WORK"
    bb_arm64=$WORK/deb-arm64/bin/busybox
    [[ -x $bb_arm64 ]] || bench_die "no arm64 busybox at $bb_arm64"
    mkdir -p "$WORK/wl1-ctx"
    printf 'FROM %s/busybox:latest\nRUN sh -c '"'"'%s'"'"'\n' "$REGISTRY" "$loop_sh" >"$WORK/wl1-ctx/Dockerfile"
    say "busybox base pushed to $REGISTRY/busybox:latest; loop: $loop iterations"
  fi
fi
if want wl2 || want wl4; then
  bench_layer_data "$layer_data" "$layer_mib" "$layer_files"
  copy_ctx "$WORK/wl2-ctx" "$layer_data"
  say "WL2 context: $(du -sb --exclude=Dockerfile --exclude=.dockerignore --exclude=.complete "$WORK/wl2-ctx" | cut -f1) bytes," \
    "$(find "$WORK/wl2-ctx" -type f | wc -l) files ($layer_mib MiB + $layer_files files of 1-16 KiB)"
fi
say

# ---------------------------------------------------------------------------------------------
# WL2: FROM scratch + COPY . /data of the data set, 2 platforms -> OCI archive, cold root; gzip
# (the default), zstd and uncompressed; beside `tar -cf - CTX | sha256sum` after the same drop.
row_wl2() {
  local ctx=$WORK/wl2-ctx comp target name i ts ms rss output failed
  for comp in gzip zstd uncompressed; do
    ts=() ms=() rss=() failed=""
    name="WL2 $comp"; [[ $comp == gzip ]] && name="WL2 gzip (default)"
    target=1.3; [[ $comp == gzip ]] && target=1.5
    output=type=oci,dest=$WORK/out/wl2.tar; [[ $comp == gzip ]] || output+=",compression=$comp"
    for ((i = 1; i <= runs; i++)); do
      cold_root "wl2-$comp"
      fresh_cache "$ctx"
      if ! try_timed MANIFOLD_ROOT="$ROOT" "$MANIFOLD" build --progress=quiet --platform "$platforms2" --output "$output" "$ctx"; then
        failed=1; break
      fi
      ts+=("$BENCH_SECONDS") rss+=("$BENCH_RSS_KIB")
      say "  $name run $i: manifold $(secs "$BENCH_SECONDS"), $(mib "$BENCH_RSS_KIB");" \
        "archive $(stat -c %s "$WORK/out/wl2.tar") bytes: $(bench_oci_summary "$WORK/out/wl2.tar" | cut -d' ' -f2-5)"
      fresh_cache "$ctx"
      bench_timed bash -c 'tar -cf - -C "$1" . | sha256sum' _ "$ctx" || bench_die "tar | sha256sum failed"
      ms+=("$BENCH_SECONDS")
      say "  $name run $i: tar -cf - CTX | sha256sum $(secs "$BENCH_SECONDS")"
    done
    if [[ -n $failed ]]; then
      add_row "$name" FAILED "tar | sha256sum" - "<= ${target}x line" MISSED
      continue
    fi
    local t m
    t=$(bench_median "${ts[@]}") m=$(bench_median "${ms[@]}")
    add_row "$name" "$(secs "$t")" "$(secs "$m") tar -cf - CTX | sha256sum" "$(times_x "$t" "$m")" "<= ${target}x line" \
      "$(met le "$(calc "$t / $m")" "$target")"
    add_rss "$name" "$(maxof "${rss[@]}")"
  done
}

# WL3: warm no-op rebuild of WL1's build (2 platforms, OCI archive), median of BENCH_WARM_RUNS,
# beside `manifold version` (process start), median of as many, interleaved. `manifold version`
# also probes the OCI runtime (it starts crun/runc in a bundle under /tmp): `manifold --version`
# (CLI11's flag, nothing else) is measured too and shown beside it, the bare process start.
row_wl3() {
  local ctx=$WORK/wl1-ctx i ts=() ms=() vs=() rss=() t m v
  cold_root wl3
  fresh_cache "$ctx"
  local build=(MANIFOLD_ROOT="$ROOT" "$MANIFOLD" build --progress=quiet --platform "$platforms2"
    --output "type=oci,dest=$WORK/out/wl3.tar" "$ctx")
  for i in 1 2; do  # the first build, then one warm rebuild before the measured ones
    try_timed "${build[@]}" || { add_row "WL3 no-op rebuild" FAILED "manifold version" - "<= 0.05 s" MISSED; return; }
    say "  WL3 build $i (not measured): $(secs "$BENCH_SECONDS")"
  done
  sync
  for ((i = 1; i <= warm_runs; i++)); do
    try_timed "${build[@]}" || { add_row "WL3 no-op rebuild" FAILED "manifold version" - "<= 0.05 s" MISSED; return; }
    ts+=("$BENCH_SECONDS") rss+=("$BENCH_RSS_KIB")
    bench_timed "$MANIFOLD" version || bench_die "manifold version failed"
    ms+=("$BENCH_SECONDS")
    bench_timed "$MANIFOLD" --version || bench_die "manifold --version failed"
    vs+=("$BENCH_SECONDS")
  done
  say "  WL3 no-op rebuilds: $(printf '%.3f ' "${ts[@]}")s"
  say "  WL3 manifold version: $(printf '%.3f ' "${ms[@]}")s; manifold --version: $(printf '%.3f ' "${vs[@]}")s"
  t=$(bench_median "${ts[@]}") m=$(bench_median "${ms[@]}") v=$(bench_median "${vs[@]}")
  add_row "WL3 no-op rebuild (median of $warm_runs)" "$(secs "$t")" "$(secs "$m") manifold version (--version $(secs "$v"))" "$(times_x "$t" "$m")" \
    "<= 0.05 s" "$(met le "$t" 0.05)"
  add_rss "WL3 no-op rebuild" "$(maxof "${rss[@]}")"
}

# requests_since N: the registry's requests after access-log line N, as "total HEAD GET PUT POST PATCH".
requests_since() {
  sleep 0.3  # the access log line is written after the response
  tail -n +$(($1 + 1)) "$REGISTRY_LOG" | grep -oE '"(HEAD|GET|PUT|POST|PATCH|DELETE) /v2/' | awk '
    { n++; c[substr($1, 2)]++ } END { printf "%d %d %d %d %d %d\n", n, c["HEAD"], c["GET"], c["PUT"], c["POST"], c["PATCH"] }'
}
log_lines() { wc -l <"$REGISTRY_LOG"; }
req_text() {
  local n head get put post patch
  read -r n head get put post patch <<<"$1"
  echo "$n requests (HEAD $head, GET $get, PUT $put, POST $post, PATCH $patch)"
}

# WL4: rebuild + re-push of WL2 when the registry has every blob (nothing new is made), median of
# BENCH_WARM_RUNS; the requests of every run from the access log against one HEAD per blob and
# one PUT per manifest and for the index; beside buildah's manifest push of the same image (or
# skopeo copy --all when buildah is not installed), its requests counted the same way.
row_wl4() {
  local ctx=$WORK/wl2-ctx archive=$WORK/out/wl4.tar ref=$REGISTRY/wl4:1 i mark req summary index blobs puts
  local ts=() ms=() rss=() first_req="" all_exact=1 same_image=1 t m expected line_name
  local env_repro=(SOURCE_DATE_EPOCH=1700000000 BUILDX_NO_DEFAULT_ATTESTATIONS=1)
  cold_root wl4
  fresh_cache "$ctx"
  if ! try_timed "${env_repro[@]}" MANIFOLD_ROOT="$ROOT" "$MANIFOLD" build --progress=quiet --platform "$platforms2" \
    --output "type=oci,dest=$archive" -t "$ref" --push "$ctx"; then
    add_row "WL4 re-push" FAILED - - "<= 0.25 s" MISSED; return
  fi
  say "  WL4 first build + push (not measured): $(secs "$BENCH_SECONDS")"
  summary=$(bench_oci_summary "$archive")
  index=$(sed -E 's/.*index=([^ ]+).*/\1/' <<<"$summary")
  blobs=$(sed -E 's/.*blobs=([0-9]+).*/\1/' <<<"$summary")
  puts=$(sed -E 's/.*puts=([0-9]+).*/\1/' <<<"$summary")
  expected="$((blobs + puts)) requests (HEAD $blobs, GET 0, PUT $puts, POST 0, PATCH 0)"
  say "  WL4 image: $summary"
  say "  WL4 expected per re-push: $expected"
  sync
  for ((i = 1; i <= warm_runs; i++)); do
    mark=$(log_lines)
    try_timed "${env_repro[@]}" MANIFOLD_ROOT="$ROOT" "$MANIFOLD" build --progress=quiet --platform "$platforms2" \
      -t "$ref" --push "$ctx" || { add_row "WL4 re-push" FAILED - - "<= 0.25 s" MISSED; return; }
    ts+=("$BENCH_SECONDS") rss+=("$BENCH_RSS_KIB")
    grep -q "$index" "$BENCH_LOG" || same_image=0
    req=$(req_text "$(requests_since "$mark")")
    [[ -n $first_req ]] || first_req=$req
    [[ $req == "$expected" ]] || all_exact=0
    say "  WL4 re-push $i: $(secs "$BENCH_SECONDS"), $req"
  done
  ((same_image)) || say "  WL4: a re-push did not print the archive's index digest $index: not the same image?"
  # The machine line: buildah's manifest push of the same image, else skopeo copy --all.
  local machine=()
  if command -v buildah >/dev/null; then
    local bstore=(--root "$WORK/buildah" --runroot "$WORK/buildah-run")
    if buildah "${bstore[@]}" manifest create wl4-list >"$BENCH_LOG" 2>&1 &&
      buildah "${bstore[@]}" manifest add --all wl4-list "oci-archive:$archive" >>"$BENCH_LOG" 2>&1; then
      machine=(buildah "${bstore[@]}" manifest push --all --tls-verify=false wl4-list "docker://$ref")
      line_name="buildah manifest push --all"
    else
      tail -5 "$BENCH_LOG" | sed 's/^/    | /'
      say "  buildah manifest create/add failed: skopeo copy --all is the line instead"
    fi
  else
    say "  buildah not installed (apt-get install buildah): the line is skopeo copy --all oci-archive -> registry"
  fi
  if ((${#machine[@]} == 0)); then
    machine=(skopeo copy -q --all --dest-tls-verify=false "oci-archive:$archive" "docker://$ref")
    line_name="skopeo copy --all (no buildah)"
  fi
  for ((i = 1; i <= warm_runs; i++)); do
    mark=$(log_lines)
    if ! try_timed "${machine[@]}"; then
      add_row "WL4 re-push (median of $warm_runs)" "$(secs "$(bench_median "${ts[@]}")")" "FAILED $line_name" - "<= 0.25 s" MISSED
      return
    fi
    ms+=("$BENCH_SECONDS")
    say "  WL4 $line_name $i: $(secs "$BENCH_SECONDS"), $(req_text "$(requests_since "$mark")")"
  done
  t=$(bench_median "${ts[@]}") m=$(bench_median "${ms[@]}")
  add_row "WL4 re-push (median of $warm_runs)" "$(secs "$t")" "$(secs "$m") $line_name" "$(times_x "$t" "$m")" \
    "<= 0.25 s" "$(met le "$t" 0.25)"
  add_row "WL4 requests per re-push" "$first_req" "expected: $expected" - "exactly expected, every run" \
    "$( ((all_exact)) && echo met || echo MISSED)"
  add_rss "WL4 re-push" "$(maxof "${rss[@]}")"
}

# WL1: FROM busybox (the local registry's fixture) + the RUN loop, linux/amd64 + linux/arm64 (QEMU),
# cold root, OCI archive; beside the loop under qemu-aarch64-static alone (the fixture's arm64
# busybox), after the same drop.
step_time() {  # PLATFORM: the RUN step's seconds from a plain progress log
  local id
  id=$(grep -E "^#[0-9]+ \[$1 [^]]*\] RUN" "$BENCH_LOG" | head -1 | cut -d' ' -f1)
  [[ -n $id ]] && grep -E "^$id DONE" "$BENCH_LOG" | sed -E 's/.* DONE ([0-9.]+)s.*/\1/' | head -1
}
row_wl1() {
  local ctx=$WORK/wl1-ctx qemu i ts=() ms=() ds=() rss=() t m
  qemu=$(command -v qemu-aarch64-static) || bench_die "qemu-aarch64-static is needed for WL1's machine line"
  for ((i = 1; i <= wl1_runs; i++)); do
    cold_root wl1
    fresh_cache "$ctx" "$bb_arm64" "$qemu"
    if ! try_timed MANIFOLD_ROOT="$ROOT" "$MANIFOLD" build --progress=plain --platform "$platforms2" \
      --output "type=oci,dest=$WORK/out/wl1.tar" "$ctx"; then
      add_row "WL1 emulated loop" FAILED "qemu-aarch64-static busybox" - "<= line + 0.15 s" MISSED; return
    fi
    ts+=("$BENCH_SECONDS") rss+=("$BENCH_RSS_KIB")
    say "  WL1 run $i: manifold $(secs "$BENCH_SECONDS"), $(mib "$BENCH_RSS_KIB") (RUN steps: amd64 $(step_time linux/amd64 || true)s," \
      "arm64 $(step_time linux/arm64 || true)s)"
    fresh_cache "$ctx" "$bb_arm64" "$qemu"
    bench_timed "$qemu" "$bb_arm64" sh -c "$loop_sh" || bench_die "qemu-aarch64-static busybox sh failed: $(cat "$BENCH_LOG")"
    ms+=("$BENCH_SECONDS")
    ds+=("$(calc "${ts[-1]} - $BENCH_SECONDS")")
    say "  WL1 run $i: qemu-aarch64-static busybox sh -c loop $(secs "$BENCH_SECONDS")"
  done
  t=$(bench_median "${ts[@]}") m=$(bench_median "${ms[@]}")
  # Each build beside the loop run right after it: the median of those differences is what a
  # drift of the machine over the row (both sides slower for a while) moves least. Shown, not
  # judged: the row compares the medians, as every row does.
  say "  WL1: manifold minus the loop, pair by pair: $(printf '%s ' "${ds[@]}" | awk '{ for (i = 1; i <= NF; i++) printf "%+.3f ", $i }')s; median $(bench_median "${ds[@]}" | awk '{ printf "%+.3f", $1 }') s"
  add_row "WL1 emulated loop (2 platforms)" "$(secs "$t")" "$(secs "$m") qemu-aarch64-static busybox" "$(times_x "$t" "$m")" \
    "<= line + 0.15 s" "$(met le "$t" "$(calc "$m + 0.15")")"
  add_rss "WL1 emulated loop" "$(maxof "${rss[@]}")"
}

# ---------------------------------------------------------------------------------------------
# Scale rows: FROM scratch + COPY . /data, 2 platforms -> OCI archive, cold root, one run per
# size, beside tar -cf - CTX | sha256sum; the per-unit cost and its growth.
# scale_build NAME CTX UNITS UNIT_NAME UNIT_DIV: one cold build and its machine line; sets
# SCALE_COST (seconds per unit) or returns 1.
scale_build() {
  local name=$1 ctx=$2 units=$3 unit=$4 div=$5 t m
  cold_root "$name"
  fresh_cache "$ctx"
  if ! try_timed MANIFOLD_ROOT="$ROOT" "$MANIFOLD" build --progress=quiet --platform "$platforms2" \
    --output "type=oci,dest=$WORK/out/scale.tar" "$ctx"; then
    add_row "$name" FAILED "tar | sha256sum" - - MISSED; return 1
  fi
  t=$BENCH_SECONDS
  add_rss "$name" "$BENCH_RSS_KIB"
  say "  $name: manifold $(secs "$t"), $(mib "$BENCH_RSS_KIB"); $(bench_oci_summary "$WORK/out/scale.tar" | cut -d' ' -f2-5)"
  rm -f "$WORK/out/scale.tar"
  fresh_cache "$ctx"
  bench_timed bash -c 'tar -cf - -C "$1" . | sha256sum' _ "$ctx" || bench_die "tar | sha256sum failed"
  m=$BENCH_SECONDS
  SCALE_COST=$(calc "$t / ($units / $div)")
  add_row "$name" "$(secs "$t"), $(awk -v c="$SCALE_COST" -v u="$unit" 'BEGIN { printf (u == "file" ? "%.1f us/file" : "%.2f s/GiB"), (u == "file" ? c * 1e6 : c) }')" \
    "$(secs "$m") tar -cf - CTX | sha256sum" "$(times_x "$t" "$m")" - -
}
linear_row() {  # NAME SMALL_COST LARGE_COST SMALL LARGE
  add_row "$1 linear ($4 -> $5)" "$(awk -v a="$2" -v b="$3" 'BEGIN { printf "%.2fx per unit", b / a }')" - - \
    "<= ${linear_max}x" "$(met le "$(calc "$3 / $2")" "$linear_max")"
}

# Contexts of N small files (100 B - 1 KiB, 100 directories), created once in bench/out.
files_ctx() {  # N -> prints the directory
  local n=$1 dir=$BENCH_OUT/scale-files-$1
  if [[ ! -e $dir/.complete ]]; then
    rm -rf "$dir"
    fresh_cache  # creating many files soon after deleting many is slow on this ext4 until a drop
    python3 - "$dir" "$n" <<'PY'
import os, random, sys
root, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(7)
for d in range(100):
    os.makedirs(os.path.join(root, "d%02d" % d))
pool = os.urandom(1 << 20)
for i in range(n):
    size = rng.randint(100, 1024)
    off = rng.randint(0, len(pool) - size)
    with open(os.path.join(root, "d%02d" % (i % 100), "f%07d" % i), "wb") as f:
        f.write(pool[off:off + size])
PY
    printf 'FROM scratch\nCOPY . /data\n' >"$dir/Dockerfile"
    printf 'Dockerfile\n.dockerignore\n.complete\n' >"$dir/.dockerignore"
    touch "$dir/.complete"
  fi
  echo "$dir"
}
row_scale_files() {
  local n dir need costs=() done_sizes=() i t m touch_ok=0
  for n in "${files_sizes[@]}"; do
    dir=$BENCH_OUT/scale-files-$n
    need=$((n * 4096 * 3))  # a block and an inode each, three times (the context, the snapshot, slack)
    if [[ ! -e $dir/.complete ]] && (($(free_bytes "$BENCH_OUT") < need || $(free_inodes "$BENCH_OUT") < n * 3)); then
      say "  scale-files $n: skipped, less than $((need >> 20)) MiB or $((n * 3)) inodes free under $BENCH_OUT"
      add_row "scale-files $n" "skipped (disk)" - - - -
      continue
    fi
    dir=$(files_ctx "$n")
    touch_ok=0
    scale_build "scale-files $n files" "$dir" "$n" file 1 || continue
    costs+=("$SCALE_COST") done_sizes+=("$n") touch_ok=1
  done
  ((${#costs[@]} >= 2)) && linear_row "scale-files" "${costs[0]}" "${costs[-1]}" "${done_sizes[0]}" "${done_sizes[-1]}"
  if ((!touch_ok)); then  # the root of the largest built context is gone (a later size failed) or none was built
    say "  scale-files: no touch rebuild (the last size was not built)"
    return 0
  fi
  # A rebuild after touching one file of the largest context (its root is the one just built),
  # beside the stat walk of the context, both warm, median of BENCH_RUNS.
  n=${done_sizes[-1]} dir=$BENCH_OUT/scale-files-$n
  local ts=() ms=() rss=()
  for ((i = 1; i <= runs; i++)); do
    touch "$dir/d00/f0000000"
    try_timed MANIFOLD_ROOT="$ROOT" "$MANIFOLD" build --progress=quiet --platform "$platforms2" \
      --output "type=oci,dest=$WORK/out/scale.tar" "$dir" || { add_row "scale-files touch 1 of $n" FAILED - - - MISSED; return; }
    ts+=("$BENCH_SECONDS") rss+=("$BENCH_RSS_KIB")
    bench_timed bash -c 'find "$1" -printf %s >/dev/null' _ "$dir" || bench_die "find failed"
    ms+=("$BENCH_SECONDS")
    say "  scale-files touch 1 of $n, run $i: rebuild $(secs "${ts[-1]}"), find -printf %s $(secs "$BENCH_SECONDS")"
  done
  t=$(bench_median "${ts[@]}") m=$(bench_median "${ms[@]}")
  add_row "scale-files touch 1 of $n, rebuild" "$(secs "$t")" "$(secs "$m") find CTX -printf %s" "$(times_x "$t" "$m")" - -
  add_rss "scale-files touch 1 of $n, rebuild" "$(maxof "${rss[@]}")"
}

# Contexts of MIB MiB in four random files, created once in bench/out.
row_scale_bytes() {
  local mib dir need bytes k costs=() done_sizes=()
  for mib in "${bytes_sizes[@]}"; do
    dir=$BENCH_OUT/scale-bytes-$mib bytes=$((mib << 20))
    need=$((bytes * 3))
    [[ -e $dir/.complete ]] && need=$((bytes * 2))  # the snapshot and the archive
    if (($(free_bytes "$BENCH_OUT") < need)); then
      say "  scale-bytes $mib MiB: skipped, less than $((need >> 20)) MiB free under $BENCH_OUT"
      add_row "scale-bytes $mib MiB" "skipped (disk)" - - - -
      continue
    fi
    if [[ ! -e $dir/.complete ]]; then
      rm -rf "$dir" && mkdir -p "$dir"
      for k in 0 1 2 3; do random_file "$dir/part$k.bin" $((bytes / 4)); done
      printf 'FROM scratch\nCOPY . /data\n' >"$dir/Dockerfile"
      printf 'Dockerfile\n.dockerignore\n.complete\n' >"$dir/.dockerignore"
      touch "$dir/.complete"
    fi
    scale_build "scale-bytes $mib MiB" "$dir" "$bytes" GiB $((1 << 30)) || continue
    costs+=("$SCALE_COST") done_sizes+=("${mib}MiB")
  done
  ((${#costs[@]} >= 2)) && linear_row "scale-bytes" "${costs[0]}" "${costs[-1]}" "${done_sizes[0]}" "${done_sizes[-1]}"
  return 0
}

# N distinct platforms: those `manifold binfmt ls` knows, then variants and other OS values
# (a file-only build runs nothing, so needs no emulator). Strings that normalize to one platform
# (linux/arm64/v8 = linux/arm64, linux/amd64/v1 = linux/amd64, linux/arm = linux/arm/v7) are
# built once, so they are not in the list.
platform_list() {
  local known extra=(linux/amd64 linux/arm64 linux/arm/v7 linux/arm/v6 linux/arm/v5 linux/386 linux/amd64/v2 linux/amd64/v3
    linux/amd64/v4 linux/ppc64le linux/ppc64 linux/s390x linux/riscv64 linux/mips linux/mipsle linux/mips64 linux/mips64le
    linux/loong64 windows/amd64 windows/arm64 windows/386 freebsd/amd64 freebsd/arm64 freebsd/386 darwin/amd64 darwin/arm64
    netbsd/amd64 netbsd/arm64 openbsd/amd64 openbsd/arm64 solaris/amd64 illumos/amd64 dragonfly/amd64)
  mapfile -t known < <("$MANIFOLD" binfmt ls | awk 'NR > 1 && $1 ~ /^[a-z0-9]+\/[a-z0-9]+/ { print $1 }')
  printf '%s\n' "${known[@]}" "${extra[@]}" | awk '!seen[$0]++' | head -n "$1" | paste -sd, -
}
row_scale_platforms() {
  local dir=$BENCH_OUT/scale-platforms-$platform_mib n list summary platforms layers entries costs=() done_sizes=() t per k
  if [[ ! -e $dir/.complete ]]; then
    rm -rf "$dir" && mkdir -p "$dir"
    for k in 0 1 2 3; do random_file "$dir/part$k.bin" $((platform_mib << 18)); done
    printf 'FROM scratch\nCOPY . /data\n' >"$dir/Dockerfile"
    printf 'Dockerfile\n.dockerignore\n.complete\n' >"$dir/.dockerignore"
    touch "$dir/.complete"
  fi
  for n in "${platform_counts[@]}"; do
    list=$(platform_list "$n")
    (($(tr ',' '\n' <<<"$list" | wc -l) == n)) || { add_row "scale-platforms $n" "only $(tr ',' '\n' <<<"$list" | wc -l) platforms known" - - - MISSED; continue; }
    cold_root "platforms-$n"
    fresh_cache "$dir"
    if ! try_timed MANIFOLD_ROOT="$ROOT" "$MANIFOLD" build --progress=quiet --platform "$list" \
      --output "type=oci,dest=$WORK/out/platforms.tar" "$dir"; then
      add_row "scale-platforms $n" FAILED - - "layer stored once" MISSED; continue
    fi
    t=$BENCH_SECONDS
    add_rss "scale-platforms $n" "$BENCH_RSS_KIB"
    summary=$(bench_oci_summary "$WORK/out/platforms.tar")
    platforms=$(sed -E 's/.*platforms=([0-9]+).*/\1/' <<<"$summary")
    layers=$(sed -E 's/.*layers=([0-9]+).*/\1/' <<<"$summary")
    entries=$(sed -E 's/.*layer_entries=([0-9]+).*/\1/' <<<"$summary")
    say "  scale-platforms $n ($list): $(secs "$t"), $(mib "$BENCH_RSS_KIB"); $summary"
    per=$(calc "$t / $n")
    costs+=("$per") done_sizes+=("$n")
    add_row "scale-platforms $n (${platform_mib} MiB file-only)" "$(secs "$t"), $(secs "$per")/platform" \
      "$platforms platform manifests, $layers layer(s), stored ${entries}x" - "layer stored once" \
      "$(met test "$platforms" = "$n" -a "$layers" = 1 -a "$entries" = 1)"
  done
  if ((${#costs[@]} >= 2)); then
    linear_row "scale-platforms" "${costs[0]}" "${costs[-1]}" "${done_sizes[0]}" "${done_sizes[-1]}"
  fi
  return 0
}

# ---------------------------------------------------------------------------------------------
# BENCH_USER: from here on $MANIFOLD is the same binary run as that user through runuser (which
# keeps the environment: MANIFOLD_ROOT, SOURCE_DATE_EPOCH); the setup above (binfmt, fixtures)
# was root's. runuser's own start is in every line (a few ms; `manifold version` shows it).
if [[ -n ${BENCH_USER:-} ]]; then
  id "$BENCH_USER" >/dev/null 2>&1 || bench_die "BENCH_USER=$BENCH_USER: no such user"
  grep -q "^$BENCH_USER:" /etc/subuid || bench_die "BENCH_USER=$BENCH_USER has no /etc/subuid line (README \"Rootless\")"
  as_user=$WORK/manifold-as-$BENCH_USER
  printf '#!/bin/sh\nexec runuser -u %q -- %q "$@"\n' "$BENCH_USER" "$MANIFOLD" >"$as_user"
  chmod 700 "$as_user"  # every row's cold_root gives the user its roots and outputs
  MANIFOLD=$as_user
  say "# manifold lines run as $BENCH_USER (rootless)"
fi
for r in wl2 wl3 wl4 wl1 scale-files scale-bytes scale-platforms; do
  want "$r" || continue
  say "== $r"
  row_start=$EPOCHREALTIME
  "row_${r//-/_}"
  say "   ($r took $(secs "$(calc "$EPOCHREALTIME - $row_start")"))"
done
for r in "${rss_rows[@]}"; do
  kib=${r#*$'\t'}
  add_row "peak RSS: ${r%%$'\t'*}" "$(mib "$kib")" - - "<= 64 MiB" "$(met test "$kib" -le "$rss_max_kib")"
done

say
say "total $(secs "$(calc "$EPOCHREALTIME - $started")")"
say
print_table
# A row that could not be measured (a command failed) fails the run; a MISSED target does not.
for r in "${table[@]}"; do [[ $r != *$'\t'FAILED* ]] || exit 1; done
