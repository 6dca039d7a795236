#!/usr/bin/env bash
# manifold where buildx is expected: invoked as `buildx` / `docker-buildx` it speaks buildx
# (no arguments: help and exit 0; `version` in buildx's format; plugin metadata), and
# `manifold install` makes it a docker CLI plugin that Debian's docker CLI runs — as
# `docker manifold` and, with --as buildx, as `docker buildx` and `docker build` — which
# `manifold uninstall` undoes exactly.
source "$(dirname "$0")/lib.sh"

bin="$WORK/bin"
mkdir -p "$bin"
ln -s "$MANIFOLD" "$bin/buildx"
ln -s "$MANIFOLD" "$bin/docker-buildx"

# --- the buildx name
out=$("$bin/buildx" 2>"$WORK/err") || fail "buildx with no arguments failed: $(cat "$WORK/err")"
assert_contains "buildx alone prints help" "Usage: buildx" "$out"
assert_eq "buildx alone writes nothing on stderr" "" "$(cat "$WORK/err")"
rc=0
"$MANIFOLD" >/dev/null 2>&1 || rc=$?
[[ $rc != 0 ]] || fail "manifold alone should still ask for a command"
ok "manifold alone still asks for a command"

line=$("$bin/buildx" version)
[[ $line =~ ^manifold\ v[0-9]+\.[0-9]+\.[0-9]+\ manifold-[0-9.]+-[0-9a-z]+$ ]] || fail "buildx version: $line"
ok "buildx version prints buildx's three fields"
# docker/build-push-action's and setup-buildx-action's parser (Buildx.parseVersion).
parsed=$(node -e 'const m=/\sv?([0-9a-f]{7}|[0-9.]+)/.exec(process.argv[1]); console.log(m ? m[1] : "none")' "$line")
[[ $parsed =~ ^0\.([0-9]+)\.[0-9]+$ ]] && ((BASH_REMATCH[1] >= 15)) ||
  fail "the actions' parser reads $parsed from [$line]: need >= 0.15 for --call"
ok "the actions' version parser reads buildx $parsed"
assert_contains "manifold version says which buildx it stands in for" "stands in for buildx v$parsed" \
  "$("$MANIFOLD" version)"
assert_eq "docker-buildx, run by docker as a plugin, drops the inserted name" "$line" \
  "$("$bin/docker-buildx" buildx version)"

meta=$("$bin/docker-buildx" docker-cli-plugin-metadata)
assert_eq "plugin metadata: schema" "0.1.0" "$(jq -r .SchemaVersion <<<"$meta")"
assert_eq "plugin metadata: as buildx, the buildx-compatible version" "v$parsed" "$(jq -r .Version <<<"$meta")"
assert_eq "plugin metadata: vendor" "manifold" "$(jq -r .Vendor <<<"$meta")"

out=$("$bin/buildx" inspect --bootstrap)
assert_contains "inspect --bootstrap: buildx's BuildKit version line" "BuildKit version:      v0." "$out"
assert_contains "inspect: buildx's Platforms line" "Platforms:             linux/" "$out"
"$bin/buildx" ls --format json | jq -e 'select(.Name == "default") | .Nodes[0].Status == "running"' >/dev/null ||
  fail "ls --format json: buildx's shape"
ok "ls --format json: buildx's shape"

# --- install / uninstall, and Debian's docker CLI running the plugin
docker_cli=/usr/bin/docker
if [[ ! -x $docker_cli ]]; then
  echo "note: Debian's docker CLI (docker.io) is absent: the plugin handshake part is skipped" >&2
  exit 0
fi
export DOCKER_CONFIG="$WORK/docker-config"
# No daemon is needed for a plugin; point at a dead socket so nothing reaches a real one.
export DOCKER_HOST="unix://$WORK/no-daemon.sock"
plugins="$DOCKER_CONFIG/cli-plugins"
mkdir -p "$plugins"
printf '{\n "auths": {},\n "detachKeys": "ctrl-x,x"\n}\n' >"$DOCKER_CONFIG/config.json"
cp "$DOCKER_CONFIG/config.json" "$WORK/config.before"
# A "real buildx" already installed: manifold must keep it aside and bring it back.
cat >"$plugins/docker-buildx" <<'SH'
#!/bin/sh
[ "$1" = docker-cli-plugin-metadata ] && { echo '{"SchemaVersion":"0.1.0","Vendor":"Docker Inc.","Version":"v0.0.1-real"}'; exit 0; }
echo "the real buildx"
SH
chmod +x "$plugins/docker-buildx"

"$MANIFOLD" install >"$WORK/out" || fail "install: $(cat "$WORK/out")"
assert_eq "install links docker-manifold" "$(readlink -f "$MANIFOLD")" "$(readlink -f "$plugins/docker-manifold")"
out=$("$docker_cli" manifold version 2>&1) || fail "docker manifold version: $out"
assert_contains "docker runs manifold as a plugin" "manifold $("$MANIFOLD" version | head -1 | cut -d' ' -f2)" "$out"

"$MANIFOLD" install --as buildx >"$WORK/out" || fail "install --as buildx: $(cat "$WORK/out")"
assert_contains "install says it kept the previous buildx" "kept the previous docker-buildx aside" "$(cat "$WORK/out")"
assert_eq "docker buildx version is manifold's buildx line" "$line" "$("$docker_cli" buildx version 2>&1)"
assert_eq "install --as buildx aliases docker build (as buildx install)" "buildx" \
  "$(jq -r .aliases.builder "$DOCKER_CONFIG/config.json")"
assert_eq "and keeps the rest of config.json" "ctrl-x,x" "$(jq -r .detachKeys "$DOCKER_CONFIG/config.json")"

ctx="$WORK/ctx"
mkdir -p "$ctx"
printf 'FROM scratch\nCOPY hello.txt /\n' >"$ctx/Dockerfile"
echo hello >"$ctx/hello.txt"
"$docker_cli" buildx build --progress=plain -o "type=local,dest=$WORK/out1" "$ctx" 2>"$WORK/b1.log" ||
  { cat "$WORK/b1.log"; fail "docker buildx build"; }
assert_eq "docker buildx build runs manifold" "hello" "$(cat "$WORK/out1/hello.txt")"
"$docker_cli" build --progress=plain -o "type=local,dest=$WORK/out2" "$ctx" 2>"$WORK/b2.log" ||
  { cat "$WORK/b2.log"; fail "docker build through the alias"; }
assert_eq "docker build runs manifold through the alias" "hello" "$(cat "$WORK/out2/hello.txt")"

"$MANIFOLD" uninstall --as buildx >"$WORK/out" || fail "uninstall --as buildx: $(cat "$WORK/out")"
assert_eq "uninstall brings the real buildx back" "the real buildx" "$("$plugins/docker-buildx")"
assert_eq "uninstall restores config.json" "$(jq -S . "$WORK/config.before")" "$(jq -S . "$DOCKER_CONFIG/config.json")"
"$MANIFOLD" uninstall >/dev/null || fail "uninstall"
[[ ! -e $plugins/docker-manifold ]] || fail "docker-manifold is still there"
ok "uninstall removes docker-manifold"
assert_eq "nothing of manifold's is left in the plugin dir" "docker-buildx" "$(ls -A "$plugins")"
expect_failure "uninstall of something not ours is refused" "not manifold's link" "$MANIFOLD" uninstall --as buildx
expect_failure "install --as of an unknown name" "--as \"other\"" "$MANIFOLD" install --as other

# --- every command answers by each of its names (main registers only the command invoked, from
# a table of names: a name missing there, or pointing at another command, fails here)
commands=$("$MANIFOLD" --help | sed -n '/^Subcommands:/,$p' | tail -n +2 | awk -F'  +' '{print $2}')
[[ $(wc -l <<<"$commands") -ge 18 ]] || fail "manifold --help lists too few commands: $commands"
while IFS= read -r names; do
  canonical=${names%%,*}
  IFS=', ' read -r -a all_names <<<"$names"
  for name in "${all_names[@]}"; do
    out=$("$MANIFOLD" "$name" --help 2>&1) || fail "manifold $name --help failed: $out"
    [[ $out == *"$canonical"* ]] || fail "manifold $name --help does not show $canonical's help: $out"
  done
done <<<"$commands"
ok "every command listed by --help answers NAME --help by each of its names"
