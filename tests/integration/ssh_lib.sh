# sshd fixture for integration tests (source after lib.sh): a real OpenSSH server on a free
# 127.0.0.1 port plays the remote host of a build node. Its `manifold` is the binary under test
# with its own MANIFOLD_ROOT. Everything lives under $WORK/ssh; the machine's /etc/ssh and
# ~/.ssh are never read or written (only /run/sshd, root's sshd's privilege separation dir, is
# created if missing). Started by root it logs in as root; started by a user, sshd runs as that
# user (without privilege separation) and can log in only as that user, which is all it needs.
#
# sshd_start REMOTE_ROOT sets and exports:
#   MANIFOLD_SSH_COMMAND  "ssh -F $WORK/ssh/config": manifold runs
#                         `$MANIFOLD_SSH_COMMAND [-p PORT] [-l USER] HOST -- manifold node serve --stdio`
#   SSH_NODE_ENDPOINT     ssh://USER@manifold-node:PORT (a host name only the config above knows)
#   SSH_NODE_PORT         the port
#   SSH_NODE_USER         the user logged in: root, or the user running the test
# sshd_stop ends it (also done when the test exits).

SSHD_PID=""
SSH_DIR=""

_ssh_free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# One environment="NAME=VALUE" option of an authorized_keys line; a quote in VALUE is escaped.
_ssh_env_option() { printf 'environment="%s=%s"' "$1" "${2//\"/\\\"}"; }

sshd_start() {
  local remote_root=${1:?usage: sshd_start REMOTE_ROOT}
  [[ -x /usr/sbin/sshd ]] || skip "/usr/sbin/sshd is absent (scripts/setup installs openssh-server)"
  command -v ssh >/dev/null 2>&1 || skip "ssh is absent (scripts/setup installs openssh-client)"
  [[ -z $SSHD_PID ]] || fail "sshd_start: an sshd is already running (pid $SSHD_PID)"

  SSH_DIR=$WORK/ssh
  mkdir -p "$SSH_DIR" "$remote_root"
  local port bin_dir user
  port=$(_ssh_free_port)
  user=$(id -un)
  bin_dir=$(cd "$(dirname "$MANIFOLD")" && pwd)
  ssh-keygen -q -t ed25519 -N '' -C manifold-test-host -f "$SSH_DIR/host_key" || fail "ssh-keygen (host key)"
  ssh-keygen -q -t ed25519 -N '' -C manifold-test-client -f "$SSH_DIR/client_key" || fail "ssh-keygen (client key)"

  # The remote side's environment: sshd applies these after its default PATH, so `manifold`
  # there is the binary under test, on REMOTE_ROOT. SHLVL=1 makes bash (root's login shell)
  # skip ~/.bashrc, which it otherwise sources for ssh commands: the machine's dotfiles must
  # neither change PATH nor write into the node's stdio stream.
  local options
  options="$(_ssh_env_option MANIFOLD_ROOT "$remote_root"),$(_ssh_env_option PATH "$bin_dir:/usr/sbin:/usr/bin:/sbin:/bin")"
  options+=",$(_ssh_env_option SHLVL 1)"
  [[ -z ${ASAN_OPTIONS+x} ]] || options+=",$(_ssh_env_option ASAN_OPTIONS "$ASAN_OPTIONS")"
  [[ -z ${UBSAN_OPTIONS+x} ]] || options+=",$(_ssh_env_option UBSAN_OPTIONS "$UBSAN_OPTIONS")"
  echo "$options $(cat "$SSH_DIR/client_key.pub")" >"$SSH_DIR/authorized_keys"

  cat >"$SSH_DIR/sshd_config" <<CONFIG
ListenAddress 127.0.0.1
Port $port
HostKey $SSH_DIR/host_key
PidFile $SSH_DIR/sshd.pid
AuthorizedKeysFile $SSH_DIR/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PermitRootLogin prohibit-password
PermitUserEnvironment yes
LogLevel ERROR
CONFIG

  # known_hosts holds exactly this server's key, so StrictHostKeyChecking can stay on.
  echo "[127.0.0.1]:$port $(cut -d' ' -f1,2 "$SSH_DIR/host_key.pub")" >"$SSH_DIR/known_hosts"
  cat >"$SSH_DIR/config" <<CONFIG
Host manifold-node
  HostName 127.0.0.1
  Port $port
  User $user
  IdentityFile $SSH_DIR/client_key
  IdentitiesOnly yes
  UserKnownHostsFile $SSH_DIR/known_hosts
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
  BatchMode yes
  ConnectTimeout 10
  LogLevel ERROR
CONFIG

  # sshd refuses to start without its privilege separation dir (normally made by systemd).
  # A user's sshd has no privilege separation and needs none.
  [[ -d /run/sshd || $(id -u) != 0 ]] || mkdir -m 0755 /run/sshd
  /usr/sbin/sshd -t -f "$SSH_DIR/sshd_config" 2>"$SSH_DIR/sshd.log" ||
    fail "sshd rejects $SSH_DIR/sshd_config: $(cat "$SSH_DIR/sshd.log")"
  /usr/sbin/sshd -D -e -f "$SSH_DIR/sshd_config" </dev/null >>"$SSH_DIR/sshd.log" 2>&1 &
  SSHD_PID=$!
  _ssh_register_cleanup

  local _
  for _ in $(seq 200); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    kill -0 "$SSHD_PID" 2>/dev/null || fail "sshd exited at start: $(cat "$SSH_DIR/sshd.log")"
    sleep 0.05
  done
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || fail "sshd does not accept on 127.0.0.1:$port: $(cat "$SSH_DIR/sshd.log")"

  export MANIFOLD_SSH_COMMAND="ssh -F $SSH_DIR/config"
  export SSH_NODE_PORT=$port
  export SSH_NODE_USER=$user
  export SSH_NODE_ENDPOINT="ssh://$user@manifold-node:$port"
}

sshd_stop() {
  [[ -n $SSHD_PID ]] || return 0
  kill "$SSHD_PID" 2>/dev/null || true
  wait "$SSHD_PID" 2>/dev/null || true
  SSHD_PID=""
}

# Stops sshd before whatever the EXIT trap did so far (lib.sh's cleanup, registry_cleanup, …),
# chained once, when sshd starts: by then every lib has installed its trap.
_SSH_CLEANUP_REGISTERED=""
_ssh_register_cleanup() {
  [[ -z $_SSH_CLEANUP_REGISTERED ]] || return 0
  _SSH_CLEANUP_REGISTERED=1
  local previous
  previous=$(trap -p EXIT)
  previous=${previous#trap -- \'}
  previous=${previous%\' EXIT}
  previous=${previous//\'\\\'\'/\'}
  # shellcheck disable=SC2064
  trap "sshd_stop; ${previous:-:}" EXIT
  # A test killed outright (SIGKILL, a CTest timeout) runs no trap: this watchdog then ends
  # sshd, so that no server outlives its test.
  local test_pid=$$ sshd_pid=$SSHD_PID
  (
    while kill -0 "$test_pid" 2>/dev/null && kill -0 "$sshd_pid" 2>/dev/null; do sleep 1; done
    kill -0 "$test_pid" 2>/dev/null || kill "$sshd_pid" 2>/dev/null || true
  ) </dev/null >/dev/null 2>&1 &
}
