#!/usr/bin/env bash
# Hostile Dockerfiles: exploding expansions, giant joined lines and heredocs, symlinks out of the
# context, and very long chains of stages end in one clear error (file:line, the limit) within
# bounded time and memory, or build; never a crash, a hang or a leak of another file's bytes.
# SIGTERM during long frontend work ends the build within about a second.
source "$(dirname "$0")/lib.sh"
need_builds
need python3

DATA="$MANIFOLD_SOURCE_DIR/tests/data/hostile_dockerfiles"

# measure LOG CMD...: runs CMD (stdout and stderr to LOG; killed after 60 s); sets RC, MS (wall
# time) and PEAK_KIB (maximum resident set size: GNU time's when installed, else VmHWM polled
# from /proc).
measure() {
  local log=$1
  shift
  local start
  start=$(date +%s%N)
  RC=0
  PEAK_KIB=0
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -f '%M' -o "$WORK/rss" timeout -s KILL 60 "$@" >"$log" 2>&1 || RC=$?
    PEAK_KIB=$(tail -n 1 "$WORK/rss")
    # GNU time reports a signal death as "Command terminated by signal N" plus the status.
    grep -q "terminated by signal" "$WORK/rss" && RC=$((128 + $(grep -o 'signal [0-9]*' "$WORK/rss" | cut -d' ' -f2)))
  else
    "$@" >"$log" 2>&1 &
    local pid=$! hwm ticks=0
    while kill -0 "$pid" 2>/dev/null; do
      hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
      [[ -n $hwm && $hwm -gt $PEAK_KIB ]] && PEAK_KIB=$hwm
      ticks=$((ticks + 1))
      [[ $ticks -lt 1200 ]] || kill -KILL "$pid" 2>/dev/null || true
      sleep 0.05
    done
    wait "$pid" || RC=$?
  fi
  MS=$((($(date +%s%N) - start) / 1000000))
}

# Memory is judged above what the binary costs doing nothing (an ASan build starts near 170 MiB).
measure "$WORK/log" "$MANIFOLD" version
MAX_RSS_KIB=$((PEAK_KIB + 200 * 1024))
echo "baseline peak RSS $((PEAK_KIB / 1024)) MiB; hostile inputs may add 200 MiB"

# refused WHAT MAX_MS NEEDLE...: the last measured command failed (not by a signal), within
# MAX_MS and MAX_RSS_KIB, and its output holds every NEEDLE.
refused() {
  local what=$1 max_ms=$2 log=$3
  shift 3
  [[ $RC != 0 ]] || fail "$what: succeeded: $(tail -n 5 "$log")"
  [[ $RC -lt 128 ]] || fail "$what: died with status $RC (a crash): $(tail -n 5 "$log")"
  for needle in "$@"; do
    grep -qF -- "$needle" "$log" || fail "$what: the error does not mention [$needle]: $(tail -n 5 "$log")"
  done
  [[ $MS -le $max_ms ]] || fail "$what: took ${MS} ms (more than $max_ms)"
  [[ $PEAK_KIB -le $MAX_RSS_KIB ]] || fail "$what: peak RSS ${PEAK_KIB} KiB (more than $MAX_RSS_KIB)"
  ok "$what: refused in ${MS} ms, peak RSS $((PEAK_KIB / 1024)) MiB (limit $((MAX_RSS_KIB / 1024)))"
}

BUILD=("$MANIFOLD" build --progress=plain --output "type=local,dest=$WORK/out")

ctx="$WORK/ctx"
mkdir -p "$ctx"
echo data >"$ctx/f"

# --- 1. Expansion: ENV a=$a$a forty times (2^40 bytes unbounded).
cp "$DATA/env_doubling.Dockerfile" "$ctx/Dockerfile"
measure "$WORK/log" "${BUILD[@]}" "$ctx"
refused "ENV doubling" 20000 "$WORK/log" "Dockerfile:25:1" "4194304 bytes (4 MiB)"
for seed in replace_growth replace_template_growth env_many_pairs arg_doubling; do
  cp "$DATA/$seed.Dockerfile" "$ctx/Dockerfile"
  measure "$WORK/log" "${BUILD[@]}" "$ctx"
  refused "$seed" 20000 "$WORK/log" "Dockerfile:" "MiB"
done

# --- 2. Size: a 50 MB line made of continuations, a 15 MiB one, a 64 MB and a 15 MiB heredoc.
python3 - "$WORK" <<'PY'
import sys
w = sys.argv[1]
def write(name, head, unit, size, tail=""):
    with open(f"{w}/{name}", "w") as f:
        f.write(head)
        f.write(unit * (size // len(unit)))
        f.write(tail)
write("cont50", "FROM scratch\nRUN a", " \\\n b", 50 << 20, "\n")
write("cont15", "FROM scratch\nRUN a", " \\\n b", 15 << 20, "\n")
write("heredoc64", "FROM scratch\nCOPY <<EOF /f\n", "x" * 63 + "\n", 64 << 20, "EOF\n")
write("heredoc15", "FROM scratch\nCOPY <<EOF /f\n", "x" * 63 + "\n", 15 << 20, "EOF\n")
PY
measure "$WORK/log" "$MANIFOLD" debug parse "$WORK/cont50"
refused "debug parse of a 50 MB continued line" 5000 "$WORK/log" "16777216 bytes"
measure "$WORK/log" "${BUILD[@]}" -f "$WORK/cont50" "$ctx"
refused "build of a 50 MB continued line" 5000 "$WORK/log" "16777216 bytes"
measure "$WORK/log" "$MANIFOLD" debug parse "$WORK/cont15"
refused "a 15 MiB continued line" 5000 "$WORK/log" "cont15:2:1: instruction is more than 4194304 bytes" "4 MiB"
measure "$WORK/log" "${BUILD[@]}" -f "$WORK/heredoc64" "$ctx"
refused "a 64 MB heredoc" 5000 "$WORK/log" "16777216 bytes"
measure "$WORK/log" "${BUILD[@]}" -f "$WORK/heredoc15" "$ctx"
refused "a 15 MiB heredoc" 5000 "$WORK/log" "heredoc15:2:1: heredoc \"EOF\" is more than 4194304 bytes"

# --- 3. SIGTERM during long frontend work (slow, but within every limit) ends the build at once.
python3 - "$ctx/Dockerfile" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("FROM scratch\nARG a=" + "a" * 1000000 + "\n")
    for i in range(19000):
        f.write("ARG b=${a%%*}\n")
PY
"$MANIFOLD" build --progress=plain --output "type=local,dest=$WORK/out" "$ctx" >"$WORK/log" 2>&1 &
pid=$!
sleep 2
kill -0 "$pid" 2>/dev/null || fail "the slow Dockerfile finished within 2 s: make it slower: $(tail -n 3 "$WORK/log")"
kill -TERM "$pid"
start=$(date +%s%N)
for _ in $(seq 1 100); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.05
done
if kill -0 "$pid" 2>/dev/null; then
  kill -KILL "$pid"
  fail "the build was still running 5 s after SIGTERM"
fi
rc=0
wait "$pid" || rc=$?
ms=$((($(date +%s%N) - start) / 1000000))
assert_eq "SIGTERM during lowering exits 143" 143 "$rc"
[[ $ms -le 1500 ]] || fail "the build took ${ms} ms to stop after SIGTERM"
ok "the build stopped ${ms} ms after SIGTERM"
assert_contains "the build says it was interrupted" "interrupted" "$(cat "$WORK/log")"

# --- 4. Symlinks out of the context, and files that are not Dockerfiles.
marker="MANIFOLD-SECRET-$RANDOM$RANDOM"
printf 'root:%s:19000:0:99999:7:::\n*\n' "$marker" >"$WORK/secret"
chmod 600 "$WORK/secret"
ln -sf "$WORK/secret" "$ctx/Dockerfile"
measure "$WORK/log" "${BUILD[@]}" "$ctx"
refused "a Dockerfile symlinked out of the context" 5000 "$WORK/log" "symlink" "cannot lead outside"
grep -q "$marker" "$WORK/log" && fail "the secret's bytes were printed: $(cat "$WORK/log")"
ok "the secret behind the Dockerfile symlink is not printed"
measure "$WORK/log" "${BUILD[@]}" -f "$WORK/secret" "$ctx"
refused "-f naming a file that is not a Dockerfile" 5000 "$WORK/log" "secret:1:1" "is it a Dockerfile?"
grep -q "$marker" "$WORK/log" && fail "the -f file's bytes were printed: $(cat "$WORK/log")"
ok "the bytes of a non-Dockerfile given by -f are not printed"
rm "$ctx/Dockerfile"
printf 'FROM scratch\nCOPY f /f\n' >"$ctx/Dockerfile.web"
ln -s Dockerfile.web "$ctx/Dockerfile"
ln -s "$WORK/secret" "$ctx/.dockerignore"  # its "*" would exclude f if it were read
"${BUILD[@]}" "$ctx" >"$WORK/log" 2>&1 || fail "a build through an in-context Dockerfile symlink: $(tail -n 5 "$WORK/log")"
assert_eq "the .dockerignore outside the context is not read (f is copied)" data "$(cat "$WORK/out/f")"
grep -q "$marker" "$WORK/log" && fail "the .dockerignore target's bytes were printed"
ok "a symlinked Dockerfile inside the context still builds"
rm -f "$ctx/Dockerfile" "$ctx/Dockerfile.web" "$ctx/.dockerignore"

# --- 5. Chains of stages: 10,000 is refused clearly, a few hundred build.
python3 - "$WORK" <<'PY'
import sys
w = sys.argv[1]
with open(f"{w}/from10k", "w") as f:
    f.write("FROM scratch AS s0\n")
    f.writelines(f"FROM s{i-1} AS s{i}\n" for i in range(1, 10000))
with open(f"{w}/copy10k", "w") as f:
    f.write("FROM scratch AS s0\nCOPY f /f\n")
    f.writelines(f"FROM scratch AS s{i}\nCOPY --from=s{i-1} /f /f\n" for i in range(1, 10000))
PY
for chain in from10k copy10k; do
  measure "$WORK/log" "${BUILD[@]}" -f "$WORK/$chain" "$ctx"
  refused "a 10,000-stage chain ($chain)" 10000 "$WORK/log" "$chain:" "more than 1000 stages; the limit is 1000"
done
measure "$WORK/log" "${BUILD[@]}" -f "$DATA/stage_from_chain.Dockerfile" "$ctx"
[[ $RC == 0 ]] || fail "a 300-stage FROM chain: $(tail -n 5 "$WORK/log")"
ok "a 300-stage FROM chain builds (${MS} ms)"
measure "$WORK/log" "${BUILD[@]}" -f "$DATA/stage_copy_chain.Dockerfile" "$ctx"
[[ $RC == 0 ]] || fail "a 300-stage COPY --from chain: $(tail -n 5 "$WORK/log")"
assert_eq "a 300-stage COPY --from chain builds (${MS} ms)" data "$(cat "$WORK/out/f")"

echo "$CHECKS checks passed"
