# Loopback git servers for the remote-context tests (sourced after lib.sh).

# git_servers_start SRV TOKEN: serves the bare repositories under SRV with git daemon (git://) and
# git_http_server.py (git's smart HTTP, SRV/private/ only with TOKEN, static files of SRV/files/
# under /files/), each on a free loopback port, and waits until both answer. Sets G (git://…) and
# H (http://…), and GIT_SERVER_PIDS for the caller's EXIT trap; logs go to $WORK.
git_servers_start() {
  local srv=$1 token=$2 hport gport
  hport=$(free_port)
  /usr/bin/python3 "$MANIFOLD_SOURCE_DIR/tests/integration/git_http_server.py" "$srv" "$hport" "$token" "$WORK/http.log" &
  GIT_SERVER_PIDS=$!
  gport=$(free_port)
  git daemon --reuseaddr --export-all --base-path="$srv" --listen=127.0.0.1 --port="$gport" "$srv" \
    >"$WORK/daemon.log" 2>&1 &
  GIT_SERVER_PIDS+=" $!"
  H="http://127.0.0.1:$hport"
  G="git://127.0.0.1:$gport"
  for _ in $(seq 100); do git ls-remote "$H/repo.git" >/dev/null 2>&1 && break; sleep 0.1; done
  for _ in $(seq 100); do git ls-remote "$G/repo.git" >/dev/null 2>&1 && break; sleep 0.1; done
}
