#!/usr/bin/env bash
# The export phase in the progress (issue 17): after the last step, every phase is a vertex with
# BuildKit's name — "exporting layers" with each layer's bytes, "exporting config/manifest/
# manifest list sha256:…", "exporting to oci image format", "pushing REPO" with each blob's bytes,
# "already exists" and "mounted from", "exporting cache to …" — in plain and rawjson, and the
# time between the last step and the summary is spent inside them. A 64 MiB incompressible
# context copied for two platforms: one shared layer, compressed and shown once.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/registry_lib.sh"
need_builds
need jq
need docker-registry
registry_start plain
R=$REGISTRY
# The layer compressed under "exporting layers" is the slow path's: by default a COPY into scratch
# is written as its blob during the COPY and the export only says "reused (written while
# copying)" (build_copy_direct_test.sh checks that).
export MANIFOLD_COPY_DIRECT=0

ctx="$WORK/ctx"
mkdir -p "$ctx/data"
for i in $(seq 1 16); do head -c $((4 << 20)) /dev/urandom >"$ctx/data/part$i"; done
printf 'FROM scratch\nCOPY . /data\n' >"$ctx/Dockerfile"
platforms=linux/amd64,linux/arm64

# stamp: every line of stdin prefixed with the wall-clock time it arrived (seconds).
stamp() {
  /usr/bin/python3 -u -c '
import sys, time
while True:
    line = sys.stdin.readline()
    if not line:
        break
    sys.stdout.write("%.3f %s" % (time.time(), line))
'
}

# check_plain LOG MAX_GAP MAX_TAIL NAME...: the vertices NAME (prefixes, in order of first
# appearance) appear, each ends with DONE; no time after the last step's DONE is outside a
# vertex for longer than MAX_GAP seconds, and the summary ("Name:") follows the last vertex's
# DONE within MAX_TAIL seconds. Prints the gaps it measured.
check_plain() {
  /usr/bin/python3 - "$@" <<'PY'
import re, sys
log, max_gap, max_tail, names = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4:]
lines = [l.rstrip("\n").split(" ", 1) for l in open(log) if " " in l]
lines = [(float(t), rest) for t, rest in lines]
vertex_name, order, done, open_, events = {}, [], set(), set(), []
for t, rest in lines:
    m = re.match(r"#(\d+) (.*)", rest)
    if not m:
        events.append((t, None, rest))
        continue
    n, text = int(m.group(1)), m.group(2)
    if n not in vertex_name:
        vertex_name[n] = text
        order.append(n)
        events.append((t, ("open", n), text))
    elif text.startswith("DONE") or text == "CACHED" or text.startswith("ERROR") or text == "CANCELED":
        done.add(n) if text.startswith("DONE") or text == "CACHED" else None
        events.append((t, ("close", n), text))
    else:
        events.append((t, ("line", n), text))
def fail(msg):
    print("FAIL: " + msg, file=sys.stderr)
    print(open(log).read(), file=sys.stderr)
    sys.exit(1)
pos = -1
for name in names:
    found = [i for i, n in enumerate(order) if vertex_name[n].startswith(name) and i > pos]
    if not found:
        fail("no vertex %r after position %d (vertices: %s)" % (name, pos, [vertex_name[n] for n in order]))
    pos = found[0]
    if order[pos] not in done:
        fail("vertex %r has no DONE" % vertex_name[order[pos]])
last_step = max(t for t, ev, text in events if ev and ev[0] == "close" and vertex_name[ev[1]].startswith("["))
summary = [t for t, ev, text in events if ev is None and text.startswith("Name:")]
if not summary:
    fail("no summary")
gap, gap_at, uncovered_since = 0.0, None, None
last_close = last_step
for t, ev, text in events:
    if ev and ev[0] == "open":
        if uncovered_since is not None and t - uncovered_since > gap:
            gap, gap_at = t - uncovered_since, text
        uncovered_since = None
        open_.add(ev[1])
    elif ev and ev[0] == "close":
        open_.discard(ev[1])
        if t >= last_step:
            last_close = t
            if not open_:
                uncovered_since = t
tail = summary[0] - last_close
print("export phase: %.2fs from the last step to the summary; longest gap between vertices %.3fs (before %r); "
      "last vertex DONE to summary %.3fs" % (summary[0] - last_step, gap, gap_at, tail))
if gap > max_gap:
    fail("%.3fs outside any vertex before %r (allowed %.1fs)" % (gap, gap_at, max_gap))
if tail > max_tail:
    fail("%.3fs from the last vertex to the summary (allowed %.1fs)" % (tail, max_tail))
PY
}

# 1. An OCI archive, plain progress.
MANIFOLD_ROOT=$WORK/root1 "$MANIFOLD" build --progress=plain --platform $platforms \
  -o "type=oci,dest=$WORK/out.tar" "$ctx" 2>&1 >/dev/null | stamp >"$WORK/oci.log" || { cat "$WORK/oci.log"; fail "oci build"; }
# The summary comes after the build's scratch is cleaned up and the process is about done; on a
# loaded 2-core machine with ASan a second is allowed there, 0.2 s between vertices.
check_plain "$WORK/oci.log" 0.2 1.0 "[stage-0 1/1] COPY . /data" "exporting layers" \
  "exporting config sha256:" "exporting manifest sha256:" "exporting config sha256:" "exporting manifest sha256:" \
  "exporting manifest list sha256:" "exporting to oci image format" || fail "oci: plain vertices"
ok "oci: every export vertex, in order, with DONE; the export phase is covered"
log=$(cut -d' ' -f2- "$WORK/oci.log")
layers_n=$(grep -m1 ' exporting layers$' <<<"$log" | sed 's/^#\([0-9]*\) .*/\1/')
grep -Eq "^#$layers_n layer 1 ([0-9.]+)MB / \1MB [0-9.]+s$" <<<"$log" || fail "the layer's bytes never reach the total: $log"
ok "oci: the layer's byte progress reaches its total"
assert_eq "oci: the shared layer is compressed and shown once" 1 "$(grep -Ec "^#$layers_n [0-9.]+ layer [0-9]+: sha256:" <<<"$log")"
lines=$(grep -c "^#$layers_n layer 1 " <<<"$log")
elapsed=$(grep "^#$layers_n DONE" <<<"$log" | sed 's/.* \([0-9.]*\)s$/\1/')
# A line a second at most, plus the first and the complete one.
python3 -c "import sys; sys.exit(0 if $lines <= $elapsed + 3 else 1)" ||
  fail "plain prints $lines byte lines in ${elapsed}s: $log"
ok "oci: plain byte lines are sampled ($lines lines in ${elapsed}s)"
copy_n=$(grep -m1 ' \[stage-0 1/1\] COPY . /data$' <<<"$log" | sed 's/^#\([0-9]*\) .*/\1/')
grep -Eq "^#$copy_n copying files ([0-9.]+)MB / \1MB " <<<"$log" || fail "the COPY's bytes never reach the total: $log"
ok "oci: the COPY shows its bytes up to the total"
oci_n=$(grep -m1 ' exporting to oci image format$' <<<"$log" | sed 's/^#\([0-9]*\) .*/\1/')
grep -Eq "^#$oci_n [0-9.]+ sending tarball to $WORK/out.tar\$" <<<"$log" || fail "no 'sending tarball': $log"
ok "oci: the archive vertex says where it sends the tarball"
grep -Eq "^#$oci_n sending tarball ([0-9.]+)MB / \1MB [0-9.]+s\$" <<<"$log" || fail "the tarball's bytes never reach the total: $log"
ok "oci: the tarball's byte progress reaches its total"
grep -Eq "^#$oci_n [0-9.]+ exporting manifest list sha256:[0-9a-f]{64}\$" <<<"$log" || fail "no root line: $log"
ok "oci: the archive vertex names the root it writes"
# The same as a directory layout (tar=false), from the cache: its blobs' bytes are shown too.
dirlog=$(MANIFOLD_ROOT=$WORK/root1 "$MANIFOLD" build --progress=plain --platform $platforms \
  -o "type=oci,dest=$WORK/out-dir,tar=false" "$ctx" 2>&1 >/dev/null) || { echo "$dirlog"; fail "oci dir build"; }
dir_n=$(grep -m1 ' exporting to oci image format$' <<<"$dirlog" | sed 's/^#\([0-9]*\) .*/\1/')
grep -Eq "^#$dir_n writing blobs ([0-9.]+)MB / \1MB [0-9.]+s\$" <<<"$dirlog" || fail "the layout's bytes never reach the total: $dirlog"
ok "oci dir: the layout's byte progress reaches its total"

# 2. Pushed to two repositories, with a local cache export, rawjson progress.
start=$(date +%s.%N)
MANIFOLD_ROOT=$WORK/root2 "$MANIFOLD" build --progress=rawjson --platform $platforms -t "$R/app:1" -t "$R/copy:1" --push \
  --cache-to "type=local,dest=$WORK/cache" "$ctx" 2>"$WORK/push.jsonl" >/dev/null || { cat "$WORK/push.jsonl"; fail "push build"; }
end=$(date +%s.%N)
/usr/bin/python3 - "$WORK/push.jsonl" "$R" "$start" "$end" <<'PY' || fail "rawjson: export vertices"
import json, sys
from datetime import datetime
path, reg, start, end = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
events = [json.loads(l) for l in open(path) if l.startswith("{")]
def fail(msg):
    print("FAIL: " + msg, file=sys.stderr)
    sys.exit(1)
def ts(s):  # RFC 3339 with nanoseconds → epoch seconds
    base, frac = s.rstrip("Z").split(".")
    return datetime.strptime(base, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=__import__("datetime").timezone.utc).timestamp() + float("0." + frac)
by_vertex = {}
for e in events:
    by_vertex.setdefault(e["vertex"], []).append(e)
def vertex(prefix):
    ids = [v for v in by_vertex if v.startswith(prefix)]
    if not ids:
        fail("no vertex %s (have %s)" % (prefix, sorted(by_vertex)))
    return ids
wanted = ["export:layers", "export:config:", "export:manifest:", "export:manifest list:",
          "push:%s/app" % reg, "push:%s/copy" % reg, "cache-export:"]
starts = []
for prefix in wanted:
    for v in vertex(prefix):
        kinds = [e["kind"] for e in by_vertex[v]]
        if kinds[0] != "started" or kinds[-1] != "done":
            fail("%s: %s" % (v, kinds))
    starts.append(min(ts(by_vertex[v][0]["started"]) for v in vertex(prefix)))
if starts != sorted(starts):
    fail("vertices out of order: %s" % list(zip(wanted, starts)))
print("ok - rawjson: %s each started and done, in order" % ", ".join(wanted))
layer_bytes = [e for e in by_vertex["export:layers"] if e["kind"] == "bytes"]
if not layer_bytes or layer_bytes[-1]["current"] != layer_bytes[-1]["total"] or layer_bytes[-1]["total"] < 64 << 20:
    fail("export:layers bytes: %s" % layer_bytes[-3:])
print("ok - rawjson: the layer's bytes reach %d of %d" % (layer_bytes[-1]["current"], layer_bytes[-1]["total"]))
push = by_vertex["push:%s/app" % reg]
blobs = {}
for e in push:
    if e["kind"] == "bytes":
        s = e["statuses"][0]
        blobs[s["id"]] = (s["current"], s["total"])
if not blobs or any(c != t for c, t in blobs.values()) or max(t for c, t in blobs.values()) < 64 << 20:
    fail("push bytes per blob: %s" % blobs)
print("ok - rawjson: every pushed blob's bytes reach its size (%d blobs)" % len(blobs))
logs = [e["text"] for e in push if e["kind"] == "log"]
if not any(l.startswith("pushing manifest for %s/app:1@sha256:" % reg) for l in logs):
    fail("no 'pushing manifest for': %s" % logs)
print("ok - rawjson: pushing manifest for %s/app:1@sha256:…" % reg)
copy_logs = [e["text"] for e in by_vertex["push:%s/copy" % reg] if e["kind"] == "log"]
if not any(" mounted from %s/app" % reg in l for l in copy_logs):
    fail("no 'mounted from' in the second repository: %s" % copy_logs)
print("ok - rawjson: the second repository's layer is mounted from the first")
cache_logs = [e["text"] for v in vertex("cache-export:") for e in by_vertex[v] if e["kind"] == "log"]
if not any(l.startswith("writing layer sha256:") for l in cache_logs) or \
        not any(l.startswith("writing cache manifest sha256:") for l in cache_logs):
    fail("cache export lines: %s" % cache_logs)
if by_vertex[vertex("cache-export:")[0]][0]["name"] != "exporting cache to client directory":
    fail("cache export name: %s" % by_vertex[vertex("cache-export:")[0]][0]["name"])
print("ok - rawjson: exporting cache to client directory, writing layer …, writing cache manifest …")
copy_bytes = [e for e in events if e["kind"] == "bytes" and e["text"] == "copying files"]
if not copy_bytes or copy_bytes[-1]["current"] != copy_bytes[-1]["total"]:
    fail("COPY bytes: %s" % copy_bytes[-2:])
print("ok - rawjson: the COPY's bytes reach the total")
# Coverage: from the last step's end, every moment until the last vertex ends is inside one.
intervals = []
for v, evs in by_vertex.items():
    first = evs[0]
    if "started" not in first:
        continue
    done = [e for e in evs if "completed" in e]
    intervals.append((ts(first["started"]), ts(done[-1]["completed"]) if done else end, v))
steps_end = max(e for s, e, v in intervals if v.startswith("sha256:"))
last_end = max(e for s, e, v in intervals)
covered, gap, gap_at = steps_end, 0.0, None
for s, e, v in sorted(intervals):
    if e <= covered:
        continue
    if s > covered and s - covered > gap:
        gap, gap_at = s - covered, v
    covered = max(covered, e)
print("ok - rawjson: export %.2fs, longest gap between vertices %.3fs (before %s), last vertex to exit %.2fs" %
      (last_end - steps_end, gap, gap_at, end - last_end))
if gap > 0.2:
    fail("%.3fs outside any vertex before %s" % (gap, gap_at))
PY
ok "rawjson: push, cache export, coverage"

# 3. The same push again: the registry has every blob.
MANIFOLD_ROOT=$WORK/root2 "$MANIFOLD" build --progress=plain --platform $platforms -t "$R/app:1" --push "$ctx" \
  2>&1 >/dev/null | stamp >"$WORK/repush.log" || { cat "$WORK/repush.log"; fail "re-push"; }
check_plain "$WORK/repush.log" 0.2 1.0 "exporting layers" "exporting manifest list sha256:" "pushing $R/app" ||
  fail "re-push: plain vertices"
ok "re-push: exporting layers … pushing $R/app, with DONE; covered"
log=$(cut -d' ' -f2- "$WORK/repush.log")
push_n=$(grep -m1 " pushing $R/app\$" <<<"$log" | sed 's/^#\([0-9]*\) .*/\1/')
grep -Eq "^#$push_n [0-9.]+ sha256:[0-9a-f]{64} already exists$" <<<"$log" || fail "no 'already exists': $log"
ok "re-push: a blob the registry has says 'already exists'"
layers_n=$(grep -m1 ' exporting layers$' <<<"$log" | sed 's/^#\([0-9]*\) .*/\1/')
assert_contains "re-push: the layer made by the last build is reused, said so" "reused (compressed by an earlier build)" \
  "$(grep "^#$layers_n " <<<"$log")"

# 4. A cache import before the steps, and a filesystem output.
MANIFOLD_ROOT=$WORK/root3 "$MANIFOLD" build --progress=plain --platform $platforms --cache-from "type=local,src=$WORK/cache" \
  -o "type=local,dest=$WORK/files" "$ctx" 2>&1 >/dev/null | stamp >"$WORK/files.log" || { cat "$WORK/files.log"; fail "local output"; }
check_plain "$WORK/files.log" 0.2 1.0 "importing cache manifest from $WORK/cache" "[stage-0 1/1] COPY . /data" \
  "exporting layers" "exporting to client directory" || fail "cache import and local output: plain vertices"
ok "cache import before the steps, exporting to client directory after them, with DONE; covered"
log=$(cut -d' ' -f2- "$WORK/files.log")
files_n=$(grep -m1 ' exporting to client directory$' <<<"$log" | sed 's/^#\([0-9]*\) .*/\1/')
grep -Eq "^#$files_n [0-9.]+ copying files to $WORK/files\$" <<<"$log" || fail "no 'copying files to': $log"
ok "the local output says where it copies the files"

# 5. Quiet stays quiet.
err=$(MANIFOLD_ROOT=$WORK/root1 "$MANIFOLD" build --progress=quiet --platform $platforms -o "type=oci,dest=$WORK/q.tar" \
  "$ctx" 2>&1 >/dev/null) || fail "quiet build"
assert_eq "--progress=quiet: nothing on stderr" "" "$err"
err=$(MANIFOLD_ROOT=$WORK/root1 "$MANIFOLD" build -q --platform $platforms -t "$R/app:2" --push "$ctx" 2>&1 >/dev/null) ||
  fail "-q build"
assert_eq "-q: nothing on stderr" "" "$err"
