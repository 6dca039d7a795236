#!/usr/bin/env bash
# What a build says about its result: -q prints the root digest alone, --iidfile and
# --metadata-file carry the same digest as the registry's bytes, and --progress=rawjson is one
# JSON object per line with every started vertex completed.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/registry_lib.sh"
need_builds
need skopeo
need jq
need docker-registry

# Same inputs, same bytes: the rawjson build below must give the -q build's digest again.
export SOURCE_DATE_EPOCH=1700000000
registry_with_busybox  # sets R; $R/busybox:latest is the multi-arch base
ctx="$WORK/ctx"
mkdir -p "$ctx"
echo a >"$ctx/a"
echo b >"$ctx/b"
# COPY only: nothing runs, so no platform needs emulation.
printf 'FROM %s/busybox:latest\nCOPY a /a\nCOPY b /srv/b\n' "$R" >"$ctx/Dockerfile"
registry_sha() { echo "sha256:$(skopeo inspect --tls-verify=false --raw "docker://$1" | sha256sum | cut -d' ' -f1)"; }

# --- -q, --iidfile, --metadata-file on a two-platform push --------------------------------------
echo "stale" >"$WORK/iid"
"$MANIFOLD" build -q --platform linux/amd64,linux/arm64 -t "$R/app:multi" --push \
  --iidfile "$WORK/iid" --metadata-file "$WORK/meta.json" "$ctx" >"$WORK/q.out" 2>"$WORK/q.err" ||
  { cat "$WORK/q.err"; fail "build -q --push"; }
assert_eq "-q writes nothing on stderr" "" "$(cat "$WORK/q.err")"
assert_eq "-q prints one line on stdout" 1 "$(wc -l <"$WORK/q.out")"
digest=$(cat "$WORK/q.out")
[[ $digest =~ ^sha256:[0-9a-f]{64}$ ]] || fail "-q printed [$digest], not a digest"
ok "-q prints a digest"
assert_eq "the pushed index hashes to the printed digest" "$(registry_sha "$R/app:multi")" "$digest"
assert_eq "--iidfile holds the digest, no newline" "$digest" "$(cat "$WORK/iid")"
assert_eq "--iidfile is 71 bytes" 71 "$(stat -c %s "$WORK/iid")"
assert_eq "metadata containerimage.digest" "$digest" "$(jq -r '."containerimage.digest"' "$WORK/meta.json")"
assert_eq "metadata descriptor digest" "$digest" "$(jq -r '."containerimage.descriptor".digest' "$WORK/meta.json")"
assert_eq "metadata descriptor mediaType" "application/vnd.oci.image.index.v1+json" \
  "$(jq -r '."containerimage.descriptor".mediaType' "$WORK/meta.json")"
raw_size=$(skopeo inspect --tls-verify=false --raw "docker://$R/app:multi" | wc -c)
assert_eq "metadata descriptor size" "$raw_size" "$(jq -r '."containerimage.descriptor".size' "$WORK/meta.json")"
assert_eq "metadata image.name" "$R/app:multi" "$(jq -r '."image.name"' "$WORK/meta.json")"

# --- one platform: the root is the manifest -------------------------------------------------------
"$MANIFOLD" build --progress=plain --platform linux/arm64 -t "$R/app:one" --push --iidfile "$WORK/iid-one" \
  --metadata-file "$WORK/meta-one.json" "$ctx" 2>"$WORK/one.log" || { cat "$WORK/one.log"; fail "one-platform build"; }
one=$(registry_sha "$R/app:one")
config_one=$(skopeo inspect --tls-verify=false --raw "docker://$R/app:one" | jq -r .config.digest)
assert_eq "one platform: --iidfile is the image config's digest (the image ID, as buildx)" "$config_one" \
  "$(cat "$WORK/iid-one")"
assert_eq "one platform: metadata has the manifest and its config" "$one $config_one" \
  "$(jq -r '."containerimage.digest" + " " + ."containerimage.config.digest"' "$WORK/meta-one.json")"
assert_eq "one platform: metadata mediaType is a manifest" "application/vnd.oci.image.manifest.v1+json" \
  "$(jq -r '."containerimage.descriptor".mediaType' "$WORK/meta-one.json")"
assert_contains "the summary names the digest" "Digest:    $one" "$(cat "$WORK/one.log")"

# --- a failed build leaves no image ID behind; an unwritable --iidfile names itself ----------------
printf 'FROM %s/busybox:latest\nCOPY missing /m\n' "$R" >"$ctx/Dockerfile.bad"
"$MANIFOLD" build -q -f "$ctx/Dockerfile.bad" --iidfile "$WORK/iid" "$ctx" >"$WORK/bad.out" 2>"$WORK/bad.err" &&
  fail "a build of a missing file succeeded"
[[ -e "$WORK/iid" ]] && fail "the previous build's --iidfile is still there after a failed build"
ok "a failed build removes the old --iidfile"
assert_eq "a failed -q build prints nothing on stdout" "" "$(cat "$WORK/bad.out")"
assert_contains "a failed -q build says why on stderr" "missing" "$(cat "$WORK/bad.err")"
"$MANIFOLD" build -q -o - "$ctx" >"$WORK/fs.tar" 2>"$WORK/fs.err" || { cat "$WORK/fs.err"; fail "build -q -o -"; }
tar -tf "$WORK/fs.tar" >"$WORK/fs.list" || fail "-q -o -: stdout is not a tar"
grep -qx 'srv/b' "$WORK/fs.list" || fail "-q -o -: stdout is not the built filesystem"
tail -c 200 "$WORK/fs.tar" | grep -qa 'sha256:' && fail "-q -o -: a digest was printed into the tar on stdout"
ok "-q -o -: stdout is the tar alone"
expect_failure "an unwritable --iidfile is named" "--iidfile $WORK/no/such/dir/iid" \
  "$MANIFOLD" build -q --iidfile "$WORK/no/such/dir/iid" "$ctx"

# --- rawjson: one object per line, every started vertex completes -------------------------------
"$MANIFOLD" build --progress=rawjson --platform linux/amd64,linux/arm64 -t "$R/app:json" --push \
  --iidfile "$WORK/iid-json" "$ctx" >"$WORK/json.out" 2>"$WORK/json.err" || { cat "$WORK/json.err"; fail "rawjson build"; }
assert_eq "rawjson: nothing on stdout" "" "$(cat "$WORK/json.out")"
lines=$(wc -l <"$WORK/json.err")
[[ $lines -gt 5 ]] || fail "rawjson: only $lines lines: $(cat "$WORK/json.err")"
n=0
while IFS= read -r line; do
  n=$((n + 1))
  jq -e 'type == "object" and (.vertex | type == "string") and (.name | type == "string")
         and (.kind | type == "string") and (.platforms | type == "array")' <<<"$line" >/dev/null ||
    fail "rawjson line $n is not a progress object: $line"
done <"$WORK/json.err"
ok "rawjson: all $n lines are JSON progress objects"
started=$(jq -r 'select(.kind == "started") | .vertex' "$WORK/json.err" | sort -u)
completed=$(jq -r 'select(.completed != null) | .vertex' "$WORK/json.err" | sort -u)
[[ -n $started ]] || fail "rawjson: no started events"
assert_eq "rawjson: every started vertex has a completed event" "$started" \
  "$(comm -12 <(echo "$started") <(echo "$completed"))"
assert_eq "rawjson: started events carry a started timestamp" 0 \
  "$(jq -r 'select(.kind == "started" and (.started | type) != "string") | .vertex' "$WORK/json.err" | wc -l)"
assert_eq "rawjson: done events repeat their vertex's started time" 0 \
  "$(jq -s -r '(map(select(.kind == "started") | {(.vertex): .started}) | add) as $s
     | .[] | select(.kind == "done" and .started != $s[.vertex]) | .vertex' "$WORK/json.err" | wc -l)"
jq -e -s 'map(select(.completed != null) | .completed) | all(test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\\.[0-9]{9}Z$"))' \
  "$WORK/json.err" >/dev/null || fail "rawjson: a completed timestamp is not RFC 3339"
ok "rawjson: completed timestamps are RFC 3339"
jq -e -s 'any(.kind == "started" and (.platforms | index("linux/arm64")))
          and any(.kind == "started" and (.platforms | index("linux/amd64")))' "$WORK/json.err" >/dev/null ||
  fail "rawjson: the steps of both platforms are reported"
ok "rawjson: both platforms' steps are reported"
jq -e -s 'any(.kind == "bytes" and (.statuses[0].current | type) == "number")' "$WORK/json.err" >/dev/null ||
  fail "rawjson: no transfer status (the push reports bytes)"
ok "rawjson: transfers carry statuses"
assert_eq "rawjson: the same inputs give the same index" "$digest" "$(cat "$WORK/iid-json")"
