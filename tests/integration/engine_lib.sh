# A throwaway Docker Engine for integration tests (source after lib.sh and registry_lib.sh):
# Debian's dockerd on its own socket, data and exec roots under $WORK, no iptables and no bridge
# (DESIGN.md "Runtimes and emulation"). engine_start sets ENGINE_SOCK and DOCKER (Debian's CLI,
# never /usr/local/bin/docker: the machine image's newer CLI is not ours); the EXIT trap stops it.

DOCKER=/usr/bin/docker
ENGINE="$WORK/engine"
ENGINE_SOCK="$ENGINE/sock"

# Stops dockerd as a user would (TERM, then KILL after 30 s); its containerd and shims exit with it.
engine_kill() {
  local pid
  pid=$(cat "$ENGINE/pid" 2>/dev/null || true)
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
}

# Stops the Engine and takes down what it left: mounts under its roots (overlay layers, network
# namespaces), if any stayed.
engine_stop() {
  local m
  engine_kill
  for m in $(awk -v root="$ENGINE/" 'index($2, root) == 1 {print $2}' /proc/mounts | sort -r); do
    umount -l "$m" 2>/dev/null || true
  done
}

# engine_start: starts dockerd and waits for its API; skips the test when it cannot run here.
engine_start() {
  [[ -x /usr/sbin/dockerd && -x $DOCKER ]] || skip "docker.io is not installed (scripts/setup installs it)"
  need_root "starting a Docker Engine (Debian's dockerd, not its rootless mode)"
  trap 'engine_stop; registry_cleanup' EXIT
  mkdir -p "$ENGINE"
  /usr/sbin/dockerd --data-root "$ENGINE/data" --exec-root "$ENGINE/exec" --pidfile "$ENGINE/pid" \
    -H "unix://$ENGINE_SOCK" --iptables=false --bridge=none --ip-masq=false >"$ENGINE/log" 2>&1 &
  for _ in $(seq 120); do
    curl -sf --unix-socket "$ENGINE_SOCK" http://localhost/_ping >/dev/null 2>&1 && return 0
    sleep 0.25
  done
  skip "dockerd does not start here: $(tail -n 3 "$ENGINE/log" | tr '\n' ' ')"
}
