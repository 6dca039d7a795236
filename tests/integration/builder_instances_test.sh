#!/usr/bin/env bash
# Builder instances: create/append/leave/use/ls/inspect/rm round trips on a throwaway
# MANIFOLD_ROOT, selection by flag and environment, and the errors bad input gets. Nothing here
# connects anywhere: ssh endpoints use the reserved .invalid domain.
source "$(dirname "$0")/lib.sh"
need jq

B="$MANIFOLD_ROOT/builders"
native=$("$MANIFOLD" inspect | sed -n 's/^Native platform: *//p')

# expect_exit WHAT CODE NEEDLE CMD...: CMD exits with CODE and prints NEEDLE on stderr.
expect_exit() {
  local what=$1 code=$2 needle=$3
  shift 3
  local err rc=0
  err=$("$@" 2>&1 >/dev/null) || rc=$?
  [[ $rc == "$code" ]] || fail "$what: exit $rc, expected $code ($err)"
  [[ "$err" == *"$needle"* ]] || fail "$what: error does not mention [$needle]: $err"
  [[ "$err" == *"error: "* ]] || fail "$what: no 'error:' line: $err"
  ok "$what"
}
# Every file under builders/ that should be JSON is JSON, after every command.
check_json() {
  local f
  for f in "$B"/*.json; do
    [[ -e $f ]] || continue
    jq -e '.version == 1 and (.nodes | length) > 0' "$f" >/dev/null || fail "$1: $f is not a valid instance: $(cat "$f")"
  done
}

# The default instance: always there, this machine, current until `use` says otherwise.
[[ -n $native ]] || fail "inspect shows no native platform"
assert_eq "default's native platform is this machine's" "$(uname -m | sed 's/x86_64/amd64/;s/aarch64/arm64/')" "${native#linux/}"
out=$("$MANIFOLD" ls)
assert_contains "ls lists default as current" "default*" "$out"
assert_contains "ls shows the default node running" "running" "$out"
expect_exit "rm default is refused" 1 "cannot be removed" "$MANIFOLD" rm default
expect_exit "rm with nothing chosen is the default, refused" 1 "cannot be removed" "$MANIFOLD" rm

# create: prints the name; node name defaults to NAME0; platforms are normalized.
assert_eq "create prints the name" "multi" \
  "$("$MANIFOLD" create --name multi --platform linux/amd64 --driver docker-container 2>"$WORK/err")"
assert_contains "a foreign driver gets a note" "embedded worker" "$(cat "$WORK/err")"
check_json "create"
assert_eq "the first node is NAME0" "multi0" "$(jq -r '.nodes[0].name' "$B/multi.json")"
assert_eq "the driver is recorded" "docker-container" "$(jq -r .driver "$B/multi.json")"
assert_eq "append prints the name" "multi" \
  "$("$MANIFOLD" create --append --name multi --node arm ssh://ci@arm.invalid:2222 --platform linux/aarch64,linux/arm/v7)"
check_json "create --append"
assert_eq "platforms are normalized" '["linux/arm64","linux/arm/v7"]' "$(jq -c '.nodes[1].platforms' "$B/multi.json")"
generated=$("$MANIFOLD" create)
[[ $generated =~ ^builder-[0-9a-f]{8}$ ]] || fail "generated name: $generated"
ok "an unnamed instance gets builder-XXXXXXXX"
check_json "create without a name"

# use and ls.
"$MANIFOLD" use multi || fail "use multi"
assert_eq "use writes builders/current" "multi" "$(tr -d '\n' <"$B/current")"
out=$("$MANIFOLD" ls)
assert_contains "ls marks the current one" "multi*" "$out"
[[ $out != *"default*"* ]] || fail "ls still marks default: $out"
ok "only the current one is marked"
assert_contains "ls shows configured platforms with *" "linux/arm64*, linux/arm/v7*" "$out"
json=$("$MANIFOLD" ls --format json)
assert_eq "ls --format json: one object per instance" 3 "$(jq -s length <<<"$json")"
assert_eq "ls --format json: current" "multi" "$(jq -r 'select(.Current).Name' <<<"$json")"
assert_eq "ls --format json: the local node's native platform" "$native" \
  "$(jq -r 'select(.Name=="multi").Nodes[0].Native' <<<"$json")"
assert_eq "ls --format json: buildx's Platforms, configured first, no marks" "linux/arm64 linux/arm/v7" \
  "$(jq -r 'select(.Name=="multi").Nodes[1].Platforms | join(" ")' <<<"$json")"
assert_contains "ls --format json: buildx's Version is the BuildKit-compatible one" "+manifold-" \
  "$(jq -r 'select(.Name=="multi").Nodes[0].Version' <<<"$json")"

# The ssh node is really dialled: arm.invalid cannot resolve (a reserved name), and ssh's own
# words say so (multi_node_test.sh covers a node that answers).
assert_eq "ls: the ssh node is in error (buildx's word)" "error" "$(jq -r 'select(.Name=="multi").Nodes[1].Status' <<<"$json")"
assert_contains "ls: its error carries ssh's reason" "resolve hostname arm.invalid" \
  "$(jq -r 'select(.Name=="multi").Nodes[1].Err' <<<"$json")"

# inspect: the selected instance by default, each node, platforms marked.
out=$("$MANIFOLD" inspect)
assert_contains "inspect shows the current instance" "Name:          multi" "$out"
assert_contains "inspect shows the driver" "Driver:        docker-container" "$out"
assert_contains "inspect shows the ssh endpoint" "Endpoint:              ssh://ci@arm.invalid:2222" "$out"
assert_contains "inspect shows the unreachable node" "Status:                unreachable" "$out"
assert_contains "inspect says why" "Error:" "$out"
assert_contains "inspect marks configured platforms (buildx's *)" "Platforms:             $native*" "$out"
out=$("$MANIFOLD" inspect default)
assert_contains "inspect default shows the native platform" "Native platform:       $native" "$out"
assert_contains "inspect shows a BuildKit version as buildx does" "BuildKit version:      v0." "$out"
assert_contains "inspect default keeps the local details" "Snapshotter:" "$out"

# Selection: --builder > MANIFOLD_BUILDER > BUILDX_BUILDER > current.
name_of() { sed -n '1s/^Name: *//p'; }
assert_eq "BUILDX_BUILDER selects" "$generated" "$(BUILDX_BUILDER=$generated "$MANIFOLD" inspect | name_of)"
assert_eq "MANIFOLD_BUILDER beats BUILDX_BUILDER" "default" \
  "$(MANIFOLD_BUILDER=default BUILDX_BUILDER=$generated "$MANIFOLD" inspect | name_of)"
assert_eq "--builder beats both" "$generated" \
  "$(MANIFOLD_BUILDER=default BUILDX_BUILDER=default "$MANIFOLD" inspect --builder "$generated" | name_of)"
assert_contains "ls marks what the environment selects" "default*" "$(MANIFOLD_BUILDER=default "$MANIFOLD" ls)"
expect_exit "unknown MANIFOLD_BUILDER names the variable" 1 "MANIFOLD_BUILDER=ghost" env MANIFOLD_BUILDER=ghost "$MANIFOLD" inspect
expect_exit "unknown BUILDX_BUILDER names the variable" 1 "BUILDX_BUILDER=ghost" env BUILDX_BUILDER=ghost "$MANIFOLD" inspect

# Bad input: exit 2 for bad usage, 1 for failures, one clear line naming the value.
expect_exit "use of an unknown builder" 1 'builder "ghost" not found (`manifold ls`' "$MANIFOLD" use ghost
expect_exit "rm of an unknown builder" 1 '"ghost" not found' "$MANIFOLD" rm ghost
expect_exit "inspect of an unknown builder" 1 '"ghost" not found' "$MANIFOLD" inspect ghost
expect_exit "create of an existing name" 1 "builder multi already exists; use --append" "$MANIFOLD" create --name multi
expect_exit "append of a node name already there" 1 "builder multi already has a node named arm" \
  "$MANIFOLD" create --append --name multi --node arm ssh://other.invalid
expect_exit "append suggests --leave" 1 "--leave" "$MANIFOLD" create --append --name multi --node arm ssh://other.invalid
expect_exit "a second local node" 1 "already has a node on this machine" "$MANIFOLD" create --append --name multi
expect_exit "append to an unknown builder" 1 '"ghost" does not exist' "$MANIFOLD" create --append --name ghost
expect_exit "ssh:// without a host" 2 'endpoint "ssh://": no host' "$MANIFOLD" create ssh://
expect_exit "a port out of range" 2 'port "99999"' "$MANIFOLD" create ssh://h.invalid:99999
expect_exit "tcp:// endpoints" 2 "tcp:// endpoints are not supported" "$MANIFOLD" create tcp://x
expect_exit "docker context names" 2 "ssh://[user@]host[:port]" "$MANIFOLD" create desktop-linux
expect_exit "an unknown driver" 2 '--driver "podman" is not supported' "$MANIFOLD" create --driver podman
expect_exit "an unknown platform" 2 '"linux/bogus"' "$MANIFOLD" create --platform linux/bogus
expect_exit "a malformed platform" 2 'invalid platform "linux/arm/v7/x"' "$MANIFOLD" create --platform linux/arm/v7/x
expect_exit "a bad builder name" 2 "is not valid" "$MANIFOLD" create --name ../up
assert_eq "nothing was created by the bad input" 2 "$(ls "$B"/*.json | wc -l)"
check_json "after errors"

# --leave removes a node, but never the last.
expect_exit "leave of a node not there" 1 "has no node ghost" "$MANIFOLD" create --leave --name multi --node ghost
"$MANIFOLD" create --leave --name multi --node arm || fail "leave arm"
assert_eq "leave removed the node" '["multi0"]' "$(jq -c '[.nodes[].name]' "$B/multi.json")"
expect_exit "leaving the last node" 1 "manifold rm multi" "$MANIFOLD" create --leave --name multi --node multi0
check_json "leave"

# rm: the selected one by default; the current falls back to default.
"$MANIFOLD" rm 2>/dev/null || fail "rm of the current instance"
[[ ! -e "$B/multi.json" ]] || fail "multi.json is still there"
ok "rm without NAME removes the current instance"
assert_contains "default is current again" "default*" "$("$MANIFOLD" ls)"
"$MANIFOLD" create --name gone --node far ssh://far.invalid >/dev/null
"$MANIFOLD" rm --all-inactive 2>/dev/null || fail "rm --all-inactive"
[[ ! -e "$B/gone.json" && -e "$B/$generated.json" ]] || fail "--all-inactive removed the wrong ones: $(ls "$B")"
ok "rm --all-inactive removes only instances with no reachable node"
"$MANIFOLD" rm "$generated" 2>/dev/null || fail "rm $generated"
assert_eq "ls after removing everything" "default*" "$("$MANIFOLD" ls | sed -n 2p | awk '{print $1}')"

# A corrupt file is reported with its name, and can still be removed.
echo '{"version":1,' >"$B/broken.json"
expect_exit "a corrupt instance names its file" 1 "$B/broken.json" "$MANIFOLD" ls
"$MANIFOLD" rm broken 2>/dev/null || fail "rm of a corrupt instance"
ok "a corrupt instance can be removed"

echo "builder instances: $CHECKS checks passed"
