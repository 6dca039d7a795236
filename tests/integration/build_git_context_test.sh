#!/usr/bin/env bash
# Remote build contexts against real loopback servers: git URLs over git:// (git daemon) and
# http:// (git http-backend behind git_http_server.py) at a branch, tag, commit and subdir,
# .git kept only on request, a private repository with GIT_AUTH_TOKEN (and the token nowhere
# after), a missing ref, provenance of URL and commit, cache hits on a rebuild, a git named
# context; tarball and Dockerfile URLs; stdin (tar, Dockerfile) and -f -.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/git_servers_lib.sh"
need_builds
need git
need curl
need jq


# --- the repository: main (c1 tagged v1, c2), dev (c3), a subdirectory with its own Dockerfile -----
src="$WORK/src"
git init -q -b main "$src"
g() { git -C "$src" -c user.email=t@example.invalid -c user.name=t "$@"; }
printf 'FROM scratch\nCOPY . /ctx/\n' >"$src/Dockerfile"
printf 'FROM scratch\nCOPY . /sub/\n' >"$src/Dockerfile.alt"
mkdir -p "$src/sub"
echo s1 >"$src/sub/s.txt"
printf 'FROM scratch\nCOPY s.txt /from-sub.txt\n' >"$src/sub/Dockerfile"
echo v1 >"$src/a.txt"
g add -A && g commit -qm c1 && g tag -a v1 -m v1
c1=$(g rev-parse HEAD)
echo v2 >"$src/a.txt"
g commit -qam c2
c2=$(g rev-parse HEAD)
g checkout -qb dev && echo b >"$src/b.txt" && g add b.txt && g commit -qm c3 && g checkout -q main
c3=$(g rev-parse dev)

srv="$WORK/srv"
mkdir -p "$srv/private" "$srv/files"
git clone -q --bare "$src" "$srv/repo.git"
git clone -q --bare "$src" "$srv/private/repo.git"

TOKEN="tok-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
HEADER_B64=$(printf 'x-access-token:%s' "$TOKEN" | base64 -w0)
git_servers_start "$srv" "$TOKEN"
trap 'kill $GIT_SERVER_PIDS 2>/dev/null; remove_work' EXIT

# build NAME CONTEXT [FLAGS...]: a local output in $WORK/out-NAME, the log in $WORK/NAME.log.
build() {
  local name=$1 context=$2
  shift 2
  "$MANIFOLD" build --progress=plain --output "type=local,dest=$WORK/out-$name" "$@" "$context" \
    >"$WORK/$name.log" 2>&1 || { cat "$WORK/$name.log"; fail "build $name from $context"; }
}

# statement_of OCI_TAR: the first in-toto statement among the archive's blobs.
statement_of() {
  local dir="$WORK/unpacked-$(basename "$1")"
  mkdir -p "$dir" && tar -C "$dir" -xf "$1"
  /usr/bin/python3 - "$dir/blobs/sha256" <<'PY'
import json, os, sys
for name in sorted(os.listdir(sys.argv[1])):
    try:
        doc = json.load(open(os.path.join(sys.argv[1], name)))
    except Exception:
        continue
    if isinstance(doc, dict) and "predicate" in doc:
        print(json.dumps(doc))
        break
PY
}

# --- git:// at a branch, a tag, a commit --------------------------------------------------------------
build git-main "$G/repo.git#main"
assert_eq "git:// at a branch: its files" v2 "$(cat "$WORK/out-git-main/ctx/a.txt")"
[[ ! -e "$WORK/out-git-main/ctx/.git" ]] || fail ".git is in the context without BUILDKIT_CONTEXT_KEEP_GIT_DIR"
ok "no .git in the context by default"
assert_contains "the clone is a progress vertex" "[internal] load git source $G/repo.git#main" \
  "$(cat "$WORK/git-main.log")"
# One renderer for the fetch and the build: each number names one vertex.
assert_eq "the fetch and the build's steps are numbered once" "" \
  "$(awk '/^#[0-9]+ \[/ {if (($1 in seen) && seen[$1] != $0) print $1; seen[$1] = $0}' "$WORK/git-main.log")"
build git-tag "$G/repo.git#v1"
assert_eq "git:// at an annotated tag" v1 "$(cat "$WORK/out-git-tag/ctx/a.txt")"
build git-commit "$G/repo.git#$c1"
assert_eq "git:// at a commit no ref names" v1 "$(cat "$WORK/out-git-commit/ctx/a.txt")"
build git-refs "$G/repo.git#refs/heads/dev"
assert_eq "git:// at refs/heads/dev" b "$(cat "$WORK/out-git-refs/ctx/b.txt")"

# --- http:// (smart HTTP): branch, default branch, subdir, -f, kept .git -------------------------------
build http-dev "$H/repo.git#dev"
assert_eq "http:// at a branch" b "$(cat "$WORK/out-http-dev/ctx/b.txt")"
build http-default "$H/repo.git"
assert_eq "http:// without a fragment: the default branch" v2 "$(cat "$WORK/out-http-default/ctx/a.txt")"
[[ ! -e "$WORK/out-http-default/ctx/b.txt" ]] || fail "the default branch is main, not dev"
build http-sub "$H/repo.git#v1:sub"
assert_eq "a subdir is the context, its Dockerfile the default" s1 "$(cat "$WORK/out-http-sub/from-sub.txt")"
build http-file "$H/repo.git#main" -f Dockerfile.alt
assert_eq "-f names a file of the checkout" v2 "$(cat "$WORK/out-http-file/sub/a.txt")"
printf 'FROM scratch\nCOPY a.txt /from-stdin.txt\n' | build f-stdin-git "$H/repo.git#v1" -f -
assert_eq "-f - with a git context: the Dockerfile from stdin" v1 "$(cat "$WORK/out-f-stdin-git/from-stdin.txt")"
printf 'FROM scratch\nCOPY a.txt /from-local.txt\n' >"$WORK/Dockerfile.local"
build f-abs "$H/repo.git#main" -f "$WORK/Dockerfile.local"
assert_eq "an absolute -f with a git context: a local file" v2 "$(cat "$WORK/out-f-abs/from-local.txt")"
build query-branch "$H/repo.git?branch=dev"
assert_eq "BuildKit's query form: ?branch=" b "$(cat "$WORK/out-query-branch/ctx/b.txt")"
build query-tag "$G/repo.git?tag=v1&subdir=sub"
assert_eq "?tag=&subdir=" s1 "$(cat "$WORK/out-query-tag/from-sub.txt")"
build query-commit "$H/repo.git?commit=$c1"
assert_eq "?commit= alone is the ref" v1 "$(cat "$WORK/out-query-commit/ctx/a.txt")"
expect_failure "?branch=&checksum= at another commit" "checksum mismatch" \
  "$MANIFOLD" build --progress=plain --output "type=local,dest=$WORK/never" "$H/repo.git?branch=main&checksum=$c1"
build http-v0 "$H/v0/repo.git#$c1"
assert_eq "a commit a v0 server will not serve shallowly: full fetch" v1 "$(cat "$WORK/out-http-v0/ctx/a.txt")"
build keep "$H/repo.git#main" --build-arg BUILDKIT_CONTEXT_KEEP_GIT_DIR=1
[[ -d "$WORK/out-keep/ctx/.git" ]] || fail "BUILDKIT_CONTEXT_KEEP_GIT_DIR=1 keeps .git"
assert_eq "the kept .git is at the commit" "$c2" "$(git -C "$WORK/out-keep/ctx" rev-parse HEAD)"
assert_eq "the kept origin" "$H/repo.git" "$(git -C "$WORK/out-keep/ctx" remote get-url origin)"

# --- errors ----------------------------------------------------------------------------------------------
expect_failure "a missing ref is named" 'the ref "nope" does not exist in' \
  "$MANIFOLD" build --progress=plain --output "type=local,dest=$WORK/never" "$H/repo.git#nope"
expect_failure "a missing subdir is named" '"nosuch" is not a directory' \
  "$MANIFOLD" build --progress=plain --output "type=local,dest=$WORK/never" "$G/repo.git#main:nosuch"
expect_failure "a missing -f is named with the URL" "Dockerfile.none does not exist in $G/repo.git#main" \
  "$MANIFOLD" build --progress=plain -f Dockerfile.none --output "type=local,dest=$WORK/never" "$G/repo.git#main"
rc=0
"$MANIFOLD" build --progress=quiet --output "type=local,dest=$WORK/never" "$H/repo.git#-x" 2>/dev/null || rc=$?
assert_eq "a ref that git would read as an option is a usage error" 2 "$rc"

# --- a private repository: GIT_AUTH_TOKEN ----------------------------------------------------------------
expect_failure "without the token, a clear refusal" "refused access" \
  "$MANIFOLD" build --progress=plain --output "type=local,dest=$WORK/never" "$H/private/repo.git#main"
GIT_AUTH_TOKEN="$TOKEN" build private "$H/private/repo.git#main" --secret id=GIT_AUTH_TOKEN,env=GIT_AUTH_TOKEN
assert_eq "with --secret id=GIT_AUTH_TOKEN: its files" v2 "$(cat "$WORK/out-private/ctx/a.txt")"
grep -q "auth=good" "$WORK/http.log" || fail "the server never saw the token's header"
ok "the server checked the Authorization header"
printf '%s' "$TOKEN" >"$WORK/token-file"
build private-host "$H/private/repo.git#v1" --secret "id=GIT_AUTH_TOKEN.${H#http://},src=$WORK/token-file"
assert_eq "the host-scoped GIT_AUTH_TOKEN.<host>" v1 "$(cat "$WORK/out-private-host/ctx/a.txt")"
printf 'basic %s' "$HEADER_B64" >"$WORK/header-file"
build private-header "$H/private/repo.git#dev" --secret "id=GIT_AUTH_HEADER,src=$WORK/header-file"
assert_eq "GIT_AUTH_HEADER is the whole header value" b "$(cat "$WORK/out-private-header/ctx/b.txt")"
rm -f "$WORK/token-file" "$WORK/header-file"

# --- ADD <git URL> in a Dockerfile (BuildKit's git source) ----------------------------------------------
mkdir -p "$WORK/addgit"
printf 'FROM scratch\nADD %s/repo.git#v1 /src/\nADD %s/repo.git#main:sub /sub/\nADD --keep-git-dir=true %s/repo.git#dev /k/\nADD %s/private/repo.git#main /p/\n' \
  "$G" "$H" "$H" "$H" >"$WORK/addgit/Dockerfile"
GIT_AUTH_TOKEN="$TOKEN" build addgit "$WORK/addgit" --secret id=GIT_AUTH_TOKEN,env=GIT_AUTH_TOKEN
assert_eq "ADD git://…#tag" v1 "$(cat "$WORK/out-addgit/src/a.txt")"
[[ ! -e "$WORK/out-addgit/src/.git" ]] || fail "ADD of a git URL keeps no .git by default"
ok "ADD of a git URL: no .git"
assert_eq "ADD http://…#ref:subdir" s1 "$(cat "$WORK/out-addgit/sub/s.txt")"
[[ -d "$WORK/out-addgit/k/.git" ]] || fail "ADD --keep-git-dir=true keeps .git"
assert_eq "ADD --keep-git-dir: the commit" "$c3" "$(git -C "$WORK/out-addgit/k" rev-parse HEAD)"
assert_eq "ADD of a private repository with GIT_AUTH_TOKEN" v2 "$(cat "$WORK/out-addgit/p/a.txt")"
GIT_AUTH_TOKEN="$TOKEN" "$MANIFOLD" build --progress=plain --provenance=mode=max --output "type=oci,dest=$WORK/addgit.tar" \
  --secret id=GIT_AUTH_TOKEN,env=GIT_AUTH_TOKEN "$WORK/addgit" >"$WORK/addgit-prov.log" 2>&1 ||
  { cat "$WORK/addgit-prov.log"; fail "ADD git with provenance"; }
assert_eq "ADD git: a provenance material with the commit" "$c1" \
  "$(statement_of "$WORK/addgit.tar" | jq -r --arg u "$G/repo.git" '.predicate.materials[] | select(.uri==$u) | .digest.sha1')"
assert_contains "ADD's git source is a progress vertex" "internal] load git source $G/repo.git#v1" \
  "$(cat "$WORK/addgit.log")"
for where in "$WORK"/*.log "$WORK"/out-* "$WORK"/*.tar "$WORK"/unpacked-* "$MANIFOLD_ROOT"; do
  if grep -rqF -e "$TOKEN" -e "$HEADER_B64" "$where"; then fail "the token or its header is in $where"; fi
done
ok "the token is in no log, output or MANIFOLD_ROOT"

# --- provenance and cache --------------------------------------------------------------------------------
"$MANIFOLD" build --progress=plain --provenance=mode=max --output "type=oci,dest=$WORK/prov.tar" \
  "$H/repo.git#main" >"$WORK/prov.log" 2>&1 || { cat "$WORK/prov.log"; fail "build with provenance"; }
statement=$(statement_of "$WORK/prov.tar")
[[ -n $statement ]] || fail "no provenance statement in the OCI output"
assert_eq "provenance names the URL" "$H/repo.git" "$(jq -r .predicate.invocation.configSource.uri <<<"$statement")"
assert_eq "provenance names the commit" "$c2" "$(jq -r .predicate.invocation.configSource.digest.sha1 <<<"$statement")"
build again "$H/repo.git#main"
grep -q "CACHED" "$WORK/again.log" || { cat "$WORK/again.log"; fail "a rebuild of the same commit is not cached"; }
ok "a rebuild of the same commit hits the cache"

# --- a git named context ---------------------------------------------------------------------------------
mkdir -p "$WORK/local"
printf 'FROM scratch\nCOPY --from=src a.txt /named.txt\nCOPY local.txt /\n' >"$WORK/local/Dockerfile"
echo here >"$WORK/local/local.txt"
build named "$WORK/local" --build-context "src=$G/repo.git#v1"
assert_eq "--build-context NAME=GIT_URL" v1 "$(cat "$WORK/out-named/named.txt")"
assert_eq "beside the local context" here "$(cat "$WORK/out-named/local.txt")"
# A git context and a git named context in one build: two fetches, two vertices, two numbers.
printf 'FROM scratch\nCOPY --from=src a.txt /named.txt\nCOPY a.txt /\n' >"$WORK/two-fetches.Dockerfile"
build two-fetches "$G/repo.git#main" -f "$WORK/two-fetches.Dockerfile" --build-context "src=$G/repo.git#v1"
assert_eq "two fetches: the named context's file" v1 "$(cat "$WORK/out-two-fetches/named.txt")"
assert_eq "two fetches, each its own numbered vertex" 2 \
  "$(grep -E '^#[0-9]+ \[internal\] load git source' "$WORK/two-fetches.log" | cut -d' ' -f1 | sort -u | wc -l)"

# --- tarball and Dockerfile URLs -------------------------------------------------------------------------
mkdir -p "$WORK/tarctx/d"
echo t >"$WORK/tarctx/d/t.txt"
printf 'FROM scratch\nCOPY d /d\n' >"$WORK/tarctx/Dockerfile"
tar -C "$WORK/tarctx" -czf "$srv/files/ctx.tar.gz" .
tar -C "$WORK/tarctx" -cf "$srv/files/ctx.tar" .
echo fetched >"$srv/files/x.txt"
printf 'FROM scratch\nADD %s/files/x.txt /x.txt\n' "$H" >"$srv/files/Dockerfile.txt"
build tgz "$H/files/ctx.tar.gz"
assert_eq "a .tar.gz URL is the context" t "$(cat "$WORK/out-tgz/d/t.txt")"
build tar "$H/files/ctx.tar"
assert_eq "a plain .tar URL is the context" t "$(cat "$WORK/out-tar/d/t.txt")"
for z in bzip2:bz2 xz:xz zstd:zst; do
  tool=${z%%:*} ext=${z##*:}
  command -v "$tool" >/dev/null || continue
  "$tool" -c "$srv/files/ctx.tar" >"$srv/files/ctx-$ext.bin"  # no telling suffix: detected by content
  build "tar-$ext" "$H/files/ctx-$ext.bin"
  assert_eq "a $tool-compressed tar URL is the context" t "$(cat "$WORK/out-tar-$ext/d/t.txt")"
done
build dockerfile-url "$H/files/Dockerfile.txt"
assert_eq "any other URL is the Dockerfile" fetched "$(cat "$WORK/out-dockerfile-url/x.txt")"
expect_failure "a 404 names the URL" "$H/files/none.tar: HTTP 404" \
  "$MANIFOLD" build --progress=plain --output "type=local,dest=$WORK/never" "$H/files/none.tar"
/usr/bin/python3 - "$srv/files/evil.tar" <<'PY'
import io, sys, tarfile
with tarfile.open(sys.argv[1], "w") as t:
    for name, data in [("Dockerfile", b"FROM scratch\nCOPY . /\n"), ("../escape.txt", b"x")]:
        info = tarfile.TarInfo(name)
        info.size = len(data)
        t.addfile(info, io.BytesIO(data))
PY
expect_failure "a tar entry leaving the context is refused" "escape.txt" \
  "$MANIFOLD" build --progress=plain --output "type=local,dest=$WORK/never" "$H/files/evil.tar"
[[ -z $(find "$WORK" "$MANIFOLD_ROOT" -name escape.txt) ]] || fail "a hostile entry was written"
ok "nothing written outside the context"

# --- stdin -----------------------------------------------------------------------------------------------
tar -C "$WORK/tarctx" -c . | "$MANIFOLD" build --progress=plain --output "type=local,dest=$WORK/out-stdin-tar" - \
  >"$WORK/stdin-tar.log" 2>&1 || { cat "$WORK/stdin-tar.log"; fail "build - with a tar on stdin"; }
assert_eq "- reads a tar context from stdin" t "$(cat "$WORK/out-stdin-tar/d/t.txt")"
"$MANIFOLD" build --progress=plain --output "type=local,dest=$WORK/out-stdin-df" - <"$srv/files/Dockerfile.txt" \
  >"$WORK/stdin-df.log" 2>&1 || { cat "$WORK/stdin-df.log"; fail "build - with a Dockerfile on stdin"; }
assert_eq "- reads a Dockerfile from stdin, with an empty context" fetched "$(cat "$WORK/out-stdin-df/x.txt")"
printf 'FROM scratch\nCOPY d/t.txt /via-f.txt\n' | "$MANIFOLD" build --progress=plain -f - \
  --output "type=local,dest=$WORK/out-f-stdin" "$WORK/tarctx" >"$WORK/f-stdin.log" 2>&1 ||
  { cat "$WORK/f-stdin.log"; fail "build -f - DIR"; }
assert_eq "-f - reads the Dockerfile from stdin with a directory context" t "$(cat "$WORK/out-f-stdin/via-f.txt")"
rc=0
"$MANIFOLD" build --progress=quiet -f - --output "type=local,dest=$WORK/never" - </dev/null 2>/dev/null || rc=$?
assert_eq "- with -f - is a usage error" 2 "$rc"

printf 'FROM scratch\nADD --checksum=%s %s/repo.git#v1 /src/\n' "$c1" "$G" >"$WORK/addgit/Dockerfile"
build addgit-sum "$WORK/addgit"
assert_eq "ADD --checksum=COMMIT of a git URL at that commit" v1 "$(cat "$WORK/out-addgit-sum/src/a.txt")"
printf 'FROM scratch\nADD --checksum=%s %s/repo.git#main /src/\n' "$c1" "$G" >"$WORK/addgit/Dockerfile"
expect_failure "ADD --checksum=COMMIT of a ref at another commit" "checksum mismatch" \
  "$MANIFOLD" build --progress=plain --output "type=local,dest=$WORK/never" "$WORK/addgit"

# --- a build killed while fetching: its scratch goes with the next build --------------------------------
sport=$(free_port)
/usr/bin/python3 -c '
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(8)
conns = []
while True:
    c, _ = s.accept(); conns.append(c)  # accepts, never answers
' "$sport" &
stall_pid=$!
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$sport") 2>/dev/null && break; sleep 0.1; done
"$MANIFOLD" build --progress=quiet --output "type=local,dest=$WORK/never" "http://127.0.0.1:$sport/ctx.tar" \
  >/dev/null 2>&1 &
victim=$!
for _ in $(seq 100); do [[ -n $(find "$MANIFOLD_ROOT/snapshots" -maxdepth 1 -name 'build-*' 2>/dev/null) ]] && break; sleep 0.1; done
[[ -n $(find "$MANIFOLD_ROOT/snapshots" -maxdepth 1 -name 'build-*') ]] || fail "the stalled fetch made no scratch directory"
kill -9 "$victim"
wait "$victim" 2>/dev/null || true
kill "$stall_pid" 2>/dev/null || true
build after-kill "$WORK/tarctx"

# --- ssh:// with --ssh default (a real sshd on loopback, the key in a real ssh-agent) --------------------
if [[ -x /usr/sbin/sshd ]] && command -v ssh-agent >/dev/null; then
  source "$(dirname "$0")/ssh_lib.sh"
  eval "$(ssh-agent -s)" >/dev/null
  agent_pid=$SSH_AGENT_PID
  trap 'kill $GIT_SERVER_PIDS $agent_pid 2>/dev/null; remove_work' EXIT
  sshd_start "$WORK/remote-root"  # chains its stop before the trap above
  ssh-add -q "$SSH_DIR/client_key" 2>/dev/null || fail "ssh-add"
  build ssh "ssh://$SSH_NODE_USER@127.0.0.1:$SSH_NODE_PORT$srv/repo.git#v1" --ssh default
  assert_eq "ssh:// with the agent of --ssh default" v1 "$(cat "$WORK/out-ssh/ctx/a.txt")"
  expect_failure "ssh:// without an agent is refused" "refused access" \
    env -u SSH_AUTH_SOCK "$MANIFOLD" build --progress=plain --output "type=local,dest=$WORK/never" \
    "ssh://$SSH_NODE_USER@127.0.0.1:$SSH_NODE_PORT$srv/repo.git#v1"
  kill "$agent_pid" 2>/dev/null || true
else
  echo "note: no sshd or ssh-agent: ssh:// not tested" >&2
fi

# --- scratch directories are gone ------------------------------------------------------------------------
assert_eq "no fetched context is left under MANIFOLD_ROOT" "" \
  "$(find "$MANIFOLD_ROOT/snapshots" -maxdepth 1 -name 'build-*' 2>/dev/null)"
echo "$CHECKS checks passed"
