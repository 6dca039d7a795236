# Registry helpers for integration tests (source after lib.sh): real docker-registry instances
# started by tests/support/registry/start, stopped when the test exits, and base-image fixtures.

REGISTRY_STATES=()
PROXY_PIDS=()
registry_cleanup() {
  local s p
  for p in "${PROXY_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for s in "${REGISTRY_STATES[@]}"; do "$MANIFOLD_SOURCE_DIR/tests/support/registry/stop" "$s"; done
  remove_work
}
trap registry_cleanup EXIT

# registry_start MODE: starts a registry and sets REGISTRY (host:port) and the mode's other vars.
registry_start() {
  local state
  state=$(mktemp -d "$WORK/registry-XXXXXX")
  REGISTRY_STATES+=("$state")
  "$MANIFOLD_SOURCE_DIR/tests/support/registry/start" "$1" "$state" || fail "could not start a $1 registry"
  # shellcheck disable=SC1091
  source "$state/env"
  REGISTRY_STATE=$state
}

# fixture_busybox_layout DIR: an OCI layout at DIR tagged "latest": a multi-arch busybox index
# (linux/amd64, linux/arm64, linux/arm/v7) made from Debian's busybox-static .debs and assembled
# by manifold itself. The .debs come from the fixture cache (lib.sh's busybox_deb).
fixture_busybox_layout() {
  local out=$1 arch
  for arch in amd64 arm64 armhf; do
    busybox_deb "$arch"
    rm -rf "$WORK/deb-$arch" && dpkg-deb -x "$BUSYBOX_DEB" "$WORK/deb-$arch"
  done
  # The index is assembled by manifold itself (ADD of each platform's rootfs tar), in a state
  # directory of its own so the test's MANIFOLD_ROOT starts empty.
  local ctx="$WORK/busybox-ctx"
  /usr/bin/python3 "$MANIFOLD_SOURCE_DIR/tests/support/registry/busybox_layout.py" --rootfs-tars "$ctx" \
    amd64="$WORK/deb-amd64" arm64="$WORK/deb-arm64" armhf="$WORK/deb-armhf" || fail "busybox fixture"
  cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM scratch
ARG TARGETARCH
ARG TARGETVARIANT
ADD busybox-${TARGETARCH}${TARGETVARIANT}.tar /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
CMD ["sh"]
DOCKERFILE
  MANIFOLD_ROOT="$WORK/busybox-root" SOURCE_DATE_EPOCH=1700000000 "$MANIFOLD" build --progress=quiet \
    --platform linux/amd64,linux/arm64,linux/arm/v7 --output "type=oci,dest=$out,tar=false,name=latest" "$ctx" \
    >/dev/null 2>"$WORK/busybox-build.log" || { cat "$WORK/busybox-build.log" >&2; fail "busybox fixture (manifold build)"; }
  rm -rf "$WORK/busybox-root" "$ctx"
}

# debian_mirror: the Debian mirror this machine's apt uses for bookworm (its sources, read as apt
# reads them); skips the test when there is none or it does not answer.
debian_mirror() {
  local mirror
  mirror=$(/usr/bin/python3 "$MANIFOLD_SOURCE_DIR/tests/support/debian_mirror.py" bookworm) ||
    skip "no Debian bookworm mirror in the apt sources"
  curl -fsS --max-time 20 -o /dev/null "$mirror/dists/bookworm/Release" >/dev/null 2>&1 ||
    skip "the Debian mirror $mirror does not answer"
  echo "$mirror"
}

# fixture_debian_layout DIR MIRROR: an OCI layout at DIR tagged "latest": Debian bookworm
# (debootstrap's minbase, linux/amd64) with apt pointed at MIRROR, assembled by manifold itself.
# The debootstrapped root filesystem is kept as a tar in the fixture cache, so only the first
# run on a machine pays for debootstrap.
fixture_debian_layout() {
  local out=$1 mirror=$2 cache=$MANIFOLD_FIXTURE_CACHE
  local tarball="$cache/debian-bookworm-minbase-amd64.tar" rootfs="$WORK/debian-rootfs" ctx="$WORK/debian-ctx"
  mkdir -p "$cache" "$ctx"
  if [[ ! -s $tarball ]]; then
    command -v debootstrap >/dev/null 2>&1 || skip "debootstrap is not installed (scripts/setup installs it)"
    debootstrap --variant=minbase --arch=amd64 bookworm "$rootfs" "$mirror" >"$WORK/debootstrap.log" 2>&1 ||
      { tail -20 "$WORK/debootstrap.log" >&2; skip "debootstrap from $mirror failed"; }
    # What an image leaves out: device nodes and the mount points' contents (the runtime
    # provides them), apt's downloads and lists, the host's name and resolver.
    find "$rootfs/dev" "$rootfs/proc" "$rootfs/sys" "$rootfs/run" -mindepth 1 -delete
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/* \
      "$rootfs/etc/hostname" "$rootfs/etc/resolv.conf"
    tar --numeric-owner --xattrs --sort=name -C "$rootfs" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball" ||
      fail "the Debian rootfs tarball"
    rm -rf "$rootfs"
  fi
  ln "$tarball" "$ctx/rootfs.tar" 2>/dev/null || cp "$tarball" "$ctx/rootfs.tar"
  echo "deb $mirror bookworm main" >"$ctx/sources.list"
  cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM scratch
ADD rootfs.tar /
COPY sources.list /etc/apt/sources.list
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
CMD ["bash"]
DOCKERFILE
  MANIFOLD_ROOT="$WORK/debian-root" SOURCE_DATE_EPOCH=1700000000 "$MANIFOLD" build --progress=quiet \
    --platform linux/amd64 --output "type=oci,dest=$out,tar=false,name=latest" "$ctx" \
    >/dev/null 2>"$WORK/debian-build.log" || { cat "$WORK/debian-build.log" >&2; fail "Debian fixture (manifold build)"; }
  rm -rf "$WORK/debian-root" "$ctx"
}

# registry_with_busybox: a plain registry (R=host:port) serving the busybox fixture as
# $R/busybox:latest (amd64, arm64, arm/v7); the layout stays in $WORK/busybox.
registry_with_busybox() {
  registry_start plain
  R=$REGISTRY
  fixture_busybox_layout "$WORK/busybox"
  skopeo copy -q --all --dest-tls-verify=false "oci:$WORK/busybox:latest" "docker://$R/busybox:latest" ||
    fail "push busybox"
}

# proxy_start RULE...: a fault-injecting proxy (tests/support/registry/fault_proxy.py) in front
# of $REGISTRY; sets PROXY (host:port) and PROXY_LOG (one "METHOD PATH STATUS" line a request).
proxy_start() {
  local dir
  dir=$(mktemp -d "$WORK/proxy-XXXXXX")
  PROXY_LOG=$dir/requests.log
  /usr/bin/python3 "$MANIFOLD_SOURCE_DIR/tests/support/registry/fault_proxy.py" "$REGISTRY" "$dir/port" "$PROXY_LOG" "$@" \
    2>"$dir/stderr" &
  PROXY_PIDS+=($!)
  for _ in $(seq 100); do [[ -s "$dir/port" ]] && break; sleep 0.05; done
  [[ -s "$dir/port" ]] || fail "the fault proxy did not start: $(cat "$dir/stderr")"
  PROXY=127.0.0.1:$(cat "$dir/port")
}
proxy_stop() {
  local p
  for p in "${PROXY_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  PROXY_PIDS=()
}
