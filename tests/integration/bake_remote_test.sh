#!/usr/bin/env bash
# Remote bake definitions (`manifold bake URL [TARGET…]`), as buildx reads them, against real
# loopback servers (git daemon; git http-backend and static files behind git_http_server.py):
# the definition read from a git repository at a ref, its targets built from that repository
# (the default context, a subdir, a named context) with one fetch for all of them; `cwd://`
# contexts, Dockerfiles and -f files local to the command; BAKE_CMD_CONTEXT; a private
# repository with BUILDX_BAKE_GIT_AUTH_TOKEN (the token shown nowhere); an archive URL and a
# single-file URL as definitions; errors naming the URL.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/git_servers_lib.sh"
need_builds
need git
need jq


# --- the repository: a definition, a Dockerfile at its root, a subdir with its own ----------------
src="$WORK/src"
git init -q -b main "$src"
g() { git -C "$src" -c user.email=t@example.invalid -c user.name=t "$@"; }
cat >"$src/docker-bake.hcl" <<'EOF'
variable "GREETING" { default = "remote" }
group "default" { targets = ["app", "api"] }
target "app" {
  args = { GREETING = GREETING }
  contexts = { docs = "./docs" }
}
target "api" { context = "api" }
target "local" {
  context = "cwd://"
  dockerfile-inline = "FROM scratch\nCOPY . /local/\n"
}
target "steal" {
  context = "cwd:///etc"
  dockerfile-inline = "FROM scratch\nCOPY hostname /stolen\n"
}
target "hostnet" {
  entitlements = ["network.host"]
  dockerfile-inline = "FROM scratch\n"
}
target "cmd" {
  context = BAKE_CMD_CONTEXT
  dockerfile-inline = "FROM scratch\nCOPY . /cmd/\n"
}
EOF
cat >"$src/Dockerfile" <<'EOF'
FROM scratch
ARG GREETING
COPY a.txt /app/a.txt
COPY --from=docs guide.txt /app/guide.txt
EOF
echo v1 >"$src/a.txt"
mkdir -p "$src/docs" "$src/api"
echo guide >"$src/docs/guide.txt"
printf 'FROM scratch\nCOPY . /api/\n' >"$src/api/Dockerfile"
echo api-v1 >"$src/api/api.txt"
g add -A && g commit -qm c1 && g tag v1
echo v2 >"$src/a.txt"
g commit -qam c2
c2=$(g rev-parse HEAD)

srv="$WORK/srv"
mkdir -p "$srv/private" "$srv/files"
git clone -q --bare "$src" "$srv/repo.git"
git clone -q --bare "$src" "$srv/private/repo.git"
# An archive of a definition and its context, and a single definition file.
arc="$WORK/arc"
mkdir -p "$arc"
printf 'target "default" {\n  tags = ["arc"]\n}\n' >"$arc/docker-bake.hcl"
printf 'FROM scratch\nCOPY hello.txt /arc/\n' >"$arc/Dockerfile"
echo from-archive >"$arc/hello.txt"
tar -C "$arc" -czf "$srv/files/defs.tar.gz" .
printf 'target "default" {\n  dockerfile-inline = "FROM scratch\\nCOPY . /single/\\n"\n  context = "cwd://"\n}\n' \
  >"$srv/files/single.hcl"

TOKEN="tok-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
git_servers_start "$srv" "$TOKEN"
trap 'kill $GIT_SERVER_PIDS 2>/dev/null; cleanup' EXIT

# The command's own directory: local files the remote definition may name with cwd://.
cmd="$WORK/cmd"
mkdir -p "$cmd"
echo local-file >"$cmd/mine.txt"
printf 'target "app" {\n  args = { GREETING = "from-local" }\n  tags = ["local-tag"]\n}\n' >"$cmd/local.hcl"
cd "$cmd"

# --- --print: contexts name the repository ------------------------------------------------------------
"$MANIFOLD" bake --progress=plain --print "$G/repo.git#main" >"$WORK/print.json" 2>"$WORK/print.log" ||
  { cat "$WORK/print.log"; fail "bake --print of a remote definition"; }
assert_eq "--print: the default context is the URL" "$G/repo.git#main" "$(jq -r .target.app.context "$WORK/print.json")"
assert_eq "--print: a relative context is the URL at that subdir" "$G/repo.git#main:api" \
  "$(jq -r .target.api.context "$WORK/print.json")"
assert_eq "--print: a named context likewise" "$G/repo.git#main:docs" "$(jq -r .target.app.contexts.docs "$WORK/print.json")"
assert_eq "--print: variables still read the environment" "remote" "$(jq -r .target.app.args.GREETING "$WORK/print.json")"
assert_contains "--print shows the fetch on stderr" "load git source $G/repo.git#main" "$(cat "$WORK/print.log")"

# --- a build: every target from one fetch ---------------------------------------------------------
"$MANIFOLD" bake --progress=plain "$G/repo.git#main" \
  --set "app.output=type=local,dest=$cmd/out-app" --set "api.output=type=local,dest=$cmd/out-api" \
  >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; fail "bake of a remote definition"; }
assert_eq "app: the repository's file at the ref" v2 "$(cat "$cmd/out-app/app/a.txt")"
assert_eq "app: its named context, a subdir of the repository" guide "$(cat "$cmd/out-app/app/guide.txt")"
assert_eq "api: its context, a subdir, with that subdir's Dockerfile" api-v1 "$(cat "$cmd/out-api/api/api.txt")"
[[ ! -e "$cmd/out-api/api/docker-bake.hcl" ]] || fail "api's context is the subdir, not the repository"
ok "api's context holds the subdir only"
# The definition and the three contexts come from one fetch of the repository at main (a log
# that names the fetch twice would mean a second clone).
fetches=$(grep -c "load git source" "$WORK/build.log" || true)
assert_eq "one git fetch serves the definition and every context" 1 "$fetches"

# A tag, and `-f` naming a remote file beside a `cwd://` local one that overrides it.
"$MANIFOLD" bake --progress=plain -f docker-bake.hcl -f cwd://local.hcl "$G/repo.git#v1" app --print \
  >"$WORK/print-local.json" 2>/dev/null || fail "bake -f remote -f cwd://local --print"
assert_eq "cwd:// -f: the local file overrides the remote one" from-local \
  "$(jq -r .target.app.args.GREETING "$WORK/print-local.json")"
assert_eq "cwd:// -f: its tags too" local-tag "$(jq -r '.target.app.tags[0]' "$WORK/print-local.json")"
"$MANIFOLD" bake --progress=plain "$G/repo.git#v1" app --set "app.output=type=local,dest=$cmd/out-v1" \
  >"$WORK/v1.log" 2>&1 || { cat "$WORK/v1.log"; fail "bake at a tag"; }
assert_eq "a tag: the file at that tag" v1 "$(cat "$cmd/out-v1/app/a.txt")"

# cwd:// context: the command's directory; BAKE_CMD_CONTEXT: cwd:// without a second URL, else it.
"$MANIFOLD" bake --progress=plain "$G/repo.git#main" local cmd \
  --set "local.output=type=local,dest=$cmd/out-local" --set "cmd.output=type=local,dest=$cmd/out-cmd" \
  >"$WORK/local.log" 2>&1 || { cat "$WORK/local.log"; fail "bake with cwd:// contexts"; }
assert_eq "context cwd://: the command's own files" local-file "$(cat "$cmd/out-local/local/mine.txt")"
assert_eq "BAKE_CMD_CONTEXT: the command's directory by default" local-file "$(cat "$cmd/out-cmd/cmd/mine.txt")"
"$MANIFOLD" bake --progress=plain "$G/repo.git#main" "$G/repo.git#v1" cmd \
  --set "cmd.output=type=local,dest=$cmd/out-cmd2" >"$WORK/cmd2.log" 2>&1 ||
  { cat "$WORK/cmd2.log"; fail "bake with a command context URL"; }
assert_eq "BAKE_CMD_CONTEXT: the second URL" v1 "$(cat "$cmd/out-cmd2/cmd/a.txt")"

# --- entitlements: what the definition asks beyond the working directory needs --allow ------------
expect_failure "a remote definition reading /etc is refused" "Read access to path /etc" \
  "$MANIFOLD" bake --progress=plain "$G/repo.git#main" steal --set "steal.output=type=local,dest=$cmd/out-steal"
expect_failure "the refusal gives the flag that grants it" "--allow=fs.read=/etc" \
  "$MANIFOLD" bake --progress=plain "$G/repo.git#main" steal --set "steal.output=type=local,dest=$cmd/out-steal"
[[ ! -e "$cmd/out-steal" ]] || fail "a refused target was built"
ok "nothing built when refused"
BAKE_ALLOW_REMOTE_FS_ACCESS=1 "$MANIFOLD" bake --progress=plain "$G/repo.git#main" steal \
  --set "steal.output=type=local,dest=$cmd/out-steal" >"$WORK/steal.log" 2>&1 ||
  { cat "$WORK/steal.log"; fail "BAKE_ALLOW_REMOTE_FS_ACCESS=1"; }
assert_eq "BAKE_ALLOW_REMOTE_FS_ACCESS=1 lifts the filesystem check" "$(cat /etc/hostname)" "$(cat "$cmd/out-steal/stolen")"
"$MANIFOLD" bake --progress=plain --allow fs.read=/etc "$G/repo.git#main" steal \
  --set "steal.output=type=local,dest=$cmd/out-steal2" >"$WORK/steal2.log" 2>&1 ||
  { cat "$WORK/steal2.log"; fail "--allow fs.read=/etc"; }
ok "--allow fs.read=/etc grants it"
expect_failure "host network needs --allow network.host" "Running build containers that can access host network" \
  "$MANIFOLD" bake --progress=plain "$G/repo.git#main" hostnet
"$MANIFOLD" bake --progress=plain --allow network.host --allow 'fs=*' "$G/repo.git#main" \
  hostnet >"$WORK/hostnet.log" 2>&1 || { cat "$WORK/hostnet.log"; fail "--allow network.host"; }
ok "--allow network.host (with fs=* as docker/bake-action passes it) grants it"

# --- a private repository over http: the token from BUILDX_BAKE_GIT_AUTH_TOKEN ---------------------
expect_failure "private repository without a token" "$H/private/repo.git" \
  "$MANIFOLD" bake --progress=plain --print "$H/private/repo.git#main"
BUILDX_BAKE_GIT_AUTH_TOKEN="$TOKEN" "$MANIFOLD" bake --progress=plain "$H/private/repo.git#main" app \
  --set "app.output=type=local,dest=$cmd/out-private" >"$WORK/private.log" 2>&1 ||
  { cat "$WORK/private.log"; fail "bake of a private remote definition with a token"; }
assert_eq "private repository: built with the token" v2 "$(cat "$cmd/out-private/app/a.txt")"
if grep -rqF "$TOKEN" "$WORK/private.log" "$MANIFOLD_ROOT" "$cmd/out-private"; then
  fail "the token shows in the log, the store or the output"
fi
ok "the token is in no log, store file or output"

# --- an archive URL and a single-file URL --------------------------------------------------------
"$MANIFOLD" bake --progress=plain "$H/files/defs.tar.gz" --set "*.output=type=local,dest=$cmd/out-arc" \
  >"$WORK/arc.log" 2>&1 || { cat "$WORK/arc.log"; fail "bake of an archive definition"; }
assert_eq "archive: definition and context from the archive" from-archive "$(cat "$cmd/out-arc/arc/hello.txt")"
"$MANIFOLD" bake --progress=plain "$H/files/single.hcl" --set "*.output=type=local,dest=$cmd/out-single" \
  >"$WORK/single.log" 2>&1 || { cat "$WORK/single.log"; fail "bake of a single-file definition"; }
assert_eq "single file: its target built from cwd://" local-file "$(cat "$cmd/out-single/single/mine.txt")"

# --- errors name the URL ----------------------------------------------------------------------------
expect_failure "a missing ref" "nosuchref" "$MANIFOLD" bake --progress=plain --print "$G/repo.git#nosuchref"
expect_failure "a repository without a definition" "couldn't find a bake definition" \
  "$MANIFOLD" bake --progress=plain --print "$G/repo.git#main:api"
expect_failure "a missing remote -f" "nosuch.hcl" "$MANIFOLD" bake --progress=plain -f nosuch.hcl --print "$G/repo.git#main"
[[ -z "$(ls "$MANIFOLD_ROOT/snapshots" 2>/dev/null | grep '^build-' || true)" ]] || fail "fetched sources were left behind"
ok "no fetched source is left behind"

echo "PASS ($CHECKS checks)"
