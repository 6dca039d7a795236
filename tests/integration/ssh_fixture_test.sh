#!/usr/bin/env bash
# The sshd fixture (ssh_lib.sh) itself: through $MANIFOLD_SSH_COMMAND the remote side runs the
# manifold under test, on its own MANIFOLD_ROOT, with a clean stdout; a wrong port fails fast.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/ssh_lib.sh"

remote_root=$WORK/remote-root
sshd_start "$remote_root"
[[ $SSH_NODE_ENDPOINT == "ssh://$SSH_NODE_USER@manifold-node:$SSH_NODE_PORT" ]] || fail "SSH_NODE_ENDPOINT is $SSH_NODE_ENDPOINT"
# Split on spaces, as manifold splits it (like GIT_SSH_COMMAND).
read -r -a ssh_cmd <<<"$MANIFOLD_SSH_COMMAND"

remote() { "${ssh_cmd[@]}" -p "$SSH_NODE_PORT" "$SSH_NODE_USER@manifold-node" -- "$@"; }

# ssh joins the words after "--" with spaces into one command line for the remote user's shell:
# a word with spaces or shell syntax must be quoted for that shell by the caller.
assert_eq "the remote command is one shell line" "a b" "$(remote echo 'a   b')"
assert_eq "quoted for the remote shell, it stays one word" "a   b" "$(remote "echo 'a   b'")"

assert_eq "the remote manifold is the binary under test" "$("$MANIFOLD" version)" "$(remote manifold version)"
assert_eq "the remote side finds it first on PATH" "$(cd "$(dirname "$MANIFOLD")" && pwd)/$(basename "$MANIFOLD")" \
  "$(remote 'command -v manifold')"
assert_eq "the remote side has its own MANIFOLD_ROOT" "$remote_root" "$(remote "sh -c 'echo \$MANIFOLD_ROOT'")"
assert_eq "the local MANIFOLD_ROOT is another" "$WORK/root" "$MANIFOLD_ROOT"
if [[ -n ${ASAN_OPTIONS+x} ]]; then
  # shellcheck disable=SC2016 # expanded by the remote shell
  assert_eq "ASAN_OPTIONS reach the remote side" "$ASAN_OPTIONS" "$(remote 'echo "$ASAN_OPTIONS"')"
fi

# The node protocol runs over the session's stdio: it must carry bytes both ways untouched,
# with nothing (no banner, no dotfile output) added.
printf 'frame\0\1\2\377end' >"$WORK/bytes"
remote cat <"$WORK/bytes" >"$WORK/echoed"
cmp -s "$WORK/bytes" "$WORK/echoed" || fail "stdio through ssh altered the bytes: $(od -c "$WORK/echoed" | head -3)"
ok "stdin and stdout travel byte for byte"
remote 'echo to-stderr >&2; exit 3' 2>"$WORK/stderr" >"$WORK/stdout" && rc=0 || rc=$?
assert_eq "the remote exit status comes back" 3 "$rc"
assert_eq "stderr stays apart from stdout" "to-stderr" "$(cat "$WORK/stderr")"
assert_eq "stdout has nothing of its own" "" "$(cat "$WORK/stdout")"

# The endpoint's host name only exists in the fixture's config; the host key is checked.
expect_failure "without the fixture's config the host is unknown" "manifold-node" \
  ssh -F /dev/null -o BatchMode=yes -p "$SSH_NODE_PORT" "$SSH_NODE_USER@manifold-node" -- true

wrong_port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
start=$SECONDS
rc=0
err=$("${ssh_cmd[@]}" -p "$wrong_port" "$SSH_NODE_USER@manifold-node" -- manifold version 2>&1 >/dev/null) || rc=$?
assert_eq "a wrong port fails with ssh's status" 255 "$rc"
assert_contains "and ssh's error" "port $wrong_port: Connection refused" "$err"
((SECONDS - start <= 5)) || fail "a wrong port took $((SECONDS - start)) s to fail"
ok "quickly"

sshd_stop
rc=0
"${ssh_cmd[@]}" -p "$SSH_NODE_PORT" "$SSH_NODE_USER@manifold-node" -- true 2>/dev/null || rc=$?
assert_eq "sshd_stop ends the server" 255 "$rc"
echo "$CHECKS checks passed"
